package pipedrive

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHeaders(t *testing.T) {
	env := setupRaw(t)
	var got []http.Header
	env.gateway.HandleFunc("/pipedrive/api/v1/currencies", func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Header.Clone())
		writeJSON(t, w, 200, `{"success":true,"data":[]}`)
	})
	ctx := t.Context()
	_, err := env.client.Do(ctx, http.MethodGet, "/api/v1/currencies", nil, nil, nil)
	require.NoError(t, err)
	_, err = env.client.Do(ctx, http.MethodPost, "/api/v1/currencies", nil, map[string]int{"a": 1}, nil)
	require.NoError(t, err)
	// A per-call connection override.
	other := "0b7e7c64-2a4f-4d0c-9a55-3d3f2c1b0a99"
	_, err = env.client.Do(ContextWithConnection(ctx, other), http.MethodGet, "/api/v1/currencies", nil, nil, nil)
	require.NoError(t, err)

	require.Len(t, got, 3)
	for _, h := range got {
		assert.Equal(t, "Bearer "+testKey, h.Get("Authorization"))
		assert.Equal(t, "application/json", h.Get("Accept"))
		assert.True(t, strings.HasPrefix(h.Get("User-Agent"), "gopipedrive/"+Version), h.Get("User-Agent"))
	}
	assert.Empty(t, got[0].Get("Content-Type"), "no body, no Content-Type")
	assert.Equal(t, "application/json", got[1].Get("Content-Type"))
	assert.NotContains(t, got[0], "Maton-Connection", "only sent when configured")
	assert.Equal(t, other, got[2].Get("Maton-Connection"))

	// With a configured connection, every gateway call carries it; the
	// override still wins; the control plane never gets it.
	env2 := setupRaw(t, WithConnection(testConnection), WithUserAgent("crm-sync/1.2"))
	var gw, ctrl []http.Header
	env2.gateway.HandleFunc("/pipedrive/api/v1/currencies", func(w http.ResponseWriter, r *http.Request) {
		gw = append(gw, r.Header.Clone())
		writeJSON(t, w, 200, `{"success":true,"data":[]}`)
	})
	env2.control.HandleFunc("GET /connections", func(w http.ResponseWriter, r *http.Request) {
		ctrl = append(ctrl, r.Header.Clone())
		writeJSON(t, w, 200, `{"connections":[]}`)
	})
	_, err = env2.client.Do(ctx, http.MethodGet, "/api/v1/currencies", nil, nil, nil)
	require.NoError(t, err)
	_, err = env2.client.Do(ContextWithConnection(ctx, other), http.MethodGet, "/api/v1/currencies", nil, nil, nil)
	require.NoError(t, err)
	_, _, err = env2.client.Connections.List(ContextWithConnection(ctx, other), nil)
	require.NoError(t, err)
	assert.Equal(t, testConnection, gw[0].Get("Maton-Connection"))
	assert.Equal(t, other, gw[1].Get("Maton-Connection"))
	assert.True(t, strings.HasPrefix(gw[0].Get("User-Agent"), "crm-sync/1.2 gopipedrive/"))
	require.Len(t, ctrl, 1)
	assert.NotContains(t, ctrl[0], "Maton-Connection")
	assert.Equal(t, "Bearer "+testKey, ctrl[0].Get("Authorization"))
}

