package pipedrive

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"time"
)

// V2OrganizationsService talks to Pipedrive's API v2 organization endpoints
// (/api/v2/organizations), which replace the retired v1 ones.
type V2OrganizationsService service

// V2Organization is an organization as API v2 returns it.
type V2Organization struct {
	ID         int       `json:"id"`
	Name       string    `json:"name"`
	OwnerID    int       `json:"owner_id,omitempty"`
	AddTime    time.Time `json:"add_time,omitzero"`
	UpdateTime time.Time `json:"update_time,omitzero"`
	IsDeleted  bool      `json:"is_deleted"`
	// Address is an object in v2 (a string in v1); nil when unset.
	Address   *V2Address   `json:"address,omitempty"`
	VisibleTo V2Visibility `json:"visible_to,omitempty"`
	LabelIDs  []int        `json:"label_ids,omitempty"`
	Website   string       `json:"website,omitempty"`
	LinkedIn  string       `json:"linkedin,omitempty"`
	// Industry is an option id of the industry field (0 when unset).
	Industry      int `json:"industry,omitempty"`
	AnnualRevenue int `json:"annual_revenue,omitempty"`
	EmployeeCount int `json:"employee_count,omitempty"`
	// CustomFields holds the custom field values by 40-hex key.
	CustomFields V2CustomFields `json:"custom_fields,omitempty"`

	// The fields below are only sent when asked for with IncludeFields.

	NextActivityID          int    `json:"next_activity_id,omitempty"`
	LastActivityID          int    `json:"last_activity_id,omitempty"`
	OpenDealsCount          int    `json:"open_deals_count,omitempty"`
	RelatedOpenDealsCount   int    `json:"related_open_deals_count,omitempty"`
	ClosedDealsCount        int    `json:"closed_deals_count,omitempty"`
	RelatedClosedDealsCount int    `json:"related_closed_deals_count,omitempty"`
	EmailMessagesCount      int    `json:"email_messages_count,omitempty"`
	PeopleCount             int    `json:"people_count,omitempty"`
	ActivitiesCount         int    `json:"activities_count,omitempty"`
	DoneActivitiesCount     int    `json:"done_activities_count,omitempty"`
	UndoneActivitiesCount   int    `json:"undone_activities_count,omitempty"`
	FilesCount              int    `json:"files_count,omitempty"`
	NotesCount              int    `json:"notes_count,omitempty"`
	FollowersCount          int    `json:"followers_count,omitempty"`
	WonDealsCount           int    `json:"won_deals_count,omitempty"`
	RelatedWonDealsCount    int    `json:"related_won_deals_count,omitempty"`
	LostDealsCount          int    `json:"lost_deals_count,omitempty"`
	RelatedLostDealsCount   int    `json:"related_lost_deals_count,omitempty"`
	SmartBCCEmail           string `json:"smart_bcc_email,omitempty"`
}

// V2OrganizationListOptions filters V2.Organizations.List and All. When
// FilterID is set, Pipedrive ignores the other filters.
type V2OrganizationListOptions struct {
	FilterID int `url:"filter_id,omitempty"`
	// IDs fetches these organizations only (at most 100), sent
	// comma-separated.
	IDs     []int `url:"ids,comma,omitempty"`
	OwnerID int   `url:"owner_id,omitempty"`
	// UpdatedSince and UpdatedUntil bound update_time (since ≤ t < until);
	// they are sent in RFC 3339, in UTC.
	UpdatedSince time.Time `url:"updated_since,omitempty"`
	UpdatedUntil time.Time `url:"updated_until,omitempty"`
	// SortBy is id (default), add_time or update_time.
	SortBy        V2SortBy        `url:"sort_by,omitempty"`
	SortDirection V2SortDirection `url:"sort_direction,omitempty"`
	// IncludeFields asks for optional fields such as people_count,
	// open_deals_count, activities_count or smart_bcc_email (see the
	// V2Organization fields).
	IncludeFields []string `url:"include_fields,comma,omitempty"`
	// CustomFields limits the custom fields returned to these keys (at
	// most 15).
	CustomFields []string `url:"custom_fields,comma,omitempty"`
	V2ListOptions
}

func (o *V2OrganizationListOptions) query() (*V2OrganizationListOptions, error) {
	if o == nil {
		return nil, nil
	}
	if err := firstInvalid(
		checkOptionalID("filter_id", o.FilterID),
		v2CheckIDList(o.IDs),
		checkOptionalID("owner_id", o.OwnerID),
		v2CheckTimeRange(o.UpdatedSince, o.UpdatedUntil),
		v2CheckSort(o.SortBy, o.SortDirection),
		v2CheckCustomFieldKeys(o.CustomFields),
		o.V2ListOptions.validate(),
	); err != nil {
		return nil, err
	}
	q := *o
	q.UpdatedSince, q.UpdatedUntil = v2UTC(o.UpdatedSince), v2UTC(o.UpdatedUntil)
	return &q, nil
}

