package pipedrive

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"time"
)

// V2DealsService talks to Pipedrive's API v2 deal endpoints
// (/api/v2/deals), which replace the retired v1 ones.
type V2DealsService service

// V2DealStatus is the status of a deal in API v2.
type V2DealStatus string

// Deal statuses. V2DealStatusDeleted only filters lists (deals deleted up
// to 30 days ago).
const (
	V2DealStatusOpen    V2DealStatus = "open"
	V2DealStatusWon     V2DealStatus = "won"
	V2DealStatusLost    V2DealStatus = "lost"
	V2DealStatusDeleted V2DealStatus = "deleted"
)

func v2CheckDealStatus(s V2DealStatus, allowDeleted bool) error {
	switch s {
	case "", V2DealStatusOpen, V2DealStatusWon, V2DealStatusLost:
		return nil
	case V2DealStatusDeleted:
		if allowDeleted {
			return nil
		}
	}
	if allowDeleted {
		return invalid("status", "%q is not one of open, won, lost, deleted", s)
	}
	return invalid("status", "%q is not one of open, won, lost", s)
}

// V2Deal is a deal as API v2 returns it.
type V2Deal struct {
	ID            int    `json:"id"`
	Title         string `json:"title"`
	CreatorUserID int    `json:"creator_user_id,omitempty"`
	OwnerID       int    `json:"owner_id,omitempty"`
	// PersonID and OrgID are 0 when the deal has no person or organization.
	PersonID   int     `json:"person_id,omitempty"`
	OrgID      int     `json:"org_id,omitempty"`
	PipelineID int     `json:"pipeline_id,omitempty"`
	StageID    int     `json:"stage_id,omitempty"`
	Value      float64 `json:"value"`
	Currency   string  `json:"currency,omitempty"`
	// Status is open, won or lost.
	Status          V2DealStatus `json:"status,omitempty"`
	AddTime         time.Time    `json:"add_time,omitzero"`
	UpdateTime      time.Time    `json:"update_time,omitzero"`
	StageChangeTime time.Time    `json:"stage_change_time,omitzero"`
	IsDeleted       bool         `json:"is_deleted"`
	IsArchived      bool         `json:"is_archived"`
	ArchiveTime     time.Time    `json:"archive_time,omitzero"`
	// Probability is the success probability in percent; nil when unset.
	Probability *float64     `json:"probability,omitempty"`
	LostReason  string       `json:"lost_reason,omitempty"`
	VisibleTo   V2Visibility `json:"visible_to,omitempty"`
	// CloseTime, WonTime and LostTime are zero until the deal is closed.
	CloseTime         time.Time `json:"close_time,omitzero"`
	WonTime           time.Time `json:"won_time,omitzero"`
	LostTime          time.Time `json:"lost_time,omitzero"`
	LocalWonDate      Date      `json:"local_won_date,omitempty"`
	LocalLostDate     Date      `json:"local_lost_date,omitempty"`
	LocalCloseDate    Date      `json:"local_close_date,omitempty"`
	ExpectedCloseDate Date      `json:"expected_close_date,omitempty"`
	// LabelIDs replaces v1's comma-separated label string.
	LabelIDs []int `json:"label_ids,omitempty"`
	// Origin says how the deal was created, e.g. "ManuallyCreated" or "API".
	Origin       string `json:"origin,omitempty"`
	OriginID     string `json:"origin_id,omitempty"`
	Channel      int    `json:"channel,omitempty"`
	ChannelID    string `json:"channel_id,omitempty"`
	SourceLeadID string `json:"source_lead_id,omitempty"`
	// ARR, MRR and ACV (Growth plans and above) are nil when the deal has
	// no products.
	ARR *float64 `json:"arr,omitempty"`
	MRR *float64 `json:"mrr,omitempty"`
	ACV *float64 `json:"acv,omitempty"`
	// CustomFields holds the custom field values by 40-hex key.
	CustomFields V2CustomFields `json:"custom_fields,omitempty"`

	// The fields below are only sent when asked for with IncludeFields.

	NextActivityID        int       `json:"next_activity_id,omitempty"`
	LastActivityID        int       `json:"last_activity_id,omitempty"`
	FirstWonTime          time.Time `json:"first_won_time,omitzero"`
	ProductsCount         int       `json:"products_count,omitempty"`
	FilesCount            int       `json:"files_count,omitempty"`
	NotesCount            int       `json:"notes_count,omitempty"`
	FollowersCount        int       `json:"followers_count,omitempty"`
	EmailMessagesCount    int       `json:"email_messages_count,omitempty"`
	ActivitiesCount       int       `json:"activities_count,omitempty"`
	DoneActivitiesCount   int       `json:"done_activities_count,omitempty"`
	UndoneActivitiesCount int       `json:"undone_activities_count,omitempty"`
	ParticipantsCount     int       `json:"participants_count,omitempty"`
	LastIncomingMailTime  time.Time `json:"last_incoming_mail_time,omitzero"`
	LastOutgoingMailTime  time.Time `json:"last_outgoing_mail_time,omitzero"`
	SmartBCCEmail         string    `json:"smart_bcc_email,omitempty"`
}

