package pipedrive

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"
)

// TestDefaultLimiter: one request every 102.5 ms, burst 1, whatever the
// number of goroutines waiting: any 11 consecutive acquisitions are at
// least 1.025 s apart, and the rate stays above 9.5 per second.
func TestDefaultLimiter(t *testing.T) {
	l := NewDefaultLimiter()
	assert.Equal(t, 102500*time.Microsecond, DefaultInterval)
	assert.Equal(t, rate.Every(DefaultInterval), l.Limit())
	assert.Equal(t, 1, l.Burst())

	synctest.Test(t, func(t *testing.T) {
		l := NewDefaultLimiter()
		start := time.Now()
		var mu sync.Mutex
		var went []time.Time
		var wg sync.WaitGroup
		for range 16 {
			wg.Go(func() {
				for range 10 {
					require.NoError(t, l.Wait(context.Background()))
					mu.Lock()
					went = append(went, time.Now())
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		require.Len(t, went, 160)
		for i := 10; i < len(went); i++ {
			assert.GreaterOrEqual(t, went[i].Sub(went[i-10]), time.Second+DefaultRateMargin, "acquisitions %d..%d", i-10, i)
		}
		rate := float64(len(went)-1) / went[len(went)-1].Sub(start).Seconds()
		assert.GreaterOrEqual(t, rate, 9.5)
	})
}

// TestDefaultLimiterCancel: a cancelled or too-short context ends the wait
// at once and gives the slot back.
func TestDefaultLimiterCancel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := NewDefaultLimiter()
		require.NoError(t, l.Wait(context.Background()))
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		start := time.Now()
		assert.Error(t, l.Wait(ctx), "a wait that would pass the deadline")
		assert.Zero(t, time.Since(start), "refused at once")
		require.NoError(t, l.Wait(context.Background()))
		assert.Equal(t, DefaultInterval, time.Since(start))
	})
}

// TestWithRateLimit: WithRateLimit is a plain token bucket of the given
// rate and burst; out-of-range values are refused.
func TestWithRateLimit(t *testing.T) {
	c, err := NewClient(testKey, WithRateLimit(5, 3))
	require.NoError(t, err)
	l, ok := c.limiter.(*rate.Limiter)
	require.True(t, ok, "%T", c.limiter)
	assert.Equal(t, rate.Limit(5), l.Limit())
	assert.Equal(t, 3, l.Burst())

	c, err = NewClient(testKey)
	require.NoError(t, err)
	l, ok = c.limiter.(*rate.Limiter)
	require.True(t, ok, "%T", c.limiter)
	assert.Equal(t, rate.Every(DefaultInterval), l.Limit())
	assert.Equal(t, 1, l.Burst())
}

// strictGateway answers 429 to any request when more than n requests
// (rejected ones included) arrived in the rolling window ending at it: the
// strictest reading of Maton's 10 requests per second. It also records when
// the limiter let each request go (release), to tell a limiter that let too
// many go from a machine that held requests back and delivered them
// together.
type strictGateway struct {
	n      int
	window time.Duration

	mu       sync.Mutex
	arrivals []time.Time
	ids      []string
	released map[string]time.Time
	rejected int
}

func newStrictGateway() *strictGateway {
	return &strictGateway{n: 10, window: time.Second, released: map[string]time.Time{}}
}

// fitIDKey carries the id of a request of runFit in its context; the
// request sends it as the query parameter "fit".
type fitIDKey struct{}

// release records that the limiter let the request of ctx go.
func (g *strictGateway) release(ctx context.Context) {
	if id, ok := ctx.Value(fitIDKey{}).(string); ok {
		g.mu.Lock()
		g.released[id] = time.Now()
		g.mu.Unlock()
	}
}

func (g *strictGateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	now := time.Now()
	g.arrivals = append(g.arrivals, now)
	g.ids = append(g.ids, r.URL.Query().Get("fit"))
	count := 0
	for i := len(g.arrivals) - 1; i >= 0 && now.Sub(g.arrivals[i]) < g.window; i-- {
		count++
	}
	reject := count > g.n
	if reject {
		g.rejected++
	}
	g.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if reject {
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte(`{"success":false,"error":"Request over limit","errorCode":429}`))
		return
	}
	_, _ = w.Write([]byte(`{"success":true,"data":null}`))
}

// fitLimiter wraps the limiter under test to record its releases.
type fitLimiter struct {
	l Limiter
	g *strictGateway
}

