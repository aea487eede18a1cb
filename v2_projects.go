package pipedrive

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"strings"
)

// V2ProjectsService manages projects (API v2): list, get, create,
// update, delete, archive, search, changelog and permitted users.
type V2ProjectsService service

// V2TasksService manages the tasks of projects (API v2).
type V2TasksService service

// V2ProjectBoardsService manages project boards (API v2).
type V2ProjectBoardsService service

// V2ProjectPhasesService manages the phases of project boards (API v2).
type V2ProjectPhasesService service

// V2ProjectTemplatesService reads project templates (API v2).
type V2ProjectTemplatesService service

// V2ProjectStatus is a project's status.
type V2ProjectStatus string

// Project statuses.
const (
	ProjectOpen      V2ProjectStatus = "open"
	ProjectCompleted V2ProjectStatus = "completed"
	ProjectCanceled  V2ProjectStatus = "canceled"
)

var projectStatuses = []V2ProjectStatus{ProjectOpen, ProjectCompleted, ProjectCanceled}

// V2Project is a project.
type V2Project struct {
	ID          int             `json:"id"`
	Title       string          `json:"title"`
	Description string          `json:"description"`
	Status      V2ProjectStatus `json:"status"`
	BoardID     int             `json:"board_id"`
	PhaseID     int             `json:"phase_id"`
	OwnerID     int             `json:"owner_id"`
	StartDate   Date            `json:"start_date,omitempty"`
	EndDate     Date            `json:"end_date,omitempty"`
	DealIDs     []int           `json:"deal_ids"`
	PersonIDs   []int           `json:"person_ids"`
	OrgIDs      []int           `json:"org_ids"`
	LabelIDs    []int           `json:"label_ids"`
	// HealthStatus is Pipedrive's health indicator (nil when not set).
	HealthStatus     *int           `json:"health_status"`
	AddTime          Time           `json:"add_time"`
	UpdateTime       Time           `json:"update_time"`
	StatusChangeTime Time           `json:"status_change_time"`
	ArchiveTime      Time           `json:"archive_time"`
	CustomFields     V2CustomFields `json:"custom_fields"`
}

// V2ProjectCreateParams creates a project: Title is required; BoardID and
// PhaseID default to the first board and its first phase.
type V2ProjectCreateParams struct {
	Title        string          `json:"title"`
	Description  string          `json:"description,omitempty"`
	Status       V2ProjectStatus `json:"status,omitempty"`
	BoardID      int             `json:"board_id,omitempty"`
	PhaseID      int             `json:"phase_id,omitempty"`
	OwnerID      int             `json:"owner_id,omitempty"`
	StartDate    Date            `json:"start_date,omitempty"`
	EndDate      Date            `json:"end_date,omitempty"`
	DealIDs      []int           `json:"deal_ids,omitempty"`
	PersonIDs    []int           `json:"person_ids,omitempty"`
	OrgIDs       []int           `json:"org_ids,omitempty"`
	LabelIDs     []int           `json:"label_ids,omitempty"`
	TemplateID   int             `json:"template_id,omitempty"`
	CustomFields map[string]any  `json:"custom_fields,omitempty"`
}

func checkProjectDates(start, end Date) error {
	for _, d := range []struct {
		field string
		d     Date
	}{{"start_date", start}, {"end_date", end}} {
		if d.d != "" && !d.d.Valid() {
			return invalid(d.field, "%q is not a date YYYY-MM-DD", string(d.d))
		}
	}
	if start != "" && end != "" && end < start {
		return invalid("end_date", "%s is before start_date %s", end, start)
	}
	return nil
}

func checkProjectStatus(s V2ProjectStatus) error {
	if s == "" {
		return nil
	}
	return checkEnumList("status", []V2ProjectStatus{s}, projectStatuses...)
}

