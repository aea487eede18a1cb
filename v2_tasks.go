package pipedrive

import (
	"context"
	"encoding/json"
	"iter"
	"strconv"
)

// V2TasksService manages the tasks of projects (API v2).
type V2TasksService service

// V2Task is a task of a project.
type V2Task struct {
	ID               int    `json:"id"`
	Title            string `json:"title"`
	CreatorID        int    `json:"creator_id"`
	Description      string `json:"description"`
	ProjectID        int    `json:"project_id"`
	IsDone           bool   `json:"is_done"`
	IsMilestone      bool   `json:"is_milestone"`
	DueDate          Date   `json:"due_date"`
	StartDate        Date   `json:"start_date"`
	ParentTaskID     int    `json:"parent_task_id"`
	AssigneeIDs      []int  `json:"assignee_ids"`
	Priority         *int   `json:"priority"`
	AddTime          Time   `json:"add_time"`
	UpdateTime       Time   `json:"update_time"`
	MarkedAsDoneTime Time   `json:"marked_as_done_time"`
}

// V2TaskParams creates a task (Title and ProjectID required) or changes
// the fields that are set. Done and Milestone go as Pipedrive's 0/1.
type V2TaskParams struct {
	Title        Field[string] `json:"title,omitzero"`
	ProjectID    Field[int]    `json:"project_id,omitzero"`
	ParentTaskID Field[int]    `json:"parent_task_id,omitzero"`
	Description  Field[string] `json:"description,omitzero"`
	Done         Field[bool]   `json:"-"`
	Milestone    Field[bool]   `json:"-"`
	DueDate      Field[Date]   `json:"due_date,omitzero"`
	StartDate    Field[Date]   `json:"start_date,omitzero"`
	// AssigneeID is Pipedrive's single assignee; AssigneeIDs takes
	// several users.
	AssigneeID  Field[int]   `json:"assignee_id,omitzero"`
	AssigneeIDs Field[[]int] `json:"assignee_ids,omitzero"`
	// Priority is 0 or more.
	Priority Field[int] `json:"priority,omitzero"`
}

// MarshalJSON implements json.Marshaler: Done and Milestone go as 0/1.
func (p V2TaskParams) MarshalJSON() ([]byte, error) {
	type plain V2TaskParams
	flag := func(f Field[bool]) Field[int] {
		if v, ok := f.Value(); ok {
			if v {
				return Set(1)
			}
			return Set(0)
		}
		return Field[int]{}
	}
	return json.Marshal(struct {
		plain
		Done      Field[int] `json:"done,omitzero"`
		Milestone Field[int] `json:"milestone,omitzero"`
	}{plain(p), flag(p.Done), flag(p.Milestone)})
}

func (p *V2TaskParams) check(create bool) error {
	if p == nil {
		return invalid("params", "nil *V2TaskParams")
	}
	title, hasTitle := p.Title.Value()
	hasProject := p.ProjectID.IsSet()
	switch {
	case create && !hasTitle:
		return invalid("title", "empty: a task needs a title")
	case create && !hasProject:
		return invalid("project_id", "a task belongs to a project: ProjectID is required")
	case hasTitle && (isBlank(title) || len([]rune(title)) > 255):
		return invalid("title", "a task's title is 1 to 255 characters")
	}
	due, _ := p.DueDate.Value()
	start, _ := p.StartDate.Value()
	assignees, _ := p.AssigneeIDs.Value()
	var dates error
	for _, d := range []struct {
		f string
		d Date
	}{{"due_date", due}, {"start_date", start}} {
		if d.d != "" && !d.d.Valid() {
			dates = invalid(d.f, "%q is not a date YYYY-MM-DD", string(d.d))
		}
	}
	var priority error
	if n, ok := p.Priority.Value(); ok && n < 0 {
		priority = invalid("priority", "%d: a priority is 0 or more", n)
	}
	return firstInvalid(v2NotNull("title", p.Title), v2NotNull("project_id", p.ProjectID), v2NotNull("done", p.Done),
		v2NotNull("milestone", p.Milestone), v2NotNull("assignee_ids", p.AssigneeIDs), v2CheckIDField("project_id", p.ProjectID),
		nullableID("parent_task_id", p.ParentTaskID), nullableID("assignee_id", p.AssigneeID), dates, checkIDs("assignee_ids", assignees), priority)
}

