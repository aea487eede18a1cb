package pipedrive

import (
	"context"
	"net/http"
	"net/url"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestV2StagesList(t *testing.T) {
	env := setupV2(t)
	var calls atomic.Int32
	env.gateway.HandleFunc("GET /pipedrive/api/v2/stages", func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		want := url.Values{"pipeline_id": {"1"}, "sort_by": {"order_nr"}, "limit": {"2"}}
		if c := r.URL.Query().Get("cursor"); c != "" {
			want.Set("cursor", "c3RhZ2UtMg")
			testQuery(t, r, want)
			writeJSON(t, w, http.StatusOK, testdata(t, "v2/stages/list_page2.json"))
			return
		}
		testQuery(t, r, want)
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/stages/list_page1.json"))
	})
	opts := &V2StageListOptions{PipelineID: 1, SortBy: V2SortByOrderNr, V2ListOptions: V2ListOptions{Limit: 2}}
	stages, resp, err := env.client.V2.Stages.List(context.Background(), opts)
	require.NoError(t, err)
	assert.Equal(t, "c3RhZ2UtMg", resp.NextCursor)
	require.Len(t, stages, 2)
	assert.Nil(t, stages[0].DaysToRotten, "null days_to_rotten")
	assert.False(t, stages[0].IsDealRotEnabled)
	s := stages[1]
	assert.Equal(t, 3, s.ID)
	assert.Equal(t, "Proposal made", s.Name)
	assert.Equal(t, 2, s.OrderNr)
	assert.Equal(t, 1, s.PipelineID)
	assert.Equal(t, 60, s.DealProbability)
	assert.True(t, s.IsDealRotEnabled)
	require.NotNil(t, s.DaysToRotten)
	assert.Equal(t, 14, *s.DaysToRotten)
	assert.Equal(t, v2Time(t, "2025-09-01T08:00:00Z"), s.UpdateTime)

	all, err := collectV2(env.client.V2.Stages.All(context.Background(), opts))
	require.NoError(t, err)
	require.Len(t, all, 3)
	assert.Equal(t, "Negotiation", all[2].Name)
	assert.Equal(t, int32(3), calls.Load())
}

func TestV2StagesGetCreateUpdateDelete(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v2/stages/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "9", r.PathValue("id"))
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/stages/one.json"))
	})
	env.gateway.HandleFunc("POST /pipedrive/api/v2/stages", func(w http.ResponseWriter, r *http.Request) {
		testBody(t, r, `{"name":"Contract sent","pipeline_id":1,"deal_probability":0,"is_deal_rot_enabled":true,"days_to_rotten":7}`)
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/stages/one.json"))
	})
	env.gateway.HandleFunc("PATCH /pipedrive/api/v2/stages/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "9", r.PathValue("id"))
		testBody(t, r, `{"name":"Contract signed","deal_probability":90,"is_deal_rot_enabled":false,"pipeline_id":2}`)
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/stages/one.json"))
	})
	env.gateway.HandleFunc("DELETE /pipedrive/api/v2/stages/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "9", r.PathValue("id"))
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":{"id":9}}`)
	})
	ctx := context.Background()
	s, _, err := env.client.V2.Stages.Get(ctx, 9)
	require.NoError(t, err)
	assert.Equal(t, "Contract sent", s.Name)
	assert.Equal(t, 7, *s.DaysToRotten)

	s, _, err = env.client.V2.Stages.Create(ctx, &V2StageCreateParams{
		Name: "Contract sent", PipelineID: 1, DealProbability: Ptr(0), IsDealRotEnabled: true, DaysToRotten: 7,
	})
	require.NoError(t, err)
	assert.Equal(t, 9, s.ID)

	_, _, err = env.client.V2.Stages.Update(ctx, 9, &V2StageUpdateParams{
		Name: Set("Contract signed"), DealProbability: Set(90), IsDealRotEnabled: Set(false), PipelineID: Set(2),
	})
	require.NoError(t, err)

	_, err = env.client.V2.Stages.Delete(ctx, 9)
	require.NoError(t, err)
}

func TestV2StagesValidation(t *testing.T) {
	env := setupV2(t)
	ctx := context.Background()
	st := env.client.V2.Stages
	for _, tc := range []struct {
		name, field string
		err         error
	}{
		{"limit", "limit", func() error {
			_, _, err := st.List(ctx, &V2StageListOptions{V2ListOptions: V2ListOptions{Limit: 501}})
			return err
		}()},
		{"pipeline -1", "pipeline_id", func() error {
			_, _, err := st.List(ctx, &V2StageListOptions{PipelineID: -1})
			return err
		}()},
		{"sort_by due_date", "sort_by", func() error {
			_, _, err := st.List(ctx, &V2StageListOptions{SortBy: V2SortByDueDate})
			return err
		}()},
		{"get 0", "id", func() error { _, _, err := st.Get(ctx, 0); return err }()},
		{"delete 0", "id", func() error { _, err := st.Delete(ctx, 0); return err }()},
		{"create nil", "params", func() error { _, _, err := st.Create(ctx, nil); return err }()},
		{"create no name", "name", func() error {
			_, _, err := st.Create(ctx, &V2StageCreateParams{PipelineID: 1})
			return err
		}()},
		{"create no pipeline", "pipeline_id", func() error {
			_, _, err := st.Create(ctx, &V2StageCreateParams{Name: "x"})
			return err
		}()},
		{"create probability 120", "deal_probability", func() error {
			_, _, err := st.Create(ctx, &V2StageCreateParams{Name: "x", PipelineID: 1, DealProbability: Ptr(120)})
			return err
		}()},
		{"update probability -1", "deal_probability", func() error {
			_, _, err := st.Update(ctx, 9, &V2StageUpdateParams{DealProbability: Set(-1)})
			return err
		}()},
		{"update null days", "days_to_rotten", func() error {
			_, _, err := st.Update(ctx, 9, &V2StageUpdateParams{DaysToRotten: Null[int]()})
			return err
		}()},
		{"update nil", "params", func() error { _, _, err := st.Update(ctx, 9, nil); return err }()},
	} {
		t.Run(tc.name, func(t *testing.T) { requireValidation(t, tc.err, tc.field) })
	}
	assert.Zero(t, env.requests.Load())
}
