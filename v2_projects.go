package pipedrive

import (
	"context"
	"iter"
	"net/http"
)

// V2ProjectsService manages projects (API v2): list, get, create,
// update, delete, archive, search, changelog and permitted users.
type V2ProjectsService service

// V2ProjectStatus is a project's status.
type V2ProjectStatus string

// Project statuses. ProjectDeleted is the status of a deleted project:
// only the Status filter of List and Archived takes it.
const (
	ProjectOpen      V2ProjectStatus = "open"
	ProjectCompleted V2ProjectStatus = "completed"
	ProjectCanceled  V2ProjectStatus = "canceled"
	ProjectDeleted   V2ProjectStatus = "deleted"
)

// projectStatuses are the statuses a project is created or updated with.
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
	Title       string          `json:"title"`
	Description string          `json:"description,omitempty"`
	Status      V2ProjectStatus `json:"status,omitempty"`
	BoardID     int             `json:"board_id,omitempty"`
	PhaseID     int             `json:"phase_id,omitempty"`
	OwnerID     int             `json:"owner_id,omitempty"`
	StartDate   Date            `json:"start_date,omitempty"`
	EndDate     Date            `json:"end_date,omitempty"`
	DealIDs     []int           `json:"deal_ids,omitempty"`
	PersonIDs   []int           `json:"person_ids,omitempty"`
	OrgIDs      []int           `json:"org_ids,omitempty"`
	LabelIDs    []int           `json:"label_ids,omitempty"`
	// HealthStatus is Pipedrive's health indicator (nil: not sent).
	HealthStatus *int `json:"health_status,omitempty"`
	// TemplateID creates the project from a template (create only).
	TemplateID   int            `json:"template_id,omitempty"`
	CustomFields map[string]any `json:"custom_fields,omitempty"`
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

// V2ProjectUpdateParams changes the fields that are set. Pipedrive's
// template_id only applies to a create: it is left out here.
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
	// Status keeps projects with one of these statuses; deleted projects
	// are only listed when it names ProjectDeleted.
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
	return firstInvalid(checkEnumList("status", o.Status, ProjectOpen, ProjectCompleted, ProjectCanceled, ProjectDeleted), checkOptionalID("filter_id", o.FilterID), checkOptionalID("phase_id", o.PhaseID), checkOptionalID("deal_id", o.DealID),
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

// Delete marks a project as deleted: List leaves it out unless its Status
// filter names ProjectDeleted.
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
	// Fields limits where to look (default: all): V2SearchFieldCustomFields,
	// V2SearchFieldNotes, V2SearchFieldTitle, V2SearchFieldDescription.
	Fields         []V2SearchField `url:"fields,comma,omitempty"`
	ExactMatch     bool            `url:"exact_match,omitempty"`
	PersonID       int             `url:"person_id,omitempty"`
	OrganizationID int             `url:"organization_id,omitempty"`
	V2ListOptions
}

func (o *V2ProjectSearchOptions) validate() error {
	return firstInvalid(checkSearchTerm(o.Term, o.ExactMatch),
		checkEnumList("fields", o.Fields, V2SearchFieldCustomFields, V2SearchFieldNotes, V2SearchFieldTitle, V2SearchFieldDescription),
		checkOptionalID("person_id", o.PersonID), checkOptionalID("organization_id", o.OrganizationID), o.V2ListOptions.validate())
}

// V2ProjectSearchResult is a project found by Search, with its score.
type V2ProjectSearchResult struct {
	ResultScore float64             `json:"result_score"`
	Item        V2ProjectSearchItem `json:"item"`
}

// V2ProjectSearchItem is the project inside a search hit (a smaller shape
// than V2Project). Phase, Person, Organization and Deal are zero when
// Pipedrive sends null.
type V2ProjectSearchItem struct {
	ID           int             `json:"id"`
	Type         string          `json:"type"`
	Title        string          `json:"title"`
	Status       V2ProjectStatus `json:"status"`
	Owner        V2SearchRef     `json:"owner"`
	BoardID      int             `json:"board_id"`
	Phase        V2SearchRef     `json:"phase"`
	Person       V2SearchRef     `json:"person"`
	Organization V2SearchRef     `json:"organization"`
	Deal         V2SearchRef     `json:"deal"`
	DealCount    int             `json:"deal_count"`
	Description  string          `json:"description"`
	EndDate      Date            `json:"end_date"`
	// CustomFields and Notes are the matching custom field values and notes.
	CustomFields []string `json:"custom_fields,omitempty"`
	Notes        []string `json:"notes,omitempty"`
}

// Search finds projects by title, description, notes or custom fields.
//
// Pipedrive: GET /api/v2/projects/search (https://developers.pipedrive.com/docs/api/v2/Projects#searchProjects).
// Token cost: 20.
func (s *V2ProjectsService) Search(ctx context.Context, opts *V2ProjectSearchOptions) ([]*V2ProjectSearchResult, *Response, error) {
	return validated(checkRequired(opts, "term", "empty: a search term is required"), func() ([]*V2ProjectSearchResult, *Response, error) {
		return searchPage[V2ProjectSearchResult](ctx, s.client, v2Path("projects", "search"), opts, "")
	})
}

// SearchAll iterates over every hit of a project search, fetching pages
// lazily.
//
// Pipedrive: GET /api/v2/projects/search, once per page.
// Token cost: 20 per page.
func (s *V2ProjectsService) SearchAll(ctx context.Context, opts *V2ProjectSearchOptions) iter.Seq2[*V2ProjectSearchResult, error] {
	return allPages(ctx, cursorPages, opts, func(o *V2ProjectSearchOptions) *string { return &o.Cursor }, s.Search)
}
