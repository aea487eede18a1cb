package pipedrivetest_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopipedrive/pipedrive/pipedrivetest"
)

func TestPersons(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	orgID := create(t, srv, "/organizations", map[string]any{"name": "Acme"})

	res := do(t, srv, http.MethodPost, v1+"/persons", map[string]any{
		"name": "Ann Lee", "org_id": orgID,
		"email": []any{
			map[string]any{"value": "ann@home.test", "label": "home"},
			map[string]any{"value": "ann@acme.test", "primary": "true", "label": "work"},
		},
		"phone": "+1 555 0100", "label_ids": []int{4, 6}, customKey: "vip",
	})
	require.Equal(t, http.StatusCreated, res.Status, string(res.Raw))
	p := res.Data()
	assert.Equal(t, "Ann", p["first_name"])
	assert.Equal(t, "Lee", p["last_name"])
	assert.Equal(t, "a", p["first_char"])
	assert.Equal(t, []any{
		map[string]any{"value": "ann@home.test", "primary": false, "label": "home"},
		map[string]any{"value": "ann@acme.test", "primary": true, "label": "work"},
	}, p["email"])
	assert.Equal(t, []any{map[string]any{"value": "+1 555 0100", "primary": true, "label": "work"}}, p["phone"])
	assert.Equal(t, "ann@acme.test", p["primary_email"])
	assert.Equal(t, float64(4), p["label"])
	assert.Equal(t, []any{float64(4), float64(6)}, p["label_ids"])
	assert.Equal(t, "3", p["visible_to"])
	assert.Nil(t, p["picture_id"])
	assert.Equal(t, "vip", p[customKey])
	owner := p["owner_id"].(map[string]any)
	assert.Equal(t, float64(1), owner["value"])
	assert.Equal(t, float64(0), owner["has_pic"])
	assert.Equal(t, float64(orgID), p["org_id"].(map[string]any)["value"])
	assert.Equal(t, "Acme", p["org_name"])

	bare := do(t, srv, http.MethodPost, v1+"/persons", map[string]any{"name": "bo"}).Data()
	assert.Nil(t, bare["org_id"])
	assert.Equal(t, []any{map[string]any{"value": "", "primary": true}}, bare["email"],
		"a person without emails renders one empty primary entry, like the live API")

	res = do(t, srv, http.MethodPost, v1+"/persons", map[string]any{"email": "x@y.z"})
	assert.Equal(t, http.StatusBadRequest, res.Status)
	assert.Equal(t, pdErrorBody("Name must be given."), res.Body)

	create(t, srv, "/persons", map[string]any{"name": "Carl", "org_id": orgID})
	assert.Equal(t, []int{2}, do(t, srv, http.MethodGet, v1+"/persons?first_char=B", nil).IDs())
	assert.Equal(t, []int{1, 2, 3}, do(t, srv, http.MethodGet, v1+"/persons?user_id=1", nil).IDs())
	assert.Equal(t, []int{3, 2, 1}, do(t, srv, http.MethodGet, v1+"/persons?sort=name%20DESC", nil).IDs())

	upd := do(t, srv, http.MethodPut, v1+"/persons/2", map[string]any{"name": "Bo Diddley", "org_id": orgID}).Data()
	assert.Equal(t, "Diddley", upd["last_name"])
	assert.Equal(t, float64(orgID), upd["org_id"].(map[string]any)["value"])
	upd = do(t, srv, http.MethodPut, v1+"/persons/2", map[string]any{"org_id": nil}).Data()
	assert.Nil(t, upd["org_id"], "null unlinks")
	assert.Equal(t, float64(2), do(t, srv, http.MethodGet, v1+"/organizations/1", nil).Data()["people_count"])

	// Search: emails and phones as plain strings.
	s := do(t, srv, http.MethodGet, v1+"/persons/search?term=acme.test&fields=email", nil)
	require.Equal(t, http.StatusOK, s.Status, string(s.Raw))
	found := s.Data()["items"].([]any)
	require.Len(t, found, 1)
	item := found[0].(map[string]any)["item"].(map[string]any)
	assert.Equal(t, "person", item["type"])
	assert.Equal(t, []any{"ann@home.test", "ann@acme.test"}, item["emails"])
	assert.Equal(t, []any{"+1 555 0100"}, item["phones"])
	assert.Equal(t, float64(3), item["visible_to"])
	assert.Equal(t, map[string]any{"id": float64(orgID), "name": "Acme", "address": nil}, item["organization"])
	s = do(t, srv, http.MethodGet, v1+"/persons/search?term=carl&organization_id=999", nil)
	assert.Empty(t, s.Data()["items"])

	res = do(t, srv, http.MethodDelete, v1+"/persons/3", nil)
	assert.Equal(t, map[string]any{"id": float64(3)}, res.Data())
	assert.Equal(t, []int{1, 2}, do(t, srv, http.MethodGet, v1+"/persons", nil).IDs())
	assert.Equal(t, false, do(t, srv, http.MethodGet, v1+"/persons/3", nil).Data()["active_flag"])
	assert.Equal(t, pdErrorBody("Person not found"), do(t, srv, http.MethodGet, v1+"/persons/99", nil).Body)
}

