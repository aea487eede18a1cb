package pipedrive

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const leadLabelJSON = `{"id":"f08b42a0-4e75-11ea-9643-03698ef1cfd6","name":"Hot","color":"red","add_time":"2026-01-05T10:00:00.000Z","update_time":"2026-01-05T10:00:00.000Z"}`

func TestLeadLabels(t *testing.T) {
	env := setup(t)
	const id = "f08b42a0-4e75-11ea-9643-03698ef1cfd6"
	env.gateway.HandleFunc("GET /pipedrive/api/v1/leadLabels", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":[`+leadLabelJSON+`]}`)
	})
	env.gateway.HandleFunc("POST /pipedrive/api/v1/leadLabels", func(w http.ResponseWriter, r *http.Request) {
		testBody(t, r, `{"name":"Hot","color":"red"}`)
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":`+leadLabelJSON+`}`)
	})
	env.gateway.HandleFunc("PATCH /pipedrive/api/v1/leadLabels/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, id, r.PathValue("id"))
		testBody(t, r, `{"color":"red"}`)
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":`+leadLabelJSON+`}`)
	})
	env.gateway.HandleFunc("DELETE /pipedrive/api/v1/leadLabels/{id}", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":{"id":"`+id+`"}}`)
	})
	env.gateway.HandleFunc("GET /pipedrive/api/v1/leadSources", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":[{"name":"API"},{"name":"Web forms"}]}`)
	})
	ctx := context.Background()
	labels, _, err := env.client.LeadLabels.List(ctx)
	require.NoError(t, err)
	require.Len(t, labels, 1)
	assert.Equal(t, LeadLabelRed, labels[0].Color)
	assert.Equal(t, 2026, labels[0].AddTime.Year())
	l, _, err := env.client.LeadLabels.Create(ctx, &LeadLabelParams{Name: "Hot", Color: LeadLabelRed})
	require.NoError(t, err)
	assert.Equal(t, id, l.ID)
	_, _, err = env.client.LeadLabels.Update(ctx, id, &LeadLabelParams{Color: LeadLabelRed})
	require.NoError(t, err)
	_, err = env.client.LeadLabels.Delete(ctx, id)
	require.NoError(t, err)
	sources, _, err := env.client.LeadSources.List(ctx)
	require.NoError(t, err)
	assert.Equal(t, "Web forms", sources[1].Name)
}

func TestLeadLabelsRefused(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	var ve *ValidationError
	for _, err := range []error{
		second(env.client.LeadLabels.Create(ctx, &LeadLabelParams{Color: LeadLabelRed})),
		second(env.client.LeadLabels.Create(ctx, &LeadLabelParams{Name: "x"})),
		second(env.client.LeadLabels.Create(ctx, &LeadLabelParams{Name: "x", Color: "violet"})),
		second(env.client.LeadLabels.Create(ctx, nil)),
		second(env.client.LeadLabels.Update(ctx, "42", &LeadLabelParams{Name: "x"})),
		second(env.client.LeadLabels.Update(ctx, "../../users", &LeadLabelParams{Name: "x"})),
	} {
		assert.True(t, errors.As(err, &ve), "%v", err)
	}
	_, err := env.client.LeadLabels.Delete(ctx, "")
	assert.True(t, errors.As(err, &ve), "%v", err)
	assert.Zero(t, env.requests.Load(), "nothing sent")
}

// second returns the error of a (value, response, error) call.
func second[T any](_ T, _ *Response, err error) error { return err }