func (p *V2ProjectCreateParams) validate() error {
	if isBlank(p.Title) {
		return invalid("title", "empty: a project needs a title")
	}
	return firstInvalid(checkProjectStatus(p.Status), checkOptionalID("board_id", p.BoardID), checkOptionalID("phase_id", p.PhaseID),
		checkOptionalID("owner_id", p.OwnerID), checkOptionalID("template_id", p.TemplateID), checkProjectDates(p.StartDate, p.EndDate),
		checkIDs("deal_ids", p.DealIDs), checkIDs("person_ids", p.PersonIDs), checkIDs("org_ids", p.OrgIDs), checkIDs("label_ids", p.LabelIDs),
		v2CheckCustomValues(p.CustomFields))
}

// V2ProjectUpdateParams changes the fields that are set.
type V2ProjectUpdateParams struct {
	Title        Field[string]          `json:"title,omitzero"`
	Description  Field[string]          `json:"description,omitzero"`
	Status       Field[V2ProjectStatus] `json:"status,omitzero"`
	BoardID      Field[int]             `json:"board_id,omitzero"`
	PhaseID      Field[int]             `json:"phase_id,omitzero"`
	OwnerID      Field[int]             `json:"owner_id,omitzero"`
	StartDate    Field[Date]            `json:"start_date,omitzero"`
	EndDate      Field[Date]            `json:"end_date,omitzero"`
	DealIDs      Field[[]int]           `json:"deal_ids,omitzero"`
	PersonIDs    Field[[]int]           `json:"person_ids,omitzero"`
	OrgIDs       Field[[]int]           `json:"org_ids,omitzero"`
	LabelIDs     Field[[]int]           `json:"label_ids,omitzero"`
	HealthStatus Field[int]             `json:"health_status,omitzero"`
	CustomFields map[string]any         `json:"custom_fields,omitempty"`
}

func (p *V2ProjectUpdateParams) validate() error {
	if t, ok := p.Title.Value(); ok && isBlank(t) {
		return invalid("title", "empty: a project needs a title")
	}
	st, _ := p.Status.Value()
	start, _ := p.StartDate.Value()
	end, _ := p.EndDate.Value()
	board, _ := p.BoardID.Value()
	phase, _ := p.PhaseID.Value()
	owner, _ := p.OwnerID.Value()
	deals, _ := p.DealIDs.Value()
	persons, _ := p.PersonIDs.Value()
	orgs, _ := p.OrgIDs.Value()
	return firstInvalid(v2NotNull("title", p.Title), v2NotNull("status", p.Status), v2NotNull("board_id", p.BoardID),
		v2NotNull("phase_id", p.PhaseID), v2NotNull("owner_id", p.OwnerID), checkProjectStatus(st), checkProjectDates(start, end),
		checkOptionalID("board_id", board), checkOptionalID("phase_id", phase), checkOptionalID("owner_id", owner),
		checkIDs("deal_ids", deals), checkIDs("person_ids", persons), checkIDs("org_ids", orgs), v2CheckCustomValues(p.CustomFields))
}

// V2ProjectListOptions filters V2.Projects.List, All and Archived.
type V2ProjectListOptions struct {
	FilterID int `url:"filter_id,omitempty"`
	// Status keeps projects with one of these statuses.
	Status   []V2ProjectStatus `url:"status,comma,omitempty"`
	PhaseID  int               `url:"phase_id,omitempty"`
	DealID   int               `url:"deal_id,omitempty"`
	PersonID int               `url:"person_id,omitempty"`
	OrgID    int               `url:"org_id,omitempty"`
	V2ListOptions
}

func (o *V2ProjectListOptions) validate() error {
	if o == nil {
		return nil
	}
	for _, s := range o.Status {
		if err := checkProjectStatus(s); err != nil {
			return err
		}
	}
	return firstInvalid(checkOptionalID("filter_id", o.FilterID), checkOptionalID("phase_id", o.PhaseID), checkOptionalID("deal_id", o.DealID),
		checkOptionalID("person_id", o.PersonID), checkOptionalID("org_id", o.OrgID), o.V2ListOptions.validate())
}

