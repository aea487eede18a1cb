package pipedrive

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeTransport answers in memory, so retries and waits run on synctest's
// fake clock. fail, when set, replaces the answer with a transport error;
// sent reports whether the server saw the request before the failure.
type fakeTransport struct {
	handler http.Handler
	fail    func(attempt int) (err error, sent bool)
	calls   atomic.Int32 // attempts that reached the transport
	seen    atomic.Int32 // requests the "server" saw
}

func (f *fakeTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	n := int(f.calls.Add(1))
	if f.fail != nil {
		if err, sent := f.fail(n); err != nil {
			if sent {
				f.seen.Add(1)
			}
			return nil, err
		}
	}
	f.seen.Add(1)
	rec := httptest.NewRecorder()
	if r.Body != nil {
		defer r.Body.Close()
	}
	f.handler.ServeHTTP(rec, r)
	res := rec.Result()
	res.Request = r
	return res, nil
}

func newFakeClient(t *testing.T, ft *fakeTransport, opts ...Option) *Client {
	t.Helper()
	c, err := NewClient(testKey, append([]Option{WithHTTPClient(&http.Client{Transport: ft})}, opts...)...)
	require.NoError(t, err)
	return c
}

var (
	errRefused = &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	errReset   = &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
)

type retryFault struct {
	name    string
	handler http.HandlerFunc
	fail    func(int) (error, bool)
	// expected attempts for idempotent methods and for POST
	idempotent, post int
	kind             error
}

func retryFaults() []retryFault {
	always := func(status int, h map[string]string, body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			for k, v := range h {
				w.Header().Set(k, v)
			}
			w.WriteHeader(status)
			_, _ = w.Write([]byte(body))
		}
	}
	pdErr := `{"success":false,"error":"boom","error_info":"Please check developers.pipedrive.com","data":null,"additional_data":null}`
	return []retryFault{
		{name: "429 with Retry-After", handler: always(429, map[string]string{"Retry-After": "2"}, `{"message":"Too many requests","type":"Too Many Requests","code":429}`), idempotent: 4, post: 4, kind: ErrRateLimited},
		{name: "429 without Retry-After", handler: always(429, nil, `{"success":false,"error":"Request over limit"}`), idempotent: 4, post: 4, kind: ErrRateLimited},
		{name: "500", handler: always(500, nil, pdErr), idempotent: 4, post: 1, kind: ErrServer},
		{name: "502 with an HTML page", handler: always(502, map[string]string{"Content-Type": "text/html"}, "<html><body><h1>502 Bad Gateway</h1></body></html>"), idempotent: 4, post: 1, kind: ErrServer},
		{name: "503", handler: always(503, nil, pdErr), idempotent: 4, post: 1, kind: ErrServer},
		{name: "connection reset", fail: func(int) (error, bool) { return errReset, true }, idempotent: 4, post: 1, kind: syscall.ECONNRESET},
		{name: "connection refused", fail: func(int) (error, bool) { return errRefused, false }, idempotent: 4, post: 4, kind: syscall.ECONNREFUSED},
	}
}

// TestRetryTable sends GET, PUT, DELETE and POST into each fault and checks
// the attempts the server saw and the error kind. It logs the table.
func TestRetryTable(t *testing.T) {
	methods := []string{http.MethodGet, http.MethodPut, http.MethodDelete, http.MethodPost, http.MethodPatch}
	var table strings.Builder
	fmt.Fprintf(&table, "\n| fault | %s |\n|---|---|---|---|---|---|\n", strings.Join(methods, " | "))
	for _, f := range retryFaults() {
		fmt.Fprintf(&table, "| %s |", f.name)
		for _, m := range methods {
			t.Run(f.name+"/"+m, func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					ft := &fakeTransport{handler: f.handler, fail: f.fail}
					if ft.handler == nil {
						ft.handler = http.NotFoundHandler()
					}
					c := newFakeClient(t, ft)
					var body any
					if m == http.MethodPost || m == http.MethodPut || m == http.MethodPatch {
						body = map[string]string{"title": "x"}
					}
					_, err := c.Do(t.Context(), m, "/api/v1/deals", nil, body, nil)
					require.Error(t, err)
					assert.ErrorIs(t, err, f.kind)
					want := f.idempotent
					if m == http.MethodPost || m == http.MethodPatch {
						want = f.post
					}
					assert.Equal(t, want, int(ft.calls.Load()), "attempts")
					fmt.Fprintf(&table, " %d sent, %d seen |", ft.calls.Load(), ft.seen.Load())
				})
			})
		}
		table.WriteString("\n")
	}
	t.Log(table.String())
}