// V2DealListOptions filters V2.Deals.List, All, Archived and ArchivedAll.
// When FilterID is set, Pipedrive ignores the other filters.
type V2DealListOptions struct {
	// FilterID applies a saved filter.
	FilterID int `url:"filter_id,omitempty"`
	// IDs fetches these deals only (at most 100), sent comma-separated.
	IDs        []int `url:"ids,comma,omitempty"`
	OwnerID    int   `url:"owner_id,omitempty"`
	PersonID   int   `url:"person_id,omitempty"`
	OrgID      int   `url:"org_id,omitempty"`
	PipelineID int   `url:"pipeline_id,omitempty"`
	StageID    int   `url:"stage_id,omitempty"`
	// Status keeps deals with any of these statuses (default: every deal
	// not deleted); V2DealStatusDeleted gives deals deleted in the last 30
	// days.
	Status []V2DealStatus `url:"status,comma,omitempty"`
	// UpdatedSince and UpdatedUntil bound update_time (since ≤ t < until);
	// they are sent in RFC 3339, in UTC.
	UpdatedSince time.Time `url:"updated_since,omitempty"`
	UpdatedUntil time.Time `url:"updated_until,omitempty"`
	// SortBy is id (default), add_time or update_time.
	SortBy        V2SortBy        `url:"sort_by,omitempty"`
	SortDirection V2SortDirection `url:"sort_direction,omitempty"`
	// IncludeFields asks for optional fields: next_activity_id,
	// last_activity_id, first_won_time, products_count, files_count,
	// notes_count, followers_count, email_messages_count, activities_count,
	// done_activities_count, undone_activities_count, participants_count,
	// last_incoming_mail_time, last_outgoing_mail_time, smart_bcc_email,
	// source_lead_id.
	IncludeFields []string `url:"include_fields,comma,omitempty"`
	// CustomFields limits the custom fields returned to these keys (at
	// most 15), for smaller and faster answers.
	CustomFields []string `url:"custom_fields,comma,omitempty"`
	V2ListOptions
}

func (o *V2DealListOptions) query() (*V2DealListOptions, error) {
	if o == nil {
		return nil, nil
	}
	if err := firstInvalid(
		checkOptionalID("filter_id", o.FilterID),
		v2CheckIDList(o.IDs),
		checkOptionalID("owner_id", o.OwnerID),
		checkOptionalID("person_id", o.PersonID),
		checkOptionalID("org_id", o.OrgID),
		checkOptionalID("pipeline_id", o.PipelineID),
		checkOptionalID("stage_id", o.StageID),
		v2CheckTimeRange(o.UpdatedSince, o.UpdatedUntil),
		v2CheckSort(o.SortBy, o.SortDirection),
		v2CheckCustomFieldKeys(o.CustomFields),
		o.V2ListOptions.validate(),
	); err != nil {
		return nil, err
	}
	for _, s := range o.Status {
		if s == "" {
			return nil, invalid("status", "empty status in the list")
		}
		if err := v2CheckDealStatus(s, true); err != nil {
			return nil, err
		}
	}
	q := *o
	q.UpdatedSince, q.UpdatedUntil = v2UTC(o.UpdatedSince), v2UTC(o.UpdatedUntil)
	return &q, nil
}

