package pipedrive

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gopipedrive/pipedrive/internal/conformance"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	testKey        = "test-maton-key-0123456789abcdef"
	testConnection = "21fd90f9-5935-43cd-b6c8-bde9d915ca80"
)

// testEnv is a fresh loopback server per test: the gateway is mounted under
// /gw and the control plane under /ctrl, so a request that ignores the base
// URL's path is caught.
type testEnv struct {
	client   *Client
	gateway  *http.ServeMux // patterns like "GET /pipedrive/api/v1/deals/{id}"
	control  *http.ServeMux // patterns like "GET /connections"
	server   *httptest.Server
	requests atomic.Int64
}

// setup starts a server whose gateway traffic is validated against
// Pipedrive's official OpenAPI specs: every request the SDK sends, and every
// response a handler writes with a status below 400. Without the specs the
// test runs unvalidated (conformance.Optional prints a notice once).
func setup(t *testing.T, opts ...Option) *testEnv {
	t.Helper()
	conformance.Optional(t, conformance.V1)
	return newTestEnv(t, true, opts...)
}

// setupRaw is setup without spec validation, for pipeline tests that use
// made-up paths or broken answers.
func setupRaw(t *testing.T, opts ...Option) *testEnv {
	t.Helper()
	return newTestEnv(t, false, opts...)
}

func newTestEnv(t *testing.T, validate bool, opts ...Option) *testEnv {
	env := &testEnv{gateway: http.NewServeMux(), control: http.NewServeMux()}
	var gw http.Handler = env.gateway
	if validate {
		gw = conformance.Middleware(t, gw)
	}
	root := http.NewServeMux()
	root.Handle("/gw/", http.StripPrefix("/gw", gw))
	root.Handle("/ctrl/", http.StripPrefix("/ctrl", env.control))
	env.server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		env.requests.Add(1)
		root.ServeHTTP(w, r)
	}))
	t.Cleanup(env.server.Close)
	base := []Option{
		WithGatewayURL(env.server.URL + "/gw"),
		WithControlURL(env.server.URL + "/ctrl"),
		WithRateLimit(1e6, 1000),
		WithRetry(RetryPolicy{MaxAttempts: 4, MinWait: time.Millisecond, MaxWait: 5 * time.Millisecond}),
	}
	if validate {
		// Requests carry the SDK method that sent them, for the coverage
		// record (docs/coverage/sdk.json).
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.MaxIdleConnsPerHost = 32
		base = append(base, WithHTTPClient(&http.Client{Transport: conformance.TagTransport(tr)}))
	}
	c, err := NewClient(testKey, append(base, opts...)...)
	require.NoError(t, err)
	env.client = c
	return env
}

// testdata returns the bytes of testdata/<name>.
func testdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// writeJSON writes status and a JSON body (a string, []byte or value).
func writeJSON(t testing.TB, w http.ResponseWriter, status int, body any) {
	t.Helper()
	var b []byte
	switch v := body.(type) {
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		var err error
		b, err = json.Marshal(v)
		require.NoError(t, err)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// testQuery asserts the request's query is exactly want.
func testQuery(t testing.TB, r *http.Request, want url.Values) {
	t.Helper()
	got := r.URL.Query()
	if len(want) == 0 && len(got) == 0 {
		return
	}
	assert.Equal(t, want, got, "query of %s %s", r.Method, r.URL.Path)
}

// testBody asserts the request's JSON body equals want (JSON equality).
func testBody(t testing.TB, r *http.Request, want string) {
	t.Helper()
	b, err := io.ReadAll(r.Body)
	require.NoError(t, err)
	assert.JSONEq(t, want, string(b), "body of %s %s", r.Method, r.URL.Path)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
}

// contextLike keeps test fetch functions short.
type contextLike = context.Context
