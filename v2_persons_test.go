package pipedrive

import (
	"context"
	"net/http"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestV2PersonsList(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v2/persons", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{
			"filter_id":      {"5"},
			"ids":            {"31,32"},
			"owner_id":       {"7"},
			"org_id":         {"12"},
			"deal_id":        {"101"},
			"updated_since":  {"2026-01-01T00:00:00Z"},
			"sort_by":        {"add_time"},
			"sort_direction": {"asc"},
			"include_fields": {"open_deals_count,activities_count"},
			"custom_fields":  {v2KeyText},
			"limit":          {"100"},
		})
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/persons/list_page1.json"))
	})
	persons, resp, err := env.client.V2.Persons.List(context.Background(), &V2PersonListOptions{
		FilterID:      5,
		IDs:           []int{31, 32},
		OwnerID:       7,
		OrgID:         12,
		DealID:        101,
		UpdatedSince:  time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		SortBy:        V2SortByAddTime,
		SortDirection: V2SortAsc,
		IncludeFields: []string{"open_deals_count", "activities_count"},
		CustomFields:  []string{v2KeyText},
		V2ListOptions: V2ListOptions{Limit: 100},
	})
	require.NoError(t, err)
	assert.Equal(t, "cGVyc29ucy0y", resp.NextCursor)
	require.Len(t, persons, 2)

	p := persons[0]
	assert.Equal(t, 31, p.ID)
	assert.Equal(t, "Ann Smith", p.Name)
	assert.Equal(t, "Ann", p.FirstName)
	assert.Equal(t, 7, p.OwnerID)
	assert.Equal(t, 12, p.OrgID)
	assert.Equal(t, []ContactDetail{
		{Value: "ann@acme.example", Primary: true, Label: "work"},
		{Value: "ann@home.example", Primary: false, Label: "home"},
	}, p.Emails)
	assert.Equal(t, []ContactDetail{{Value: "+372 5555 0101", Primary: true, Label: "mobile"}}, p.Phones)
	assert.Equal(t, V2VisibilityGroup, p.VisibleTo)
	assert.Equal(t, []int{4}, p.LabelIDs)
	assert.Zero(t, p.PictureID)
	assert.Equal(t, v2Time(t, "2026-02-14T09:15:00Z"), p.UpdateTime)
	text, ok := p.CustomFields.Text(v2KeyText)
	assert.True(t, ok)
	assert.Equal(t, "Prefers email", text)

	p = persons[1]
	assert.Zero(t, p.OrgID, "null org_id")
	assert.Equal(t, 77, p.PictureID)
	assert.Equal(t, "Met at the fair", p.Notes)
	assert.Equal(t, []ContactDetail{{Value: "bobj", Primary: true, Label: "skype"}}, p.IMs)
	assert.Equal(t, Date("1990-07-14"), p.Birthday)
	assert.Equal(t, "CTO", p.JobTitle)
	require.NotNil(t, p.PostalAddress)
	assert.Equal(t, "Springfield", p.PostalAddress.Locality)
	assert.Equal(t, "12345", p.PostalAddress.PostalCode)
}

func TestV2PersonsAll(t *testing.T) {
	env := setupV2(t)
	var calls atomic.Int32
	env.gateway.HandleFunc("GET /pipedrive/api/v2/persons", func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.URL.Query().Get("cursor") == "cGVyc29ucy0y" {
			testQuery(t, r, url.Values{"cursor": {"cGVyc29ucy0y"}, "include_fields": {"open_deals_count"}})
			writeJSON(t, w, http.StatusOK, testdata(t, "v2/persons/list_page2.json"))
			return
		}
		testQuery(t, r, url.Values{"include_fields": {"open_deals_count"}})
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/persons/list_page1.json"))
	})
	persons, err := collectV2(env.client.V2.Persons.All(context.Background(), &V2PersonListOptions{IncludeFields: []string{"open_deals_count"}}))
	require.NoError(t, err)
	require.Len(t, persons, 3)
	assert.Equal(t, 33, persons[2].ID)
	assert.Equal(t, 2, persons[2].OpenDealsCount)
	assert.Equal(t, 5, persons[2].ActivitiesCount)
	assert.Equal(t, 880, persons[2].NextActivityID)
	assert.Equal(t, int32(2), calls.Load())
}

