package pipedrive_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gopipedrive/pipedrive"
	"github.com/gopipedrive/pipedrive/pipedrivetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// updateGolden rewrites docs/RELIABILITY.md from the fault matrix:
//
//	go test -run TestFaultMatrix -update .
var updateGolden = flag.Bool("update", false, "rewrite docs/RELIABILITY.md from TestFaultMatrix")

const reliabilityDoc = "docs/RELIABILITY.md"

// matrixOp is one operation of the fault matrix: a call through a typed
// service, the request it sends, and whether it creates something.
type matrixOp struct {
	name   string
	method string
	// path is the request path, for the fault's PathPrefix and the
	// redirect's target; seed is the id of the deal the setup created.
	path   func(seed int) string
	create bool
	run    func(ctx context.Context, c *pipedrive.Client, seed int) (*pipedrive.Response, error)
}

const matrixTitle = "Matrix deal"

func matrixOps() []matrixOp {
	deal := func(seed int) string { return fmt.Sprintf("/pipedrive/api/v1/deals/%d", seed) }
	return []matrixOp{
		{name: "list", method: http.MethodGet, path: func(int) string { return "/pipedrive/api/v1/deals" },
			run: func(ctx context.Context, c *pipedrive.Client, _ int) (*pipedrive.Response, error) {
				_, resp, err := c.Deals.List(ctx, &pipedrive.DealListOptions{ListOptions: pipedrive.ListOptions{Limit: 10}})
				return resp, err
			}},
		{name: "get", method: http.MethodGet, path: deal,
			run: func(ctx context.Context, c *pipedrive.Client, seed int) (*pipedrive.Response, error) {
				_, resp, err := c.Deals.Get(ctx, seed)
				return resp, err
			}},
		{name: "create", method: http.MethodPost, create: true, path: func(int) string { return "/pipedrive/api/v1/deals" },
			run: func(ctx context.Context, c *pipedrive.Client, _ int) (*pipedrive.Response, error) {
				_, resp, err := c.Deals.Create(ctx, &pipedrive.DealCreateParams{Title: matrixTitle, Value: pipedrive.Ptr(1500.0), Currency: "EUR"})
				return resp, err
			}},
		{name: "update", method: http.MethodPut, path: deal,
			run: func(ctx context.Context, c *pipedrive.Client, seed int) (*pipedrive.Response, error) {
				_, resp, err := c.Deals.Update(ctx, seed, &pipedrive.DealUpdateParams{Title: pipedrive.Ptr("Renamed")})
				return resp, err
			}},
		{name: "delete", method: http.MethodDelete, path: deal,
			run: func(ctx context.Context, c *pipedrive.Client, seed int) (*pipedrive.Response, error) {
				return c.Deals.Delete(ctx, seed)
			}},
		{name: "search", method: http.MethodGet, path: func(int) string { return "/pipedrive/api/v1/deals/search" },
			run: func(ctx context.Context, c *pipedrive.Client, _ int) (*pipedrive.Response, error) {
				_, resp, err := c.Deals.Search(ctx, &pipedrive.DealSearchOptions{Term: "Seed"})
				return resp, err
			}},
		{name: "connections create", method: http.MethodPost, create: true, path: func(int) string { return "/connections" },
			run: func(ctx context.Context, c *pipedrive.Client, _ int) (*pipedrive.Response, error) {
				_, resp, err := c.Connections.Create(ctx, "pipedrive")
				return resp, err
			}},
	}
}

// matrixFault is one row of the fault matrix.
type matrixFault struct {
	name string
	// fault is injected for the operation's method and path, for every
	// matching request; nil for the faults pipedrivetest cannot produce.
	fault func(op matrixOp, seed int, other string) *pipedrivetest.Fault
	// refused sends the request to a closed port instead.
	refused bool
	// deadline is the caller's context deadline (0: none).
	deadline time.Duration
	// opts are extra client options.
	opts []pipedrive.Option
	// beforeWrite: the fault happens before the operation runs, so a create
	// must store nothing and pipedrive.MayHaveWritten must be false.
	beforeWrite bool
	// notWritten: nothing reached the server, so pipedrive.MayHaveWritten
	// must be false.
	notWritten bool
}

