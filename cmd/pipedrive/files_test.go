package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The done-when of files: `pipedrive --demo files upload ./README.md
// --deal 1` and, in a later process, `pipedrive --demo files download ID
// > out` give back the README byte for byte. The commands run as a real
// binary with a shell redirect, then in-process.
func TestDemoFilesRoundTrip(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)

	bin := filepath.Join(t.TempDir(), "pipedrive")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	require.NoError(t, build.Run())
	dir := t.TempDir()
	env := append(os.Environ(), "PIPEDRIVE_DEMO_DIR="+filepath.Join(dir, "demo"), "MATON_API_KEY=")
	up := exec.Command(bin, "--demo", "files", "upload", "../../README.md", "--deal", "1", "-o", "json")
	up.Env = env
	b, err := up.Output()
	require.NoError(t, err)
	var file struct {
		ID     int    `json:"id"`
		DealID int    `json:"deal_id"`
		Name   string `json:"name"`
		Size   int    `json:"file_size"`
	}
	require.NoError(t, json.Unmarshal(b, &file))
	assert.Equal(t, 1, file.DealID)
	assert.Equal(t, "README.md", file.Name)
	assert.Equal(t, len(readme), file.Size)

	out := filepath.Join(dir, "out")
	down := exec.Command("sh", "-c", `"$0" --demo files download "$1" > "$2"`, bin, strconv.Itoa(file.ID), out)
	down.Env, down.Stderr = env, os.Stderr
	require.NoError(t, down.Run())
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(readme, got), "the download is README.md byte for byte (%d and %d bytes)", len(readme), len(got))

	// The same in-process, through run.
	inEnv := map[string]string{"PIPEDRIVE_DEMO_DIR": filepath.Join(dir, "demo2")}
	res := runCmd(inEnv, "", "--demo", "files", "upload", "../../README.md", "--deal", "1", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &file))
	res = runCmd(inEnv, "", "--demo", "files", "download", strconv.Itoa(file.ID))
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, string(readme), res.stdout)
	res = runCmd(inEnv, "", "--demo", "deals", "files", "1", "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"name":"README.md"`)
}

