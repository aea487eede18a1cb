package pipedrive

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStagesList(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/stages", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{"pipeline_id": {"1"}, "limit": {"2"}})
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/stages/list_page1.json"))
	})
	stages, resp, err := env.client.Stages.List(context.Background(), &StageListOptions{PipelineID: 1, ListOptions: ListOptions{Limit: 2}})
	require.NoError(t, err)
	require.Len(t, stages, 2)
	assert.Equal(t, Stage{
		ID: 1, OrderNr: 1, Name: "Qualified", ActiveFlag: true, DealProbability: 10, PipelineID: 1,
		AddTime: Time{v1crudTime(t, "2024-01-10 09:00:00")}, UpdateTime: Time{v1crudTime(t, "2024-01-10 09:00:00")},
		PipelineName: "Sales", PipelineDealProbability: true,
	}, *stages[0])
	assert.Nil(t, stages[0].RottenDays)
	s := stages[1]
	assert.Equal(t, 60, s.DealProbability)
	assert.True(t, s.RottenFlag)
	require.NotNil(t, s.RottenDays)
	assert.Equal(t, 14, *s.RottenDays)
	assert.Equal(t, Pagination{Start: 0, Limit: 2, MoreItems: true, NextStart: 2}, *resp.Pagination)
}

func TestStagesListNilOptions(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/stages", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/stages/list_page2.json"))
	})
	stages, _, err := env.client.Stages.List(context.Background(), nil)
	require.NoError(t, err)
	require.Len(t, stages, 1)
	assert.True(t, stages[0].UpdateTime.IsZero())
}

func TestStagesAll(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/stages", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		assert.Equal(t, "1", q.Get("pipeline_id"))
		switch q.Get("start") {
		case "":
			writeJSON(t, w, http.StatusOK, testdata(t, "v1/stages/list_page1.json"))
		case "2":
			writeJSON(t, w, http.StatusOK, testdata(t, "v1/stages/list_page2.json"))
		default:
			t.Errorf("unexpected start %q", q.Get("start"))
			writeJSON(t, w, http.StatusOK, `{"success":true,"data":null}`)
		}
	})
	opts := &StageListOptions{PipelineID: 1, ListOptions: ListOptions{Limit: 2}}
	var names []string
	for s, err := range env.client.Stages.All(context.Background(), opts) {
		require.NoError(t, err)
		names = append(names, s.Name)
	}
	assert.Equal(t, []string{"Qualified", "Proposal made", "Negotiations"}, names)
	assert.Equal(t, int64(2), env.requests.Load())
	assert.Equal(t, StageListOptions{PipelineID: 1, ListOptions: ListOptions{Limit: 2}}, *opts)
}

func TestStagesGet(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/stages/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "2", r.PathValue("id"))
		testQuery(t, r, nil)
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/stages/get.json"))
	})
	s, _, err := env.client.Stages.Get(context.Background(), 2)
	require.NoError(t, err)
	assert.Equal(t, "Proposal made", s.Name)
	assert.Equal(t, 60, s.DealProbability)
	assert.Equal(t, 14, *s.RottenDays)
	assert.Equal(t, "", s.PipelineName, "GET /stages/{id} has no pipeline_name")
}

func TestStagesValidation(t *testing.T) {
	env := setup(t)
	ctx := context.Background()
	list := func(o *StageListOptions) error { _, _, err := env.client.Stages.List(ctx, o); return err }
	v1crudAssertValidation(t, list(&StageListOptions{PipelineID: -1}), "pipeline_id")
	v1crudAssertValidation(t, list(&StageListOptions{ListOptions: ListOptions{Limit: 501}}), "limit")
	v1crudAssertValidation(t, list(&StageListOptions{ListOptions: ListOptions{Start: -3}}), "start")
	_, _, err := env.client.Stages.Get(ctx, 0)
	v1crudAssertValidation(t, err, "id")
	for _, err := range env.client.Stages.All(ctx, &StageListOptions{PipelineID: -1}) {
		v1crudAssertValidation(t, err, "pipeline_id")
	}
	assert.Equal(t, int64(0), env.requests.Load())
}

func TestStagesRetired(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/stages", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusNotFound, `{"success":false,"error":"Unknown method .","error_info":"Please check developers.pipedrive.com","data":null,"additional_data":null}`)
	})
	env.gateway.HandleFunc("GET /pipedrive/api/v1/stages/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") == "404" {
			writeJSON(t, w, http.StatusNotFound, `{"success":false,"error":"Stage not found","error_info":"Please check developers.pipedrive.com","data":null,"additional_data":null}`)
			return
		}
		writeJSON(t, w, http.StatusNotFound, `{"success":false,"error":"Unknown method .","error_info":"Please check developers.pipedrive.com","data":null,"additional_data":null}`)
	})
	var apiErr *APIError
	_, _, err := env.client.Stages.List(context.Background(), nil)
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Client.V2.Stages.List", apiErr.Replacement)
	assert.Contains(t, err.Error(), "Client.V2.Stages.List")

	_, _, err = env.client.Stages.Get(context.Background(), 5)
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Client.V2.Stages.Get", apiErr.Replacement)

	_, _, err = env.client.Stages.Get(context.Background(), 404)
	require.ErrorAs(t, err, &apiErr)
	assert.True(t, errors.Is(err, ErrNotFound))
	assert.Empty(t, apiErr.Replacement)
}

func TestStagesSpecExamples(t *testing.T) {
	v1crudSpecExamples(t, "getStages", func(t *testing.T, _ string, v *[]*Stage) {
		require.Len(t, *v, 1)
		s := (*v)[0]
		assert.Equal(t, 100, s.DealProbability)
		assert.Equal(t, "Pipeline", s.PipelineName)
		require.NotNil(t, s.RottenDays)
		assert.Equal(t, 1, *s.RottenDays)
	})
	v1crudSpecExamples(t, "getStage", func(t *testing.T, _ string, s *Stage) {
		assert.Equal(t, "Stage Name", s.Name)
		assert.True(t, s.ActiveFlag)
	})
}
