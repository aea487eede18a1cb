package pipedrive

import (
	"context"
	"iter"
	"math"
	"net/http"
	"time"
)

// LeadsService manages leads (API v1, current; API v2 has lead search and
// the lead/deal conversions only). Lead ids are UUIDs. Archived leads are
// listed by Archived only.
type LeadsService service

// LeadValue is a lead's potential value; both parts are required.
type LeadValue struct {
	Amount   float64 `json:"amount"`
	Currency string  `json:"currency"`
}

func (v *LeadValue) validate(field string) error {
	if v == nil {
		return nil
	}
	if math.IsNaN(v.Amount) || math.IsInf(v.Amount, 0) {
		return invalid(field+".amount", "not a finite number")
	}
	if err := checkCurrency(v.Currency); err != nil {
		return invalid(field+".currency", "%q is not a 3-character currency code", v.Currency)
	}
	return nil
}

// Lead is a lead as API v1 returns it.
type Lead struct {
	// ID is a UUID.
	ID        string `json:"id"`
	Title     string `json:"title"`
	OwnerID   int    `json:"owner_id"`
	CreatorID int    `json:"creator_id"`
	// LabelIDs are lead label UUIDs (see LeadLabels).
	LabelIDs []string `json:"label_ids"`
	// PersonID and OrganizationID are 0 when unlinked; a lead is linked to
	// at least one of them.
	PersonID       int    `json:"person_id"`
	OrganizationID int    `json:"organization_id"`
	SourceName     string `json:"source_name"`
	Origin         string `json:"origin"`
	OriginID       string `json:"origin_id"`
	Channel        int    `json:"channel"`
	ChannelID      string `json:"channel_id"`
	SourceDealID   int    `json:"source_deal_id"`
	IsArchived     bool   `json:"is_archived"`
	WasSeen        bool   `json:"was_seen"`
	// Value is nil when the lead has none.
	Value             *LeadValue `json:"value"`
	ExpectedCloseDate Date       `json:"expected_close_date"`
	NextActivityID    int        `json:"next_activity_id"`
	AddTime           time.Time  `json:"add_time,omitzero"`
	UpdateTime        time.Time  `json:"update_time,omitzero"`
	VisibleTo         string     `json:"visible_to"`
	CCEmail           string     `json:"cc_email"`
}

// LeadListOptions filters and pages GET /leads and /leads/archived.
type LeadListOptions struct {
	OwnerID        int `url:"owner_id,omitempty"`
	PersonID       int `url:"person_id,omitempty"`
	OrganizationID int `url:"organization_id,omitempty"`
	FilterID       int `url:"filter_id,omitempty"`
	// Sort is one of id, title, owner_id, creator_id, was_seen,
	// expected_close_date, next_activity_id, add_time, update_time.
	Sort string `url:"sort,omitempty"`
	ListOptions
}

var leadSorts = []string{"id", "title", "owner_id", "creator_id", "was_seen", "expected_close_date", "next_activity_id", "add_time", "update_time"}

func (o *LeadListOptions) validate() error {
	if o == nil {
		return nil
	}
	var sort []string
	if o.Sort != "" {
		sort = []string{o.Sort}
	}
	return firstInvalid(checkOptionalID("owner_id", o.OwnerID), checkOptionalID("person_id", o.PersonID),
		checkOptionalID("organization_id", o.OrganizationID), checkOptionalID("filter_id", o.FilterID),
		checkEnumList("sort", sort, leadSorts...), o.ListOptions.validate())
}

// LeadCreateParams creates a lead: Title and a PersonID or OrganizationID
// are required.
type LeadCreateParams struct {
	Title             string     `json:"title"`
	OwnerID           int        `json:"owner_id,omitempty"`
	LabelIDs          []string   `json:"label_ids,omitempty"`
	PersonID          int        `json:"person_id,omitempty"`
	OrganizationID    int        `json:"organization_id,omitempty"`
	Value             *LeadValue `json:"value,omitempty"`
	ExpectedCloseDate Date       `json:"expected_close_date,omitempty"`
	// VisibleTo is "1", "3", "5" or "7".
	VisibleTo string `json:"visible_to,omitempty"`
	WasSeen   bool   `json:"was_seen,omitempty"`
	OriginID  string `json:"origin_id,omitempty"`
}

