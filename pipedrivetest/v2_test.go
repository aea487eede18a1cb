package pipedrivetest_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopipedrive/pipedrive/pipedrivetest"
)

// createV2 posts body to /pipedrive/api/v2/<path>, expects 200 and returns
// the new object.
func createV2(t *testing.T, srv *pipedrivetest.Server, path string, body any) map[string]any {
	t.Helper()
	res := do(t, srv, http.MethodPost, v2+path, body)
	require.Equalf(t, http.StatusOK, res.Status, "create %s: %s", path, res.Raw)
	return res.Data()
}

func num(v any) int { return int(v.(float64)) }

func TestV2DealLifecycle(t *testing.T) {
	clock := newFakeClock()
	srv := newServer(t, pipedrivetest.WithSeedData(), pipedrivetest.WithClock(clock.Now))
	org := createV2(t, srv, "/organizations", map[string]any{"name": "Acme"})
	person := createV2(t, srv, "/persons", map[string]any{"name": "Bob Buyer", "org_id": org["id"]})

	// Create: 200 (as the v2 spec says), RFC 3339 times, plain references,
	// integer visible_to, label_ids, real booleans.
	d := createV2(t, srv, "/deals", map[string]any{
		"title": "Big deal", "value": 1500, "currency": "eur", "person_id": person["id"],
		"visible_to": 1, "label_ids": []int{3, 5}, "probability": 40, "lost_reason": "none yet",
		"expected_close_date": "2026-06-30",
	})
	assert.Equal(t, float64(1), d["id"])
	assert.Equal(t, "Big deal", d["title"])
	assert.Equal(t, float64(1500), d["value"])
	assert.Equal(t, "EUR", d["currency"])
	assert.Equal(t, "open", d["status"])
	assert.Equal(t, float64(1), d["owner_id"])
	assert.Equal(t, float64(1), d["creator_user_id"])
	assert.Equal(t, person["id"], d["person_id"])
	assert.Nil(t, d["org_id"], "unlinked references are null")
	assert.Equal(t, float64(1), d["visible_to"])
	assert.Equal(t, []any{float64(3), float64(5)}, d["label_ids"])
	assert.Equal(t, float64(1), d["pipeline_id"])
	assert.Equal(t, float64(1), d["stage_id"])
	assert.Equal(t, "2026-03-04T05:06:07Z", d["add_time"])
	assert.Equal(t, false, d["is_deleted"])
	assert.Equal(t, false, d["is_archived"])
	assert.Equal(t, "2026-06-30", d["expected_close_date"])
	for _, k := range []string{"active", "deleted", "user_id", "label", "formatted_value", "weighted_value", "person_name", "notes_count"} {
		assert.NotContains(t, d, k, "v1-only or optional field %s", k)
	}
	custom := d["custom_fields"].(map[string]any)
	assert.Len(t, custom, 6, "every seed deal field, unset")
	for k, v := range custom {
		assert.Nil(t, v, k)
	}

	// Get, with optional fields on request.
	clock.Advance(time.Hour)
	res := do(t, srv, http.MethodGet, v2+"/deals/1?include_fields=smart_bcc_email,participants_count,notes_count", nil)
	require.Equal(t, http.StatusOK, res.Status, string(res.Raw))
	assert.NotContains(t, res.Body, "related_objects")
	assert.NotContains(t, res.Body, "additional_data")
	assert.Equal(t, "emulated+deal1@pipedrivemail.com", res.Data()["smart_bcc_email"])
	assert.Equal(t, float64(1), res.Data()["participants_count"])
	assert.Equal(t, float64(0), res.Data()["notes_count"])
	assert.NotContains(t, res.Data(), "files_count")

	// PATCH changes only what is sent; null clears the nullable fields.
	res = do(t, srv, http.MethodPatch, v2+"/deals/1", map[string]any{
		"status": "won", "probability": nil, "lost_reason": nil, "org_id": org["id"],
	})
	require.Equal(t, http.StatusOK, res.Status, string(res.Raw))
	d = res.Data()
	assert.Equal(t, "Big deal", d["title"])
	assert.Equal(t, "won", d["status"])
	assert.Equal(t, "2026-03-04T06:06:07Z", d["won_time"])
	assert.Equal(t, d["won_time"], d["close_time"])
	assert.Equal(t, "2026-03-04", d["local_won_date"])
	assert.Equal(t, "2026-03-04T06:06:07Z", d["update_time"])
	assert.Nil(t, d["probability"])
	assert.Nil(t, d["lost_reason"])
	assert.Equal(t, org["id"], d["org_id"])

	// Invalid input: 400 in Pipedrive's error shape, nothing changes.
	for name, body := range map[string]any{
		"no title":            map[string]any{"value": 5},
		"value as a string":   map[string]any{"title": "x", "value": "100"},
		"visible_to string":   map[string]any{"title": "x", "visible_to": "3"},
		"boolean as 0/1":      map[string]any{"title": "x", "is_archived": 1},
		"null title":          map[string]any{"title": nil},
		"status deleted":      map[string]any{"title": "x", "status": "deleted"},
		"v1 time format":      map[string]any{"title": "x", "won_time": "2026-01-01 10:00:00"},
		"unknown person":      map[string]any{"title": "x", "person_id": 99},
		"label_ids as string": map[string]any{"title": "x", "label_ids": "1,2"},
		"not an object":       `["title"]`,
		"custom key":          map[string]any{"title": "x", "custom_fields": map[string]any{"nothex": 1}},
	} {
		res := do(t, srv, http.MethodPost, v2+"/deals", body)
		assert.Equal(t, http.StatusBadRequest, res.Status, name)
		assert.Equal(t, false, res.Body["success"], name)
		assert.Contains(t, res.Body, "error", name)
		assert.Equal(t, "Please check developers.pipedrive.com", res.Body["error_info"], name)
	}
	res = do(t, srv, http.MethodPatch, v2+"/deals/1", map[string]any{"value": nil})
	assert.Equal(t, http.StatusBadRequest, res.Status, "value cannot be null")
	res = do(t, srv, http.MethodPatch, v2+"/deals/99", map[string]any{"title": "x"})
	assert.Equal(t, http.StatusNotFound, res.Status)
	assert.Equal(t, pdErrorBody("Deal not found"), res.Body)
	assert.Equal(t, http.StatusNotFound, do(t, srv, http.MethodGet, v2+"/deals/99", nil).Status)

	// Delete: data {id}; the deal leaves the default list, status=deleted
	// lists it, PATCH is_deleted=false restores it.
	res = do(t, srv, http.MethodDelete, v2+"/deals/1", nil)
	require.Equal(t, http.StatusOK, res.Status)
	assert.Equal(t, map[string]any{"success": true, "data": map[string]any{"id": float64(1)}}, res.Body)
	assert.Empty(t, do(t, srv, http.MethodGet, v2+"/deals", nil).IDs())
	assert.Equal(t, []any{}, do(t, srv, http.MethodGet, v2+"/deals", nil).Body["data"], "an empty v2 list is []")
	assert.Equal(t, []int{1}, do(t, srv, http.MethodGet, v2+"/deals?status=deleted", nil).IDs())
	got := do(t, srv, http.MethodGet, v2+"/deals/1", nil).Data()
	assert.Equal(t, true, got["is_deleted"])
	assert.Equal(t, "won", got["status"], "a deleted deal keeps its status")
	assert.Equal(t, http.StatusNotFound, do(t, srv, http.MethodDelete, v2+"/deals/1", nil).Status)
	res = do(t, srv, http.MethodPatch, v2+"/deals/1", map[string]any{"is_deleted": false})
	require.Equal(t, http.StatusOK, res.Status, string(res.Raw))
	assert.Equal(t, []int{1}, do(t, srv, http.MethodGet, v2+"/deals", nil).IDs())
}