// List returns one page of the projects that are not archived.
//
// Pipedrive: GET /api/v2/projects (https://developers.pipedrive.com/docs/api/v2/Projects#getProjects).
// Token cost: 10.
func (s *V2ProjectsService) List(ctx context.Context, opts *V2ProjectListOptions) ([]*V2Project, *Response, error) {
	return validated(opts.validate(), func() ([]*V2Project, *Response, error) {
		return listPage[V2Project](ctx, s.client, v2Path("projects"), queryOf(opts), "")
	})
}

// All iterates over every project List returns, fetching pages lazily.
//
// Pipedrive: GET /api/v2/projects, once per page.
// Token cost: 10 per page.
func (s *V2ProjectsService) All(ctx context.Context, opts *V2ProjectListOptions) iter.Seq2[*V2Project, error] {
	return allPages(ctx, cursorPages, opts, func(o *V2ProjectListOptions) *string { return &o.Cursor }, s.List)
}

// Archived returns one page of the archived projects (DealID, PersonID
// and OrgID do not apply).
//
// Pipedrive: GET /api/v2/projects/archived (https://developers.pipedrive.com/docs/api/v2/Projects#getArchivedProjects).
// Token cost: 10.
func (s *V2ProjectsService) Archived(ctx context.Context, opts *V2ProjectListOptions) ([]*V2Project, *Response, error) {
	check := opts.validate()
	if check == nil && opts != nil && (opts.DealID != 0 || opts.PersonID != 0 || opts.OrgID != 0) {
		check = invalid("deal_id", "archived projects are not filtered by deal, person or organization")
	}
	return validated(check, func() ([]*V2Project, *Response, error) {
		return listPage[V2Project](ctx, s.client, v2Path("projects", "archived"), queryOf(opts), "")
	})
}

// ArchivedAll iterates over every archived project.
//
// Pipedrive: GET /api/v2/projects/archived, once per page.
// Token cost: 10 per page.
func (s *V2ProjectsService) ArchivedAll(ctx context.Context, opts *V2ProjectListOptions) iter.Seq2[*V2Project, error] {
	return allPages(ctx, cursorPages, opts, func(o *V2ProjectListOptions) *string { return &o.Cursor }, s.Archived)
}

// Get returns a project.
//
// Pipedrive: GET /api/v2/projects/{id} (https://developers.pipedrive.com/docs/api/v2/Projects#getProject).
// Token cost: 1.
func (s *V2ProjectsService) Get(ctx context.Context, id int) (*V2Project, *Response, error) {
	return validated(checkID("id", id), func() (*V2Project, *Response, error) {
		return v1Get[V2Project](ctx, s.client, v2IDPath("projects", id), "")
	})
}

// Create adds a project.
//
// Pipedrive: POST /api/v2/projects (https://developers.pipedrive.com/docs/api/v2/Projects#addProject).
// Token cost: 5.
func (s *V2ProjectsService) Create(ctx context.Context, p *V2ProjectCreateParams) (*V2Project, *Response, error) {
	return validated(checkRequired(p, "params", "nil *V2ProjectCreateParams"), func() (*V2Project, *Response, error) {
		return v1Create[V2Project](ctx, s.client, v2Path("projects"), p, "")
	})
}

// Update changes the fields of p that are set.
//
// Pipedrive: PATCH /api/v2/projects/{id} (https://developers.pipedrive.com/docs/api/v2/Projects#updateProject).
// Token cost: 5.
func (s *V2ProjectsService) Update(ctx context.Context, id int, p *V2ProjectUpdateParams) (*V2Project, *Response, error) {
	return validated(firstInvalid(checkID("id", id), checkRequired(p, "params", "nil *V2ProjectUpdateParams")), func() (*V2Project, *Response, error) {
		return v1Patch[V2Project](ctx, s.client, v2IDPath("projects", id), p)
	})
}

// Delete removes a project and its tasks.
//
// Pipedrive: DELETE /api/v2/projects/{id} (https://developers.pipedrive.com/docs/api/v2/Projects#deleteProject).
// Token cost: 3.
func (s *V2ProjectsService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return deletePath(ctx, s.client, v2IDPath("projects", id))
}

