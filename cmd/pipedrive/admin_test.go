package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/gopipedrive/pipedrive/internal/cli"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGoalsCommands(t *testing.T) {
	f := newFixture(t)
	today := cli.DemoTime // the demo server's clock
	start, end := today.AddDate(0, -1, 0).Format(time.DateOnly), today.AddDate(0, 1, 0).Format(time.DateOnly)
	res := f.run("goals", "create", "--type", "deals_won", "--target", "3", "--start", start, "--end", end, "--pipeline", "1", "--title", "Win three", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var g map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &g))
	id := g["id"].(string)
	assert.Equal(t, "Win three", g["title"])
	assert.Equal(t, map[string]any{"id": 1.0, "type": "person"}, g["assignee"], "you by default")
	res = f.run("goals", "create", "--type", "deals_started", "--target", "5000", "--metric", "sum", "--currency", "1", "--start", start,
		"--assignee-type", "company")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "5000 sum")

	res = f.run("goals", "list")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Win three")
	res = f.run("goals", "list", "--type", "deals_won", "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, 1, strings.Count(res.stdout, "\n"))
	res = f.run("goals", "list", "--inactive")
	require.Equal(t, 0, res.code, res.stderr)
	assert.NotContains(t, res.stdout, "Win three")

	res = f.run("goals", "update", id, "--target", "4", "--metric", "quantity")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "4 quantity")
	res = f.run("goals", "update", id, "--target", "4")
	assert.Equal(t, 2, res.code, "the metric is needed")
	res = f.run("goals", "result", id, "--from", start, "--to", end, "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"progress"`)
	res = f.run("goals", "result", id, "--from", start)
	assert.Equal(t, 2, res.code, "checked before the network")
	res = f.run("goals", "delete", id)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "deleted goal "+id)
	res = f.run("goals", "delete", id)
	assert.NotEqual(t, 0, res.code)
}

func TestMailboxCommands(t *testing.T) {
	f := newFixture(t)
	res := f.run("mailbox", "threads")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Pricing for the Q3 rollout")
	res = f.run("mailbox", "threads", "--folder", "sent", "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"subject":"Intro call follow-up"`)
	res = f.run("mailbox", "threads", "--folder", "spam")
	assert.Equal(t, 2, res.code)
	res = f.run("mailbox", "thread", "1")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "inbox")
	res = f.run("mailbox", "messages", "1", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"mail_thread_id": 1`)
	res = f.run("mailbox", "message", "2", "--body")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Following up")
	res = f.run("mailbox", "update", "1", "--deal", "1", "--read", "--archived")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "archive")
	res = f.run("mailbox", "update", "1", "--archived=false", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"inbox"`)
	res = f.run("mailbox", "update", "1")
	assert.Equal(t, 2, res.code, "nothing to change")
	res = f.run("mailbox", "delete", "2")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "deleted thread 2")
}

func TestMeetingsCommands(t *testing.T) {
	f := newFixture(t)
	res := f.run("users", "me", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var me map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &me))
	company := jsonNumber(me["company_id"])
	const link = "7b1c6a52-3f0e-4b8e-9d55-2f2d7f0c8a11"
	res = f.run("meetings", "link", link, "--user", "1", "--company", company, "--client-id", "video-app")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "added successfully")
	res = f.run("meetings", "unlink", link, "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "successfully removed")
	res = f.run("meetings", "unlink", "not-a-uuid")
	assert.Equal(t, 2, res.code)
}

func jsonNumber(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestRolesCommands(t *testing.T) {
	f := newFixture(t)
	res := f.run("roles", "create", "Sales", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var r map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &r))
	id := jsonNumber(r["id"])
	res = f.run("roles", "create", "EMEA", "--parent", id)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "EMEA")
	res = f.run("roles", "list")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "(Unassigned users)")
	assert.Contains(t, res.stdout, "EMEA")
	res = f.run("roles", "update", id, "--name", "Sales team")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Sales team")
	res = f.run("roles", "get", id, "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"name":"Sales team"`)

	res = f.run("roles", "assign", id, "1")
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("roles", "assignments", id)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Sales team")
	res = f.run("roles", "unassign", id, "1")
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("roles", "assignments", id, "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, "[]", strings.TrimSpace(res.stdout))

	res = f.run("roles", "set-setting", id, "deal_default_visibility", "1")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Regexp(t, `deal_default_visibility\s+1`, res.stdout)
	res = f.run("roles", "settings", id, "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"lead_default_visibility": 3`)
	res = f.run("roles", "set-setting", id, "deal_default_visibility", "4")
	assert.Equal(t, 2, res.code)

	res = f.run("roles", "set-pipelines", id, "--hide", "1")
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("roles", "pipelines", id, "--hidden", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"visible": false`)
	assert.Contains(t, res.stdout, "1")
	res = f.run("roles", "pipelines", id)
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("roles", "set-pipelines", id)
	assert.Equal(t, 2, res.code, "nothing to change")

	res = f.run("roles", "delete", id)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "deleted role "+id)
	res = f.run("roles", "get", "0")
	assert.Equal(t, 2, res.code)
}

func TestPermissionSetsCommands(t *testing.T) {
	f := newFixture(t)
	res := f.run("permission-sets", "list", "--app", "sales", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var sets []map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &sets))
	require.Len(t, sets, 2)
	id := sets[0]["id"].(string)
	res = f.run("permission-sets", "list")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Account settings")
	res = f.run("permission-sets", "get", id)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "can_")
	res = f.run("permission-sets", "assignments", id, "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"permission_set_id":"`+id+`"`)
	res = f.run("permission-sets", "list", "--app", "crm")
	assert.Equal(t, 2, res.code)
}