func TestV2PersonsGet(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v2/persons/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "31", r.PathValue("id"))
		testQuery(t, r, url.Values{})
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/persons/get.json"))
	})
	p, _, err := env.client.V2.Persons.Get(context.Background(), 31)
	require.NoError(t, err)
	assert.Equal(t, "Ann Smith", p.Name)
	assert.Equal(t, "ann@acme.example", p.Emails[0].Value)
	assert.True(t, bool(p.Emails[0].Primary))
}

func TestV2PersonsCreate(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("POST /pipedrive/api/v2/persons", func(w http.ResponseWriter, r *http.Request) {
		testBody(t, r, `{
			"name": "Dana White",
			"owner_id": 7,
			"org_id": 12,
			"emails": [{"value": "dana@acme.example", "primary": true}, {"value": "dana@home.example"}],
			"phones": [{"value": "+1 555 0100", "primary": true, "label": "work"}],
			"visible_to": 7,
			"label_ids": [4, 6],
			"add_time": "2026-03-10T12:00:00Z",
			"marketing_status": "subscribed",
			"birthday": "1985-02-03",
			"postal_address": {"value": "Main St 2", "locality": "Springfield"},
			"custom_fields": {"`+v2KeyNumber+`": 12.5}
		}`)
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/persons/create.json"))
	})
	p, _, err := env.client.V2.Persons.Create(context.Background(), &V2PersonCreateParams{
		Name:            "Dana White",
		OwnerID:         7,
		OrgID:           12,
		Emails:          Contacts("dana@acme.example", "dana@home.example"),
		Phones:          []ContactDetail{{Value: "+1 555 0100", Primary: true, Label: "work"}},
		VisibleTo:       V2VisibilityCompany,
		LabelIDs:        []int{4, 6},
		AddTime:         time.Date(2026, 3, 10, 14, 0, 0, 0, time.FixedZone("EET", 2*3600)),
		MarketingStatus: V2MarketingSubscribed,
		Birthday:        "1985-02-03",
		PostalAddress:   &V2Address{Value: "Main St 2", Locality: "Springfield"},
		CustomFields:    map[string]any{v2KeyNumber: 12.5},
	})
	require.NoError(t, err)
	assert.Equal(t, 34, p.ID)
	n, ok := p.CustomFields.Number(v2KeyNumber)
	assert.True(t, ok)
	assert.Equal(t, 12.5, n)
}

func TestV2PersonsUpdate(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("PATCH /pipedrive/api/v2/persons/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "31", r.PathValue("id"))
		testBody(t, r, `{
			"name": "Ann Smith-Jones",
			"owner_id": 9,
			"emails": [],
			"phones": [{"value": "+372 5555 0202", "primary": true, "label": "work"}],
			"custom_fields": {"`+v2KeyText+`": null}
		}`)
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/persons/update.json"))
	})
	p, _, err := env.client.V2.Persons.Update(context.Background(), 31, &V2PersonUpdateParams{
		Name:         Set("Ann Smith-Jones"),
		OwnerID:      Set(9),
		Emails:       Set([]ContactDetail{}),
		Phones:       Set([]ContactDetail{{Value: "+372 5555 0202", Primary: true, Label: "work"}}),
		CustomFields: map[string]any{v2KeyText: nil},
	})
	require.NoError(t, err)
	assert.Equal(t, "Ann Smith-Jones", p.Name)
	assert.Empty(t, p.Emails)
	assert.True(t, p.CustomFields.IsNull(v2KeyText))
}

func TestV2PersonsDelete(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("DELETE /pipedrive/api/v2/persons/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "31", r.PathValue("id"))
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":{"id":31}}`)
	})
	_, err := env.client.V2.Persons.Delete(context.Background(), 31)
	require.NoError(t, err)
}

