package pipedrivetest_test

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopipedrive/pipedrive"
	"github.com/gopipedrive/pipedrive/pipedrivetest"
)

// TestSearchRateLimit: Pipedrive limits its search endpoints to 10
// requests per 2 seconds per connection on top of the general limit; the
// 11th search within 2 s gets a 429 with Retry-After, while other requests
// go on.
func TestSearchRateLimit(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData(), pipedrivetest.WithSearchRateLimit(pipedrivetest.DefaultSearchRateLimit))
	searches := []string{
		v1 + "/deals/search?term=acme", v2 + "/persons/search?term=acme", v2 + "/itemSearch?term=acme",
		v2 + "/organizations/search?term=acme", v2 + "/deals/search?term=acme",
	}
	for i := range 10 {
		res := do(t, srv, http.MethodGet, searches[i%len(searches)], nil)
		require.Equal(t, http.StatusOK, res.Status, "search %d: %s", i+1, res.Raw)
	}
	res := do(t, srv, http.MethodGet, v2+"/itemSearch/field?term=acme&entity_type=deal&field=title", nil)
	assert.Equal(t, http.StatusTooManyRequests, res.Status, "%s", res.Raw)
	ra, err := strconv.Atoi(res.Header.Get("Retry-After"))
	require.NoError(t, err, "Retry-After %q", res.Header.Get("Retry-After"))
	assert.True(t, ra >= 1 && ra <= 2, "Retry-After %d", ra)
	assert.Equal(t, "Request over limit", res.Body["error"])

	// Other requests are not affected.
	assert.Equal(t, http.StatusOK, do(t, srv, http.MethodGet, v2+"/deals", nil).Status)

	// The SDK sees a rate-limit error it can match.
	srv.ResetRateLimits()
	c := srv.Client(t, pipedrive.WithRetry(pipedrive.RetryPolicy{MaxAttempts: 1}))
	var last error
	for range 11 {
		_, _, last = c.V2.Deals.Search(context.Background(), &pipedrive.V2DealSearchOptions{Term: "acme"})
	}
	assert.ErrorIs(t, last, pipedrive.ErrRateLimited)
}

// TestArchivedDealNotEditable: since 2025-07-15 Pipedrive refuses edits of
// an archived deal through the API; unarchiving it is the one update it
// takes.
func TestArchivedDealNotEditable(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	d := createV2(t, srv, "/deals", map[string]any{"title": "Old deal"})
	id := strconv.Itoa(num(d["id"]))
	res := do(t, srv, http.MethodPatch, v2+"/deals/"+id, map[string]any{"is_archived": true})
	require.Equal(t, http.StatusOK, res.Status, "%s", res.Raw)

	res = do(t, srv, http.MethodPatch, v2+"/deals/"+id, map[string]any{"title": "Edited"})
	assert.Equal(t, http.StatusBadRequest, res.Status, "v2 PATCH of an archived deal")
	assert.Contains(t, res.Body["error"], "Archived deals cannot be edited")
	res = do(t, srv, http.MethodPut, v1+"/deals/"+id, map[string]any{"title": "Edited"})
	assert.Equal(t, http.StatusBadRequest, res.Status, "v1 PUT of an archived deal")
	res = do(t, srv, http.MethodPatch, v2+"/deals/"+id, map[string]any{"is_archived": true, "title": "x"})
	assert.Equal(t, http.StatusBadRequest, res.Status, "archiving again with an edit")

	res = do(t, srv, http.MethodGet, v2+"/deals/"+id, nil)
	assert.Equal(t, "Old deal", res.Data()["title"], "nothing changed")

	res = do(t, srv, http.MethodPatch, v2+"/deals/"+id, map[string]any{"is_archived": false})
	require.Equal(t, http.StatusOK, res.Status, "unarchiving: %s", res.Raw)
	res = do(t, srv, http.MethodPatch, v2+"/deals/"+id, map[string]any{"title": "Edited"})
	assert.Equal(t, http.StatusOK, res.Status, "an unarchived deal is editable again")

	// Through the SDK: a *APIError with status 400.
	_, _, err := srv.Client(t).V2.Deals.Update(context.Background(), num(d["id"]), &pipedrive.V2DealUpdateParams{IsArchived: pipedrive.Set(true)})
	require.NoError(t, err)
	_, _, err = srv.Client(t).V2.Deals.Update(context.Background(), num(d["id"]), &pipedrive.V2DealUpdateParams{Title: pipedrive.Set("again")})
	var apiErr *pipedrive.APIError
	require.True(t, errors.As(err, &apiErr), "%v", err)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
}

