package pipedrive

import (
	"context"
	"iter"
	"net/http"
	"time"
)

// V2PipelinesService talks to Pipedrive's API v2 pipeline endpoints
// (/api/v2/pipelines), which replace the retired v1 ones.
type V2PipelinesService service

// V2Pipeline is a pipeline as API v2 returns it.
type V2Pipeline struct {
	ID      int    `json:"id"`
	Name    string `json:"name"`
	OrderNr int    `json:"order_nr"`
	// IsDeleted replaces v1's active (negated).
	IsDeleted bool `json:"is_deleted"`
	// IsDealProbabilityEnabled replaces v1's deal_probability.
	IsDealProbabilityEnabled bool `json:"is_deal_probability_enabled"`
	// IsSelected replaces v1's selected, when Pipedrive sends it.
	IsSelected bool      `json:"is_selected,omitempty"`
	AddTime    time.Time `json:"add_time,omitzero"`
	UpdateTime time.Time `json:"update_time,omitzero"`
}

// V2PipelineListOptions sorts and pages V2.Pipelines.List and All.
type V2PipelineListOptions struct {
	// SortBy is id (default), add_time or update_time.
	SortBy        V2SortBy        `url:"sort_by,omitempty"`
	SortDirection V2SortDirection `url:"sort_direction,omitempty"`
	V2ListOptions
}

func (o *V2PipelineListOptions) validate() error {
	return firstInvalid(v2CheckSort(o.SortBy, o.SortDirection), o.V2ListOptions.validate())
}

// List returns one page of pipelines. Pass Response.NextCursor as Cursor
// to get the next page, or use All.
//
// Pipedrive: GET /api/v2/pipelines (https://developers.pipedrive.com/docs/api/v1/Pipelines#getPipelines, API v2).
// Token cost: 5.
func (s *V2PipelinesService) List(ctx context.Context, opts *V2PipelineListOptions) ([]*V2Pipeline, *Response, error) {
	if err := checkOptions(opts); err != nil {
		return nil, nil, err
	}
	return listPage[V2Pipeline](ctx, s.client, v2Path("pipelines"), queryOf(opts), "")
}

// All iterates over every pipeline, fetching pages lazily from
// opts.Cursor on. It yields an error once and stops.
//
// Pipedrive: GET /api/v2/pipelines, once per page (https://developers.pipedrive.com/docs/api/v1/Pipelines#getPipelines, API v2).
// Token cost: 5 per page.
func (s *V2PipelinesService) All(ctx context.Context, opts *V2PipelineListOptions) iter.Seq2[*V2Pipeline, error] {
	return allPages(ctx, cursorPages, opts, func(o *V2PipelineListOptions) *string { return &o.Cursor }, s.List)
}

// Get returns one pipeline.
//
// Pipedrive: GET /api/v2/pipelines/{id} (https://developers.pipedrive.com/docs/api/v1/Pipelines#getPipeline, API v2).
// Token cost: 1.
func (s *V2PipelinesService) Get(ctx context.Context, id int) (*V2Pipeline, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	return doOne[V2Pipeline](ctx, s.client, &request{method: http.MethodGet, path: v2IDPath("pipelines", id)})
}

// V2PipelineCreateParams are the fields of a new pipeline; Name is
// required.
type V2PipelineCreateParams struct {
	Name string `json:"name"`
	// IsDealProbabilityEnabled turns on deal probabilities (nil: off).
	IsDealProbabilityEnabled *bool `json:"is_deal_probability_enabled,omitempty"`
}

func (p *V2PipelineCreateParams) validate() error { return v2CheckRequired("name", p.Name) }

// Create adds a pipeline and returns it.
//
// Pipedrive: POST /api/v2/pipelines (https://developers.pipedrive.com/docs/api/v1/Pipelines#addPipeline, API v2).
// Token cost: 5.
func (s *V2PipelinesService) Create(ctx context.Context, p *V2PipelineCreateParams) (*V2Pipeline, *Response, error) {
	if err := checkRequired(p, "params", "nil"); err != nil {
		return nil, nil, err
	}
	return doOne[V2Pipeline](ctx, s.client, &request{method: http.MethodPost, path: v2Path("pipelines"), body: p})
}

// V2PipelineUpdateParams are the fields to change: unset fields are not
// sent and Set(v) sends v; neither can be cleared with Null.
type V2PipelineUpdateParams struct {
	Name                     Field[string] `json:"name,omitzero"`
	IsDealProbabilityEnabled Field[bool]   `json:"is_deal_probability_enabled,omitzero"`
}

func (p *V2PipelineUpdateParams) validate() error {
	return firstInvalid(
		v2CheckNameField("name", p.Name),
		v2NotNull("is_deal_probability_enabled", p.IsDealProbabilityEnabled),
	)
}

// Update changes the fields set in p (PATCH) and returns the pipeline. It
// is never retried after a server error.
//
// Pipedrive: PATCH /api/v2/pipelines/{id} (https://developers.pipedrive.com/docs/api/v1/Pipelines#updatePipeline, API v2).
// Token cost: 5.
func (s *V2PipelinesService) Update(ctx context.Context, id int, p *V2PipelineUpdateParams) (*V2Pipeline, *Response, error) {
	if err := firstInvalid(checkID("id", id), checkRequired(p, "params", "nil")); err != nil {
		return nil, nil, err
	}
	return doOne[V2Pipeline](ctx, s.client, &request{method: http.MethodPatch, path: v2IDPath("pipelines", id), body: p})
}

// Delete marks a pipeline as deleted.
//
// Pipedrive: DELETE /api/v2/pipelines/{id} (https://developers.pipedrive.com/docs/api/v1/Pipelines#deletePipeline, API v2).
// Token cost: 3.
func (s *V2PipelinesService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return deleteOne(ctx, s.client, v2IDPath("pipelines", id), "")
}
