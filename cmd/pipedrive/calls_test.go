package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCallsCommands(t *testing.T) {
	f := newFixture(t)
	res := f.run("calls", "log", "+3725551234", "--outcome", "connected", "--start", "2026-03-02T10:00:00Z",
		"--end", "2026-03-02T10:01:15Z", "--person", "1", "--subject", "Intro", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var c struct {
		ID       string `json:"id"`
		Duration string `json:"duration"`
	}
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &c))
	assert.Equal(t, "75", c.Duration)
	audio := filepath.Join(t.TempDir(), "call.mp3")
	require.NoError(t, os.WriteFile(audio, []byte("ID3 audio"), 0o600))
	res = f.run("calls", "recording", c.ID, audio)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "RECORDING")
	res = f.run("calls", "list", "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"has_recording":true`)
	res = f.run("calls", "get", c.ID)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Intro")
	res = f.run("calls", "delete", c.ID)
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("calls", "log", "+1", "--outcome", "busy")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "--start and --end")
}

func TestRelationshipsCommands(t *testing.T) {
	f := newFixture(t)
	res := f.run("organizations", "relationships", "add", "1", "2", "--type", "parent", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var r struct{ ID int }
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &r))
	id := strconv.Itoa(r.ID)
	res = f.run("organizations", "relationships", "list", "2")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "parent")
	res = f.run("organizations", "relationships", "update", id, "--type", "related")
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("organizations", "relationships", "get", id, "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"type": "related"`)
	res = f.run("organizations", "relationships", "delete", id)
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("organizations", "relationships", "add", "1", "1")
	assert.NotEqual(t, 0, res.code)
}
