package pipedrive

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestV2PipelinesList(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v2/pipelines", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("cursor") == "cGlwZS0y" {
			testQuery(t, r, url.Values{"sort_by": {"add_time"}, "sort_direction": {"desc"}, "limit": {"1"}, "cursor": {"cGlwZS0y"}})
			writeJSON(t, w, http.StatusOK, testdata(t, "v2/pipelines/list_page2.json"))
			return
		}
		testQuery(t, r, url.Values{"sort_by": {"add_time"}, "sort_direction": {"desc"}, "limit": {"1"}})
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/pipelines/list_page1.json"))
	})
	opts := &V2PipelineListOptions{SortBy: V2SortByAddTime, SortDirection: V2SortDesc, V2ListOptions: V2ListOptions{Limit: 1}}
	ps, resp, err := env.client.V2.Pipelines.List(context.Background(), opts)
	require.NoError(t, err)
	assert.Equal(t, "cGlwZS0y", resp.NextCursor)
	require.Len(t, ps, 1)
	assert.Equal(t, V2Pipeline{
		ID: 1, Name: "Sales", OrderNr: 1, IsDeleted: false, IsDealProbabilityEnabled: true,
		AddTime: v2Time(t, "2024-01-01T00:00:00Z"), UpdateTime: v2Time(t, "2025-06-01T10:00:00Z"),
	}, *ps[0])

	all, err := collectV2(env.client.V2.Pipelines.All(context.Background(), opts))
	require.NoError(t, err)
	require.Len(t, all, 2)
	assert.Equal(t, "Partners", all[1].Name)
	assert.False(t, all[1].IsDealProbabilityEnabled)
}

func TestV2PipelinesListNil(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v2/pipelines", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{})
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/pipelines/list_page2.json"))
	})
	ps, resp, err := env.client.V2.Pipelines.List(context.Background(), nil)
	require.NoError(t, err)
	assert.Len(t, ps, 1)
	assert.Empty(t, resp.NextCursor)
}

func TestV2PipelinesGetCreateUpdateDelete(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v2/pipelines/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "3", r.PathValue("id"))
		testQuery(t, r, url.Values{})
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/pipelines/one.json"))
	})
	env.gateway.HandleFunc("POST /pipedrive/api/v2/pipelines", func(w http.ResponseWriter, r *http.Request) {
		testBody(t, r, `{"name":"Renewals","is_deal_probability_enabled":true}`)
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/pipelines/one.json"))
	})
	env.gateway.HandleFunc("PATCH /pipedrive/api/v2/pipelines/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "3", r.PathValue("id"))
		testBody(t, r, `{"is_deal_probability_enabled":false}`)
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/pipelines/one.json"))
	})
	env.gateway.HandleFunc("DELETE /pipedrive/api/v2/pipelines/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "3", r.PathValue("id"))
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":{"id":3}}`)
	})
	ctx := context.Background()
	p, _, err := env.client.V2.Pipelines.Get(ctx, 3)
	require.NoError(t, err)
	assert.Equal(t, "Renewals", p.Name)
	assert.Equal(t, 3, p.OrderNr)

	p, _, err = env.client.V2.Pipelines.Create(ctx, &V2PipelineCreateParams{Name: "Renewals", IsDealProbabilityEnabled: Ptr(true)})
	require.NoError(t, err)
	assert.Equal(t, 3, p.ID)

	_, _, err = env.client.V2.Pipelines.Update(ctx, 3, &V2PipelineUpdateParams{IsDealProbabilityEnabled: Set(false)})
	require.NoError(t, err)

	_, err = env.client.V2.Pipelines.Delete(ctx, 3)
	require.NoError(t, err)
	assert.Equal(t, int64(4), env.requests.Load())
}

func TestV2PipelinesValidation(t *testing.T) {
	env := setupV2(t)
	ctx := context.Background()
	ps := env.client.V2.Pipelines
	for _, tc := range []struct {
		name, field string
		err         error
	}{
		{"limit", "limit", func() error {
			_, _, err := ps.List(ctx, &V2PipelineListOptions{V2ListOptions: V2ListOptions{Limit: 501}})
			return err
		}()},
		{"sort_by order_nr", "sort_by", func() error {
			_, _, err := ps.List(ctx, &V2PipelineListOptions{SortBy: V2SortByOrderNr})
			return err
		}()},
		{"all sort_direction", "sort_direction", func() error {
			_, err := collectV2(ps.All(ctx, &V2PipelineListOptions{SortDirection: "sideways"}))
			return err
		}()},
		{"get 0", "id", func() error { _, _, err := ps.Get(ctx, 0); return err }()},
		{"delete 0", "id", func() error { _, err := ps.Delete(ctx, 0); return err }()},
		{"create nil", "params", func() error { _, _, err := ps.Create(ctx, nil); return err }()},
		{"create no name", "name", func() error { _, _, err := ps.Create(ctx, &V2PipelineCreateParams{}); return err }()},
		{"update nil", "params", func() error { _, _, err := ps.Update(ctx, 3, nil); return err }()},
		{"update 0", "id", func() error { _, _, err := ps.Update(ctx, 0, &V2PipelineUpdateParams{}); return err }()},
		{"update empty name", "name", func() error {
			_, _, err := ps.Update(ctx, 3, &V2PipelineUpdateParams{Name: Set("")})
			return err
		}()},
		{"update null flag", "is_deal_probability_enabled", func() error {
			_, _, err := ps.Update(ctx, 3, &V2PipelineUpdateParams{IsDealProbabilityEnabled: Null[bool]()})
			return err
		}()},
	} {
		t.Run(tc.name, func(t *testing.T) { requireValidation(t, tc.err, tc.field) })
	}
	assert.Zero(t, env.requests.Load())
}
