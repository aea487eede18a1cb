package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopipedrive/pipedrive/internal/cli"
	"github.com/gopipedrive/pipedrive/internal/conformance"
	"github.com/gopipedrive/pipedrive/pipedrivetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// result is what one run of the command produced.
type result struct {
	stdout, stderr string
	code           int
}

// fixture is a seeded pipedrivetest server and the flags pointing at it.
type fixture struct {
	t   *testing.T
	srv *pipedrivetest.Server
	env map[string]string
	// command is the command line being run, for the coverage record.
	command atomic.Pointer[string]
}

// newFixture starts a server with the demo data (fixed clock, no rate
// limit). Its traffic is validated against the specs when they are
// present, and recorded with the command that caused it for
// docs/coverage/cli.json.
func newFixture(t *testing.T, opts ...pipedrivetest.Option) *fixture {
	t.Helper()
	f := &fixture{t: t, env: map[string]string{}}
	opts = append(opts,
		pipedrivetest.WithHandlerWrapper(func(h http.Handler) http.Handler { return conformance.Middleware(t, h) }),
		pipedrivetest.WithHandlerWrapper(func(h http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if c := f.command.Load(); c != nil {
					r.Header.Set(conformance.HeaderCLICommand, *c)
				}
				h.ServeHTTP(w, r)
			})
		}))
	srv, err := cli.NewDemoServer(context.Background(), opts...)
	require.NoError(t, err)
	t.Cleanup(srv.Close)
	f.srv = srv
	return f
}

// commandOf names the command of a command line for the coverage record:
// its first two words that are not flags ("deals list").
func commandOf(args []string) string {
	var words []string
	for i := 0; i < len(args) && len(words) < 2; i++ {
		a := args[i]
		switch {
		case strings.HasPrefix(a, "-"):
			if !strings.Contains(a, "=") && i+1 < len(args) && flagTakesValue(a) {
				i++
			}
		default:
			words = append(words, a)
		}
	}
	return strings.Join(words, " ")
}

// flagTakesValue tells the global flags that take a value from the boolean
// ones, well enough to name commands in the coverage record.
func flagTakesValue(flag string) bool {
	switch strings.TrimLeft(flag, "-") {
	case "demo", "all", "v", "verbose", "version", "h", "help", "pinned":
		return false
	}
	return true
}

// run runs the command in-process against the fixture's server.
func (f *fixture) run(args ...string) result {
	return f.runIn("", args...)
}

// runIn is run with stdin.
func (f *fixture) runIn(stdin string, args ...string) result {
	f.t.Helper()
	base := []string{"--gateway-url", f.srv.URL, "--ctrl-url", f.srv.URL, "--api-key", f.srv.APIKey}
	cmd := commandOf(args)
	f.command.Store(&cmd)
	defer f.command.Store(nil)
	return runCmd(f.env, stdin, append(base, args...)...)
}

func runCmd(env map[string]string, stdin string, args ...string) result {
	var out, errb bytes.Buffer
	code := run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(stdin), &out, &errb)
	return result{out.String(), errb.String(), code}
}

// golden compares got with testdata/name.golden, or rewrites it with
// -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run `go test ./cmd/pipedrive -update` to create the golden file")
	assert.Equal(t, string(want), got, "output differs from %s (rerun with -update if the change is intended)", path)
}

