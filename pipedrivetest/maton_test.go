package pipedrivetest_test

import (
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopipedrive/pipedrive/pipedrivetest"
)

func TestAuthentication(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithAPIKey("secret"), pipedrivetest.WithSeedData())
	assert.Equal(t, "secret", srv.APIKey)
	assert.Equal(t, srv.URL, srv.GatewayURL())
	assert.Equal(t, srv.URL, srv.ControlURL())

	want := map[string]any{"message": "Invalid API key", "type": "Unauthorized", "code": float64(401)}
	for name, opt := range map[string]reqOpt{
		"missing":   func(r *http.Request) { r.Header.Del("Authorization") },
		"wrong key": header("Authorization", "Bearer nope"),
		"no scheme": header("Authorization", "secret"),
	} {
		t.Run(name, func(t *testing.T) {
			for _, path := range []string{v1 + "/deals", "/connections"} {
				res := do(t, srv, http.MethodGet, path, nil, opt)
				assert.Equal(t, http.StatusUnauthorized, res.Status, path)
				assert.Equal(t, want, res.Body, path)
			}
		})
	}
	assert.Equal(t, http.StatusOK, do(t, srv, http.MethodGet, v1+"/deals", nil).Status)
	assert.Equal(t, http.StatusOK, do(t, srv, http.MethodGet, v1+"/deals", nil,
		header("Authorization", "bearer secret")).Status, "scheme is case-insensitive")
}

func TestUnknownConnection(t *testing.T) {
	srv := newServer(t)
	res := do(t, srv, http.MethodGet, v1+"/users/me", nil, header("Maton-Connection", "nope"))
	assert.Equal(t, http.StatusNotFound, res.Status)
	assert.Equal(t, map[string]any{"message": "Connection nope not found", "type": "Not Found", "code": float64(404)}, res.Body)
}

func TestMissingConnectionAndActivation(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithoutConnection())
	assert.Empty(t, srv.ConnectionID)

	res := do(t, srv, http.MethodGet, v1+"/users/me", nil)
	assert.Equal(t, http.StatusBadRequest, res.Status)
	assert.Equal(t, "Bad Request", res.Body["type"])
	assert.Equal(t, float64(400), res.Body["code"])
	assert.Regexp(t, `^Missing Pipedrive connection\.`, res.Body["message"])

	created := do(t, srv, http.MethodPost, "/connections", map[string]any{"app": "pipedrive"})
	require.Equal(t, http.StatusOK, created.Status)
	conn := created.Body["connection"].(map[string]any)
	assert.Equal(t, "PENDING", conn["status"])
	id := conn["connection_id"].(string)

	// Still no ACTIVE connection; selecting the pending one explicitly fails too.
	assert.Equal(t, http.StatusBadRequest, do(t, srv, http.MethodGet, v1+"/users/me", nil).Status)
	assert.Equal(t, http.StatusBadRequest,
		do(t, srv, http.MethodGet, v1+"/users/me", nil, header("Maton-Connection", id)).Status)

	require.NoError(t, srv.Activate(id))
	require.Error(t, srv.Activate("nope"))
	assert.Equal(t, http.StatusOK, do(t, srv, http.MethodGet, v1+"/users/me", nil).Status)
	got := do(t, srv, http.MethodGet, "/connections/"+id, nil).Body["connection"].(map[string]any)
	assert.Equal(t, "ACTIVE", got["status"])

	require.NoError(t, srv.SetConnectionStatus(id, pipedrivetest.StatusFailed))
	res = do(t, srv, http.MethodGet, v1+"/users/me", nil, header("Maton-Connection", id))
	assert.Equal(t, http.StatusInternalServerError, res.Status)
	assert.Equal(t, "Internal Server Error", res.Body["type"])
}

