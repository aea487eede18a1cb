package pipedrivetest_test

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/gopipedrive/pipedrive"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Boards, phases and templates: the board's phases, Pipedrive's rules
// on deleting what projects still use.
func TestConformanceProjectBoards(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	boards, _, err := c.V2.ProjectBoards.List(ctx)
	require.NoError(t, err)
	require.Len(t, boards, 1)
	b, _, err := c.V2.ProjectBoards.Create(ctx, &pipedrive.V2ProjectBoardParams{Name: "Implementation"})
	require.NoError(t, err)
	assert.Equal(t, 2, b.OrderNr)
	b, _, err = c.V2.ProjectBoards.Update(ctx, b.ID, &pipedrive.V2ProjectBoardParams{Name: "Rollout"})
	require.NoError(t, err)
	got, _, err := c.V2.ProjectBoards.Get(ctx, b.ID)
	require.NoError(t, err)
	assert.Equal(t, "Rollout", got.Name)

	ph, _, err := c.V2.ProjectPhases.Create(ctx, &pipedrive.V2ProjectPhaseParams{Name: "Kick-off", BoardID: b.ID})
	require.NoError(t, err)
	assert.Equal(t, 1, ph.OrderNr)
	ph, _, err = c.V2.ProjectPhases.Update(ctx, ph.ID, &pipedrive.V2ProjectPhaseParams{Name: "Kickoff"})
	require.NoError(t, err)
	gotPh, _, err := c.V2.ProjectPhases.Get(ctx, ph.ID)
	require.NoError(t, err)
	assert.Equal(t, "Kickoff", gotPh.Name)
	phases, _, err := c.V2.ProjectPhases.List(ctx, b.ID)
	require.NoError(t, err)
	assert.Len(t, phases, 1)
	_, _, err = c.V2.ProjectPhases.Create(ctx, &pipedrive.V2ProjectPhaseParams{Name: "X", BoardID: 999})
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)

	p, _, err := c.V2.Projects.Create(ctx, &pipedrive.V2ProjectCreateParams{Title: "On the new board", BoardID: b.ID})
	require.NoError(t, err)
	assert.Equal(t, ph.ID, p.PhaseID, "the board's first phase")
	_, err = c.V2.ProjectPhases.Delete(ctx, ph.ID)
	var apiErr *pipedrive.APIError
	require.ErrorAs(t, err, &apiErr, "a phase with projects stays")
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	_, err = c.V2.Projects.Delete(ctx, p.ID)
	require.NoError(t, err)
	_, err = c.V2.ProjectBoards.Delete(ctx, b.ID)
	require.NoError(t, err)
	_, _, err = c.V2.ProjectPhases.Get(ctx, ph.ID)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound, "a board's phases go with it")
	_, err = c.V2.ProjectPhases.Delete(ctx, 3)
	require.NoError(t, err)

	tpls, _, err := c.V2.ProjectTemplates.List(ctx, nil)
	require.NoError(t, err)
	require.NotEmpty(t, tpls)
	n := 0
	for _, err := range c.V2.ProjectTemplates.All(ctx, &pipedrive.V2ListOptions{Limit: 1}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, len(tpls), n)
	tpl, _, err := c.V2.ProjectTemplates.Get(ctx, tpls[0].ID)
	require.NoError(t, err)
	assert.Equal(t, 1, tpl.ProjectsBoardID)
}