// blockingLimiter never grants a slot: Wait returns when the context ends.
type blockingLimiter struct{}

func (blockingLimiter) Wait(ctx context.Context) error {
	<-ctx.Done()
	return ctx.Err()
}

const (
	matrixMaxBody   = 2048
	matrixHTML      = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"
	matrixNotJSON   = "<html><body>Service temporarily unavailable</body></html>"
	matrixTruncated = `{"success":true,"data":{"id":1,"title":"Trunc`
)

func matrixFaults() []matrixFault {
	status := func(code int, body string, h http.Header) func(matrixOp, int, string) *pipedrivetest.Fault {
		return func(matrixOp, int, string) *pipedrivetest.Fault {
			return &pipedrivetest.Fault{Status: code, Body: body, Header: h}
		}
	}
	header := func(kv ...string) http.Header {
		h := http.Header{}
		for i := 0; i < len(kv); i += 2 {
			h.Set(kv[i], kv[i+1])
		}
		return h
	}
	big := `{"success":true,"data":{"id":1,"title":"` + strings.Repeat("x", 2*matrixMaxBody) + `"}}`
	overLimit := `{"success":false,"error":"Request over limit","error_info":"Daily token budget exhausted","data":null,"additional_data":null}`
	return []matrixFault{
		{name: "connection refused", refused: true, beforeWrite: true},
		{name: "reset after headers", fault: func(matrixOp, int, string) *pipedrivetest.Fault {
			return &pipedrivetest.Fault{ResetAfterHeaders: true}
		}},
		{name: "reset mid-body", fault: func(matrixOp, int, string) *pipedrivetest.Fault {
			return &pipedrivetest.Fault{TruncateBody: true}
		}},
		{name: "no answer before the deadline (1 s)", deadline: time.Second, beforeWrite: true,
			fault: func(matrixOp, int, string) *pipedrivetest.Fault { return &pipedrivetest.Fault{Delay: time.Minute} }},
		{name: "500", fault: status(500, "", nil), beforeWrite: true},
		{name: "502 with an HTML page", fault: status(502, matrixHTML, header("Content-Type", "text/html")), beforeWrite: true},
		{name: "503 with Retry-After: 0", fault: status(503, "", header("Retry-After", "0")), beforeWrite: true},
		{name: "429 with Retry-After: 0", fault: status(429, `{"message":"Too many requests","type":"Too Many Requests","code":429}`, header("Retry-After", "0")), beforeWrite: true},
		{name: "429 without Retry-After", fault: status(429, `{"success":false,"error":"Request over limit","data":null}`, nil), beforeWrite: true},
		{name: "429, daily token budget spent", fault: status(429, overLimit, header("X-Daily-Ratelimit-Token-Remaining", "0", "X-Daily-Ratelimit-Token-Limit", "30000")), beforeWrite: true},
		{name: "200 with truncated JSON", fault: status(200, matrixTruncated, nil), beforeWrite: true},
		{name: "200 with success:false", fault: status(200, `{"success":false,"error":"Requested service is not available","error_info":"Please check developers.pipedrive.com","data":null}`, nil), beforeWrite: true},
		{name: "200 with a non-JSON body", fault: status(200, matrixNotJSON, header("Content-Type", "text/html")), beforeWrite: true},
		{name: "200 with a body over the cap (2 KiB)", fault: status(200, big, nil), opts: []pipedrive.Option{pipedrive.WithMaxResponseBytes(matrixMaxBody)}, beforeWrite: true},
		{name: "307 redirect to another host", beforeWrite: true, fault: func(op matrixOp, seed int, other string) *pipedrivetest.Fault {
			return &pipedrivetest.Fault{RedirectTo: other + op.path(seed)}
		}},
		{name: "303 See Other without Location (processed elsewhere)", fault: status(303, "", nil), beforeWrite: true},
		{name: "429 with Retry-After: 1e9 s (above the cap)", fault: status(429, `{"message":"Too many requests","type":"Too Many Requests","code":429}`, header("Retry-After", "1000000000")), beforeWrite: true},
		{name: "429 with x-ratelimit-reset: 1e7 s (above the cap)", fault: status(429, `{"success":false,"error":"Request over limit","data":null}`, header("X-Ratelimit-Reset", "10000000")), beforeWrite: true},
		{name: "503 with Retry-After a year ahead (above the cap)", fault: status(503, "", header("Retry-After", time.Now().AddDate(1, 0, 0).UTC().Format(http.TimeFormat))), beforeWrite: true},
		{name: "deadline (100 ms) in the limiter wait", deadline: 100 * time.Millisecond, beforeWrite: true, notWritten: true,
			opts: []pipedrive.Option{pipedrive.WithLimiter(blockingLimiter{})}},
	}
}

