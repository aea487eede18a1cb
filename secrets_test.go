package pipedrive

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"reflect"
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
			addr := rawAnswerServer(t, strings.ReplaceAll(answer, "KEY", testKey))
			c, err := NewClient(testKey, WithGatewayURL("http://"+addr),
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

// longKey is a Maton-shaped key long enough for the 8-character rule.
const longKey = "mtn_7f3a9c2e5b8d1f4a6c0e9b2d7f5a3c1e8b6d4f2a"

// assertNoKeyRun fails when text holds 8 or more consecutive characters of
// key: the rule for every error text, log line and fmt output.
func assertNoKeyRun(t *testing.T, key, text string, msgAndArgs ...any) {
	t.Helper()
	for i := 0; i+redactWindow <= len(key); i++ {
		if strings.Contains(text, key[i:i+redactWindow]) {
			assert.Failf(t, "key material in output", "%q holds %q; %v", truncate(text, 300), key[i:i+redactWindow], fmt.Sprint(msgAndArgs...))
			return
		}
	}
}

// printVerbs are the verbs a caller may use on any SDK value.
var printVerbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%p", "%d", "%T"}

// serviceValues reflects over every exported pointer field of Client and
// of V2Services, so a service added later is covered without editing this
// test.
func serviceValues(t *testing.T, c *Client) map[string]any {
	out := map[string]any{"Client": c, "*Client": *c, "V2": c.V2, "*V2": *c.V2}
	for _, root := range []reflect.Value{reflect.ValueOf(c).Elem(), reflect.ValueOf(c.V2).Elem()} {
		rt := root.Type()
		for i := range rt.NumField() {
			f := rt.Field(i)
			if !f.IsExported() || f.Type.Kind() != reflect.Pointer {
				continue
			}
			v := root.Field(i)
			require.False(t, v.IsNil(), "%s.%s is nil", rt.Name(), f.Name)
			name := rt.Name() + "." + f.Name
			out[name] = v.Interface()
			out["*"+name] = v.Elem().Interface()
			_, isFormatter := v.Interface().(fmt.Formatter)
			assert.True(t, isFormatter, "%s must redact (embed service or implement fmt.Formatter)", name)
		}
	}
	require.Greater(t, len(out), 20)
	return out
}

// Issue 12 §1: fmt of any service, of client.V2 or of the Client, by value
// or pointer, with any verb, prints no part of the key. %s and %q used to
// walk into the unexported client field and print the whole key.
func TestServicesNeverPrintKey(t *testing.T) {
	c, err := NewClient(longKey)
	require.NoError(t, err)
	for name, v := range serviceValues(t, c) {
		for _, verb := range printVerbs {
			assertNoKeyRun(t, longKey, fmt.Sprintf(verb, v), name, " ", verb)
			assertNoKeyRun(t, longKey, fmt.Sprintf("["+verb+"]", []any{v}), name, " in a slice ", verb)
			assertNoKeyRun(t, longKey, fmt.Sprintf(verb, struct{ S any }{v}), name, " in a struct ", verb)
		}
		assertNoKeyRun(t, longKey, fmt.Sprint(v), name)
		assertNoKeyRun(t, longKey, fmt.Sprintln(v), name)
	}
	assertNoKeyRun(t, longKey, fmt.Sprintf("%v", *c.Deals))
}

// The redaction window: any run of 8+ key characters goes, shorter runs
// stay (they are not the key).
func TestRedactKeyWindow(t *testing.T) {
	for _, text := range []string{
		longKey, "x" + longKey + "y", longKey[:8], longKey[3:20], "a " + longKey[30:] + " b " + longKey[:9],
		strings.Repeat(longKey[5:14], 3), longKey[:20] + "-" + longKey[20:],
	} {
		got := redactKey(longKey, text)
		assertNoKeyRun(t, longKey, got, text)
		assert.Contains(t, got, redactedMark)
	}
	assert.Equal(t, "abc "+longKey[:7], redactKey(longKey, "abc "+longKey[:7]))
	assert.Equal(t, "no key here", redactKey(longKey, "no key here"))
}

// rawAnswerServer listens on loopback and writes answer, byte for byte, to
// every request; it returns the address.
func rawAnswerServer(t *testing.T, answer string) string {
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
				_, _ = io.WriteString(conn, answer)
			}()
		}
	}()
	return ln.Addr().String()
}

