package pipedrive

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// echoKey answers every request with a body that echoes the Authorization
// header it received, in the shape named by mode: a server (or a proxy)
// that reflects the key is the worst case for leaking it.
func echoKey(t *testing.T, mode string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		switch mode {
		case "401 json":
			writeJSON(t, w, 401, `{"success":false,"error":"invalid token `+key+`","error_info":"token `+key+`"}`)
		case "502 html":
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(502)
			_, _ = io.WriteString(w, "<html><body>upstream rejected "+key+"</body></html>")
		case "200 not json":
			w.WriteHeader(200)
			_, _ = io.WriteString(w, "token="+key)
		case "200 success false":
			writeJSON(t, w, 200, `{"success":false,"error":"bad key `+key+`"}`)
		case "400 field errors":
			writeJSON(t, w, 400, `{"success":false,"error":"","code":"`+key+`","errors":{"`+key+`":["token `+key+` rejected"]}}`)
		case "400 gateway":
			writeJSON(t, w, 400, `{"message":"key `+key+` has no connection","type":"Bad Request","code":400}`)
		case "429 retry":
			w.Header().Set("Retry-After", "0")
			writeJSON(t, w, 429, `{"message":"slow down `+key+`","type":"Too Many Requests","code":429}`)
		}
	}
}

// TestKeyNeverLeaks checks every surface a caller can print: Error(), the
// fmt verbs of the error, the Client, its Response and the Response's
// request chain, and slog output at every level (the SDK's own logging and
// a caller logging those values), for servers that echo the key back.
func TestKeyNeverLeaks(t *testing.T) {
	modes := []string{"401 json", "502 html", "200 not json", "200 success false", "400 field errors", "400 gateway", "429 retry"}
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			var logs bytes.Buffer
			all := &slog.HandlerOptions{Level: slog.Level(-100), AddSource: true}
			logger := slog.New(slog.NewJSONHandler(&logs, all))
			text := slog.New(slog.NewTextHandler(&logs, all))
			env := setupRaw(t, WithLogger(logger), WithConnection(testConnection))
			env.gateway.HandleFunc("/pipedrive/api/v1/deals", echoKey(t, mode))
			env.control.HandleFunc("/connections", echoKey(t, mode))

			resp, err := env.client.Do(t.Context(), http.MethodGet, "/api/v1/deals", url.Values{"term": {"x"}}, nil, nil)
			require.Error(t, err)
			_, cresp, cerr := env.client.Connections.List(t.Context(), nil)
			require.Error(t, cerr)

			var texts []string
			for _, v := range []any{err, cerr, env.client, *env.client, resp, cresp} {
				for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
					texts = append(texts, fmt.Sprintf(verb, v))
				}
			}
			texts = append(texts, err.Error(), cerr.Error())
			for _, r := range []*Response{resp, cresp} {
				if r == nil {
					continue
				}
				require.NotNil(t, r.Request)
				for req := r.Request; req != nil; {
					texts = append(texts, fmt.Sprintf("%+v", *req), fmt.Sprintf("%#v", req.Header))
					if req.Response == nil {
						break
					}
					req = req.Response.Request
				}
			}
			for _, l := range []*slog.Logger{logger, text} {
				for _, level := range []slog.Level{slog.LevelDebug - 4, slog.LevelDebug, slog.LevelInfo, slog.LevelWarn, slog.LevelError} {
					l.Log(context.Background(), level, "caller logs", "err", err, "client", env.client, "resp", resp, "cerr", cerr)
				}
			}
			texts = append(texts, logs.String())
			b, jerr := json.Marshal(env.client)
			require.NoError(t, jerr)
			texts = append(texts, string(b))
			for _, s := range texts {
				require.NotContains(t, s, testKey)
			}
			assert.Contains(t, logs.String(), "pipedrive: attempt", "the SDK did log")
		})
	}
}

