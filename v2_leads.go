package pipedrive

import (
	"context"
	"iter"
	"net/http"
	"strconv"
)

// V2LeadsService holds what API v2 offers for leads: search and the
// conversion of a lead into a deal (leads themselves are API v1: see
// LeadsService).
type V2LeadsService service

// V2LeadSearchOptions searches leads. Term is required: at least 2
// characters, or 1 with ExactMatch.
type V2LeadSearchOptions struct {
	Term string `url:"term"`
	// Fields limits the search: custom_fields, notes, title.
	Fields         []V2SearchField `url:"fields,comma,omitempty"`
	ExactMatch     bool            `url:"exact_match,omitempty"`
	PersonID       int             `url:"person_id,omitempty"`
	OrganizationID int             `url:"organization_id,omitempty"`
	V2ListOptions
}

func (o *V2LeadSearchOptions) validate() error {
	if o == nil {
		return invalid("opts", "nil *V2LeadSearchOptions: Term is required")
	}
	return firstInvalid(checkSearchTerm(o.Term, o.ExactMatch),
		checkEnumList("fields", o.Fields, V2SearchFieldCustomFields, V2SearchFieldNotes, V2SearchFieldTitle),
		checkOptionalID("person_id", o.PersonID), checkOptionalID("organization_id", o.OrganizationID),
		o.V2ListOptions.validate())
}

// V2LeadSearchResult is one hit of a lead search.
type V2LeadSearchResult struct {
	ResultScore float64          `json:"result_score"`
	Item        V2LeadSearchItem `json:"item"`
}

// V2LeadSearchItem is the lead inside a search hit.
type V2LeadSearchItem struct {
	// ID is the lead's UUID.
	ID           string       `json:"id"`
	Type         string       `json:"type"`
	Title        string       `json:"title"`
	Owner        V2SearchRef  `json:"owner"`
	Person       V2SearchRef  `json:"person"`
	Organization V2SearchRef  `json:"organization"`
	Value        float64      `json:"value"`
	Currency     string       `json:"currency,omitempty"`
	VisibleTo    V2Visibility `json:"visible_to,omitempty"`
	IsArchived   bool         `json:"is_archived"`
	CustomFields []string     `json:"custom_fields,omitempty"`
	Notes        []string     `json:"notes,omitempty"`
}

// Search returns one page of leads matching the term.
//
// Pipedrive: GET /api/v2/leads/search (https://developers.pipedrive.com/docs/api/v1/Leads#searchLeads, API v2).
// Token cost: 20.
func (s *V2LeadsService) Search(ctx context.Context, opts *V2LeadSearchOptions) ([]*V2LeadSearchResult, *Response, error) {
	return validated(opts.validate(), func() ([]*V2LeadSearchResult, *Response, error) {
		return searchPage[V2LeadSearchResult](ctx, s.client, v2Path("leads", "search"), opts, "")
	})
}

// SearchAll iterates every hit of a lead search.
//
// Pipedrive: GET /api/v2/leads/search, once per page. Token cost: 20 per page.
func (s *V2LeadsService) SearchAll(ctx context.Context, opts *V2LeadSearchOptions) iter.Seq2[*V2LeadSearchResult, error] {
	return allPages(ctx, cursorPages, opts, func(o *V2LeadSearchOptions) *string { return &o.Cursor }, s.Search)
}

// V2ConvertToDealParams places the deal a lead becomes: StageID wins over
// PipelineID; without either, the first stage of the default pipeline.
type V2ConvertToDealParams struct {
	StageID    int `json:"stage_id,omitempty"`
	PipelineID int `json:"pipeline_id,omitempty"`
}

// V2Conversion is a lead/deal conversion job.
type V2Conversion struct {
	// ConversionID is the job's UUID, for ConversionStatus.
	ConversionID string `json:"conversion_id"`
}

