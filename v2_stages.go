package pipedrive

import (
	"context"
	"iter"
	"net/http"
	"time"
)

// V2StagesService talks to Pipedrive's API v2 stage endpoints
// (/api/v2/stages), which replace the retired v1 ones.
type V2StagesService service

// V2Stage is a pipeline stage as API v2 returns it.
type V2Stage struct {
	ID         int    `json:"id"`
	Name       string `json:"name"`
	OrderNr    int    `json:"order_nr"`
	PipelineID int    `json:"pipeline_id"`
	// IsDeleted replaces v1's active_flag (negated).
	IsDeleted bool `json:"is_deleted"`
	// DealProbability is the deal success probability in percent.
	DealProbability int `json:"deal_probability"`
	// IsDealRotEnabled replaces v1's rotten_flag, DaysToRotten v1's
	// rotten_days (nil when unset).
	IsDealRotEnabled bool      `json:"is_deal_rot_enabled"`
	DaysToRotten     *int      `json:"days_to_rotten,omitempty"`
	AddTime          time.Time `json:"add_time,omitzero"`
	UpdateTime       time.Time `json:"update_time,omitzero"`
}

// V2StageListOptions filters V2.Stages.List and All.
type V2StageListOptions struct {
	// PipelineID keeps the stages of one pipeline (default: all pipelines).
	PipelineID int `url:"pipeline_id,omitempty"`
	// SortBy is id (default), add_time, update_time or order_nr.
	SortBy        V2SortBy        `url:"sort_by,omitempty"`
	SortDirection V2SortDirection `url:"sort_direction,omitempty"`
	V2ListOptions
}

func (o *V2StageListOptions) validate() error {
	return firstInvalid(
		checkOptionalID("pipeline_id", o.PipelineID),
		v2CheckSort(o.SortBy, o.SortDirection, V2SortByOrderNr),
		o.V2ListOptions.validate(),
	)
}

// List returns one page of stages. Pass Response.NextCursor as Cursor to
// get the next page, or use All.
//
// Pipedrive: GET /api/v2/stages (https://developers.pipedrive.com/docs/api/v1/Stages#getStages, API v2).
// Token cost: 5.
func (s *V2StagesService) List(ctx context.Context, opts *V2StageListOptions) ([]*V2Stage, *Response, error) {
	if err := checkOptions(opts); err != nil {
		return nil, nil, err
	}
	return listPage[V2Stage](ctx, s.client, v2Path("stages"), queryOf(opts), "")
}

// All iterates over every stage List returns, fetching pages lazily from
// opts.Cursor on. It yields an error once and stops.
//
// Pipedrive: GET /api/v2/stages, once per page (https://developers.pipedrive.com/docs/api/v1/Stages#getStages, API v2).
// Token cost: 5 per page.
func (s *V2StagesService) All(ctx context.Context, opts *V2StageListOptions) iter.Seq2[*V2Stage, error] {
	return allPages(ctx, cursorPages, opts, func(o *V2StageListOptions) *string { return &o.Cursor }, s.List)
}

// Get returns one stage.
//
// Pipedrive: GET /api/v2/stages/{id} (https://developers.pipedrive.com/docs/api/v1/Stages#getStage, API v2).
// Token cost: 1.
func (s *V2StagesService) Get(ctx context.Context, id int) (*V2Stage, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	return doOne[V2Stage](ctx, s.client, &request{method: http.MethodGet, path: v2IDPath("stages", id)})
}

// V2StageCreateParams are the fields of a new stage; Name and PipelineID
// are required.
type V2StageCreateParams struct {
	Name       string `json:"name"`
	PipelineID int    `json:"pipeline_id"`
	// DealProbability is the success probability in percent, 0..100 (nil:
	// Pipedrive's default, 100).
	DealProbability *int `json:"deal_probability,omitempty"`
	// IsDealRotEnabled and DaysToRotten mark deals rotten after that many
	// days in the stage.
	IsDealRotEnabled bool `json:"is_deal_rot_enabled,omitempty"`
	DaysToRotten     int  `json:"days_to_rotten,omitempty"`
}

func v2CheckDealProbability(p int) error {
	if p < 0 || p > 100 {
		return invalid("deal_probability", "%d is outside 0..100", p)
	}
	return nil
}

func (p *V2StageCreateParams) validate() error {
	var probability error
	if p.DealProbability != nil {
		probability = v2CheckDealProbability(*p.DealProbability)
	}
	return firstInvalid(
		v2CheckRequired("name", p.Name),
		checkID("pipeline_id", p.PipelineID),
		probability,
		checkNotNegative("days_to_rotten", p.DaysToRotten),
	)
}

// Create adds a stage to a pipeline and returns it.
//
// Pipedrive: POST /api/v2/stages (https://developers.pipedrive.com/docs/api/v1/Stages#addStage, API v2).
// Token cost: 5.
func (s *V2StagesService) Create(ctx context.Context, p *V2StageCreateParams) (*V2Stage, *Response, error) {
	if err := checkRequired(p, "params", "nil"); err != nil {
		return nil, nil, err
	}
	return doOne[V2Stage](ctx, s.client, &request{method: http.MethodPost, path: v2Path("stages"), body: p})
}

// V2StageUpdateParams are the fields to change: unset fields are not sent
// and Set(v) sends v; none can be cleared with Null.
type V2StageUpdateParams struct {
	Name             Field[string] `json:"name,omitzero"`
	PipelineID       Field[int]    `json:"pipeline_id,omitzero"`
	DealProbability  Field[int]    `json:"deal_probability,omitzero"`
	IsDealRotEnabled Field[bool]   `json:"is_deal_rot_enabled,omitzero"`
	DaysToRotten     Field[int]    `json:"days_to_rotten,omitzero"`
}

func (p *V2StageUpdateParams) validate() error {
	errs := []error{
		v2CheckNameField("name", p.Name),
		v2CheckIDField("pipeline_id", p.PipelineID),
		v2NotNull("deal_probability", p.DealProbability),
		v2NotNull("is_deal_rot_enabled", p.IsDealRotEnabled),
		v2NotNull("days_to_rotten", p.DaysToRotten),
	}
	if v, ok := p.DealProbability.Value(); ok {
		errs = append(errs, v2CheckDealProbability(v))
	}
	if v, ok := p.DaysToRotten.Value(); ok {
		errs = append(errs, checkNotNegative("days_to_rotten", v))
	}
	return firstInvalid(errs...)
}

// Update changes the fields set in p (PATCH) and returns the stage. It is
// never retried after a server error.
//
// Pipedrive: PATCH /api/v2/stages/{id} (https://developers.pipedrive.com/docs/api/v1/Stages#updateStage, API v2).
// Token cost: 5.
func (s *V2StagesService) Update(ctx context.Context, id int, p *V2StageUpdateParams) (*V2Stage, *Response, error) {
	if err := firstInvalid(checkID("id", id), checkRequired(p, "params", "nil")); err != nil {
		return nil, nil, err
	}
	return doOne[V2Stage](ctx, s.client, &request{method: http.MethodPatch, path: v2IDPath("stages", id), body: p})
}

// Delete marks a stage as deleted.
//
// Pipedrive: DELETE /api/v2/stages/{id} (https://developers.pipedrive.com/docs/api/v1/Stages#deleteStage, API v2).
// Token cost: 3.
func (s *V2StagesService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return deleteOne(ctx, s.client, v2IDPath("stages", id), "")
}
