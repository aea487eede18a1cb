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

func TestFollowersCommands(t *testing.T) {
	f := newFixture(t)
	for _, kind := range []string{"deals", "persons", "organizations"} {
		res := f.run(kind, "followers", "list", "1")
		require.Equal(t, 0, res.code, res.stderr)
		assert.Contains(t, res.stdout, "USER")
		res = f.run(kind, "followers", "add", "1", "2", "-o", "json")
		require.Equal(t, 0, res.code, res.stderr)
		assert.Contains(t, res.stdout, `"user_id": 2`)
		res = f.run(kind, "followers", "list", "1", "-o", "ndjson")
		require.Equal(t, 0, res.code, res.stderr)
		assert.Contains(t, res.stdout, `"user_id":2`)
		res = f.run(kind, "followers", "delete", "1", "2")
		require.Equal(t, 0, res.code, res.stderr)
		assert.Contains(t, res.stdout, "deleted follower 2")
		res = f.run(kind, "followers", "changelog", "1")
		require.Equal(t, 0, res.code, res.stderr)
		assert.Contains(t, res.stdout, "removed")
	}
	res := f.run("deals", "followers", "add", "1")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "missing argument: DEAL_ID USER_ID")
	res = f.run("persons", "followers", "list", "0")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, `"0" is not a person id`)
}

func TestDiscountsCommands(t *testing.T) {
	f := newFixture(t)
	res := f.run("deals", "discounts", "add", "1", "--description", "Loyalty", "--amount", "10", "--type", "percentage", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var d map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &d))
	id := d["id"].(string)
	res = f.run("deals", "discounts", "update", "1", id, "--amount", "12")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "12")
	res = f.run("deals", "discounts", "list", "1", "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"description":"Loyalty"`)
	res = f.run("deals", "discounts", "delete", "1", id)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "deleted discount "+id)
	res = f.run("deals", "discounts", "add", "1", "--description", "x", "--amount", "5", "--type", "fixed")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "percentage or amount")
	res = f.run("deals", "discounts", "update", "1", "not-a-uuid", "--amount", "5")
	assert.Equal(t, 2, res.code, "checked before the network")
}

func TestHistoryCommands(t *testing.T) {
	f := newFixture(t)
	res := f.run("deals", "update", "1", "--title", "Renamed deal")
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("deals", "changelog", "1")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Renamed deal")
	res = f.run("deals", "updates", "1", "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"object":"dealChange"`)
	for _, kind := range []string{"deals", "persons", "organizations"} {
		for _, sub := range []string{"files", "mail", "permitted-users", "changelog", "updates"} {
			res = f.run(kind, sub, "1")
			require.Equal(t, 0, res.code, "%s %s: %s", kind, sub, res.stderr)
		}
	}
	res = f.run("deals", "duplicate", "1", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var d map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &d))
	copyID := strconv.Itoa(int(d["id"].(float64)))
	res = f.run("deals", "merge", copyID, "1")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Renamed deal")
	res = f.run("persons", "merge", "1", "1")
	assert.Equal(t, 2, res.code, "refused before the network: %s", res.stderr)
}

func TestParticipantsCommands(t *testing.T) {
	f := newFixture(t)
	res := f.run("deals", "participants", "add", "1", "2", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var p map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &p))
	id := strconv.Itoa(int(p["id"].(float64)))
	res = f.run("deals", "participants", "list", "1")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "PERSON")
	res = f.run("deals", "participants", "delete", "1", id)
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("deals", "participants", "changelog", "1")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "removed")
}

func TestStatsCommands(t *testing.T) {
	f := newFixture(t)
	for _, args := range [][]string{
		{"deals", "summary"}, {"deals", "summary", "--status", "open", "--pipeline", "1", "-o", "json"},
		{"deals", "timeline", "--start", "2026-01-01", "--interval", "quarter", "--periods", "2"},
		{"deals", "timeline", "--start", "2026-03-01", "-o", "ndjson"},
		{"pipelines", "conversion", "1", "--from", "2026-01-01", "--to", "2026-12-31"},
		{"pipelines", "movements", "1", "--from", "2026-01-01", "--to", "2026-12-31", "--owner", "1"},
	} {
		res := f.run(args...)
		require.Equal(t, 0, res.code, "%v: %s", args, res.stderr)
		assert.NotEmpty(t, res.stdout, args)
	}
	res := f.run("deals", "timeline")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "--start")
	res = f.run("pipelines", "movements", "1", "--from", "2026-02-01", "--to", "2026-01-01")
	assert.Equal(t, 2, res.code)
}