func TestNewClientValidation(t *testing.T) {
	hc := &http.Client{Timeout: time.Second}
	cases := []struct {
		name  string
		key   string
		opts  []Option
		field string
	}{
		{"empty key", "", nil, "apiKey"},
		{"blank key", "   ", nil, "apiKey"},
		{"key with newline", "abc\r\nX-Evil: 1", nil, "apiKey"},
		{"malformed connection", testKey, []Option{WithConnection("not-a-uuid")}, "connection"},
		{"connection with newline", testKey, []Option{WithConnection(testConnection + "\n")}, "connection"},
		{"relative gateway", testKey, []Option{WithGatewayURL("gateway.maton.ai")}, "gatewayURL"},
		{"ftp gateway", testKey, []Option{WithGatewayURL("ftp://gateway.maton.ai")}, "gatewayURL"},
		{"http gateway on a public host", testKey, []Option{WithGatewayURL("http://gateway.maton.ai")}, "gatewayURL"},
		{"http control on a public host", testKey, []Option{WithControlURL("http://10.0.0.1")}, "controlURL"},
		{"gateway with credentials", testKey, []Option{WithGatewayURL("https://u:p@gateway.maton.ai")}, "gatewayURL"},
		{"nil http client", testKey, []Option{WithHTTPClient(nil)}, "httpClient"},
		{"zero rate", testKey, []Option{WithRateLimit(0, 1)}, "rateLimit"},
		{"zero burst", testKey, []Option{WithRateLimit(1, 0)}, "rateLimit"},
		{"nil limiter", testKey, []Option{WithLimiter(nil)}, "limiter"},
		{"too many attempts", testKey, []Option{WithRetry(RetryPolicy{MaxAttempts: 99})}, "RetryPolicy.MaxAttempts"},
		{"max below min", testKey, []Option{WithRetry(RetryPolicy{MinWait: time.Second, MaxWait: time.Millisecond})}, "RetryPolicy.MaxWait"},
		{"empty user agent", testKey, []Option{WithUserAgent(" ")}, "userAgent"},
		{"nil logger", testKey, []Option{WithLogger(nil)}, "logger"},
		{"tiny body cap", testKey, []Option{WithMaxResponseBytes(10)}, "maxResponseBytes"},
		{"nil option", testKey, []Option{nil}, "option"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := NewClient(tc.key, tc.opts...)
			assert.Nil(t, c)
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.field, ve.Field)
		})
	}
	// Accepted: loopback http, https, an explicit opt-in for http.
	for _, opts := range [][]Option{
		{WithGatewayURL("http://127.0.0.1:8080/"), WithControlURL("http://localhost:9")},
		{WithGatewayURL("https://api.maton.ai"), WithControlURL("https://api.maton.ai")},
		{WithGatewayURL("http://gateway.internal"), WithInsecureHTTP()},
		{WithHTTPClient(hc), WithConnection(testConnection)},
	} {
		_, err := NewClient(testKey, opts...)
		require.NoError(t, err)
	}
	assert.Nil(t, hc.Transport, "WithHTTPClient never mutates the caller's client")
	assert.Nil(t, hc.CheckRedirect)
}

func TestNewClientFromEnv(t *testing.T) {
	t.Setenv(EnvAPIKey, "")
	_, err := NewClientFromEnv()
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, EnvAPIKey, ve.Field)

	t.Setenv(EnvAPIKey, testKey)
	t.Setenv(EnvConnection, testConnection)
	t.Setenv(EnvGatewayURL, "https://api.maton.ai")
	t.Setenv(EnvControlURL, "https://api.maton.ai/")
	c, err := NewClientFromEnv()
	require.NoError(t, err)
	assert.Equal(t, testConnection, c.Connection())
	assert.Equal(t, "https://api.maton.ai", c.GatewayURL())
	assert.Equal(t, "https://api.maton.ai", c.ControlURL())

	// Options override the environment.
	c, err = NewClientFromEnv(WithGatewayURL("https://gateway.maton.ai"))
	require.NoError(t, err)
	assert.Equal(t, DefaultGatewayURL, c.GatewayURL())

	t.Setenv(EnvConnection, "nope")
	_, err = NewClientFromEnv()
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "connection", ve.Field)
}

func TestDoValidation(t *testing.T) {
	env := setupRaw(t)
	ctx := t.Context()
	for _, tc := range []struct{ method, path, field string }{
		{"TRACE", "/api/v1/deals", "method"},
		{"GET", "api/v1/deals", "path"},
		{"GET", "/api/v1/deals?x=1", "path"},
		{"GET", "/api/v1/../../ctrl/connections", "path"},
		{"GET", "/api/v1/deals\n", "path"},
	} {
		_, err := env.client.Do(ctx, tc.method, tc.path, nil, nil, nil)
		var ve *ValidationError
		require.ErrorAs(t, err, &ve, tc.path)
		assert.Equal(t, tc.field, ve.Field)
	}
	_, err := env.client.Do(ContextWithConnection(ctx, "bad\nid"), http.MethodGet, "/api/v1/deals", nil, nil, nil)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "connection", ve.Field)
	assert.NotContains(t, err.Error(), "\n")
	assert.Zero(t, env.requests.Load(), "nothing was sent")
}