func TestConnectionIsolationAndDefault(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	second := srv.AddConnection("pipedrive", pipedrivetest.StatusActive)
	other := srv.AddConnection("slack", pipedrivetest.StatusActive)

	// Without the header the oldest ACTIVE connection (srv.ConnectionID) is used.
	id := create(t, srv, "/deals", map[string]any{"title": "first store"})
	assert.Equal(t, 1, id)
	assert.Equal(t, []int{1}, do(t, srv, http.MethodGet, v1+"/deals", nil,
		header("Maton-Connection", srv.ConnectionID)).IDs())

	res := do(t, srv, http.MethodGet, v1+"/deals", nil, header("Maton-Connection", second))
	assert.Equal(t, http.StatusOK, res.Status)
	assert.Nil(t, res.Body["data"], "second store is empty (v1 answers data:null)")
	assert.Equal(t, 1, create(t, srv, "/deals", map[string]any{"title": "second store"},
		header("Maton-Connection", second)), "ids start at 1 per store")

	res = do(t, srv, http.MethodGet, v1+"/deals", nil, header("Maton-Connection", other))
	assert.Equal(t, http.StatusBadRequest, res.Status, "a non-Pipedrive connection")

	// Deleting the default connection makes the next ACTIVE one the default.
	assert.Equal(t, http.StatusOK, do(t, srv, http.MethodDelete, "/connections/"+srv.ConnectionID, nil).Status)
	assert.Equal(t, "second store", do(t, srv, http.MethodGet, v1+"/deals/1", nil).Data()["title"])
}

func TestRateLimit(t *testing.T) {
	srv := pipedrivetest.NewServer(pipedrivetest.WithRateLimit(3))
	defer srv.Close()
	for i := 0; i < 2; i++ {
		require.Equal(t, http.StatusOK, do(t, srv, http.MethodGet, v1+"/users", nil).Status)
	}
	// Control-plane calls count against the same limit.
	require.Equal(t, http.StatusOK, do(t, srv, http.MethodGet, "/connections", nil).Status)
	res := do(t, srv, http.MethodGet, v1+"/users", nil)
	assert.Equal(t, http.StatusTooManyRequests, res.Status)
	assert.Equal(t, "1", res.Header.Get("Retry-After"))
	assert.Equal(t, "Too Many Requests", res.Body["type"])
	assert.Equal(t, float64(429), res.Body["code"])
	assert.NotEmpty(t, res.Body["message"])

	time.Sleep(1100 * time.Millisecond)
	assert.Equal(t, http.StatusOK, do(t, srv, http.MethodGet, v1+"/users", nil).Status, "rolling window moved on")

	srv.ResetRateLimits()
	for i := 0; i < 2; i++ {
		assert.Equal(t, http.StatusOK, do(t, srv, http.MethodGet, v1+"/users", nil).Status)
	}
}

var (
	uuidV4     = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	matonStamp = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$`)
)

func TestControlPlane(t *testing.T) {
	clock := newFakeClock()
	srv := newServer(t, pipedrivetest.WithClock(clock.Now))

	list := do(t, srv, http.MethodGet, "/connections", nil)
	require.Equal(t, http.StatusOK, list.Status)
	conns := list.Body["connections"].([]any)
	require.Len(t, conns, 1)
	c := conns[0].(map[string]any)
	assert.Equal(t, srv.ConnectionID, c["connection_id"])
	assert.Regexp(t, uuidV4, c["connection_id"])
	assert.Equal(t, "ACTIVE", c["status"])
	assert.Equal(t, "pipedrive", c["app"])
	assert.Equal(t, "OAUTH2", c["method"])
	assert.Equal(t, map[string]any{}, c["metadata"])
	assert.Equal(t, "2026-03-04T05:06:07.000000Z", c["creation_time"])
	assert.Regexp(t, matonStamp, c["last_updated_time"])
	assert.Regexp(t, `^https://connect\.maton\.ai/\?session_token=[0-9a-f]{32}$`, c["url"])

	clock.Advance(time.Hour)
	created := do(t, srv, http.MethodPost, "/connections", map[string]any{"app": "pipedrive"})
	require.Equal(t, http.StatusOK, created.Status)
	pending := created.Body["connection"].(map[string]any)
	id := pending["connection_id"].(string)
	assert.Regexp(t, uuidV4, id)
	assert.Equal(t, "PENDING", pending["status"])
	assert.Equal(t, "2026-03-04T06:06:07.000000Z", pending["creation_time"])

	active := do(t, srv, http.MethodGet, "/connections?app=pipedrive&status=ACTIVE", nil).Body["connections"].([]any)
	assert.Len(t, active, 1)
	assert.Len(t, do(t, srv, http.MethodGet, "/connections?status=PENDING", nil).Body["connections"].([]any), 1)
	assert.Empty(t, do(t, srv, http.MethodGet, "/connections?app=slack", nil).Body["connections"].([]any))

	got := do(t, srv, http.MethodGet, "/connections/"+id, nil)
	assert.Equal(t, http.StatusOK, got.Status)
	assert.Equal(t, pending, got.Body["connection"])

	del := do(t, srv, http.MethodDelete, "/connections/"+id, nil)
	assert.Equal(t, http.StatusOK, del.Status)
	assert.Equal(t, map[string]any{}, del.Body)
	missing := do(t, srv, http.MethodGet, "/connections/"+id, nil)
	assert.Equal(t, http.StatusNotFound, missing.Status)
	assert.Equal(t, map[string]any{"message": "Connection " + id + " not found", "type": "Not Found", "code": float64(404)}, missing.Body)
	assert.Equal(t, http.StatusNotFound, do(t, srv, http.MethodDelete, "/connections/"+id, nil).Status)

	bad := do(t, srv, http.MethodPost, "/connections", map[string]any{})
	assert.Equal(t, http.StatusBadRequest, bad.Status)
	assert.Equal(t, "Bad Request", bad.Body["type"])

	assert.Len(t, srv.Connections(), 1)
}

