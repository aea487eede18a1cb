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

func TestV2OrganizationsList(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v2/organizations", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{
			"ids":            {"12"},
			"owner_id":       {"7"},
			"updated_until":  {"2026-03-01T00:00:00Z"},
			"sort_by":        {"id"},
			"sort_direction": {"desc"},
			"include_fields": {"people_count"},
			"limit":          {"1"},
		})
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/organizations/list_page1.json"))
	})
	orgs, resp, err := env.client.V2.Organizations.List(context.Background(), &V2OrganizationListOptions{
		IDs:           []int{12},
		OwnerID:       7,
		UpdatedUntil:  time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
		SortBy:        V2SortByID,
		SortDirection: V2SortDesc,
		IncludeFields: []string{"people_count"},
		V2ListOptions: V2ListOptions{Limit: 1},
	})
	require.NoError(t, err)
	assert.Equal(t, "b3Jncy0y", resp.NextCursor)
	require.Len(t, orgs, 1)
	o := orgs[0]
	assert.Equal(t, 12, o.ID)
	assert.Equal(t, "Acme Corp", o.Name)
	assert.Equal(t, 7, o.OwnerID)
	require.NotNil(t, o.Address)
	assert.Equal(t, V2Address{
		Value: "Narva mnt 5, Tallinn", Country: "Estonia", AdminAreaLevel1: "Harju maakond",
		Locality: "Tallinn", Route: "Narva mnt", StreetNumber: "5", PostalCode: "10117",
	}, *o.Address)
	assert.Equal(t, "https://acme.example", o.Website)
	assert.Empty(t, o.LinkedIn)
	assert.Equal(t, 3, o.Industry)
	assert.Equal(t, 5000000, o.AnnualRevenue)
	assert.Equal(t, 120, o.EmployeeCount)
	assert.Equal(t, V2VisibilityGroup, o.VisibleTo)
	m, ok := o.CustomFields.Monetary(v2KeyMonetary)
	assert.True(t, ok)
	assert.Equal(t, V2Monetary{Value: 25000, Currency: "EUR"}, m)
}

func TestV2OrganizationsAll(t *testing.T) {
	env := setupV2(t)
	var calls atomic.Int32
	env.gateway.HandleFunc("GET /pipedrive/api/v2/organizations", func(w http.ResponseWriter, r *http.Request) {
		switch calls.Add(1) {
		case 1:
			testQuery(t, r, url.Values{})
			writeJSON(t, w, http.StatusOK, testdata(t, "v2/organizations/list_page1.json"))
		default:
			testQuery(t, r, url.Values{"cursor": {"b3Jncy0y"}})
			writeJSON(t, w, http.StatusOK, testdata(t, "v2/organizations/list_page2.json"))
		}
	})
	orgs, err := collectV2(env.client.V2.Organizations.All(context.Background(), nil))
	require.NoError(t, err)
	require.Len(t, orgs, 2)
	g := orgs[1]
	assert.Equal(t, "Globex", g.Name)
	assert.Nil(t, g.Address, "null address")
	assert.Zero(t, g.Industry)
	assert.Equal(t, 4, g.PeopleCount)
	assert.Equal(t, 1, g.OpenDealsCount)
	assert.Equal(t, int32(2), calls.Load())
}

func TestV2OrganizationsGet(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v2/organizations/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "12", r.PathValue("id"))
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/organizations/get.json"))
	})
	o, _, err := env.client.V2.Organizations.Get(context.Background(), 12)
	require.NoError(t, err)
	assert.Equal(t, "https://www.linkedin.com/company/acme", o.LinkedIn)
	assert.Equal(t, v2Time(t, "2025-10-01T08:00:00Z"), o.AddTime)
}

func TestV2OrganizationsCreate(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("POST /pipedrive/api/v2/organizations", func(w http.ResponseWriter, r *http.Request) {
		testBody(t, r, `{
			"name": "Initech",
			"owner_id": 7,
			"visible_to": 3,
			"label_ids": [1],
			"address": {"value": "1 Infinite Loop, Austin", "locality": "Austin", "country": "USA"},
			"website": "https://initech.example",
			"employee_count": 50,
			"custom_fields": {"`+v2KeyRange+`": {"value": "2026-01-01", "until": "2026-12-31"}}
		}`)
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/organizations/create.json"))
	})
	o, _, err := env.client.V2.Organizations.Create(context.Background(), &V2OrganizationCreateParams{
		Name:          "Initech",
		OwnerID:       7,
		VisibleTo:     V2VisibilityGroup,
		LabelIDs:      []int{1},
		Address:       &V2Address{Value: "1 Infinite Loop, Austin", Locality: "Austin", Country: "USA"},
		Website:       "https://initech.example",
		EmployeeCount: 50,
		CustomFields:  map[string]any{v2KeyRange: V2DateRange{Value: "2026-01-01", Until: "2026-12-31"}},
	})
	require.NoError(t, err)
	assert.Equal(t, 15, o.ID)
	r, ok := o.CustomFields.DateRange(v2KeyRange)
	assert.True(t, ok)
	assert.Equal(t, Date("2026-12-31"), r.Until)
}

