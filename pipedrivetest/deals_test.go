package pipedrivetest_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopipedrive/pipedrive/pipedrivetest"
)

const customKey = "0123456789abcdef0123456789abcdef01234567"

func TestDealLifecycle(t *testing.T) {
	clock := newFakeClock()
	srv := newServer(t, pipedrivetest.WithSeedData(), pipedrivetest.WithClock(clock.Now))
	orgID := create(t, srv, "/organizations", map[string]any{"name": "Acme", "address": "1 Main St"})
	personID := create(t, srv, "/persons", map[string]any{"name": "Bob Buyer", "email": "bob@acme.test", "org_id": orgID})

	// Create: 201, value as a string (as the spec types it), custom fields.
	res := do(t, srv, http.MethodPost, v1+"/deals", map[string]any{
		"title": "Big deal", "value": "1500", "currency": "EUR", "person_id": personID, "org_id": orgID,
		"visible_to": "1", "label": []int{3, 5},
		customKey: "blue", customKey + "_currency": "EUR",
	})
	require.Equal(t, http.StatusCreated, res.Status, string(res.Raw))
	d := res.Data()
	assert.Equal(t, float64(1), d["id"])
	assert.Equal(t, "Big deal", d["title"])
	assert.Equal(t, float64(1500), d["value"])
	assert.Equal(t, "EUR", d["currency"])
	assert.Equal(t, "open", d["status"])
	assert.Equal(t, "1", d["visible_to"])
	assert.Equal(t, "3,5", d["label"])
	assert.Equal(t, float64(1), d["stage_id"], "default: first stage of the first pipeline")
	assert.Equal(t, float64(1), d["pipeline_id"])
	assert.Equal(t, "2026-03-04 05:06:07", d["add_time"])
	assert.Equal(t, "blue", d[customKey])
	assert.Equal(t, "EUR", d[customKey+"_currency"])
	assert.Equal(t, "€1,500", d["formatted_value"])
	assert.Equal(t, true, d["active"])
	assert.Equal(t, false, d["deleted"])
	user := d["user_id"].(map[string]any)
	assert.Equal(t, map[string]any{"id": float64(1), "name": "Alice Admin", "email": "alice@example.com",
		"has_pic": false, "pic_hash": nil, "active_flag": true, "value": float64(1)}, user)
	assert.Equal(t, user, d["creator_user_id"])
	person := d["person_id"].(map[string]any)
	assert.Equal(t, float64(personID), person["value"])
	assert.Equal(t, "Bob Buyer", person["name"])
	assert.Equal(t, []any{map[string]any{"value": "bob@acme.test", "primary": true, "label": "work"}}, person["email"])
	org := d["org_id"].(map[string]any)
	assert.Equal(t, float64(orgID), org["value"])
	assert.Equal(t, "1 Main St", org["address"])
	assert.Equal(t, float64(1), org["people_count"])
	rel := res.Body["related_objects"].(map[string]any)
	for _, k := range []string{"user", "person", "organization", "stage", "pipeline"} {
		assert.Contains(t, rel, k)
	}
	assert.Equal(t, "Qualified", rel["stage"].(map[string]any)["1"].(map[string]any)["name"])

	// A deal without person or organization renders them as null.
	bare := do(t, srv, http.MethodPost, v1+"/deals", map[string]any{"title": "Bare", "value": 10, "stage_id": 3}).Data()
	assert.Nil(t, bare["person_id"])
	assert.Nil(t, bare["org_id"])
	assert.Equal(t, float64(3), bare["stage_id"])
	assert.Equal(t, "USD", bare["currency"], "default currency of the authorizing user")

	// Validation errors.
	res = do(t, srv, http.MethodPost, v1+"/deals", map[string]any{"value": 5})
	assert.Equal(t, http.StatusBadRequest, res.Status)
	assert.Equal(t, pdErrorBody("Deal title must be given."), res.Body)
	res = do(t, srv, http.MethodPost, v1+"/deals", map[string]any{"title": "x", "stage_id": 99})
	assert.Equal(t, http.StatusBadRequest, res.Status)
	assert.Equal(t, false, res.Body["success"])
	res = do(t, srv, http.MethodPost, v1+"/deals", map[string]any{"title": "x", "person_id": 99})
	assert.Equal(t, http.StatusBadRequest, res.Status)
	assert.Equal(t, http.StatusBadRequest, do(t, srv, http.MethodPost, v1+"/deals", `{"title":`).Status)

	// Get.
	clock.Advance(90 * time.Minute)
	res = do(t, srv, http.MethodGet, v1+"/deals/1", nil)
	require.Equal(t, http.StatusOK, res.Status)
	assert.Equal(t, float64(5400), res.Data()["age"].(map[string]any)["total_seconds"])
	assert.Contains(t, res.Data(), "stay_in_pipeline_stages")
	assert.Equal(t, "emulated+deal1@pipedrivemail.com", res.Body["additional_data"].(map[string]any)["dropbox_email"])
	res = do(t, srv, http.MethodGet, v1+"/deals/999", nil)
	assert.Equal(t, http.StatusNotFound, res.Status)
	assert.Equal(t, pdErrorBody("Deal not found"), res.Body)

	// Partial update: only the fields sent change.
	res = do(t, srv, http.MethodPut, v1+"/deals/1", map[string]any{"stage_id": 4, "status": "won", customKey: nil})
	require.Equal(t, http.StatusOK, res.Status, string(res.Raw))
	d = res.Data()
	assert.Equal(t, "Big deal", d["title"])
	assert.Equal(t, float64(1500), d["value"])
	assert.Equal(t, float64(4), d["stage_id"])
	assert.Equal(t, "won", d["status"])
	assert.Equal(t, "2026-03-04 06:36:07", d["won_time"])
	assert.Equal(t, d["won_time"], d["close_time"])
	assert.Equal(t, "2026-03-04 06:36:07", d["stage_change_time"])
	assert.Equal(t, "2026-03-04 06:36:07", d["update_time"])
	assert.Equal(t, "2026-03-04 05:06:07", d["add_time"])
	assert.NotContains(t, d, customKey, "null removes a custom field")
	assert.Equal(t, "EUR", d[customKey+"_currency"])
	assert.Equal(t, http.StatusNotFound, do(t, srv, http.MethodPut, v1+"/deals/999", map[string]any{"title": "x"}).Status)
	assert.Equal(t, http.StatusBadRequest, do(t, srv, http.MethodPut, v1+"/deals/1", map[string]any{"title": ""}).Status)
	assert.Equal(t, http.StatusBadRequest, do(t, srv, http.MethodPut, v1+"/deals/1", map[string]any{"status": "bogus"}).Status)
	assert.Equal(t, "won", do(t, srv, http.MethodGet, v1+"/deals/1", nil).Data()["status"], "failed update changed nothing")

	// A stage change implies the pipeline.
	pipelineID, stageIDs := srv.AddPipeline("", "Partners", "Intro", "Signed")
	d = do(t, srv, http.MethodPut, v1+"/deals/2", map[string]any{"stage_id": stageIDs[1]}).Data()
	assert.Equal(t, float64(pipelineID), d["pipeline_id"])
	d = do(t, srv, http.MethodPut, v1+"/deals/2", map[string]any{"pipeline_id": 1}).Data()
	assert.Equal(t, float64(1), d["stage_id"], "a pipeline alone moves the deal to its first stage")

	// Delete is a soft delete.
	res = do(t, srv, http.MethodDelete, v1+"/deals/2", nil)
	require.Equal(t, http.StatusOK, res.Status)
	assert.Equal(t, map[string]any{"success": true, "data": map[string]any{"id": float64(2)}}, res.Body)
	assert.Equal(t, []int{1}, do(t, srv, http.MethodGet, v1+"/deals", nil).IDs())
	assert.Equal(t, []int{2}, do(t, srv, http.MethodGet, v1+"/deals?status=deleted", nil).IDs())
	got := do(t, srv, http.MethodGet, v1+"/deals/2", nil).Data()
	assert.Equal(t, "deleted", got["status"])
	assert.Equal(t, true, got["deleted"])
	assert.Equal(t, http.StatusNotFound, do(t, srv, http.MethodDelete, v1+"/deals/999", nil).Status)
}