func TestFilesCommands(t *testing.T) {
	f := newFixture(t)
	src := filepath.Join(t.TempDir(), "plan.txt")
	require.NoError(t, os.WriteFile(src, []byte("the plan"), 0o600))
	res := f.run("files", "upload", src, "--person", "1", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var file map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &file))
	id := strconv.Itoa(int(file["id"].(float64)))
	res = f.runIn("from stdin", "files", "upload", "-", "--name", "stdin.txt", "--deal", "2")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "stdin.txt")
	res = f.run("files", "update", id, "--name", "Plan v2.txt", "--description", "second draft")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Plan v2.txt")
	res = f.run("files", "get", id)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "second draft")
	out := filepath.Join(t.TempDir(), "back.txt")
	res = f.run("files", "download", id, "-O", out)
	require.Equal(t, 0, res.code, res.stderr)
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, "the plan", string(got))
	res = f.run("files", "remote", "create", "Forecast", "--type", "gsheet", "--deal", "1")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Forecast")
	res = f.run("files", "remote", "link", "1mT6jshiv6537IirwOExXJuG1jdR4F0FQ", "--org", "1", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"remote_location": "googledrive"`)
	res = f.run("files", "list", "--all", "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Len(t, strings.Split(strings.TrimSpace(res.stdout), "\n"), 4)
	res = f.run("files", "delete", id)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "deleted file "+id)

	res = f.run("files", "upload", filepath.Join(t.TempDir(), "missing.txt"))
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "cannot read")
	res = f.run("files", "remote", "link", "abc", "--deal", "1", "--org", "1")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "exactly one of --deal, --person or --org")
	res = f.run("files", "download", "0")
	assert.Equal(t, 2, res.code)
}

func TestFiltersCommands(t *testing.T) {
	f := newFixture(t)
	res := f.run("filters", "list", "--type", "deals")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Big deals")
	all := f.run("deals", "list", "-o", "ndjson")
	require.Equal(t, 0, all.code, all.stderr)
	res = f.run("deals", "list", "--filter", "big deals", "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	n := len(strings.Split(strings.TrimSpace(res.stdout), "\n"))
	assert.Greater(t, n, 0)
	assert.Less(t, n, len(strings.Split(strings.TrimSpace(all.stdout), "\n")), "the filter keeps fewer deals")
	for _, line := range strings.Split(strings.TrimSpace(res.stdout), "\n") {
		var d struct{ Value float64 }
		require.NoError(t, json.Unmarshal([]byte(line), &d))
		assert.GreaterOrEqual(t, d.Value, 10000.0)
	}
	res = f.run("filters", "create", "Acme or Globex", "--type", "deals", "--any", "title~acme", "--any", "organization.name^glob", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var created struct{ ID int }
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &created))
	id := strconv.Itoa(created.ID)
	res = f.run("filters", "get", id)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "deal.title LIKE '%$%' acme")
	res = f.run("deals", "list", "--filter", id, "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.NotEmpty(t, strings.TrimSpace(res.stdout))
	res = f.run("filters", "update", id, "--name", "Acme only", "--where", "title~acme")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Acme only")
	res = f.run("filters", "helpers")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "varchar")

	res = f.run("deals", "list", "--filter", "No such filter")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, `no deals filter is named "No such filter"`)
	res = f.run("filters", "create", "Bad", "--where", "nosuchfield=1")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, `deal has no field "nosuchfield"`)
	res = f.run("filters", "list", "--type", "widgets")
	assert.Equal(t, 2, res.code)
	res = f.run("filters", "delete", id, "1")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "deleted filter "+id)
}

// --type is checked against the account's activity types before
// anything is written: listed once per run.
func TestActivityTypeChecked(t *testing.T) {
	f := newFixture(t)
	before := len(f.srv.RequestLog())
	res := f.run("activities", "create", "--subject", "Demo call", "--type", "telepathy")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, `invalid --type "telepathy": not an activity type of this account (one of call,`)
	for _, r := range f.srv.RequestLog()[before:] {
		assert.NotEqual(t, "POST", r.Method, "nothing is written")
	}
	res = f.run("activities", "create", "--subject", "Demo call", "--type", "call", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	before = len(f.srv.RequestLog())
	res = f.run("activities", "list", "--api", "v1", "--type", "call,meeting")
	require.Equal(t, 0, res.code, res.stderr)
	n := 0
	for _, r := range f.srv.RequestLog()[before:] {
		if strings.HasSuffix(r.Path, "/activityTypes") {
			n++
		}
	}
	assert.Equal(t, 1, n, "the types are listed once per run")
	res = f.run("activities", "types", "create", "Site visit", "--icon", "task", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var typ struct {
		ID  int    `json:"id"`
		Key string `json:"key_string"`
	}
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &typ))
	res = f.run("activities", "update", "1", "--type", typ.Key)
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("activities", "types", "delete", strconv.Itoa(typ.ID))
	assert.Equal(t, 1, res.code, "a type in use is not deleted")
	assert.Contains(t, res.stderr, "in use by 1 activities")
	res = f.run("activities", "update", "1", "--type", "call")
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("activities", "types", "delete", strconv.Itoa(typ.ID))
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("activities", "update", "1", "--type", typ.Key)
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "a deactivated activity type")
}

// Every `pipedrive --demo` line of the README's CLI section runs, in
// order, against one demo directory (the download finds the upload).
func TestReadmeDemoLines(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	env := map[string]string{"PIPEDRIVE_DEMO_DIR": t.TempDir()}
	n := 0
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, "pipedrive --demo ") || strings.Contains(line, "listen") {
			continue // webhooks listen runs until stopped: TestWebhooksListenDemo
		}
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		}
		if i := strings.Index(line, " >"); i >= 0 {
			line = line[:i]
		}
		args, err := splitQuoted(strings.TrimPrefix(strings.TrimSpace(line), "pipedrive "))
		require.NoError(t, err, line)
		for i, a := range args {
			if strings.HasPrefix(a, "./") {
				args[i] = "../../" + a[2:] // the README's paths are from the repository's root
			}
		}
		res := runCmd(env, "", args...)
		require.Equal(t, 0, res.code, "%s: %s", line, res.stderr)
		assert.NotEmpty(t, res.stdout, line)
		n++
	}
	assert.GreaterOrEqual(t, n, 4)
}

// splitQuoted splits a command line on spaces, keeping "double quoted"
// words whole.
func splitQuoted(s string) ([]string, error) {
	var out []string
	var cur strings.Builder
	inQuote, have := false, false
	for _, r := range s {
		switch {
		case r == '"':
			inQuote, have = !inQuote, true
		case r == ' ' && !inQuote:
			if have {
				out = append(out, cur.String())
				cur.Reset()
				have = false
			}
		default:
			cur.WriteRune(r)
			have = true
		}
	}
	if inQuote {
		return nil, fmt.Errorf("unbalanced quote in %q", s)
	}
	if have {
		out = append(out, cur.String())
	}
	return out, nil
}
