package redislimit

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/gopipedrive/pipedrive"
	"github.com/redis/go-redis/v9"
)

var _ pipedrive.Limiter = (*Limiter)(nil)

// redisClient connects to the redis-server at $REDIS_ADDR. Without it the
// test is skipped, except on CI (CI=true), where it fails.
func redisClient(t testing.TB) *redis.Client {
	t.Helper()
	addr := os.Getenv("REDIS_ADDR")
	if addr == "" {
		const how = "REDIS_ADDR is not set: run ratelimit/redislimit/run-tests.sh, or start a redis-server and set REDIS_ADDR=127.0.0.1:6379"
		if os.Getenv("CI") == "true" {
			t.Fatal(how + " (CI=true: these tests must run)")
		}
		t.Skip(how)
	}
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	t.Cleanup(func() { _ = rdb.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := rdb.Ping(ctx).Err(); err != nil {
		t.Fatalf("redis-server at REDIS_ADDR=%s: %v", addr, err)
	}
	return rdb
}

// testKey is a key of its own for each test run, deleted afterwards.
func testKey(t testing.TB, rdb *redis.Client) string {
	key := fmt.Sprintf("redislimit-test:%s:%d:%d", t.Name(), os.Getpid(), time.Now().UnixNano())
	t.Cleanup(func() { _ = redis_rate.NewLimiter(rdb).Reset(context.Background(), key) })
	return key
}

func TestDefaults(t *testing.T) {
	l := New(redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"}), "k")
	if got, want := l.Limit(), (redis_rate.Limit{Rate: 10, Burst: 1, Period: 1025 * time.Millisecond}); got != want {
		t.Errorf("Limit() = %v, want %v", got, want)
	}
	if got, want := l.scaled, (redis_rate.Limit{Rate: 10000, Burst: 1048, Period: 1025 * time.Millisecond}); got != want {
		t.Errorf("scaled = %v, want %v (5 ms is 48.8 thousandths of 102.5 ms)", got, want)
	}
	if l.Key() != "k" {
		t.Errorf("Key() = %q", l.Key())
	}
	l = New(redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"}), "k", WithRate(100, time.Minute), WithBurst(5), WithMargin(0))
	if got, want := l.Limit(), (redis_rate.Limit{Rate: 100, Burst: 5, Period: time.Minute}); got != want {
		t.Errorf("Limit() = %v, want %v", got, want)
	}
}

func TestNewPanics(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"})
	for name, f := range map[string]func(){
		"nil client":      func() { New(nil, "k") },
		"empty key":       func() { New(rdb, "") },
		"zero rate":       func() { New(rdb, "k", WithRate(0, time.Second)) },
		"zero period":     func() { New(rdb, "k", WithRate(1, 0)) },
		"zero burst":      func() { New(rdb, "k", WithBurst(0)) },
		"negative margin": func() { New(rdb, "k", WithMargin(-1)) },
		"tolerance":       func() { New(rdb, "k", WithTolerance(102500*time.Microsecond)) },
		"neg. tolerance":  func() { New(rdb, "k", WithTolerance(-1)) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

// Without Redis no request goes: Wait returns the connection error.
func TestRedisDown(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialTimeout: time.Second})
	defer rdb.Close()
	err := New(rdb, "k").Wait(t.Context())
	if err == nil || !strings.Contains(err.Error(), "redislimit") {
		t.Fatalf("Wait = %v, want a redislimit error", err)
	}
}

// The first request goes at once; the next ones are paced one per
// (period+margin)/rate, each allowed up to the tolerance early.
func TestWaitPaces(t *testing.T) {
	rdb := redisClient(t)
	l := New(rdb, testKey(t, rdb))
	start := time.Now()
	if err := l.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 50*time.Millisecond {
		t.Errorf("first Wait took %s", d)
	}
	for range 5 {
		if err := l.Wait(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	// Six requests: five intervals of 102.5 ms, less the 5 ms tolerance.
	if d := time.Since(start); d < 507*time.Millisecond || d > 800*time.Millisecond {
		t.Errorf("6 Waits took %s, want about 507.5 ms", d)
	}
}

// Two limiters (two processes) on one key share one budget.
func TestSharedKey(t *testing.T) {
	rdb := redisClient(t)
	key := testKey(t, rdb)
	a, b := New(rdb, key, WithRate(1, 300*time.Millisecond), WithMargin(0)), New(rdb, key, WithRate(1, 300*time.Millisecond), WithMargin(0))
	start := time.Now()
	for _, l := range []*Limiter{a, b, a, b} {
		if err := l.Wait(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d < 890*time.Millisecond {
		t.Errorf("4 Waits on a shared key of 1 per 300 ms took %s, want at least 895 ms", d)
	}
	if err := a.Reset(t.Context()); err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	if err := b.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 50*time.Millisecond {
		t.Errorf("Wait after Reset took %s", d)
	}
}

// Cancelling ends a wait at once; a wait that would pass the deadline
// fails at once with an error wrapping context.DeadlineExceeded.
func TestWaitCancel(t *testing.T) {
	rdb := redisClient(t)
	l := New(rdb, testKey(t, rdb), WithRate(1, 10*time.Second))
	if err := l.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	err := l.Wait(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Wait = %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 150*time.Millisecond {
		t.Errorf("cancelled Wait returned after %s", d)
	}
	if err := l.Wait(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Wait on a cancelled ctx = %v", err)
	}

	ctx, cancel = context.WithTimeout(t.Context(), 2*time.Second)
	defer cancel()
	start = time.Now()
	err = l.Wait(ctx)
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "would pass the context deadline") {
		t.Errorf("Wait = %v, want a deadline error", err)
	}
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("Wait took %s to see it would pass the deadline", d)
	}
}

// strictGateway answers 429 to any request when more than n requests
// (rejected ones included) arrived in the rolling window ending at it. The
// helper processes stamp each request with the wall-clock time the limiter
// let it go (header X-Released, Unix nanoseconds), to tell a limiter that
// let too many go from a machine that held requests back.
type strictGateway struct {
	n      int
	window time.Duration

	mu       sync.Mutex
	arrivals []time.Time
	released []time.Time
	rejected int
}

func (g *strictGateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	now := time.Now()
	g.arrivals = append(g.arrivals, now)
	var rel time.Time
	if ns, err := strconv.ParseInt(r.Header.Get("X-Released"), 10, 64); err == nil {
		rel = time.Unix(0, ns)
	}
	g.released = append(g.released, rel)
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

// stampTransport runs right after the client's limiter: it stamps the
// request with the time it was let go.
type stampTransport struct{ base http.RoundTripper }

func (t stampTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("X-Released", strconv.FormatInt(time.Now().UnixNano(), 10))
	return t.base.RoundTrip(r)
}

const (
	helperEnv  = "REDISLIMIT_HELPER_PROCESS"
	processes  = 4
	perProcess = 25 // 100 requests: about 10 s at 9.7/s
	goroutines = 3  // per process
)

// Four OS processes, each with its own pipedrive client and this limiter
// on one key, send 25 requests each to a gateway that rejects any request
// beyond 10 in a rolling second: none is rejected, and together they get
// at least 9.5 requests per second. A run that misses on a calm machine
// fails the test; one that misses while timers ran late (a loaded machine
// holds requests back after the limiter let them go, then delivers them
// together, which no limiter can prevent) gets another try, up to three
// runs.
func TestMultiProcessFitsStrictGateway(t *testing.T) {
	rdb := redisClient(t)
	for attempt := 1; ; attempt++ {
		stop := startCanary()
		probs := multiProcessFit(t, rdb)
		late := stop()
		t.Logf("timers up to %s late", late.Round(time.Microsecond))
		switch {
		case len(probs) == 0:
			return
		case late <= calmLateness:
			for _, p := range probs {
				t.Errorf("%s (the machine was calm)", p)
			}
			return
		case attempt == 3:
			for _, p := range probs {
				t.Errorf("%s (the machine was loaded in all 3 runs: timers up to %s late)", p, late.Round(time.Millisecond))
			}
			return
		}
		t.Logf("run %d missed on a loaded machine (%s): trying again", attempt, strings.Join(probs, "; "))
	}
}

// startCanary measures how late the machine runs timers until stop is
// called.
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

// multiProcessFit runs the processes once and lists how they missed the
// target.
func multiProcessFit(t *testing.T, rdb *redis.Client) []string {
	key := testKey(t, rdb)
	g := &strictGateway{n: 10, window: time.Second}
	srv := httptest.NewServer(g)
	defer srv.Close()

	start := time.Now()
	var wg sync.WaitGroup
	for i := range processes {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(),
			helperEnv+"=1",
			"HELPER_GATEWAY="+srv.URL,
			"HELPER_KEY="+key,
			"HELPER_REQUESTS="+strconv.Itoa(perProcess),
		)
		wg.Go(func() {
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.Contains(string(out), "helper: done") {
				t.Errorf("process %d: %v\n%s", i, err, out)
			}
		})
	}
	wg.Wait()
	wall := time.Since(start)

	g.mu.Lock()
	defer g.mu.Unlock()
	a := g.arrivals
	n := len(a)
	if n < 2 {
		return []string{fmt.Sprintf("the gateway saw %d requests", n)}
	}
	span := a[n-1].Sub(a[0])
	rate := float64(n-1) / span.Seconds()
	tightest, slowest := time.Duration(math.MaxInt64), time.Duration(0)
	for i := g.n; i < n; i++ {
		d := a[i].Sub(a[i-g.n])
		tightest = min(tightest, d)
		if d < g.window {
			for k := i - g.n; k <= i; k++ {
				if !g.released[k].IsZero() {
					slowest = max(slowest, a[k].Round(0).Sub(g.released[k]))
				}
			}
		}
	}
	msg := fmt.Sprintf("%d processes × %d requests: %d rejected, %.2f req/s at the gateway (first to last arrival %s), %.2f req/s over the wall time %s (process start-up included), tightest 11 arrivals within %s",
		processes, perProcess, g.rejected, rate, span.Round(time.Millisecond), float64(n)/wall.Seconds(), wall.Round(time.Millisecond), tightest.Round(time.Microsecond))
	if slowest > 0 {
		msg += fmt.Sprintf(", slowest request of an overfull window %s from limiter to gateway", slowest.Round(time.Microsecond))
	}
	t.Log(msg)

	var probs []string
	if n != processes*perProcess {
		probs = append(probs, fmt.Sprintf("the gateway saw %d requests, want %d", n, processes*perProcess))
	}
	if g.rejected != 0 {
		probs = append(probs, fmt.Sprintf("%d requests rejected by the strict gateway (11 arrived within %s)", g.rejected, tightest))
	}
	if rate < 9.5 {
		probs = append(probs, fmt.Sprintf("%.2f requests per second, want at least 9.5", rate))
	}
	return probs
}

// TestHelperProcess is one of the processes of
// TestMultiProcessFitsStrictGateway; run on its own it does nothing.
func TestHelperProcess(t *testing.T) {
	if os.Getenv(helperEnv) != "1" {
		return
	}
	rdb := redisClient(t)
	n, err := strconv.Atoi(os.Getenv("HELPER_REQUESTS"))
	if err != nil {
		t.Fatal(err)
	}
	client, err := pipedrive.NewClient("k",
		pipedrive.WithGatewayURL(os.Getenv("HELPER_GATEWAY")),
		pipedrive.WithLimiter(New(rdb, os.Getenv("HELPER_KEY"))),
		pipedrive.WithHTTPClient(&http.Client{Transport: stampTransport{&http.Transport{MaxIdleConnsPerHost: 32}}}),
		pipedrive.WithRetry(pipedrive.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		t.Fatal(err)
	}
	jobs := make(chan int, n)
	for i := range n {
		jobs <- i
	}
	close(jobs)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var rejected int
	for range goroutines {
		wg.Go(func() {
			for range jobs {
				_, err := client.Do(t.Context(), http.MethodGet, "/api/v1/users/me", nil, nil, nil)
				switch {
				case errors.Is(err, pipedrive.ErrRateLimited):
					mu.Lock()
					rejected++
					mu.Unlock()
				case err != nil:
					t.Errorf("request: %v", err)
				}
			}
		})
	}
	wg.Wait()
	fmt.Printf("helper: done, %d requests, %d rejected\n", n, rejected)
}