// List returns one page of deals that are not archived. Pass
// Response.NextCursor as Cursor to get the next page, or use All.
//
// Pipedrive: GET /api/v2/deals (https://developers.pipedrive.com/docs/api/v1/Deals#getDeals, API v2).
// Token cost: 10.
func (s *V2DealsService) List(ctx context.Context, opts *V2DealListOptions) ([]*V2Deal, *Response, error) {
	q, err := opts.query()
	if err != nil {
		return nil, nil, err
	}
	return listPage[V2Deal](ctx, s.client, v2Path("deals"), queryOf(q), "")
}

// All iterates over every deal List returns, fetching pages lazily from
// opts.Cursor on. It yields an error once and stops.
//
// Pipedrive: GET /api/v2/deals, once per page (https://developers.pipedrive.com/docs/api/v1/Deals#getDeals, API v2).
// Token cost: 10 per page.
func (s *V2DealsService) All(ctx context.Context, opts *V2DealListOptions) iter.Seq2[*V2Deal, error] {
	return allPages(ctx, cursorPages, opts, func(o *V2DealListOptions) *string { return &o.Cursor }, s.List)
}

// Archived returns one page of archived deals; the filters are those of
// List. Since 2025-07-15 archived deals are missing from List and from the
// v1 endpoints.
//
// Pipedrive: GET /api/v2/deals/archived (https://developers.pipedrive.com/docs/api/v1/Deals#getArchivedDeals, API v2).
// Token cost: 20.
func (s *V2DealsService) Archived(ctx context.Context, opts *V2DealListOptions) ([]*V2Deal, *Response, error) {
	q, err := opts.query()
	if err != nil {
		return nil, nil, err
	}
	return listPage[V2Deal](ctx, s.client, v2Path("deals", "archived"), queryOf(q), "")
}

// ArchivedAll iterates over every archived deal, fetching pages lazily
// from opts.Cursor on. It yields an error once and stops.
//
// Pipedrive: GET /api/v2/deals/archived, once per page (https://developers.pipedrive.com/docs/api/v1/Deals#getArchivedDeals, API v2).
// Token cost: 20 per page.
func (s *V2DealsService) ArchivedAll(ctx context.Context, opts *V2DealListOptions) iter.Seq2[*V2Deal, error] {
	return allPages(ctx, cursorPages, opts, func(o *V2DealListOptions) *string { return &o.Cursor }, s.Archived)
}

// Get returns one deal. To get the optional fields (counts, next activity),
// call List with IDs and IncludeFields.
//
// Pipedrive: GET /api/v2/deals/{id} (https://developers.pipedrive.com/docs/api/v1/Deals#getDeal, API v2).
// Token cost: 1.
func (s *V2DealsService) Get(ctx context.Context, id int) (*V2Deal, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	return doOne[V2Deal](ctx, s.client, &request{method: http.MethodGet, path: v2IDPath("deals", id)})
}

// V2DealCreateParams are the fields of a new deal; Title is required.
// Zero values are not sent.
type V2DealCreateParams struct {
	Title      string `json:"title"`
	OwnerID    int    `json:"owner_id,omitempty"`
	PersonID   int    `json:"person_id,omitempty"`
	OrgID      int    `json:"org_id,omitempty"`
	PipelineID int    `json:"pipeline_id,omitempty"`
	// StageID also sets the pipeline (default: the first stage of the
	// default pipeline).
	StageID  int     `json:"stage_id,omitempty"`
	Value    float64 `json:"value,omitempty"`
	Currency string  `json:"currency,omitempty"`
	// Status is open (default), won or lost.
	Status V2DealStatus `json:"status,omitempty"`
	// Probability is the success probability in percent (0..100).
	Probability *float64 `json:"probability,omitempty"`
	// LostReason can only be set on a lost deal.
	LostReason string       `json:"lost_reason,omitempty"`
	VisibleTo  V2Visibility `json:"visible_to,omitempty"`
	// CloseTime can be set on won or lost deals, WonTime on won ones,
	// LostTime on lost ones; they are sent in RFC 3339, in UTC.
	CloseTime         time.Time `json:"close_time,omitzero"`
	WonTime           time.Time `json:"won_time,omitzero"`
	LostTime          time.Time `json:"lost_time,omitzero"`
	ExpectedCloseDate Date      `json:"expected_close_date,omitempty"`
	LabelIDs          []int     `json:"label_ids,omitempty"`
	// IsArchived creates the deal archived, at ArchiveTime (default: now),
	// which is sent as "YYYY-MM-DD HH:MM:SS" in UTC, as Pipedrive asks.
	IsArchived  bool      `json:"is_archived,omitempty"`
	ArchiveTime time.Time `json:"-"`
	// CustomFields sets custom fields by 40-hex key: a string, number,
	// option id, []int of option ids, V2Monetary, V2DateRange, V2Address...
	CustomFields map[string]any `json:"custom_fields,omitempty"`
}