func TestDeterministicConnectionIDs(t *testing.T) {
	a := newServer(t)
	b := newServer(t)
	c := newServer(t, pipedrivetest.WithSeed(42))
	assert.Equal(t, a.ConnectionID, b.ConnectionID)
	assert.NotEqual(t, a.ConnectionID, c.ConnectionID)
	assert.Equal(t, a.AddConnection("pipedrive", pipedrivetest.StatusPending),
		b.AddConnection("pipedrive", pipedrivetest.StatusPending))
}

func TestRequestLog(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	do(t, srv, http.MethodPost, v1+"/deals?x=1", map[string]any{"title": "logged"}, header("X-Custom", "yes"))
	do(t, srv, http.MethodGet, "/connections", nil, header("Authorization", "Bearer wrong"))
	assert.Equal(t, 2, srv.Requests())
	log := srv.RequestLog()
	require.Len(t, log, 2)
	assert.Equal(t, http.MethodPost, log[0].Method)
	assert.Equal(t, v1+"/deals", log[0].Path)
	assert.Equal(t, "x=1", log[0].RawQuery)
	assert.JSONEq(t, `{"title":"logged"}`, string(log[0].Body))
	assert.Equal(t, "Bearer REDACTED", log[0].Header.Get("Authorization"))
	assert.Equal(t, "yes", log[0].Header.Get("X-Custom"))
	assert.Equal(t, "Bearer REDACTED", log[1].Header.Get("Authorization"))

	srv.ResetRequests()
	assert.Zero(t, srv.Requests())
	assert.Empty(t, srv.RequestLog())
}

func TestHandlerWrapper(t *testing.T) {
	var seen []string
	srv := newServer(t, pipedrivetest.WithHandlerWrapper(func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			seen = append(seen, r.URL.Path)
			w.Header().Set("X-Wrapped", "1")
			h.ServeHTTP(w, r)
		})
	}))
	res := do(t, srv, http.MethodGet, v1+"/users/me", nil)
	assert.Equal(t, http.StatusOK, res.Status)
	assert.Equal(t, "1", res.Header.Get("X-Wrapped"))
	assert.Equal(t, []string{v1 + "/users/me"}, seen)
}

func TestUnknownPaths(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	for _, p := range []string{
		v1 + "/nope", v1 + "/deals/abc",
		"/pipedrive/v2/deals",     // v2 is only served under /api/v2
		"/pipedrive/api/v2/notes", // notes are v1-only
		"/pipedrive/api/v2/users/me",
	} {
		res := do(t, srv, http.MethodGet, p, nil)
		assert.Equal(t, http.StatusNotFound, res.Status, p)
		assert.Equal(t, pdErrorBody("Unknown method ."), res.Body, p)
	}
	res := do(t, srv, http.MethodPatch, v1+"/deals/1", map[string]any{})
	assert.Equal(t, http.StatusNotFound, res.Status)

	// v1 is also served without the /api prefix.
	assert.Equal(t, http.StatusOK, do(t, srv, http.MethodGet, "/pipedrive/v1/pipelines", nil).Status)

	res = do(t, srv, http.MethodGet, "/elsewhere", nil)
	assert.Equal(t, http.StatusNotFound, res.Status)
	assert.Equal(t, "Not Found", res.Body["type"])
}
