package pipedrivetest_test

import (
	"net/http"
	"testing"

	"github.com/gopipedrive/pipedrive/internal/conformance"
	"github.com/gopipedrive/pipedrive/pipedrivetest"
)

// TestConformance drives every emulated v1 operation through the
// spec-validating middleware of internal/conformance, so any served request
// or response that does not match the official OpenAPI file fails the test.
// It is skipped when the spec files are not available.
func TestConformance(t *testing.T) {
	conformance.Load(t, conformance.V1)
	srv := newServer(t, pipedrivetest.WithSeedData(), pipedrivetest.WithHandlerWrapper(
		func(h http.Handler) http.Handler { return conformance.Middleware(t, h) }))

	orgID := create(t, srv, "/organizations", map[string]any{"name": "Acme", "label": 1})
	personID := create(t, srv, "/persons", map[string]any{
		"name": "Bob", "org_id": orgID, "label_ids": []int{1},
		"email": []any{map[string]any{"value": "bob@acme.test", "primary": true, "label": "work"}},
		"phone": []any{map[string]any{"value": "555", "primary": true, "label": "mobile"}},
	})
	create(t, srv, "/persons", map[string]any{"name": "Loner"})
	dealID := create(t, srv, "/deals", map[string]any{
		"title": "Deal", "value": "100", "person_id": personID, "org_id": orgID, "label": []int{2},
		"expected_close_date": "2026-06-30", "probability": 50, "visible_to": "3", customKey: "x",
	})
	create(t, srv, "/deals", map[string]any{"title": "Bare deal", "status": "won"})
	actID := create(t, srv, "/activities", map[string]any{
		"subject": "Call", "type": "call", "due_date": "2026-05-01", "due_time": "10:00", "duration": "00:30",
		"deal_id": dealID, "person_id": personID, "org_id": orgID, "done": 0, "busy_flag": true,
		"participants": []any{map[string]any{"person_id": personID, "primary_flag": true}},
	})
	create(t, srv, "/activities", map[string]any{"subject": "Done", "done": 1})
	noteID := create(t, srv, "/notes", map[string]any{"content": "hi", "deal_id": dealID, "pinned_to_deal_flag": 1})

	for _, path := range []string{
		"/deals", "/deals?status=open&sort=title%20ASC&limit=1", "/deals?status=deleted", "/deals/" + itoa(dealID), "/deals/2",
		"/deals/search?term=deal", "/deals/search?term=nothing-matches",
		"/persons", "/persons?first_char=b", "/persons/" + itoa(personID), "/persons/2", "/persons/search?term=bob",
		"/organizations", "/organizations/" + itoa(orgID), "/organizations/search?term=acme",
		"/activities", "/activities?user_id=0&done=0", "/activities/" + itoa(actID),
		"/notes", "/notes?deal_id=" + itoa(dealID), "/notes/" + itoa(noteID),
		"/pipelines", "/pipelines/1", "/stages", "/stages?pipeline_id=1&limit=2", "/stages/1",
		"/users", "/users/me", "/users/1",
	} {
		res := do(t, srv, http.MethodGet, v1+path, nil)
		if res.Status != http.StatusOK {
			t.Errorf("GET %s: %d %s", path, res.Status, res.Raw)
		}
	}
	for path, body := range map[string]map[string]any{
		"/deals/" + itoa(dealID):        {"title": "Renamed", "status": "lost", "lost_reason": "price"},
		"/persons/" + itoa(personID):    {"name": "Robert"},
		"/organizations/" + itoa(orgID): {"name": "Acme Inc"},
		"/activities/" + itoa(actID):    {"done": 1},
		"/notes/" + itoa(noteID):        {"content": "edited"},
	} {
		res := do(t, srv, http.MethodPut, v1+path, body)
		if res.Status != http.StatusOK {
			t.Errorf("PUT %s: %d %s", path, res.Status, res.Raw)
		}
	}
	for _, path := range []string{
		"/notes/" + itoa(noteID), "/activities/" + itoa(actID), "/deals/" + itoa(dealID),
		"/persons/2", "/organizations/" + itoa(orgID), "/deals?ids=2", "/persons?ids=1", "/activities?ids=2",
		"/organizations?ids=1",
	} {
		res := do(t, srv, http.MethodDelete, v1+path, nil)
		if res.Status != http.StatusOK {
			t.Errorf("DELETE %s: %d %s", path, res.Status, res.Raw)
		}
	}
}