func TestV2OrganizationsUpdate(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("PATCH /pipedrive/api/v2/organizations/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "12", r.PathValue("id"))
		testBody(t, r, `{
			"name": "Acme Corporation",
			"address": {"value": "Narva mnt 7, Tallinn", "locality": "Tallinn"},
			"website": null,
			"industry": null,
			"annual_revenue": 0
		}`)
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/organizations/update.json"))
	})
	o, _, err := env.client.V2.Organizations.Update(context.Background(), 12, &V2OrganizationUpdateParams{
		Name:          Set("Acme Corporation"),
		Address:       Set(V2Address{Value: "Narva mnt 7, Tallinn", Locality: "Tallinn"}),
		Website:       Null[string](),
		Industry:      Null[int](),
		AnnualRevenue: Set(0),
	})
	require.NoError(t, err)
	assert.Equal(t, "Acme Corporation", o.Name)
	assert.Empty(t, o.Website)
	assert.Equal(t, "Narva mnt 7, Tallinn", o.Address.Value)
}

func TestV2OrganizationsDelete(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("DELETE /pipedrive/api/v2/organizations/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "12", r.PathValue("id"))
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":{"id":12}}`)
	})
	_, err := env.client.V2.Organizations.Delete(context.Background(), 12)
	require.NoError(t, err)
}

func TestV2OrganizationsSearch(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v2/organizations/search", func(w http.ResponseWriter, r *http.Request) {
		want := url.Values{"term": {"acme"}, "fields": {"name,address"}, "limit": {"1"}}
		if c := r.URL.Query().Get("cursor"); c != "" {
			want.Set("cursor", c)
			testQuery(t, r, want)
			writeJSON(t, w, http.StatusOK, testdata(t, "v2/organizations/search_page2.json"))
			return
		}
		testQuery(t, r, want)
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/organizations/search.json"))
	})
	opts := &V2OrganizationSearchOptions{
		Term:          "acme",
		Fields:        []V2SearchField{V2SearchFieldName, V2SearchFieldAddress},
		V2ListOptions: V2ListOptions{Limit: 1},
	}
	hits, resp, err := env.client.V2.Organizations.Search(context.Background(), opts)
	require.NoError(t, err)
	assert.Equal(t, "by1zZWFyY2gtMg", resp.NextCursor)
	require.Len(t, hits, 1)
	assert.Equal(t, "Narva mnt 5, Tallinn", hits[0].Item.Address)
	assert.Equal(t, 0.77, hits[0].ResultScore)

	all, err := collectV2(env.client.V2.Organizations.SearchAll(context.Background(), opts))
	require.NoError(t, err)
	require.Len(t, all, 2)
	assert.Equal(t, "Acme Labs", all[1].Item.Name)
	assert.Empty(t, all[1].Item.Address)
	assert.Equal(t, []string{"acme-labs-id"}, all[1].Item.CustomFields)
}

func TestV2OrganizationsValidation(t *testing.T) {
	env := setupV2(t)
	ctx := context.Background()
	orgs := env.client.V2.Organizations
	for _, tc := range []struct {
		name, field string
		err         error
	}{
		{"limit", "limit", func() error {
			_, _, err := orgs.List(ctx, &V2OrganizationListOptions{V2ListOptions: V2ListOptions{Limit: 501}})
			return err
		}()},
		{"sort_direction", "sort_direction", func() error {
			_, _, err := orgs.List(ctx, &V2OrganizationListOptions{SortDirection: "DESC"})
			return err
		}()},
		{"custom_fields 16 keys", "custom_fields", func() error {
			keys := make([]string, 16)
			for i := range keys {
				keys[i] = v2KeyText
			}
			_, _, err := orgs.List(ctx, &V2OrganizationListOptions{CustomFields: keys})
			return err
		}()},
		{"get -1", "id", func() error { _, _, err := orgs.Get(ctx, -1); return err }()},
		{"delete 0", "id", func() error { _, err := orgs.Delete(ctx, 0); return err }()},
		{"create nil", "params", func() error { _, _, err := orgs.Create(ctx, nil); return err }()},
		{"create empty name", "name", func() error {
			_, _, err := orgs.Create(ctx, &V2OrganizationCreateParams{})
			return err
		}()},
		{"create negative employees", "employee_count", func() error {
			_, _, err := orgs.Create(ctx, &V2OrganizationCreateParams{Name: "x", EmployeeCount: -1})
			return err
		}()},
		{"update null name", "name", func() error {
			_, _, err := orgs.Update(ctx, 1, &V2OrganizationUpdateParams{Name: Null[string]()})
			return err
		}()},
		{"update null address", "address", func() error {
			_, _, err := orgs.Update(ctx, 1, &V2OrganizationUpdateParams{Address: Null[V2Address]()})
			return err
		}()},
		{"update industry 0", "industry", func() error {
			_, _, err := orgs.Update(ctx, 1, &V2OrganizationUpdateParams{Industry: Set(0)})
			return err
		}()},
		{"update nil", "params", func() error { _, _, err := orgs.Update(ctx, 1, nil); return err }()},
		{"search nil", "term", func() error { _, _, err := orgs.Search(ctx, nil); return err }()},
		{"search bad field", "fields", func() error {
			_, _, err := orgs.Search(ctx, &V2OrganizationSearchOptions{Term: "acme", Fields: []V2SearchField{V2SearchFieldPhone}})
			return err
		}()},
	} {
		t.Run(tc.name, func(t *testing.T) { requireValidation(t, tc.err, tc.field) })
	}
	assert.Zero(t, env.requests.Load())
}