// matrixResult is one cell of the fault matrix.
type matrixResult struct {
	err      error
	kind     string
	seen     int // requests the server saw
	tries    int // attempts the client made
	stored   int // entities stored by a create (-1: not a create)
	atOther  int // requests the redirect target saw
	mayWrite bool
}

func (r matrixResult) cell() string {
	var b strings.Builder
	b.WriteString(r.kind)
	fmt.Fprintf(&b, " ×%d", r.seen)
	if r.tries != r.seen {
		fmt.Fprintf(&b, " (tried %d)", r.tries)
	}
	if r.atOther > 0 {
		fmt.Fprintf(&b, " +%d elsewhere, no key", r.atOther)
	}
	if r.stored >= 0 {
		fmt.Fprintf(&b, " · stored %d", r.stored)
	}
	return b.String()
}

// errorKind names the kind of err as a caller matches it.
func errorKind(err error) string {
	var ve *pipedrive.ValidationError
	var te *pipedrive.TransportError
	var ae *pipedrive.APIError
	switch {
	case err == nil:
		return "ok"
	case errors.As(err, &ve):
		return "ValidationError"
	case errors.Is(err, context.DeadlineExceeded):
		return "DeadlineExceeded"
	case errors.Is(err, context.Canceled):
		return "Canceled"
	case errors.As(err, &te):
		return "Transport"
	case errors.Is(err, pipedrive.ErrDailyBudgetExhausted):
		return "ErrDailyBudgetExhausted"
	case errors.Is(err, pipedrive.ErrRateLimited):
		return "ErrRateLimited"
	case errors.Is(err, pipedrive.ErrServer):
		return "ErrServer"
	case errors.Is(err, pipedrive.ErrUnauthorized):
		return "ErrUnauthorized"
	case errors.Is(err, pipedrive.ErrResponseTooLarge):
		return "ErrResponseTooLarge"
	case errors.Is(err, pipedrive.ErrInvalidResponse):
		return "ErrInvalidResponse"
	case errors.As(err, &ae):
		return fmt.Sprintf("APIError %d", ae.StatusCode)
	}
	return "error"
}

// clientAttempts is how many attempts the client reports for a call.
func clientAttempts(resp *pipedrive.Response, err error) int {
	var te *pipedrive.TransportError
	var ae *pipedrive.APIError
	switch {
	case errors.As(err, &ae):
		return ae.Attempts
	case errors.As(err, &te):
		return te.Attempts
	case resp != nil:
		return resp.Attempts
	}
	return 0
}

