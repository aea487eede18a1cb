package pipedrivetest_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopipedrive/pipedrive/pipedrivetest"
)

func dealCount(t *testing.T, srv *pipedrivetest.Server) int {
	t.Helper()
	return len(do(t, srv, http.MethodGet, v1+"/deals", nil).List())
}

func TestFaultStatus(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	srv.InjectFault(pipedrivetest.Fault{Method: http.MethodPost, PathPrefix: v1 + "/deals", Status: 503})
	res := do(t, srv, http.MethodPost, v1+"/deals", map[string]any{"title": "lost"})
	assert.Equal(t, http.StatusServiceUnavailable, res.Status)
	assert.Equal(t, pdErrorBody("Service Unavailable"), res.Body)
	assert.Zero(t, dealCount(t, srv), "a faulted create stores nothing")

	// Consumed: the next request goes through.
	assert.Equal(t, http.StatusCreated, do(t, srv, http.MethodPost, v1+"/deals", map[string]any{"title": "ok"}).Status)

	// Custom body and headers, several times, only for matching requests.
	srv.InjectFault(pipedrivetest.Fault{
		PathPrefix: v1 + "/persons", Times: 2, Status: 429,
		Body:   `{"success":false,"error":"Request over limit"}`,
		Header: http.Header{"Retry-After": {"7"}},
	})
	assert.Equal(t, http.StatusOK, do(t, srv, http.MethodGet, v1+"/deals", nil).Status, "other paths unaffected")
	for i := 0; i < 2; i++ {
		res := do(t, srv, http.MethodGet, v1+"/persons", nil)
		assert.Equal(t, http.StatusTooManyRequests, res.Status)
		assert.Equal(t, "7", res.Header.Get("Retry-After"))
		assert.JSONEq(t, `{"success":false,"error":"Request over limit"}`, string(res.Raw))
	}
	assert.Equal(t, http.StatusOK, do(t, srv, http.MethodGet, v1+"/persons", nil).Status)

	// Unlimited until cleared; the control plane can be faulted too.
	srv.InjectFault(pipedrivetest.Fault{PathPrefix: "/connections", Times: -1, Status: 500})
	for i := 0; i < 3; i++ {
		assert.Equal(t, http.StatusInternalServerError, do(t, srv, http.MethodGet, "/connections", nil).Status)
	}
	srv.ClearFaults()
	assert.Equal(t, http.StatusOK, do(t, srv, http.MethodGet, "/connections", nil).Status)

	// Faults apply after authentication.
	srv.InjectFault(pipedrivetest.Fault{Status: 500})
	assert.Equal(t, http.StatusUnauthorized, do(t, srv, http.MethodGet, v1+"/deals", nil, header("Authorization", "Bearer x")).Status)
	assert.Equal(t, http.StatusInternalServerError, do(t, srv, http.MethodGet, v1+"/deals", nil).Status)
}

func TestFaultReset(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	srv.InjectFault(pipedrivetest.Fault{Method: http.MethodPost, Reset: true})
	_, err := try(srv, http.MethodPost, v1+"/deals", map[string]any{"title": "never"})
	require.Error(t, err)
	assert.Zero(t, dealCount(t, srv))

	// With a keep-alive client, Times: 2 defeats the transport's automatic retry of idempotent requests.
	srv.InjectFault(pipedrivetest.Fault{Method: http.MethodGet, PathPrefix: v1 + "/users", Reset: true, Times: 2})
	client := &http.Client{}
	warm, err := http.NewRequest(http.MethodGet, srv.URL+v1+"/pipelines", nil)
	require.NoError(t, err)
	warm.Header.Set("Authorization", "Bearer "+srv.APIKey)
	resp, err := client.Do(warm)
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	req, err := http.NewRequest(http.MethodGet, srv.URL+v1+"/users", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+srv.APIKey)
	_, err = client.Do(req)
	require.Error(t, err)
}

func TestFaultTruncateBody(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	srv.InjectFault(pipedrivetest.Fault{Method: http.MethodPost, PathPrefix: v1 + "/deals", TruncateBody: true})
	res, err := try(srv, http.MethodPost, v1+"/deals", map[string]any{"title": "written anyway"})
	require.Error(t, err, "the body is cut short")
	assert.Equal(t, http.StatusCreated, res.Status, "headers arrived intact")
	assert.NotEmpty(t, res.Raw)
	assert.True(t, strings.HasPrefix(string(res.Raw), `{"`))
	assert.False(t, json.Valid(res.Raw))
	assert.Equal(t, 1, dealCount(t, srv), "the write happened")

	srv.InjectFault(pipedrivetest.Fault{PathPrefix: v1 + "/deals/1", ResetAfterHeaders: true})
	res, err = try(srv, http.MethodGet, v1+"/deals/1", nil)
	require.Error(t, err)
	assert.Equal(t, http.StatusOK, res.Status)
	assert.Empty(t, res.Raw)
}