func TestQueryEncodingAndPathEscaping(t *testing.T) {
	env := setupRaw(t)
	var gotPath, gotQuery string
	env.gateway.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		gotPath, gotQuery = r.RequestURI, r.URL.RawQuery
		gotPath, _, _ = strings.Cut(gotPath, "?")
		writeJSON(t, w, 200, `{"success":true,"data":null}`)
	})
	type q struct {
		Term  string `url:"term"`
		Done  *bool  `url:"done,omitempty,int"`
		Limit int    `url:"limit,omitempty"`
	}
	_, err := env.client.Do(t.Context(), http.MethodGet, "/api/v1/deals/search", q{Term: "a&b c", Done: Ptr(false)}, nil, nil)
	require.NoError(t, err)
	assert.Equal(t, "/gw/pipedrive/api/v1/deals/search", gotPath)
	assert.Equal(t, "done=0&term=a%26b+c", gotQuery)
	_, err = env.client.Do(t.Context(), http.MethodGet, "/api/v1/x", url.Values{"ids": {"1,2"}}, nil, nil)
	require.NoError(t, err)
	assert.Equal(t, "ids=1%2C2", gotQuery)
	assert.Equal(t, "/pipedrive/api/v1/deals/a%2Fb", v1Path("deals", "a/b"))
}

func TestEnvelopePagination(t *testing.T) {
	env := setupRaw(t)
	env.gateway.HandleFunc("/pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("start") == "2" {
			writeJSON(t, w, 200, testdata(t, "core/deals_list_flat.json"))
			return
		}
		w.Header().Set("X-Ratelimit-Limit", "80")
		w.Header().Set("X-Ratelimit-Remaining", "79")
		w.Header().Set("X-Ratelimit-Reset", "2")
		w.Header().Set("X-Daily-Ratelimit-Token-Remaining", "29980")
		writeJSON(t, w, 200, testdata(t, "core/deals_list_nested.json"))
	})
	type item struct {
		ID    int    `json:"id"`
		Title string `json:"title"`
	}
	var page []item
	resp, err := env.client.Do(t.Context(), http.MethodGet, "/api/v1/deals", nil, nil, &page)
	require.NoError(t, err)
	assert.Equal(t, []item{{1, "A"}, {2, "B"}}, page)
	assert.Equal(t, &Pagination{Start: 0, Limit: 2, MoreItems: true, NextStart: 2}, resp.Pagination)
	assert.Equal(t, 80, resp.RateLimit.Limit)
	assert.Equal(t, 79, resp.RateLimit.Remaining)
	assert.Equal(t, 2*time.Second, resp.RateLimit.Reset)
	require.NotNil(t, resp.RateLimit.DailyTokenRemaining)
	assert.Equal(t, 29980, *resp.RateLimit.DailyTokenRemaining)
	assert.Nil(t, resp.RateLimit.DailyTokenLimit)
	require.NotNil(t, resp.RelatedObjects)
	assert.Equal(t, "Alice Admin", resp.RelatedObjects.Users[1].Name)
	assert.Equal(t, "Proposal Made", resp.RelatedObjects.Stages[3].Name)
	assert.Equal(t, "[redacted]", strings.TrimPrefix(resp.Request.Header.Get("Authorization"), "Bearer "))

	// Flat pagination (the Jan-2026 spec's /deals schema) is accepted too.
	resp, err = env.client.Do(t.Context(), http.MethodGet, "/api/v1/deals", url.Values{"start": {"2"}}, nil, &page)
	require.NoError(t, err)
	assert.Equal(t, &Pagination{Start: 2, Limit: 2}, resp.Pagination)

	// The generic paginator walks both pages lazily.
	var ids []int
	var fetches int
	fetch := func(ctx2 contextLike, start int) ([]item, *Response, error) {
		fetches++
		var p []item
		resp, err := env.client.Do(ctx2, http.MethodGet, "/api/v1/deals", url.Values{"start": {fmt.Sprint(start)}}, nil, &p)
		return p, resp, err
	}
	for it, err := range offsetPages(t.Context(), 0, fetch) {
		require.NoError(t, err)
		ids = append(ids, it.ID)
	}
	assert.Equal(t, []int{1, 2, 3}, ids)
	assert.Equal(t, 2, fetches)
	// Breaking out stops fetching.
	fetches = 0
	for range offsetPages(t.Context(), 0, fetch) {
		break
	}
	assert.Equal(t, 1, fetches)
}

