package pipedrive

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// RetryPolicy says how the client retries. A request is retried when it is
// safe: after a 429 (the request was not processed) whatever its method;
// after a 500, 502, 503, 504 or a transport error only for GET, PUT and
// DELETE, since a POST or PATCH may already have changed data; and after a
// connection refusal (nothing was sent) for any method.
type RetryPolicy struct {
	// MaxAttempts is the total number of tries, the first included
	// (default 4; 1 disables retries).
	MaxAttempts int
	// MinWait and MaxWait bound the exponential backoff with full jitter
	// used when the server does not say how long to wait (defaults 500 ms
	// and 8 s).
	MinWait, MaxWait time.Duration
	// MaxServerWait caps a wait the server asks for with Retry-After or
	// x-ratelimit-reset (default 60 s). A longer one is not slept: the call
	// returns at once with an *APIError whose RetryAfter is set.
	MaxServerWait time.Duration
}

// DefaultRetryPolicy returns the policy a new client uses.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxAttempts: 4, MinWait: 500 * time.Millisecond, MaxWait: 8 * time.Second, MaxServerWait: 60 * time.Second}
}

func (p RetryPolicy) validate() error {
	switch {
	case p.MaxAttempts < 1 || p.MaxAttempts > 20:
		return invalid("RetryPolicy.MaxAttempts", "%d is outside 1..20", p.MaxAttempts)
	case p.MinWait < 0 || p.MaxWait < 0 || p.MaxServerWait < 0:
		return invalid("RetryPolicy", "waits must not be negative")
	case p.MaxWait < p.MinWait:
		return invalid("RetryPolicy.MaxWait", "%s is below MinWait %s", p.MaxWait, p.MinWait)
	}
	return nil
}

// callState follows one call across its attempts. It is also the call's
// context: the client's one retryablehttp.Client finds it in the context
// of each request (callStateOf), so no retry client and no closures are
// built per call.
type callState struct {
	context.Context
	client     *Client
	method     string
	path       string
	idempotent bool

	attempts   int
	logged     int
	body       []byte
	bodyRead   bool
	tooLarge   bool
	retryAfter time.Duration // what the server asked for, when known
	daily      bool          // daily token budget exhausted
	// res is the call's Response, allocated with its state.
	res Response
	// processed is set once an attempt may have been carried out by the
	// server (a 5xx, a 303, a failure after the request left): the
	// verdict of MayHaveWritten for whatever ends the call afterwards.
	processed bool
	// stream: a 2xx body is left unread, in streamBody, for the caller.
	stream     bool
	streamBody io.ReadCloser
}

// isLimiterError reports whether err is a failure of the limiter (nothing
// was sent). The target of errors.As escapes: it is only declared when
// there is an error to look at.
func isLimiterError(err error) bool {
	if err == nil {
		return false
	}
	var le *limiterError
	return errors.As(err, &le)
}

type callStateKey struct{}

// Value returns the callState itself for callStateKey, else the value of
// the caller's context.
func (st *callState) Value(key any) any {
	if key == (callStateKey{}) {
		return st
	}
	return st.Context.Value(key)
}

// callStateOf finds the call a request belongs to (nil if none).
func callStateOf(ctx context.Context) *callState {
	if st, ok := ctx.(*callState); ok {
		return st
	}
	st, _ := ctx.Value(callStateKey{}).(*callState)
	return st
}

// buildRetryClient returns the client's one retryablehttp.Client; its
// hooks find the call's state in the request's context.
func (c *Client) buildRetryClient() *retryablehttp.Client {
	p := c.retry
	return &retryablehttp.Client{
		HTTPClient:   c.httpClient,
		RetryWaitMin: p.MinWait,
		RetryWaitMax: p.MaxWait,
		RetryMax:     p.MaxAttempts - 1,
		CheckRetry: func(ctx context.Context, resp *http.Response, err error) (bool, error) {
			return callStateOf(ctx).checkRetry(ctx, resp, err)
		},
		Backoff: func(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
			var st *callState
			if resp != nil && resp.Request != nil {
				st = callStateOf(resp.Request.Context())
			}
			return c.backoff(st, minWait, maxWait, attempt, resp)
		},
		ErrorHandler: func(resp *http.Response, err error, _ int) (*http.Response, error) { return resp, err },
		RequestLogHook: func(_ retryablehttp.Logger, req *http.Request, attempt int) {
			callStateOf(req.Context()).attempts = attempt + 1
		},
	}
}

