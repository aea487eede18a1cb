package conformance

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeTB records Errorf/Logf calls instead of failing the test.
type fakeTB struct {
	testing.TB
	mu     sync.Mutex
	errors []string
	logs   []string
}

func (f *fakeTB) Helper() {}

func (f *fakeTB) Errorf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}

func (f *fakeTB) Logf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.logs = append(f.logs, fmt.Sprintf(format, args...))
}

func (f *fakeTB) Errors() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.errors...)
}

// fakePipedrive answers a few operations with canned bodies and echoes the
// request body in a header so tests can check it stayed readable.
func fakePipedrive(t *testing.T) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("bad_response") != "" || r.URL.Query().Get("filter_id") == "666" {
			io.WriteString(w, `{"success":true,"data":[{"id":"not-an-int"}]}`)
			return
		}
		io.WriteString(w, `{"success":true,"data":[{"id":1,"title":"t","person_id":null}],"additional_data":{"pagination":{"start":0,"limit":100,"more_items_in_collection":false}}}`)
	})
	mux.HandleFunc("POST /pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if !assert.NoError(t, err) {
			return
		}
		w.Header().Set("X-Echo-Len", strconv.Itoa(len(b)))
		w.Header().Set("Content-Type", "application/json")
		status := http.StatusCreated
		if r.URL.Query().Get("x") == "" && strings.Contains(string(b), "status200") {
			status = http.StatusOK // the spec declares 201
		}
		w.WriteHeader(status)
		io.WriteString(w, `{"success":true,"data":{"id":1,"title":"status"}}`)
	})
	mux.HandleFunc("GET /pipedrive/api/v2/deals/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") == "404" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"success":false,"error":"Deal not found"}`)
			return
		}
		// No Content-Type: still validated because the body is JSON.
		io.WriteString(w, `{"success":true,"data":{"id":1,"title":"t","owner_id":null}}`)
	})
	mux.HandleFunc("GET /connections", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"connections":[]}`)
	})
	return mux
}