// matrixClientOptions make retries fast: 4 attempts, 1-2 ms waits, and a
// limiter that never holds a request back.
func matrixClientOptions() []pipedrive.Option {
	return []pipedrive.Option{
		pipedrive.WithRateLimit(1e6, 1000),
		pipedrive.WithRetry(pipedrive.RetryPolicy{MaxAttempts: 4, MinWait: time.Millisecond, MaxWait: 2 * time.Millisecond}),
	}
}

// runMatrixCase runs op into fault against a fresh server and reports what
// the caller and the server saw.
func runMatrixCase(t *testing.T, op matrixOp, f matrixFault) matrixResult {
	t.Helper()
	srv := pipedrivetest.NewServer(pipedrivetest.WithSeedData(), pipedrivetest.WithRateLimit(0))
	t.Cleanup(srv.Close)
	other := pipedrivetest.NewServer(pipedrivetest.WithRateLimit(0))
	t.Cleanup(other.Close)

	seedDeal, _, err := srv.Client(t, matrixClientOptions()...).Deals.Create(t.Context(), &pipedrive.DealCreateParams{Title: "Seed deal"})
	require.NoError(t, err)
	seed := seedDeal.ID
	srv.ResetRequests()

	opts := append(matrixClientOptions(), f.opts...)
	c := srv.Client(t, opts...)

	if f.refused {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		closed := "http://" + ln.Addr().String()
		require.NoError(t, ln.Close())
		c = srv.Client(t, append(opts, pipedrive.WithGatewayURL(closed), pipedrive.WithControlURL(closed))...)
	}
	if f.fault != nil {
		// Another host: "localhost" instead of 127.0.0.1, another port.
		otherURL := strings.Replace(other.URL, "127.0.0.1", "localhost", 1)
		fault := f.fault(op, seed, otherURL)
		fault.Method, fault.PathPrefix, fault.Times = op.method, op.path(seed), -1
		srv.InjectFault(*fault)
	}

	ctx := t.Context()
	if f.deadline > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, f.deadline)
		defer cancel()
	}
	resp, err := op.run(ctx, c, seed)

	res := matrixResult{err: err, kind: errorKind(err), seen: srv.Requests(), tries: clientAttempts(resp, err),
		stored: -1, atOther: other.Requests(), mayWrite: pipedrive.MayHaveWritten(err)}
	for _, r := range other.RequestLog() {
		assert.Empty(t, r.Header.Get("Authorization"), "the key never reaches another host")
		assert.Empty(t, r.Header.Get("Maton-Connection"), "the connection never reaches another host")
	}

	if op.create {
		srv.ClearFaults()
		srv.ResetRateLimits()
		res.stored = storedBy(t, srv, op)
	}
	return res
}

// storedBy counts what a create left on the server.
func storedBy(t *testing.T, srv *pipedrivetest.Server, op matrixOp) int {
	t.Helper()
	if op.path(0) == "/connections" {
		return len(srv.Connections()) - 1 // the server starts with one
	}
	n := 0
	c := srv.Client(t, matrixClientOptions()...)
	for d, err := range c.Deals.All(t.Context(), nil) {
		require.NoError(t, err)
		if d.Title == matrixTitle {
			n++
		}
	}
	return n
}