// TestGolden runs the read commands against API v1 and compares their
// table and json output with the golden files.
func TestGolden(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		{"deals_list_table", []string{"--api", "v1", "deals", "list"}},
		{"deals_list_json", []string{"--api", "v1", "deals", "list", "--limit", "2", "-o", "json"}},
		{"deals_list_open_stage_table", []string{"deals", "list", "--status", "open", "--stage", "1", "--api", "v1"}},
		{"deals_get_table", []string{"--api", "v1", "deals", "get", "2"}},
		{"deals_get_json", []string{"--api", "v1", "deals", "get", "2", "-o", "json"}},
		{"deals_search_table", []string{"--api", "v1", "deals", "search", "acme"}},
		{"deals_funnel_table", []string{"--api", "v1", "deals", "funnel"}},
		{"deals_funnel_json", []string{"--api", "v1", "deals", "funnel", "-o", "json"}},
		{"pipelines_show_table", []string{"--api", "v1", "pipelines", "show", "1", "--by", "count"}},
		{"persons_list_table", []string{"--api", "v1", "persons", "list"}},
		{"persons_get_json", []string{"--api", "v1", "persons", "get", "1", "-o", "json"}},
		{"persons_search_table", []string{"--api", "v1", "persons", "search", "acme"}},
		{"organizations_list_table", []string{"--api", "v1", "organizations", "list"}},
		{"organizations_get_json", []string{"--api", "v1", "organizations", "get", "1", "-o", "json"}},
		{"organizations_search_table", []string{"--api", "v1", "organizations", "search", "initech"}},
		{"activities_list_table", []string{"--api", "v1", "activities", "list"}},
		{"activities_get_json", []string{"--api", "v1", "activities", "get", "1", "-o", "json"}},
		{"pipelines_list_table", []string{"--api", "v1", "pipelines", "list"}},
		{"pipelines_get_json", []string{"--api", "v1", "pipelines", "get", "1", "-o", "json"}},
		{"stages_list_table", []string{"--api", "v1", "stages", "list", "--pipeline", "1"}},
		{"stages_get_json", []string{"--api", "v1", "stages", "get", "3", "-o", "json"}},
		{"notes_list_table", []string{"notes", "list"}},
		{"notes_get_json", []string{"notes", "get", "1", "-o", "json"}},
		{"users_list_table", []string{"users", "list"}},
		{"users_me_table", []string{"users", "me"}},
		{"users_get_json", []string{"users", "get", "2", "-o", "json"}},
		{"connections_list_table", []string{"connections", "list"}},
		{"connections_list_json", []string{"connections", "list", "-o", "json"}},
		{"api_get_stages_json", []string{"api", "GET", "/api/v1/stages?pipeline_id=1", "-o", "json"}},
		{"api_get_stages_ndjson", []string{"api", "GET", "/api/v1/stages", "--query", "pipeline_id=1", "-o", "ndjson"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			f.env["COLUMNS"] = "80"
			res := f.run(tc.args...)
			require.Equal(t, 0, res.code, "stderr: %s", res.stderr)
			golden(t, tc.name, res.stdout)
			if strings.HasSuffix(tc.name, "_json") {
				assert.True(t, json.Valid([]byte(res.stdout)), "valid JSON")
			}
		})
	}
}