func TestOrganizations(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	res := do(t, srv, http.MethodPost, v1+"/organizations", map[string]any{
		"name": "Initech", "address": "4120 Freidrich Ln, Austin", "address_locality": "Austin", "label": 2,
	})
	require.Equal(t, http.StatusCreated, res.Status, string(res.Raw))
	o := res.Data()
	assert.Equal(t, "4120 Freidrich Ln, Austin", o["address"])
	assert.Equal(t, "Austin", o["address_locality"])
	assert.Equal(t, "4120 Freidrich Ln, Austin", o["address_formatted_address"])
	assert.Nil(t, o["address_country"])
	assert.Equal(t, float64(2), o["label"])
	assert.Equal(t, "i", o["first_char"])
	create(t, srv, "/organizations", map[string]any{"name": "Hooli"})

	got := do(t, srv, http.MethodGet, v1+"/organizations/1", nil)
	assert.Equal(t, true, got.Data()["edit_name"])
	assert.Contains(t, got.Body["additional_data"], "followers")

	assert.Equal(t, []int{2}, do(t, srv, http.MethodGet, v1+"/organizations?first_char=h", nil).IDs())
	upd := do(t, srv, http.MethodPut, v1+"/organizations/2", map[string]any{"name": "Hooli XYZ"}).Data()
	assert.Equal(t, "Hooli XYZ", upd["name"])

	s := do(t, srv, http.MethodGet, v1+"/organizations/search?term=austin&fields=address", nil)
	require.Equal(t, http.StatusOK, s.Status)
	found := s.Data()["items"].([]any)
	require.Len(t, found, 1)
	assert.Equal(t, map[string]any{
		"id": float64(1), "type": "organization", "name": "Initech", "address": "4120 Freidrich Ln, Austin",
		"visible_to": float64(3), "owner": map[string]any{"id": float64(1)}, "custom_fields": []any{}, "notes": []any{},
	}, found[0].(map[string]any)["item"])

	assert.Equal(t, map[string]any{"id": float64(1)}, do(t, srv, http.MethodDelete, v1+"/organizations/1", nil).Data())
	assert.Equal(t, []int{2}, do(t, srv, http.MethodGet, v1+"/organizations", nil).IDs())
	assert.Equal(t, pdErrorBody("Organization not found"), do(t, srv, http.MethodDelete, v1+"/organizations/9", nil).Body)
}