func (f fitLimiter) Wait(ctx context.Context) error {
	err := f.l.Wait(ctx)
	if err == nil {
		f.g.release(ctx)
	}
	return err
}

// fitResult is what a strict gateway saw during runFit.
type fitResult struct {
	requests, rejected int
	elapsed            time.Duration // first call to last answer, client side
	// sustained is the rate between the first and the last arrival.
	sustained float64
	// tightest is the shortest time in which n+1 consecutive requests
	// arrived (at least the window when nothing was rejected).
	tightest time.Duration
	// slowest is the longest a request of an overfull window took from its
	// release by the limiter to the gateway (0 without overfull windows).
	slowest time.Duration
}

func (r fitResult) rate() float64 { return float64(r.requests) / r.elapsed.Seconds() }

func (r fitResult) String() string {
	s := fmt.Sprintf("%d requests, %d rejected, %.2f req/s overall, %.2f req/s sustained, tightest 11 arrivals within %s",
		r.requests, r.rejected, r.rate(), r.sustained, r.tightest.Round(time.Microsecond))
	if r.slowest > 0 {
		s += fmt.Sprintf(", slowest request of an overfull window %s from limiter to gateway", r.slowest.Round(time.Microsecond))
	}
	return s
}

// problems lists how r misses the target.
func (r fitResult) problems(want int) []string {
	var p []string
	if r.requests != want {
		p = append(p, fmt.Sprintf("the gateway saw %d requests, want %d", r.requests, want))
	}
	if r.rejected != 0 {
		p = append(p, fmt.Sprintf("%d requests rejected by the strict gateway (11 arrived within %s)", r.rejected, r.tightest))
	}
	if r.rate() < 9.5 || r.sustained < 9.5 {
		p = append(p, fmt.Sprintf("%.2f req/s overall, %.2f sustained, want at least 9.5", r.rate(), r.sustained))
	}
	return p
}

// runFit sends goroutines × each GET requests through a client using l to
// a strict gateway allowing 10 requests per rolling second, without
// retries.
func runFit(tb testing.TB, l Limiter, goroutines, each int, opts ...Option) fitResult {
	tb.Helper()
	return runFitOn(tb, newStrictGateway(), l, goroutines, each, opts...)
}

// runFitOn is runFit with a given gateway.
func runFitOn(tb testing.TB, g *strictGateway, l Limiter, goroutines, each int, opts ...Option) fitResult {
	tb.Helper()
	srv := httptest.NewServer(g)
	defer srv.Close()
	return runFitClient(tb, g, l, goroutines, each, append([]Option{WithGatewayURL(srv.URL)}, opts...)...)
}

// runFitMemory is runFit over an in-memory transport, for a synctest
// bubble: no socket, fake time.
func runFitMemory(tb testing.TB, l Limiter, goroutines, each int) fitResult {
	tb.Helper()
	g := newStrictGateway()
	return runFitClient(tb, g, l, goroutines, each, WithHTTPClient(&http.Client{Transport: &fakeTransport{handler: g}}))
}

// runFitClient sends the requests of runFit through a client made with
// opts.
func runFitClient(tb testing.TB, g *strictGateway, l Limiter, goroutines, each int, opts ...Option) fitResult {
	tb.Helper()
	c, err := NewClient("k", append([]Option{
		WithLimiter(fitLimiter{l, g}), WithRetry(RetryPolicy{MaxAttempts: 1}),
	}, opts...)...)
	require.NoError(tb, err)

	start := time.Now()
	var wg sync.WaitGroup
	for i := range goroutines {
		wg.Go(func() {
			for j := range each {
				id := fmt.Sprintf("%d-%d", i, j)
				ctx := context.WithValue(context.Background(), fitIDKey{}, id)
				_, err := c.Do(ctx, http.MethodGet, "/api/v1/users/me", url.Values{"fit": {id}}, nil, nil)
				if err != nil && !errors.Is(err, ErrRateLimited) {
					tb.Errorf("unexpected error: %v", err)
				}
			}
		})
	}
	wg.Wait()
	res := fitResult{elapsed: time.Since(start)}

	g.mu.Lock()
	defer g.mu.Unlock()
	a := g.arrivals
	res.requests, res.rejected = len(a), g.rejected
	res.tightest = time.Duration(math.MaxInt64)
	for i := g.n; i < len(a); i++ {
		d := a[i].Sub(a[i-g.n])
		res.tightest = min(res.tightest, d)
		if d < g.window {
			for k := i - g.n; k <= i; k++ {
				if rel, ok := g.released[g.ids[k]]; ok {
					res.slowest = max(res.slowest, a[k].Sub(rel))
				}
			}
		}
	}
	if n := len(a); n > 1 {
		res.sustained = float64(n-1) / a[n-1].Sub(a[0]).Seconds()
	}
	return res
}