func TestV2PersonsSearch(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v2/persons/search", func(w http.ResponseWriter, r *http.Request) {
		want := url.Values{
			"term":            {"ann"},
			"fields":          {"name,email"},
			"organization_id": {"12"},
			"include_fields":  {"person.picture"},
		}
		if c := r.URL.Query().Get("cursor"); c != "" {
			want.Set("cursor", c)
			testQuery(t, r, want)
			writeJSON(t, w, http.StatusOK, testdata(t, "v2/persons/search_page2.json"))
			return
		}
		testQuery(t, r, want)
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/persons/search.json"))
	})
	opts := &V2PersonSearchOptions{
		Term:           "ann",
		Fields:         []V2SearchField{V2SearchFieldName, V2SearchFieldEmail},
		OrganizationID: 12,
		IncludeFields:  []string{"person.picture"},
	}
	hits, resp, err := env.client.V2.Persons.Search(context.Background(), opts)
	require.NoError(t, err)
	assert.Equal(t, "cC1zZWFyY2gtMg", resp.NextCursor)
	require.Len(t, hits, 1)
	it := hits[0].Item
	assert.Equal(t, 31, it.ID)
	assert.Equal(t, []string{"ann@acme.example", "ann@home.example"}, it.Emails)
	assert.Equal(t, []string{"+372 5555 0101"}, it.Phones)
	assert.Equal(t, V2SearchRef{ID: 12, Name: "Acme Corp"}, it.Organization)
	assert.Equal(t, 7, it.Owner.ID)

	all, err := collectV2(env.client.V2.Persons.SearchAll(context.Background(), opts))
	require.NoError(t, err)
	require.Len(t, all, 2)
	assert.Equal(t, "Annabel Lee", all[1].Item.Name)
	assert.Zero(t, all[1].Item.Organization.ID)
}

func TestV2PersonsValidation(t *testing.T) {
	env := setupV2(t)
	ctx := context.Background()
	persons := env.client.V2.Persons
	for _, tc := range []struct {
		name, field string
		err         error
	}{
		{"limit", "limit", func() error {
			_, _, err := persons.List(ctx, &V2PersonListOptions{V2ListOptions: V2ListOptions{Limit: 600}})
			return err
		}()},
		{"ids", "ids", func() error {
			_, _, err := persons.List(ctx, &V2PersonListOptions{IDs: []int{-3}})
			return err
		}()},
		{"sort_by order_nr", "sort_by", func() error {
			_, _, err := persons.List(ctx, &V2PersonListOptions{SortBy: V2SortByOrderNr})
			return err
		}()},
		{"get 0", "id", func() error { _, _, err := persons.Get(ctx, 0); return err }()},
		{"delete 0", "id", func() error { _, err := persons.Delete(ctx, 0); return err }()},
		{"create nil", "params", func() error { _, _, err := persons.Create(ctx, nil); return err }()},
		{"create no name", "name", func() error {
			_, _, err := persons.Create(ctx, &V2PersonCreateParams{Emails: Contacts("a@b.example")})
			return err
		}()},
		{"create empty email", "emails", func() error {
			_, _, err := persons.Create(ctx, &V2PersonCreateParams{Name: "x", Emails: []ContactDetail{{Label: "work"}}})
			return err
		}()},
		{"create marketing", "marketing_status", func() error {
			_, _, err := persons.Create(ctx, &V2PersonCreateParams{Name: "x", MarketingStatus: "opted_in"})
			return err
		}()},
		{"create visible_to", "visible_to", func() error {
			_, _, err := persons.Create(ctx, &V2PersonCreateParams{Name: "x", VisibleTo: 4})
			return err
		}()},
		{"update nil", "params", func() error { _, _, err := persons.Update(ctx, 1, nil); return err }()},
		{"update 0", "id", func() error { _, _, err := persons.Update(ctx, 0, &V2PersonUpdateParams{}); return err }()},
		{"update null org", "org_id", func() error {
			_, _, err := persons.Update(ctx, 1, &V2PersonUpdateParams{OrgID: Null[int]()})
			return err
		}()},
		{"update empty name", "name", func() error {
			_, _, err := persons.Update(ctx, 1, &V2PersonUpdateParams{Name: Set(" ")})
			return err
		}()},
		{"update bad birthday", "birthday", func() error {
			_, _, err := persons.Update(ctx, 1, &V2PersonUpdateParams{Birthday: Set(Date("1990-13-01"))})
			return err
		}()},
		{"search short", "term", func() error {
			_, _, err := persons.Search(ctx, &V2PersonSearchOptions{Term: "a"})
			return err
		}()},
		{"search bad field", "fields", func() error {
			_, _, err := persons.Search(ctx, &V2PersonSearchOptions{Term: "ann", Fields: []V2SearchField{V2SearchFieldTitle}})
			return err
		}()},
	} {
		t.Run(tc.name, func(t *testing.T) { requireValidation(t, tc.err, tc.field) })
	}
	assert.Zero(t, env.requests.Load())
}