func TestMiddleware(t *testing.T) {
	Load(t, V1)
	Load(t, V2)
	ftb := &fakeTB{TB: t}
	srv := httptest.NewServer(Middleware(ftb, fakePipedrive(t)))
	defer srv.Close()

	do := func(method, path, body string) *http.Response {
		t.Helper()
		var rd io.Reader
		if body != "" {
			rd = strings.NewReader(body)
		}
		req, err := http.NewRequest(method, srv.URL+path, rd)
		require.NoError(t, err)
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := srv.Client().Do(req)
		require.NoError(t, err)
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	expectErrors := func(name string, n int, contains ...string) {
		t.Helper()
		errs := ftb.Errors()
		ftb.mu.Lock()
		ftb.errors = nil
		ftb.mu.Unlock()
		require.Len(t, errs, n, "%s: %q", name, errs)
		for _, c := range contains {
			assert.Contains(t, strings.Join(errs, "\n"), c, name)
		}
		for _, e := range errs {
			t.Logf("%s: reported: %s", name, e)
		}
	}

	resp := do("GET", "/pipedrive/api/v1/deals?status=open&limit=10", "")
	assert.Equal(t, 200, resp.StatusCode)
	expectErrors("valid list", 0)

	resp = do("GET", "/pipedrive/api/v1/deals?statuz=open", "")
	assert.Equal(t, 200, resp.StatusCode, "still served")
	expectErrors("unknown param", 1, "GET /pipedrive/api/v1/deals?statuz=open", `unknown query parameter "statuz"`)

	do("GET", "/pipedrive/api/v1/deals?filter_id=666", "")
	expectErrors("bad response", 1, "response 200 to GET", "getDeals", "/id", "not-an-int")

	body := `{"title":"x","value":"10"}`
	resp = do("POST", "/pipedrive/api/v1/deals", body)
	assert.Equal(t, 201, resp.StatusCode)
	assert.Equal(t, strconv.Itoa(len(body)), resp.Header.Get("X-Echo-Len"), "body still readable by the handler")
	expectErrors("valid create", 0)

	do("POST", "/pipedrive/api/v1/deals", `{"title":"status200"}`)
	expectErrors("wrong status", 1, "status 200", "201")

	do("POST", "/pipedrive/api/v1/deals", `{"title":"x","value":10,"curency":"EUR"}`)
	expectErrors("bad body", 1, `unknown body property "curency"`, "/value")

	do("GET", "/pipedrive/api/v2/deals/1", "")
	expectErrors("v2 get", 0)
	do("GET", "/pipedrive/api/v2/deals/404", "")
	expectErrors("v2 404 not validated", 0)
	do("GET", "/pipedrive/api/v2/nope", "")
	expectErrors("v2 unknown path", 1, "no operation")

	resp = do("GET", "/connections?anything=1", "")
	assert.Equal(t, 200, resp.StatusCode)
	expectErrors("control plane", 0)

	seen := Seen()
	assert.Contains(t, seen, "v1:getDeals")
	assert.Contains(t, seen, "v1:addDeal")
	assert.Contains(t, seen, "v2:getDeal")
	assert.IsIncreasing(t, seen)
}

func TestMiddlewareConcurrent(t *testing.T) {
	Load(t, V1)
	Load(t, V2)
	ftb := &fakeTB{TB: t}
	srv := httptest.NewServer(Middleware(ftb, fakePipedrive(t)))
	defer srv.Close()
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			path := "/pipedrive/api/v1/deals?limit=" + strconv.Itoa(i)
			if i%2 == 1 {
				path = "/pipedrive/api/v2/deals/" + strconv.Itoa(i)
			}
			resp, err := srv.Client().Get(srv.URL + path)
			if assert.NoError(t, err) {
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
	assert.Empty(t, ftb.Errors())
}

func TestVersionOf(t *testing.T) {
	for path, want := range map[string]Version{
		"/pipedrive/api/v1":        V1,
		"/pipedrive/api/v1/deals":  V1,
		"/pipedrive/api/v2/deals":  V2,
		"/pipedrive/api/v10/deals": "",
		"/connections":             "",
	} {
		got, ok := VersionOf(path)
		assert.Equal(t, want, got, path)
		assert.Equal(t, want != "", ok, path)
	}
}

// TestSpecExamplesConform checks the harness against the spec's own
// response examples: none of them may be reported.
func TestSpecExamplesConform(t *testing.T) {
	for _, v := range []Version{V1, V2} {
		s := Load(t, v)
		n := 0
		for _, id := range s.OperationIDs() {
			ex, err := s.ResponseExamples(id)
			require.NoError(t, err)
			for key, body := range ex {
				status, err := strconv.Atoi(strings.SplitN(key, "/", 2)[0])
				require.NoError(t, err)
				assert.NoError(t, s.ValidateResponseBody(id, status, body), "%s %s %s", v, id, key)
				n++
			}
		}
		t.Logf("%s: %d response examples validated", v, n)
		assert.Greater(t, n, 100)
	}
}

type skipFatalTB struct {
	fakeTB
	skipped, fatal string
}

func (f *skipFatalTB) Skipf(format string, args ...any)  { f.skipped = fmt.Sprintf(format, args...) }
func (f *skipFatalTB) Fatalf(format string, args ...any) { f.fatal = fmt.Sprintf(format, args...) }

func TestLoadFailed(t *testing.T) {
	t.Setenv(EnvDir, t.TempDir())
	_, err := SpecPath(V1)
	require.ErrorIs(t, err, ErrSpecNotFound)

	t.Setenv("CI", "")
	tb := &skipFatalTB{fakeTB: fakeTB{TB: t}}
	loadFailed(tb, V1, err)
	assert.Contains(t, tb.skipped, "spec not found: ")
	assert.Contains(t, tb.skipped, "put Pipedrive's OpenAPI specs in ../shared/openapi beside the checkout or set PIPEDRIVE_OPENAPI_DIR")
	assert.Empty(t, tb.fatal)

	t.Setenv("CI", "true")
	tb = &skipFatalTB{fakeTB: fakeTB{TB: t}}
	loadFailed(tb, V1, err)
	assert.Empty(t, tb.skipped)
	assert.Contains(t, tb.fatal, "required on CI")

	t.Setenv("CI", "")
	tb = &skipFatalTB{fakeTB: fakeTB{TB: t}}
	loadFailed(tb, V2, fmt.Errorf("conformance: parsing x: broken"))
	assert.Empty(t, tb.skipped)
	assert.Contains(t, tb.fatal, "broken")
}

func TestMiddlewareWithoutSpec(t *testing.T) {
	missing := func(v Version) (*Spec, error) {
		return nil, fmt.Errorf("%w: /nowhere/%s.yaml", ErrSpecNotFound, v)
	}
	for _, ci := range []string{"", "true"} {
		t.Setenv("CI", ci)
		ftb := &fakeTB{TB: t}
		h := middleware(ftb, fakePipedrive(t), missing)
		for range 2 {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", "/pipedrive/api/v1/deals?statuz=1", nil))
			assert.Equal(t, 200, rec.Code, "passed through")
		}
		if ci == "true" {
			assert.Len(t, ftb.Errors(), 2)
			assert.Contains(t, ftb.Errors()[0], "required on CI")
		} else {
			assert.Empty(t, ftb.Errors())
			assert.Len(t, ftb.logs, 1, "logged once")
			assert.Contains(t, ftb.logs[0], "not validated")
		}
	}
}
