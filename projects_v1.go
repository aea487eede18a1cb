package pipedrive

import (
	"context"
	"strconv"
)

// ProjectsService holds the project operations that only API v1 has: a
// project's plan, groups, activities and tasks (projects themselves:
// Client.V2.Projects).
type ProjectsService service

// ProjectGroup is a group of a project's plan.
type ProjectGroup struct {
	ID      int    `json:"id"`
	Name    string `json:"name"`
	OrderNr int    `json:"order_nr"`
}

// ProjectPlanItem places an activity or a task of a project in a phase
// and a group.
type ProjectPlanItem struct {
	ItemID int `json:"item_id"`
	// ItemType is "activity" or "task".
	ItemType string `json:"item_type"`
	PhaseID  int    `json:"phase_id"`
	GroupID  int    `json:"group_id"`
}

// ProjectPlacement moves a plan item: to a phase, a group, or both.
type ProjectPlacement struct {
	PhaseID int `json:"phase_id,omitempty"`
	GroupID int `json:"group_id,omitempty"`
}

// ProjectTask is a task of a project as API v1 lists it.
type ProjectTask struct {
	ID           int      `json:"id"`
	Title        string   `json:"title"`
	ProjectID    int      `json:"project_id"`
	Description  string   `json:"description"`
	ParentTaskID int      `json:"parent_task_id"`
	AssigneeID   int      `json:"assignee_id"`
	AssigneeIDs  []int    `json:"assignee_ids"`
	Done         FlexBool `json:"done"`
	DueDate      Date     `json:"due_date"`
	CreatorID    int      `json:"creator_id"`
	AddTime      Time     `json:"add_time"`
	UpdateTime   Time     `json:"update_time"`
	// MarkedAsDoneTime is zero while the task is not done.
	MarkedAsDoneTime Time `json:"marked_as_done_time"`
}

func projectPath(id int, rest ...string) string {
	return v1Path(append([]string{"projects", strconv.Itoa(id)}, rest...)...)
}

// Groups returns the groups of a project's plan.
//
// Pipedrive: GET /api/v1/projects/{id}/groups (https://developers.pipedrive.com/docs/api/v1/Projects#getProjectGroups).
// Token cost: 20.
func (s *ProjectsService) Groups(ctx context.Context, id int) ([]*ProjectGroup, *Response, error) {
	return validated(checkID("id", id), func() ([]*ProjectGroup, *Response, error) {
		return listPage[ProjectGroup](ctx, s.client, projectPath(id, "groups"), nil, "")
	})
}

// Plan returns where each activity and task of a project stands.
//
// Pipedrive: GET /api/v1/projects/{id}/plan (https://developers.pipedrive.com/docs/api/v1/Projects#getProjectPlan).
// Token cost: 20.
func (s *ProjectsService) Plan(ctx context.Context, id int) ([]*ProjectPlanItem, *Response, error) {
	return validated(checkID("id", id), func() ([]*ProjectPlanItem, *Response, error) {
		return listPage[ProjectPlanItem](ctx, s.client, projectPath(id, "plan"), nil, "")
	})
}

func (p *ProjectPlacement) check() error {
	if p == nil || (p.PhaseID == 0 && p.GroupID == 0) {
		return invalid("params", "nothing to move: set PhaseID or GroupID")
	}
	return firstInvalid(checkOptionalID("phase_id", p.PhaseID), checkOptionalID("group_id", p.GroupID))
}

// PlaceActivity moves an activity of a project's plan to a phase or a
// group (adding it to the plan if needed).
//
// Pipedrive: PUT /api/v1/projects/{id}/plan/activities/{activityId} (https://developers.pipedrive.com/docs/api/v1/Projects#putProjectPlanActivity).
// Token cost: 10.
func (s *ProjectsService) PlaceActivity(ctx context.Context, id, activityID int, p *ProjectPlacement) (*ProjectPlanItem, *Response, error) {
	return validated(firstInvalid(checkID("id", id), checkID("activity_id", activityID), p.check()), func() (*ProjectPlanItem, *Response, error) {
		return v1Update[ProjectPlanItem](ctx, s.client, projectPath(id, "plan", "activities", strconv.Itoa(activityID)), p, "")
	})
}

// PlaceTask moves a task of a project's plan to a phase or a group.
//
// Pipedrive: PUT /api/v1/projects/{id}/plan/tasks/{taskId} (https://developers.pipedrive.com/docs/api/v1/Projects#putProjectPlanTask).
// Token cost: 10.
func (s *ProjectsService) PlaceTask(ctx context.Context, id, taskID int, p *ProjectPlacement) (*ProjectPlanItem, *Response, error) {
	return validated(firstInvalid(checkID("id", id), checkID("task_id", taskID), p.check()), func() (*ProjectPlanItem, *Response, error) {
		return v1Update[ProjectPlanItem](ctx, s.client, projectPath(id, "plan", "tasks", strconv.Itoa(taskID)), p, "")
	})
}

// Activities returns the activities linked to a project (API v1 shape).
//
// Pipedrive: GET /api/v1/projects/{id}/activities (https://developers.pipedrive.com/docs/api/v1/Projects#getProjectActivities).
// Token cost: 20.
func (s *ProjectsService) Activities(ctx context.Context, id int) ([]*Activity, *Response, error) {
	return validated(checkID("id", id), func() ([]*Activity, *Response, error) {
		return listPage[Activity](ctx, s.client, projectPath(id, "activities"), nil, "")
	})
}

// Tasks returns the tasks of a project (API v1 shape; V2.Tasks.List
// with ProjectID pages them).
//
// Pipedrive: GET /api/v1/projects/{id}/tasks (https://developers.pipedrive.com/docs/api/v1/Projects#getProjectTasks).
// Token cost: 20.
func (s *ProjectsService) Tasks(ctx context.Context, id int) ([]*ProjectTask, *Response, error) {
	return validated(checkID("id", id), func() ([]*ProjectTask, *Response, error) {
		return listPage[ProjectTask](ctx, s.client, projectPath(id, "tasks"), nil, "")
	})
}