func TestDealListFiltersSortAndPagination(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	bobID := srv.AddUser("", "Bob Seller", "bob@example.com")
	for i, spec := range []map[string]any{
		{"title": "Charlie", "value": 300, "stage_id": 1},
		{"title": "alpha", "value": 100, "stage_id": 2, "user_id": bobID},
		{"title": "Bravo", "value": 200, "stage_id": 2, "status": "won"},
		{"title": "Delta", "value": 200, "stage_id": 3, "status": "lost", "user_id": bobID},
		{"title": "Echo", "value": 50, "stage_id": 1},
	} {
		assert.Equal(t, i+1, create(t, srv, "/deals", spec))
	}
	list := func(q string) []int {
		t.Helper()
		res := do(t, srv, http.MethodGet, v1+"/deals?"+q, nil)
		require.Equal(t, http.StatusOK, res.Status, string(res.Raw))
		return res.IDs()
	}
	assert.Equal(t, []int{1, 2, 3, 4, 5}, list(""))
	assert.Equal(t, []int{1, 2, 5}, list("status=open"))
	assert.Equal(t, []int{3}, list("status=won"))
	assert.Equal(t, []int{4}, list("status=lost"))
	assert.Equal(t, []int{2, 3}, list("stage_id=2"))
	assert.Equal(t, []int{2, 4}, list(url.Values{"user_id": {itoa(bobID)}}.Encode()))
	assert.Equal(t, []int{1, 3, 5}, list("owned_by_you=1"))
	assert.Equal(t, []int{1, 3, 5}, list("owned_by_you=1&user_id="+itoa(bobID)), "owned_by_you wins over user_id")
	assert.Equal(t, []int{1, 2, 3, 4, 5}, list("filter_id=7&owned_by_you=1"), "filter_id (not emulated) wins")
	assert.Equal(t, http.StatusBadRequest, do(t, srv, http.MethodGet, v1+"/deals?status=bogus", nil).Status)
	assert.Equal(t, http.StatusBadRequest, do(t, srv, http.MethodGet, v1+"/deals?limit=x", nil).Status)

	// Sorting: strings case-insensitively, several keys, reference objects by id.
	assert.Equal(t, []int{2, 3, 1, 4, 5}, list("sort=title+ASC"))
	assert.Equal(t, []int{1, 3, 4, 2, 5}, list(url.Values{"sort": {"value DESC, title ASC"}}.Encode()))
	assert.Equal(t, []int{1, 3, 5, 2, 4}, list(url.Values{"sort": {"user_id ASC,id ASC"}}.Encode()))

	// Pagination: next_start only when there are more items.
	res := do(t, srv, http.MethodGet, v1+"/deals?start=0&limit=2", nil)
	assert.Equal(t, []int{1, 2}, res.IDs())
	assert.Equal(t, map[string]any{"start": float64(0), "limit": float64(2),
		"more_items_in_collection": true, "next_start": float64(2)}, res.Pagination())
	res = do(t, srv, http.MethodGet, v1+"/deals?start=4&limit=2", nil)
	assert.Equal(t, []int{5}, res.IDs())
	assert.Equal(t, map[string]any{"start": float64(4), "limit": float64(2),
		"more_items_in_collection": false}, res.Pagination())
	res = do(t, srv, http.MethodGet, v1+"/deals?start=10", nil)
	assert.Nil(t, res.Body["data"], "an empty page is data:null")
	assert.NotContains(t, res.Body, "related_objects")
	assert.Equal(t, float64(100), res.Pagination()["limit"], "default limit")
	assert.Equal(t, float64(500), do(t, srv, http.MethodGet, v1+"/deals?limit=5000", nil).Pagination()["limit"])
}