// TestFaultMatrix sends every operation into every fault, each against a
// fresh server, and checks the invariants: an error for every fault, no
// create resent once it may have reached the server, at most one entity
// stored, pipedrive.MayHaveWritten true whenever something was stored, the key in
// no error and never sent to another host, and idempotent calls retried
// on the faults that allow it. docs/RELIABILITY.md is the table it
// produces; the test fails when the document is stale.
func TestFaultMatrix(t *testing.T) {
	ops, faults := matrixOps(), matrixFaults()
	var mu sync.Mutex
	results := map[[2]string]matrixResult{}
	t.Run("cases", func(t *testing.T) {
		// Many cases wait on real deadlines and backoffs: run 16 at a
		// time whatever -parallel says (t.Run may be called from several
		// goroutines at once).
		var wg sync.WaitGroup
		sem := make(chan struct{}, 16)
		for _, f := range faults {
			for _, op := range ops {
				sem <- struct{}{}
				wg.Go(func() {
					defer func() { <-sem }()
					t.Run(f.name+"/"+op.name, func(t *testing.T) {
						r := runMatrixCase(t, op, f)
						checkMatrixInvariants(t, op, f, r)
						mu.Lock()
						results[[2]string{f.name, op.name}] = r
						mu.Unlock()
					})
				})
			}
		}
		wg.Wait()
	})
	if t.Failed() {
		return
	}
	doc := renderReliability(ops, faults, results)
	if *updateGolden {
		require.NoError(t, os.MkdirAll(filepath.Dir(reliabilityDoc), 0o755))
		require.NoError(t, os.WriteFile(reliabilityDoc, []byte(doc), 0o644))
		t.Logf("wrote %s", reliabilityDoc)
		return
	}
	got, err := os.ReadFile(reliabilityDoc)
	if err != nil {
		t.Fatalf("%v; generate it with:\n\tgo test -run TestFaultMatrix -update .", err)
	}
	if string(got) != doc {
		t.Errorf("%s is stale; regenerate it with:\n\tgo test -run TestFaultMatrix -update .\n%s", reliabilityDoc, firstDiff(string(got), doc))
	}
}

// firstDiff shows the first line where the document differs from what the
// test produced.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n\tfile: %s\n\ttest: %s", i+1, gl, wl)
		}
	}
	return ""
}

func checkMatrixInvariants(t *testing.T, op matrixOp, f matrixFault, r matrixResult) {
	t.Helper()
	require.Error(t, r.err, "every fault is an error")
	assert.NotContains(t, r.err.Error(), pipedrivetest.DefaultAPIKey)
	assert.NotContains(t, fmt.Sprintf("%+v", r.err), pipedrivetest.DefaultAPIKey)
	assert.NotEqual(t, "error", r.kind, "an error of no documented kind: %v", r.err)
	if op.create {
		assert.LessOrEqual(t, r.stored, 1, "a create stores at most one entity")
		if r.stored > 0 {
			assert.True(t, r.mayWrite, "MayHaveWritten must be true when the create was stored: %v", r.err)
		}
		if f.beforeWrite {
			assert.Zero(t, r.stored, "the fault happened before the operation")
		}
		if r.seen > 1 {
			// Resending a create is allowed only when no earlier attempt
			// could have been processed: 429 (refused by the limit).
			assert.ErrorIs(t, r.err, pipedrive.ErrRateLimited, "a create was resent")
		}
	}
	if f.beforeWrite && (f.refused || f.notWritten || strings.HasPrefix(f.name, "429")) {
		assert.False(t, r.mayWrite, "nothing was processed: %v", r.err)
	}
}

func renderReliability(ops []matrixOp, faults []matrixFault, results map[[2]string]matrixResult) string {
	var b strings.Builder
	b.WriteString(reliabilityHeader)
	b.WriteString("| fault |")
	for _, op := range ops {
		b.WriteString(" " + op.name + " |")
	}
	b.WriteString("\n|---|")
	b.WriteString(strings.Repeat("---|", len(ops)))
	b.WriteString("\n")
	for _, f := range faults {
		b.WriteString("| " + f.name + " |")
		for _, op := range ops {
			b.WriteString(" " + results[[2]string{f.name, op.name}].cell() + " |")
		}
		b.WriteString("\n")
	}
	b.WriteString(reliabilityCreates)
	b.WriteString("| fault | deal stored | `pipedrive.MayHaveWritten` | connection stored | `pipedrive.MayHaveWritten` |\n|---|---|---|---|---|\n")
	yes := func(v bool) string {
		if v {
			return "true"
		}
		return "false"
	}
	for _, f := range faults {
		d := results[[2]string{f.name, "create"}]
		c := results[[2]string{f.name, "connections create"}]
		fmt.Fprintf(&b, "| %s | %d | %s | %d | %s |\n", f.name, d.stored, yes(d.mayWrite), c.stored, yes(c.mayWrite))
	}
	b.WriteString(reliabilityFooter)
	return b.String()
}