func TestPaginatorYieldsErrorOnce(t *testing.T) {
	boom := errors.New("boom")
	n := 0
	for _, err := range offsetPages(t.Context(), 0, func(contextLike, int) ([]int, *Response, error) { return nil, nil, boom }) {
		n++
		assert.ErrorIs(t, err, boom)
	}
	assert.Equal(t, 1, n)
	pages := map[string][]int{"": {1, 2}, "c2": {3}}
	next := map[string]string{"": "c2", "c2": ""}
	var got []int
	for v, err := range cursorPages(t.Context(), "", func(_ contextLike, cur string) ([]int, *Response, error) {
		return pages[cur], &Response{NextCursor: next[cur]}, nil
	}) {
		require.NoError(t, err)
		got = append(got, v)
	}
	assert.Equal(t, []int{1, 2, 3}, got)
}

func TestErrorDecoding(t *testing.T) {
	cases := []struct {
		file      string
		status    int
		source    ErrorSource
		message   string
		code      string
		sentinels []error
	}{
		{"core/error_pipedrive.json", 404, SourcePipedrive, "Deal not found", "", []error{ErrNotFound}},
		{"core/error_pipedrive_errorcode.json", 401, SourcePipedrive, "unauthorized access", "401", []error{ErrUnauthorized}},
		{"core/error_pipedrive_feature.json", 403, SourcePipedrive, "You have reached the limit of deals for your plan", "feature_capping_deals_limit", []error{ErrForbidden}},
		{"core/error_maton_not_found.json", 404, SourceGateway, "Connection 21fd90f9-5935-43cd-b6c8-bde9d915ca80 not found", "Not Found", []error{ErrNotFound}},
		{"core/error_maton_missing_connection.json", 400, SourceGateway, "Missing Pipedrive connection. Create one at https://ctrl.maton.ai/connections", "Bad Request", []error{ErrMissingConnection}},
		{"core/error_webhooks.json", 400, SourcePipedrive, "subscription_url: is required", "", nil},
		{"core/error_cloudflare.html", 403, SourceUnknown, "<!DOCTYPE html> <html><head><title>Attention Required! | Cloudflare</title></head>", "", []error{ErrForbidden}},
		{"core/error_pipedrive.json", 410, SourcePipedrive, "Deal not found", "", []error{ErrGone}},
		{"core/error_pipedrive.json", 500, SourcePipedrive, "Deal not found", "", []error{ErrServer}},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprint(tc.file, tc.status), func(t *testing.T) {
			env := setupRaw(t, WithRetry(RetryPolicy{MaxAttempts: 1}))
			env.gateway.HandleFunc("/pipedrive/api/v1/deals/1", func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tc.status)
				_, _ = w.Write(testdata(t, tc.file))
			})
			_, err := env.client.Do(t.Context(), http.MethodGet, "/api/v1/deals/1", url.Values{"secret_term": {"pii"}}, nil, nil)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.status, apiErr.StatusCode)
			assert.Equal(t, tc.source, apiErr.Source)
			assert.True(t, strings.HasPrefix(apiErr.Message, tc.message), apiErr.Message)
			assert.Equal(t, tc.code, apiErr.Code)
			assert.Equal(t, http.MethodGet, apiErr.Method)
			assert.Equal(t, "/pipedrive/api/v1/deals/1", apiErr.Path)
			for _, s := range tc.sentinels {
				assert.ErrorIs(t, err, s)
			}
			assert.NotContains(t, err.Error(), "pii", "no query values in errors")
			assert.NotContains(t, err.Error(), testKey)
		})
	}
}

func TestErrorHints(t *testing.T) {
	e := classifyError(400, "GET", "/pipedrive/api/v1/deals", testdata(t, "core/error_maton_missing_connection.json"))
	assert.Contains(t, e.Error(), "Connections.Create")
	e = classifyError(500, "GET", "/pipedrive/api/v1/deals", []byte(`{"message":"Internal error","type":"Internal Server Error","code":500}`))
	assert.Contains(t, e.Error(), "OAuth connection may have expired")
	e = classifyError(401, "GET", "/pipedrive/api/v1/deals", []byte(`{"message":"Invalid API key","type":"Unauthorized","code":401}`))
	assert.Contains(t, e.Error(), "MATON_API_KEY")
	assert.True(t, errors.Is(e, ErrUnauthorized))
	assert.False(t, errors.Is(e, ErrNotFound))
}