// readBodyHandler is the response handler of every request: it reads the
// body for the request's call.
func readBodyHandler(resp *http.Response) error {
	return callStateOf(resp.Request.Context()).readBody(resp)
}

func isIdempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

// checkRetry decides whether to try again. It never resends a request that
// may have changed data.
func (st *callState) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	switch {
	case isLimiterError(err):
		// Nothing was sent: the limiter gave up or the context ended
		// while waiting on it. Report the limiter, not the context, so
		// the verdict stays "not written".
		return false, nil
	case err != nil && !notSent(err) && !bodyAborted(err):
		st.processed = true
	case err == nil && (resp.StatusCode >= 500 || resp.StatusCode == http.StatusSeeOther):
		st.processed = true
	}
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if st.logged < st.attempts {
		st.logged = st.attempts
		st.logAttempt(ctx, resp, err)
	}
	if err != nil {
		switch {
		case errors.Is(err, ErrResponseTooLarge), errors.Is(err, errRedirect):
			return false, nil
		case notSent(err):
			return true, nil
		}
		return st.idempotent, nil
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		if resp.Header.Get("X-Daily-Ratelimit-Token-Remaining") == "0" {
			st.daily = true
			return false, nil
		}
		return st.withinCap(resp), nil
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return st.idempotent && st.withinCap(resp), nil
	}
	return false, nil
}

// withinCap records the wait the server asked for and reports whether it is
// short enough to sleep.
func (st *callState) withinCap(resp *http.Response) bool {
	wait, ok := serverWait(resp, time.Now())
	if !ok {
		st.retryAfter = 0
		return true
	}
	st.retryAfter = wait
	return wait <= st.client.retry.MaxServerWait
}

// backoff returns the wait before the next attempt: what the server asked
// for, else exponential backoff with full jitter. st is nil when the
// attempt ended without a response (the log line then has no path).
func (c *Client) backoff(st *callState, minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	wait, ok := time.Duration(0), false
	if resp != nil {
		wait, ok = serverWait(resp, time.Now())
	}
	if !ok {
		ceiling := maxWait
		if attempt < 30 && minWait<<attempt > 0 && minWait<<attempt < maxWait {
			ceiling = minWait << attempt
		}
		if ceiling > 0 {
			wait = rand.N(ceiling + 1)
		}
	}
	if c.debugEnabled(context.Background()) {
		if st != nil {
			c.log().Debug("pipedrive: retrying", "method", st.method, "path", st.path, "attempt", attempt+2, "wait", wait)
		} else {
			c.log().Debug("pipedrive: retrying", "attempt", attempt+2, "wait", wait)
		}
	}
	return wait
}

func (st *callState) logAttempt(ctx context.Context, resp *http.Response, err error) {
	if !st.client.debugEnabled(ctx) {
		return
	}
	attrs := []slog.Attr{slog.String("method", st.method), slog.String("path", st.path), slog.Int("attempt", st.attempts)}
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", st.client.redact(unwrapURLError(err).Error())))
	}
	st.client.log().LogAttrs(ctx, slog.LevelDebug, "pipedrive: attempt", attrs...)
}

// serverWait reads how long the server asked the client to wait:
// Retry-After (seconds or an HTTP date), else on a 429 x-ratelimit-reset
// (seconds left in Pipedrive's window).
func serverWait(resp *http.Response, now time.Time) (time.Duration, bool) {
	if d, ok := ParseRetryAfter(resp.Header.Get("Retry-After"), now); ok {
		return d, true
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		if d, ok := parseSeconds(resp.Header.Get("X-Ratelimit-Reset")); ok {
			return d, true
		}
	}
	return 0, false
}

// maxSeconds is the longest wait a time.Duration holds, in seconds.
const maxSeconds = float64(math.MaxInt64 / int64(time.Second))