const reliabilityHeader = `# Reliability

<!-- Generated by TestFaultMatrix (reliability_test.go). Do not edit by hand:
     go test -run TestFaultMatrix -update .
     The test fails when this file is stale. -->

The SDK keeps working under faults, never writes anything twice, never leaks
the API key and refuses bad input before any request. This page shows what a
caller sees when the gateway, Pipedrive or the network misbehaves.

## Policy

- **Every attempt waits on the rate limiter**, retries included.
- **429** is retried whatever the method (the request was not processed),
  honoring Retry-After and x-ratelimit-reset; a wait above
  RetryPolicy.MaxServerWait (60 s) returns at once with APIError.RetryAfter
  set. A spent daily token budget is not retried.
- **500, 502, 503, 504 and broken connections** are retried for GET, PUT and
  DELETE only. **A POST or PATCH that may have reached the server is never
  sent again.** A refused connection (nothing was sent) is retried for every
  method.
- A successful status with a body that is not the documented JSON
  (truncated, HTML, success:false, over the cap) is not retried: the server
  answered, and for a write it may have acted.
- A redirect to another origin is followed without Authorization and
  Maton-Connection.
- Cancelling the context or passing its deadline ends any wait (response,
  backoff, limiter) at once.

## Fault matrix

Each cell is one call against a fresh pipedrivetest server (retries: 4
attempts, 1-2 ms waits). Read a cell as: the error kind the caller can match
(errors.Is / errors.As), then ×N the requests the server saw, (tried N) the
attempts the client made when they differ (a refused connection reaches no
server), +N elsewhere the requests a redirect sent to the other host (which
never got the key), and for creates, the entities the server holds afterwards.
"Transport" is a *TransportError; "DeadlineExceeded" also is one, matching
context.DeadlineExceeded. Operations are the API v1 deal calls and Maton's
Connections.Create (the control plane).

`

const reliabilityCreates = `
## Creates: what the caller can tell

A failed create either certainly did not happen, or may have happened.
` + "`pipedrive.MayHaveWritten(err)`" + ` says which: it is false only when the
request provably was not processed (refused input or a body JSON cannot
carry, a refused connection, a limiter wait cancelled or timed out, a 429,
a 4xx answer) and no earlier attempt of the call may have been. A 303 See
Other means the server processed the request: true. When it is true, look
for the entity (for example by a unique field) before creating it again;
the SDK never resends it for you. The table checks that it is never false
for a create that was stored. (pipedrivetest's faults replace the handler,
so nothing is stored behind a 303 here; a real server would have stored it.)

`