func TestSuccessFalseOn200(t *testing.T) {
	env := setupRaw(t)
	env.gateway.HandleFunc("/pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, 200, testdata(t, "core/success_false_200.json"))
	})
	_, err := env.client.Do(t.Context(), http.MethodGet, "/api/v1/deals", nil, nil, nil)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 200, apiErr.StatusCode)
	assert.Equal(t, "Requested service is not available", apiErr.Message)
	assert.Equal(t, "/pipedrive/api/v1/deals", apiErr.Path)
}

func TestInvalidBodies(t *testing.T) {
	for name, body := range map[string]string{
		"html":        "<html>oops</html>",
		"truncated":   `{"success":true,"data":[{"id":1`,
		"empty":       "",
		"no envelope": `[1,2,3]`,
	} {
		t.Run(name, func(t *testing.T) {
			env := setupRaw(t)
			env.gateway.HandleFunc("/pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
				writeJSON(t, w, 200, body)
			})
			_, err := env.client.Do(t.Context(), http.MethodGet, "/api/v1/deals", nil, nil, nil)
			assert.ErrorIs(t, err, ErrInvalidResponse)
		})
	}
}

func TestBodyCaps(t *testing.T) {
	big := `{"success":true,"data":"` + strings.Repeat("x", 4096) + `"}`
	for _, chunked := range []bool{false, true} {
		env := setupRaw(t, WithMaxResponseBytes(2048))
		env.gateway.HandleFunc("/pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
			if !chunked {
				w.Header().Set("Content-Length", fmt.Sprint(len(big)))
			}
			w.WriteHeader(200)
			_, _ = w.Write([]byte(big))
			if chunked {
				w.(http.Flusher).Flush()
			}
		})
		_, err := env.client.Do(t.Context(), http.MethodGet, "/api/v1/deals", nil, nil, nil)
		assert.ErrorIs(t, err, ErrResponseTooLarge, "chunked=%v", chunked)
	}
	// Error bodies are read up to 1 MiB and still classified.
	env := setupRaw(t, WithRetry(RetryPolicy{MaxAttempts: 1}))
	env.gateway.HandleFunc("/pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(404)
		_, _ = w.Write([]byte("<html>" + strings.Repeat("y", 2<<20)))
	})
	_, err := env.client.Do(t.Context(), http.MethodGet, "/api/v1/deals", nil, nil, nil)
	assert.ErrorIs(t, err, ErrNotFound)
	assert.Less(t, len(err.Error()), 600)
}

func TestRedirectDropsCredentials(t *testing.T) {
	other := setupRaw(t)
	var seen http.Header
	other.gateway.HandleFunc("/pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
		seen = r.Header.Clone()
		writeJSON(t, w, 200, `{"success":true,"data":[]}`)
	})
	env := setupRaw(t, WithConnection(testConnection))
	// 127.0.0.1 vs localhost: another origin on the same machine.
	target := strings.Replace(other.server.URL, "127.0.0.1", "localhost", 1) + "/gw/pipedrive/api/v1/deals"
	env.gateway.HandleFunc("/pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target, http.StatusFound)
	})
	_, err := env.client.Do(t.Context(), http.MethodGet, "/api/v1/deals", nil, nil, nil)
	require.NoError(t, err)
	require.NotNil(t, seen)
	assert.Empty(t, seen.Get("Authorization"))
	assert.Empty(t, seen.Get("Maton-Connection"))
}

func TestSecretsNeverLeak(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	env := setupRaw(t, WithLogger(logger), WithConnection(testConnection))
	var n atomic.Int32
	env.gateway.HandleFunc("/pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.WriteHeader(503)
			return
		}
		// A server that echoes the key back in its error.
		writeJSON(t, w, 401, `{"success":false,"error":"bad token `+testKey+`"}`)
	})
	_, err := env.client.Do(t.Context(), http.MethodGet, "/api/v1/deals", nil, nil, nil)
	require.Error(t, err)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)

	texts := []string{
		err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", apiErr),
		logs.String(),
		fmt.Sprintf("%v", env.client), fmt.Sprintf("%+v", env.client), fmt.Sprintf("%#v", env.client), fmt.Sprint(*env.client),
		fmt.Sprintf("%s", env.client.apiKey), fmt.Sprintf("%q", env.client.apiKey), fmt.Sprintf("%x", env.client.apiKey),
	}
	b, _ := json.Marshal(struct{ K secret }{*env.client.apiKey})
	texts = append(texts, string(b))
	for _, s := range texts {
		assert.NotContains(t, s, testKey)
	}
	assert.Contains(t, logs.String(), `"attempt":1`)
	assert.Contains(t, logs.String(), `"status":503`)
	assert.Contains(t, logs.String(), "pipedrive: retrying")
}

