package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLeadLabelsCommands(t *testing.T) {
	f := newFixture(t)
	res := f.run("leads", "labels", "create", "--name", "VIP", "--color", "purple", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var l map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &l))
	id := l["id"].(string)
	res = f.run("leads", "labels", "update", id, "--color", "green", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"color": "green"`)
	res = f.run("leads", "labels", "list")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "VIP")
	assert.Contains(t, res.stdout, "Hot")
	res = f.run("leads", "labels", "delete", id)
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("leads", "labels", "create", "--name", "x", "--color", "violet")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "invalid --color")
	res = f.run("leads", "sources", "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `{"name":"API"}`)
}

func TestLeadsCommands(t *testing.T) {
	f := newFixture(t)
	res := f.run("leads", "create", "--title", "Inbound", "--person", "1", "--value", "500", "--currency", "EUR", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var l map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &l))
	id := l["id"].(string)
	res = f.run("leads", "get", id)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "500 EUR")
	assert.Contains(t, res.stdout, "Ann Lee", "the person's name, not its id")
	res = f.run("leads", "update", id, "--archived", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"is_archived": true`)
	res = f.run("leads", "list", "--archived", "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, id)
	res = f.run("leads", "delete", id)
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("leads", "create", "--title", "x")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "invalid --person: a lead must be linked to a person or an organization")
	res = f.run("leads", "get", "not-a-uuid")
	assert.Equal(t, 2, res.code)
}

func TestLeadsConvert(t *testing.T) {
	f := newFixture(t)
	res := f.run("leads", "create", "--title", "Convert me", "--person", "1", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var l map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &l))
	res = f.run("leads", "convert", l["id"].(string), "--stage", "2", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"status": "completed"`)
	assert.Contains(t, res.stdout, `"deal_id"`)
	res = f.run("leads", "get", l["id"].(string))
	assert.Equal(t, 4, res.code, "the lead became a deal")
}