const reliabilityFooter = `
## Where else this is tested

| property | tests |
|---|---|
| retries per method and fault (fake transport, synctest clock) | retry_test.go: TestRetryTable, TestPostBadGatewaySentOnce, TestResetRealSocket, TestRefusedRealSocket, TestRetryAfterAboveCap, TestDailyBudgetNotRetried, TestLimiterCountsRetries |
| a create answered with a body over the cap is stored once and not resent | reliability_test.go: TestCreateOverCapNotResent |
| cancellation and deadlines end a call within 50 ms (backoff, limiter, response, body) | retry_test.go: TestCancelDuringBackoff, TestCancelDuringLimiterWait; concurrency_test.go: TestContextEndsCall |
| the key in no error, fmt verb, log line or panic; redirects drop credentials; plain http refused | client_test.go: TestSecretsNeverLeak, TestRedirectDropsCredentials; secrets_test.go |
| bad input refused with a *ValidationError, zero requests sent | badinput_test.go: TestBadInput |
| one client shared by 64 goroutines, race-free, no goroutine left behind | concurrency_test.go: TestConcurrentClient |
| decoders never panic and round-trip (go test -fuzz) | fuzz_test.go, fuzz_entities_test.go |
| response body caps | client_test.go: TestBodyCaps |
| a Retry-After or x-ratelimit-reset of any size above the cap (61 s … 1e9 s, a date a year ahead): one attempt, RetryAfter = the server's value | retry_test.go: TestServerWaitAnySize |
| MayHaveWritten: limiter wait cancelled → false; verdict across attempts; POST answered 303 → true; connection created but not read back → true, with what is known | retry_test.go: TestWriteCancelledInLimiterNotWritten, TestVerdictAcrossAttempts, TestPostSeeOtherWritten, TestConnectionCreatedButNotReadBack |
| NaN/±Inf anywhere in a body (custom fields, v2 params): *ValidationError naming the path, nothing sent | badinput_test.go: TestBadInput |
| no 8 consecutive key characters in fmt of any service (every verb), in errors quoting malformed server bytes, in snippets cut at 200 bytes; a key pasted as a connection id or URL refused without echo | secrets_test.go: TestServicesNeverPrintKey, TestServerEchoesRedacted, TestKeyInWrongPlaceRefused, TestRedactKeyWindow |
| Client.Do paths percent-decoded (no %2e%2e escape), v2 currency and lead_id checks, field keys | badinput_test.go: TestBadInput |
| Error() bounded to a few hundred bytes of server text; decode errors name the JSON path (data[17].add_time) | client_test.go: TestAPIErrorBounded, TestDecodeErrorNamesPath |
| every All/SearchAll/ArchivedAll (v1 and v2, FieldSchema loading too): a repeated or backward next_start, a repeated next_cursor, or more items with an empty/null page ends with ErrPaginationStalled after the items yielded (never a loop, never a silent stop); the sequence can be ranged again from the start and from several goroutines at once | iterators_test.go: TestIteratorsStallWithError, TestIteratorsEndNormally, TestIteratorsRangeAgain, TestEveryIteratorListed, TestFieldSchemaStalledPagination |
| no 8 consecutive key characters in any CLI output (stdout, stderr, -v), whatever a hostile gateway echoes; --connection given a key refused without echo | cmd/pipedrive: TestKeyNeverInCLIOutput, TestExitCodes |
| pipedrivetest like Pipedrive: the search limit (10 per 2 s, 429 + Retry-After), archived deals not editable, won/lost/close time only with the matching status, 501 "not emulated" for real operations it lacks | pipedrivetest/fidelity_test.go: TestSearchRateLimit, TestArchivedDealNotEditable, TestDealTimeRules, TestNotEmulated |
| the default limiter (x/time/rate, one request per 102.5 ms, burst 1) gets no 429 from a gateway counting 10 per rolling second; a 10/s burst-10 bucket does | limiter_test.go: TestDefaultLimiter, TestLimiterStrictGateway (real time over loopback with PIPEDRIVE_LONG=1) |
`

// A create whose answer exceeds the body cap was stored by the server: the
// SDK reports ErrResponseTooLarge, does not send it again, and says the
// write may have happened.
func TestCreateOverCapNotResent(t *testing.T) {
	srv := pipedrivetest.NewServer(pipedrivetest.WithSeedData(), pipedrivetest.WithRateLimit(0))
	t.Cleanup(srv.Close)
	c := srv.Client(t, append(matrixClientOptions(), pipedrive.WithMaxResponseBytes(1024))...)
	_, _, err := c.Deals.Create(t.Context(), &pipedrive.DealCreateParams{Title: matrixTitle})
	require.ErrorIs(t, err, pipedrive.ErrResponseTooLarge)
	assert.True(t, pipedrive.MayHaveWritten(err))
	assert.Equal(t, 1, srv.Requests(), "sent once")
	assert.Equal(t, 1, storedBy(t, srv, matrixOps()[2]))
}