// TestCRUD creates, reads, updates and deletes each writable v1 resource.
func TestCRUD(t *testing.T) {
	f := newFixture(t)
	const key = "0123456789abcdef0123456789abcdef01234567"

	res := f.run("--api", "v1", "deals", "create", "--title", "Big deal", "--value", "5000", "--currency", "EUR",
		"--person", "1", "--org", "2", "--stage", "3", "--set", key+"=blue", "--set", key+"_x:=42", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var deal map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &deal))
	assert.Equal(t, "Big deal", deal["title"])
	assert.EqualValues(t, 5000, deal["value"])
	assert.Equal(t, "EUR", deal["currency"])
	assert.EqualValues(t, 3, deal["stage_id"])
	assert.Equal(t, "blue", deal[key], "custom field set with KEY=VALUE")
	assert.EqualValues(t, 42, deal[key+"_x"], "custom field set with KEY:=JSON")
	id := "11"
	assert.EqualValues(t, 11, deal["id"])

	res = f.run("--api", "v1", "deals", "update", id, "--value", "0", "--status", "won", "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &deal))
	assert.EqualValues(t, 0, deal["value"], "--value 0 is sent")
	assert.Equal(t, "won", deal["status"])
	assert.Equal(t, "Big deal", deal["title"], "fields not given are left alone")

	res = f.run("--api", "v1", "deals", "delete", id)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, "deleted deal 11\n", res.stdout)
	res = f.run("--api", "v1", "deals", "list", "--status", "deleted", "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"id":11`)

	res = f.run("--api", "v1", "persons", "create", "--name", "Zoe Quinn", "--email", "zoe@example.com", "--email", "z@home.example", "--org", "2")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "zoe@example.com")
	assert.Contains(t, res.stdout, "Globex")
	res = f.run("--api", "v1", "persons", "update", "6", "--name", "Zoe Q.", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"name": "Zoe Q."`)
	assert.Equal(t, 0, f.run("--api", "v1", "persons", "delete", "6").code)

	res = f.run("--api", "v1", "organizations", "create", "--name", "Hooli", "--address", "Palo Alto")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Palo Alto")
	res = f.run("--api", "v1", "organizations", "update", "5", "--name", "Hooli XYZ")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Hooli XYZ")
	assert.Equal(t, 0, f.run("--api", "v1", "organizations", "delete", "5").code)

	res = f.run("--api", "v1", "activities", "create", "--subject", "Demo", "--type", "meeting", "--due-date", "2026-03-10",
		"--due-time", "09:00", "--deal", "1", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"subject": "Demo"`)
	res = f.run("--api", "v1", "activities", "update", "4", "--done")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "DONE     yes")
	res = f.run("--api", "v1", "activities", "list", "--done=false", "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, 2, strings.Count(res.stdout, "\n"), "the two seeded activities not done")
	assert.Equal(t, 0, f.run("--api", "v1", "activities", "delete", "4").code)

	res = f.runIn("Called <b>Ann</b>.\n", "notes", "create", "--deal", "1", "--content", "-", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"content": "Called \u003cb\u003eAnn\u003c/b\u003e."`, "content read from stdin")
	res = f.run("notes", "update", "3", "--content", "Called Ann twice.")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Called Ann twice.")
	res = f.run("notes", "list", "--deal", "1")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Called Ann twice.")
	assert.Equal(t, 0, f.run("notes", "delete", "3").code)
	assert.Equal(t, 4, f.run("notes", "get", "3").code)
}

func TestConnections(t *testing.T) {
	f := newFixture(t)
	res := f.run("connections", "create")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "PENDING")
	assert.Contains(t, res.stderr, "open this URL in a browser")
	var conns []map[string]any
	res = f.run("connections", "list", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &conns))
	require.Len(t, conns, 2)
	id := conns[1]["connection_id"].(string)

	res = f.run("connections", "get", id, "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"status": "PENDING"`)
	res = f.run("connections", "list", "--status", "active")
	assert.Equal(t, 1, strings.Count(res.stdout, "ACTIVE"))

	res = f.run("connections", "delete", id)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, "deleted connection "+id+"\n", res.stdout)
	assert.Equal(t, 4, f.run("connections", "get", id).code)

	// Selecting the remaining connection explicitly works.
	res = f.run("--connection", f.srv.ConnectionID, "users", "me", "-o", "json")
	assert.Equal(t, 0, res.code, res.stderr)
}

// TestAll streams every page at constant memory: ndjson one object per
// line, json one array, table one header.
func TestAll(t *testing.T) {
	f := newFixture(t)
	res := f.run("--api", "v1", "deals", "list", "--all", "--limit", "3", "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	lines := strings.Split(strings.TrimSuffix(res.stdout, "\n"), "\n")
	require.Len(t, lines, 10)
	for i, l := range lines {
		var d struct{ ID int }
		require.NoError(t, json.Unmarshal([]byte(l), &d))
		assert.Equal(t, i+1, d.ID)
	}
	assert.Empty(t, res.stderr, "no progress line when stderr is not a terminal")
	var pages int
	for _, r := range f.srv.RequestLog() {
		if r.Method == http.MethodGet && r.Path == "/pipedrive/api/v1/deals" {
			pages++
		}
	}
	assert.Equal(t, 4, pages, "3+3+3+1 deals")

	res = f.run("--api", "v1", "deals", "list", "--all", "--limit", "4", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var all []map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &all))
	assert.Len(t, all, 10)

	res = f.run("--api", "v1", "deals", "list", "--all", "--limit", "4")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, 1, strings.Count(res.stdout, "TITLE"), "one header")
	assert.Equal(t, 11, strings.Count(res.stdout, "\n"))

	res = f.run("--api", "v1", "deals", "list", "--all", "--status", "lost", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &all))
	assert.Len(t, all, 1)

	res = f.run("--api", "v1", "persons", "search", "ex", "--all", "--limit", "2", "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, 5, strings.Count(res.stdout, "\n"), "every person has an example address")
}