func TestConnectionsService(t *testing.T) {
	env := setupRaw(t)
	ctx := t.Context()
	env.control.HandleFunc("GET /connections", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{"app": {"pipedrive"}, "status": {"ACTIVE"}})
		writeJSON(t, w, 200, testdata(t, "core/connections_list.json"))
	})
	env.control.HandleFunc("GET /connections/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") != testConnection {
			writeJSON(t, w, 404, `{"message":"Connection not found","type":"Not Found","code":404}`)
			return
		}
		writeJSON(t, w, 200, testdata(t, "core/connection_get.json"))
	})
	var created atomic.Int32
	env.control.HandleFunc("POST /connections", func(w http.ResponseWriter, r *http.Request) {
		created.Add(1)
		testBody(t, r, `{"app":"pipedrive"}`)
		// Undocumented answer: a bare object without the URL.
		writeJSON(t, w, 200, `{"connection_id":"`+testConnection+`","status":"PENDING"}`)
	})
	env.control.HandleFunc("DELETE /connections/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})

	list, _, err := env.client.Connections.List(ctx, &ConnectionListOptions{App: "pipedrive", Status: ConnectionActive})
	require.NoError(t, err)
	require.Len(t, list, 1)
	c := list[0]
	assert.Equal(t, testConnection, c.ID)
	assert.Equal(t, ConnectionActive, c.Status)
	assert.Equal(t, time.Date(2025, 12, 8, 7, 20, 53, 488460000, time.UTC), c.CreationTime)
	assert.Equal(t, "OAUTH2", c.Method)
	assert.Equal(t, "pipedrive", c.App)

	conn, _, err := env.client.Connections.Create(ctx, "pipedrive")
	require.NoError(t, err)
	assert.Equal(t, ConnectionPending, conn.Status)
	assert.Equal(t, "https://connect.maton.ai/?session_token=5e9", conn.URL, "the URL is read with a GET")
	assert.Equal(t, int32(1), created.Load())

	got, _, err := env.client.Connections.Get(ctx, testConnection)
	require.NoError(t, err)
	assert.Equal(t, ConnectionPending, got.Status)

	_, _, err = env.client.Connections.Get(ctx, "0b7e7c64-2a4f-4d0c-9a55-3d3f2c1b0a99")
	assert.ErrorIs(t, err, ErrNotFound)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, SourceGateway, apiErr.Source)

	_, err = env.client.Connections.Delete(ctx, testConnection)
	require.NoError(t, err)

	before := env.requests.Load()
	_, _, err = env.client.Connections.Get(ctx, "x")
	assert.IsType(t, &ValidationError{}, err)
	_, err = env.client.Connections.Delete(ctx, "")
	assert.IsType(t, &ValidationError{}, err)
	_, _, err = env.client.Connections.Create(ctx, " ")
	assert.IsType(t, &ValidationError{}, err)
	_, _, err = env.client.Connections.List(ctx, &ConnectionListOptions{Status: "active"})
	assert.IsType(t, &ValidationError{}, err)
	assert.Equal(t, before, env.requests.Load())
}

func TestDecodeConnectionShapes(t *testing.T) {
	for _, body := range []string{`{"connection":{"connection_id":"a"}}`, `{"connection_id":"a"}`} {
		c, err := decodeConnection(json.RawMessage(body))
		require.NoError(t, err)
		assert.Equal(t, "a", c.ID)
	}
	for _, body := range []string{``, `null`, `{}`} {
		c, err := decodeConnection(json.RawMessage(body))
		require.NoError(t, err)
		assert.Nil(t, c)
	}
}

