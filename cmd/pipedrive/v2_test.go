package main

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopipedrive/pipedrive/pipedrivetest"
)

// newV2Fixture is newFixture for the API v2 tests.
func newV2Fixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	f.env["COLUMNS"] = "80"
	return f
}

// lastRequest returns the last request the server received for path.
func lastRequest(t *testing.T, srv *pipedrivetest.Server, method, path string) pipedrivetest.RecordedRequest {
	t.Helper()
	log := srv.RequestLog()
	for i := len(log) - 1; i >= 0; i-- {
		if log[i].Method == method && log[i].Path == path {
			return log[i]
		}
	}
	t.Fatalf("no %s %s request", method, path)
	return pipedrivetest.RecordedRequest{}
}

// TestGoldenV2 runs the read commands against API v2 (the default) and
// compares their output with the golden files.
func TestGoldenV2(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		{"v2_deals_list_table", []string{"deals", "list"}},
		{"v2_deals_list_json", []string{"deals", "list", "--limit", "2", "-o", "json"}},
		{"v2_deals_get_json", []string{"deals", "get", "2", "-o", "json"}},
		{"v2_deals_search_table", []string{"deals", "search", "acme", "--status", "open"}},
		{"v2_deals_funnel_table", []string{"deals", "funnel"}},
		{"v2_persons_list_table", []string{"persons", "list"}},
		{"v2_persons_get_json", []string{"persons", "get", "1", "-o", "json"}},
		{"v2_persons_search_table", []string{"persons", "search", "acme"}},
		{"v2_organizations_list_table", []string{"organizations", "list"}},
		{"v2_organizations_search_table", []string{"organizations", "search", "initech"}},
		{"v2_activities_list_table", []string{"activities", "list"}},
		{"v2_activities_get_json", []string{"activities", "get", "1", "-o", "json"}},
		{"v2_pipelines_list_table", []string{"pipelines", "list"}},
		{"v2_stages_list_table", []string{"stages", "list", "--pipeline", "1"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newV2Fixture(t)
			res := f.run(tc.args...)
			require.Equal(t, 0, res.code, "stderr: %s", res.stderr)
			golden(t, tc.name, res.stdout)
			for _, r := range f.srv.RequestLog() {
				if r.Method != http.MethodPost { // the seed data is created with POSTs to v1
					// Users are v1 and current (tables show owners' names).
					assert.True(t, strings.HasPrefix(r.Path, "/pipedrive/api/v2/") || r.Path == "/pipedrive/api/v1/users",
						"only current endpoints: %s %s", r.Method, r.Path)
				}
			}
		})
	}
}