// A POST answered 502 is sent exactly once, over a real socket.
func TestPostBadGatewaySentOnce(t *testing.T) {
	env := setupRaw(t)
	var hits atomic.Int32
	env.gateway.HandleFunc("POST /pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte("<html><body>Bad gateway</body></html>"))
	})
	_, err := env.client.Do(t.Context(), http.MethodPost, "/api/v1/deals", nil, map[string]string{"title": "x"}, nil)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 502, apiErr.StatusCode)
	assert.Equal(t, SourceUnknown, apiErr.Source)
	assert.Equal(t, int32(1), hits.Load())
	assert.Equal(t, 1, apiErr.Attempts)
}

// A real connection reset after the request was read: GET is retried,
// POST is not.
func TestResetRealSocket(t *testing.T) {
	for _, tc := range []struct {
		method string
		want   int32
	}{{http.MethodGet, 4}, {http.MethodPost, 1}} {
		t.Run(tc.method, func(t *testing.T) {
			env := setupRaw(t)
			var hits atomic.Int32
			env.gateway.HandleFunc("/pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				conn, _, err := w.(http.Hijacker).Hijack()
				require.NoError(t, err)
				if tc, ok := conn.(*net.TCPConn); ok {
					_ = tc.SetLinger(0) // RST instead of FIN
				}
				_ = conn.Close()
			})
			var body any
			if tc.method == http.MethodPost {
				body = map[string]string{"title": "x"}
			}
			_, err := env.client.Do(t.Context(), tc.method, "/api/v1/deals", nil, body, nil)
			var te *TransportError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, tc.want, hits.Load())
		})
	}
}

// A refused connection is retried for every method: nothing was sent.
func TestRefusedRealSocket(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	var attempts []int
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		c, err := NewClient(testKey, WithGatewayURL("http://"+addr), WithRetry(RetryPolicy{MinWait: time.Millisecond, MaxWait: 2 * time.Millisecond}))
		require.NoError(t, err)
		_, err = c.Do(t.Context(), m, "/api/v1/deals", nil, nil, nil)
		var te *TransportError
		require.ErrorAs(t, err, &te)
		assert.ErrorIs(t, err, syscall.ECONNREFUSED)
		attempts = append(attempts, te.Attempts)
	}
	assert.Equal(t, []int{4, 4}, attempts)
}

// Retries stop as soon as a retry succeeds, and the Response says how many
// attempts it took.
func TestRetryThenSuccess(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var n atomic.Int32
		ft := &fakeTransport{handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if n.Add(1) < 3 {
				w.Header().Set("Retry-After", "1")
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			writeJSON(t, w, 200, `{"success":true,"data":{"id":7}}`)
		})}
		c := newFakeClient(t, ft)
		start := time.Now()
		var out struct{ ID int }
		resp, err := c.Do(t.Context(), http.MethodGet, "/api/v1/deals/7", nil, nil, &out)
		require.NoError(t, err)
		assert.Equal(t, 7, out.ID)
		assert.Equal(t, 3, resp.Attempts)
		assert.Equal(t, 2*time.Second, time.Since(start), "two Retry-After waits of 1 s")
	})
}

// x-ratelimit-reset is honored when Retry-After is absent; an HTTP-date
// Retry-After too.
func TestServerWaitHeaders(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		status int
		h      map[string]string
		want   time.Duration
		ok     bool
	}{
		{429, map[string]string{"Retry-After": "3"}, 3 * time.Second, true},
		{429, map[string]string{"Retry-After": now.Add(5 * time.Second).Format(http.TimeFormat)}, 5 * time.Second, true},
		{429, map[string]string{"Retry-After": now.Add(-5 * time.Second).Format(http.TimeFormat)}, 0, true},
		{429, map[string]string{"X-Ratelimit-Reset": "2"}, 2 * time.Second, true},
		{503, map[string]string{"X-Ratelimit-Reset": "2"}, 0, false},
		{429, map[string]string{"Retry-After": "soon"}, 0, false},
		{429, nil, 0, false},
	}
	for _, tc := range cases {
		resp := &http.Response{StatusCode: tc.status, Header: http.Header{}}
		for k, v := range tc.h {
			resp.Header.Set(k, v)
		}
		got, ok := serverWait(resp, now)
		assert.Equal(t, tc.ok, ok, "%v", tc.h)
		assert.Equal(t, tc.want, got, "%v", tc.h)
	}
}