// Archive archives a project: it leaves List for Archived.
//
// Pipedrive: POST /api/v2/projects/{id}/archive (https://developers.pipedrive.com/docs/api/v2/Projects#archiveProject).
// Token cost: 3.
func (s *V2ProjectsService) Archive(ctx context.Context, id int) (*V2Project, *Response, error) {
	return validated(checkID("id", id), func() (*V2Project, *Response, error) {
		return v1Create[V2Project](ctx, s.client, v2IDPath("projects", id)+"/archive", nil, "")
	})
}

// PermittedUsers returns the ids of the users who can see a project.
//
// Pipedrive: GET /api/v2/projects/{id}/permittedUsers (https://developers.pipedrive.com/docs/api/v2/Projects#getProjectUsers).
// Token cost: 5.
func (s *V2ProjectsService) PermittedUsers(ctx context.Context, id int) ([]int, *Response, error) {
	return validatedList(checkID("id", id), func() ([]int, *Response, error) {
		var out []int
		resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: v2IDPath("projects", id) + "/permittedUsers"}, &out)
		return out, resp, err
	})
}

// validatedList is validated for a plain slice answer.
func validatedList[T any](check error, call func() ([]T, *Response, error)) ([]T, *Response, error) {
	return validated(check, call)
}

// V2ProjectChange is one change of a project's fields.
type V2ProjectChange struct {
	Time                  Time           `json:"time"`
	ActorUserID           int            `json:"actor_user_id"`
	ChangeSource          string         `json:"change_source"`
	ChangeSourceUserAgent string         `json:"change_source_user_agent"`
	OldValues             map[string]any `json:"old_values"`
	NewValues             map[string]any `json:"new_values"`
}

// Changelog returns one page of a project's field changes, newest first.
//
// Pipedrive: GET /api/v2/projects/{id}/changelog (https://developers.pipedrive.com/docs/api/v2/Projects#getProjectChangelog).
// Token cost: 10.
func (s *V2ProjectsService) Changelog(ctx context.Context, id int, opts *V2ListOptions) ([]*V2ProjectChange, *Response, error) {
	return v2SubList[V2ProjectChange](ctx, s.client, checkID("id", id), v2IDPath("projects", id)+"/changelog", opts)
}

// ChangelogAll iterates over every change of a project.
//
// Pipedrive: GET /api/v2/projects/{id}/changelog, once per page.
// Token cost: 10 per page.
func (s *V2ProjectsService) ChangelogAll(ctx context.Context, id int, opts *V2ListOptions) iter.Seq2[*V2ProjectChange, error] {
	return v2SubAll(ctx, opts, func(ctx context.Context, o *V2ListOptions) ([]*V2ProjectChange, *Response, error) {
		return s.Changelog(ctx, id, o)
	})
}

// V2ProjectSearchOptions searches projects: Term (at least 2 characters,
// 1 with ExactMatch) is required.
type V2ProjectSearchOptions struct {
	Term string `url:"term"`
	// Fields are where to look: custom_fields, notes, title, description.
	Fields         []string `url:"fields,comma,omitempty"`
	ExactMatch     bool     `url:"exact_match,omitempty"`
	PersonID       int      `url:"person_id,omitempty"`
	OrganizationID int      `url:"organization_id,omitempty"`
	V2ListOptions
}

func (o *V2ProjectSearchOptions) validate() error {
	min := 2
	if o.ExactMatch {
		min = 1
	}
	if len([]rune(strings.TrimSpace(o.Term))) < min {
		return invalid("term", "%q: at least %d characters", o.Term, min)
	}
	for _, f := range o.Fields {
		if err := checkEnumList("fields", []string{f}, "custom_fields", "notes", "title", "description"); err != nil {
			return err
		}
	}
	return firstInvalid(checkOptionalID("person_id", o.PersonID), checkOptionalID("organization_id", o.OrganizationID), o.V2ListOptions.validate())
}

