package pipedrive

import (
	"context"
)

// PipelinesService reads sales pipelines through Pipedrive's API v1.
// Pipedrive retired these endpoints on 2026-08-01; Client.V2.Pipelines
// replaces them.
//
// https://developers.pipedrive.com/docs/api/v1/Pipelines
type PipelinesService service

// Pipeline is a sales pipeline as API v1 returns it.
type Pipeline struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
	// URLTitle is the pipeline's title as it appears in URLs.
	URLTitle string `json:"url_title"`
	// OrderNr orders pipelines; 0 is the default pipeline.
	OrderNr int  `json:"order_nr"`
	Active  bool `json:"active"`
	// DealProbability tells whether deal probability is enabled for the
	// pipeline (a flag here, unlike Stage.DealProbability, a percentage).
	DealProbability bool `json:"deal_probability"`
	// Selected tells whether the pipeline is selected in a filter.
	Selected   bool `json:"selected"`
	AddTime    Time `json:"add_time"`
	UpdateTime Time `json:"update_time"`
}

// List returns every pipeline (the endpoint is not paginated).
//
// Pipedrive: GET /api/v1/pipelines,
// https://developers.pipedrive.com/docs/api/v1/Pipelines#getPipelines.
// Token cost: 10.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Pipelines.List.
func (s *PipelinesService) List(ctx context.Context) ([]*Pipeline, *Response, error) {
	return listPage[Pipeline](ctx, s.client, v1Path("pipelines"), nil, "Client.V2.Pipelines.List")
}

// Get returns one pipeline.
//
// Pipedrive: GET /api/v1/pipelines/{id},
// https://developers.pipedrive.com/docs/api/v1/Pipelines#getPipeline.
// Token cost: 2.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Pipelines.Get.
func (s *PipelinesService) Get(ctx context.Context, id int) (*Pipeline, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	return v1Get[Pipeline](ctx, s.client, v1IDPath("pipelines", id), "Client.V2.Pipelines.Get")
}