// TestV1V2SameStore checks that both versions serve the same data.
func TestV1V2SameStore(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())

	// v1 create, v2 read.
	dealID := create(t, srv, "/deals", map[string]any{"title": "From v1", "value": "250", "label": "4,6", "visible_to": "1"})
	d := do(t, srv, http.MethodGet, v2+"/deals/"+itoa(dealID), nil).Data()
	assert.Equal(t, "From v1", d["title"])
	assert.Equal(t, float64(250), d["value"])
	assert.Equal(t, []any{float64(4), float64(6)}, d["label_ids"])
	assert.Equal(t, float64(1), d["visible_to"])
	assert.Equal(t, []int{dealID}, do(t, srv, http.MethodGet, v2+"/deals", nil).IDs())

	// v2 create and update, v1 read.
	p := createV2(t, srv, "/persons", map[string]any{
		"name":   "Vera Two",
		"emails": []any{map[string]any{"value": "vera@example.com", "primary": true, "label": "work"}},
	})
	pv1 := do(t, srv, http.MethodGet, v1+"/persons/"+itoa(num(p["id"])), nil).Data()
	assert.Equal(t, "Vera Two", pv1["name"])
	assert.Equal(t, "vera@example.com", pv1["primary_email"])
	assert.Equal(t, "Vera", pv1["first_name"])
	do(t, srv, http.MethodPatch, v2+"/deals/"+itoa(dealID), map[string]any{"person_id": p["id"], "title": "Renamed in v2"})
	dv1 := do(t, srv, http.MethodGet, v1+"/deals/"+itoa(dealID), nil).Data()
	assert.Equal(t, "Renamed in v2", dv1["title"])
	assert.Equal(t, "Vera Two", dv1["person_name"])
	assert.Equal(t, p["id"], dv1["person_id"].(map[string]any)["value"])

	// v1 delete, v2 sees is_deleted; IDs are shared per entity type.
	do(t, srv, http.MethodDelete, v1+"/persons/"+itoa(num(p["id"])), nil)
	assert.Equal(t, true, do(t, srv, http.MethodGet, v2+"/persons/"+itoa(num(p["id"])), nil).Data()["is_deleted"])
	assert.Empty(t, do(t, srv, http.MethodGet, v2+"/persons", nil).IDs())
	next := createV2(t, srv, "/deals", map[string]any{"title": "Second"})
	assert.Equal(t, float64(dealID+1), next["id"])

	// Activities created in v2 count in v1's deal counters.
	createV2(t, srv, "/activities", map[string]any{"subject": "Call", "deal_id": dealID, "due_date": "2026-05-01"})
	dv1 = do(t, srv, http.MethodGet, v1+"/deals/"+itoa(dealID), nil).Data()
	assert.Equal(t, float64(1), dv1["undone_activities_count"])
	assert.Equal(t, "Call", dv1["next_activity_subject"])

	// Each connection keeps its own data in both versions.
	other := srv.AddConnection("pipedrive", pipedrivetest.StatusActive)
	res := do(t, srv, http.MethodGet, v2+"/deals", nil, header("Maton-Connection", other))
	assert.Empty(t, res.IDs())
}