// parseSeconds parses a non-negative number of seconds. A value of any
// size is valid: one beyond what a time.Duration holds (about 292 years)
// is clamped to the largest Duration, never wrapped. Only a value that
// does not parse (or is negative, NaN or infinite) is malformed.
func parseSeconds(v string) (time.Duration, bool) {
	s, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, false
	}
	if s < 0 || math.IsNaN(s) || math.IsInf(s, -1) || (math.IsInf(s, 1) && err == nil) {
		return 0, false
	}
	if s >= maxSeconds {
		return time.Duration(math.MaxInt64), true
	}
	return time.Duration(s * float64(time.Second)), true
}

// ParseRetryAfter parses a Retry-After header value: a number of seconds or
// an HTTP date (a date in the past gives 0). ok is false only for an empty
// or malformed value: a huge one (10⁹ seconds, a date years ahead) is
// valid, clamped to the largest time.Duration, and above any cap.
func ParseRetryAfter(v string, now time.Time) (d time.Duration, ok bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if d, ok := parseSeconds(v); ok {
		return d, true
	}
	if _, err := strconv.ParseFloat(v, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		return 0, false // a number, but negative, NaN or infinite
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	if d := t.Sub(now); d > 0 {
		return d, true
	}
	return 0, true
}

// notSent reports whether a transport error happened before any byte of the
// request left: dialing failed (connection refused, DNS), so a retry cannot
// duplicate anything.
// bodyAborted reports whether the client itself ended the request body
// early (an upload whose content did not match its size, or that could
// not be rewound): the server never saw a complete request, so it cannot
// have carried it out.
func bodyAborted(err error) bool {
	return errors.Is(err, ErrUploadSize) || errors.Is(err, errUploadNotReplayable)
}

func notSent(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns)
}

// readBody reads the response body once, within the size caps, and closes
// it so the connection can be reused. It is the response handler of every
// attempt whose status is final.
func (st *callState) readBody(resp *http.Response) error {
	st.bodyRead = true
	if st.stream && resp.StatusCode < 300 {
		st.streamBody = resp.Body
		return nil
	}
	defer resp.Body.Close()
	limit := st.client.maxBody
	if resp.StatusCode >= 300 {
		limit = maxErrorBodyBytes
	}
	body, err := readLimited(resp.Body, resp.ContentLength, limit)
	st.body = body
	if errors.Is(err, errTruncatedAtLimit) {
		if resp.StatusCode >= 300 {
			return nil // an error body: its first MiB is plenty
		}
		st.tooLarge = true
		return fmt.Errorf("pipedrive: %s %s: %w", st.method, st.path, ErrResponseTooLarge)
	}
	return err
}

var errTruncatedAtLimit = errors.New("body exceeds limit")