// List returns one page of organizations. Pass Response.NextCursor as
// Cursor to get the next page, or use All.
//
// Pipedrive: GET /api/v2/organizations (https://developers.pipedrive.com/docs/api/v1/Organizations#getOrganizations, API v2).
// Token cost: 10.
func (s *V2OrganizationsService) List(ctx context.Context, opts *V2OrganizationListOptions) ([]*V2Organization, *Response, error) {
	q, err := opts.query()
	if err != nil {
		return nil, nil, err
	}
	return listPage[V2Organization](ctx, s.client, v2Path("organizations"), queryOf(q), "")
}

// All iterates over every organization List returns, fetching pages lazily
// from opts.Cursor on. It yields an error once and stops.
//
// Pipedrive: GET /api/v2/organizations, once per page (https://developers.pipedrive.com/docs/api/v1/Organizations#getOrganizations, API v2).
// Token cost: 10 per page.
func (s *V2OrganizationsService) All(ctx context.Context, opts *V2OrganizationListOptions) iter.Seq2[*V2Organization, error] {
	return allPages(ctx, cursorPages, opts, func(o *V2OrganizationListOptions) *string { return &o.Cursor }, s.List)
}

// Get returns one organization. To get the optional fields, call List with
// IDs and IncludeFields.
//
// Pipedrive: GET /api/v2/organizations/{id} (https://developers.pipedrive.com/docs/api/v1/Organizations#getOrganization, API v2).
// Token cost: 1.
func (s *V2OrganizationsService) Get(ctx context.Context, id int) (*V2Organization, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	return doOne[V2Organization](ctx, s.client, &request{method: http.MethodGet, path: v2IDPath("organizations", id)})
}

// V2OrganizationCreateParams are the fields of a new organization; Name is
// required. Zero values are not sent.
type V2OrganizationCreateParams struct {
	Name      string       `json:"name"`
	OwnerID   int          `json:"owner_id,omitempty"`
	VisibleTo V2Visibility `json:"visible_to,omitempty"`
	LabelIDs  []int        `json:"label_ids,omitempty"`
	Address   *V2Address   `json:"address,omitempty"`
	Website   string       `json:"website,omitempty"`
	LinkedIn  string       `json:"linkedin,omitempty"`
	// Industry is an option id of the industry field.
	Industry      int `json:"industry,omitempty"`
	AnnualRevenue int `json:"annual_revenue,omitempty"`
	EmployeeCount int `json:"employee_count,omitempty"`
	// AddTime backdates the organization (admins only); sent in RFC 3339,
	// UTC.
	AddTime time.Time `json:"add_time,omitzero"`
	// CustomFields sets custom fields by 40-hex key.
	CustomFields map[string]any `json:"custom_fields,omitempty"`
}

// MarshalJSON implements json.Marshaler (add_time in UTC).
func (p V2OrganizationCreateParams) MarshalJSON() ([]byte, error) {
	type plain V2OrganizationCreateParams
	q := plain(p)
	q.AddTime = v2UTC(p.AddTime)
	return json.Marshal(q)
}

func (p *V2OrganizationCreateParams) validate() error {
	return firstInvalid(
		v2CheckRequired("name", p.Name),
		checkOptionalID("owner_id", p.OwnerID),
		checkVisibility(p.VisibleTo),
		checkIDs("label_ids", p.LabelIDs),
		checkOptionalID("industry", p.Industry),
		v2CheckCustomValues(p.CustomFields),
		checkNotNegative("annual_revenue", p.AnnualRevenue),
		checkNotNegative("employee_count", p.EmployeeCount),
	)
}

// Create adds an organization and returns it.
//
// Pipedrive: POST /api/v2/organizations (https://developers.pipedrive.com/docs/api/v1/Organizations#addOrganization, API v2).
// Token cost: 5.
func (s *V2OrganizationsService) Create(ctx context.Context, p *V2OrganizationCreateParams) (*V2Organization, *Response, error) {
	if err := checkRequired(p, "params", "nil"); err != nil {
		return nil, nil, err
	}
	return doOne[V2Organization](ctx, s.client, &request{method: http.MethodPost, path: v2Path("organizations"), body: p})
}

// V2OrganizationUpdateParams are the fields to change: unset fields are
// not sent, Set(v) sends v and Null clears the fields that can be cleared
// (Website, LinkedIn, Industry, AnnualRevenue, EmployeeCount); Null on any
// other field is refused.
type V2OrganizationUpdateParams struct {
	Name      Field[string]       `json:"name,omitzero"`
	OwnerID   Field[int]          `json:"owner_id,omitzero"`
	VisibleTo Field[V2Visibility] `json:"visible_to,omitzero"`
	LabelIDs  Field[[]int]        `json:"label_ids,omitzero"`
	Address   Field[V2Address]    `json:"address,omitzero"`
	// Website, LinkedIn, Industry, AnnualRevenue and EmployeeCount can be
	// cleared with Null.
	Website       Field[string] `json:"website,omitzero"`
	LinkedIn      Field[string] `json:"linkedin,omitzero"`
	Industry      Field[int]    `json:"industry,omitzero"`
	AnnualRevenue Field[int]    `json:"annual_revenue,omitzero"`
	EmployeeCount Field[int]    `json:"employee_count,omitzero"`
	// CustomFields sets custom fields by 40-hex key; a nil value clears one.
	CustomFields map[string]any `json:"custom_fields,omitempty"`
}

