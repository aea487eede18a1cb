package pipedrivetest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gopipedrive/pipedrive/pipedrivetest"
)

const v1 = "/pipedrive/api/v1"

// fakeClock is a settable clock for WithClock.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// newServer starts a server without Maton's rate limit (unless opts set
// one) and closes it when the test ends.
func newServer(t *testing.T, opts ...pipedrivetest.Option) *pipedrivetest.Server {
	t.Helper()
	srv := pipedrivetest.NewServer(append([]pipedrivetest.Option{pipedrivetest.WithRateLimit(0), pipedrivetest.WithSearchRateLimit(0)}, opts...)...)
	t.Cleanup(srv.Close)
	return srv
}

// result is a decoded response.
type result struct {
	Status int
	Header http.Header
	Raw    []byte
	Body   map[string]any
}

// Data returns body.data as an object.
func (r result) Data() map[string]any {
	m, _ := r.Body["data"].(map[string]any)
	return m
}

// List returns body.data as a list of objects.
func (r result) List() []map[string]any {
	arr, _ := r.Body["data"].([]any)
	out := make([]map[string]any, 0, len(arr))
	for _, x := range arr {
		out = append(out, x.(map[string]any))
	}
	return out
}

// Pagination returns body.additional_data.pagination.
func (r result) Pagination() map[string]any {
	ad, _ := r.Body["additional_data"].(map[string]any)
	p, _ := ad["pagination"].(map[string]any)
	return p
}

// nextCursor returns body.additional_data.next_cursor ("" when null or
// absent).
func nextCursor(r result) string {
	ad, _ := r.Body["additional_data"].(map[string]any)
	s, _ := ad["next_cursor"].(string)
	return s
}

// IDs returns the ids of the listed objects.
func (r result) IDs() []int {
	var ids []int
	for _, m := range r.List() {
		ids = append(ids, int(m["id"].(float64)))
	}
	return ids
}

type reqOpt func(*http.Request)

func header(k, v string) reqOpt { return func(r *http.Request) { r.Header.Set(k, v) } }

func withCtx(ctx context.Context) reqOpt {
	return func(r *http.Request) { *r = *r.WithContext(ctx) }
}

// do sends a request authenticated with the server's key. body may be nil, a
// string (sent as is) or a value encoded as JSON.
func do(t *testing.T, srv *pipedrivetest.Server, method, path string, body any, opts ...reqOpt) result {
	t.Helper()
	res, err := try(srv, method, path, body, opts...)
	require.NoError(t, err)
	return res
}

func try(srv *pipedrivetest.Server, method, path string, body any, opts ...reqOpt) (result, error) {
	var rd io.Reader
	contentType := ""
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
		contentType = "application/json"
	default:
		js, err := json.Marshal(b)
		if err != nil {
			return result{}, err
		}
		rd = bytes.NewReader(js)
		contentType = "application/json"
	}
	req, err := http.NewRequest(method, srv.URL+path, rd)
	if err != nil {
		return result{}, err
	}
	req.Header.Set("Authorization", "Bearer "+srv.APIKey)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for _, o := range opts {
		o(req)
	}
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		return result{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	res := result{Status: resp.StatusCode, Header: resp.Header, Raw: raw}
	if err != nil {
		return res, err
	}
	if len(raw) > 0 && strings.Contains(resp.Header.Get("Content-Type"), "json") {
		if err := json.Unmarshal(raw, &res.Body); err != nil {
			return res, err
		}
	}
	return res, nil
}

// create posts body to /pipedrive/api/v1/<path> and returns the new id.
func create(t *testing.T, srv *pipedrivetest.Server, path string, body any, opts ...reqOpt) int {
	t.Helper()
	res := do(t, srv, http.MethodPost, v1+path, body, opts...)
	require.Containsf(t, []int{200, 201}, res.Status, "create %s: %s", path, res.Raw)
	return int(res.Data()["id"].(float64))
}

// pdErrorBody is Pipedrive's general error envelope.
func pdErrorBody(msg string) map[string]any {
	return map[string]any{
		"success":         false,
		"error":           msg,
		"error_info":      "Please check developers.pipedrive.com",
		"data":            nil,
		"additional_data": nil,
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// matchAllFilter saves a filter of type typ without conditions (it
// selects every item) and returns its id.
func matchAllFilter(t *testing.T, srv *pipedrivetest.Server, typ string) int {
	t.Helper()
	res := do(t, srv, http.MethodPost, v1+"/filters", map[string]any{"name": "All " + typ, "type": typ,
		"conditions": map[string]any{"glue": "and", "conditions": []any{map[string]any{"glue": "and", "conditions": []any{}}}}})
	require.Equal(t, http.StatusOK, res.Status, string(res.Raw))
	return num(res.Data()["id"])
}