// A same-host redirect keeps the key (the server needs it), and the
// Response's whole redirect chain is redacted afterwards.
func TestRedirectChainRedacted(t *testing.T) {
	env := setupRaw(t)
	var auth []string
	env.gateway.HandleFunc("/pipedrive/api/v1/old", func(w http.ResponseWriter, r *http.Request) {
		auth = append(auth, r.Header.Get("Authorization"))
		http.Redirect(w, r, "/gw/pipedrive/api/v1/new", http.StatusFound)
	})
	env.gateway.HandleFunc("/pipedrive/api/v1/new", func(w http.ResponseWriter, r *http.Request) {
		auth = append(auth, r.Header.Get("Authorization"))
		writeJSON(t, w, 200, `{"success":true,"data":[]}`)
	})
	resp, err := env.client.Do(t.Context(), http.MethodGet, "/api/v1/old", nil, nil, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"Bearer " + testKey, "Bearer " + testKey}, auth, "same origin: the key follows")
	require.NotNil(t, resp.Request.Response, "a redirect chain")
	hops := 0
	for req := resp.Request; req != nil; hops++ {
		assert.Equal(t, "Bearer [redacted]", req.Header.Get("Authorization"))
		if req.Response == nil {
			break
		}
		req = req.Response.Request
	}
	assert.Equal(t, 1, hops)
}

// Redirects to another origin, with every redirect status and method:
// Authorization and Maton-Connection never arrive there, and a write is
// never stored twice.
func TestCrossOriginRedirects(t *testing.T) {
	for _, status := range []int{301, 302, 303, 307, 308} {
		for _, method := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete} {
			t.Run(fmt.Sprint(status, method), func(t *testing.T) {
				other := setupRaw(t)
				var seen []http.Header
				other.gateway.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
					seen = append(seen, r.Header.Clone())
					writeJSON(t, w, 200, `{"success":true,"data":null}`)
				})
				env := setupRaw(t, WithConnection(testConnection))
				var hits atomic.Int32
				target := strings.Replace(other.server.URL, "127.0.0.1", "localhost", 1) + "/gw/pipedrive/api/v1/deals"
				env.gateway.HandleFunc("/pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
					hits.Add(1)
					http.Redirect(w, r, target, status)
				})
				ctx := ContextWithConnection(t.Context(), "0b7e7c64-2a4f-4d0c-9a55-3d3f2c1b0a99")
				var body any
				if method == http.MethodPost || method == http.MethodPut {
					body = map[string]string{"title": "x"}
				}
				_, _ = env.client.Do(ctx, method, "/api/v1/deals", nil, body, nil)
				assert.Equal(t, int32(1), hits.Load(), "the origin saw the request once")
				assert.LessOrEqual(t, len(seen), 1, "the other host at most once")
				for _, h := range seen {
					assert.Empty(t, h.Get("Authorization"))
					assert.Empty(t, h.Get("Maton-Connection"))
				}
			})
		}
	}
}

// The redirect policy drops credentials on a scheme change too (https to
// http on the same host), which a loopback test cannot produce.
func TestRedirectPolicyScheme(t *testing.T) {
	c, err := NewClient(testKey, WithConnection(testConnection))
	require.NoError(t, err)
	from, _ := http.NewRequest(http.MethodGet, "https://gateway.maton.ai/pipedrive/api/v1/deals", nil)
	for _, to := range []string{"http://gateway.maton.ai/x", "https://evil.example/x", "https://gateway.maton.ai:8443/x"} {
		req, _ := http.NewRequest(http.MethodGet, to, nil)
		req.Header.Set("Authorization", "Bearer "+testKey)
		req.Header.Set("Maton-Connection", testConnection)
		require.NoError(t, c.httpClient.CheckRedirect(req, []*http.Request{from}))
		assert.Empty(t, req.Header.Get("Authorization"), to)
		assert.Empty(t, req.Header.Get("Maton-Connection"), to)
	}
	same, _ := http.NewRequest(http.MethodGet, "https://gateway.maton.ai/pipedrive/api/v1/other", nil)
	same.Header.Set("Authorization", "Bearer "+testKey)
	require.NoError(t, c.httpClient.CheckRedirect(same, []*http.Request{from}))
	assert.NotEmpty(t, same.Header.Get("Authorization"), "same origin keeps the key")
}