// readLimited reads at most limit bytes, into a buffer sized from
// Content-Length when it is known, so a large page is not copied while a
// growing buffer doubles.
func readLimited(r io.Reader, contentLength, limit int64) ([]byte, error) {
	if contentLength > limit {
		return nil, errTruncatedAtLimit
	}
	if contentLength >= 0 {
		// One spare byte: a last Read reaches EOF, so the transport can
		// reuse the connection, without a reader or a buffer for it.
		buf := make([]byte, contentLength, contentLength+1)
		if _, err := io.ReadFull(r, buf); err != nil {
			return nil, err
		}
		_, _ = r.Read(buf[len(buf):cap(buf)])
		return buf, nil
	}
	buf := make([]byte, 0, 4096)
	for {
		if int64(len(buf)) > limit {
			return buf[:limit], errTruncatedAtLimit
		}
		if len(buf) == cap(buf) {
			// Double: append grows a large slice by only 1.25x, which
			// would allocate about five times the body on the way.
			buf = slices.Grow(buf, len(buf))
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			if int64(len(buf)) > limit {
				return buf[:limit], errTruncatedAtLimit
			}
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// transportError reports a failure without the URL (whose query may hold
// personal data) and without the key.
func (st *callState) transportError(err error) error {
	if err == nil {
		err = errors.New("no response")
	}
	if errors.Is(err, ErrResponseTooLarge) {
		return err
	}
	// net/http quotes malformed server bytes (a header line, a
	// Content-Length, a Location) in its errors: the server may echo the key.
	inner := st.client.redactErr(unwrapURLError(err))
	te := &TransportError{Method: st.method, Path: st.path, Attempts: st.attempts, Err: inner}
	// The verdict follows what happened, not the last error's type: the
	// context may end during the limiter wait or a backoff (nothing of
	// that attempt was sent) after earlier attempts that may have written.
	te.verdict = verdictNotWritten
	if st.processed {
		te.verdict = verdictWritten
	}
	return te
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// TransportError is a failure to get a complete answer: the connection was
// refused or reset, the body was cut short, a deadline passed, or the
// context was cancelled. errors.Is matches the underlying cause (for
// example context.DeadlineExceeded).
type TransportError struct {
	Method   string
	Path     string
	Attempts int
	Err      error

	verdict writeVerdict // set by the pipeline; zero: judge by Err
}

// Error implements error.
func (e *TransportError) Error() string {
	return fmt.Sprintf("pipedrive: %s %s: %v (after %d attempt(s))", e.Method, e.Path, e.Err, e.Attempts)
}

// Unwrap returns the cause.
func (e *TransportError) Unwrap() error { return e.Err }

func (st *callState) apiError(resp *http.Response, replacement string) error {
	// Redact before classifyError cuts a snippet: a key straddling the cut
	// would otherwise leave a prefix of it.
	e := classifyError(resp.StatusCode, st.method, st.path, st.client.redactBytes(st.body))
	e.Attempts = st.attempts
	e.processed = st.processed || redirectedBy303(resp)
	if d, ok := serverWait(resp, time.Now()); ok {
		e.RetryAfter = d
	} else if st.retryAfter > 0 {
		e.RetryAfter = st.retryAfter
	}
	if st.daily || (resp.StatusCode == http.StatusTooManyRequests && resp.Header.Get("X-Daily-Ratelimit-Token-Remaining") == "0") {
		e.DailyBudgetExhausted = true
	}
	if replacement != "" && (resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone) && e.Source != SourceGateway && !isEntityNotFound(e) {
		e.Replacement = replacement
	}
	st.client.redactAPIError(e)
	return e
}

// redirectedBy303 reports whether the request that led to resp was answered
// 303 See Other on the way: the server processed it and pointed elsewhere.
func redirectedBy303(resp *http.Response) bool {
	for req, hops := resp.Request, 0; req != nil && req.Response != nil && hops <= 10; hops++ {
		if req.Response.StatusCode == http.StatusSeeOther {
			return true
		}
		req = req.Response.Request
	}
	return false
}

// redactAPIError removes the API key from every text of e that came from
// the server's body, which may echo it.
func (c *Client) redactAPIError(e *APIError) {
	e.Message = c.redact(e.Message)
	e.ErrorInfo = c.redact(e.ErrorInfo)
	e.Code = c.redact(e.Code)
	if len(e.Fields) == 0 {
		return
	}
	fields := make(map[string][]string, len(e.Fields))
	for k, msgs := range e.Fields {
		clean := make([]string, len(msgs))
		for i, m := range msgs {
			clean[i] = c.redact(m)
		}
		fields[c.redact(k)] = clean
	}
	e.Fields = fields
}

// isEntityNotFound tells a 404 about a missing entity ("Deal not found")
// from one about a missing endpoint.
func isEntityNotFound(e *APIError) bool {
	m := strings.ToLower(e.Message)
	return e.StatusCode == http.StatusNotFound && strings.Contains(m, "not found") && !strings.Contains(m, "method") && !strings.Contains(m, "endpoint") && !strings.Contains(m, "route")
}

func (st *callState) invalidBody(err error) error {
	return fmt.Errorf("pipedrive: %s %s: %w: %s (body starts %q)", st.method, st.path, ErrInvalidResponse,
		st.client.redact(err.Error()), snippet(st.client.redactBytes(st.body[:min(len(st.body), 4*snippetLen)])))
}
