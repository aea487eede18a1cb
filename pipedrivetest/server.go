package pipedrivetest

import (
	"bytes"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// maxBody caps the request bodies the server reads.
const maxBody = 8 << 20

// Server is an in-memory emulation of the Maton API gateway in front of
// Pipedrive (data plane, paths /pipedrive/...) and of Maton's control plane
// (paths /connections...), served on a loopback httptest server. Create it
// with NewServer and stop it with Close. A Server is safe for concurrent use.
type Server struct {
	// URL is the base URL of the server, "http://127.0.0.1:port". It serves
	// both planes.
	URL string
	// APIKey is the Maton API key the server accepts.
	APIKey string
	// ConnectionID is the ID of the ACTIVE Pipedrive connection created by
	// NewServer (the default connection of the gateway), or "" with
	// WithoutConnection.
	ConnectionID string

	cfg config
	ts  *httptest.Server

	mu         sync.Mutex
	rng        *rand.Rand
	conns      []*connection // in creation order
	byID       map[string]*connection
	companySeq int
	faults     []*faultState
	log        []RecordedRequest
	requests   int
	matonHits  map[string]*window // rolling window per API key

	hookMu     sync.Mutex
	hookEngine *webhookEngine // webhook deliveries, started on first use
	hookClosed bool
}

// NewServer starts a Server on 127.0.0.1 (an httptest.Server). Unless
// WithoutConnection is given it creates one ACTIVE Pipedrive connection,
// whose ID is in Server.ConnectionID.
func NewServer(opts ...Option) *Server {
	cfg := config{
		apiKey:      DefaultAPIKey,
		seed:        1,
		clock:       time.Now,
		rateLimit:   DefaultRateLimit,
		searchLimit: DefaultSearchRateLimit,
	}
	for _, o := range opts {
		o(&cfg)
	}
	s := &Server{
		APIKey:    cfg.apiKey,
		cfg:       cfg,
		rng:       rand.New(rand.NewPCG(uint64(cfg.seed), 0x9e3779b97f4a7c15)),
		byID:      map[string]*connection{},
		matonHits: map[string]*window{},
	}
	if !cfg.noConnection {
		s.ConnectionID = s.AddConnection("pipedrive", StatusActive)
	}
	var h http.Handler = http.HandlerFunc(s.serve)
	for _, wrap := range cfg.wrappers {
		h = wrap(h)
	}
	s.ts = httptest.NewServer(h)
	s.URL = s.ts.URL
	return s
}

// Close shuts the server down and blocks until all outstanding requests have
// completed.
func (s *Server) Close() {
	s.ts.Close()
	s.closeHooks()
}

// GatewayURL returns the base URL of the Maton gateway (data plane). It is
// the same as URL; Pipedrive v1 lives under GatewayURL()+"/pipedrive/api/v1"
// and v2 under GatewayURL()+"/pipedrive/api/v2".
func (s *Server) GatewayURL() string { return s.URL }

// ControlURL returns the base URL of Maton's control plane. It is the same
// as URL; connections live under ControlURL()+"/connections".
func (s *Server) ControlURL() string { return s.URL }

// RecordedRequest is one request as the server received it.
type RecordedRequest struct {
	Method   string
	Path     string
	RawQuery string
	Body     []byte
	// Header is a copy of the request headers with the value of
	// Authorization replaced by "REDACTED" (the scheme is kept, e.g.
	// "Bearer REDACTED").
	Header http.Header
}

// Requests returns the number of requests the server has received (all of
// them: both planes, rejected and faulted ones included) since it started or
// since the last ResetRequests.
func (s *Server) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}

// RequestLog returns a copy of the requests received since the server started
// or since the last ResetRequests, oldest first.
func (s *Server) RequestLog() []RecordedRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]RecordedRequest, len(s.log))
	for i, r := range s.log {
		r.Body = bytes.Clone(r.Body)
		r.Header = r.Header.Clone()
		out[i] = r
	}
	return out
}

// ResetRequests clears the request counter and the request log.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = 0
	s.log = nil
}

// ResetRateLimits forgets all requests counted by Maton's and Pipedrive's
// rolling-window rate limits and restores every connection's daily token
// budget.
func (s *Server) ResetRateLimits() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.matonHits = map[string]*window{}
	for _, c := range s.conns {
		c.burst = window{}
		c.search = window{}
		c.tokensUsed = 0
	}
}

