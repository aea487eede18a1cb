package pipedrivetest_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopipedrive/pipedrive"
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

const v2 = "/pipedrive/api/v2"

// conformanceServer starts a seeded server whose gateway traffic (v1 and
// v2) is validated by internal/conformance. It skips the test when the
// specs are missing.
func conformanceServer(t *testing.T) *pipedrivetest.Server {
	t.Helper()
	conformance.Load(t, conformance.V1)
	conformance.Load(t, conformance.V2)
	return newServer(t, pipedrivetest.WithSeedData(), pipedrivetest.WithHandlerWrapper(
		func(h http.Handler) http.Handler { return conformance.Middleware(t, h) }))
}

// sdkConformance returns a validating server (when the specs are
// present), an SDK client whose
// requests are tagged for the coverage record, and a context: the start of
// every test that drives the fake through the SDK.
func sdkConformance(t *testing.T) (*pipedrivetest.Server, *pipedrive.Client, context.Context) {
	t.Helper()
	// Behaviour tests: without the specs they run unvalidated (with a
	// notice) instead of skipping.
	conformance.Optional(t, conformance.V1)
	conformance.Optional(t, conformance.V2)
	srv := newServer(t, pipedrivetest.WithSeedData(), pipedrivetest.WithHandlerWrapper(
		func(h http.Handler) http.Handler { return conformance.Middleware(t, h) }))
	return srv, srv.Client(t, pipedrive.WithHTTPClient(&http.Client{Transport: conformance.TagTransport(nil)})), t.Context()
}