func TestActivities(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	bob := srv.AddUser("", "Bob", "bob@example.com")
	dealID := create(t, srv, "/deals", map[string]any{"title": "D"})
	personID := create(t, srv, "/persons", map[string]any{"name": "P"})

	res := do(t, srv, http.MethodPost, v1+"/activities", map[string]any{
		"subject": "Kickoff", "type": "meeting", "due_date": "2026-05-01", "due_time": "09:30", "duration": "01:00",
		"deal_id": dealID, "person_id": personID, "done": 0,
	})
	require.Equal(t, http.StatusCreated, res.Status, string(res.Raw))
	a := res.Data()
	assert.Equal(t, false, a["done"])
	assert.Equal(t, float64(dealID), a["deal_id"], "activity ids are plain ints")
	assert.Equal(t, float64(personID), a["person_id"])
	assert.Equal(t, float64(1), a["user_id"])
	assert.Equal(t, "09:30", a["due_time"])
	assert.Equal(t, "", a["marked_as_done_time"])
	assert.Equal(t, "D", a["deal_title"])
	assert.Equal(t, []any{map[string]any{"person_id": float64(personID), "primary_flag": true}}, a["participants"])
	assert.IsType(t, float64(0), res.Body["additional_data"].(map[string]any)["updates_story_id"])
	assert.Contains(t, res.Body["related_objects"], "deal")

	create(t, srv, "/activities", map[string]any{"subject": "Call", "due_date": "2026-05-03", "done": 1})
	create(t, srv, "/activities", map[string]any{"type": "call", "due_date": "2026-05-02", "user_id": bob})
	third := do(t, srv, http.MethodGet, v1+"/activities/3", nil).Data()
	assert.Equal(t, "Call", third["subject"], "subject defaults from the type")
	assert.Equal(t, true, do(t, srv, http.MethodGet, v1+"/activities/2", nil).Data()["done"])

	list := func(q string) []int { t.Helper(); return do(t, srv, http.MethodGet, v1+"/activities?"+q, nil).IDs() }
	assert.Equal(t, []int{1, 2}, list(""), "omitted user_id: only the authorizing user's")
	assert.Equal(t, []int{1, 2, 3}, list("user_id=0"))
	assert.Equal(t, []int{3}, list("user_id="+itoa(bob)))
	assert.Equal(t, []int{2}, list("done=1"))
	assert.Equal(t, []int{1}, list("done=0"))
	assert.Equal(t, []int{1}, list("type=meeting"))
	assert.Equal(t, []int{1, 2, 3}, list("user_id=0&type=meeting,call"))
	assert.Equal(t, []int{3}, list("user_id=0&start_date=2026-05-02&end_date=2026-05-02"))
	assert.Equal(t, http.StatusBadRequest, do(t, srv, http.MethodGet, v1+"/activities?start_date=May", nil).Status)

	// The deal sees its activities.
	d := do(t, srv, http.MethodGet, v1+"/deals/1", nil).Data()
	assert.Equal(t, float64(1), d["activities_count"])
	assert.Equal(t, float64(1), d["next_activity_id"])
	assert.Equal(t, "2026-05-01", d["next_activity_date"])
	assert.Equal(t, "09:30:00", d["next_activity_time"])

	upd := do(t, srv, http.MethodPut, v1+"/activities/1", map[string]any{"done": true})
	require.Equal(t, http.StatusOK, upd.Status)
	assert.Equal(t, true, upd.Data()["done"])
	assert.NotEqual(t, "", upd.Data()["marked_as_done_time"])
	assert.Equal(t, "Kickoff", upd.Data()["subject"])
	assert.Equal(t, http.StatusBadRequest, do(t, srv, http.MethodPut, v1+"/activities/1", map[string]any{"due_time": "9h"}).Status)

	assert.Equal(t, map[string]any{"id": float64(2)}, do(t, srv, http.MethodDelete, v1+"/activities/2", nil).Data())
	assert.Equal(t, []int{1}, list(""))
	assert.Equal(t, pdErrorBody("Activity not found"), do(t, srv, http.MethodGet, v1+"/activities/99", nil).Body)
}

func TestNotes(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	dealID := create(t, srv, "/deals", map[string]any{"title": "Noted deal"})
	personID := create(t, srv, "/persons", map[string]any{"name": "Noted person"})

	res := do(t, srv, http.MethodPost, v1+"/notes", map[string]any{
		"content": "<p>Hello</p>", "deal_id": dealID, "pinned_to_deal_flag": 1,
	})
	require.Equal(t, http.StatusOK, res.Status, "notes are created with 200, not 201")
	n := res.Data()
	assert.Equal(t, float64(1), n["id"])
	assert.Equal(t, "<p>Hello</p>", n["content"])
	assert.Equal(t, float64(dealID), n["deal_id"])
	assert.Nil(t, n["person_id"])
	assert.Equal(t, true, n["pinned_to_deal_flag"])
	assert.Equal(t, false, n["pinned_to_person_flag"])
	assert.Equal(t, map[string]any{"title": "Noted deal"}, n["deal"])
	assert.Equal(t, true, n["user"].(map[string]any)["is_you"])

	res = do(t, srv, http.MethodPost, v1+"/notes", map[string]any{"deal_id": dealID})
	assert.Equal(t, http.StatusBadRequest, res.Status)
	assert.Equal(t, pdErrorBody("Content must be given."), res.Body)
	res = do(t, srv, http.MethodPost, v1+"/notes", map[string]any{"content": "orphan"})
	assert.Equal(t, http.StatusBadRequest, res.Status)
	assert.Equal(t, false, res.Body["success"])
	assert.Equal(t, http.StatusBadRequest,
		do(t, srv, http.MethodPost, v1+"/notes", map[string]any{"content": "x", "deal_id": 99}).Status)

	create(t, srv, "/notes", map[string]any{"content": "about a person", "person_id": personID})
	create(t, srv, "/notes", map[string]any{"content": "about a lead", "lead_id": "adf21080-0e10-11eb-879b-05d71fb426ec"})
	list := func(q string) []int { t.Helper(); return do(t, srv, http.MethodGet, v1+"/notes?"+q, nil).IDs() }
	assert.Equal(t, []int{1, 2, 3}, list(""))
	assert.Equal(t, []int{1}, list("deal_id="+itoa(dealID)))
	assert.Equal(t, []int{2}, list("person_id="+itoa(personID)))
	assert.Equal(t, []int{3}, list("lead_id=adf21080-0e10-11eb-879b-05d71fb426ec"))
	assert.Equal(t, []int{1}, list("pinned_to_deal_flag=1"))
	assert.Equal(t, []int{3, 2, 1}, list("sort=id%20DESC"))
	assert.Equal(t, float64(1), do(t, srv, http.MethodGet, v1+"/deals/1", nil).Data()["notes_count"])

	upd := do(t, srv, http.MethodPut, v1+"/notes/1", map[string]any{"content": "edited"}).Data()
	assert.Equal(t, "edited", upd["content"])
	assert.Equal(t, float64(dealID), upd["deal_id"])

	res = do(t, srv, http.MethodDelete, v1+"/notes/1", nil)
	assert.Equal(t, map[string]any{"success": true, "data": true}, res.Body)
	assert.Equal(t, pdErrorBody("Note not found"), do(t, srv, http.MethodGet, v1+"/notes/1", nil).Body)
	assert.Equal(t, []int{2, 3}, list(""))
}