// Projects and tasks: links, filters, archive, changelog, search, the v1
// plan, and project fields.
func TestConformanceProjects(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	deal, _, err := c.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "Rollout deal"})
	require.NoError(t, err)
	person, _, err := c.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{Name: "Pia Project"})
	require.NoError(t, err)
	p, _, err := c.V2.Projects.Create(ctx, &pipedrive.V2ProjectCreateParams{Title: "Acme rollout", Description: "Phase one",
		DealIDs: []int{deal.ID}, PersonIDs: []int{person.ID}, StartDate: "2026-12-01", EndDate: "2027-01-31"})
	require.NoError(t, err)
	assert.Equal(t, pipedrive.ProjectOpen, p.Status)
	assert.Equal(t, 1, p.BoardID)
	assert.Equal(t, pipedrive.Date("2027-01-31"), p.EndDate)
	other, _, err := c.V2.Projects.Create(ctx, &pipedrive.V2ProjectCreateParams{Title: "Globex pilot"})
	require.NoError(t, err)
	_, _, err = c.V2.Projects.Create(ctx, &pipedrive.V2ProjectCreateParams{Title: "Bad", DealIDs: []int{99999}})
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)

	byDeal, _, err := c.V2.Projects.List(ctx, &pipedrive.V2ProjectListOptions{DealID: deal.ID})
	require.NoError(t, err)
	require.Len(t, byDeal, 1)
	assert.Equal(t, p.ID, byDeal[0].ID)

	up, _, err := c.V2.Projects.Update(ctx, p.ID, &pipedrive.V2ProjectUpdateParams{Status: pipedrive.Set(pipedrive.ProjectCompleted), PhaseID: pipedrive.Set(2)})
	require.NoError(t, err)
	assert.Equal(t, pipedrive.ProjectCompleted, up.Status)
	changes, _, err := c.V2.Projects.Changelog(ctx, p.ID, nil)
	require.NoError(t, err)
	require.Len(t, changes, 1)
	assert.Equal(t, "completed", changes[0].NewValues["status"])
	assert.Equal(t, "open", changes[0].OldValues["status"])
	n := 0
	for _, err := range c.V2.Projects.ChangelogAll(ctx, p.ID, nil) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 1, n)
	completed, _, err := c.V2.Projects.List(ctx, &pipedrive.V2ProjectListOptions{Status: []pipedrive.V2ProjectStatus{pipedrive.ProjectCompleted}})
	require.NoError(t, err)
	assert.Len(t, completed, 1)

	found, _, err := c.V2.Projects.Search(ctx, &pipedrive.V2ProjectSearchOptions{Term: "acme"})
	require.NoError(t, err)
	require.Len(t, found, 1)
	assert.Equal(t, p.ID, found[0].Item.ID)
	users, _, err := c.V2.Projects.PermittedUsers(ctx, p.ID)
	require.NoError(t, err)
	assert.NotEmpty(t, users)
	got, _, err := c.V2.Projects.Get(ctx, p.ID)
	require.NoError(t, err)
	assert.Equal(t, "Phase one", got.Description)

	// Tasks and subtasks.
	task, _, err := c.V2.Tasks.Create(ctx, &pipedrive.V2TaskParams{Title: pipedrive.Set("Ship hardware"), ProjectID: pipedrive.Set(p.ID),
		DueDate: pipedrive.Set(pipedrive.Date("2026-12-20")), AssigneeIDs: pipedrive.Set([]int{1})})
	require.NoError(t, err)
	assert.False(t, task.IsDone)
	sub, _, err := c.V2.Tasks.Create(ctx, &pipedrive.V2TaskParams{Title: pipedrive.Set("Pack"), ProjectID: pipedrive.Set(p.ID), ParentTaskID: pipedrive.Set(task.ID)})
	require.NoError(t, err)
	_, _, err = c.V2.Tasks.Create(ctx, &pipedrive.V2TaskParams{Title: pipedrive.Set("Too deep"), ProjectID: pipedrive.Set(p.ID), ParentTaskID: pipedrive.Set(sub.ID)})
	var apiErr *pipedrive.APIError
	require.ErrorAs(t, err, &apiErr, "subtasks are one level deep")
	done, _, err := c.V2.Tasks.Update(ctx, sub.ID, &pipedrive.V2TaskParams{Done: pipedrive.Set(true)})
	require.NoError(t, err)
	assert.True(t, done.IsDone)
	assert.False(t, done.MarkedAsDoneTime.IsZero())
	gotTask, _, err := c.V2.Tasks.Get(ctx, task.ID)
	require.NoError(t, err)
	assert.Equal(t, []int{1}, gotTask.AssigneeIDs)
	top, _, err := c.V2.Tasks.List(ctx, &pipedrive.V2TaskListOptions{ProjectID: p.ID, ParentTaskID: "null"})
	require.NoError(t, err)
	assert.Len(t, top, 1)
	n = 0
	for _, err := range c.V2.Tasks.All(ctx, &pipedrive.V2TaskListOptions{V2ListOptions: pipedrive.V2ListOptions{Limit: 1}}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 2, n)

	// The v1 plan: groups, placing a task and an activity.
	groups, _, err := c.Projects.Groups(ctx, p.ID)
	require.NoError(t, err)
	require.NotEmpty(t, groups)
	act, _, err := c.V2.Activities.Create(ctx, &pipedrive.V2ActivityCreateParams{Subject: "Site visit", Type: "meeting"})
	require.NoError(t, err)
	placed, _, err := c.Projects.PlaceActivity(ctx, p.ID, act.ID, &pipedrive.ProjectPlacement{PhaseID: 3, GroupID: groups[0].ID})
	require.NoError(t, err)
	assert.Equal(t, "activity", placed.ItemType)
	_, _, err = c.Projects.PlaceTask(ctx, p.ID, task.ID, &pipedrive.ProjectPlacement{PhaseID: 3})
	require.NoError(t, err)
	plan, _, err := c.Projects.Plan(ctx, p.ID)
	require.NoError(t, err)
	assert.Len(t, plan, 3, "two tasks and the activity")
	acts, _, err := c.Projects.Activities(ctx, p.ID)
	require.NoError(t, err)
	require.Len(t, acts, 1)
	assert.Equal(t, "Site visit", acts[0].Subject)
	tasks, _, err := c.Projects.Tasks(ctx, p.ID)
	require.NoError(t, err)
	assert.Len(t, tasks, 2)

	// Archive, then delete: the tasks go with the project.
	arch, _, err := c.V2.Projects.Archive(ctx, other.ID)
	require.NoError(t, err)
	assert.False(t, arch.ArchiveTime.IsZero())
	archived, _, err := c.V2.Projects.Archived(ctx, nil)
	require.NoError(t, err)
	require.Len(t, archived, 1)
	n = 0
	for _, err := range c.V2.Projects.ArchivedAll(ctx, nil) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 1, n)
	n = 0
	for _, err := range c.V2.Projects.All(ctx, &pipedrive.V2ProjectListOptions{V2ListOptions: pipedrive.V2ListOptions{Limit: 1}}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 1, n, "archived projects leave the list")
	_, err = c.V2.Tasks.Delete(ctx, task.ID)
	require.NoError(t, err)
	_, _, err = c.V2.Tasks.Get(ctx, sub.ID)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound, "subtasks go with their task")
	_, err = c.V2.Projects.Delete(ctx, p.ID)
	require.NoError(t, err)
	_, _, err = c.V2.Projects.Get(ctx, p.ID)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
}