// A Retry-After above the cap is not slept: the call returns at once.
func TestRetryAfterAboveCap(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ft := &fakeTransport{handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "120")
			writeJSON(t, w, 429, `{"message":"slow down","type":"Too Many Requests","code":429}`)
		})}
		c := newFakeClient(t, ft)
		start := time.Now()
		_, err := c.Do(t.Context(), http.MethodGet, "/api/v1/deals", nil, nil, nil)
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		assert.ErrorIs(t, err, ErrRateLimited)
		assert.Equal(t, 120*time.Second, apiErr.RetryAfter)
		assert.Equal(t, int32(1), ft.calls.Load())
		assert.Zero(t, time.Since(start))
	})
}

// Issue 12 §3: a Retry-After or x-ratelimit-reset of any size above the
// cap (61 s, an hour, 10⁷ s, 10⁹ s, an HTTP date a year ahead, beyond what
// a Duration holds) returns at once after one attempt with RetryAfter set
// to the server's value (clamped, never wrapped). Values ≥ 10⁷ used to be
// taken as malformed and retried four times on backoff.
func TestServerWaitAnySize(t *testing.T) {
	const maxDur = time.Duration(math.MaxInt64)
	year := 365 * 24 * time.Hour
	cases := []struct {
		name, header, value string
		want                time.Duration
	}{
		{"61 s", "Retry-After", "61", 61 * time.Second},
		{"an hour", "Retry-After", "3600", time.Hour},
		{"1e7 s", "Retry-After", "10000000", 1e7 * time.Second},
		{"1e7 s as 1e7", "Retry-After", "1e7", 1e7 * time.Second},
		{"1e9 s", "Retry-After", "1000000000", 1e9 * time.Second},
		{"1e12 s (clamped)", "Retry-After", "1000000000000", maxDur},
		{"1e400 s (clamped)", "Retry-After", "1e400", maxDur},
		{"a date a year ahead", "Retry-After", "YEAR", year},
		{"reset 61", "X-Ratelimit-Reset", "61", 61 * time.Second},
		{"reset 1e7", "X-Ratelimit-Reset", "1e7", 1e7 * time.Second},
		{"reset 1e9", "X-Ratelimit-Reset", "1000000000", 1e9 * time.Second},
	}
	for _, tc := range cases {
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			t.Run(tc.name+" "+method, func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					ft := &fakeTransport{handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
						v := tc.value
						if v == "YEAR" {
							v = time.Now().Add(year).UTC().Format(http.TimeFormat)
						}
						w.Header().Set(tc.header, v)
						writeJSON(t, w, 429, `{"message":"slow down","type":"Too Many Requests","code":429}`)
					})}
					c := newFakeClient(t, ft)
					start := time.Now()
					_, err := c.Do(t.Context(), method, "/api/v1/deals", nil, nil, nil)
					var apiErr *APIError
					require.ErrorAs(t, err, &apiErr)
					assert.ErrorIs(t, err, ErrRateLimited)
					assert.Equal(t, tc.want, apiErr.RetryAfter)
					assert.Equal(t, int32(1), ft.calls.Load(), "one attempt")
					assert.Equal(t, 1, apiErr.Attempts)
					assert.Zero(t, time.Since(start), "returned at once")
					assert.False(t, MayHaveWritten(err))
				})
			})
		}
	}
	// Only what does not parse is malformed.
	now := time.Now()
	for _, v := range []string{"soon", "-1", "NaN", "Inf", "-1e400", "", "1 2"} {
		_, ok := ParseRetryAfter(v, now)
		assert.False(t, ok, v)
	}
}

// A spent daily token budget is not retried.
func TestDailyBudgetNotRetried(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ft := &fakeTransport{handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Daily-Ratelimit-Token-Remaining", "0")
			w.Header().Set("X-Daily-Ratelimit-Token-Limit", "30000")
			writeJSON(t, w, 429, `{"success":false,"error":"Request over limit","error_info":"daily limit","data":null,"additional_data":null}`)
		})}
		c := newFakeClient(t, ft)
		_, err := c.Do(t.Context(), http.MethodGet, "/api/v1/deals", nil, nil, nil)
		assert.ErrorIs(t, err, ErrDailyBudgetExhausted)
		assert.ErrorIs(t, err, ErrRateLimited)
		assert.Equal(t, int32(1), ft.calls.Load())
		assert.Contains(t, err.Error(), "daily token budget")
	})
}

