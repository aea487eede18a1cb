package pipedrive_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gopipedrive/pipedrive"
	"github.com/gopipedrive/pipedrive/pipedrivetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
	"golang.org/x/time/rate"
)

// TestConcurrentClient shares one Client between 64 goroutines that mix
// reads, writes, searches, iterators, per-call connections, cancelled
// calls and retried server errors. Run with -race. Afterwards every
// successful create is stored exactly once, and no goroutine is left
// behind once the server is closed and the client's idle connections are.
func TestConcurrentClient(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())

	srv := pipedrivetest.NewServer(pipedrivetest.WithSeedData(), pipedrivetest.WithRateLimit(0), pipedrivetest.WithSearchRateLimit(0))
	second := srv.AddConnection("pipedrive", pipedrivetest.StatusActive)
	srv.AddPipeline(second, "Second", "Lead in")
	// Some GETs fail with a 503 and are retried; no call can meet more
	// than 19 of them, so its 20th attempt succeeds.
	srv.InjectFault(pipedrivetest.Fault{Method: http.MethodGet, PathPrefix: "/pipedrive/api/v1/deals", Status: 503, Header: http.Header{"Retry-After": {"0"}}, Times: 19})
	c := srv.Client(t,
		pipedrive.WithRateLimit(1e6, 1000),
		pipedrive.WithRetry(pipedrive.RetryPolicy{MaxAttempts: 20, MinWait: time.Millisecond, MaxWait: 2 * time.Millisecond}))
	ctx := t.Context()

	const workers, rounds = 64, 6
	var created [2]atomic.Int32 // successful deal creates per connection
	var mu sync.Mutex
	var failures []error
	fail := func(err error) {
		mu.Lock()
		failures = append(failures, err)
		mu.Unlock()
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn := 0
			cctx := ctx
			if w%4 == 3 {
				conn = 1
				cctx = pipedrive.ContextWithConnection(ctx, second)
			}
			for r := range rounds {
				title := fmt.Sprintf("w%d-r%d", w, r)
				d, _, err := c.Deals.Create(cctx, &pipedrive.DealCreateParams{Title: title, Value: pipedrive.Ptr(float64(w))})
				if err != nil {
					fail(fmt.Errorf("create %s: %w", title, err))
					continue
				}
				created[conn].Add(1)
				switch (w + r) % 8 {
				case 0:
					if _, _, err := c.Deals.Get(cctx, d.ID); err != nil {
						fail(err)
					}
				case 1:
					if _, _, err := c.Deals.Update(cctx, d.ID, &pipedrive.DealUpdateParams{Title: pipedrive.Ptr(title + "!")}); err != nil {
						fail(err)
					}
				case 2:
					if _, _, err := c.Deals.List(cctx, &pipedrive.DealListOptions{ListOptions: pipedrive.ListOptions{Limit: 5}}); err != nil {
						fail(err)
					}
				case 3:
					if _, _, err := c.Deals.Search(cctx, &pipedrive.DealSearchOptions{Term: title, ExactMatch: true}); err != nil {
						fail(err)
					}
				case 4:
					n := 0
					for _, err := range c.Deals.All(cctx, &pipedrive.DealListOptions{ListOptions: pipedrive.ListOptions{Limit: 3}}) {
						if err != nil {
							fail(err)
							break
						}
						if n++; n == 7 {
							break
						}
					}
				case 5:
					p, _, err := c.Persons.Create(cctx, &pipedrive.PersonCreateParams{Name: title, Emails: pipedrive.Contacts(title + "@example.com")})
					if err != nil {
						fail(err)
						break
					}
					if _, _, err := c.Notes.Create(cctx, &pipedrive.NoteCreateParams{Content: "hi", PersonID: p.ID, DealID: d.ID}); err != nil {
						fail(err)
					}
				case 6:
					if _, _, err := c.Users.Me(cctx); err != nil {
						fail(err)
					}
					if _, _, err := c.Connections.List(ctx, nil); err != nil {
						fail(err)
					}
				case 7:
					// A call cancelled at once: it fails with the context's
					// error and leaves nothing behind.
					cancelled, cancel := context.WithCancel(cctx)
					cancel()
					if _, _, err := c.Deals.Get(cancelled, d.ID); !errors.Is(err, context.Canceled) {
						fail(fmt.Errorf("cancelled get: %v", err))
					}
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range failures {
		t.Error(err)
	}

	count := func(cctx context.Context) int {
		n := 0
		for _, err := range c.Deals.All(cctx, nil) {
			require.NoError(t, err)
			n++
		}
		return n
	}
	assert.Equal(t, int(created[0].Load()), count(ctx), "no create stored twice or lost")
	assert.Equal(t, int(created[1].Load()), count(pipedrive.ContextWithConnection(ctx, second)))
	assert.Equal(t, workers*rounds, int(created[0].Load()+created[1].Load()))

	srv.Close()
	c.CloseIdleConnections()
}

// pipeNet is an in-memory network for a real http.Transport inside a
// synctest bubble: each dial starts serve on the server end of a net.Pipe.
type pipeNet struct {
	serve  func(conn net.Conn, req *http.Request)
	served atomic.Int32 // requests read
}

func (p *pipeNet) transport() *http.Transport {
	return &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		client, server := net.Pipe()
		go func() {
			defer server.Close()
			br := bufio.NewReader(server)
			for {
				req, err := http.ReadRequest(br)
				if err != nil {
					return
				}
				_, _ = io.Copy(io.Discard, req.Body)
				p.served.Add(1)
				p.serve(server, req)
			}
		}()
		return client, nil
	}}
}