func TestDealSearch(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	orgID := create(t, srv, "/organizations", map[string]any{"name": "Globex"})
	personID := create(t, srv, "/persons", map[string]any{"name": "Hank"})
	create(t, srv, "/deals", map[string]any{"title": "Globex renewal", "value": 100, "person_id": personID, "org_id": orgID})
	create(t, srv, "/deals", map[string]any{"title": "Initech", customKey: "renewal via partner"})
	create(t, srv, "/deals", map[string]any{"title": "Renewal", "status": "won"})
	create(t, srv, "/notes", map[string]any{"content": "talked about renewal pricing", "deal_id": 2})

	search := func(q string) result {
		t.Helper()
		res := do(t, srv, http.MethodGet, v1+"/deals/search?"+q, nil)
		require.Equal(t, http.StatusOK, res.Status, string(res.Raw))
		return res
	}
	items := func(res result) []map[string]any {
		var out []map[string]any
		for _, it := range res.Data()["items"].([]any) {
			out = append(out, it.(map[string]any))
		}
		return out
	}
	ids := func(res result) []int {
		var out []int
		for _, it := range items(res) {
			out = append(out, int(it["item"].(map[string]any)["id"].(float64)))
		}
		return out
	}

	res := search("term=renewal")
	assert.ElementsMatch(t, []int{1, 2, 3}, ids(res))
	assert.Equal(t, 3, ids(res)[0], "the exact title match scores highest")
	assert.Equal(t, map[string]any{"start": float64(0), "limit": float64(100), "more_items_in_collection": false}, res.Pagination())
	first := items(res)[0]
	assert.IsType(t, float64(0), first["result_score"])

	for _, it := range items(res) {
		item := it["item"].(map[string]any)
		if item["id"] != float64(1) {
			continue
		}
		assert.Equal(t, map[string]any{
			"id": float64(1), "type": "deal", "title": "Globex renewal", "value": float64(100), "currency": "USD",
			"status": "open", "visible_to": float64(3), "owner": map[string]any{"id": float64(1)},
			"stage":         map[string]any{"id": float64(1), "name": "Qualified"},
			"person":        map[string]any{"id": float64(personID), "name": "Hank"},
			"organization":  map[string]any{"id": float64(orgID), "name": "Globex"},
			"custom_fields": []any{}, "notes": []any{}, "is_archived": false,
		}, item)
	}
	assert.Equal(t, []int{3}, ids(search("term=renewal&fields=title&exact_match=true")))
	assert.Equal(t, []int{2}, ids(search("term=partner&fields=custom_fields")))
	assert.Equal(t, []int{2}, ids(search("term=pricing&fields=notes")))
	assert.Equal(t, []int{1}, ids(search("term=renewal&person_id="+itoa(personID))))
	assert.Equal(t, []int{1}, ids(search("term=renewal&organization_id="+itoa(orgID))))
	assert.Equal(t, []int{3}, ids(search("term=renewal&status=won")))
	res = search("term=renewal&limit=1")
	assert.Len(t, items(res), 1)
	assert.Equal(t, float64(1), res.Pagination()["next_start"])

	for _, q := range []string{"term=r", "", "term=renewal&fields=bogus"} {
		res := do(t, srv, http.MethodGet, v1+"/deals/search?"+q, nil)
		assert.Equal(t, http.StatusBadRequest, res.Status, q)
		assert.Equal(t, false, res.Body["success"], q)
	}
	assert.Equal(t, http.StatusOK, do(t, srv, http.MethodGet, v1+"/deals/search?term=r&exact_match=true", nil).Status,
		"one character is fine with exact_match")

	// Deleted deals are not found.
	do(t, srv, http.MethodDelete, v1+"/deals/3", nil)
	assert.ElementsMatch(t, []int{1, 2}, ids(search("term=renewal")))
}