// MarshalJSON implements json.Marshaler: times in UTC, archive_time in
// Pipedrive's "YYYY-MM-DD HH:MM:SS".
func (p V2DealCreateParams) MarshalJSON() ([]byte, error) {
	type plain V2DealCreateParams
	q := plain(p)
	q.CloseTime, q.WonTime, q.LostTime = v2UTC(p.CloseTime), v2UTC(p.WonTime), v2UTC(p.LostTime)
	var archive string
	if !p.ArchiveTime.IsZero() {
		archive = p.ArchiveTime.UTC().Format(TimeLayout)
	}
	return json.Marshal(struct {
		plain
		ArchiveTime string `json:"archive_time,omitempty"`
	}{q, archive})
}

func (p *V2DealCreateParams) validate() error {
	return firstInvalid(
		v2CheckRequired("title", p.Title),
		checkOptionalID("owner_id", p.OwnerID),
		checkOptionalID("person_id", p.PersonID),
		checkOptionalID("org_id", p.OrgID),
		checkOptionalID("pipeline_id", p.PipelineID),
		checkOptionalID("stage_id", p.StageID),
		v2CheckCurrency(p.Currency),
		v2CheckDealStatus(p.Status, false),
		checkProbability(p.Probability),
		checkVisibility(p.VisibleTo),
		checkDate("expected_close_date", p.ExpectedCloseDate),
		checkIDs("label_ids", p.LabelIDs),
		v2CheckCustomValues(p.CustomFields),
	)
}

// Create adds a deal and returns it.
//
// Pipedrive: POST /api/v2/deals (https://developers.pipedrive.com/docs/api/v1/Deals#addDeal, API v2).
// Token cost: 5.
func (s *V2DealsService) Create(ctx context.Context, p *V2DealCreateParams) (*V2Deal, *Response, error) {
	if err := checkRequired(p, "params", "nil"); err != nil {
		return nil, nil, err
	}
	return doOne[V2Deal](ctx, s.client, &request{method: http.MethodPost, path: v2Path("deals"), body: p})
}

// V2DealUpdateParams are the fields to change: unset fields are not sent,
// Set(v) sends v and Null clears the fields that can be cleared
// (Probability, LostReason, CloseTime); Null on any other field is refused.
type V2DealUpdateParams struct {
	Title      Field[string]  `json:"title,omitzero"`
	OwnerID    Field[int]     `json:"owner_id,omitzero"`
	PersonID   Field[int]     `json:"person_id,omitzero"`
	OrgID      Field[int]     `json:"org_id,omitzero"`
	PipelineID Field[int]     `json:"pipeline_id,omitzero"`
	StageID    Field[int]     `json:"stage_id,omitzero"`
	Value      Field[float64] `json:"value,omitzero"`
	Currency   Field[string]  `json:"currency,omitzero"`
	// Status is open, won or lost.
	Status Field[V2DealStatus] `json:"status,omitzero"`
	// Probability can be cleared with Null.
	Probability Field[float64] `json:"probability,omitzero"`
	// LostReason can be cleared with Null.
	LostReason Field[string]       `json:"lost_reason,omitzero"`
	VisibleTo  Field[V2Visibility] `json:"visible_to,omitzero"`
	// CloseTime (can be cleared with Null), WonTime and LostTime are sent
	// in RFC 3339, in UTC.
	CloseTime         Field[time.Time] `json:"close_time,omitzero"`
	WonTime           Field[time.Time] `json:"won_time,omitzero"`
	LostTime          Field[time.Time] `json:"lost_time,omitzero"`
	ExpectedCloseDate Field[Date]      `json:"expected_close_date,omitzero"`
	LabelIDs          Field[[]int]     `json:"label_ids,omitzero"`
	// IsDeleted set to false restores a deal deleted in the last 30 days.
	IsDeleted Field[bool] `json:"is_deleted,omitzero"`
	// IsArchived archives or unarchives the deal; ArchiveTime is sent as
	// "YYYY-MM-DD HH:MM:SS" in UTC.
	IsArchived  Field[bool]      `json:"is_archived,omitzero"`
	ArchiveTime Field[time.Time] `json:"-"`
	// CustomFields sets custom fields by 40-hex key; a nil value clears one.
	CustomFields map[string]any `json:"custom_fields,omitempty"`
}