func TestV2CursorPaging(t *testing.T) {
	clock := newFakeClock()
	srv := newServer(t, pipedrivetest.WithSeedData(), pipedrivetest.WithClock(clock.Now))
	for i := 0; i < 7; i++ {
		createV2(t, srv, "/deals", map[string]any{"title": "Deal " + itoa(i+1)})
		clock.Advance(time.Minute)
	}
	var ids []int
	var cursors []string
	path := v2 + "/deals?limit=3&sort_by=add_time&sort_direction=desc"
	for cursor := ""; ; {
		p := path
		if cursor != "" {
			p += "&cursor=" + url.QueryEscape(cursor)
		}
		res := do(t, srv, http.MethodGet, p, nil)
		require.Equal(t, http.StatusOK, res.Status, string(res.Raw))
		require.Contains(t, res.Body["additional_data"], "next_cursor")
		ids = append(ids, res.IDs()...)
		cursor = nextCursor(res)
		if cursor == "" {
			assert.Nil(t, res.Body["additional_data"].(map[string]any)["next_cursor"], "null on the last page")
			break
		}
		cursors = append(cursors, cursor)
	}
	assert.Equal(t, []int{7, 6, 5, 4, 3, 2, 1}, ids)
	require.Len(t, cursors, 2)
	again := nextCursor(do(t, srv, http.MethodGet, path, nil))
	assert.Equal(t, cursors[0], again, "cursors are deterministic")
	assert.NotContains(t, cursors[0], "3", "cursors are opaque")

	for _, bad := range []string{"limit=0", "limit=501", "cursor=not-a-cursor", "sort_by=title", "sort_direction=up",
		"updated_since=2026-01-01", "ids=a,b", "include_fields=bogus", "include_option_labels=1", "owner_id=x", "status=gone"} {
		res := do(t, srv, http.MethodGet, v2+"/deals?"+bad, nil)
		assert.Equal(t, http.StatusBadRequest, res.Status, bad)
		assert.Equal(t, false, res.Body["success"], bad)
	}
	assert.Len(t, do(t, srv, http.MethodGet, v2+"/deals?limit=500", nil).IDs(), 7)
}