func (p *V2OrganizationUpdateParams) validate() error {
	errs := []error{
		v2CheckNameField("name", p.Name),
		v2CheckIDField("owner_id", p.OwnerID),
		v2CheckVisibilityField(p.VisibleTo),
		v2NotNull("label_ids", p.LabelIDs),
		v2NotNull("address", p.Address),
		v2CheckCustomValues(p.CustomFields),
	}
	if v, ok := p.LabelIDs.Value(); ok {
		errs = append(errs, checkIDs("label_ids", v))
	}
	if v, ok := p.Industry.Value(); ok {
		errs = append(errs, checkID("industry", v))
	}
	if v, ok := p.AnnualRevenue.Value(); ok {
		errs = append(errs, checkNotNegative("annual_revenue", v))
	}
	if v, ok := p.EmployeeCount.Value(); ok {
		errs = append(errs, checkNotNegative("employee_count", v))
	}
	return firstInvalid(errs...)
}

// Update changes the fields set in p (PATCH) and returns the organization.
// It is never retried after a server error.
//
// Pipedrive: PATCH /api/v2/organizations/{id} (https://developers.pipedrive.com/docs/api/v1/Organizations#updateOrganization, API v2).
// Token cost: 5.
func (s *V2OrganizationsService) Update(ctx context.Context, id int, p *V2OrganizationUpdateParams) (*V2Organization, *Response, error) {
	if err := firstInvalid(checkID("id", id), checkRequired(p, "params", "nil")); err != nil {
		return nil, nil, err
	}
	return doOne[V2Organization](ctx, s.client, &request{method: http.MethodPatch, path: v2IDPath("organizations", id), body: p})
}

// Delete marks an organization as deleted; Pipedrive removes it for good
// after 30 days.
//
// Pipedrive: DELETE /api/v2/organizations/{id} (https://developers.pipedrive.com/docs/api/v1/Organizations#deleteOrganization, API v2).
// Token cost: 3.
func (s *V2OrganizationsService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return deleteOne(ctx, s.client, v2IDPath("organizations", id), "")
}

// V2OrganizationSearchOptions are the parameters of
// V2.Organizations.Search. Term is required: at least 2 characters, or 1
// with ExactMatch.
type V2OrganizationSearchOptions struct {
	Term string `url:"term"`
	// Fields limits where to look: name, address, notes, custom_fields
	// (default: all).
	Fields     []V2SearchField `url:"fields,comma,omitempty"`
	ExactMatch bool            `url:"exact_match,omitempty"`
	V2ListOptions
}

func (o *V2OrganizationSearchOptions) validate() error {
	return firstInvalid(
		checkSearchTerm(o.Term, o.ExactMatch),
		checkEnumList("fields", o.Fields, V2SearchFieldAddress, V2SearchFieldCustomFields, V2SearchFieldNotes, V2SearchFieldName),
		o.V2ListOptions.validate(),
	)
}

// V2OrganizationSearchResult is one hit of an organization search.
type V2OrganizationSearchResult struct {
	ResultScore float64                  `json:"result_score"`
	Item        V2OrganizationSearchItem `json:"item"`
}

// V2OrganizationSearchItem is the organization inside a search hit; its
// address is a plain string.
type V2OrganizationSearchItem struct {
	ID           int          `json:"id"`
	Type         string       `json:"type"`
	Name         string       `json:"name"`
	Address      string       `json:"address,omitempty"`
	VisibleTo    V2Visibility `json:"visible_to,omitempty"`
	Owner        V2SearchRef  `json:"owner"`
	CustomFields []string     `json:"custom_fields,omitempty"`
	Notes        []string     `json:"notes,omitempty"`
}

// Search finds organizations by name, address, notes or custom field
// values and returns one page of hits, best first.
//
// Pipedrive: GET /api/v2/organizations/search (https://developers.pipedrive.com/docs/api/v1/Organizations#searchOrganization, API v2).
// Token cost: 20 (the search API also allows only 10 requests per 2 seconds).
func (s *V2OrganizationsService) Search(ctx context.Context, opts *V2OrganizationSearchOptions) ([]*V2OrganizationSearchResult, *Response, error) {
	if err := checkRequired(opts, "term", "empty: a search term is required"); err != nil {
		return nil, nil, err
	}
	return searchPage[V2OrganizationSearchResult](ctx, s.client, v2Path("organizations", "search"), opts, "")
}

// SearchAll iterates over every hit of an organization search, fetching
// pages lazily from opts.Cursor on. It yields an error once and stops.
//
// Pipedrive: GET /api/v2/organizations/search, once per page (https://developers.pipedrive.com/docs/api/v1/Organizations#searchOrganization, API v2).
// Token cost: 20 per page.
func (s *V2OrganizationsService) SearchAll(ctx context.Context, opts *V2OrganizationSearchOptions) iter.Seq2[*V2OrganizationSearchResult, error] {
	return allPages(ctx, cursorPages, opts, func(o *V2OrganizationSearchOptions) *string { return &o.Cursor }, s.Search)
}