func TestFaultDelay(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())

	// A delay alone slows the request down and then answers normally.
	srv.InjectFault(pipedrivetest.Fault{PathPrefix: v1 + "/users/me", Delay: 100 * time.Millisecond})
	start := time.Now()
	assert.Equal(t, http.StatusOK, do(t, srv, http.MethodGet, v1+"/users/me", nil).Status)
	assert.GreaterOrEqual(t, time.Since(start), 100*time.Millisecond)

	// A client that gives up cancels the request: the operation never runs.
	srv.InjectFault(pipedrivetest.Fault{Method: http.MethodPost, Delay: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start = time.Now()
	_, err := try(srv, http.MethodPost, v1+"/deals", map[string]any{"title": "too late"}, withCtx(ctx))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 30*time.Second)
	assert.Eventually(t, func() bool { return dealCount(t, srv) == 0 }, time.Second, 10*time.Millisecond)

	// Delay combined with a status.
	srv.InjectFault(pipedrivetest.Fault{Delay: 50 * time.Millisecond, Status: 502})
	assert.Equal(t, http.StatusBadGateway, do(t, srv, http.MethodGet, v1+"/deals", nil).Status)
}

func TestFaultRedirect(t *testing.T) {
	srv := newServer(t)
	srv.InjectFault(pipedrivetest.Fault{PathPrefix: v1 + "/users/me", RedirectTo: srv.URL + v1 + "/users/1"})
	res := do(t, srv, http.MethodGet, v1+"/users/me", nil)
	assert.Equal(t, http.StatusTemporaryRedirect, res.Status)
	assert.Equal(t, srv.URL+v1+"/users/1", res.Header.Get("Location"))
}

func TestTokenBudget(t *testing.T) {
	clock := newFakeClock()
	srv := newServer(t, pipedrivetest.WithSeedData(), pipedrivetest.WithDailyTokenBudget(45), pipedrivetest.WithClock(clock.Now))
	assert.Equal(t, 45, srv.TokensRemaining(""))

	res := do(t, srv, http.MethodGet, v1+"/deals", nil) // 20
	assert.Equal(t, http.StatusOK, res.Status)
	assert.Equal(t, "45", res.Header.Get("x-daily-ratelimit-token-limit"))
	assert.Equal(t, "25", res.Header.Get("x-daily-ratelimit-token-remaining"))
	res = do(t, srv, http.MethodPost, v1+"/deals", map[string]any{"title": "t"}) // 10
	assert.Equal(t, "15", res.Header.Get("x-daily-ratelimit-token-remaining"))
	res = do(t, srv, http.MethodGet, v1+"/deals/1", nil) // 2
	assert.Equal(t, "13", res.Header.Get("x-daily-ratelimit-token-remaining"))
	res = do(t, srv, http.MethodGet, v1+"/deals/search?term=tt", nil) // 40: allowed, budget now spent
	assert.Equal(t, http.StatusOK, res.Status)
	assert.Equal(t, "0", res.Header.Get("x-daily-ratelimit-token-remaining"))
	assert.Equal(t, 0, srv.TokensRemaining(srv.ConnectionID))

	res = do(t, srv, http.MethodGet, v1+"/users/me", nil)
	assert.Equal(t, http.StatusTooManyRequests, res.Status)
	assert.Equal(t, "0", res.Header.Get("x-daily-ratelimit-token-remaining"))
	assert.Equal(t, false, res.Body["success"])
	assert.Equal(t, "Request over limit", res.Body["error"])
	assert.NotEmpty(t, res.Body["error_info"])
	assert.Contains(t, res.Body, "data")
	assert.Nil(t, res.Body["data"])
	assert.Nil(t, res.Body["additional_data"])

	// Another connection has its own budget.
	other := srv.AddConnection("pipedrive", pipedrivetest.StatusActive)
	assert.Equal(t, http.StatusOK, do(t, srv, http.MethodGet, v1+"/users/me", nil, header("Maton-Connection", other)).Status)

	// The budget resets at midnight UTC.
	clock.Advance(24 * time.Hour)
	res = do(t, srv, http.MethodGet, v1+"/users/me", nil)
	assert.Equal(t, http.StatusOK, res.Status)
	assert.Equal(t, "43", res.Header.Get("x-daily-ratelimit-token-remaining"))
}

func TestPipedriveRateLimitHeaders(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithPipedriveRateLimitHeaders(true))
	res := do(t, srv, http.MethodGet, v1+"/users/me", nil)
	assert.Equal(t, "80", res.Header.Get("x-ratelimit-limit"))
	assert.Equal(t, "79", res.Header.Get("x-ratelimit-remaining"))
	assert.NotEmpty(t, res.Header.Get("x-ratelimit-reset"))
	assert.Empty(t, res.Header.Get("x-daily-ratelimit-token-limit"), "no budget configured")
	res = do(t, srv, http.MethodGet, v1+"/users/me", nil)
	assert.Equal(t, "78", res.Header.Get("x-ratelimit-remaining"))

	plain := newServer(t)
	assert.Empty(t, do(t, plain, http.MethodGet, v1+"/users/me", nil).Header.Get("x-ratelimit-limit"))
}

func TestConcurrentCreates(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	second := srv.AddConnection("pipedrive", pipedrivetest.StatusActive)
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			opts := []reqOpt{}
			if i%2 == 1 {
				opts = append(opts, header("Maton-Connection", second))
			}
			res, err := try(srv, http.MethodPost, v1+"/persons", map[string]any{"name": "p" + itoa(i)}, opts...)
			assert.NoError(t, err)
			assert.Equal(t, http.StatusCreated, res.Status)
			_ = srv.RequestLog()
		}(i)
	}
	wg.Wait()
	assert.Equal(t, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, do(t, srv, http.MethodGet, v1+"/persons", nil).IDs())
	assert.Equal(t, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
		do(t, srv, http.MethodGet, v1+"/persons", nil, header("Maton-Connection", second)).IDs())
	assert.Equal(t, 22, srv.Requests())
}