func TestV2ListFilters(t *testing.T) {
	clock := newFakeClock()
	srv := newServer(t, pipedrivetest.WithSeedData(), pipedrivetest.WithClock(clock.Now))
	bob := srv.AddUser("", "Bob", "bob@example.com")
	org := num(createV2(t, srv, "/organizations", map[string]any{"name": "Acme", "owner_id": bob})["id"])
	person := num(createV2(t, srv, "/persons", map[string]any{"name": "Pat", "org_id": org})["id"])
	createV2(t, srv, "/persons", map[string]any{"name": "Quinn"})
	pid, stageIDs := srv.AddPipeline("", "Partners", "Intro", "Signed")

	createV2(t, srv, "/deals", map[string]any{"title": "1 open", "person_id": person, "org_id": org})
	createV2(t, srv, "/deals", map[string]any{"title": "2 won", "status": "won", "owner_id": bob})
	createV2(t, srv, "/deals", map[string]any{"title": "3 partner", "stage_id": stageIDs[1]})
	clock.Advance(time.Hour)
	createV2(t, srv, "/deals", map[string]any{"title": "4 lost", "status": "lost", "pipeline_id": pid})
	createV2(t, srv, "/deals", map[string]any{"title": "5 archived", "is_archived": true})
	do(t, srv, http.MethodDelete, v2+"/deals/1", nil)

	list := func(q string) []int {
		t.Helper()
		res := do(t, srv, http.MethodGet, v2+"/deals?"+q, nil)
		require.Equal(t, http.StatusOK, res.Status, string(res.Raw))
		return res.IDs()
	}
	assert.Equal(t, []int{2, 3, 4}, list(""), "not deleted, not archived")
	assert.Equal(t, []int{2, 4}, list("status=won,lost"))
	assert.Equal(t, []int{1, 3}, list("status=deleted,open"))
	assert.Equal(t, []int{2}, list("owner_id="+itoa(bob)))
	assert.Equal(t, []int{1}, list("person_id="+itoa(person)+"&status=deleted"))
	assert.Equal(t, []int{3, 4}, list("pipeline_id="+itoa(pid)))
	assert.Equal(t, []int{3}, list("stage_id="+itoa(stageIDs[1])))
	assert.Equal(t, []int{2, 4}, list("ids=2,4,5"))
	assert.Equal(t, []int{2, 3, 4}, list("filter_id="+itoa(matchAllFilter(t, srv, "deals"))+"&owner_id="+itoa(bob)), "filter_id makes the other filters ignored")
	assert.Equal(t, []int{4}, list("updated_since=2026-03-04T06:00:00Z"))
	assert.Equal(t, []int{2, 3}, list("updated_until=2026-03-04T06:00:00Z"))
	assert.Equal(t, []int{4, 3, 2}, list("sort_by=update_time&sort_direction=desc"))

	res := do(t, srv, http.MethodGet, v2+"/deals/archived", nil)
	require.Equal(t, http.StatusOK, res.Status)
	assert.Equal(t, []int{5}, res.IDs())
	assert.Equal(t, true, res.List()[0]["is_archived"])
	assert.NotEmpty(t, res.List()[0]["archive_time"])
	assert.NotContains(t, do(t, srv, http.MethodGet, v1+"/deals", nil).IDs(), 5, "v1 lists no archived deals")

	// Persons by organization, owner and linked deal.
	persons := func(q string) []int {
		return do(t, srv, http.MethodGet, v2+"/persons?"+q, nil).IDs()
	}
	assert.Equal(t, []int{1, 2}, persons(""))
	assert.Equal(t, []int{1}, persons("org_id="+itoa(org)))
	assert.Equal(t, []int{1}, persons("deal_id=1"))
	assert.Empty(t, persons("deal_id=2"))
	assert.Equal(t, []int{1}, do(t, srv, http.MethodGet, v2+"/organizations?owner_id="+itoa(bob), nil).IDs())

	// Activities: every owner by default, done, deal, due date order.
	createV2(t, srv, "/activities", map[string]any{"subject": "B", "due_date": "2026-05-02", "deal_id": 2})
	createV2(t, srv, "/activities", map[string]any{"subject": "A", "due_date": "2026-05-01", "done": true, "owner_id": bob})
	createV2(t, srv, "/activities", map[string]any{"subject": "C"})
	acts := func(q string) []int {
		res := do(t, srv, http.MethodGet, v2+"/activities?"+q, nil)
		require.Equal(t, http.StatusOK, res.Status, string(res.Raw))
		return res.IDs()
	}
	assert.Equal(t, []int{1, 2, 3}, acts(""))
	assert.Equal(t, []int{2}, acts("done=true"))
	assert.Equal(t, []int{1, 3}, acts("done=false"))
	assert.Equal(t, []int{2}, acts("owner_id="+itoa(bob)))
	assert.Equal(t, []int{1}, acts("deal_id=2"))
	assert.Equal(t, []int{2, 1, 3}, acts("sort_by=due_date"))
	assert.Equal(t, http.StatusBadRequest, do(t, srv, http.MethodGet, v2+"/activities?done=1", nil).Status)
}