// V2ProjectSearchResult is a project found by Search, with its score.
type V2ProjectSearchResult struct {
	ResultScore float64 `json:"result_score"`
	Item        struct {
		ID      int    `json:"id"`
		Type    string `json:"type"`
		Title   string `json:"title"`
		Status  string `json:"status"`
		BoardID int    `json:"board_id"`
		Owner   struct {
			ID int `json:"id"`
		} `json:"owner"`
		Phase *struct {
			ID   int    `json:"id"`
			Name string `json:"name"`
		} `json:"phase"`
		Description string `json:"description"`
		EndDate     Date   `json:"end_date"`
		DealCount   int    `json:"deal_count"`
	} `json:"item"`
}

// Search finds projects by title, description, notes or custom fields.
//
// Pipedrive: GET /api/v2/projects/search (https://developers.pipedrive.com/docs/api/v2/Projects#searchProjects).
// Token cost: 20.
func (s *V2ProjectsService) Search(ctx context.Context, opts *V2ProjectSearchOptions) ([]*V2ProjectSearchResult, *Response, error) {
	return validated(checkRequired(opts, "term", "nil *V2ProjectSearchOptions"), func() ([]*V2ProjectSearchResult, *Response, error) {
		return searchPage[V2ProjectSearchResult](ctx, s.client, v2Path("projects", "search"), opts, "")
	})
}

// ---- tasks ----

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
	AssigneeIDs  Field[[]int]  `json:"assignee_ids,omitzero"`
	Priority     Field[int]    `json:"priority,omitzero"`
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
	project, hasProject := p.ProjectID.Value()
	switch {
	case create && !hasTitle:
		return invalid("title", "empty: a task needs a title")
	case create && !hasProject:
		return invalid("project_id", "a task belongs to a project: ProjectID is required")
	case hasTitle && (isBlank(title) || len([]rune(title)) > 255):
		return invalid("title", "a task's title is 1 to 255 characters")
	}
	parent, _ := p.ParentTaskID.Value()
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
	return firstInvalid(v2NotNull("title", p.Title), v2NotNull("project_id", p.ProjectID), checkOptionalID("project_id", project),
		checkOptionalID("parent_task_id", parent), dates, checkIDs("assignee_ids", assignees))
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
	return firstInvalid(checkOptionalID("project_id", o.ProjectID), checkOptionalID("assignee_id", o.AssigneeID), o.V2ListOptions.validate())
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

// Delete removes a task (and its subtasks).
//
// Pipedrive: DELETE /api/v2/tasks/{id} (https://developers.pipedrive.com/docs/api/v2/Tasks#deleteTask).
// Token cost: 3.
func (s *V2TasksService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return deletePath(ctx, s.client, v2IDPath("tasks", id))
}

// ---- boards, phases, templates ----

// V2ProjectBoard is a board projects move across.
type V2ProjectBoard struct {
	ID         int    `json:"id"`
	Name       string `json:"name"`
	OrderNr    int    `json:"order_nr"`
	AddTime    Time   `json:"add_time"`
	UpdateTime Time   `json:"update_time"`
}

// V2ProjectPhase is a phase (column) of a project board.
type V2ProjectPhase struct {
	ID         int    `json:"id"`
	Name       string `json:"name"`
	BoardID    int    `json:"board_id"`
	OrderNr    int    `json:"order_nr"`
	AddTime    Time   `json:"add_time"`
	UpdateTime Time   `json:"update_time"`
}

// V2ProjectBoardParams creates a board (Name required) or changes it.
type V2ProjectBoardParams struct {
	Name    string `json:"name,omitempty"`
	OrderNr int    `json:"order_nr,omitempty"`
}

// V2ProjectPhaseParams creates a phase (Name and BoardID required) or
// changes it.
type V2ProjectPhaseParams struct {
	Name    string `json:"name,omitempty"`
	BoardID int    `json:"board_id,omitempty"`
	OrderNr int    `json:"order_nr,omitempty"`
}

