package pipedrive

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"time"
)

// V2PersonsService talks to Pipedrive's API v2 person endpoints
// (/api/v2/persons), which replace the retired v1 ones.
type V2PersonsService service

// V2MarketingStatus is a person's marketing consent (Campaigns add-on).
type V2MarketingStatus string

// Marketing statuses.
const (
	V2MarketingNoConsent    V2MarketingStatus = "no_consent"
	V2MarketingUnsubscribed V2MarketingStatus = "unsubscribed"
	V2MarketingSubscribed   V2MarketingStatus = "subscribed"
	V2MarketingArchived     V2MarketingStatus = "archived"
)

// V2Person is a person (contact) as API v2 returns it.
type V2Person struct {
	ID        int    `json:"id"`
	Name      string `json:"name"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
	OwnerID   int    `json:"owner_id,omitempty"`
	// OrgID is 0 when the person belongs to no organization.
	OrgID      int       `json:"org_id,omitempty"`
	AddTime    time.Time `json:"add_time,omitzero"`
	UpdateTime time.Time `json:"update_time,omitzero"`
	// Emails and Phones replace v1's email and phone.
	Emails       []ContactDetail `json:"emails,omitempty"`
	Phones       []ContactDetail `json:"phones,omitempty"`
	IsDeleted    bool            `json:"is_deleted"`
	VisibleTo    V2Visibility    `json:"visible_to,omitempty"`
	LabelIDs     []int           `json:"label_ids,omitempty"`
	PictureID    int             `json:"picture_id,omitempty"`
	CustomFields V2CustomFields  `json:"custom_fields,omitempty"`
	// Notes, IMs, Birthday, JobTitle and PostalAddress come with Contact
	// Sync.
	Notes         string          `json:"notes,omitempty"`
	IMs           []ContactDetail `json:"im,omitempty"`
	Birthday      Date            `json:"birthday,omitempty"`
	JobTitle      string          `json:"job_title,omitempty"`
	PostalAddress *V2Address      `json:"postal_address,omitempty"`

	// The fields below are only sent when asked for with IncludeFields.

	NextActivityID              int               `json:"next_activity_id,omitempty"`
	LastActivityID              int               `json:"last_activity_id,omitempty"`
	OpenDealsCount              int               `json:"open_deals_count,omitempty"`
	RelatedOpenDealsCount       int               `json:"related_open_deals_count,omitempty"`
	ClosedDealsCount            int               `json:"closed_deals_count,omitempty"`
	RelatedClosedDealsCount     int               `json:"related_closed_deals_count,omitempty"`
	ParticipantOpenDealsCount   int               `json:"participant_open_deals_count,omitempty"`
	ParticipantClosedDealsCount int               `json:"participant_closed_deals_count,omitempty"`
	EmailMessagesCount          int               `json:"email_messages_count,omitempty"`
	ActivitiesCount             int               `json:"activities_count,omitempty"`
	DoneActivitiesCount         int               `json:"done_activities_count,omitempty"`
	UndoneActivitiesCount       int               `json:"undone_activities_count,omitempty"`
	FilesCount                  int               `json:"files_count,omitempty"`
	NotesCount                  int               `json:"notes_count,omitempty"`
	FollowersCount              int               `json:"followers_count,omitempty"`
	WonDealsCount               int               `json:"won_deals_count,omitempty"`
	RelatedWonDealsCount        int               `json:"related_won_deals_count,omitempty"`
	LostDealsCount              int               `json:"lost_deals_count,omitempty"`
	RelatedLostDealsCount       int               `json:"related_lost_deals_count,omitempty"`
	LastIncomingMailTime        time.Time         `json:"last_incoming_mail_time,omitzero"`
	LastOutgoingMailTime        time.Time         `json:"last_outgoing_mail_time,omitzero"`
	MarketingStatus             V2MarketingStatus `json:"marketing_status,omitempty"`
	DOIStatus                   string            `json:"doi_status,omitempty"`
	SmartBCCEmail               string            `json:"smart_bcc_email,omitempty"`
}

// V2PersonListOptions filters V2.Persons.List and All. When FilterID is
// set, Pipedrive ignores the other filters.
type V2PersonListOptions struct {
	FilterID int `url:"filter_id,omitempty"`
	// IDs fetches these persons only (at most 100), sent comma-separated.
	IDs     []int `url:"ids,comma,omitempty"`
	OwnerID int   `url:"owner_id,omitempty"`
	OrgID   int   `url:"org_id,omitempty"`
	DealID  int   `url:"deal_id,omitempty"`
	// UpdatedSince and UpdatedUntil bound update_time (since ≤ t < until);
	// they are sent in RFC 3339, in UTC.
	UpdatedSince time.Time `url:"updated_since,omitempty"`
	UpdatedUntil time.Time `url:"updated_until,omitempty"`
	// SortBy is id (default), add_time or update_time.
	SortBy        V2SortBy        `url:"sort_by,omitempty"`
	SortDirection V2SortDirection `url:"sort_direction,omitempty"`
	// IncludeFields asks for optional fields such as open_deals_count,
	// activities_count, next_activity_id, marketing_status or
	// smart_bcc_email (see the V2Person fields).
	IncludeFields []string `url:"include_fields,comma,omitempty"`
	// CustomFields limits the custom fields returned to these keys (at
	// most 15).
	CustomFields []string `url:"custom_fields,comma,omitempty"`
	V2ListOptions
}

func (o *V2PersonListOptions) query() (*V2PersonListOptions, error) {
	if o == nil {
		return nil, nil
	}
	if err := firstInvalid(
		checkOptionalID("filter_id", o.FilterID),
		v2CheckIDList(o.IDs),
		checkOptionalID("owner_id", o.OwnerID),
		checkOptionalID("org_id", o.OrgID),
		checkOptionalID("deal_id", o.DealID),
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

// List returns one page of persons. Pass Response.NextCursor as Cursor to
// get the next page, or use All.
//
// Pipedrive: GET /api/v2/persons (https://developers.pipedrive.com/docs/api/v1/Persons#getPersons, API v2).
// Token cost: 10.
func (s *V2PersonsService) List(ctx context.Context, opts *V2PersonListOptions) ([]*V2Person, *Response, error) {
	q, err := opts.query()
	if err != nil {
		return nil, nil, err
	}
	return listPage[V2Person](ctx, s.client, v2Path("persons"), queryOf(q), "")
}

// All iterates over every person List returns, fetching pages lazily from
// opts.Cursor on. It yields an error once and stops.
//
// Pipedrive: GET /api/v2/persons, once per page (https://developers.pipedrive.com/docs/api/v1/Persons#getPersons, API v2).
// Token cost: 10 per page.
func (s *V2PersonsService) All(ctx context.Context, opts *V2PersonListOptions) iter.Seq2[*V2Person, error] {
	return allPages(ctx, cursorPages, opts, func(o *V2PersonListOptions) *string { return &o.Cursor }, s.List)
}

// Get returns one person. To get the optional fields, call List with IDs
// and IncludeFields.
//
// Pipedrive: GET /api/v2/persons/{id} (https://developers.pipedrive.com/docs/api/v1/Persons#getPerson, API v2).
// Token cost: 1.
func (s *V2PersonsService) Get(ctx context.Context, id int) (*V2Person, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	return doOne[V2Person](ctx, s.client, &request{method: http.MethodGet, path: v2IDPath("persons", id)})
}

// V2PersonCreateParams are the fields of a new person; Name is required.
// Zero values are not sent.
type V2PersonCreateParams struct {
	Name    string `json:"name"`
	OwnerID int    `json:"owner_id,omitempty"`
	OrgID   int    `json:"org_id,omitempty"`
	// Emails and Phones: pipedrive.Contacts("ann@example.com") marks the
	// first one primary.
	Emails    []ContactDetail `json:"emails,omitempty"`
	Phones    []ContactDetail `json:"phones,omitempty"`
	VisibleTo V2Visibility    `json:"visible_to,omitempty"`
	LabelIDs  []int           `json:"label_ids,omitempty"`
	// AddTime backdates the person (admins only); sent in RFC 3339, UTC.
	AddTime time.Time `json:"add_time,omitzero"`
	// MarketingStatus needs the Campaigns add-on.
	MarketingStatus V2MarketingStatus `json:"marketing_status,omitempty"`
	// Notes, IMs, Birthday, JobTitle and PostalAddress need Contact Sync.
	Notes         string          `json:"notes,omitempty"`
	IMs           []ContactDetail `json:"im,omitempty"`
	Birthday      Date            `json:"birthday,omitempty"`
	JobTitle      string          `json:"job_title,omitempty"`
	PostalAddress *V2Address      `json:"postal_address,omitempty"`
	// CustomFields sets custom fields by 40-hex key.
	CustomFields map[string]any `json:"custom_fields,omitempty"`
}

// MarshalJSON implements json.Marshaler (add_time in UTC).
func (p V2PersonCreateParams) MarshalJSON() ([]byte, error) {
	type plain V2PersonCreateParams
	q := plain(p)
	q.AddTime = v2UTC(p.AddTime)
	return json.Marshal(q)
}

func (p *V2PersonCreateParams) validate() error {
	return firstInvalid(
		v2CheckRequired("name", p.Name),
		checkOptionalID("owner_id", p.OwnerID),
		checkOptionalID("org_id", p.OrgID),
		checkContacts("emails", p.Emails),
		checkContacts("phones", p.Phones),
		checkContacts("im", p.IMs),
		checkVisibility(p.VisibleTo),
		checkIDs("label_ids", p.LabelIDs),
		checkMarketingStatus(p.MarketingStatus),
		checkDate("birthday", p.Birthday),
		v2CheckCustomValues(p.CustomFields),
	)
}

// Create adds a person and returns it.
//
// Pipedrive: POST /api/v2/persons (https://developers.pipedrive.com/docs/api/v1/Persons#addPerson, API v2).
// Token cost: 5.
func (s *V2PersonsService) Create(ctx context.Context, p *V2PersonCreateParams) (*V2Person, *Response, error) {
	if err := checkRequired(p, "params", "nil"); err != nil {
		return nil, nil, err
	}
	return doOne[V2Person](ctx, s.client, &request{method: http.MethodPost, path: v2Path("persons"), body: p})
}

// V2PersonUpdateParams are the fields to change: unset fields are not
// sent and Set(v) sends v. Pipedrive lets none of these be cleared with
// null (Null is refused); an empty list (Set([]ContactDetail{})) empties
// emails or phones, and a nil value in CustomFields clears a custom field.
type V2PersonUpdateParams struct {
	Name            Field[string]            `json:"name,omitzero"`
	OwnerID         Field[int]               `json:"owner_id,omitzero"`
	OrgID           Field[int]               `json:"org_id,omitzero"`
	Emails          Field[[]ContactDetail]   `json:"emails,omitzero"`
	Phones          Field[[]ContactDetail]   `json:"phones,omitzero"`
	VisibleTo       Field[V2Visibility]      `json:"visible_to,omitzero"`
	LabelIDs        Field[[]int]             `json:"label_ids,omitzero"`
	MarketingStatus Field[V2MarketingStatus] `json:"marketing_status,omitzero"`
	Notes           Field[string]            `json:"notes,omitzero"`
	IMs             Field[[]ContactDetail]   `json:"im,omitzero"`
	Birthday        Field[Date]              `json:"birthday,omitzero"`
	JobTitle        Field[string]            `json:"job_title,omitzero"`
	PostalAddress   Field[V2Address]         `json:"postal_address,omitzero"`
	// CustomFields sets custom fields by 40-hex key; a nil value clears one.
	CustomFields map[string]any `json:"custom_fields,omitempty"`
}

func (p *V2PersonUpdateParams) validate() error {
	errs := []error{
		v2CheckNameField("name", p.Name),
		v2CheckIDField("owner_id", p.OwnerID),
		v2CheckIDField("org_id", p.OrgID),
		v2NotNull("emails", p.Emails),
		v2NotNull("phones", p.Phones),
		v2CheckVisibilityField(p.VisibleTo),
		v2NotNull("label_ids", p.LabelIDs),
		v2NotNull("marketing_status", p.MarketingStatus),
		v2NotNull("notes", p.Notes),
		v2NotNull("im", p.IMs),
		v2CheckDateField("birthday", p.Birthday, false),
		v2NotNull("job_title", p.JobTitle),
		v2NotNull("postal_address", p.PostalAddress),
		v2CheckCustomValues(p.CustomFields),
	}
	if v, ok := p.Emails.Value(); ok {
		errs = append(errs, checkContacts("emails", v))
	}
	if v, ok := p.Phones.Value(); ok {
		errs = append(errs, checkContacts("phones", v))
	}
	if v, ok := p.IMs.Value(); ok {
		errs = append(errs, checkContacts("im", v))
	}
	if v, ok := p.LabelIDs.Value(); ok {
		errs = append(errs, checkIDs("label_ids", v))
	}
	if v, ok := p.MarketingStatus.Value(); ok {
		if v == "" {
			errs = append(errs, invalid("marketing_status", "empty"))
		}
		errs = append(errs, checkMarketingStatus(v))
	}
	return firstInvalid(errs...)
}

// Update changes the fields set in p (PATCH) and returns the person. It is
// never retried after a server error.
//
// Pipedrive: PATCH /api/v2/persons/{id} (https://developers.pipedrive.com/docs/api/v1/Persons#updatePerson, API v2).
// Token cost: 5.
func (s *V2PersonsService) Update(ctx context.Context, id int, p *V2PersonUpdateParams) (*V2Person, *Response, error) {
	if err := firstInvalid(checkID("id", id), checkRequired(p, "params", "nil")); err != nil {
		return nil, nil, err
	}
	return doOne[V2Person](ctx, s.client, &request{method: http.MethodPatch, path: v2IDPath("persons", id), body: p})
}

// Delete marks a person as deleted; Pipedrive removes it for good after
// 30 days.
//
// Pipedrive: DELETE /api/v2/persons/{id} (https://developers.pipedrive.com/docs/api/v1/Persons#deletePerson, API v2).
// Token cost: 3.
func (s *V2PersonsService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return deleteOne(ctx, s.client, v2IDPath("persons", id), "")
}

// V2PersonSearchOptions are the parameters of V2.Persons.Search. Term is
// required: at least 2 characters, or 1 with ExactMatch.
type V2PersonSearchOptions struct {
	Term string `url:"term"`
	// Fields limits where to look: name, email, phone, notes,
	// custom_fields (default: all).
	Fields     []V2SearchField `url:"fields,comma,omitempty"`
	ExactMatch bool            `url:"exact_match,omitempty"`
	// OrganizationID keeps persons of that organization (capped by
	// Pipedrive at 2000).
	OrganizationID int `url:"organization_id,omitempty"`
	// IncludeFields asks for optional fields: "person.picture".
	IncludeFields []string `url:"include_fields,comma,omitempty"`
	V2ListOptions
}

func (o *V2PersonSearchOptions) validate() error {
	return firstInvalid(
		checkSearchTerm(o.Term, o.ExactMatch),
		checkEnumList("fields", o.Fields, V2SearchFieldCustomFields, V2SearchFieldEmail, V2SearchFieldNotes, V2SearchFieldPhone, V2SearchFieldName),
		checkOptionalID("organization_id", o.OrganizationID),
		o.V2ListOptions.validate(),
	)
}

// V2PersonSearchResult is one hit of a person search.
type V2PersonSearchResult struct {
	ResultScore float64            `json:"result_score"`
	Item        V2PersonSearchItem `json:"item"`
}

// V2PersonSearchItem is the person inside a search hit; its emails and
// phones are plain strings.
type V2PersonSearchItem struct {
	ID           int          `json:"id"`
	Type         string       `json:"type"`
	Name         string       `json:"name"`
	Phones       []string     `json:"phones,omitempty"`
	Emails       []string     `json:"emails,omitempty"`
	VisibleTo    V2Visibility `json:"visible_to,omitempty"`
	Owner        V2SearchRef  `json:"owner"`
	Organization V2SearchRef  `json:"organization"`
	CustomFields []string     `json:"custom_fields,omitempty"`
	Notes        []string     `json:"notes,omitempty"`
	// Picture is the picture object, as sent, when asked for with
	// IncludeFields "person.picture" (its shape is undocumented).
	Picture json.RawMessage `json:"picture,omitempty"`
}

// Search finds persons by name, email, phone, notes or custom field values
// and returns one page of hits, best first.
//
// Pipedrive: GET /api/v2/persons/search (https://developers.pipedrive.com/docs/api/v1/Persons#searchPersons, API v2).
// Token cost: 20 (the search API also allows only 10 requests per 2 seconds).
func (s *V2PersonsService) Search(ctx context.Context, opts *V2PersonSearchOptions) ([]*V2PersonSearchResult, *Response, error) {
	if err := checkRequired(opts, "term", "empty: a search term is required"); err != nil {
		return nil, nil, err
	}
	return searchPage[V2PersonSearchResult](ctx, s.client, v2Path("persons", "search"), opts, "")
}

// SearchAll iterates over every hit of a person search, fetching pages
// lazily from opts.Cursor on. It yields an error once and stops.
//
// Pipedrive: GET /api/v2/persons/search, once per page (https://developers.pipedrive.com/docs/api/v1/Persons#searchPersons, API v2).
// Token cost: 20 per page.
func (s *V2PersonsService) SearchAll(ctx context.Context, opts *V2PersonSearchOptions) iter.Seq2[*V2PersonSearchResult, error] {
	return allPages(ctx, cursorPages, opts, func(o *V2PersonSearchOptions) *string { return &o.Cursor }, s.Search)
}