func TestV2Resources(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())

	// Organizations: address object, v2-only fields, nullable fields.
	o := createV2(t, srv, "/organizations", map[string]any{
		"name": "Acme", "website": "https://acme.test", "employee_count": 12,
		"address": map[string]any{"value": "1 Main St, Springfield", "locality": "Springfield", "country": "US"},
	})
	assert.Equal(t, map[string]any{"value": "1 Main St, Springfield", "locality": "Springfield", "country": "US",
		"formatted_address": "1 Main St, Springfield"}, o["address"])
	assert.Equal(t, "https://acme.test", o["website"])
	assert.Equal(t, float64(12), o["employee_count"])
	ov1 := do(t, srv, http.MethodGet, v1+"/organizations/1", nil).Data()
	assert.Equal(t, "1 Main St, Springfield", ov1["address"])
	assert.Equal(t, "Springfield", ov1["address_locality"])
	o = do(t, srv, http.MethodPatch, v2+"/organizations/1", map[string]any{"website": nil}).Data()
	assert.Nil(t, o["website"])

	// Persons: emails/phones objects, Contact Sync fields, marketing status.
	p := createV2(t, srv, "/persons", map[string]any{
		"name": "Ann Lee", "org_id": 1, "job_title": "CTO", "birthday": "1990-02-03",
		"phones":           []any{map[string]any{"value": "555-1", "primary": false, "label": "mobile"}},
		"postal_address":   map[string]any{"value": "2 Elm St", "postal_code": "12345"},
		"marketing_status": "subscribed",
	})
	assert.Equal(t, "Ann", p["first_name"])
	assert.Equal(t, "Lee", p["last_name"])
	assert.Equal(t, []any{}, p["emails"])
	assert.Equal(t, []any{map[string]any{"value": "555-1", "primary": true, "label": "mobile"}}, p["phones"])
	assert.Equal(t, "CTO", p["job_title"])
	assert.Equal(t, map[string]any{"value": "2 Elm St", "postal_code": "12345"}, p["postal_address"])
	assert.NotContains(t, p, "marketing_status", "only with include_fields")
	res := do(t, srv, http.MethodGet, v2+"/persons/1?include_fields=marketing_status,open_deals_count", nil)
	assert.Equal(t, "subscribed", res.Data()["marketing_status"])
	assert.Equal(t, float64(0), res.Data()["open_deals_count"])
	assert.Equal(t, http.StatusBadRequest, do(t, srv, http.MethodPost, v2+"/persons",
		map[string]any{"name": "x", "emails": "a@b.c"}).Status, "v2 takes contact objects only")

	// Activities: busy, location object, participants, attendees on request.
	a := createV2(t, srv, "/activities", map[string]any{
		"subject": "Meet", "type": "meeting", "person_id": 1, "busy": true, "due_time": "09:30", "duration": "30:00",
		"location":  map[string]any{"value": "HQ", "route": "Main St"},
		"attendees": []any{map[string]any{"email": "x@y.z", "name": "X"}},
	})
	assert.Equal(t, true, a["busy"])
	assert.Equal(t, false, a["done"])
	assert.Equal(t, "09:30", a["due_time"])
	assert.Equal(t, "30:00", a["duration"])
	assert.Equal(t, map[string]any{"value": "HQ", "route": "Main St"}, a["location"])
	assert.Equal(t, float64(1), a["org_id"], "the person's organization")
	assert.Equal(t, []any{map[string]any{"person_id": float64(1), "primary": true}}, a["participants"])
	assert.NotContains(t, a, "attendees")
	assert.NotContains(t, a, "busy_flag")
	res = do(t, srv, http.MethodGet, v2+"/activities/1?include_fields=attendees", nil)
	assert.Equal(t, []any{map[string]any{"email": "x@y.z", "name": "X"}}, res.Data()["attendees"])
	av1 := do(t, srv, http.MethodGet, v1+"/activities/1", nil).Data()
	assert.Equal(t, true, av1["busy_flag"])
	assert.Equal(t, "HQ", av1["location"])
	assert.Equal(t, "Main St", av1["location_route"])
	a = do(t, srv, http.MethodPatch, v2+"/activities/1", map[string]any{"done": true}).Data()
	assert.NotNil(t, a["marked_as_done_time"])
	assert.Equal(t, http.StatusBadRequest, do(t, srv, http.MethodPatch, v2+"/activities/1",
		map[string]any{"done": "true"}).Status)

	// Pipelines and stages can be managed in v2 and are visible in v1.
	pl := createV2(t, srv, "/pipelines", map[string]any{"name": "Partners", "is_deal_probability_enabled": false})
	assert.Equal(t, float64(2), pl["id"])
	assert.Equal(t, float64(1), pl["order_nr"])
	assert.Equal(t, false, pl["is_deal_probability_enabled"])
	s1 := createV2(t, srv, "/stages", map[string]any{"name": "Intro", "pipeline_id": 2})
	s2 := createV2(t, srv, "/stages", map[string]any{"name": "Signed", "pipeline_id": 2, "deal_probability": 90,
		"is_deal_rot_enabled": true, "days_to_rotten": 10})
	assert.Equal(t, float64(1), s1["order_nr"])
	assert.Equal(t, float64(100), s1["deal_probability"])
	assert.Equal(t, float64(2), s2["order_nr"])
	assert.Equal(t, true, s2["is_deal_rot_enabled"])
	assert.Equal(t, float64(10), s2["days_to_rotten"])
	assert.Equal(t, http.StatusBadRequest, do(t, srv, http.MethodPost, v2+"/stages", map[string]any{"name": "x"}).Status)
	res = do(t, srv, http.MethodGet, v2+"/stages?pipeline_id=2&sort_by=order_nr&sort_direction=desc", nil)
	assert.Equal(t, []int{num(s2["id"]), num(s1["id"])}, res.IDs())
	assert.Equal(t, "Signed", do(t, srv, http.MethodGet, v1+"/stages/"+itoa(num(s2["id"])), nil).Data()["name"])
	d := createV2(t, srv, "/deals", map[string]any{"title": "Partner deal", "pipeline_id": 2})
	assert.Equal(t, s1["id"], d["stage_id"], "a pipeline alone means its first stage")
	pl = do(t, srv, http.MethodPatch, v2+"/pipelines/2", map[string]any{"name": "Channel"}).Data()
	assert.Equal(t, "Channel", pl["name"])
	do(t, srv, http.MethodDelete, v2+"/pipelines/2", nil)
	assert.Equal(t, []int{1}, do(t, srv, http.MethodGet, v2+"/pipelines", nil).IDs())
	assert.Empty(t, do(t, srv, http.MethodGet, v2+"/stages?pipeline_id=2", nil).IDs(), "the pipeline's stages go too")
	assert.Equal(t, true, do(t, srv, http.MethodGet, v2+"/stages/"+itoa(num(s1["id"])), nil).Data()["is_deleted"])
}