func checkBoardParams(p *V2ProjectBoardParams, create bool) error {
	switch {
	case p == nil:
		return invalid("params", "nil *V2ProjectBoardParams")
	case create && isBlank(p.Name):
		return invalid("name", "empty: a board needs a name")
	case !create && p.Name == "" && p.OrderNr == 0:
		return invalid("params", "nothing to change: set Name or OrderNr")
	}
	return checkOptionalID("order_nr", p.OrderNr)
}

func checkPhaseParams(p *V2ProjectPhaseParams, create bool) error {
	switch {
	case p == nil:
		return invalid("params", "nil *V2ProjectPhaseParams")
	case create && isBlank(p.Name):
		return invalid("name", "empty: a phase needs a name")
	case create && p.BoardID == 0:
		return invalid("board_id", "a phase belongs to a board: BoardID is required")
	case !create && p.Name == "" && p.OrderNr == 0 && p.BoardID == 0:
		return invalid("params", "nothing to change: set Name, BoardID or OrderNr")
	}
	return firstInvalid(checkOptionalID("board_id", p.BoardID), checkOptionalID("order_nr", p.OrderNr))
}

// List returns the project boards.
//
// Pipedrive: GET /api/v2/boards (https://developers.pipedrive.com/docs/api/v2/Projects#getProjectsBoards).
// Token cost: 10.
func (s *V2ProjectBoardsService) List(ctx context.Context) ([]*V2ProjectBoard, *Response, error) {
	return listPage[V2ProjectBoard](ctx, s.client, v2Path("boards"), nil, "")
}

// Get returns a board.
//
// Pipedrive: GET /api/v2/boards/{id} (https://developers.pipedrive.com/docs/api/v2/Projects#getProjectsBoard).
// Token cost: 10.
func (s *V2ProjectBoardsService) Get(ctx context.Context, id int) (*V2ProjectBoard, *Response, error) {
	return validated(checkID("id", id), func() (*V2ProjectBoard, *Response, error) {
		return v1Get[V2ProjectBoard](ctx, s.client, v2IDPath("boards", id), "")
	})
}

// Create adds a board.
//
// Pipedrive: POST /api/v2/boards (https://developers.pipedrive.com/docs/api/v2/Projects#addProjectBoard).
// Token cost: 5.
func (s *V2ProjectBoardsService) Create(ctx context.Context, p *V2ProjectBoardParams) (*V2ProjectBoard, *Response, error) {
	return validated(checkBoardParams(p, true), func() (*V2ProjectBoard, *Response, error) {
		return v1Create[V2ProjectBoard](ctx, s.client, v2Path("boards"), p, "")
	})
}

// Update renames or moves a board.
//
// Pipedrive: PATCH /api/v2/boards/{id} (https://developers.pipedrive.com/docs/api/v2/Projects#updateProjectBoard).
// Token cost: 5.
func (s *V2ProjectBoardsService) Update(ctx context.Context, id int, p *V2ProjectBoardParams) (*V2ProjectBoard, *Response, error) {
	return validated(firstInvalid(checkID("id", id), checkBoardParams(p, false)), func() (*V2ProjectBoard, *Response, error) {
		return v1Patch[V2ProjectBoard](ctx, s.client, v2IDPath("boards", id), p)
	})
}

// Delete removes a board that holds no projects, with its phases.
//
// Pipedrive: DELETE /api/v2/boards/{id} (https://developers.pipedrive.com/docs/api/v2/Projects#deleteProjectBoard).
// Token cost: 3.
func (s *V2ProjectBoardsService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return deletePath(ctx, s.client, v2IDPath("boards", id))
}

// List returns the phases of a board.
//
// Pipedrive: GET /api/v2/phases (https://developers.pipedrive.com/docs/api/v2/Projects#getProjectsPhases).
// Token cost: 10.
func (s *V2ProjectPhasesService) List(ctx context.Context, boardID int) ([]*V2ProjectPhase, *Response, error) {
	return validated(checkID("board_id", boardID), func() ([]*V2ProjectPhase, *Response, error) {
		return listPage[V2ProjectPhase](ctx, s.client, v2Path("phases"), struct {
			BoardID int `url:"board_id"`
		}{boardID}, "")
	})
}