// Cancelling the context ends a backoff wait at once (real time).
func TestCancelDuringBackoff(t *testing.T) {
	env := setupRaw(t, WithRetry(RetryPolicy{MinWait: time.Second, MaxWait: 30 * time.Second}))
	env.gateway.HandleFunc("/pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "30")
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(20*time.Millisecond, cancel)
	start := time.Now()
	_, err := env.client.Do(ctx, http.MethodGet, "/api/v1/deals", nil, nil, nil)
	elapsed := time.Since(start) - 20*time.Millisecond
	assert.ErrorIs(t, err, context.Canceled)
	assert.Less(t, elapsed, 50*time.Millisecond)
}

// Cancelling the context ends a limiter wait at once (real time).
func TestCancelDuringLimiterWait(t *testing.T) {
	env := setupRaw(t, WithRateLimit(0.01, 1))
	env.gateway.HandleFunc("/pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, 200, `{"success":true,"data":[]}`)
	})
	_, err := env.client.Do(t.Context(), http.MethodGet, "/api/v1/deals", nil, nil, nil)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(20*time.Millisecond, cancel)
	start := time.Now()
	_, err = env.client.Do(ctx, http.MethodGet, "/api/v1/deals", nil, nil, nil)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Less(t, time.Since(start)-20*time.Millisecond, 50*time.Millisecond)

	// A deadline the limiter cannot meet fails at once, as a deadline error.
	ctx, cancel2 := context.WithTimeout(t.Context(), 30*time.Millisecond)
	defer cancel2()
	start = time.Now()
	_, err = env.client.Do(ctx, http.MethodGet, "/api/v1/deals", nil, nil, nil)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 80*time.Millisecond)
}

// The limiter is waited on for every attempt, retries included: 30
// attempts at 10/s with a burst of 10 take at least 2 s.
func TestLimiterCountsRetries(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var n atomic.Int32
		ft := &fakeTransport{handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if n.Add(1)%2 == 1 { // every request fails once, then succeeds
				w.Header().Set("Retry-After", "0")
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			writeJSON(t, w, 200, `{"success":true,"data":null}`)
		})}
		c := newFakeClient(t, ft, WithRateLimit(10, 10))
		start := time.Now()
		for range 15 {
			resp, err := c.Do(t.Context(), http.MethodGet, "/api/v1/deals", nil, nil, nil)
			require.NoError(t, err)
			require.Equal(t, 2, resp.Attempts)
		}
		assert.Equal(t, int32(30), ft.calls.Load())
		assert.GreaterOrEqual(t, time.Since(start), 2*time.Second)
	})
}

// Backoff without a server hint is exponential with full jitter, bounded by
// MaxWait.
func TestBackoffJitterBounds(t *testing.T) {
	c, err := NewClient(testKey)
	require.NoError(t, err)
	st := &callState{client: c}
	for attempt := range 8 {
		ceiling := min(500*time.Millisecond<<attempt, 8*time.Second)
		for range 50 {
			w := c.backoff(st, 500*time.Millisecond, 8*time.Second, attempt, nil)
			require.GreaterOrEqual(t, w, time.Duration(0))
			require.LessOrEqual(t, w, ceiling)
		}
	}
}

func TestNotSent(t *testing.T) {
	assert.True(t, notSent(errRefused))
	assert.True(t, notSent(&net.DNSError{Err: "no such host", Name: "x"}))
	assert.False(t, notSent(errReset))
	assert.False(t, notSent(errors.New("EOF")))
}

// blockingLimiter never grants a slot: Wait returns when ctx ends.
type blockingLimiter struct{}

func (blockingLimiter) Wait(ctx context.Context) error {
	<-ctx.Done()
	return ctx.Err()
}

// Issue 12 §4: a write cancelled or timed out while it waits on the
// limiter was never sent, so MayHaveWritten is false (it used to be true:
// checkRetry reported the context's error instead of the limiter's).
func TestWriteCancelledInLimiterNotWritten(t *testing.T) {
	env := setupRaw(t, WithLimiter(blockingLimiter{}))
	for _, name := range []string{"cancelled", "deadline"} {
		t.Run(name, func(t *testing.T) {
			var ctx context.Context
			var cancel context.CancelFunc
			if name == "cancelled" {
				ctx, cancel = context.WithCancel(t.Context())
				time.AfterFunc(5*time.Millisecond, cancel)
			} else {
				ctx, cancel = context.WithTimeout(t.Context(), 5*time.Millisecond)
			}
			defer cancel()
			_, _, err := env.client.Deals.Create(ctx, &DealCreateParams{Title: "x"})
			var te *TransportError
			require.ErrorAs(t, err, &te)
			assert.False(t, MayHaveWritten(err), "nothing was sent: %v", err)
			_, _, err = env.client.V2.Deals.Update(ctx, 1, &V2DealUpdateParams{Title: Set("y")})
			assert.False(t, MayHaveWritten(err), "nothing was sent: %v", err)
		})
	}
	assert.Zero(t, env.requests.Load())
}

