package pipedrivetest

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// route is one operation of an emulated API.
type route struct {
	method string
	segs   []string // "{id}" and "{sub}" match a positive integer, "{code}" any segment
	cost   int      // Pipedrive token cost
	fn     func(*call) *reply
}

// router matches (method, path) to routes. Paths are relative to the API
// prefix (e.g. "/deals/5").
type router struct {
	routes []*route
}

// handle registers fn for a pattern such as "GET /deals/{id}".
func (rt *router) handle(pattern string, cost int, fn func(*call) *reply) {
	method, path, _ := strings.Cut(pattern, " ")
	rt.routes = append(rt.routes, &route{
		method: method,
		segs:   strings.Split(strings.Trim(path, "/"), "/"),
		cost:   cost,
		fn:     fn,
	})
}

// pathParams are the parameters of a matched path: {id}, {sub} (a second
// integer, as in /deals/{id}/followers/{sub}) and {code} (any segment).
type pathParams struct {
	id, sub int
	code    string
}

// match finds the route for method and path and returns it with its path
// parameters. Literal segments win over parameters, so "/deals/search"
// never reaches "/deals/{id}".
func (rt *router) match(method, path string) (*route, pathParams) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	var best *route
	var bestParams pathParams
	bestLiterals := -1
	for _, r := range rt.routes {
		if r.method != method || len(r.segs) != len(segs) {
			continue
		}
		var p pathParams
		literals, okay := 0, true
		for i, s := range r.segs {
			if s == "{code}" {
				if segs[i] == "" {
					okay = false
					break
				}
				p.code = segs[i]
				continue
			}
			if s == "{id}" || s == "{sub}" {
				n, err := strconv.Atoi(segs[i])
				if err != nil || n <= 0 || segs[i][0] == '+' {
					okay = false
					break
				}
				if s == "{id}" {
					p.id = n
				} else {
					p.sub = n
				}
				continue
			}
			if s != segs[i] {
				okay = false
				break
			}
			literals++
		}
		if okay && literals > bestLiterals {
			best, bestParams, bestLiterals = r, p, literals
		}
	}
	return best, bestParams
}

// call is the context of one gateway operation. The store lock is held while
// the operation runs.
type call struct {
	s    *Server
	st   *store
	r    *http.Request
	q    url.Values
	id   int    // the {id} path parameter
	sub  int    // the {sub} path parameter
	code string // the {code} path parameter
	body []byte
	v2   *v2View // rendering options of a v2 request

	fieldsCache fields
	aggCache    *aggregates
}

// agg returns the store's derived counters, computed once per call.
func (c *call) agg() *aggregates {
	if c.aggCache == nil {
		c.aggCache = c.st.aggregate()
	}
	return c.aggCache
}

// fields parses the request body (JSON or form-encoded).
func (c *call) fields() (fields, *reply) {
	if c.fieldsCache != nil {
		return c.fieldsCache, nil
	}
	f, err := parseBody(c.r.Header.Get("Content-Type"), c.body)
	if err != nil {
		return nil, badRequest(err.Error())
	}
	c.fieldsCache = f
	return f, nil
}

// apis maps the path prefixes under /pipedrive to the emulated APIs.
// API v1 answers under /api/v1 and /v1, API v2 only under /api/v2.
var apis = struct {
	once   sync.Once
	v1, v2 *router
}{}

func apiFor(rest string) (*router, string) {
	apis.once.Do(func() { apis.v1, apis.v2 = newV1Router(), newV2Router() })
	for _, prefix := range []string{"/api/v1", "/v1"} {
		if rest == prefix || strings.HasPrefix(rest, prefix+"/") {
			return apis.v1, strings.TrimPrefix(rest, prefix)
		}
	}
	if rest == "/api/v2" || strings.HasPrefix(rest, "/api/v2/") {
		return apis.v2, strings.TrimPrefix(rest, "/api/v2")
	}
	return nil, ""
}