func TestPictureCommands(t *testing.T) {
	f := newFixture(t)
	file := filepath.Join(t.TempDir(), "me.png")
	require.NoError(t, os.WriteFile(file, []byte("PNG image bytes"), 0o600))
	res := f.run("persons", "picture", "set", "1", file, "--crop", "0,0,64,64")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "_128.jpg")
	res = f.run("persons", "picture", "get", "1", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"file_size": 15`)
	res = f.run("persons", "picture", "delete", "1")
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("persons", "picture", "set", "1", file, "--crop", "0,0")
	assert.Equal(t, 2, res.code)
	res = f.run("persons", "picture", "set", "1", filepath.Join(t.TempDir(), "missing.png"))
	assert.Equal(t, 2, res.code)
}

func TestUsersCommentsCommands(t *testing.T) {
	f := newFixture(t)
	for _, args := range [][]string{
		{"users", "find", "a"}, {"users", "find", "example", "--email", "-o", "json"}, {"users", "followers", "1"},
		{"users", "permissions", "1"}, {"users", "roles", "1"}, {"users", "create", "new@example.com"},
		{"leads", "fields"},
	} {
		res := f.run(args...)
		require.Equal(t, 0, res.code, "%v: %s", args, res.stderr)
	}
	res := f.run("users", "create", "new2@example.com", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var u map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &u))
	uid := strconv.Itoa(int(u["id"].(float64)))
	res = f.run("users", "deactivate", uid)
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("users", "activate", uid)
	require.Equal(t, 0, res.code, res.stderr)

	res = f.run("notes", "comments", "add", "1", "Looks good", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var c map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &c))
	id := c["uuid"].(string)
	res = f.run("notes", "comments", "update", "1", id, "Looks great")
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("notes", "comments", "get", "1", id)
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Looks great")
	res = f.run("notes", "comments", "list", "1")
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("notes", "comments", "delete", "1", id)
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("notes", "comments", "get", "1", "not-a-uuid")
	assert.Equal(t, 2, res.code)
}

func TestProductsCommands(t *testing.T) {
	f := newFixture(t)
	res := f.run("products", "create", "--name", "Widget", "--code", "W-1", "--price", "EUR:100", "--price", "usd:110", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var p map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &p))
	id := strconv.Itoa(int(p["id"].(float64)))
	for _, args := range [][]string{
		{"products", "list"}, {"products", "list", "--all", "--limit", "1", "-o", "ndjson"}, {"products", "get", id},
		{"products", "update", id, "--name", "Widget Pro", "--tax", "20", "--price", "EUR:120"},
		{"products", "search", "widget"}, {"products", "duplicate", id},
		{"products", "variations", "add", id, "--name", "Large", "--price", "EUR:130"},
		{"products", "variations", "list", id},
	} {
		res = f.run(args...)
		require.Equal(t, 0, res.code, "%v: %s", args, res.stderr)
	}
	res = f.run("products", "get", id)
	assert.Contains(t, res.stdout, "Widget Pro")
	assert.Contains(t, res.stdout, "120 EUR")
	res = f.run("products", "variations", "list", id, "-o", "json")
	var vs []map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &vs))
	require.Len(t, vs, 1)
	vid := strconv.Itoa(int(vs[0]["id"].(float64)))
	res = f.run("products", "variations", "update", id, vid, "--name", "XL")
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("products", "variations", "delete", id, vid)
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("products", "delete", id)
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("products", "create", "--price", "EUR:1")
	assert.Equal(t, 2, res.code, "a name is required")
}

func TestDealProductsCommands(t *testing.T) {
	f := newFixture(t)
	res := f.run("deals", "products", "add", "1", "1", "--price", "100", "--quantity", "2", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var l map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &l))
	id := strconv.Itoa(int(l["id"].(float64)))
	res = f.run("deals", "products", "update", "1", id, "--quantity", "3", "--discount", "10")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "270")
	res = f.run("deals", "get", "1", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"value": 270`, "the deal's value follows its products")
	res = f.run("deals", "products", "list", "1")
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("deals", "installments", "add", "1", "--description", "First", "--amount", "135", "--date", "2026-04-01", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var in map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &in))
	res = f.run("deals", "installments", "list", "1")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "2026-04-01")
	res = f.run("deals", "installments", "delete", "1", strconv.Itoa(int(in["id"].(float64))))
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("deals", "products", "delete", "1", id)
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("deals", "products", "add", "1", "1", "--quantity", "0")
	assert.Equal(t, 2, res.code)
}