// startCanary measures how late the machine runs timers until stop is
// called: a loaded machine also holds requests back after the limiter let
// them go, then delivers them together, which no limiter can prevent.
func startCanary() (stop func() time.Duration) {
	done, worst := make(chan struct{}), make(chan time.Duration, 1)
	go func() {
		var w time.Duration
		for {
			select {
			case <-done:
				worst <- w
				return
			default:
			}
			t0 := time.Now()
			time.Sleep(time.Millisecond)
			w = max(w, time.Since(t0)-time.Millisecond)
		}
	}()
	return func() time.Duration { close(done); return <-worst }
}

// calmLateness is the timer lateness below which a machine counts as
// calm: a run that misses the target on a calm machine is the limiter's
// fault.
const calmLateness = 5 * time.Millisecond

// fitRuns runs a real-time fit and checks it. A run that misses on a calm
// machine fails the test; one that misses while timers ran late (a loaded
// machine) gets another try, up to three runs.
func fitRuns(t *testing.T, label string, want int, run func() fitResult) fitResult {
	t.Helper()
	for attempt := 1; ; attempt++ {
		stop := startCanary()
		res := run()
		late := stop()
		t.Logf("%s: %s; timers up to %s late", label, res, late.Round(time.Microsecond))
		probs := res.problems(want)
		switch {
		case len(probs) == 0:
			return res
		case late <= calmLateness:
			for _, p := range probs {
				t.Errorf("%s (the machine was calm)", p)
			}
			return res
		case attempt == 3:
			for _, p := range probs {
				t.Errorf("%s (the machine was loaded in all 3 runs: timers up to %s late)", p, late.Round(time.Millisecond))
			}
			return res
		}
		t.Logf("%s: run %d missed on a loaded machine (%s): trying again", label, attempt, strings.Join(probs, "; "))
	}
}

// TestLimiterStrictGateway: against a gateway that rejects any request
// beyond 10 in a rolling second, 16 goroutines get no rejection and at
// least 9.5 requests per second with the default limiter, over an
// in-memory transport on synctest's clock; a token bucket of 10/s with a
// burst of 10 (what WithRateLimit(10, 10) gives) overruns it. The same
// fit over a real loopback socket, in real time (about 8 s), runs with
// PIPEDRIVE_LONG=1.
func TestLimiterStrictGateway(t *testing.T) {
	t.Run("default limiter", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			res := runFitMemory(t, NewDefaultLimiter(), 16, 10)
			t.Logf("default limiter: %s", res)
			assert.Empty(t, res.problems(160))
		})
	})
	t.Run("token bucket overruns", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			res := runFitMemory(t, rate.NewLimiter(10, 10), 16, 2)
			t.Logf("token bucket 10/s burst 10: %s", res)
			assert.Positive(t, res.rejected, "the token bucket should overrun a strict rolling window")
			assert.Less(t, res.tightest, time.Second)
		})
	})
	t.Run("real time", func(t *testing.T) {
		if os.Getenv("PIPEDRIVE_LONG") != "1" {
			t.Skip("real-time run over loopback (about 8 s): set PIPEDRIVE_LONG=1")
		}
		fitRuns(t, "default limiter", 80, func() fitResult {
			return runFit(t, NewDefaultLimiter(), 16, 5)
		})
	})
}

// BenchmarkRateLimitFit sends b.N requests from 16 goroutines through the
// default limiter to the strict gateway over loopback and reports the
// achieved rate and the rejections; it asserts nothing.
//
//	go test -run '^$' -bench BenchmarkRateLimitFit -benchtime 320x
func BenchmarkRateLimitFit(b *testing.B) {
	goroutines := min(16, b.N)
	each := b.N / goroutines
	res := runFit(b, NewDefaultLimiter(), goroutines, each)
	b.ReportMetric(res.rate(), "req/s")
	b.ReportMetric(res.sustained, "sustained-req/s")
	b.ReportMetric(float64(res.rejected), "rejections")
	b.ReportMetric(res.tightest.Seconds()*1000, "tightest-ms")
}