// TestPaging prints one page and says on stderr how to get the next.
func TestPaging(t *testing.T) {
	f := newFixture(t)
	res := f.run("--api", "v1", "deals", "list", "--limit", "4", "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, 4, strings.Count(res.stdout, "\n"))
	assert.Equal(t, "more deals follow: add --cursor 4 for the next page, or --all for every page\n", res.stderr)
	res = f.run("--api", "v1", "deals", "list", "--limit", "4", "--cursor", "8", "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, 2, strings.Count(res.stdout, "\n"))
	assert.Empty(t, res.stderr, "last page")
	res = f.run("--api", "v1", "deals", "list", "--cursor", "abc")
	assert.Equal(t, 2, res.code)
}

func TestExitCodes(t *testing.T) {
	f := newFixture(t)
	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"not found", []string{"--api", "v1", "deals", "get", "999"}, 4, "not found: GET /api/v1/deals/999"},
		{"bad id", []string{"deals", "get", "x1"}, 2, `"x1" is not a deal id`},
		{"missing id", []string{"deals", "get"}, 2, "missing argument: ID"},
		{"extra arg", []string{"deals", "list", "x"}, 2, `unexpected argument "x"`},
		{"unknown command", []string{"dealz"}, 2, `unknown command "dealz"`},
		{"unknown verb", []string{"deals", "frob"}, 2, `unknown command "frob" for ` + "`pipedrive deals`"},
		{"unknown flag", []string{"deals", "list", "--nope"}, 2, "flag provided but not defined: -nope"},
		{"bad output", []string{"deals", "list", "-o", "xml"}, 2, `-o "xml"`},
		{"bad api", []string{"deals", "list", "--api", "v3"}, 2, `--api "v3"`},
		{"validation", []string{"--api", "v1", "deals", "create", "--value", "3"}, 2, "invalid --title: empty"},
		{"limit", []string{"--api", "v1", "deals", "list", "--limit", "501"}, 2, "--limit must be from 1 to 500"},
		{"unknown custom field", []string{"deals", "create", "--title", "T", "--set", "colour=red"}, 2, `--set "colour=red": unknown deal field "colour"`},
		{"bad --set", []string{"deals", "create", "--title", "T", "--set", "no equals sign"}, 2, `--set "no equals sign": expected NAME=VALUE, KEY=TEXT or KEY:=JSON`},
		{"v1 lacks a filter", []string{"--api", "v1", "deals", "list", "--pipeline", "1"}, 2, "--pipeline is not supported by `deals list` with API v1; try --api v2"},
		{"unauthorized", []string{"--api-key", "wrong-key", "users", "me"}, 3, "unauthorized: the Maton API key was refused"},
		{"bad connection", []string{"--connection", "nope", "users", "me"}, 2, "--connection (or MATON_CONNECTION) must be a Maton connection ID"},
		{"unknown connection", []string{"--connection", "21fd90f9-5935-43cd-b6c8-bde9d915ca80", "users", "me"}, 4, "not found: the gateway knows no such Maton connection"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := f.run(tc.args...)
			assert.Equal(t, tc.code, res.code, res.stderr)
			assert.Contains(t, res.stderr, tc.msg)
			assert.True(t, strings.HasPrefix(res.stderr, "pipedrive: "), res.stderr)
			assert.Equal(t, 1, strings.Count(res.stderr, "\n"), "one line: %q", res.stderr)
			assert.Empty(t, res.stdout)
		})
	}

	t.Run("no key", func(t *testing.T) {
		res := runCmd(map[string]string{}, "", "users", "me")
		assert.Equal(t, 3, res.code)
		assert.Contains(t, res.stderr, "no Maton API key: pass --api-key or set MATON_API_KEY")
	})
	t.Run("key from the environment", func(t *testing.T) {
		env := map[string]string{"MATON_API_KEY": f.srv.APIKey, "MATON_GATEWAY_URL": f.srv.URL, "MATON_CTRL_URL": f.srv.URL}
		res := runCmd(env, "", "users", "me", "-o", "json")
		assert.Equal(t, 0, res.code, res.stderr)
	})
	t.Run("missing connection", func(t *testing.T) {
		srv := pipedrivetest.NewServer(pipedrivetest.WithoutConnection(), pipedrivetest.WithRateLimit(0))
		t.Cleanup(srv.Close)
		res := runCmd(nil, "", "--gateway-url", srv.URL, "--ctrl-url", srv.URL, "--api-key", srv.APIKey, "--api", "v1", "deals", "list")
		assert.Equal(t, 6, res.code)
		assert.Equal(t, "pipedrive: no Pipedrive connection: run `pipedrive connections create`, open its URL to authorize it, then retry (or pass --connection ID)\n", res.stderr)
	})
	t.Run("rate limited", func(t *testing.T) {
		f.srv.InjectFault(pipedrivetest.Fault{PathPrefix: "/pipedrive/api/v1/users", Status: http.StatusTooManyRequests,
			Header: http.Header{"Retry-After": {"3600"}}, Times: -1})
		t.Cleanup(f.srv.ClearFaults)
		res := f.run("users", "list")
		assert.Equal(t, 5, res.code)
		assert.Equal(t, "pipedrive: rate limited: retry in 1h0m0s\n", res.stderr)
	})
	t.Run("timeout", func(t *testing.T) {
		f.srv.InjectFault(pipedrivetest.Fault{PathPrefix: "/pipedrive/api/v1/pipelines", Delay: time.Minute, Times: -1})
		t.Cleanup(f.srv.ClearFaults)
		res := f.run("--api", "v1", "pipelines", "list", "--timeout", "20ms")
		assert.Equal(t, 1, res.code)
		assert.Equal(t, "pipedrive: timed out after 20ms (--timeout)\n", res.stderr)
	})
	t.Run("help", func(t *testing.T) {
		for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}, {"deals", "--help"}, {"deals", "list", "-h"}, {"help", "deals", "create"}} {
			res := runCmd(nil, "", args...)
			assert.Equal(t, 0, res.code, "%v: %s", args, res.stderr)
			assert.Contains(t, res.stdout, "Usage: pipedrive", "%v", args)
		}
		res := runCmd(nil, "", "deals", "create", "--help")
		assert.Contains(t, res.stdout, "--title TEXT")
		assert.Contains(t, res.stdout, "--set NAME=VALUE")
		assert.Contains(t, res.stdout, `--set "Contract value=1500 EUR"`, "the custom field examples")
		res = runCmd(nil, "")
		assert.Equal(t, 2, res.code, "no command")
		assert.Contains(t, res.stderr, "Usage: pipedrive")
	})
}

// TestGlobalFlagsAnywhere accepts the global flags before the resource,
// between resource and verb, and after the arguments.
func TestGlobalFlagsAnywhere(t *testing.T) {
	f := newFixture(t)
	want := f.run("-o", "json", "--api", "v1", "deals", "get", "2")
	require.Equal(t, 0, want.code, want.stderr)
	for _, args := range [][]string{
		{"deals", "-o", "json", "--api", "v1", "get", "2"},
		{"deals", "get", "2", "-o", "json", "--api", "v1"},
		{"--api", "v1", "deals", "get", "--output=json", "2"},
	} {
		got := f.run(args...)
		assert.Equal(t, want, got, "%v", args)
	}
}

// TestVerbose prints each request line on stderr and never the key.
func TestVerbose(t *testing.T) {
	f := newFixture(t)
	f.srv.ResetRequests()
	res := f.run("-v", "--api", "v1", "deals", "list", "--status", "open", "--limit", "2")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, 1, strings.Count(res.stderr, "> GET /api/v1/deals: 200 OK\n"), "each request logged once: %s", res.stderr)
	assert.Equal(t, 1, strings.Count(res.stderr, "> GET /api/v2/stages"), "the stage names, resolved once: %s", res.stderr)
	assert.Equal(t, len(f.srv.RequestLog()), strings.Count(res.stderr, "> "), "one line per request: %s", res.stderr)
	assert.NotContains(t, res.stderr, f.srv.APIKey)
	assert.NotContains(t, res.stdout, f.srv.APIKey)
}