// MarshalJSON implements json.Marshaler: times in UTC, archive_time in
// Pipedrive's "YYYY-MM-DD HH:MM:SS".
func (p V2DealUpdateParams) MarshalJSON() ([]byte, error) {
	type plain V2DealUpdateParams
	q := plain(p)
	q.CloseTime, q.WonTime, q.LostTime = v2UTCField(p.CloseTime), v2UTCField(p.WonTime), v2UTCField(p.LostTime)
	var archive Field[string]
	if t, ok := p.ArchiveTime.Value(); ok {
		archive = Set(t.UTC().Format(TimeLayout))
	}
	return json.Marshal(struct {
		plain
		ArchiveTime Field[string] `json:"archive_time,omitzero"`
	}{q, archive})
}

func v2UTCField(f Field[time.Time]) Field[time.Time] {
	if t, ok := f.Value(); ok {
		return Set(v2UTC(t))
	}
	return f
}

func (p *V2DealUpdateParams) validate() error {
	errs := []error{
		v2CheckNameField("title", p.Title),
		v2CheckIDField("owner_id", p.OwnerID),
		v2CheckIDField("person_id", p.PersonID),
		v2CheckIDField("org_id", p.OrgID),
		v2CheckIDField("pipeline_id", p.PipelineID),
		v2CheckIDField("stage_id", p.StageID),
		v2NotNull("value", p.Value),
		v2NotNull("currency", p.Currency),
		v2NotNull("status", p.Status),
		v2CheckVisibilityField(p.VisibleTo),
		v2NotNull("won_time", p.WonTime),
		v2NotNull("lost_time", p.LostTime),
		v2CheckDateField("expected_close_date", p.ExpectedCloseDate, false),
		v2NotNull("label_ids", p.LabelIDs),
		v2NotNull("is_deleted", p.IsDeleted),
		v2NotNull("is_archived", p.IsArchived),
		v2NotNull("archive_time", p.ArchiveTime),
		v2CheckCustomValues(p.CustomFields),
	}
	if st, ok := p.Status.Value(); ok {
		errs = append(errs, v2CheckDealStatus(st, false))
		if st == "" {
			errs = append(errs, invalid("status", "empty"))
		}
	}
	if pr, ok := p.Probability.Value(); ok {
		errs = append(errs, checkProbability(&pr))
	}
	if cur, ok := p.Currency.Value(); ok {
		errs = append(errs, checkCurrency(cur))
	}
	if ids, ok := p.LabelIDs.Value(); ok {
		errs = append(errs, checkIDs("label_ids", ids))
	}
	return firstInvalid(errs...)
}

// Update changes the fields set in p (PATCH) and returns the deal. It is
// never retried after a server error.
//
// Pipedrive: PATCH /api/v2/deals/{id} (https://developers.pipedrive.com/docs/api/v1/Deals#updateDeal, API v2).
// Token cost: 5.
func (s *V2DealsService) Update(ctx context.Context, id int, p *V2DealUpdateParams) (*V2Deal, *Response, error) {
	if err := firstInvalid(checkID("id", id), checkRequired(p, "params", "nil")); err != nil {
		return nil, nil, err
	}
	return doOne[V2Deal](ctx, s.client, &request{method: http.MethodPatch, path: v2IDPath("deals", id), body: p})
}