func TestPipelinesStagesUsers(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())

	res := do(t, srv, http.MethodGet, v1+"/pipelines", nil)
	require.Equal(t, http.StatusOK, res.Status)
	assert.NotContains(t, res.Body, "additional_data", "pipelines are not paginated")
	pipes := res.List()
	require.Len(t, pipes, 1)
	assert.Equal(t, "Sales", pipes[0]["name"])
	assert.Equal(t, true, pipes[0]["deal_probability"], "pipeline deal_probability is a bool")
	assert.Equal(t, "Sales", do(t, srv, http.MethodGet, v1+"/pipelines/1", nil).Data()["name"])
	assert.Equal(t, pdErrorBody("Pipeline not found"), do(t, srv, http.MethodGet, v1+"/pipelines/9", nil).Body)

	res = do(t, srv, http.MethodGet, v1+"/stages?pipeline_id=1", nil)
	var names []string
	for _, s := range res.List() {
		names = append(names, s["name"].(string))
		assert.Equal(t, float64(100), s["deal_probability"], "stage deal_probability is an int")
		assert.Equal(t, "Sales", s["pipeline_name"])
	}
	assert.Equal(t, []string{"Qualified", "Contact Made", "Proposal Made", "Negotiations Started"}, names)
	assert.Equal(t, []int{1, 2, 3, 4}, res.IDs())
	assert.Equal(t, false, res.Pagination()["more_items_in_collection"])
	srv.AddPipeline("", "Other", "One")
	assert.Equal(t, []int{5}, do(t, srv, http.MethodGet, v1+"/stages?pipeline_id=2", nil).IDs())
	assert.Equal(t, "Negotiations Started", do(t, srv, http.MethodGet, v1+"/stages/4", nil).Data()["name"])

	me := do(t, srv, http.MethodGet, v1+"/users/me", nil).Data()
	assert.Equal(t, float64(1), me["id"])
	assert.Equal(t, "Alice Admin", me["name"])
	assert.Equal(t, true, me["is_you"])
	for _, k := range []string{"company_id", "company_name", "company_domain", "company_country", "company_industry", "language"} {
		assert.Contains(t, me, k)
	}
	bob := srv.AddUser("", "Bob", "bob@example.com")
	users := do(t, srv, http.MethodGet, v1+"/users", nil)
	assert.Equal(t, []int{1, bob}, users.IDs())
	assert.Equal(t, false, users.List()[1]["is_you"])
	assert.NotContains(t, users.List()[0], "company_id")
	assert.Equal(t, "Bob", do(t, srv, http.MethodGet, v1+"/users/"+itoa(bob), nil).Data()["name"])
	res = do(t, srv, http.MethodGet, v1+"/users/99", nil)
	assert.Equal(t, http.StatusNotFound, res.Status)
	assert.Equal(t, map[string]any{"success": false, "error": "User not found or not accessible."}, res.Body)
}