// Get returns a phase.
//
// Pipedrive: GET /api/v2/phases/{id} (https://developers.pipedrive.com/docs/api/v2/Projects#getProjectsPhase).
// Token cost: 10.
func (s *V2ProjectPhasesService) Get(ctx context.Context, id int) (*V2ProjectPhase, *Response, error) {
	return validated(checkID("id", id), func() (*V2ProjectPhase, *Response, error) {
		return v1Get[V2ProjectPhase](ctx, s.client, v2IDPath("phases", id), "")
	})
}

// Create adds a phase to a board.
//
// Pipedrive: POST /api/v2/phases (https://developers.pipedrive.com/docs/api/v2/Projects#addProjectPhase).
// Token cost: 5.
func (s *V2ProjectPhasesService) Create(ctx context.Context, p *V2ProjectPhaseParams) (*V2ProjectPhase, *Response, error) {
	return validated(checkPhaseParams(p, true), func() (*V2ProjectPhase, *Response, error) {
		return v1Create[V2ProjectPhase](ctx, s.client, v2Path("phases"), p, "")
	})
}

// Update renames or moves a phase.
//
// Pipedrive: PATCH /api/v2/phases/{id} (https://developers.pipedrive.com/docs/api/v2/Projects#updateProjectPhase).
// Token cost: 5.
func (s *V2ProjectPhasesService) Update(ctx context.Context, id int, p *V2ProjectPhaseParams) (*V2ProjectPhase, *Response, error) {
	return validated(firstInvalid(checkID("id", id), checkPhaseParams(p, false)), func() (*V2ProjectPhase, *Response, error) {
		return v1Patch[V2ProjectPhase](ctx, s.client, v2IDPath("phases", id), p)
	})
}

// Delete removes a phase that holds no projects.
//
// Pipedrive: DELETE /api/v2/phases/{id} (https://developers.pipedrive.com/docs/api/v2/Projects#deleteProjectPhase).
// Token cost: 3.
func (s *V2ProjectPhasesService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return deletePath(ctx, s.client, v2IDPath("phases", id))
}

// V2ProjectTemplate is a template projects are created from.
type V2ProjectTemplate struct {
	ID              int    `json:"id"`
	Title           string `json:"title"`
	Description     string `json:"description"`
	ProjectsBoardID int    `json:"projects_board_id"`
	OwnerID         int    `json:"owner_id"`
	AddTime         Time   `json:"add_time"`
	UpdateTime      Time   `json:"update_time"`
}

// List returns one page of project templates.
//
// Pipedrive: GET /api/v2/projectTemplates (https://developers.pipedrive.com/docs/api/v2/Projects#getProjectTemplates).
// Token cost: 10.
func (s *V2ProjectTemplatesService) List(ctx context.Context, opts *V2ListOptions) ([]*V2ProjectTemplate, *Response, error) {
	return v2SubList[V2ProjectTemplate](ctx, s.client, nil, v2Path("projectTemplates"), opts)
}

// All iterates over every project template.
//
// Pipedrive: GET /api/v2/projectTemplates, once per page.
// Token cost: 10 per page.
func (s *V2ProjectTemplatesService) All(ctx context.Context, opts *V2ListOptions) iter.Seq2[*V2ProjectTemplate, error] {
	return v2SubAll(ctx, opts, s.List)
}

// Get returns a project template.
//
// Pipedrive: GET /api/v2/projectTemplates/{id} (https://developers.pipedrive.com/docs/api/v2/Projects#getProjectTemplate).
// Token cost: 1.
func (s *V2ProjectTemplatesService) Get(ctx context.Context, id int) (*V2ProjectTemplate, *Response, error) {
	return validated(checkID("id", id), func() (*V2ProjectTemplate, *Response, error) {
		return v1Get[V2ProjectTemplate](ctx, s.client, v2IDPath("projectTemplates", id), "")
	})
}
