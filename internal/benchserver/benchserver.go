// Package benchserver serves canned Pipedrive API v1 deal answers on a
// loopback server for the SDK's benchmarks. Every answer is rendered once
// when the server starts; a request costs the server little more than a
// write of bytes it already holds, so that the benchmarks measure the
// client, and the SDK and its plain net/http baseline talk to the same,
// equally cheap server.
//
// It answers, under the gateway's /pipedrive prefix:
//
//	GET /pipedrive/api/v1/deals/{id}   one deal with details (about 4 KB)
//	GET /pipedrive/api/v1/deals        pages of Config.PageSize deals (500: about 1 MB)
//
// and counts the TCP connections clients open (Server.NewConns).
package benchserver

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Config shapes the server's answers.
type Config struct {
	// PageSize is the number of deals on a page of GET /deals whatever the
	// limit asked for (default 500, Pipedrive's maximum).
	PageSize int
	// Total is the number of deals in the list (default 100,000): the page
	// that reaches it says more_items_in_collection false.
	Total int
	// NoContentLength sends bodies without Content-Length (chunked), as a
	// gateway that streams or compresses would.
	NoContentLength bool
}

// Server is a running benchmark server.
type Server struct {
	*httptest.Server

	cfg      Config
	deal     []byte
	dealLen  []string
	page     page
	newConns atomic.Int64
	requests atomic.Int64
	bufs     sync.Pool
}

var jsonType = []string{"application/json"}

// New starts a server; Close stops it.
func New(cfg Config) *Server {
	if cfg.PageSize <= 0 {
		cfg.PageSize = 500
	}
	if cfg.Total <= 0 {
		cfg.Total = 100_000
	}
	s := &Server{cfg: cfg, deal: DealBody(42), page: newPage(cfg.PageSize)}
	s.dealLen = []string{strconv.Itoa(len(s.deal))}
	s.bufs.New = func() any { b := make([]byte, 0, 128); return &b }
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.newConns.Add(1)
		}
	}
	s.Start()
	return s
}

// NewConns returns how many TCP connections clients have opened so far.
func (s *Server) NewConns() int64 { return s.newConns.Load() }

// Requests returns how many requests the server has answered.
func (s *Server) Requests() int64 { return s.requests.Load() }

// PageBytes returns the size of a page body (it varies by a few bytes with
// the pagination numbers).
func (s *Server) PageBytes() int { return len(s.page.head) + 80 }

const dealsPath = "/pipedrive/api/v1/deals"

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	h := w.Header()
	h["Content-Type"] = jsonType
	switch {
	case r.Method == http.MethodPost && r.URL.Path == dealsPath:
		// A create: the body is read and dropped, the answer is the deal.
		_, _ = io.Copy(io.Discard, r.Body)
		if !s.cfg.NoContentLength {
			h["Content-Length"] = s.dealLen
		}
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write(s.deal)
	case r.Method != http.MethodGet:
		http.Error(w, `{"success":false,"error":"method not allowed"}`, http.StatusMethodNotAllowed)
	case r.URL.Path == dealsPath:
		s.serveList(w, r)
	case strings.HasPrefix(r.URL.Path, dealsPath+"/"):
		if !s.cfg.NoContentLength {
			h["Content-Length"] = s.dealLen
		}
		_, _ = w.Write(s.deal)
	default:
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"success":false,"error":"Unknown method .","error_info":"Please check developers.pipedrive.com","data":null,"additional_data":null}`))
	}
}

func (s *Server) serveList(w http.ResponseWriter, r *http.Request) {
	start, limit := queryInt(r.URL.RawQuery, "start"), s.cfg.PageSize
	more := start+limit < s.cfg.Total
	bp := s.bufs.Get().(*[]byte)
	tail := s.page.tail((*bp)[:0], start, limit, more)
	if !s.cfg.NoContentLength {
		w.Header()["Content-Length"] = []string{strconv.Itoa(len(s.page.head) + len(tail))}
	}
	_, _ = w.Write(s.page.head)
	_, _ = w.Write(tail)
	*bp = tail
	s.bufs.Put(bp)
}

// queryInt reads a non-negative integer parameter from a raw query without
// allocating; 0 when absent or malformed.
func queryInt(raw, name string) int {
	for raw != "" {
		var kv string
		kv, raw, _ = strings.Cut(raw, "&")
		k, v, _ := strings.Cut(kv, "=")
		if k == name {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return 0
			}
			return n
		}
	}
	return 0
}