// TestConformanceV2 drives every emulated v2 operation, with its optional
// parameters, through the spec-validating middleware.
func TestConformanceV2(t *testing.T) {
	srv := conformanceServer(t)
	t.Run("leads", func(t *testing.T) { conformanceLeads(t, srv) })
	t.Run("lead labels", func(t *testing.T) { conformanceLeadLabels(t, srv) })
	t.Run("webhooks", func(t *testing.T) { conformanceWebhooks(t, srv) })
	t.Run("currencies", func(t *testing.T) { conformanceCurrencies(t, srv) })
	region, _ := srv.Field("", "deal", "Region")
	contract, _ := srv.Field("", "deal", "Contract value")
	tags, _ := srv.Field("", "deal", "Tags")
	period, _ := srv.Field("", "deal", "Contract period")
	orgAddr := srv.AddField("", "organization", pipedrivetest.FieldDef{Name: "HQ", Type: "address"})
	personTier := srv.AddField("", "person", pipedrivetest.FieldDef{Name: "Tier", Type: "enum", Options: []string{"Gold", "Silver"}})
	tier, _ := srv.Field("", "person", personTier)

	post := func(path string, body any) int {
		t.Helper()
		res := do(t, srv, http.MethodPost, v2+path, body)
		require.Equalf(t, http.StatusOK, res.Status, "POST %s: %s", path, res.Raw)
		return int(res.Data()["id"].(float64))
	}
	orgID := post("/organizations", map[string]any{
		"name": "Acme", "label_ids": []int{1}, "visible_to": 3, "website": "https://acme.test",
		"address":       map[string]any{"value": "1 Main St, Springfield", "locality": "Springfield", "country": "US"},
		"custom_fields": map[string]any{orgAddr: map[string]any{"value": "2 Side St", "route": "Side St"}},
	})
	personID := post("/persons", map[string]any{
		"name": "Bob Buyer", "org_id": orgID, "label_ids": []int{2},
		"emails":        []any{map[string]any{"value": "bob@acme.test", "primary": true, "label": "work"}},
		"phones":        []any{map[string]any{"value": "555", "primary": true, "label": "mobile"}},
		"custom_fields": map[string]any{personTier: tier.Options[0].ID},
	})
	post("/persons", map[string]any{"name": "Loner", "marketing_status": "subscribed"})
	dealID := post("/deals", map[string]any{
		"title": "Big deal", "value": 1500, "currency": "EUR", "person_id": personID, "org_id": orgID,
		"label_ids": []int{3}, "expected_close_date": "2026-06-30", "probability": 50, "visible_to": 3,
		"custom_fields": map[string]any{
			region.Key:   region.Options[0].ID,
			contract.Key: map[string]any{"value": 2500, "currency": "EUR"},
			tags.Key:     []int{tags.Options[0].ID, tags.Options[1].ID},
			period.Key:   map[string]any{"value": "2026-01-01", "until": "2026-12-31"},
		},
	})
	post("/deals", map[string]any{"title": "Won deal", "status": "won", "won_time": "2026-02-01T10:00:00Z"})
	archivedID := post("/deals", map[string]any{"title": "Old deal", "is_archived": true})
	actID := post("/activities", map[string]any{
		"subject": "Call Bob", "type": "call", "due_date": "2026-05-01", "due_time": "10:00", "duration": "00:30",
		"deal_id": dealID, "person_id": personID, "org_id": orgID, "busy": true, "priority": 1,
		"location":     map[string]any{"value": "1 Main St"},
		"participants": []any{map[string]any{"person_id": personID, "primary": true}},
		"attendees":    []any{map[string]any{"email": "carol@acme.test", "name": "Carol"}},
	})
	post("/activities", map[string]any{"subject": "Done", "done": true})
	pipelineID := post("/pipelines", map[string]any{"name": "Partners", "is_deal_probability_enabled": false})
	stageID := post("/stages", map[string]any{"name": "Intro", "pipeline_id": pipelineID, "deal_probability": 20,
		"is_deal_rot_enabled": true, "days_to_rotten": 7})
	post("/deals", map[string]any{"title": "Partner deal", "stage_id": stageID})

	since := "2020-01-01T00:00:00Z"
	for _, path := range []string{
		"/deals", "/deals?limit=1", "/deals?status=open,won&sort_by=update_time&sort_direction=desc",
		"/deals?owner_id=1&person_id=" + itoa(personID) + "&org_id=" + itoa(orgID) + "&pipeline_id=1&stage_id=1",
		"/deals?ids=1,2&updated_since=" + since + "&updated_until=2100-01-01T00:00:00Z",
		"/deals?filter_id=" + itoa(matchAllFilter(t, srv, "deals")) + "&include_fields=notes_count,smart_bcc_email,next_activity_id&custom_fields=" + region.Key,
		"/deals?include_option_labels=true&include_labels=true",
		"/deals/" + itoa(dealID), "/deals/" + itoa(dealID) + "?include_fields=activities_count,first_won_time",
		"/deals/archived", "/deals/archived?limit=5&sort_by=add_time",
		"/deals/search?term=deal", "/deals/search?term=big&fields=title,notes&exact_match=false&include_fields=deal.cc_email",
		"/deals/search?term=deal&person_id=" + itoa(personID) + "&organization_id=" + itoa(orgID) + "&status=open&limit=1",
		"/persons", "/persons?owner_id=1&org_id=" + itoa(orgID) + "&deal_id=" + itoa(dealID) + "&sort_by=add_time",
		"/persons?include_fields=open_deals_count,marketing_status,smart_bcc_email&include_option_labels=true",
		"/persons/" + itoa(personID), "/persons/search?term=bob", "/persons/search?term=acme&fields=email&include_fields=person.picture",
		"/persons/search?term=bob&organization_id=" + itoa(orgID),
		"/organizations", "/organizations?owner_id=1&include_fields=people_count,open_deals_count",
		"/organizations/" + itoa(orgID), "/organizations/search?term=acme", "/organizations/search?term=main&fields=address",
		"/activities", "/activities?owner_id=1&deal_id=" + itoa(dealID) + "&person_id=" + itoa(personID) + "&org_id=" + itoa(orgID),
		"/activities?done=false&sort_by=due_date&sort_direction=desc&include_fields=attendees",
		"/activities?lead_id=x&ids=1,2", "/activities/" + itoa(actID), "/activities/" + itoa(actID) + "?include_fields=attendees",
		"/pipelines", "/pipelines?sort_by=update_time&limit=1", "/pipelines/" + itoa(pipelineID),
		"/stages", "/stages?pipeline_id=1&sort_by=order_nr", "/stages/" + itoa(stageID),
		"/itemSearch?term=acme", "/itemSearch?term=bob&item_types=person,deal&fields=name,email&search_for_related_items=true",
		"/itemSearch?term=deal&include_fields=deal.cc_email&limit=1&exact_match=false",
	} {
		res := do(t, srv, http.MethodGet, v2+path, nil)
		if res.Status != http.StatusOK {
			t.Errorf("GET %s: %d %s", path, res.Status, res.Raw)
		}
		if next := nextCursor(res); next != "" {
			sep := "?"
			if strings.Contains(path, "?") {
				sep = "&"
			}
			if res := do(t, srv, http.MethodGet, v2+path+sep+"cursor="+next, nil); res.Status != http.StatusOK {
				t.Errorf("GET %s (next page): %d %s", path, res.Status, res.Raw)
			}
		}
	}
	for path, body := range map[string]map[string]any{
		"/deals/" + itoa(dealID): {"title": "Renamed", "status": "lost", "lost_reason": "price", "probability": nil,
			"close_time": nil, "custom_fields": map[string]any{region.Key: nil, contract.Key: map[string]any{"value": 99, "currency": "USD"}}},
		"/deals/" + itoa(archivedID):     {"is_archived": false},
		"/persons/" + itoa(personID):     {"name": "Robert", "job_title": "CTO", "custom_fields": map[string]any{personTier: nil}},
		"/organizations/" + itoa(orgID):  {"name": "Acme Inc", "linkedin": nil, "employee_count": 50},
		"/activities/" + itoa(actID):     {"done": true, "location": map[string]any{"value": "Room 2"}, "duration": "01:15"},
		"/pipelines/" + itoa(pipelineID): {"name": "Channel partners", "is_deal_probability_enabled": true},
		"/stages/" + itoa(stageID):       {"name": "Introduction", "deal_probability": 30, "days_to_rotten": 14},
	} {
		res := do(t, srv, http.MethodPatch, v2+path, body)
		if res.Status != http.StatusOK {
			t.Errorf("PATCH %s: %d %s", path, res.Status, res.Raw)
		}
	}
	for _, path := range []string{
		"/activities/" + itoa(actID), "/deals/" + itoa(dealID), "/persons/" + itoa(personID),
		"/organizations/" + itoa(orgID), "/stages/" + itoa(stageID), "/pipelines/" + itoa(pipelineID),
	} {
		res := do(t, srv, http.MethodDelete, v2+path, nil)
		if res.Status != http.StatusOK {
			t.Errorf("DELETE %s: %d %s", path, res.Status, res.Raw)
		}
	}
	res := do(t, srv, http.MethodGet, v2+"/deals?status=deleted", nil)
	assert.Equal(t, []int{dealID}, res.IDs())
	t.Run("lead conversions", func(t *testing.T) { conformanceConversions(t, srv) })
}