func TestConnectionsCreateEmptyAnswer(t *testing.T) {
	env := setupRaw(t)
	env.control.HandleFunc("POST /connections", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated) // empty body: undocumented, accepted
	})
	pending := `{"connections":[
		{"connection_id":"0b7e7c64-2a4f-4d0c-9a55-3d3f2c1b0a99","status":"PENDING","creation_time":"2026-01-01T00:00:00.000001Z","app":"pipedrive"},
		{"connection_id":"` + testConnection + `","status":"PENDING","creation_time":"2026-02-01T00:00:00.000001Z","app":"pipedrive","url":"https://connect.maton.ai/?session_token=x"}]}`
	env.control.HandleFunc("GET /connections", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{"app": {"pipedrive"}, "status": {"PENDING"}})
		writeJSON(t, w, 200, pending)
	})
	c, _, err := env.client.Connections.Create(t.Context(), "pipedrive")
	require.NoError(t, err)
	assert.Equal(t, testConnection, c.ID, "the newest PENDING connection")

	pending = `{"connections":[]}`
	_, _, err = env.client.Connections.Create(t.Context(), "pipedrive")
	assert.ErrorIs(t, err, ErrInvalidResponse)
}

func TestConnectionsGetWithoutID(t *testing.T) {
	env := setupRaw(t)
	env.control.HandleFunc("GET /connections/{id}", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, 200, `{"connection":{}}`)
	})
	_, _, err := env.client.Connections.Get(t.Context(), testConnection)
	assert.ErrorIs(t, err, ErrInvalidResponse)
}

// Issue 12 §6: a decode error names where it happened, so a bad value in a
// 500-deal page can be found: "decoding data[17].add_time: ...".
func TestDecodeErrorNamesPath(t *testing.T) {
	deal := func(i int, addTime, value string) string {
		return fmt.Sprintf(`{"id":%d,"title":"d%d","add_time":%s,"value":%s}`, i+1, i, addTime, value)
	}
	page := func(bad int, addTime, value string) string {
		items := make([]string, 30)
		for i := range items {
			items[i] = deal(i, `"2026-01-02 03:04:05"`, "10")
		}
		items[bad] = deal(bad, addTime, value)
		return `{"success":true,"data":[` + strings.Join(items, ",") + `]}`
	}
	for _, tc := range []struct {
		name, body, want string
	}{
		{"bad time", page(17, `"x"`, "10"), "decoding data[17].add_time: "},
		{"number as text", page(3, `"2026-01-02 03:04:05"`, `"ten"`), "decoding data[3].value: "},
		{"object for a number", page(29, `"2026-01-02 03:04:05"`, `{}`), "decoding data[29].value: "},
		{"bad pagination", `{"success":true,"data":[],"additional_data":{"pagination":{"start":"x"}}}`, "decoding additional_data.pagination.start: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := setupRaw(t)
			env.gateway.HandleFunc("/pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
				writeJSON(t, w, 200, tc.body)
			})
			_, _, err := env.client.Deals.List(t.Context(), nil)
			require.ErrorIs(t, err, ErrInvalidResponse)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	// A syntax error keeps encoding/json's message.
	env := setupRaw(t)
	env.gateway.HandleFunc("/pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, 200, `{"success":true,"data":[{"id":1`)
	})
	_, _, err := env.client.Deals.List(t.Context(), nil)
	require.ErrorIs(t, err, ErrInvalidResponse)
	assert.NotContains(t, err.Error(), "decoding data")
}

// Issue 12 §6: Error() quotes at most a few hundred bytes of the server's
// message, whatever its size; the full text stays in Message.
func TestAPIErrorBounded(t *testing.T) {
	huge := strings.Repeat("é", 100<<10) // 200 KiB, twice in a body under the 1 MiB error cap
	for _, body := range []string{
		`{"success":false,"error":"` + huge + `","error_info":"` + huge + `"}`,
		`{"message":"` + huge + `","type":"Bad Request","code":400}`,
		`<html>` + huge + `</html>`,
		`{"success":false,"errors":{"title":["` + huge + `"]}}`,
	} {
		env := setupRaw(t)
		env.gateway.HandleFunc("/pipedrive/api/v1/deals/1", func(w http.ResponseWriter, r *http.Request) {
			writeJSON(t, w, 400, body)
		})
		_, _, err := env.client.Deals.Get(t.Context(), 1)
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Less(t, len(err.Error()), 1000, "Error() is bounded")
		assert.True(t, utf8.ValidString(err.Error()))
		if !strings.HasPrefix(body, "<") {
			assert.GreaterOrEqual(t, len(apiErr.Message), len(huge), "the full text stays in Message")
		}
	}
}