// Project fields: API v2 only, written like the other entities' fields.
func TestConformanceProjectFields(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	all, _, err := c.V2.Fields.List(ctx, pipedrive.EntityProject, nil)
	require.NoError(t, err)
	require.NotEmpty(t, all)
	f, _, err := c.V2.Fields.Create(ctx, pipedrive.EntityProject, &pipedrive.V2FieldCreateParams{FieldName: "Risk", FieldType: pipedrive.FieldTypeEnum,
		Options: []pipedrive.V2FieldOptionLabel{{Label: "Low"}, {Label: "High"}}})
	require.NoError(t, err)
	got, _, err := c.V2.Fields.Get(ctx, pipedrive.EntityProject, f.FieldCode, nil)
	require.NoError(t, err)
	assert.Equal(t, "Risk", got.FieldName)
	_, _, err = c.V2.Fields.Update(ctx, pipedrive.EntityProject, f.FieldCode, &pipedrive.V2FieldUpdateParams{FieldName: "Risk level"})
	require.NoError(t, err)
	opts, _, err := c.V2.Fields.AddOptions(ctx, pipedrive.EntityProject, f.FieldCode, "Medium")
	require.NoError(t, err)
	require.NotEmpty(t, opts)
	_, _, err = c.V2.Fields.UpdateOptions(ctx, pipedrive.EntityProject, f.FieldCode, pipedrive.V2FieldOptionChange{ID: opts[0].ID, Label: "Moderate"})
	require.NoError(t, err)
	_, _, err = c.V2.Fields.DeleteOptions(ctx, pipedrive.EntityProject, f.FieldCode, opts[0].ID)
	require.NoError(t, err)
	_, _, err = c.V2.Fields.Delete(ctx, pipedrive.EntityProject, f.FieldCode)
	require.NoError(t, err)
	_, _, err = c.Fields.List(ctx, pipedrive.EntityProject, nil)
	var ve *pipedrive.ValidationError
	assert.ErrorAs(t, err, &ve, "API v1 has no project fields")
}