// TestDealTimeRules: won_time only with status won, lost_time only with
// lost, close_time only with won or lost (the v2 spec's words), through v1
// and v2, on create and update.
func TestDealTimeRules(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	const when = "2026-03-01T10:00:00Z"
	const whenV1 = "2026-03-01 10:00:00"
	for _, tc := range []struct {
		name   string
		method string
		path   string
		body   map[string]any
		want   int
	}{
		{"v2 create won_time while open", http.MethodPost, v2 + "/deals", map[string]any{"title": "a", "won_time": when}, 400},
		{"v2 create won_time while won", http.MethodPost, v2 + "/deals", map[string]any{"title": "a", "status": "won", "won_time": when}, 200},
		{"v2 create lost_time while won", http.MethodPost, v2 + "/deals", map[string]any{"title": "a", "status": "won", "lost_time": when}, 400},
		{"v2 create lost_time while lost", http.MethodPost, v2 + "/deals", map[string]any{"title": "a", "status": "lost", "lost_time": when}, 200},
		{"v2 create close_time while open", http.MethodPost, v2 + "/deals", map[string]any{"title": "a", "close_time": when}, 400},
		{"v2 create close_time while lost", http.MethodPost, v2 + "/deals", map[string]any{"title": "a", "status": "lost", "close_time": when}, 200},
		{"v1 create won_time while open", http.MethodPost, v1 + "/deals", map[string]any{"title": "a", "won_time": whenV1}, 400},
		{"v1 create close_time while won", http.MethodPost, v1 + "/deals", map[string]any{"title": "a", "status": "won", "close_time": whenV1}, 201},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := do(t, srv, tc.method, tc.path, tc.body)
			assert.Equal(t, tc.want, res.Status, "%s", res.Raw)
			if tc.want == 400 {
				assert.Contains(t, res.Body["error"], "can only be set if deal status is")
			}
		})
	}

	open := createV2(t, srv, "/deals", map[string]any{"title": "open deal"})
	won := createV2(t, srv, "/deals", map[string]any{"title": "won deal", "status": "won"})
	patch := func(d map[string]any, body map[string]any) int {
		return do(t, srv, http.MethodPatch, v2+"/deals/"+strconv.Itoa(num(d["id"])), body).Status
	}
	assert.Equal(t, 400, patch(open, map[string]any{"won_time": when}))
	assert.Equal(t, 400, patch(open, map[string]any{"close_time": when}))
	assert.Equal(t, 400, patch(won, map[string]any{"lost_time": when}))
	assert.Equal(t, 200, patch(won, map[string]any{"won_time": when}))
	assert.Equal(t, 200, patch(open, map[string]any{"status": "lost", "lost_time": when}))
	res := do(t, srv, http.MethodPut, v1+"/deals/"+strconv.Itoa(num(won["id"])), map[string]any{"lost_time": whenV1})
	assert.Equal(t, 400, res.Status, "v1 PUT lost_time on a won deal")
}

// TestNotEmulated: a real Pipedrive operation the fake has no handler for
// answers 501 naming the operation, never Pipedrive's 404 "Unknown method"
// (which means the path does not exist or was removed).
func TestNotEmulated(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	// API v1's tasks are left out (API v2 serves them).
	res := do(t, srv, http.MethodGet, v1+"/tasks/1", nil)
	assert.Equal(t, http.StatusNotImplemented, res.Status)
	assert.Equal(t, pdErrorBody("not emulated by pipedrivetest: getTask (GET /api/v1/tasks/{id})"), res.Body)

	res = do(t, srv, http.MethodGet, v1+"/deals/1/products", nil)
	assert.Equal(t, http.StatusNotImplemented, res.Status)
	assert.Contains(t, res.Body["error"], "getDealProducts")

	// Paths in no spec stay 404 "Unknown method .".
	for _, p := range []string{v1 + "/nope", v1 + "/deals/abc", v2 + "/notes"} {
		res = do(t, srv, http.MethodGet, p, nil)
		assert.Equal(t, http.StatusNotFound, res.Status, p)
		assert.Equal(t, pdErrorBody("Unknown method ."), res.Body, p)
	}

	// The SDK reports a *APIError with the status and the operation, and
	// does not retry it.
	c := srv.Client(t)
	before := srv.Requests()
	_, err := c.Do(context.Background(), http.MethodGet, "/api/v1/tasks/1", nil, nil, nil)
	var apiErr *pipedrive.APIError
	require.True(t, errors.As(err, &apiErr), "%v", err)
	assert.Equal(t, http.StatusNotImplemented, apiErr.StatusCode)
	assert.Contains(t, apiErr.Error(), "getTask")
	assert.Equal(t, 1, srv.Requests()-before, "a 501 is not retried")

	for _, tc := range []struct {
		method, path string
		emulated     bool
		op           string
	}{
		{"GET", "/api/v2/deals/5", true, "getDeal"},
		{"GET", "/pipedrive/api/v1/tasks/5", false, "getTask"},
		{"GET", "/api/v1/notes", true, "getNotes"},
		{"GET", "/api/v1/nope", false, ""},
	} {
		emulated, op := pipedrivetest.Emulated(tc.method, tc.path)
		assert.Equal(t, tc.emulated, emulated, tc.path)
		assert.Equal(t, tc.op, op, tc.path)
	}
}
