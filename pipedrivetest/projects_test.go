package pipedrivetest_test

import (
	"net/http"
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