func TestDealBulkDeleteAndFormBodies(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	req, err := http.NewRequest(http.MethodPost, srv.URL+v1+"/deals",
		strings.NewReader(url.Values{"title": {"Form deal"}, "value": {"42.5"}, "label[]": {"1", "2"}}.Encode()))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+srv.APIKey)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusCreated, resp.StatusCode)
	d := do(t, srv, http.MethodGet, v1+"/deals/1", nil).Data()
	assert.Equal(t, "Form deal", d["title"])
	assert.Equal(t, 42.5, d["value"])
	assert.Equal(t, "1,2", d["label"])

	create(t, srv, "/deals", map[string]any{"title": "two"})
	create(t, srv, "/deals", map[string]any{"title": "three"})
	res := do(t, srv, http.MethodDelete, v1+"/deals?ids=1,3,99", nil)
	require.Equal(t, http.StatusOK, res.Status)
	assert.Equal(t, map[string]any{"id": []any{float64(1), float64(3)}}, res.Data())
	assert.Equal(t, []int{2}, do(t, srv, http.MethodGet, v1+"/deals", nil).IDs())
	assert.Equal(t, http.StatusBadRequest, do(t, srv, http.MethodDelete, v1+"/deals", nil).Status)
}

func TestDealWithoutPipelines(t *testing.T) {
	srv := newServer(t) // no seed data: no pipeline
	res := do(t, srv, http.MethodPost, v1+"/deals", map[string]any{"title": "x"})
	assert.Equal(t, http.StatusBadRequest, res.Status)
	srv.AddPipeline("", "Only", "First")
	assert.Equal(t, http.StatusCreated, do(t, srv, http.MethodPost, v1+"/deals", map[string]any{"title": "x"}).Status)
}

func TestWireShapesOption(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	d := do(t, srv, http.MethodPost, v1+"/deals", map[string]any{"title": "x"}).Data()
	assert.Equal(t, false, d["user_id"].(map[string]any)["has_pic"], "the spec's boolean by default")
	assert.Equal(t, false, d["creator_user_id"].(map[string]any)["has_pic"])
	live := newServer(t, pipedrivetest.WithSeedData(), pipedrivetest.WithLiveWireShapes())
	d = do(t, live, http.MethodPost, v1+"/deals", map[string]any{"title": "x"}).Data()
	assert.Equal(t, float64(0), d["user_id"].(map[string]any)["has_pic"], "0/1 as captured live")
	p := do(t, srv, http.MethodPost, v1+"/persons", map[string]any{"name": "y"}).Data()
	assert.Equal(t, float64(0), p["owner_id"].(map[string]any)["has_pic"], "owner_id has_pic is an integer in the spec")
}

func TestResetData(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	create(t, srv, "/deals", map[string]any{"title": "x"})
	srv.ResetData()
	assert.Nil(t, do(t, srv, http.MethodGet, v1+"/deals", nil).Body["data"])
	assert.Equal(t, 1, create(t, srv, "/deals", map[string]any{"title": "again"}))
	assert.Len(t, do(t, srv, http.MethodGet, v1+"/stages", nil).List(), 4, "seed data restored")
}