// cancelOnSecondWait grants the first attempt and cancels the call while
// the second one waits on the limiter.
type cancelOnSecondWait struct {
	calls  atomic.Int32
	cancel context.CancelFunc
}

func (l *cancelOnSecondWait) Wait(ctx context.Context) error {
	if l.calls.Add(1) == 1 {
		return nil
	}
	l.cancel()
	return ctx.Err()
}

// The verdict follows the whole call: a PUT answered 503, then cancelled
// while its retry waits on the limiter, may have written (the first
// attempt was processed); a POST or DELETE answered 429 did not.
func TestVerdictAcrossAttempts(t *testing.T) {
	for _, tc := range []struct {
		method string
		status int
		want   bool
	}{{http.MethodPut, 503, true}, {http.MethodPost, 429, false}, {http.MethodDelete, 429, false}} {
		t.Run(fmt.Sprint(tc.method, tc.status), func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			env := setupRaw(t, WithLimiter(&cancelOnSecondWait{cancel: cancel}))
			env.gateway.HandleFunc("/pipedrive/api/v1/deals/1", func(w http.ResponseWriter, r *http.Request) {
				writeJSON(t, w, tc.status, `{"success":false,"error":"busy"}`)
			})
			_, err := env.client.Do(ctx, tc.method, "/api/v1/deals/1", nil, map[string]string{"title": "x"}, nil)
			require.ErrorIs(t, err, context.Canceled)
			assert.Equal(t, tc.want, MayHaveWritten(err), "%v", err)
			assert.Equal(t, int64(1), env.requests.Load())
		})
	}
}

// Issue 12 §4: a POST answered 303 See Other was processed by the server:
// MayHaveWritten is true, whether the redirect is followed (to a 404 here)
// or cannot be (no Location).
func TestPostSeeOtherWritten(t *testing.T) {
	env := setupRaw(t)
	env.gateway.HandleFunc("POST /pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusSeeOther) // no Location: not followed
	})
	env.gateway.HandleFunc("POST /pipedrive/api/v1/persons", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/gw/pipedrive/api/v1/persons/77", http.StatusSeeOther)
	})
	env.gateway.HandleFunc("GET /pipedrive/api/v1/persons/77", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, 404, `{"success":false,"error":"Person not found"}`)
	})
	_, _, err := env.client.Deals.Create(t.Context(), &DealCreateParams{Title: "x"})
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusSeeOther, apiErr.StatusCode)
	assert.True(t, MayHaveWritten(err))

	_, _, err = env.client.Persons.Create(t.Context(), &PersonCreateParams{Name: "Ann"})
	require.ErrorIs(t, err, ErrNotFound)
	assert.True(t, MayHaveWritten(err), "the POST was answered 303 before the 404")
}

// Issue 12 §4: Connections.Create that created the connection but could
// not read it back (the follow-up list failed) returns what is known with
// an error for which MayHaveWritten is true; the create is sent once.
func TestConnectionCreatedButNotReadBack(t *testing.T) {
	for _, status := range []int{403, 404, 429, 500, 503} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			env := setupRaw(t, WithRetry(RetryPolicy{MaxAttempts: 1}))
			var posts atomic.Int32
			env.control.HandleFunc("POST /connections", func(w http.ResponseWriter, r *http.Request) {
				posts.Add(1)
				writeJSON(t, w, 201, `{"url":"https://connect.maton.ai/?session=abc"}`)
			})
			env.control.HandleFunc("GET /connections", func(w http.ResponseWriter, r *http.Request) {
				writeJSON(t, w, status, `{"message":"nope","type":"Error","code":`+fmt.Sprint(status)+`}`)
			})
			conn, _, err := env.client.Connections.Create(t.Context(), "pipedrive")
			require.Error(t, err)
			assert.True(t, MayHaveWritten(err), "the connection exists: %v", err)
			require.NotNil(t, conn, "what is known is returned")
			assert.Equal(t, ConnectionPending, conn.Status)
			assert.Equal(t, "pipedrive", conn.App)
			assert.Equal(t, "https://connect.maton.ai/?session=abc", conn.URL)
			assert.Equal(t, int32(1), posts.Load())
		})
	}
}