// Custom fields, search hits, linked activities and Pipedrive's delete
// (the project is marked deleted: only the "deleted" status filter still
// lists it).
func TestConformanceProjectDetails(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	region, _, err := c.V2.Fields.Create(ctx, pipedrive.EntityProject, &pipedrive.V2FieldCreateParams{FieldName: "Region", FieldType: pipedrive.FieldTypeVarchar})
	require.NoError(t, err)
	sponsor, _, err := c.V2.Fields.Create(ctx, pipedrive.EntityProject, &pipedrive.V2FieldCreateParams{FieldName: "Sponsor", FieldType: pipedrive.FieldTypeVarchar})
	require.NoError(t, err)
	def, _, err := c.V2.Fields.Get(ctx, pipedrive.EntityProject, region.FieldCode, nil)
	require.NoError(t, err)
	assert.NotEmpty(t, def.UIVisibility, "project fields always carry ui_visibility")
	assert.Empty(t, def.Description)

	person, _, err := c.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{Name: "Ada Sponsor"})
	require.NoError(t, err)
	health := 10
	p, _, err := c.V2.Projects.Create(ctx, &pipedrive.V2ProjectCreateParams{Title: "Rollout north", PersonIDs: []int{person.ID},
		HealthStatus: &health, CustomFields: map[string]any{region.FieldCode: "EMEA"}})
	require.NoError(t, err)
	require.NotNil(t, p.HealthStatus)
	assert.Equal(t, 10, *p.HealthStatus)
	p, _, err = c.V2.Projects.Update(ctx, p.ID, &pipedrive.V2ProjectUpdateParams{CustomFields: map[string]any{sponsor.FieldCode: "Ada"}})
	require.NoError(t, err)
	got, ok := p.CustomFields.Text(region.FieldCode)
	assert.True(t, ok)
	assert.Equal(t, "EMEA", got, "an update changes the custom fields it names only")
	got, _ = p.CustomFields.Text(sponsor.FieldCode)
	assert.Equal(t, "Ada", got)
	_, _, err = c.V2.Projects.Create(ctx, &pipedrive.V2ProjectCreateParams{Title: "Bad", CustomFields: map[string]any{"0123456789abcdef0123456789abcdef01234567": "x"}})
	var apiErr *pipedrive.APIError
	require.ErrorAs(t, err, &apiErr, "unknown custom field")
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)

	// Search: custom field values and notes are hits; the linked person
	// comes along.
	south, _, err := c.V2.Projects.Create(ctx, &pipedrive.V2ProjectCreateParams{Title: "Rollout south"})
	require.NoError(t, err)
	_, _, err = c.Notes.Create(ctx, &pipedrive.NoteCreateParams{Content: "Kickoff minutes", ProjectID: south.ID})
	require.NoError(t, err)
	found, _, err := c.V2.Projects.Search(ctx, &pipedrive.V2ProjectSearchOptions{Term: "minutes", Fields: []pipedrive.V2SearchField{pipedrive.V2SearchFieldNotes}})
	require.NoError(t, err)
	require.Len(t, found, 1)
	assert.Equal(t, south.ID, found[0].Item.ID)
	assert.Equal(t, []string{"Kickoff minutes"}, found[0].Item.Notes)
	found, _, err = c.V2.Projects.Search(ctx, &pipedrive.V2ProjectSearchOptions{Term: "emea"})
	require.NoError(t, err)
	require.Len(t, found, 1)
	assert.Equal(t, []string{"EMEA"}, found[0].Item.CustomFields)
	assert.Equal(t, person.ID, found[0].Item.Person.ID)
	assert.Equal(t, "Ada Sponsor", found[0].Item.Person.Name)
	n := 0
	for hit, err := range c.V2.Projects.SearchAll(ctx, &pipedrive.V2ProjectSearchOptions{Term: "rollout", V2ListOptions: pipedrive.V2ListOptions{Limit: 1}}) {
		require.NoError(t, err)
		assert.Equal(t, pipedrive.ProjectOpen, hit.Item.Status)
		n++
	}
	assert.Equal(t, 2, n)

	// An activity linked by project_id is in the project's plan.
	act, _, err := c.V2.Activities.Create(ctx, &pipedrive.V2ActivityCreateParams{Subject: "Workshop", Type: "meeting", ProjectID: p.ID})
	require.NoError(t, err)
	acts, _, err := c.Projects.Activities(ctx, p.ID)
	require.NoError(t, err)
	require.Len(t, acts, 1)
	assert.Equal(t, act.ID, acts[0].ID)
	assert.Equal(t, p.ID, acts[0].ProjectID)
	plan, _, err := c.Projects.Plan(ctx, p.ID)
	require.NoError(t, err)
	require.Len(t, plan, 1)
	assert.Equal(t, "activity", plan[0].ItemType)
	assert.Equal(t, p.PhaseID, plan[0].PhaseID)

	// Tasks: the single assignee, priority, the subtasks of one task.
	task, _, err := c.V2.Tasks.Create(ctx, &pipedrive.V2TaskParams{Title: pipedrive.Set("Plan"), ProjectID: pipedrive.Set(p.ID),
		AssigneeID: pipedrive.Set(1), Priority: pipedrive.Set(2), Milestone: pipedrive.Set(true)})
	require.NoError(t, err)
	assert.Equal(t, []int{1}, task.AssigneeIDs)
	assert.True(t, task.IsMilestone)
	require.NotNil(t, task.Priority)
	assert.Equal(t, 2, *task.Priority)
	_, _, err = c.V2.Tasks.Create(ctx, &pipedrive.V2TaskParams{Title: pipedrive.Set("Sub"), ProjectID: pipedrive.Set(p.ID), ParentTaskID: pipedrive.Set(task.ID)})
	require.NoError(t, err)
	subs, _, err := c.V2.Tasks.List(ctx, &pipedrive.V2TaskListOptions{ParentTaskID: strconv.Itoa(task.ID)})
	require.NoError(t, err)
	require.Len(t, subs, 1)
	assert.Equal(t, "Sub", subs[0].Title)
	task, _, err = c.V2.Tasks.Update(ctx, task.ID, &pipedrive.V2TaskParams{AssigneeID: pipedrive.Null[int](), AssigneeIDs: pipedrive.Set([]int{})})
	require.NoError(t, err)
	assert.Empty(t, task.AssigneeIDs)
	v1Tasks, _, err := c.Projects.Tasks(ctx, p.ID)
	require.NoError(t, err)
	assert.Len(t, v1Tasks, 2)

	// Delete marks the project deleted.
	_, err = c.V2.Projects.Delete(ctx, p.ID)
	require.NoError(t, err)
	_, _, err = c.V2.Projects.Get(ctx, p.ID)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
	_, err = c.V2.Projects.Delete(ctx, p.ID)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
	_, _, err = c.Projects.Tasks(ctx, p.ID)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
	_, _, err = c.V2.Tasks.Get(ctx, task.ID)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound, "a deleted project's tasks go")
	open, _, err := c.V2.Projects.List(ctx, nil)
	require.NoError(t, err)
	for _, x := range open {
		assert.NotEqual(t, p.ID, x.ID)
	}
	deleted, _, err := c.V2.Projects.List(ctx, &pipedrive.V2ProjectListOptions{Status: []pipedrive.V2ProjectStatus{pipedrive.ProjectDeleted}})
	require.NoError(t, err)
	require.Len(t, deleted, 1)
	assert.Equal(t, p.ID, deleted[0].ID)
	assert.Equal(t, pipedrive.ProjectDeleted, deleted[0].Status)
	found, _, err = c.V2.Projects.Search(ctx, &pipedrive.V2ProjectSearchOptions{Term: "north"})
	require.NoError(t, err)
	assert.Empty(t, found)
}