// Plain http is refused for the gateway and the control plane unless the
// host is loopback or WithInsecureHTTP is given, from options and from the
// environment alike.
func TestPlainHTTPRefused(t *testing.T) {
	for _, u := range []string{"http://gateway.maton.ai", "http://10.0.0.1:8080", "http://localhost.evil.example", "http://127.0.0.1.nip.io", "http://[::ffff:8.8.8.8]"} {
		_, err := NewClient(testKey, WithGatewayURL(u))
		var ve *ValidationError
		require.ErrorAs(t, err, &ve, u)
		assert.Equal(t, "gatewayURL", ve.Field)
		_, err = NewClient(testKey, WithControlURL(u))
		require.ErrorAs(t, err, &ve, u)
		assert.Equal(t, "controlURL", ve.Field)
		_, err = NewClient(testKey, WithGatewayURL(u), WithControlURL(u), WithInsecureHTTP())
		assert.NoError(t, err, "explicitly allowed: %s", u)
	}
	for _, u := range []string{"http://127.0.0.1:1", "http://127.0.0.2", "http://[::1]:8080", "http://localhost:9"} {
		_, err := NewClient(testKey, WithGatewayURL(u), WithControlURL(u))
		assert.NoError(t, err, "loopback: %s", u)
	}
	t.Setenv(EnvAPIKey, testKey)
	t.Setenv(EnvGatewayURL, "http://gateway.maton.ai")
	_, err := NewClientFromEnv()
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "gatewayURL", ve.Field)
	assert.NotContains(t, err.Error(), testKey)
}

// Hostile answers at the HTTP level (garbage status lines, lying lengths,
// huge headers, a key echoed in a header) never panic the pipeline, and
// whatever error comes back carries no key.
func TestHostileAnswersNoPanic(t *testing.T) {
	answers := []string{
		"garbage\r\n\r\n",
		"HTTP/1.1 999 Odd\r\nContent-Length: 2\r\n\r\n{}",
		"HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n{}",
		"HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n{}",
		"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
		"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n\x00\x01\x02",
		"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer KEY\r\nContent-Length: " + fmt.Sprint(len(testKey)+2) + "\r\n\r\nKEY!!",
		"HTTP/1.1 302 Found\r\nLocation: http://[::1\r\nContent-Length: 0\r\n\r\n",
		"HTTP/1.1 429 Too Many\r\nRetry-After: -1\r\nX-Ratelimit-Reset: NaN\r\nContent-Length: 0\r\n\r\n",
		"HTTP/1.1 200 OK\r\nX-Big: " + strings.Repeat("a", 64<<10) + "\r\nContent-Length: 16\r\n\r\n{\"success\":true}",
		"HTTP/1.1 200 OK\r\nContent-Length: " + fmt.Sprint(len(testKey)+33) + "\r\n\r\n{\"success\":true,\"data\":{\"id\":\"KEY\"}}",
	}
	for i, answer := range answers {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			require.NoError(t, err)
			t.Cleanup(func() { _ = ln.Close() })
			go func() {
				for {
					conn, err := ln.Accept()
					if err != nil {
						return
					}
					go func() {
						defer conn.Close()
						if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
							return
						}
						_, _ = io.WriteString(conn, strings.ReplaceAll(answer, "KEY", testKey))
					}()
				}
			}()
			c, err := NewClient(testKey, WithGatewayURL("http://"+ln.Addr().String()),
				WithRetry(RetryPolicy{MaxAttempts: 2, MinWait: 1, MaxWait: 2}), WithRateLimit(1e6, 100))
			require.NoError(t, err)
			func() {
				defer func() {
					if p := recover(); p != nil {
						assert.NotContains(t, fmt.Sprint(p), testKey)
						t.Fatalf("panic: %v", p)
					}
				}()
				_, _, err = c.Deals.Get(t.Context(), 1)
			}()
			if err != nil {
				assert.NotContains(t, err.Error(), testKey)
				assert.NotContains(t, fmt.Sprintf("%+v", err), testKey)
			}
		})
	}
}