func TestV2Search(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	org := num(createV2(t, srv, "/organizations", map[string]any{"name": "Globex Corporation",
		"address": map[string]any{"value": "Cypress Creek"}})["id"])
	person := num(createV2(t, srv, "/persons", map[string]any{"name": "Hank Scorpio", "org_id": org,
		"emails": []any{map[string]any{"value": "hank@globex.test", "primary": true}}})["id"])
	for _, title := range []string{"Globex renewal", "Globex expansion", "Other"} {
		createV2(t, srv, "/deals", map[string]any{"title": title, "person_id": person, "org_id": org})
	}

	res := do(t, srv, http.MethodGet, v2+"/deals/search?term=globex&limit=1", nil)
	require.Equal(t, http.StatusOK, res.Status, string(res.Raw))
	items := res.Data()["items"].([]any)
	require.Len(t, items, 1)
	item := items[0].(map[string]any)["item"].(map[string]any)
	assert.Equal(t, "deal", item["type"])
	assert.Equal(t, float64(3), item["visible_to"])
	assert.Equal(t, map[string]any{"id": float64(person), "name": "Hank Scorpio"}, item["person"])
	next := nextCursor(res)
	require.NotEmpty(t, next)
	res = do(t, srv, http.MethodGet, v2+"/deals/search?term=globex&limit=1&cursor="+next, nil)
	assert.Len(t, res.Data()["items"], 1)
	assert.Empty(t, nextCursor(res))
	res = do(t, srv, http.MethodGet, v2+"/deals/search?term=globex&include_fields=deal.cc_email", nil)
	assert.Contains(t, res.Data()["items"].([]any)[0].(map[string]any)["item"], "cc_email")
	assert.Equal(t, http.StatusBadRequest, do(t, srv, http.MethodGet, v2+"/deals/search?term=g", nil).Status)
	assert.Equal(t, http.StatusOK, do(t, srv, http.MethodGet, v2+"/deals/search?term=g&exact_match=true", nil).Status)
	assert.Equal(t, http.StatusBadRequest, do(t, srv, http.MethodGet, v2+"/deals/search?term=gl&exact_match=1", nil).Status)

	res = do(t, srv, http.MethodGet, v2+"/persons/search?term=globex.test&fields=email", nil)
	require.Len(t, res.Data()["items"], 1)
	assert.Equal(t, []any{"hank@globex.test"}, res.Data()["items"].([]any)[0].(map[string]any)["item"].(map[string]any)["emails"])
	res = do(t, srv, http.MethodGet, v2+"/organizations/search?term=cypress&fields=address", nil)
	assert.Len(t, res.Data()["items"], 1)

	// Item search: every type, best first; item_types and fields narrow it.
	res = do(t, srv, http.MethodGet, v2+"/itemSearch?term=globex", nil)
	require.Equal(t, http.StatusOK, res.Status, string(res.Raw))
	var types []string
	for _, it := range res.Data()["items"].([]any) {
		types = append(types, it.(map[string]any)["item"].(map[string]any)["type"].(string))
	}
	assert.ElementsMatch(t, []string{"organization", "deal", "deal", "person"}, types, "the person matches by email")
	assert.NotContains(t, res.Data(), "related_items")
	res = do(t, srv, http.MethodGet, v2+"/itemSearch?term=hank&item_types=person&search_for_related_items=true", nil)
	require.Len(t, res.Data()["items"], 1)
	related := res.Data()["related_items"].([]any)
	assert.Len(t, related, 3, "the person's deals")
	res = do(t, srv, http.MethodGet, v2+"/itemSearch?term=globex&fields=title", nil)
	assert.Len(t, res.Data()["items"], 2, "only deals have a title")
	assert.Equal(t, http.StatusBadRequest, do(t, srv, http.MethodGet, v2+"/itemSearch?term=globex&limit=101", nil).Status)
	assert.Equal(t, http.StatusBadRequest, do(t, srv, http.MethodGet, v2+"/itemSearch?term=globex&item_types=note", nil).Status)
}