// TestConformanceFields drives the v1 and v2 field-definition endpoints
// through the spec-validating middleware.
func TestConformanceFields(t *testing.T) {
	srv := conformanceServer(t)
	for _, typ := range []string{"varchar", "varchar_auto", "text", "double", "monetary", "date", "daterange",
		"time", "timerange", "enum", "set", "user", "org", "people", "phone", "address"} {
		for _, entity := range []string{"person", "organization", "activity"} {
			srv.AddField("", entity, pipedrivetest.FieldDef{Name: "My " + typ, Type: typ, Options: []string{"A", "B"}})
		}
	}
	region, _ := srv.Field("", "deal", "Region")
	tier, _ := srv.Field("", "person", "My enum")
	for _, path := range []string{
		"/dealFields", "/dealFields?start=2&limit=3", "/dealFields/1", "/dealFields/" + itoa(region.ID),
		"/personFields", "/personFields/" + itoa(tier.ID), "/organizationFields", "/organizationFields?limit=500",
		"/organizationFields/" + itoa(srv.Fields("", "organization")[0].ID), "/activityFields",
	} {
		res := do(t, srv, http.MethodGet, v1+path, nil)
		if res.Status != http.StatusOK {
			t.Errorf("GET v1 %s: %d %s", path, res.Status, res.Raw)
		}
	}
	for _, path := range []string{
		"/dealFields", "/dealFields?limit=2&include_fields=ui_visibility,important_fields,required_fields",
		"/dealFields/title", "/dealFields/" + region.Key + "?include_fields=required_fields",
		"/personFields", "/personFields/" + tier.Key, "/personFields?limit=500",
		"/organizationFields?include_fields=ui_visibility", "/organizationFields/address",
		"/activityFields", "/activityFields?include_fields=ui_visibility", "/activityFields/subject",
	} {
		res := do(t, srv, http.MethodGet, v2+path, nil)
		if res.Status != http.StatusOK {
			t.Errorf("GET v2 %s: %d %s", path, res.Status, res.Raw)
		}
		if next := nextCursor(res); next != "" {
			sep := "?"
			if strings.Contains(path, "?") {
				sep = "&"
			}
			if res := do(t, srv, http.MethodGet, v2+path+sep+"cursor="+next, nil); res.Status != http.StatusOK {
				t.Errorf("GET %s (next page): %d %s", path, res.Status, res.Raw)
			}
		}
	}
}

