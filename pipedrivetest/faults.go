package pipedrivetest

import (
	"net"
	"net/http"
	"strings"
	"time"
)

// Fault describes a misbehaviour the server applies to the next matching
// requests, for testing how code copes with failures. Register it with
// Server.InjectFault.
//
// Faults are checked after Maton's authentication and rate limiting and
// before the addressed operation runs, so a request answered by a Status,
// RedirectTo or Reset fault has no effect on the stored data (a faulted
// create stores nothing). TruncateBody and ResetAfterHeaders are the
// exception: the operation runs normally (the write happened!) and only its
// response is cut.
//
// The actions are applied in this order: Delay, then the first of Reset,
// RedirectTo, Status; a fault with only a Delay lets the request proceed
// normally after the delay.
//
// Note that Go's http.Transport transparently retries an idempotent request
// (GET, HEAD, OPTIONS, TRACE, or any request with an Idempotency-Key header)
// once when a reused keep-alive connection is closed before any response
// byte arrives. To make sure a client observes a Reset, use Times: 2 or
// more, or a non-idempotent method.
type Fault struct {
	// Method restricts the fault to requests with this method ("" = any).
	Method string
	// PathPrefix restricts the fault to request paths starting with it, e.g.
	// "/pipedrive/api/v1/deals" or "/connections" ("" = any path).
	PathPrefix string
	// Times is how many matching requests the fault applies to. 0 means 1;
	// a negative value means every matching request until ClearFaults.
	Times int
	// Status, when non-zero, answers the request with this status code and
	// Body (default: a Pipedrive-shaped error whose message is the status
	// text).
	Status int
	// Body is the response body used with Status.
	Body string
	// Header holds extra response headers (for instance Retry-After). They
	// are added to Status and RedirectTo replies and to the cut responses of
	// TruncateBody and ResetAfterHeaders.
	Header http.Header
	// Delay waits this long before acting. If the request's context is
	// cancelled meanwhile (the client gave up), the server stops without
	// answering and without running the operation. Server.Close waits for
	// delayed requests whose clients are still waiting.
	Delay time.Duration
	// Reset closes the TCP connection (with RST where possible) without
	// sending any response.
	Reset bool
	// ResetAfterHeaders runs the operation, sends the response status and
	// headers (with the full Content-Length) and then closes the connection.
	ResetAfterHeaders bool
	// TruncateBody runs the operation, sends the response headers with the
	// full Content-Length and the first half of the body, then closes the
	// connection.
	TruncateBody bool
	// RedirectTo answers with a redirect to this URL (Status if it is a 3xx
	// code, else 307 Temporary Redirect).
	RedirectTo string
}

// faultState is a registered fault with its remaining count.
type faultState struct {
	f         Fault
	remaining int // < 0: unlimited
}

// InjectFault registers f. Faults are matched in registration order; the
// first matching one with remaining uses applies.
func (s *Server) InjectFault(f Fault) {
	n := f.Times
	if n == 0 {
		n = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &faultState{f: f, remaining: n})
}

// ClearFaults removes every registered fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// takeFault returns the first fault matching r and consumes one use of it.
func (s *Server) takeFault(r *http.Request) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, fs := range s.faults {
		if fs.f.Method != "" && !strings.EqualFold(fs.f.Method, r.Method) {
			continue
		}
		if !strings.HasPrefix(r.URL.Path, fs.f.PathPrefix) {
			continue
		}
		f := fs.f
		if fs.remaining > 0 {
			fs.remaining--
			if fs.remaining == 0 {
				s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
			}
		}
		return &f
	}
	return nil
}

// applyFault performs the pre-operation part of f. handled reports that the
// request is finished: rep is then the reply to send, or nil when nothing
// must be written (connection reset, client gone).
func applyFault(w http.ResponseWriter, r *http.Request, f *Fault) (rep *reply, handled bool) {
	if f.Delay > 0 {
		t := time.NewTimer(f.Delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return nil, true
		}
	}
	switch {
	case f.Reset:
		resetConn(w)
		return nil, true
	case f.RedirectTo != "":
		status := f.Status
		if status < 300 || status > 399 {
			status = http.StatusTemporaryRedirect
		}
		rep = &reply{status: status, header: http.Header{}}
		rep.header.Set("Location", f.RedirectTo)
	case f.Status != 0:
		if f.Body == "" {
			rep = pdError(f.Status, http.StatusText(f.Status))
		} else {
			rep = &reply{status: f.Status, header: http.Header{}, body: []byte(f.Body)}
			rep.header.Set("Content-Type", "application/json; charset=utf-8")
		}
	default:
		return nil, false
	}
	for k, v := range f.Header {
		rep.header[k] = v
	}
	return rep, true
}

// resetConn closes the client connection without a response, with a TCP RST
// when the connection can be hijacked.
func resetConn(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// abortAfterWrite flushes what has been written and closes the connection.
func abortAfterWrite(w http.ResponseWriter) {
	rc := http.NewResponseController(w)
	_ = rc.Flush()
	conn, _, err := rc.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}
