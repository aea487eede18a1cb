package conformance

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
)

// VersionOf returns the API version whose prefix path starts with.
func VersionOf(path string) (Version, bool) {
	for _, v := range []Version{V1, V2} {
		p := Prefix(v)
		if path == p || strings.HasPrefix(path, p+"/") {
			return v, true
		}
	}
	return "", false
}

// Middleware wraps next, typically a fake Pipedrive server's handler, so
// that every request under /pipedrive/api/v1 or /pipedrive/api/v2 is
// validated against the matching spec ([Spec.ValidateRequest]) and every
// response next writes with a status below 400 and a JSON body is validated
// too ([Spec.ValidateResponse]). Failures are reported with t.Errorf, naming
// the method and path; the request is passed to next either way. Other
// paths (such as the /connections control plane) pass through unchecked.
// Routed operations are recorded in [Seen]; valid ones, with the test and
// the SDK method or CLI command that sent them, in [Uses].
//
// Specs are loaded on the first request that needs them. Because that
// happens on the server's goroutine, where a test cannot be skipped, a
// missing spec turns validation off with a log line instead (or fails the
// test with CI=true). Call [Load] from the test first to skip instead.
func Middleware(t testing.TB, next http.Handler) http.Handler {
	return middleware(t, next, LoadErr)
}

func middleware(t testing.TB, next http.Handler, load func(Version) (*Spec, error)) http.Handler {
	var logOnce [2]sync.Once
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, ok := VersionOf(r.URL.Path)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		s, err := load(v)
		if err != nil {
			i := 0
			if v == V2 {
				i = 1
			}
			switch {
			case !errors.Is(err, ErrSpecNotFound):
				t.Errorf("conformance: loading OpenAPI %s spec: %v", v, err)
			case os.Getenv("CI") == "true":
				t.Errorf("conformance: OpenAPI %s spec required on CI: %v", v, err)
			default:
				logOnce[i].Do(func() {
					t.Logf("conformance: %s traffic not validated: %v; put Pipedrive's OpenAPI specs in ../shared/openapi beside the checkout or set %s", v, err, EnvDir)
				})
			}
			next.ServeHTTP(w, r)
			return
		}

		op, err := s.ValidateRequest(r)
		if err != nil {
			t.Errorf("conformance: request %s %s does not conform to the %s spec: %v", r.Method, r.URL.RequestURI(), v, err)
		}
		valid := op != nil && err == nil
		cw := &captureWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(cw, r)
		if op == nil || cw.status >= 400 {
			if valid {
				recordUse(op, t.Name(), r, false)
			}
			return
		}
		h := cw.Header().Clone()
		served := cw.status < 300
		if responseIsJSON(h, cw.body.Bytes()) {
			if err := s.ValidateResponse(r, cw.status, h, cw.body.Bytes()); err != nil {
				served = false
				t.Errorf("conformance: response %d to %s %s (%s) does not conform to the %s spec: %v", cw.status, r.Method, r.URL.RequestURI(), op.ID, v, err)
			}
		}
		if valid {
			recordUse(op, t.Name(), r, served)
		}
	})
}

// responseIsJSON reports whether a response is to be validated as JSON: its
// Content-Type says so, or it has none and the body is valid JSON.
func responseIsJSON(h http.Header, body []byte) bool {
	if ct := h.Get("Content-Type"); ct != "" {
		return isJSON(ct)
	}
	if len(bytes.TrimSpace(body)) == 0 || !json.Valid(body) {
		return false
	}
	h.Set("Content-Type", "application/json")
	return true
}

// captureWriter passes a response through while keeping a copy of its
// status and body.
type captureWriter struct {
	http.ResponseWriter
	status      int
	wroteHeader bool
	body        bytes.Buffer
}

func (c *captureWriter) WriteHeader(status int) {
	if !c.wroteHeader {
		c.wroteHeader = true
		c.status = status
	}
	c.ResponseWriter.WriteHeader(status)
}

func (c *captureWriter) Write(b []byte) (int, error) {
	if !c.wroteHeader {
		c.WriteHeader(http.StatusOK)
	}
	c.body.Write(b)
	return c.ResponseWriter.Write(b)
}

// Flush forwards to the underlying writer when it supports flushing.
func (c *captureWriter) Flush() {
	if f, ok := c.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (c *captureWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }
