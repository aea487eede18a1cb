package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopipedrive/pipedrive"
	"github.com/gopipedrive/pipedrive/pipedrivetest"
)

func TestVersionFlag(t *testing.T) {
	res := runCmd(nil, "", "--version")
	require.Equal(t, 0, res.code, res.stderr)
	assert.True(t, strings.HasPrefix(res.stdout, "pipedrive "+pipedrive.Version+" "), res.stdout)
	assert.Empty(t, res.stderr)
}

func TestHelpGrammar(t *testing.T) {
	for _, tc := range []struct{ cmd, want string }{
		{"organizations", "Create an organization"},
		{"organizations", "Delete an organization"},
		{"activities", "Change the fields given as flags on an activity"},
		{"deals", "Create a deal"},
	} {
		res := runCmd(nil, "", tc.cmd, "--help")
		assert.Contains(t, res.stdout, tc.want, tc.cmd)
	}
	res := runCmd(nil, "", "deals", "list", "--help")
	assert.Contains(t, res.stdout, "page size, 1 to 500")
	f := newFixture(t)
	for _, bad := range []string{"0", "501", "-3"} {
		res = f.run("deals", "list", "--limit", bad)
		assert.Equal(t, 2, res.code, bad)
		assert.Contains(t, res.stderr, "--limit must be from 1 to 500", bad)
	}
	assert.Equal(t, 0, f.run("deals", "list", "--limit", "500").code)
}

func TestNotesPinned(t *testing.T) {
	f := newFixture(t)
	long := strings.Repeat("A long note that goes on and on. ", 5)
	res := f.run("notes", "create", "--content", long, "--deal", "1", "--pinned", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var n map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &n))
	assert.Equal(t, true, n["pinned_to_deal_flag"], res.stdout)
	id := fmt.Sprint(n["id"])

	res = f.run("notes", "get", id)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, strings.TrimSpace(long), "notes get shows the whole note")
	assert.Contains(t, res.stdout, "PINNED TO DEAL")

	res = f.run("notes", "update", id, "--pinned=false", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &n))
	assert.Equal(t, false, n["pinned_to_deal_flag"], "unpinned from the deal it is attached to")

	res = f.run("notes", "create", "--content", "x", "--pinned")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "give --deal, --person or --org")
}

// columnStarts returns where each header word starts.
func columnStarts(header string) []int {
	var starts []int
	prev := ' '
	for i, r := range []rune(header) {
		if r != ' ' && prev == ' ' && (i == 0 || i >= 2 && []rune(header)[i-2] == ' ') {
			starts = append(starts, i)
		}
		prev = r
	}
	return starts
}

func TestAllTableKeepsWidths(t *testing.T) {
	f := newV2Fixture(t)
	res := f.run("deals", "list", "--all", "--limit", "3")
	require.Equal(t, 0, res.code, res.stderr)
	lines := strings.Split(strings.TrimRight(res.stdout, "\n"), "\n")
	require.Greater(t, len(lines), 4, "several pages: %s", res.stdout)
	assert.Equal(t, 1, strings.Count(res.stdout, "TITLE"), "one header")
	starts := columnStarts(lines[0])
	for _, l := range lines[1:] {
		r := []rune(l)
		for _, s := range starts[1:] {
			require.Greater(t, len(r), s, "line %q", l)
			assert.Equal(t, "  ", string(r[s-2:s]), "column at %d in %q\n%s", s, l, res.stdout)
		}
	}
}

func TestTablesFitWidth(t *testing.T) {
	f := newV2Fixture(t)
	for _, width := range []string{"60", "100"} {
		f.env["COLUMNS"] = width
		for _, args := range [][]string{{"deals", "list"}, {"persons", "list"}, {"activities", "list"}, {"deals", "funnel"}} {
			res := f.run(args...)
			require.Equal(t, 0, res.code, res.stderr)
			for _, l := range strings.Split(strings.TrimRight(res.stdout, "\n"), "\n") {
				assert.LessOrEqual(t, utf8.RuneCountInString(l), atoi(width), "%v at %s columns: %q", args, width, l)
			}
		}
	}
}

func atoi(s string) int {
	var n int
	fmt.Sscan(s, &n)
	return n
}

func TestV2TablesShowNames(t *testing.T) {
	f := newV2Fixture(t)
	f.env["COLUMNS"] = "200"
	res := f.run("deals", "list")
	require.Equal(t, 0, res.code, res.stderr)
	for _, name := range []string{"Qualified", "Ann Lee", "Acme Corp", "Alice Admin"} {
		assert.Contains(t, res.stdout, name)
	}
	res = f.run("stages", "list")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Sales", "the pipeline's name")
	res = f.run("deals", "list", "-o", "json")
	assert.NotContains(t, res.stdout, "Qualified", "JSON keeps the ids")
}

func TestErrorsSpeakCLI(t *testing.T) {
	f := newFixture(t)
	res := runCmd(map[string]string{"MATON_API_KEY": "k"}, "", "--gateway-url", "http://gateway.example.com", "deals", "list")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "--gateway-url (or MATON_GATEWAY_URL)")
	assert.NotContains(t, res.stderr, "With")
	res = f.run("--api", "v1", "deals", "create", "--title", "x", "--currency", "EURO")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "invalid --currency")
	res = f.run("activities", "create", "--subject", "Call", "--due-date", "tomorrow")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "--due-date")
	assert.NotContains(t, res.stderr, "due_date")
}

func TestWriteMayHaveReachedPipedrive(t *testing.T) {
	f := newV2Fixture(t)
	f.srv.InjectFault(pipedrivetest.Fault{Method: http.MethodPost, PathPrefix: "/pipedrive/api/v2/deals", Status: 502})
	res := f.run("deals", "create", "--title", "Maybe")
	assert.Equal(t, 1, res.code)
	assert.Contains(t, res.stderr, "may have reached Pipedrive")
	assert.Contains(t, res.stderr, "pipedrive deals list")
	res = f.run("deals", "create", "--title", "")
	assert.NotContains(t, res.stderr, "may have reached", "bad input never left")
}

// TestKeyNeverInCLIOutput: a hostile gateway echoes the key in its
// status line, headers and bodies; no run of 8 characters of it reaches
// stdout or stderr, with -v or without, in any format.
func TestKeyNeverInCLIOutput(t *testing.T) {
	const key = "k3y-0123456789abcdefghijklmnopqrstuvwxyzSECRET"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				br := bufio.NewReader(conn)
				for {
					req, err := http.ReadRequest(br)
					if err != nil {
						return
					}
					echo := req.Header.Get("Authorization")
					body := fmt.Sprintf(`{"success":false,"error":"bad key %s","error_info":"%s"}`, echo, echo)
					status := "400 Bad " + echo
					if req.Method == http.MethodGet && strings.HasSuffix(req.URL.Path, "/deals") {
						status = "500 " + echo
					}
					fmt.Fprintf(conn, "HTTP/1.1 %s\r\nContent-Type: application/json\r\nX-Echo: %s\r\nContent-Length: %d\r\n\r\n%s", status, echo, len(body), body)
				}
			}()
		}
	}()
	base := []string{"--api-key", key, "--gateway-url", "http://" + ln.Addr().String(), "--ctrl-url", "http://" + ln.Addr().String()}
	for _, args := range [][]string{
		{"-v", "deals", "list"}, {"-v", "deals", "get", "1", "-o", "json"},
		{"-v", "deals", "create", "--title", "x"}, {"-v", "api", "GET", "/api/v1/currencies"},
		{"-v", "connections", "list"}, {"-v", "--api", "v1", "notes", "list", "-o", "ndjson"},
	} {
		res := runCmd(nil, "", append(base, args...)...)
		assert.NotEqual(t, 0, res.code, "%v", args)
		out := res.stdout + res.stderr
		for i := 0; i+8 <= len(key); i++ {
			if strings.Contains(out, key[i:i+8]) {
				t.Errorf("%v: output holds %q of the key:\n%s", args, key[i:i+8], out)
				break
			}
		}
	}
}