// nullableID refuses a set id that is not positive; null clears it.
func nullableID(field string, f Field[int]) error {
	if v, ok := f.Value(); ok {
		return checkID(field, v)
	}
	return nil
}

// V2TaskListOptions filters V2.Tasks.List and All.
type V2TaskListOptions struct {
	ProjectID   int   `url:"project_id,omitempty"`
	AssigneeID  int   `url:"assignee_id,omitempty"`
	IsDone      *bool `url:"is_done,omitempty"`
	IsMilestone *bool `url:"is_milestone,omitempty"`
	// ParentTaskID keeps the subtasks of a task; "null" keeps top-level
	// tasks only.
	ParentTaskID string `url:"parent_task_id,omitempty"`
	V2ListOptions
}

func (o *V2TaskListOptions) validate() error {
	if o == nil {
		return nil
	}
	var parent error
	if o.ParentTaskID != "" && o.ParentTaskID != "null" {
		if n, err := strconv.Atoi(o.ParentTaskID); err != nil || n <= 0 {
			parent = invalid("parent_task_id", "%q is neither a task id nor \"null\"", o.ParentTaskID)
		}
	}
	return firstInvalid(checkOptionalID("project_id", o.ProjectID), checkOptionalID("assignee_id", o.AssigneeID), parent, o.V2ListOptions.validate())
}

// List returns one page of tasks.
//
// Pipedrive: GET /api/v2/tasks (https://developers.pipedrive.com/docs/api/v2/Tasks#getTasks).
// Token cost: 10.
func (s *V2TasksService) List(ctx context.Context, opts *V2TaskListOptions) ([]*V2Task, *Response, error) {
	return validated(opts.validate(), func() ([]*V2Task, *Response, error) {
		return listPage[V2Task](ctx, s.client, v2Path("tasks"), queryOf(opts), "")
	})
}

// All iterates over every task List returns.
//
// Pipedrive: GET /api/v2/tasks, once per page.
// Token cost: 10 per page.
func (s *V2TasksService) All(ctx context.Context, opts *V2TaskListOptions) iter.Seq2[*V2Task, error] {
	return allPages(ctx, cursorPages, opts, func(o *V2TaskListOptions) *string { return &o.Cursor }, s.List)
}

// Get returns a task.
//
// Pipedrive: GET /api/v2/tasks/{id} (https://developers.pipedrive.com/docs/api/v2/Tasks#getTask).
// Token cost: 1.
func (s *V2TasksService) Get(ctx context.Context, id int) (*V2Task, *Response, error) {
	return validated(checkID("id", id), func() (*V2Task, *Response, error) {
		return v1Get[V2Task](ctx, s.client, v2IDPath("tasks", id), "")
	})
}

// Create adds a task to a project.
//
// Pipedrive: POST /api/v2/tasks (https://developers.pipedrive.com/docs/api/v2/Tasks#addTask).
// Token cost: 5.
func (s *V2TasksService) Create(ctx context.Context, p *V2TaskParams) (*V2Task, *Response, error) {
	return validated(p.check(true), func() (*V2Task, *Response, error) {
		return v1Create[V2Task](ctx, s.client, v2Path("tasks"), p, "")
	})
}

// Update changes the fields of p that are set.
//
// Pipedrive: PATCH /api/v2/tasks/{id} (https://developers.pipedrive.com/docs/api/v2/Tasks#updateTask).
// Token cost: 5.
func (s *V2TasksService) Update(ctx context.Context, id int, p *V2TaskParams) (*V2Task, *Response, error) {
	return validated(firstInvalid(checkID("id", id), p.check(false)), func() (*V2Task, *Response, error) {
		return v1Patch[V2Task](ctx, s.client, v2IDPath("tasks", id), p)
	})
}

// Delete marks a task as deleted, with its subtasks.
//
// Pipedrive: DELETE /api/v2/tasks/{id} (https://developers.pipedrive.com/docs/api/v2/Tasks#deleteTask).
// Token cost: 3.
func (s *V2TasksService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return deletePath(ctx, s.client, v2IDPath("tasks", id))
}