func (p *LeadCreateParams) validate() error {
	if p == nil {
		return invalid("params", "nil *LeadCreateParams")
	}
	if p.Title == "" {
		return invalid("title", "empty: a lead needs a title")
	}
	if p.PersonID == 0 && p.OrganizationID == 0 {
		return invalid("person_id", "a lead must be linked to a person or an organization (or both)")
	}
	return firstInvalid(checkOptionalID("owner_id", p.OwnerID), checkOptionalID("person_id", p.PersonID),
		checkOptionalID("organization_id", p.OrganizationID), checkLabelIDs(p.LabelIDs), p.Value.validate("value"),
		checkDate("expected_close_date", p.ExpectedCloseDate), checkLeadVisibility(p.VisibleTo))
}

// LeadUpdateParams changes a lead with PATCH: only the fields Set are
// sent; Null clears PersonID, OrganizationID, Value or ExpectedCloseDate.
type LeadUpdateParams struct {
	Title             Field[string]    `json:"title,omitzero"`
	OwnerID           Field[int]       `json:"owner_id,omitzero"`
	LabelIDs          Field[[]string]  `json:"label_ids,omitzero"`
	PersonID          Field[int]       `json:"person_id,omitzero"`
	OrganizationID    Field[int]       `json:"organization_id,omitzero"`
	IsArchived        Field[bool]      `json:"is_archived,omitzero"`
	Value             Field[LeadValue] `json:"value,omitzero"`
	ExpectedCloseDate Field[Date]      `json:"expected_close_date,omitzero"`
	VisibleTo         Field[string]    `json:"visible_to,omitzero"`
	WasSeen           Field[bool]      `json:"was_seen,omitzero"`
}

func (p *LeadUpdateParams) validate() error {
	if p == nil {
		return invalid("params", "nil *LeadUpdateParams")
	}
	var errs []error
	if t, ok := p.Title.Value(); ok && t == "" {
		errs = append(errs, invalid("title", "empty: a lead needs a title"))
	}
	for name, f := range map[string]Field[int]{"owner_id": p.OwnerID, "person_id": p.PersonID, "organization_id": p.OrganizationID} {
		if v, ok := f.Value(); ok {
			errs = append(errs, checkID(name, v))
		}
	}
	if p.OwnerID.IsNull() || p.Title.IsNull() {
		errs = append(errs, invalid("owner_id", "title and owner_id cannot be cleared"))
	}
	if ids, ok := p.LabelIDs.Value(); ok {
		errs = append(errs, checkLabelIDs(ids))
	}
	if v, ok := p.Value.Value(); ok {
		errs = append(errs, v.validate("value"))
	}
	if d, ok := p.ExpectedCloseDate.Value(); ok {
		errs = append(errs, checkDate("expected_close_date", d))
	}
	if v, ok := p.VisibleTo.Value(); ok {
		errs = append(errs, checkLeadVisibility(v))
	}
	return firstInvalid(errs...)
}

func checkLabelIDs(ids []string) error {
	for _, id := range ids {
		if err := leadUUID.check("label_ids", id); err != nil || id == "" {
			return invalid("label_ids", "each is a lead label UUID")
		}
	}
	return nil
}

func checkLeadVisibility(v string) error {
	switch v {
	case "", "1", "3", "5", "7":
		return nil
	}
	return invalid("visible_to", "%q is not 1, 3, 5 or 7", v)
}

// checkLeadID refuses a lead id that is not a UUID.
func checkLeadID(id string) error {
	if id == "" {
		return invalid("id", "empty: a lead id is a UUID")
	}
	return leadUUID.check("id", id)
}