// MayHaveWritten is false only for failures that provably left the server
// untouched.
func TestMayHaveWritten(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	reset := &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"validation", &pipedrive.ValidationError{Field: "title", Reason: "empty"}, false},
		{"refused", &pipedrive.TransportError{Method: "POST", Err: refused}, false},
		{"reset", &pipedrive.TransportError{Method: "POST", Err: reset}, true},
		{"deadline", &pipedrive.TransportError{Method: "POST", Err: context.DeadlineExceeded}, true},
		{"307", &pipedrive.APIError{StatusCode: 307}, false},
		{"400", &pipedrive.APIError{StatusCode: 400}, false},
		{"429", &pipedrive.APIError{StatusCode: 429}, false},
		{"200 success:false", &pipedrive.APIError{StatusCode: 200}, false},
		{"500", &pipedrive.APIError{StatusCode: 500}, true},
		{"wrapped 502", fmt.Errorf("sync: %w", &pipedrive.APIError{StatusCode: 502}), true},
		{"invalid body", fmt.Errorf("x: %w", pipedrive.ErrInvalidResponse), true},
		{"too large", fmt.Errorf("x: %w", pipedrive.ErrResponseTooLarge), true},
	} {
		assert.Equal(t, tc.want, pipedrive.MayHaveWritten(tc.err), tc.name)
	}

	// A limiter that gives up: nothing was sent.
	srv := pipedrivetest.NewServer(pipedrivetest.WithSeedData())
	t.Cleanup(srv.Close)
	c := srv.Client(t, pipedrive.WithLimiter(failingLimiter{}))
	_, _, err := c.Deals.Create(t.Context(), &pipedrive.DealCreateParams{Title: "x"})
	var te *pipedrive.TransportError
	require.ErrorAs(t, err, &te)
	assert.False(t, pipedrive.MayHaveWritten(err))
	assert.Zero(t, srv.Requests())
}

type failingLimiter struct{}

func (failingLimiter) Wait(context.Context) error { return errors.New("budget store unreachable") }

// Retrying a create safely: after a failure that may have written the
// deal, look for it by a field only it has before creating it again.
func ExampleMayHaveWritten() {
	srv := pipedrivetest.NewServer(pipedrivetest.WithSeedData())
	defer srv.Close()
	// The first create reaches Pipedrive, but the answer is cut short.
	srv.InjectFault(pipedrivetest.Fault{Method: "POST", PathPrefix: "/pipedrive/api/v1/deals", TruncateBody: true})
	client, _ := pipedrive.NewClient(srv.APIKey, pipedrive.WithGatewayURL(srv.URL))
	ctx := context.Background()

	// A custom text field holding our own id for the deal.
	const externalID = "5f0c1ad03e9e4b1e8a8f6d2c7b9a0e1f2d3c4b5a"
	params := &pipedrive.DealCreateParams{
		Title:        "ACME renewal 2026",
		CustomFields: map[string]any{externalID: "crm-4711"},
	}
	deal, _, err := client.Deals.Create(ctx, params)
	if err != nil && pipedrive.MayHaveWritten(err) {
		fmt.Println("create failed, but it may have happened")
		hits, _, serr := client.Deals.Search(ctx, &pipedrive.DealSearchOptions{
			Term: "crm-4711", ExactMatch: true,
			Fields: []pipedrive.DealSearchField{pipedrive.DealSearchCustomFields},
		})
		switch {
		case serr != nil:
			err = serr // still unknown: try again later, never blindly
		case len(hits) > 0:
			deal, _, err = client.Deals.Get(ctx, hits[0].Item.ID)
			fmt.Println("found it: not creating it again")
		default:
			deal, _, err = client.Deals.Create(ctx, params)
		}
	}
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(deal.ID, deal.Title)
	// Output:
	// create failed, but it may have happened
	// found it: not creating it again
	// 1 ACME renewal 2026
}