func TestDealActivitySummary(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	dealID := create(t, srv, "/deals", map[string]any{"title": "D"})
	create(t, srv, "/activities", map[string]any{"deal_id": dealID, "due_date": "2026-07-02", "subject": "later"})
	create(t, srv, "/activities", map[string]any{"deal_id": dealID, "subject": "undated"})
	create(t, srv, "/activities", map[string]any{"deal_id": dealID, "due_date": "2026-07-01", "due_time": "15:00", "subject": "sooner"})
	create(t, srv, "/activities", map[string]any{"deal_id": dealID, "due_date": "2026-06-01", "done": 1, "subject": "old"})
	create(t, srv, "/activities", map[string]any{"deal_id": dealID, "due_date": "2026-06-05", "done": 1, "subject": "recent"})

	d := do(t, srv, http.MethodGet, v1+"/deals/"+itoa(dealID), nil).Data()
	assert.Equal(t, float64(5), d["activities_count"])
	assert.Equal(t, float64(2), d["done_activities_count"])
	assert.Equal(t, float64(3), d["undone_activities_count"])
	assert.Equal(t, float64(3), d["next_activity_id"])
	assert.Equal(t, "sooner", d["next_activity_subject"])
	assert.Equal(t, "15:00:00", d["next_activity_time"])
	assert.Equal(t, float64(5), d["last_activity_id"])
	assert.Equal(t, "2026-06-05", d["last_activity_date"])
	assert.Equal(t, "recent", d["last_activity"].(map[string]any)["subject"])
	assert.Equal(t, "sooner", d["next_activity"].(map[string]any)["subject"])

	// Sorting by a nullable field puts nulls first.
	res := do(t, srv, http.MethodGet, v1+"/activities?sort=due_date%20ASC,id%20ASC", nil)
	assert.Equal(t, []int{2, 4, 5, 3, 1}, res.IDs())
	res = do(t, srv, http.MethodGet, v1+"/activities?sort=done%20DESC,due_date%20DESC", nil)
	assert.Equal(t, []int{5, 4, 1, 3, 2}, res.IDs())
}

func TestDealTimesAndOptionalFields(t *testing.T) {
	clock := newFakeClock()
	srv := newServer(t, pipedrivetest.WithSeedData(), pipedrivetest.WithClock(clock.Now))
	d := do(t, srv, http.MethodPost, v1+"/deals", map[string]any{
		"title": "T", "add_time": "2025-01-01 10:00:00", "expected_close_date": "2026-12-31",
		"probability": 25, "channel": 3, "channel_id": "promo", "origin_id": "zapier", "value": 400,
	}).Data()
	assert.Equal(t, "2025-01-01 10:00:00", d["add_time"])
	assert.Equal(t, "2026-12-31", d["expected_close_date"])
	assert.Equal(t, float64(25), d["probability"])
	assert.Equal(t, float64(100), d["weighted_value"], "deal probability applies when the pipeline uses it")
	assert.Equal(t, float64(3), d["channel"])
	assert.Equal(t, "promo", d["channel_id"])
	assert.Equal(t, "zapier", d["origin_id"])
	age := do(t, srv, http.MethodGet, v1+"/deals/1", nil).Data()["age"].(map[string]any)
	assert.Equal(t, float64(1), age["y"])
	assert.Equal(t, float64(2), age["m"])

	d = do(t, srv, http.MethodPut, v1+"/deals/1", map[string]any{
		"probability": nil, "channel": nil, "expected_close_date": nil, "is_archived": true,
	}).Data()
	assert.Nil(t, d["probability"])
	assert.Nil(t, d["channel"])
	assert.Nil(t, d["expected_close_date"])
	assert.Equal(t, true, d["is_archived"])
	assert.Equal(t, "2026-03-04 05:06:07", d["archive_time"])
	assert.Empty(t, do(t, srv, http.MethodGet, v1+"/deals", nil).IDs(), "archived deals are not listed")

	for _, bad := range []map[string]any{
		{"title": "x", "add_time": "yesterday"}, {"title": "x", "expected_close_date": "31/12/2026"},
		{"title": "x", "value": "lots"}, {"title": "x", "visible_to": "2"}, {"title": "x", "label": "a,b"},
		{"title": "x", "user_id": 42}, {"title": "x", "probability": "high"}, {"title": "x", "channel": "tv"},
	} {
		res := do(t, srv, http.MethodPost, v1+"/deals", bad)
		assert.Equal(t, http.StatusBadRequest, res.Status, "%v", bad)
	}
}