// List returns one page of leads that are not archived.
//
// Pipedrive: GET /api/v1/leads (https://developers.pipedrive.com/docs/api/v1/Leads#getLeads).
// Token cost: 20.
func (s *LeadsService) List(ctx context.Context, opts *LeadListOptions) ([]*Lead, *Response, error) {
	return validated(opts.validate(), func() ([]*Lead, *Response, error) {
		return listPage[Lead](ctx, s.client, v1Path("leads"), queryOf(opts), "")
	})
}

// All iterates every lead that is not archived, page by page.
//
// Pipedrive: GET /api/v1/leads, once per page. Token cost: 20 per page.
func (s *LeadsService) All(ctx context.Context, opts *LeadListOptions) iter.Seq2[*Lead, error] {
	return allPages(ctx, offsetPages, opts, func(o *LeadListOptions) *int { return &o.Start }, s.List)
}

// Archived returns one page of archived leads.
//
// Pipedrive: GET /api/v1/leads/archived (https://developers.pipedrive.com/docs/api/v1/Leads#getArchivedLeads).
// Token cost: 40.
func (s *LeadsService) Archived(ctx context.Context, opts *LeadListOptions) ([]*Lead, *Response, error) {
	return validated(opts.validate(), func() ([]*Lead, *Response, error) {
		return listPage[Lead](ctx, s.client, v1Path("leads", "archived"), queryOf(opts), "")
	})
}

// ArchivedAll iterates every archived lead.
//
// Pipedrive: GET /api/v1/leads/archived, once per page. Token cost: 40 per page.
func (s *LeadsService) ArchivedAll(ctx context.Context, opts *LeadListOptions) iter.Seq2[*Lead, error] {
	return allPages(ctx, offsetPages, opts, func(o *LeadListOptions) *int { return &o.Start }, s.Archived)
}

// Get returns one lead.
//
// Pipedrive: GET /api/v1/leads/{id} (https://developers.pipedrive.com/docs/api/v1/Leads#getLead).
// Token cost: 2.
func (s *LeadsService) Get(ctx context.Context, id string) (*Lead, *Response, error) {
	return validated(checkLeadID(id), func() (*Lead, *Response, error) {
		return v1Get[Lead](ctx, s.client, v1Path("leads", id), "")
	})
}

// Create adds a lead.
//
// Pipedrive: POST /api/v1/leads (https://developers.pipedrive.com/docs/api/v1/Leads#addLead).
// Token cost: 10.
func (s *LeadsService) Create(ctx context.Context, p *LeadCreateParams) (*Lead, *Response, error) {
	return validated(p.validate(), func() (*Lead, *Response, error) {
		return v1Create[Lead](ctx, s.client, v1Path("leads"), p, "")
	})
}

// Update changes a lead (PATCH: only the fields Set).
//
// Pipedrive: PATCH /api/v1/leads/{id} (https://developers.pipedrive.com/docs/api/v1/Leads#updateLead).
// Token cost: 10.
func (s *LeadsService) Update(ctx context.Context, id string, p *LeadUpdateParams) (*Lead, *Response, error) {
	return validated(firstInvalid(checkLeadID(id), p.validate()), func() (*Lead, *Response, error) {
		return v1Patch[Lead](ctx, s.client, v1Path("leads", id), p)
	})
}

// Delete removes a lead.
//
// Pipedrive: DELETE /api/v1/leads/{id} (https://developers.pipedrive.com/docs/api/v1/Leads#deleteLead).
// Token cost: 6.
func (s *LeadsService) Delete(ctx context.Context, id string) (*Response, error) {
	if err := checkLeadID(id); err != nil {
		return nil, err
	}
	return deletePath(ctx, s.client, v1Path("leads", id))
}

// PermittedUsers returns the ids of the users who may see the lead.
//
// Pipedrive: GET /api/v1/leads/{id}/permittedUsers (https://developers.pipedrive.com/docs/api/v1/Leads#getLeadUsers).
// Token cost: 10.
func (s *LeadsService) PermittedUsers(ctx context.Context, id string) ([]int, *Response, error) {
	if err := checkLeadID(id); err != nil {
		return nil, nil, err
	}
	var out []int
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: v1Path("leads", id, "permittedUsers")}, &out)
	return out, resp, err
}
