package pipedrive

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPipelinesList(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/pipelines", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/pipelines/list.json"))
	})
	ps, resp, err := env.client.Pipelines.List(context.Background())
	require.NoError(t, err)
	require.Len(t, ps, 2)
	assert.Equal(t, Pipeline{
		ID: 1, Name: "Sales", URLTitle: "Sales", OrderNr: 0, Active: true, DealProbability: true, Selected: true,
		AddTime: Time{v1crudTime(t, "2024-01-10 09:00:00")}, UpdateTime: Time{v1crudTime(t, "2025-06-01 12:30:00")},
	}, *ps[0])
	p := ps[1]
	assert.Equal(t, 2, p.ID)
	assert.False(t, p.Active)
	assert.False(t, p.DealProbability)
	assert.False(t, p.Selected)
	assert.True(t, p.UpdateTime.IsZero())
	assert.Nil(t, resp.Pagination, "GET /pipelines is not paginated")
}

func TestPipelinesGet(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/pipelines/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "2", r.PathValue("id"))
		testQuery(t, r, nil)
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/pipelines/get.json"))
	})
	p, _, err := env.client.Pipelines.Get(context.Background(), 2)
	require.NoError(t, err)
	assert.Equal(t, "Partner deals", p.Name)
	assert.Equal(t, "Partner-deals", p.URLTitle)
	assert.Equal(t, 1, p.OrderNr)
	assert.True(t, p.Active)
	assert.False(t, p.DealProbability)
	assert.True(t, p.UpdateTime.IsZero(), `"0000-00-00 00:00:00" is the zero time`)
}

func TestPipelinesValidation(t *testing.T) {
	env := setup(t)
	for _, id := range []int{0, -1} {
		_, _, err := env.client.Pipelines.Get(context.Background(), id)
		v1crudAssertValidation(t, err, "id")
	}
	assert.Equal(t, int64(0), env.requests.Load())
}

func TestPipelinesRetired(t *testing.T) {
	env := setup(t)
	retired := func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusGone, `{"success":false,"error":"Unknown method .","error_info":"Please check developers.pipedrive.com"}`)
	}
	env.gateway.HandleFunc("GET /pipedrive/api/v1/pipelines", retired)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/pipelines/{id}", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusNotFound, `{"success":false,"error":"Pipeline not found","error_info":"Please check developers.pipedrive.com","data":null,"additional_data":null}`)
	})

	_, _, err := env.client.Pipelines.List(context.Background())
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.True(t, errors.Is(err, ErrGone))
	assert.Equal(t, "Client.V2.Pipelines.List", apiErr.Replacement)
	assert.Contains(t, err.Error(), "use Client.V2.Pipelines.List")

	_, _, err = env.client.Pipelines.Get(context.Background(), 99)
	require.ErrorAs(t, err, &apiErr)
	assert.True(t, errors.Is(err, ErrNotFound))
	assert.Empty(t, apiErr.Replacement)
	assert.NotContains(t, err.Error(), "retired")
}

func TestPipelinesSpecExamples(t *testing.T) {
	v1crudSpecExamples(t, "getPipelines", func(t *testing.T, _ string, v *[]*Pipeline) {
		require.Len(t, *v, 1)
		p := (*v)[0]
		assert.Equal(t, "Pipeline-Name", p.URLTitle)
		assert.True(t, p.DealProbability)
		assert.True(t, p.Selected)
		assert.Equal(t, v1crudTime(t, "2020-03-23 13:15:25"), p.UpdateTime.Time)
	})
	v1crudSpecExamples(t, "getPipeline", func(t *testing.T, _ string, p *Pipeline) {
		assert.Equal(t, 1, p.ID)
		assert.True(t, p.Selected)
	})
}