func TestSmallCurrentCommands(t *testing.T) {
	f := newFixture(t)
	res := f.run("currencies", "eur")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Euro")
	res = f.run("leads", "create", "--title", "Inbound search", "--person", "1")
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("leads", "search", "inbound")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Inbound search")
	res = f.run("deals", "products", "add", "2", "1", "--price", "10")
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("products", "deals", "1")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "TITLE")
	res = f.run("currencies", "a", "b")
	assert.Equal(t, 2, res.code)
}

func TestProductImageCommands(t *testing.T) {
	f := newFixture(t)
	file := filepath.Join(t.TempDir(), "box.png")
	require.NoError(t, os.WriteFile(file, []byte("PNG"), 0o600))
	for range 2 { // upload, then replace
		res := f.run("products", "image", "set", "1", file)
		require.Equal(t, 0, res.code, res.stderr)
	}
	res := f.run("products", "image", "get", "1")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "image/png")
	res = f.run("products", "image", "delete", "1")
	require.Equal(t, 0, res.code, res.stderr)
}

func TestFieldsCommands(t *testing.T) {
	f := newFixture(t)
	res := f.run("fields", "create", "person", "Tier", "--type", "enum", "--option", "Gold", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var fd map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &fd))
	code := fd["field_code"].(string)
	for _, args := range [][]string{
		{"fields", "list", "persons"}, {"fields", "get", "person", code},
		{"fields", "rename", "person", code, "Customer tier"},
		{"fields", "options", "add", "person", code, "Silver"},
	} {
		res = f.run(args...)
		require.Equal(t, 0, res.code, "%v: %s", args, res.stderr)
	}
	res = f.run("fields", "options", "add", "person", code, "Bronze", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var os []map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &os))
	id := strconv.Itoa(int(os[0]["id"].(float64)))
	res = f.run("fields", "options", "rename", "person", code, id, "Copper")
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("fields", "options", "delete", "person", code, id)
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("fields", "delete", "person", code)
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("fields", "list", "leads")
	assert.Equal(t, 2, res.code)
}

func TestActivityTypesCommands(t *testing.T) {
	f := newFixture(t)
	res := f.run("activities", "types", "create", "Video call", "--icon", "camera", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var at map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &at))
	id := strconv.Itoa(int(at["id"].(float64)))
	res = f.run("activities", "types", "update", id, "--color", "112233", "--name", "Video")
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("activities", "types", "list")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "video_call")
	res = f.run("activities", "types", "delete", id)
	require.Equal(t, 0, res.code, res.stderr)
	res = f.run("activities", "types", "create", "x", "--icon", "rocket")
	assert.Equal(t, 2, res.code)
}

func TestRecentsCommand(t *testing.T) {
	f := newFixture(t)
	res := f.run("recents", "--since", "2026-01-01T00:00:00Z", "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `{"item":"deal","id":1,`)
	res = f.run("recents", "--since", "2026-01-01T00:00:00Z", "--item", "person")
	require.Equal(t, 0, res.code, res.stderr)
	assert.NotContains(t, res.stdout, "deal")
	res = f.run("recents", "--since", "yesterday")
	assert.Equal(t, 2, res.code)
}