// Delete marks a deal as deleted; Pipedrive removes it for good after 30
// days.
//
// Pipedrive: DELETE /api/v2/deals/{id} (https://developers.pipedrive.com/docs/api/v1/Deals#deleteDeal, API v2).
// Token cost: 3.
func (s *V2DealsService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return deleteOne(ctx, s.client, v2IDPath("deals", id), "")
}

// V2DealSearchOptions are the parameters of V2.Deals.Search. Term is
// required: at least 2 characters, or 1 with ExactMatch.
type V2DealSearchOptions struct {
	Term string `url:"term"`
	// Fields limits where to look: title, notes, custom_fields (default:
	// all).
	Fields []V2SearchField `url:"fields,comma,omitempty"`
	// ExactMatch keeps only full, case-insensitive matches.
	ExactMatch bool `url:"exact_match,omitempty"`
	// PersonID, OrganizationID and Status filter the results (each capped
	// by Pipedrive at 2000 matching deals).
	PersonID       int          `url:"person_id,omitempty"`
	OrganizationID int          `url:"organization_id,omitempty"`
	Status         V2DealStatus `url:"status,omitempty"`
	// IncludeFields asks for optional fields: "deal.cc_email".
	IncludeFields []string `url:"include_fields,comma,omitempty"`
	V2ListOptions
}

func (o *V2DealSearchOptions) validate() error {
	return firstInvalid(
		checkSearchTerm(o.Term, o.ExactMatch),
		checkEnumList("fields", o.Fields, V2SearchFieldCustomFields, V2SearchFieldNotes, V2SearchFieldTitle),
		checkOptionalID("person_id", o.PersonID),
		checkOptionalID("organization_id", o.OrganizationID),
		v2CheckDealStatus(o.Status, false),
		o.V2ListOptions.validate(),
	)
}

// V2DealSearchResult is one hit of a deal search.
type V2DealSearchResult struct {
	ResultScore float64          `json:"result_score"`
	Item        V2DealSearchItem `json:"item"`
}

// V2DealSearchItem is the deal inside a search hit (a smaller shape than
// V2Deal).
type V2DealSearchItem struct {
	ID           int          `json:"id"`
	Type         string       `json:"type"`
	Title        string       `json:"title"`
	Value        float64      `json:"value"`
	Currency     string       `json:"currency,omitempty"`
	Status       V2DealStatus `json:"status,omitempty"`
	VisibleTo    V2Visibility `json:"visible_to,omitempty"`
	Owner        V2SearchRef  `json:"owner"`
	Stage        V2SearchRef  `json:"stage"`
	Person       V2SearchRef  `json:"person"`
	Organization V2SearchRef  `json:"organization"`
	IsArchived   bool         `json:"is_archived"`
	// CustomFields and Notes are the matching custom field values and notes.
	CustomFields []string `json:"custom_fields,omitempty"`
	Notes        []string `json:"notes,omitempty"`
	// CCEmail is set when asked for with IncludeFields "deal.cc_email".
	CCEmail string `json:"cc_email,omitempty"`
}

// Search finds deals by title, notes or custom field values and returns
// one page of hits, best first.
//
// Pipedrive: GET /api/v2/deals/search (https://developers.pipedrive.com/docs/api/v1/Deals#searchDeals, API v2).
// Token cost: 20 (the search API also allows only 10 requests per 2 seconds).
func (s *V2DealsService) Search(ctx context.Context, opts *V2DealSearchOptions) ([]*V2DealSearchResult, *Response, error) {
	if err := checkRequired(opts, "term", "empty: a search term is required"); err != nil {
		return nil, nil, err
	}
	return searchPage[V2DealSearchResult](ctx, s.client, v2Path("deals", "search"), opts, "")
}

// SearchAll iterates over every hit of a deal search, fetching pages lazily
// from opts.Cursor on. It yields an error once and stops.
//
// Pipedrive: GET /api/v2/deals/search, once per page (https://developers.pipedrive.com/docs/api/v1/Deals#searchDeals, API v2).
// Token cost: 20 per page.
func (s *V2DealsService) SearchAll(ctx context.Context, opts *V2DealSearchOptions) iter.Seq2[*V2DealSearchResult, error] {
	return allPages(ctx, cursorPages, opts, func(o *V2DealSearchOptions) *string { return &o.Cursor }, s.Search)
}