// Issue 12 §1: errors that quote server bytes are redacted. net/http puts
// a malformed header line, Content-Length, Transfer-Encoding or Location
// in its error text; a snippet cut at 200 bytes kept a prefix of a key
// that straddled the cut. No 8 consecutive key characters may survive in
// the error, its fmt forms, or the debug log.
func TestServerEchoesRedacted(t *testing.T) {
	pad := strings.Repeat("p", snippetLen-len(longKey)/2)
	answers := map[string]string{
		"header line without a colon": "HTTP/1.1 200 OK\r\nKEY\r\nContent-Length: 2\r\n\r\n{}",
		"bad Content-Length":          "HTTP/1.1 200 OK\r\nContent-Length: KEY\r\n\r\n{}",
		"bad Transfer-Encoding":       "HTTP/1.1 200 OK\r\nTransfer-Encoding: KEY\r\n\r\n{}",
		"malformed Location":          "HTTP/1.1 302 Found\r\nLocation: http://[KEY\r\nContent-Length: 0\r\n\r\n",
		"bad status line":             "HTTP/1.1 KEY OK\r\nContent-Length: 0\r\n\r\n",
		"key straddling the snippet cut (error)": fmt.Sprintf("HTTP/1.1 502 Bad Gateway\r\nContent-Length: %d\r\n\r\n%sKEY tail",
			len(pad)+len(longKey)+5, pad),
		"key straddling the snippet cut (2xx)": fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%sKEY tail",
			len(pad)+len(longKey)+5, pad),
		"key straddling the snippet cut (json)": fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n{\"success\":true,\"data\":%sKEY",
			len(pad)+len(longKey)+25, pad),
	}
	for name, answer := range answers {
		t.Run(name, func(t *testing.T) {
			addr := rawAnswerServer(t, strings.ReplaceAll(answer, "KEY", longKey))
			var logs bytes.Buffer
			c, err := NewClient(longKey, WithGatewayURL("http://"+addr), WithRateLimit(1e6, 100),
				WithRetry(RetryPolicy{MaxAttempts: 2, MinWait: 1, MaxWait: 2}),
				WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
			require.NoError(t, err)
			_, _, err = c.Deals.Get(t.Context(), 1)
			require.Error(t, err)
			for _, verb := range printVerbs[:6] {
				assertNoKeyRun(t, longKey, fmt.Sprintf(verb, err), verb)
			}
			for e := err; e != nil; e = errors.Unwrap(e) {
				assertNoKeyRun(t, longKey, e.Error(), "unwrapped")
			}
			assertNoKeyRun(t, longKey, logs.String(), "log")
		})
	}
}

// Issue 12 §1: a key pasted where a connection id or a URL belongs is
// refused with a *ValidationError that says what shape was expected and
// does not echo the value; nothing is sent.
func TestKeyInWrongPlaceRefused(t *testing.T) {
	env := setupRaw(t)
	perCall := func(id string) error {
		_, _, err := env.client.Deals.Get(ContextWithConnection(t.Context(), id), 1)
		return err
	}
	cases := map[string]func(t *testing.T) error{
		"WithConnection":              func(*testing.T) error { _, err := NewClient(longKey, WithConnection(longKey)); return err },
		"WithConnection other key":    func(*testing.T) error { _, err := NewClient(testKey, WithConnection(longKey)); return err },
		"ContextWithConnection":       func(*testing.T) error { return perCall(longKey) },
		"ContextWithConnection + key": func(*testing.T) error { return perCall(testKey) },
		"WithGatewayURL":              func(*testing.T) error { _, err := NewClient(longKey, WithGatewayURL(longKey)); return err },
		"WithGatewayURL host":         func(*testing.T) error { _, err := NewClient(longKey, WithGatewayURL("https://"+longKey)); return err },
		"WithControlURL":              func(*testing.T) error { _, err := NewClient(longKey, WithControlURL(longKey)); return err },
		"WithControlURL http":         func(*testing.T) error { _, err := NewClient(testKey, WithControlURL("http://"+longKey)); return err },
		EnvConnection: func(t *testing.T) error {
			t.Setenv(EnvAPIKey, longKey)
			t.Setenv(EnvConnection, longKey)
			_, err := NewClientFromEnv()
			return err
		},
		EnvGatewayURL: func(t *testing.T) error {
			t.Setenv(EnvAPIKey, longKey)
			t.Setenv(EnvGatewayURL, longKey)
			_, err := NewClientFromEnv()
			return err
		},
		EnvControlURL: func(t *testing.T) error {
			t.Setenv(EnvAPIKey, longKey)
			t.Setenv(EnvControlURL, "https://x/"+longKey)
			_, err := NewClientFromEnv()
			return err
		},
	}
	for name, call := range cases {
		t.Run(name, func(t *testing.T) {
			err := call(t)
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Contains(t, ve.Reason, "expected")
			if strings.HasPrefix(name, "MATON_") {
				assert.Contains(t, ve.Reason, name, "the variable is named")
			}
			assertNoKeyRun(t, longKey, err.Error())
			assertNoKeyRun(t, testKey, err.Error())
		})
	}
	assert.Zero(t, env.requests.Load())
}
