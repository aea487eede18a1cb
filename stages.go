package pipedrive

import (
	"context"
	"iter"
)

// StagesService reads pipeline stages through Pipedrive's API v1.
// Pipedrive retired these endpoints on 2026-08-01; Client.V2.Stages
// replaces them.
//
// https://developers.pipedrive.com/docs/api/v1/Stages
type StagesService service

// Stage is a stage of a pipeline as API v1 returns it.
type Stage struct {
	ID         int    `json:"id"`
	OrderNr    int    `json:"order_nr"`
	Name       string `json:"name"`
	ActiveFlag bool   `json:"active_flag"`
	// DealProbability is the success probability of deals in the stage, in
	// percent (unlike Pipeline.DealProbability, a flag).
	DealProbability int `json:"deal_probability"`
	PipelineID      int `json:"pipeline_id"`
	// RottenFlag tells whether deals in the stage can become rotten, after
	// RottenDays days without update (nil when unset).
	RottenFlag bool `json:"rotten_flag"`
	RottenDays *int `json:"rotten_days"`
	AddTime    Time `json:"add_time"`
	UpdateTime Time `json:"update_time"`
	// PipelineName and PipelineDealProbability are set by List only.
	// PipelineDealProbability true overrides the stage's probability.
	PipelineName            string `json:"pipeline_name"`
	PipelineDealProbability bool   `json:"pipeline_deal_probability"`
}

// StageListOptions filters Stages.List and Stages.All.
type StageListOptions struct {
	// PipelineID keeps the stages of one pipeline (0: all pipelines).
	PipelineID int `url:"pipeline_id,omitempty"`
	ListOptions
}

func (o *StageListOptions) validate() error {
	return firstInvalid(checkOptionalID("pipeline_id", o.PipelineID), o.ListOptions.validate())
}

// List returns one page of stages.
//
// Pipedrive: GET /api/v1/stages,
// https://developers.pipedrive.com/docs/api/v1/Stages#getStages.
// Token cost: 10.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Stages.List.
func (s *StagesService) List(ctx context.Context, opts *StageListOptions) ([]*Stage, *Response, error) {
	if err := checkOptions(opts); err != nil {
		return nil, nil, err
	}
	return listPage[Stage](ctx, s.client, v1Path("stages"), queryOf(opts), "Client.V2.Stages.List")
}

// All iterates over every stage matching opts, fetching pages lazily from
// opts.Start. opts is copied, never modified.
//
// Pipedrive: GET /api/v1/stages (one call per page),
// https://developers.pipedrive.com/docs/api/v1/Stages#getStages.
// Token cost: 10 per page.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Stages.All.
func (s *StagesService) All(ctx context.Context, opts *StageListOptions) iter.Seq2[*Stage, error] {
	return allPages(ctx, offsetPages, opts, func(o *StageListOptions) *int { return &o.Start }, s.List)
}

// Get returns one stage.
//
// Pipedrive: GET /api/v1/stages/{id},
// https://developers.pipedrive.com/docs/api/v1/Stages#getStage.
// Token cost: 2.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Stages.Get.
func (s *StagesService) Get(ctx context.Context, id int) (*Stage, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	return v1Get[Stage](ctx, s.client, v1IDPath("stages", id), "Client.V2.Stages.Get")
}