func (s *Server) record(r *http.Request, body []byte) {
	h := r.Header.Clone()
	if v := h.Get("Authorization"); v != "" {
		scheme, _, found := strings.Cut(v, " ")
		if found {
			h.Set("Authorization", scheme+" REDACTED")
		} else {
			h.Set("Authorization", "REDACTED")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests++
	s.log = append(s.log, RecordedRequest{
		Method:   r.Method,
		Path:     r.URL.Path,
		RawQuery: r.URL.RawQuery,
		Body:     body,
		Header:   h,
	})
}

// serve is the root handler.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		body = nil
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	s.record(r, body)
	rep, f := s.dispatch(w, r, body)
	if rep == nil {
		return // connection reset or client gone
	}
	s.write(w, rep, f)
}

// dispatch runs Maton's checks, pre-operation faults and the addressed plane.
// It returns the reply and the fault (if any) that must cut that reply.
func (s *Server) dispatch(w http.ResponseWriter, r *http.Request, body []byte) (*reply, *Fault) {
	if !s.authorized(r) {
		return matonError(http.StatusUnauthorized, "Invalid API key"), nil
	}
	if !s.admitMaton() {
		rep := matonError(http.StatusTooManyRequests, "Rate limit exceeded. Please retry after 1 second.")
		rep.header.Set("Retry-After", "1")
		return rep, nil
	}
	f := s.takeFault(r)
	if f != nil {
		rep, handled := applyFault(w, r, f)
		if handled {
			return rep, nil
		}
		if !f.TruncateBody && !f.ResetAfterHeaders {
			f = nil
		}
	}
	var rep *reply
	path := r.URL.Path
	switch {
	case path == "/connections" || strings.HasPrefix(path, "/connections/"):
		rep = s.control(r, body)
	case path == "/pipedrive" || strings.HasPrefix(path, "/pipedrive/"):
		rep = s.gateway(r, body)
	default:
		rep = matonError(http.StatusNotFound, "Not Found")
	}
	if f != nil {
		for k, v := range f.Header {
			rep.header[k] = v
		}
	}
	return rep, f
}

func (s *Server) authorized(r *http.Request) bool {
	scheme, token, found := strings.Cut(r.Header.Get("Authorization"), " ")
	return found && strings.EqualFold(scheme, "Bearer") && strings.TrimSpace(token) == s.APIKey
}

// admitMaton applies Maton's per-key rolling one-second limit.
func (s *Server) admitMaton() bool {
	if s.cfg.rateLimit <= 0 {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	win := s.matonHits[s.APIKey]
	if win == nil {
		win = &window{}
		s.matonHits[s.APIKey] = win
	}
	okay, _ := win.admit(time.Now(), s.cfg.rateLimit, time.Second)
	return okay
}

// write sends rep, honouring a TruncateBody or ResetAfterHeaders fault.
func (s *Server) write(w http.ResponseWriter, rep *reply, f *Fault) {
	h := w.Header()
	for k, v := range rep.header {
		h[k] = v
	}
	h.Set("Content-Length", strconv.Itoa(len(rep.body)))
	status := rep.status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	switch {
	case f != nil && f.ResetAfterHeaders:
		abortAfterWrite(w)
	case f != nil && f.TruncateBody:
		_, _ = w.Write(rep.body[:len(rep.body)/2])
		abortAfterWrite(w)
	default:
		_, _ = w.Write(rep.body)
	}
}

// window is a rolling-window request counter.
type window struct {
	hits []time.Time
}

// admit records a hit at now unless limit hits already happened within span
// before now. It returns whether the hit was admitted and how many hits the
// window holds afterwards.
func (w *window) admit(now time.Time, limit int, span time.Duration) (bool, int) {
	cut := 0
	for cut < len(w.hits) && now.Sub(w.hits[cut]) >= span {
		cut++
	}
	w.hits = w.hits[cut:]
	if len(w.hits) >= limit {
		return false, len(w.hits)
	}
	w.hits = append(w.hits, now)
	return true, len(w.hits)
}

// resetIn returns how long until the oldest hit leaves the window.
func (w *window) resetIn(now time.Time, span time.Duration) time.Duration {
	if len(w.hits) == 0 {
		return span
	}
	return span - now.Sub(w.hits[0])
}