func TestV2TokenCosts(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData(), pipedrivetest.WithDailyTokenBudget(1000))
	remaining := func(method, path string, body any) int {
		t.Helper()
		res := do(t, srv, method, path, body)
		n, err := parseInt(res.Header.Get("x-daily-ratelimit-token-remaining"))
		require.NoError(t, err)
		return n
	}
	steps := []struct {
		method, path string
		body         any
		cost         int
	}{
		{http.MethodPost, v2 + "/deals", map[string]any{"title": "x"}, 5},
		{http.MethodGet, v2 + "/deals", nil, 10},
		{http.MethodGet, v2 + "/deals/1", nil, 1},
		{http.MethodPatch, v2 + "/deals/1", map[string]any{"title": "y"}, 5},
		{http.MethodGet, v2 + "/deals/search?term=yy", nil, 20},
		{http.MethodGet, v2 + "/deals/archived", nil, 20},
		{http.MethodGet, v2 + "/itemSearch?term=yy", nil, 20},
		{http.MethodGet, v2 + "/pipelines", nil, 5},
		{http.MethodGet, v2 + "/stages/1", nil, 1},
		{http.MethodGet, v2 + "/dealFields", nil, 10},
		{http.MethodGet, v2 + "/dealFields/title", nil, 1},
		{http.MethodGet, v1 + "/dealFields", nil, 20},
		{http.MethodGet, v1 + "/dealFields/1", nil, 2},
		{http.MethodDelete, v2 + "/deals/1", nil, 3},
	}
	left := 1000
	for _, s := range steps {
		got := remaining(s.method, s.path, s.body)
		assert.Equal(t, left-s.cost, got, "%s %s", s.method, s.path)
		left = got
	}
}

func parseInt(s string) (int, error) { return strconv.Atoi(strings.TrimSpace(s)) }