// V2ConversionStatus is where a conversion job stands.
type V2ConversionStatus struct {
	ConversionID string `json:"conversion_id"`
	// Status is not_started, running, completed, failed or rejected.
	Status string `json:"status"`
	// DealID is the new deal once a lead→deal conversion completed.
	DealID int `json:"deal_id,omitempty"`
	// LeadID is the new lead once a deal→lead conversion completed.
	LeadID string `json:"lead_id,omitempty"`
}

// Done reports whether the job ended (completed, failed or rejected).
func (s *V2ConversionStatus) Done() bool {
	return s.Status == "completed" || s.Status == "failed" || s.Status == "rejected"
}

// ConvertToDeal starts converting a lead into a deal; poll
// ConversionStatus until it is Done. The lead is gone once the deal
// exists. A POST: MayHaveWritten tells whether a failed call may have
// started the job.
//
// Pipedrive: POST /api/v2/leads/{id}/convert/deal (https://developers.pipedrive.com/docs/api/v1/Leads#convertLeadToDeal, API v2).
// Token cost: 40.
func (s *V2LeadsService) ConvertToDeal(ctx context.Context, leadID string, p *V2ConvertToDealParams) (*V2Conversion, *Response, error) {
	if p == nil {
		p = &V2ConvertToDealParams{}
	}
	return validated(firstInvalid(checkLeadID(leadID), checkOptionalID("stage_id", p.StageID), checkOptionalID("pipeline_id", p.PipelineID)),
		func() (*V2Conversion, *Response, error) {
			return doOne[V2Conversion](ctx, s.client, &request{method: http.MethodPost, path: v2Path("leads", leadID, "convert", "deal"), body: p})
		})
}

// ConversionStatus reports a lead→deal conversion job.
//
// Pipedrive: GET /api/v2/leads/{id}/convert/status/{conversion_id} (https://developers.pipedrive.com/docs/api/v1/Leads#getLeadConversionStatus, API v2).
// Token cost: 1.
func (s *V2LeadsService) ConversionStatus(ctx context.Context, leadID, conversionID string) (*V2ConversionStatus, *Response, error) {
	return validated(firstInvalid(checkLeadID(leadID), leadUUID.check("conversion_id", conversionID), nonEmpty("conversion_id", conversionID)),
		func() (*V2ConversionStatus, *Response, error) {
			return v1Get[V2ConversionStatus](ctx, s.client, v2Path("leads", leadID, "convert", "status", conversionID), "")
		})
}

// ConvertToLead starts converting a deal into a lead; poll
// ConversionStatus until it is Done.
//
// Pipedrive: POST /api/v2/deals/{id}/convert/lead (https://developers.pipedrive.com/docs/api/v1/Deals#convertDealToLead, API v2).
// Token cost: 40.
func (s *V2DealsService) ConvertToLead(ctx context.Context, dealID int) (*V2Conversion, *Response, error) {
	return validated(checkID("id", dealID), func() (*V2Conversion, *Response, error) {
		return doOne[V2Conversion](ctx, s.client, &request{method: http.MethodPost, path: v2Path("deals", strconv.Itoa(dealID), "convert", "lead")})
	})
}

// ConversionStatus reports a deal→lead conversion job.
//
// Pipedrive: GET /api/v2/deals/{id}/convert/status/{conversion_id} (https://developers.pipedrive.com/docs/api/v1/Deals#getDealConversionStatus, API v2).
// Token cost: 1.
func (s *V2DealsService) ConversionStatus(ctx context.Context, dealID int, conversionID string) (*V2ConversionStatus, *Response, error) {
	return validated(firstInvalid(checkID("id", dealID), leadUUID.check("conversion_id", conversionID), nonEmpty("conversion_id", conversionID)),
		func() (*V2ConversionStatus, *Response, error) {
			return v1Get[V2ConversionStatus](ctx, s.client, v2Path("deals", strconv.Itoa(dealID), "convert", "status", conversionID), "")
		})
}

func nonEmpty(field, s string) error {
	if s == "" {
		return invalid(field, "empty")
	}
	return nil
}