// conformanceCurrencies: GET /api/v1/currencies, with and without a
// term, validates against the spec.
func conformanceCurrencies(t *testing.T, srv *pipedrivetest.Server) {
	res := do(t, srv, http.MethodGet, v1+"/currencies", nil)
	require.Equal(t, http.StatusOK, res.Status)
	assert.Len(t, res.List(), 8)
	res = do(t, srv, http.MethodGet, v1+"/currencies?term=eur", nil)
	require.Equal(t, http.StatusOK, res.Status)
	require.Len(t, res.List(), 1)
	assert.Equal(t, "EUR", res.List()[0]["code"])
}

// conformanceWebhooks: the webhooks endpoints through the SDK.
func conformanceWebhooks(t *testing.T, srv *pipedrivetest.Server) {
	c := srv.Client(t, pipedrive.WithHTTPClient(&http.Client{Transport: conformance.TagTransport(nil)}))
	ctx := context.Background()
	w, _, err := c.Webhooks.Create(ctx, &pipedrive.WebhookCreateParams{SubscriptionURL: "https://hooks.example.com/p",
		EventAction: pipedrive.WebhookCreate, EventObject: pipedrive.WebhookPerson, Name: "conformance",
		HTTPAuthUser: "u", HTTPAuthPassword: "p"})
	require.NoError(t, err)
	list, _, err := c.Webhooks.List(ctx)
	require.NoError(t, err)
	assert.NotEmpty(t, list)
	_, err = c.Webhooks.Delete(ctx, w.ID)
	require.NoError(t, err)
}

// conformanceLeadLabels: lead labels and sources (the generic store)
// through the SDK, with the fake's rules.
func conformanceLeadLabels(t *testing.T, srv *pipedrivetest.Server) {
	c := srv.Client(t, pipedrive.WithHTTPClient(&http.Client{Transport: conformance.TagTransport(nil)}))
	ctx := context.Background()
	labels, _, err := c.LeadLabels.List(ctx)
	require.NoError(t, err)
	assert.Len(t, labels, 3, "seeded: Hot, Warm, Cold")
	l, _, err := c.LeadLabels.Create(ctx, &pipedrive.LeadLabelParams{Name: "Strategic", Color: pipedrive.LeadLabelPurple})
	require.NoError(t, err)
	assert.Len(t, l.ID, 36)
	l, _, err = c.LeadLabels.Update(ctx, l.ID, &pipedrive.LeadLabelParams{Color: pipedrive.LeadLabelGreen})
	require.NoError(t, err)
	assert.Equal(t, "Strategic", l.Name, "PATCH keeps what is not sent")
	assert.Equal(t, pipedrive.LeadLabelGreen, l.Color)
	_, err = c.LeadLabels.Delete(ctx, l.ID)
	require.NoError(t, err)
	_, err = c.LeadLabels.Delete(ctx, l.ID)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
	sources, _, err := c.LeadSources.List(ctx)
	require.NoError(t, err)
	assert.NotEmpty(t, sources)
}

