package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWebhooksCommands(t *testing.T) {
	f := newFixture(t)
	res := f.run("webhooks", "create", "--url", "https://hooks.example.com/p", "--object", "deal", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stderr, "basic auth generated")
	var w map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &w))
	assert.Equal(t, "2.0", w["version"])
	assert.Equal(t, "*.deal", w["name"])

	res = f.run("webhooks", "list")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "https://hooks.example.com/p")
	assert.NotContains(t, res.stdout, "--password")

	res = f.run("webhooks", "create", "--url", "http://hooks.example.com/p")
	assert.Equal(t, 2, res.code, "plain http refused")
	assert.Contains(t, res.stderr, "--url")

	res = f.run("webhooks", "delete", "1")
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("webhooks", "listen")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "--user and --password are required")
}

// TestWebhooksListenDemo: the demo subscribes the fake to the listener,
// makes changes, and every event arrives as one JSON line.
func TestWebhooksListenDemo(t *testing.T) {
	res := runCmd(nil, "", "--demo", "webhooks", "listen")
	require.Equal(t, 0, res.code, res.stderr)
	lines := strings.Split(strings.TrimSpace(res.stdout), "\n")
	require.Len(t, lines, 5, res.stdout)
	var actions []string
	for _, l := range lines {
		var ev struct {
			Meta struct {
				Action string `json:"action"`
				Entity string `json:"entity"`
			} `json:"meta"`
		}
		require.NoError(t, json.Unmarshal([]byte(l), &ev), l)
		actions = append(actions, ev.Meta.Action+"."+ev.Meta.Entity)
	}
	assert.Equal(t, []string{"create.deal", "change.deal", "create.person", "delete.person", "delete.deal"}, actions)
	res = runCmd(nil, "", "--demo", "webhooks", "listen", "-o", "table")
	require.Equal(t, 0, res.code, res.stderr)
	assert.True(t, strings.HasPrefix(res.stdout, "TIME"), res.stdout)
}
