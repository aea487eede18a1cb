package pipedrive

import (
	"bytes"
	"context"
	"encoding/json"
	"iter"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// DealsService manages deals through Pipedrive's API v1.
//
// Pipedrive retired these v1 endpoints on 2026-08-01 (they may keep working,
// unsupported); Client.V2.Deals replaces them.
type DealsService service

// DealStatus is the status of a deal, and a filter of Deals.List.
type DealStatus string

// Deal statuses. DealStatusAllNotDeleted is only a filter of Deals.List;
// Deals.Search filters by open, won or lost only.
const (
	DealStatusOpen          DealStatus = "open"
	DealStatusWon           DealStatus = "won"
	DealStatusLost          DealStatus = "lost"
	DealStatusDeleted       DealStatus = "deleted"
	DealStatusAllNotDeleted DealStatus = "all_not_deleted"
)

// Valid reports whether s is one of the DealStatus constants.
func (s DealStatus) Valid() bool {
	switch s {
	case DealStatusOpen, DealStatusWon, DealStatusLost, DealStatusDeleted, DealStatusAllNotDeleted:
		return true
	}
	return false
}

// Deal is a deal as API v1 returns it. Custom fields (40-hex keys) are in
// CustomFields; they round-trip through MarshalJSON.
type Deal struct {
	ID    int    `json:"id"`
	Title string `json:"title"`
	// Value is the deal's value in Currency; WeightedValue is Value times
	// the deal's (or its stage's) probability.
	Value                  FlexFloat `json:"value"`
	Currency               string    `json:"currency"`
	FormattedValue         string    `json:"formatted_value"`
	WeightedValue          FlexFloat `json:"weighted_value"`
	WeightedValueCurrency  string    `json:"weighted_value_currency"`
	FormattedWeightedValue string    `json:"formatted_weighted_value"`
	// Status is open, won, lost or deleted.
	Status DealStatus `json:"status"`
	// Probability is the success probability in percent; nil when unset.
	Probability *FlexFloat `json:"probability"`
	LostReason  string     `json:"lost_reason"`
	// Label holds the deal's label ids, comma-separated ("2,3"); see LabelIDs.
	Label     string     `json:"label"`
	VisibleTo Visibility `json:"visible_to"`

	// UserID is the owner and CreatorUserID the creator of the deal.
	UserID        UserRef `json:"user_id"`
	CreatorUserID UserRef `json:"creator_user_id"`
	// PersonID and OrgID are the deal's contact person and organization;
	// their ID is 0 when the deal has none.
	PersonID   PersonRef       `json:"person_id"`
	OrgID      OrganizationRef `json:"org_id"`
	PersonName string          `json:"person_name"`
	OrgName    string          `json:"org_name"`
	OwnerName  string          `json:"owner_name"`

	StageID      int `json:"stage_id"`
	PipelineID   int `json:"pipeline_id"`
	StageOrderNr int `json:"stage_order_nr"`

	Active       FlexBool `json:"active"`
	Deleted      FlexBool `json:"deleted"`
	IsArchived   FlexBool `json:"is_archived"`
	OrgHidden    FlexBool `json:"org_hidden"`
	PersonHidden FlexBool `json:"person_hidden"`

	AddTime           Time `json:"add_time"`
	UpdateTime        Time `json:"update_time"`
	StageChangeTime   Time `json:"stage_change_time"`
	CloseTime         Time `json:"close_time"`
	WonTime           Time `json:"won_time"`
	FirstWonTime      Time `json:"first_won_time"`
	LostTime          Time `json:"lost_time"`
	RottenTime        Time `json:"rotten_time"`
	ArchiveTime       Time `json:"archive_time"`
	ExpectedCloseDate Date `json:"expected_close_date"`

	NextLastActivity
	NextActivitySubject  string `json:"next_activity_subject"`
	NextActivityType     string `json:"next_activity_type"`
	NextActivityDuration string `json:"next_activity_duration"`
	NextActivityNote     string `json:"next_activity_note"`

	ActivityCounts
	ProductsCount     int `json:"products_count"`
	ParticipantsCount int `json:"participants_count"`

	// CCEmail is the deal's BCC address for logging emails.
	CCEmail string `json:"cc_email"`
	// Origin tells how the deal was created ("API", "ManuallyCreated"...).
	Origin    string `json:"origin"`
	OriginID  string `json:"origin_id"`
	Channel   int    `json:"channel"`
	ChannelID string `json:"channel_id"`

	// ARR, MRR and ACV (Growth plans and above) are nil without products.
	ARR         *FlexFloat `json:"arr"`
	MRR         *FlexFloat `json:"mrr"`
	ACV         *FlexFloat `json:"acv"`
	ARRCurrency string     `json:"arr_currency"`
	MRRCurrency string     `json:"mrr_currency"`
	ACVCurrency string     `json:"acv_currency"`

	// The fields below are only returned by Deals.Get.

	Age                  *DealDuration  `json:"age,omitempty"`
	AverageTimeToWon     *DealDuration  `json:"average_time_to_won,omitempty"`
	AverageStageProgress FlexFloat      `json:"average_stage_progress,omitempty"`
	StayInPipelineStages *DealStageStay `json:"stay_in_pipeline_stages,omitempty"`
	// LastActivity and NextActivity are the activities as Pipedrive sent
	// them (null when there is none).
	LastActivity json.RawMessage `json:"last_activity,omitempty"`
	NextActivity json.RawMessage `json:"next_activity,omitempty"`

	// CustomFields holds the account's custom deal fields.
	CustomFields CustomFields `json:"-"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (d *Deal) UnmarshalJSON(data []byte) error { return d.decodeJSON(data, nil) }

// decodeJSON is UnmarshalJSON with the custom field keys shared across a
// page (keys may be nil).
func (d *Deal) decodeJSON(data []byte, keys keyCache) error {
	type plain Deal
	cf, err := decodeCustom(data, (*plain)(d), keys)
	if err != nil {
		return err
	}
	d.CustomFields = cf
	return nil
}

// MarshalJSON implements json.Marshaler; custom fields are written back at
// the top level.
func (d Deal) MarshalJSON() ([]byte, error) {
	type plain Deal
	return encodeCustomRaw(plain(d), d.CustomFields)
}

// LabelIDs returns the ids in Label ("2,3" gives [2 3]), skipping anything
// that is not a number.
func (d *Deal) LabelIDs() []int {
	var ids []int
	for _, f := range strings.Split(d.Label, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil {
			ids = append(ids, n)
		}
	}
	return ids
}

// DealDuration is a span of time as Deals.Get reports a deal's age and the
// average time to win: calendar parts plus the total in seconds.
type DealDuration struct {
	Years        int   `json:"y"`
	Months       int   `json:"m"`
	Days         int   `json:"d"`
	Hours        int   `json:"h"`
	Minutes      int   `json:"i"`
	Seconds      int   `json:"s"`
	TotalSeconds int64 `json:"total_seconds"`
}

// Duration returns TotalSeconds as a time.Duration.
func (d DealDuration) Duration() time.Duration {
	return time.Duration(d.TotalSeconds) * time.Second
}

// DealStageStay tells how long a deal stayed in each stage of its pipeline.
type DealStageStay struct {
	// TimesInStages maps stage ids to seconds spent in the stage.
	TimesInStages map[int]int64 `json:"times_in_stages"`
	// OrderOfStages lists the stage ids in the order the deal went through.
	OrderOfStages []int `json:"order_of_stages"`
}

// UnmarshalJSON implements json.Unmarshaler. An empty times_in_stages may
// arrive as [] (a PHP empty array).
func (s *DealStageStay) UnmarshalJSON(data []byte) error {
	var w struct {
		TimesInStages json.RawMessage `json:"times_in_stages"`
		OrderOfStages []int           `json:"order_of_stages"`
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	*s = DealStageStay{OrderOfStages: w.OrderOfStages}
	if t := bytes.TrimSpace(w.TimesInStages); len(t) > 0 && t[0] == '{' {
		return json.Unmarshal(t, &s.TimesInStages)
	}
	return nil
}

// DealListOptions filters and pages Deals.List. Pipedrive applies FilterID
// first, then OwnedByYou, then UserID.
type DealListOptions struct {
	// UserID lists the deals of this owner.
	UserID int `url:"user_id,omitempty"`
	// FilterID applies a saved filter.
	FilterID int `url:"filter_id,omitempty"`
	// StageID lists the deals in this stage.
	StageID int `url:"stage_id,omitempty"`
	// Status filters by status; empty means DealStatusAllNotDeleted.
	// DealStatusDeleted lists deals deleted in the last 30 days.
	Status DealStatus `url:"status,omitempty"`
	// OwnedByYou, when set to true, lists only the caller's deals (sent as
	// owned_by_you=1).
	OwnedByYou *bool `url:"owned_by_you,omitempty,int"`
	// Sort is "field ASC" or "field1 ASC, field2 DESC", first-level fields
	// only.
	Sort string `url:"sort,omitempty"`
	ListOptions
}

func (o *DealListOptions) validate() error {
	if o.Status != "" && !o.Status.Valid() {
		return invalid("status", "%q is not one of open, won, lost, deleted, all_not_deleted", string(o.Status))
	}
	return firstInvalid(
		checkOptionalID("user_id", o.UserID),
		checkOptionalID("filter_id", o.FilterID),
		checkOptionalID("stage_id", o.StageID),
		o.ListOptions.validate(),
	)
}

// checkDealStatus refuses a status a deal cannot be set to.
func checkDealStatus(s DealStatus) error {
	switch s {
	case DealStatusOpen, DealStatusWon, DealStatusLost, DealStatusDeleted:
		return nil
	}
	return invalid("status", "%q is not one of open, won, lost, deleted", string(s))
}

// checkAmount refuses a value that cannot be sent (NaN, ±Inf).
func checkAmount(field string, v *float64) error {
	if v != nil && (math.IsNaN(*v) || math.IsInf(*v, 0)) {
		return invalid(field, "%v is not a finite number", *v)
	}
	return nil
}

// checkCurrency refuses a currency that is not a 3-character code.
func checkCurrency(c string) error {
	if utf8.RuneCountInString(c) != 3 || strings.TrimSpace(c) != c {
		return invalid("currency", "%q is not a 3-character currency code", c)
	}
	return nil
}

// amountString renders a deal value as the string the v1 bodies take.
func amountString(v *float64) *string {
	if v == nil {
		return nil
	}
	s := strconv.FormatFloat(*v, 'f', -1, 64)
	return &s
}

// DealCreateParams are the fields of a new deal. Title is required; the
// other fields are sent when set (non-zero).
type DealCreateParams struct {
	Title string `json:"title"`
	// Value is the deal's value (0 when omitted); it is sent as a string,
	// as the API wants.
	Value *float64 `json:"-"`
	// Currency is a 3-character code; the caller's default when empty.
	Currency string `json:"currency,omitempty"`
	// UserID is the owner; the caller when 0.
	UserID int `json:"user_id,omitempty"`
	// PersonID and OrgID link the deal to a person and an organization.
	PersonID int `json:"person_id,omitempty"`
	OrgID    int `json:"org_id,omitempty"`
	// StageID places the deal in a stage (its pipeline follows); PipelineID
	// places it in the first stage of a pipeline and is ignored with StageID.
	StageID    int `json:"stage_id,omitempty"`
	PipelineID int `json:"pipeline_id,omitempty"`
	// Status is open (the default), won, lost or deleted.
	Status DealStatus `json:"status,omitempty"`
	// Probability is the success probability in percent (0..100).
	Probability       *float64 `json:"probability,omitempty"`
	ExpectedCloseDate Date     `json:"expected_close_date,omitempty"`
	LostReason        string   `json:"lost_reason,omitempty"`
	// VisibleTo is the deal's visibility; the account default when 0.
	VisibleTo Visibility `json:"visible_to,omitempty"`
	// LabelIDs are the ids of the deal's labels.
	LabelIDs []int `json:"label,omitempty"`
	// WonTime and LostTime backdate the status change; they need the
	// matching Status and exclude each other.
	WonTime   Time `json:"won_time,omitzero"`
	LostTime  Time `json:"lost_time,omitzero"`
	CloseTime Time `json:"close_time,omitzero"`
	// AddTime backdates the creation.
	AddTime Time `json:"add_time,omitzero"`
	// Channel is the id of the marketing channel, ChannelID a free-form
	// sub-id; OriginID tells which integration created the deal.
	Channel   int    `json:"channel,omitempty"`
	ChannelID string `json:"channel_id,omitempty"`
	OriginID  string `json:"origin_id,omitempty"`
	// CustomFields sets custom fields by their 40-hex key; a monetary
	// field's currency goes under "<key>_currency".
	CustomFields map[string]any `json:"-"`
}

func (p *DealCreateParams) validate() error {
	if isBlank(p.Title) {
		return invalid("title", "empty: a deal needs a title")
	}
	if p.Status != "" {
		if err := checkDealStatus(p.Status); err != nil {
			return err
		}
	}
	if p.Currency != "" {
		if err := checkCurrency(p.Currency); err != nil {
			return err
		}
	}
	if !p.WonTime.IsZero() && !p.LostTime.IsZero() {
		return invalid("won_time", "won_time and lost_time cannot both be set")
	}
	return firstInvalid(
		checkCustomKeys(p.CustomFields),
		checkAmount("value", p.Value),
		checkOptionalID("user_id", p.UserID),
		checkOptionalID("person_id", p.PersonID),
		checkOptionalID("org_id", p.OrgID),
		checkOptionalID("stage_id", p.StageID),
		checkOptionalID("pipeline_id", p.PipelineID),
		checkOptionalID("channel", p.Channel),
		checkProbability(p.Probability),
		checkDate("expected_close_date", p.ExpectedCloseDate),
		checkVisibility(p.VisibleTo),
		checkIDs("label", p.LabelIDs),
	)
}

// MarshalJSON implements json.Marshaler: the request body, with Value as a
// string and the custom fields at the top level.
func (p DealCreateParams) MarshalJSON() ([]byte, error) {
	type plain DealCreateParams
	return encodeCustom(struct {
		plain
		Value *string `json:"value,omitempty"`
	}{plain(p), amountString(p.Value)}, p.CustomFields)
}

// DealUpdateParams are the fields to change on a deal. Only the fields set
// (non-nil) are sent, zero values included: Value: pipedrive.Ptr(0.0) sets
// the value to 0.
type DealUpdateParams struct {
	Title *string `json:"title,omitempty"`
	// Value is sent as a string, as the API wants.
	Value      *float64    `json:"-"`
	Currency   *string     `json:"currency,omitempty"`
	UserID     *int        `json:"user_id,omitempty"`
	PersonID   *int        `json:"person_id,omitempty"`
	OrgID      *int        `json:"org_id,omitempty"`
	StageID    *int        `json:"stage_id,omitempty"`
	PipelineID *int        `json:"pipeline_id,omitempty"`
	Status     *DealStatus `json:"status,omitempty"`
	// Probability is the success probability in percent (0..100).
	Probability       *float64    `json:"probability,omitempty"`
	ExpectedCloseDate *Date       `json:"expected_close_date,omitempty"`
	LostReason        *string     `json:"lost_reason,omitempty"`
	VisibleTo         *Visibility `json:"visible_to,omitempty"`
	// LabelIDs replaces the deal's labels; a pointer to an empty slice
	// removes them all.
	LabelIDs  *[]int  `json:"label,omitempty"`
	WonTime   *Time   `json:"won_time,omitempty"`
	LostTime  *Time   `json:"lost_time,omitempty"`
	CloseTime *Time   `json:"close_time,omitempty"`
	Channel   *int    `json:"channel,omitempty"`
	ChannelID *string `json:"channel_id,omitempty"`
	// CustomFields sets custom fields by their 40-hex key; a nil value
	// clears the field.
	CustomFields map[string]any `json:"-"`
}

func (p *DealUpdateParams) validate() error {
	if p.Status != nil {
		if err := checkDealStatus(*p.Status); err != nil {
			return err
		}
	}
	if p.Currency != nil {
		if err := checkCurrency(*p.Currency); err != nil {
			return err
		}
	}
	if p.WonTime != nil && p.LostTime != nil {
		return invalid("won_time", "won_time and lost_time cannot both be set")
	}
	var labels []int
	if p.LabelIDs != nil {
		labels = *p.LabelIDs
	}
	return firstInvalid(
		checkCustomKeys(p.CustomFields),
		checkNamePtr("title", p.Title),
		checkAmount("value", p.Value),
		checkIDPtr("user_id", p.UserID),
		checkIDPtr("person_id", p.PersonID),
		checkIDPtr("org_id", p.OrgID),
		checkIDPtr("stage_id", p.StageID),
		checkIDPtr("pipeline_id", p.PipelineID),
		checkIDPtr("channel", p.Channel),
		checkProbability(p.Probability),
		checkDatePtr("expected_close_date", p.ExpectedCloseDate),
		checkVisibilityPtr(p.VisibleTo),
		checkIDs("label", labels),
		checkTimePtr("won_time", p.WonTime),
		checkTimePtr("lost_time", p.LostTime),
		checkTimePtr("close_time", p.CloseTime),
		checkUpdate(p.isEmpty()),
	)
}

func (p *DealUpdateParams) isEmpty() bool {
	return len(p.CustomFields) == 0 && p.Title == nil && p.Value == nil && p.Currency == nil &&
		p.UserID == nil && p.PersonID == nil && p.OrgID == nil && p.StageID == nil &&
		p.PipelineID == nil && p.Status == nil && p.Probability == nil && p.ExpectedCloseDate == nil &&
		p.LostReason == nil && p.VisibleTo == nil && p.LabelIDs == nil && p.WonTime == nil &&
		p.LostTime == nil && p.CloseTime == nil && p.Channel == nil && p.ChannelID == nil
}

// MarshalJSON implements json.Marshaler: the request body, with Value as a
// string and the custom fields at the top level.
func (p DealUpdateParams) MarshalJSON() ([]byte, error) {
	type plain DealUpdateParams
	return encodeCustom(struct {
		plain
		Value *string `json:"value,omitempty"`
	}{plain(p), amountString(p.Value)}, p.CustomFields)
}

// DealSearchOptions are the term, filters and page of Deals.Search.
type DealSearchOptions struct {
	// Term is what to look for: at least 2 characters, or 1 with
	// ExactMatch. It is required.
	Term string `url:"term"`
	// Fields limits the search to these fields (all when empty).
	Fields []DealSearchField `url:"fields,omitempty,comma"`
	// ExactMatch returns only full, case-insensitive matches of Term.
	ExactMatch bool `url:"exact_match,omitempty"`
	// PersonID and OrganizationID keep the deals of this person or
	// organization (at most 2000 of them are searched).
	PersonID       int `url:"person_id,omitempty"`
	OrganizationID int `url:"organization_id,omitempty"`
	// Status keeps the deals with this status: open, won or lost.
	Status DealStatus `url:"status,omitempty"`
	// IncludeFields adds optional fields: DealSearchIncludeCCEmail.
	IncludeFields []string `url:"include_fields,omitempty,comma"`
	ListOptions
}

func (o *DealSearchOptions) validate() error {
	switch o.Status {
	case "", DealStatusOpen, DealStatusWon, DealStatusLost:
	default:
		return invalid("status", "%q is not one of open, won, lost", string(o.Status))
	}
	return firstInvalid(
		checkSearchTerm(o.Term, o.ExactMatch),
		checkEnumList("fields", o.Fields, DealSearchCustomFields, DealSearchNotes, DealSearchTitle),
		checkEnumList("include_fields", o.IncludeFields, DealSearchIncludeCCEmail),
		checkOptionalID("person_id", o.PersonID),
		checkOptionalID("organization_id", o.OrganizationID),
		o.ListOptions.validate(),
	)
}

// List returns one page of deals (archived deals excluded). nil opts lists
// the first page of all deals that are not deleted; Response.Pagination
// tells whether more pages follow.
//
// Pipedrive: GET /v1/deals, https://developers.pipedrive.com/docs/api/v1/Deals#getDeals.
// Cost: 20 tokens.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Deals.List.
func (s *DealsService) List(ctx context.Context, opts *DealListOptions) ([]*Deal, *Response, error) {
	if err := checkOptions(opts); err != nil {
		return nil, nil, err
	}
	return listPage[Deal](ctx, s.client, v1Path("deals"), queryOf(opts), v1Replacement("Deals", "List"))
}

// All iterates over the deals matching opts, fetching pages lazily from
// opts.Start on; opts is copied, never modified. It yields an error once
// and stops.
//
// Pipedrive: GET /v1/deals, https://developers.pipedrive.com/docs/api/v1/Deals#getDeals.
// Cost: 20 tokens per page.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Deals.All.
func (s *DealsService) All(ctx context.Context, opts *DealListOptions) iter.Seq2[*Deal, error] {
	return allPages(ctx, offsetPages, opts, func(o *DealListOptions) *int { return &o.Start }, s.List)
}

// Get returns a deal with its details (age, time in each stage, last and
// next activity).
//
// Pipedrive: GET /v1/deals/{id}, https://developers.pipedrive.com/docs/api/v1/Deals#getDeal.
// Cost: 2 tokens.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Deals.Get.
func (s *DealsService) Get(ctx context.Context, id int) (*Deal, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	return v1Get[Deal](ctx, s.client, v1IDPath("deals", id), v1Replacement("Deals", "Get"))
}

// Create adds a deal and returns it. The request is not retried after it
// may have reached Pipedrive.
//
// Pipedrive: POST /v1/deals, https://developers.pipedrive.com/docs/api/v1/Deals#addDeal.
// Cost: 10 tokens.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Deals.Create.
func (s *DealsService) Create(ctx context.Context, p *DealCreateParams) (*Deal, *Response, error) {
	if err := checkRequired(p, "params", "nil DealCreateParams"); err != nil {
		return nil, nil, err
	}
	return v1Create[Deal](ctx, s.client, v1Path("deals"), p, v1Replacement("Deals", "Create"))
}

// Update changes the fields set in p and returns the updated deal.
//
// Pipedrive: PUT /v1/deals/{id}, https://developers.pipedrive.com/docs/api/v1/Deals#updateDeal.
// Cost: 10 tokens.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Deals.Update.
func (s *DealsService) Update(ctx context.Context, id int, p *DealUpdateParams) (*Deal, *Response, error) {
	if err := firstInvalid(checkID("id", id), checkRequired(p, "params", "nil DealUpdateParams")); err != nil {
		return nil, nil, err
	}
	return v1Update[Deal](ctx, s.client, v1IDPath("deals", id), p, v1Replacement("Deals", "Update"))
}

// Delete marks a deal as deleted; Pipedrive purges it after 30 days.
//
// Pipedrive: DELETE /v1/deals/{id}, https://developers.pipedrive.com/docs/api/v1/Deals#deleteDeal.
// Cost: 6 tokens.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Deals.Delete.
func (s *DealsService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return deleteOne(ctx, s.client, v1IDPath("deals", id), v1Replacement("Deals", "Delete"))
}

// Search returns one page of deals matching opts.Term in their title,
// notes or custom fields. Pipedrive allows 10 search requests per 2
// seconds.
//
// Pipedrive: GET /v1/deals/search, https://developers.pipedrive.com/docs/api/v1/Deals#searchDeals.
// Cost: 40 tokens.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Deals.Search.
func (s *DealsService) Search(ctx context.Context, opts *DealSearchOptions) ([]*DealSearchResult, *Response, error) {
	if err := checkRequired(opts, "term", "nil DealSearchOptions: a search term is required"); err != nil {
		return nil, nil, err
	}
	return searchPage[DealSearchResult](ctx, s.client, v1Path("deals", "search"), opts, v1Replacement("Deals", "Search"))
}

// SearchAll iterates over all the deals matching opts, fetching pages
// lazily from opts.Start on; opts is copied, never modified. Invalid opts
// (nil included: Term is required) yield a *ValidationError.
//
// Pipedrive: GET /v1/deals/search, https://developers.pipedrive.com/docs/api/v1/Deals#searchDeals.
// Cost: 40 tokens per page.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Deals.SearchAll.
func (s *DealsService) SearchAll(ctx context.Context, opts *DealSearchOptions) iter.Seq2[*DealSearchResult, error] {
	return allPages(ctx, offsetPages, opts, func(o *DealSearchOptions) *int { return &o.Start }, s.Search)
}