func TestV2Requests(t *testing.T) {
	f := newV2Fixture(t)

	res := f.run("deals", "list", "--status", "open,won", "--stage", "3", "--pipeline", "1", "--owner", "1",
		"--sort", "update_time DESC", "--limit", "50", "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, 2, strings.Count(res.stdout, "\n"), "deals 2 and 7: %s", res.stdout)
	q, err := url.ParseQuery(lastRequest(t, f.srv, "GET", "/pipedrive/api/v2/deals").RawQuery)
	require.NoError(t, err)
	assert.Equal(t, url.Values{
		"status": {"open,won"}, "stage_id": {"3"}, "pipeline_id": {"1"}, "owner_id": {"1"},
		"sort_by": {"update_time"}, "sort_direction": {"desc"}, "limit": {"50"},
	}, q)

	res = f.run("deals", "list", "--limit", "4")
	require.Equal(t, 0, res.code, res.stderr)
	require.True(t, strings.HasPrefix(res.stderr, "more deals follow: add --cursor "), res.stderr)
	cursor := strings.Fields(strings.TrimPrefix(res.stderr, "more deals follow: add --cursor "))[0]
	res = f.run("deals", "list", "--limit", "4", "--cursor", cursor, "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.True(t, strings.HasPrefix(res.stdout, `{"id":5,`), "the second page starts at deal 5: %s", res.stdout)

	res = f.run("deals", "list", "--all", "--limit", "3", "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, 10, strings.Count(res.stdout, "\n"), "every cursor page")

	res = f.run("persons", "list", "--org", "1", "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, 2, strings.Count(res.stdout, "\n"), "Ann and Eva work at Acme")

	res = f.run("activities", "list", "--done=false", "--deal", "1", "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, 1, strings.Count(res.stdout, "\n"))
	q, err = url.ParseQuery(lastRequest(t, f.srv, "GET", "/pipedrive/api/v2/activities").RawQuery)
	require.NoError(t, err)
	assert.Equal(t, url.Values{"done": {"false"}, "deal_id": {"1"}}, q)

	res = f.run("activities", "list", "--type", "call")
	assert.Equal(t, 2, res.code)
	assert.Equal(t, "pipedrive: --type is not supported by `activities list` with API v2; try --api v1\n", res.stderr)

	res = f.run("deals", "get", "404")
	assert.Equal(t, 4, res.code)
	assert.Contains(t, res.stderr, "not found: GET /api/v2/deals/404")
}

func TestV2CRUD(t *testing.T) {
	f := newV2Fixture(t)
	field, ok := f.srv.Field("", "deal", "Notes summary")
	require.True(t, ok, "WithSeedData adds the Notes summary deal field")

	res := f.run("deals", "create", "--title", "Big deal", "--value", "5000", "--currency", "EUR", "--person", "1",
		"--org", "2", "--stage", "3", "--set", field.Key+"=hand-written", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	var body map[string]any
	require.NoError(t, json.Unmarshal(lastRequest(t, f.srv, "POST", "/pipedrive/api/v2/deals").Body, &body))
	assert.Equal(t, map[string]any{
		"title": "Big deal", "value": 5000.0, "currency": "EUR", "person_id": 1.0, "org_id": 2.0, "stage_id": 3.0,
		"custom_fields": map[string]any{field.Key: "hand-written"},
	}, body)
	var deal struct {
		ID           int
		Title        string
		Value        float64
		Status       string
		CustomFields map[string]any `json:"custom_fields"`
	}
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &deal))
	assert.Equal(t, 11, deal.ID)
	assert.Equal(t, "hand-written", deal.CustomFields[field.Key])

	res = f.run("deals", "update", "11", "--value", "0", "--status", "won", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	body = nil
	require.NoError(t, json.Unmarshal(lastRequest(t, f.srv, "PATCH", "/pipedrive/api/v2/deals/11").Body, &body))
	assert.Equal(t, map[string]any{"value": 0.0, "status": "won"}, body, "only the flags given, zero included")
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &deal))
	assert.Equal(t, "Big deal", deal.Title)
	assert.Equal(t, "won", deal.Status)

	res = f.run("deals", "delete", "11", "-o", "ndjson")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, `{"deleted":true,"id":11}`+"\n", res.stdout)

	res = f.run("persons", "create", "--name", "Zoe Quinn", "--email", "zoe@example.com", "--org", "2")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "zoe@example.com")
	res = f.run("persons", "update", "6", "--phone", "+1 555 0100")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "+1 555 0100")
	assert.Equal(t, 0, f.run("persons", "delete", "6").code)

	res = f.run("organizations", "create", "--name", "Hooli", "--address", "Palo Alto")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Palo Alto")
	res = f.run("organizations", "update", "5", "--name", "Hooli XYZ")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Hooli XYZ")
	assert.Equal(t, 0, f.run("organizations", "delete", "5").code)

	res = f.run("activities", "create", "--subject", "Demo", "--type", "meeting", "--due-date", "2026-03-10", "--deal", "1")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "Demo")
	res = f.run("activities", "update", "4", "--done")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "DONE     yes")
	assert.Equal(t, 0, f.run("activities", "delete", "4").code)
	res = f.run("activities", "create", "--subject", "x", "--set", field.Key+"=1")
	assert.Equal(t, 2, res.code, "v2 activities have no custom fields")
}