// conformanceLeads: leads through the SDK, with Pipedrive's rules.
func conformanceLeads(t *testing.T, srv *pipedrivetest.Server) {
	c := srv.Client(t, pipedrive.WithHTTPClient(&http.Client{Transport: conformance.TagTransport(nil)}))
	ctx := context.Background()
	p, _, err := c.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{Name: "Lead person"})
	require.NoError(t, err)
	labels, _, err := c.LeadLabels.List(ctx)
	require.NoError(t, err)
	l, _, err := c.Leads.Create(ctx, &pipedrive.LeadCreateParams{Title: "Inbound", PersonID: p.ID,
		Value: &pipedrive.LeadValue{Amount: 500, Currency: "EUR"}, LabelIDs: []string{labels[0].ID}})
	require.NoError(t, err)
	assert.Equal(t, "API", l.SourceName)
	l, _, err = c.Leads.Get(ctx, l.ID)
	require.NoError(t, err)
	assert.Equal(t, 500.0, l.Value.Amount)
	second, _, err := c.Leads.Create(ctx, &pipedrive.LeadCreateParams{Title: "Second", PersonID: p.ID})
	require.NoError(t, err)
	n := 0
	for _, err := range c.Leads.All(ctx, &pipedrive.LeadListOptions{PersonID: p.ID, ListOptions: pipedrive.ListOptions{Limit: 1}}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 2, n, "two pages of one")
	l, _, err = c.Leads.Update(ctx, l.ID, &pipedrive.LeadUpdateParams{Title: pipedrive.Set("Inbound, qualified"),
		Value: pipedrive.Null[pipedrive.LeadValue](), IsArchived: pipedrive.Set(true)})
	require.NoError(t, err)
	assert.Nil(t, l.Value)
	archived, _, err := c.Leads.Archived(ctx, &pipedrive.LeadListOptions{PersonID: p.ID})
	require.NoError(t, err)
	assert.Len(t, archived, 1)
	_, _, err = c.Leads.Update(ctx, second.ID, &pipedrive.LeadUpdateParams{PersonID: pipedrive.Null[int]()})
	var apiErr *pipedrive.APIError
	require.ErrorAs(t, err, &apiErr, "a lead keeps a person or an organization")
	users, _, err := c.Leads.PermittedUsers(ctx, l.ID)
	require.NoError(t, err)
	assert.NotEmpty(t, users)
	_, err = c.Leads.Delete(ctx, l.ID)
	require.NoError(t, err)
	_, _, err = c.Leads.Get(ctx, l.ID)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
}

// conformanceConversions: a lead becomes a deal and a deal a lead; the
// status reports progress, then the new entity; lead search finds leads.
func conformanceConversions(t *testing.T, srv *pipedrivetest.Server) {
	c := srv.Client(t, pipedrive.WithHTTPClient(&http.Client{Transport: conformance.TagTransport(nil)}))
	ctx := context.Background()
	org, _, err := c.V2.Organizations.Create(ctx, &pipedrive.V2OrganizationCreateParams{Name: "Converted Inc"})
	require.NoError(t, err)
	lead, _, err := c.Leads.Create(ctx, &pipedrive.LeadCreateParams{Title: "Conversion candidate", OrganizationID: org.ID,
		Value: &pipedrive.LeadValue{Amount: 750, Currency: "EUR"}})
	require.NoError(t, err)
	hits, _, err := c.V2.Leads.Search(ctx, &pipedrive.V2LeadSearchOptions{Term: "candidate"})
	require.NoError(t, err)
	require.Len(t, hits, 1)
	assert.Equal(t, lead.ID, hits[0].Item.ID)

	job, _, err := c.V2.Leads.ConvertToDeal(ctx, lead.ID, &pipedrive.V2ConvertToDealParams{StageID: 2})
	require.NoError(t, err)
	st, _, err := c.V2.Leads.ConversionStatus(ctx, lead.ID, job.ConversionID)
	require.NoError(t, err)
	assert.Equal(t, "running", st.Status)
	st, _, err = c.V2.Leads.ConversionStatus(ctx, lead.ID, job.ConversionID)
	require.NoError(t, err)
	require.True(t, st.Done())
	deal, _, err := c.V2.Deals.Get(ctx, st.DealID)
	require.NoError(t, err)
	assert.Equal(t, "Conversion candidate", deal.Title)
	assert.Equal(t, 750.0, deal.Value)
	assert.Equal(t, 2, deal.StageID)
	_, _, err = c.Leads.Get(ctx, lead.ID)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound, "the lead is gone once the deal exists")

	back, _, err := c.V2.Deals.ConvertToLead(ctx, deal.ID)
	require.NoError(t, err)
	for range 2 {
		st, _, err = c.V2.Deals.ConversionStatus(ctx, deal.ID, back.ConversionID)
		require.NoError(t, err)
	}
	require.Equal(t, "completed", st.Status)
	again, _, err := c.Leads.Get(ctx, st.LeadID)
	require.NoError(t, err)
	assert.Equal(t, deal.ID, again.SourceDealID)
	gone, _, err := c.V2.Deals.Get(ctx, deal.ID)
	require.NoError(t, err)
	assert.True(t, gone.IsDeleted, "the deal is deleted once the lead exists")
}