// gateway serves /pipedrive/...: Maton's connection selection, Pipedrive's
// rate limits and token budget, then the operation.
func (s *Server) gateway(r *http.Request, body []byte) *reply {
	conn, st, rep := s.resolveConnection(r)
	if rep != nil {
		return rep
	}
	rt, sub := apiFor(strings.TrimPrefix(r.URL.Path, "/pipedrive"))
	var op *route
	var params pathParams
	if rt != nil {
		op, params = rt.match(r.Method, sub)
	}
	cost := 0
	if op != nil {
		cost = op.cost
	}
	hdr, limited := s.pipedriveLimits(conn, cost)
	if limited == nil && rt != nil && isSearchPath(sub) {
		limited = s.searchLimit(conn)
	}
	if limited != nil {
		rep = limited
	} else if op == nil {
		rep = s.noRoute(rt, r.Method, sub)
	} else {
		c := &call{s: s, st: st, r: r, q: r.URL.Query(), id: params.id, sub: params.sub, code: params.code, body: body}
		st.mu.Lock()
		rep = op.fn(c)
		st.mu.Unlock()
	}
	for k, v := range hdr {
		rep.header[k] = v
	}
	return rep
}

// pipedriveLimits applies Pipedrive's burst limit and daily token budget to
// a request costing cost tokens. It returns the rate-limit headers to add and
// a 429 reply when the request must be refused.
func (s *Server) pipedriveLimits(conn *connection, cost int) (http.Header, *reply) {
	h := http.Header{}
	s.mu.Lock()
	defer s.mu.Unlock()
	var limited *reply
	if s.cfg.pdHeaders {
		now := time.Now()
		admitted, n := conn.burst.admit(now, PipedriveBurstLimit, 2*time.Second)
		reset := int((conn.burst.resetIn(now, 2*time.Second) + time.Second - 1) / time.Second)
		h.Set("x-ratelimit-limit", strconv.Itoa(PipedriveBurstLimit))
		h.Set("x-ratelimit-remaining", strconv.Itoa(max(0, PipedriveBurstLimit-n)))
		h.Set("x-ratelimit-reset", strconv.Itoa(max(1, reset)))
		if !admitted {
			limited = overLimit("Rate limit of " + strconv.Itoa(PipedriveBurstLimit) +
				" requests per 2 seconds exceeded.")
		}
	}
	if b := s.cfg.tokenBudget; b > 0 {
		day := s.cfg.clock().UTC().Format(time.DateOnly)
		if conn.tokenDay != day {
			conn.tokenDay, conn.tokensUsed = day, 0
		}
		if limited == nil {
			if conn.tokensUsed >= b {
				limited = overLimit("Daily token budget of " + strconv.Itoa(b) +
					" tokens exhausted; it resets at midnight UTC.")
			} else {
				conn.tokensUsed += cost
			}
		}
		h.Set("x-daily-ratelimit-token-limit", strconv.Itoa(b))
		h.Set("x-daily-ratelimit-token-remaining", strconv.Itoa(max(0, b-conn.tokensUsed)))
	}
	return h, limited
}

// isSearchPath reports whether sub (a path under an API prefix) is one of
// Pipedrive's search endpoints: an entity's /search, itemSearch and
// itemSearch/field.
func isSearchPath(sub string) bool {
	return strings.HasSuffix(sub, "/search") || sub == "/itemSearch" || strings.HasPrefix(sub, "/itemSearch/")
}

// searchLimit applies Pipedrive's search limit to a search request: a 429
// with Retry-After (the seconds until the oldest search in the window
// leaves it) when the connection already sent the limit's worth in the last
// two seconds.
func (s *Server) searchLimit(conn *connection) *reply {
	if s.cfg.searchLimit <= 0 {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	if admitted, _ := conn.search.admit(now, s.cfg.searchLimit, 2*time.Second); admitted {
		return nil
	}
	wait := int((conn.search.resetIn(now, 2*time.Second) + time.Second - 1) / time.Second)
	rep := overLimit("Search rate limit of " + strconv.Itoa(s.cfg.searchLimit) + " requests per 2 seconds exceeded.")
	rep.header.Set("Retry-After", strconv.Itoa(max(1, wait)))
	return rep
}

// overLimit is Pipedrive's 429 body.
func overLimit(info string) *reply {
	return jsonReply(http.StatusTooManyRequests, map[string]any{
		"success":         false,
		"error":           "Request over limit",
		"error_info":      info,
		"data":            nil,
		"additional_data": nil,
	})
}

// TokensRemaining returns the remaining daily token budget of a connection
// ("" = the default connection), or -1 when no budget is configured.
func (s *Server) TokensRemaining(connectionID string) int {
	if connectionID == "" {
		connectionID = s.ConnectionID
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.cfg.tokenBudget
	if b <= 0 {
		return -1
	}
	c := s.byID[connectionID]
	if c == nil || c.tokenDay != s.cfg.clock().UTC().Format(time.DateOnly) {
		return b
	}
	return max(0, b-c.tokensUsed)
}
