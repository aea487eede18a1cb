package pipedrive

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Bad project, task, board and phase input never reaches the network.
func TestProjectsRefused(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	v2 := env.client.V2
	errs := []error{
		second(v2.Projects.Create(ctx, nil)),
		second(v2.Projects.Create(ctx, &V2ProjectCreateParams{Title: " "})),
		second(v2.Projects.Create(ctx, &V2ProjectCreateParams{Title: "x", Status: "paused"})),
		second(v2.Projects.Create(ctx, &V2ProjectCreateParams{Title: "x", StartDate: "2026-12-31", EndDate: "2026-01-01"})),
		second(v2.Projects.Create(ctx, &V2ProjectCreateParams{Title: "x", DealIDs: []int{0}})),
		second(v2.Projects.Update(ctx, 1, &V2ProjectUpdateParams{Title: Null[string]()})),
		second(v2.Projects.Update(ctx, 0, &V2ProjectUpdateParams{})),
		second(v2.Projects.List(ctx, &V2ProjectListOptions{Status: []V2ProjectStatus{"x"}})),
		second(v2.Projects.Archived(ctx, &V2ProjectListOptions{DealID: 1})),
		second(v2.Projects.Search(ctx, &V2ProjectSearchOptions{Term: "a"})),
		second(v2.Projects.Search(ctx, &V2ProjectSearchOptions{Term: "ab", Fields: []V2SearchField{V2SearchFieldEmail}})),
		second(v2.Projects.Search(ctx, nil)),
		second(v2.Projects.Create(ctx, &V2ProjectCreateParams{Title: "x", Status: ProjectDeleted})),
		second(v2.Projects.Update(ctx, 1, &V2ProjectUpdateParams{Status: Set(ProjectDeleted)})),
		second(v2.Projects.Archived(ctx, &V2ProjectListOptions{Status: []V2ProjectStatus{ProjectOpen, ProjectOpen}})),
		second(v2.Projects.Archive(ctx, 0)),
		second(v2.Projects.PermittedUsers(ctx, -1)),
		second(v2.Projects.Changelog(ctx, 0, nil)),
		second(v2.Tasks.Create(ctx, &V2TaskParams{Title: Set("x")})),
		second(v2.Tasks.Create(ctx, &V2TaskParams{ProjectID: Set(1)})),
		second(v2.Tasks.Create(ctx, &V2TaskParams{Title: Set(""), ProjectID: Set(1)})),
		second(v2.Tasks.Update(ctx, 1, &V2TaskParams{DueDate: Set(Date("tomorrow"))})),
		second(v2.Tasks.Update(ctx, 1, nil)),
		second(v2.Tasks.Update(ctx, 1, &V2TaskParams{Priority: Set(-1)})),
		second(v2.Tasks.Update(ctx, 1, &V2TaskParams{Done: Null[bool]()})),
		second(v2.Tasks.Update(ctx, 1, &V2TaskParams{AssigneeID: Set(0)})),
		second(v2.Tasks.List(ctx, &V2TaskListOptions{ParentTaskID: "root"})),
		second(v2.Tasks.Get(ctx, 0)),
		second(v2.ProjectBoards.Get(ctx, -2)),
		second(v2.ProjectBoards.Create(ctx, &V2ProjectBoardParams{Name: "x", OrderNr: -1})),
		second(v2.ProjectPhases.Update(ctx, 1, &V2ProjectPhaseParams{})),
		second(v2.ProjectBoards.Create(ctx, &V2ProjectBoardParams{})),
		second(v2.ProjectBoards.Update(ctx, 1, &V2ProjectBoardParams{})),
		second(v2.ProjectPhases.Create(ctx, &V2ProjectPhaseParams{Name: "x"})),
		second(v2.ProjectPhases.List(ctx, 0)),
		second(v2.ProjectTemplates.Get(ctx, 0)),
		second(env.client.Projects.PlaceTask(ctx, 1, 2, &ProjectPlacement{})),
		second(env.client.Projects.PlaceActivity(ctx, 1, 0, &ProjectPlacement{PhaseID: 1})),
		second(env.client.Projects.Groups(ctx, 0)),
		second(env.client.Projects.Plan(ctx, 0)),
		second(env.client.Projects.Activities(ctx, -1)),
		second(env.client.Projects.Tasks(ctx, 0)),
		second(env.client.Fields.List(ctx, EntityProject, nil)),
		second(env.client.Fields.Get(ctx, EntityProject, 1)),
		second(v2.Fields.List(ctx, EntityProject, &V2FieldListOptions{V2FieldOptions: V2FieldOptions{IncludeFields: []string{V2FieldIncludeUIVisibility}}})),
		second(v2.Fields.Create(ctx, EntityProject, &V2FieldCreateParams{FieldName: "Risk", FieldType: "varchar", Description: "no"})),
	}
	_, err := v2.Tasks.Delete(ctx, 0)
	errs = append(errs, err)
	_, err = v2.ProjectPhases.Delete(ctx, 0)
	errs = append(errs, err)
	_, err = env.client.FieldSchema(ctx, EntityProject)
	errs = append(errs, err)
	for i, err := range errs {
		var ve *ValidationError
		assert.ErrorAs(t, err, &ve, "case %d", i)
	}
	assert.Zero(t, env.requests.Load())
}

// A task's Done and Milestone go as Pipedrive's 0/1; unset fields stay
// out of the body.
func TestTaskParamsWire(t *testing.T) {
	b, err := json.Marshal(&V2TaskParams{Title: Set("t"), ProjectID: Set(2), Done: Set(true), Milestone: Set(false)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"title":"t","project_id":2,"done":1,"milestone":0}`, string(b))
	b, err = json.Marshal(&V2TaskParams{Description: Null[string](), AssigneeID: Null[int]()})
	require.NoError(t, err)
	assert.JSONEq(t, `{"description":null,"assignee_id":null}`, string(b))
}