// hang blocks until the client closes the connection.
func hang(conn net.Conn) { _, _ = io.Copy(io.Discard, conn) }

// TestContextEndsCall: cancelling the context or reaching its deadline
// ends a call within 50 ms wherever it waits: for the answer, in the
// middle of the body, in a backoff, or for the rate limiter. It runs on
// synctest's clock with a real http.Transport over in-memory pipes, so the
// times it checks are exact, not measured.
func TestContextEndsCall(t *testing.T) {
	answer := func(status int, header, body string) func(net.Conn, *http.Request) {
		return func(conn net.Conn, _ *http.Request) {
			_, _ = fmt.Fprintf(conn, "HTTP/1.1 %d %s\r\n%sContent-Length: %d\r\n\r\n%s", status, http.StatusText(status), header, len(body), body)
		}
	}
	never := func(conn net.Conn, _ *http.Request) { hang(conn) }
	halfBody := func(conn net.Conn, _ *http.Request) {
		_, _ = io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"success\":true,\"data\":[")
		hang(conn)
	}
	const after = 200 * time.Millisecond
	cases := []struct {
		name  string
		serve func(net.Conn, *http.Request)
		opts  []pipedrive.Option
		// warm makes one call first (to use up the limiter).
		warm     bool
		deadline bool // a deadline at after; otherwise a cancel at after
		// immediate: the call ends before after, at once (a limiter that
		// cannot meet the deadline refuses without waiting).
		immediate bool
	}{
		{name: "deadline waiting for the answer", serve: never, deadline: true},
		{name: "cancel waiting for the answer", serve: never},
		{name: "deadline in the middle of the body", serve: halfBody, deadline: true},
		{name: "cancel in the middle of the body", serve: halfBody},
		{name: "deadline in a backoff", serve: answer(503, "Retry-After: 30\r\n", ""), deadline: true},
		{name: "cancel in a backoff", serve: answer(503, "Retry-After: 30\r\n", "")},
		{name: "deadline waiting out x-ratelimit-reset", serve: answer(429, "X-Ratelimit-Reset: 5\r\n", `{"success":false,"error":"Request over limit"}`), deadline: true},
		{name: "deadline the token bucket cannot meet", serve: answer(200, "", `{"success":true,"data":[]}`), deadline: true, warm: true, immediate: true,
			opts: []pipedrive.Option{pipedrive.WithRateLimit(0.01, 1)}},
		{name: "cancel waiting for the token bucket", serve: answer(200, "", `{"success":true,"data":[]}`), warm: true,
			opts: []pipedrive.Option{pipedrive.WithRateLimit(0.01, 1)}},
		{name: "deadline the default limiter cannot meet", serve: answer(200, "", `{"success":true,"data":[]}`), deadline: true, warm: true, immediate: true,
			opts: []pipedrive.Option{pipedrive.WithLimiter(rate.NewLimiter(rate.Every(time.Hour), 1))}},
		{name: "cancel waiting for a shared limiter", serve: answer(200, "", `{"success":true,"data":[]}`), warm: true,
			opts: []pipedrive.Option{pipedrive.WithLimiter(rate.NewLimiter(rate.Every(time.Hour), 1))}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				pn := &pipeNet{serve: tc.serve}
				tr := pn.transport()
				defer tr.CloseIdleConnections()
				opts := append([]pipedrive.Option{
					pipedrive.WithHTTPClient(&http.Client{Transport: tr}),
					pipedrive.WithGatewayURL("http://127.0.0.1:1"), // dialled over a pipe
				}, tc.opts...)
				c, err := pipedrive.NewClient("synctest-key", opts...)
				require.NoError(t, err)
				if tc.warm {
					_, _, err := c.Deals.List(t.Context(), nil)
					require.NoError(t, err)
				}

				ctx, cancel := context.WithCancel(t.Context())
				if tc.deadline {
					ctx, cancel = context.WithTimeout(t.Context(), after)
				} else {
					time.AfterFunc(after, cancel)
				}
				defer cancel()
				start := time.Now()
				_, _, err = c.Deals.List(ctx, nil)
				elapsed := time.Since(start)

				want := context.Canceled
				if tc.deadline {
					want = context.DeadlineExceeded
				}
				require.ErrorIs(t, err, want)
				assert.Equal(t, int32(1), pn.served.Load(), "the server got exactly one request")
				var te *pipedrive.TransportError
				require.ErrorAs(t, err, &te)
				if tc.immediate {
					assert.Zero(t, elapsed, "refused at once")
				} else {
					assert.GreaterOrEqual(t, elapsed, after)
					assert.Less(t, elapsed-after, 50*time.Millisecond, "ended within 50 ms")
				}
			})
		})
	}
}

// CloseIdleConnections closes the keep-alive connections a client holds
// while the server stays up, and the client still works afterwards.
func TestCloseIdleConnections(t *testing.T) {
	var closed atomic.Int32
	ts := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"success":true,"data":[]}`)
	}))
	ts.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateClosed {
			closed.Add(1)
		}
	}
	ts.Start()
	t.Cleanup(ts.Close)
	c, err := pipedrive.NewClient("k", pipedrive.WithGatewayURL(ts.URL))
	require.NoError(t, err)
	_, _, err = c.Deals.List(t.Context(), nil)
	require.NoError(t, err)
	require.Zero(t, closed.Load(), "kept alive")
	c.CloseIdleConnections()
	require.Eventually(t, func() bool { return closed.Load() == 1 }, 5*time.Second, time.Millisecond, "the idle connection was closed")
	_, _, err = c.Deals.List(t.Context(), nil)
	require.NoError(t, err)
}