func TestAPICommand(t *testing.T) {
	f := newFixture(t)
	res := f.run("api", "POST", "/api/v1/deals", "--data", `{"title":"Raw deal","value":"10","currency":"USD"}`, "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"title": "Raw deal"`)
	res = f.runIn(`{"title":"Raw deal 2"}`, "api", "post", "/pipedrive/api/v1/deals", "--data", "-", "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"title":"Raw deal 2"`)
	assert.Equal(t, 1, strings.Count(res.stdout, "\n"))
	res = f.run("api", "GET", "/api/v1/deals", "--query", "limit=5")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, "more items follow: add --query start=5\n", res.stderr)
	res = f.run("api", "GET", "/api/v1/deals/12345")
	assert.Equal(t, 4, res.code)
	res = f.run("api", "GET", "/api/v1/deals", "--data", "{nope")
	assert.Equal(t, 2, res.code)
	res = f.run("api", "FETCH", "/api/v1/deals")
	assert.Equal(t, 2, res.code, "an unknown method is a usage error")
}

// TestDemo runs --demo in-process, with the default API v2 and with v1.
func TestDemo(t *testing.T) {
	res := runCmd(nil, "", "--demo", "deals", "list", "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, 10, strings.Count(res.stdout, "\n"))
	assert.Empty(t, res.stderr)
	res = runCmd(nil, "", "--demo", "--api", "v1", "deals", "funnel")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Empty(t, res.stderr, "no note with --api v1")
	assert.Contains(t, res.stdout, "Negotiations Started")
}

// TestBinary builds the command and runs it as a subprocess with --demo.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "pipedrive")
	build := execCommand(t, "go", "build", "-o", bin, ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)

	cmd := execCommand(t, bin, "--demo", "--api", "v1", "deals", "funnel")
	cmd.Env = append(os.Environ(), "COLUMNS=80")
	stdout, err := cmd.Output()
	require.NoError(t, err)
	golden(t, "binary_deals_funnel_table", string(stdout))

	cmd = execCommand(t, bin, "--demo", "deals", "list", "--all", "--limit", "3", "-o", "ndjson")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err = cmd.Output()
	require.NoError(t, err, stderr.String())
	assert.Equal(t, 10, strings.Count(string(stdout), "\n"))

	cmd = execCommand(t, bin, "--demo", "--api", "v1", "deals", "get", "999")
	stderr.Reset()
	cmd.Stderr = &stderr
	err = cmd.Run()
	require.Error(t, err)
	assert.Equal(t, 4, cmd.ProcessState.ExitCode())
	assert.Equal(t, "pipedrive: not found: GET /api/v1/deals/999: Deal not found\n", stderr.String())
}

func execCommand(t *testing.T, name string, args ...string) *exec.Cmd {
	return exec.CommandContext(t.Context(), name, args...)
}
