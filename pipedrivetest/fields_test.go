package pipedrivetest_test

import (
	"net/http"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopipedrive/pipedrive/pipedrivetest"
)

var hex40 = regexp.MustCompile(`^[0-9a-f]{40}$`)

func TestSeedFieldsAndAddField(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	want := map[string]string{
		"Region": "enum", "Contract value": "monetary", "Renewal date": "date",
		"Tags": "set", "Contract period": "daterange", "Notes summary": "text",
	}
	for name, typ := range want {
		f, found := srv.Field("", "deal", name)
		require.True(t, found, name)
		assert.Equal(t, typ, f.Type, name)
		assert.True(t, f.Custom, name)
		assert.Regexp(t, hex40, f.Key, name)
		assert.Equal(t, f.Key, f.Code, name)
	}
	// The keys only depend on the seed, so examples may rely on them.
	for name, key := range map[string]string{
		"Region":          "18be4321c06e118aada09371f00b7d495e6e5ace",
		"Contract value":  "c426a03cc1811bd31319cf2016c642c5c1e2659d",
		"Renewal date":    "8e91f1fa5fa45b897d4e61c3df03e6e083d04ad0",
		"Tags":            "ea8f87b6621010c3e071dff32a6ec790fb8c44fe",
		"Contract period": "db565ab66b3dc11d04492adcca3bd9cb364e8a2f",
		"Notes summary":   "7fc369218aad75da157521eec587015b19811f78",
	} {
		f, _ := srv.Field("", "deal", name)
		assert.Equal(t, key, f.Key, name)
	}
	region, _ := srv.Field("", "deal", "Region")
	assert.Equal(t, []pipedrivetest.FieldOption{{ID: 1, Label: "EMEA"}, {ID: 2, Label: "Americas"}, {ID: 3, Label: "APAC"}}, region.Options)
	tags, _ := srv.Field("", "deal", "Tags")
	assert.Equal(t, []pipedrivetest.FieldOption{{ID: 4, Label: "Hot"}, {ID: 5, Label: "Strategic"}, {ID: 6, Label: "Expansion"}}, tags.Options)
	byKey, _ := srv.Field("", "deal", region.Key)
	assert.Equal(t, region, byKey, "lookup by key")
	owner, found := srv.Field("", "deal", "owner_id")
	require.True(t, found, "built-in fields by v2 code")
	assert.Equal(t, "user_id", owner.Key)
	assert.False(t, owner.Custom)

	// Keys are deterministic: same seed, same keys; another seed, others.
	same := newServer(t, pipedrivetest.WithSeedData())
	other := newServer(t, pipedrivetest.WithSeedData(), pipedrivetest.WithSeed(7))
	r2, _ := same.Field("", "deal", "Region")
	r3, _ := other.Field("", "deal", "Region")
	assert.Equal(t, region.Key, r2.Key)
	assert.NotEqual(t, region.Key, r3.Key)
	k1 := srv.AddField("", "person", pipedrivetest.FieldDef{Name: "Tier", Type: "enum", Options: []string{"Gold", "Silver"}})
	k2 := same.AddField("", "person", pipedrivetest.FieldDef{Name: "Tier", Type: "enum", Options: []string{"Gold", "Silver"}})
	k3 := srv.AddField("", "person", pipedrivetest.FieldDef{Name: "Tier", Type: "varchar"})
	assert.Equal(t, k1, k2)
	assert.NotEqual(t, k1, k3, "a second field with the same name gets its own key")
	tier, _ := srv.Field("", "person", k1)
	assert.Equal(t, []pipedrivetest.FieldOption{{ID: 7, Label: "Gold"}, {ID: 8, Label: "Silver"}}, tier.Options)

	// Without seed data only the built-in fields exist.
	bare := newServer(t)
	for _, f := range bare.Fields("", "deal") {
		assert.False(t, f.Custom, f.Name)
	}
	assert.Panics(t, func() { bare.AddField("", "deal", pipedrivetest.FieldDef{Name: "x", Type: "bogus"}) })
	assert.Panics(t, func() { bare.AddField("", "lead", pipedrivetest.FieldDef{Name: "x", Type: "text"}) })
	assert.Panics(t, func() { bare.AddField("", "deal", pipedrivetest.FieldDef{Type: "text"}) })

	// ResetData keeps the seed fields and drops the added ones.
	srv.ResetData()
	_, found = srv.Field("", "person", k1)
	assert.False(t, found)
	r4, _ := srv.Field("", "deal", "Region")
	assert.Equal(t, region, r4)
}

func TestFieldEndpointsV1(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	region, _ := srv.Field("", "deal", "Region")

	res := do(t, srv, http.MethodGet, v1+"/dealFields", nil)
	require.Equal(t, http.StatusOK, res.Status, string(res.Raw))
	list := res.List()
	require.Len(t, list, 13, "7 built-in + 6 seed fields")
	assert.Equal(t, "title", list[0]["key"])
	assert.Equal(t, false, list[0]["edit_flag"])
	assert.Equal(t, "varchar", list[0]["field_type"])
	var got map[string]any
	for _, f := range list {
		if f["key"] == region.Key {
			got = f
		}
	}
	require.NotNil(t, got)
	assert.Equal(t, float64(region.ID), got["id"])
	assert.Equal(t, "Region", got["name"])
	assert.Equal(t, "enum", got["field_type"])
	assert.Equal(t, true, got["edit_flag"])
	assert.Equal(t, true, got["active_flag"])
	assert.Equal(t, []any{
		map[string]any{"id": float64(1), "label": "EMEA"},
		map[string]any{"id": float64(2), "label": "Americas"},
		map[string]any{"id": float64(3), "label": "APAC"},
	}, got["options"])

	res = do(t, srv, http.MethodGet, v1+"/dealFields?start=10&limit=2", nil)
	assert.Len(t, res.List(), 2)
	assert.Equal(t, map[string]any{"start": float64(10), "limit": float64(2), "more_items_in_collection": true,
		"next_start": float64(12)}, res.Pagination())

	res = do(t, srv, http.MethodGet, v1+"/dealFields/"+itoa(region.ID), nil)
	require.Equal(t, http.StatusOK, res.Status)
	assert.Equal(t, region.Key, res.Data()["key"])
	res = do(t, srv, http.MethodGet, v1+"/dealFields/9999", nil)
	assert.Equal(t, http.StatusNotFound, res.Status)
	assert.Equal(t, pdErrorBody("Field not found"), res.Body)
	person := srv.Fields("", "person")[0]
	assert.Equal(t, http.StatusNotFound, do(t, srv, http.MethodGet, v1+"/dealFields/"+itoa(person.ID), nil).Status,
		"a person field is not a deal field")
	assert.Equal(t, "name", do(t, srv, http.MethodGet, v1+"/personFields/"+itoa(person.ID), nil).Data()["key"])

	for _, path := range []string{"/personFields", "/organizationFields", "/activityFields"} {
		res := do(t, srv, http.MethodGet, v1+path, nil)
		require.Equal(t, http.StatusOK, res.Status, path)
		assert.NotEmpty(t, res.List(), path)
	}
	assert.Equal(t, http.StatusNotFound, do(t, srv, http.MethodGet, v1+"/activityFields/1", nil).Status,
		"v1 has no GET /activityFields/{id}")
}

func TestFieldEndpointsV2(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	contract, _ := srv.Field("", "deal", "Contract value")
	tags, _ := srv.Field("", "deal", "Tags")

	var codes []string
	for cursor := ""; ; {
		path := v2 + "/dealFields?limit=5"
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		res := do(t, srv, http.MethodGet, path, nil)
		require.Equal(t, http.StatusOK, res.Status, string(res.Raw))
		for _, f := range res.List() {
			codes = append(codes, f["field_code"].(string))
		}
		if cursor = nextCursor(res); cursor == "" {
			break
		}
	}
	assert.Len(t, codes, 13)
	assert.Equal(t, []string{"title", "value", "owner_id"}, codes[:3])

	res := do(t, srv, http.MethodGet, v2+"/dealFields/"+contract.Key, nil)
	require.Equal(t, http.StatusOK, res.Status)
	f := res.Data()
	assert.Equal(t, "Contract value", f["field_name"])
	assert.Equal(t, "monetary", f["field_type"])
	assert.Equal(t, true, f["is_custom_field"])
	assert.Equal(t, false, f["is_optional_response_field"])
	assert.Nil(t, f["options"])
	assert.Equal(t, []any{
		map[string]any{"field_code": "value", "field_name": "Amount of Contract value", "field_type": "double"},
		map[string]any{"field_code": "currency", "field_name": "Currency of Contract value", "field_type": "varchar"},
	}, f["subfields"])
	assert.NotContains(t, f, "ui_visibility", "only with include_fields")

	res = do(t, srv, http.MethodGet, v2+"/dealFields/"+tags.Key+"?include_fields=ui_visibility,required_fields", nil)
	f = res.Data()
	assert.Equal(t, []any{
		map[string]any{"id": float64(4), "label": "Hot"},
		map[string]any{"id": float64(5), "label": "Strategic"},
		map[string]any{"id": float64(6), "label": "Expansion"},
	}, f["options"])
	assert.Contains(t, f, "ui_visibility")
	assert.Contains(t, f, "required_fields")
	assert.NotContains(t, f, "important_fields")

	res = do(t, srv, http.MethodGet, v2+"/dealFields/owner_id", nil)
	assert.Equal(t, false, res.Data()["is_custom_field"])
	res = do(t, srv, http.MethodGet, v2+"/dealFields/nope", nil)
	assert.Equal(t, http.StatusNotFound, res.Status)
	assert.Equal(t, pdErrorBody("Field not found"), res.Body)
	assert.Equal(t, http.StatusBadRequest, do(t, srv, http.MethodGet, v2+"/activityFields?include_fields=required_fields", nil).Status)
	assert.Equal(t, "emails", do(t, srv, http.MethodGet, v2+"/personFields/emails", nil).Data()["field_code"])
	assert.Equal(t, "address", do(t, srv, http.MethodGet, v2+"/organizationFields/address", nil).Data()["field_type"])
	assert.Equal(t, http.StatusOK, do(t, srv, http.MethodGet, v2+"/activityFields/subject", nil).Status)
}

// TestCustomFieldsAcrossVersions writes custom fields in one version's shape
// and reads them in the other's.
func TestCustomFieldsAcrossVersions(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	field := func(name string) pipedrivetest.FieldInfo {
		f, found := srv.Field("", "deal", name)
		require.True(t, found, name)
		return f
	}
	region, contract, renewal := field("Region"), field("Contract value"), field("Renewal date")
	tags, period, summary := field("Tags"), field("Contract period"), field("Notes summary")
	owner := srv.AddField("", "deal", pipedrivetest.FieldDef{Name: "Account manager", Type: "user"})
	site := srv.AddField("", "deal", pipedrivetest.FieldDef{Name: "Site", Type: "address"})
	hours := srv.AddField("", "deal", pipedrivetest.FieldDef{Name: "Hours", Type: "timerange"})
	score := srv.AddField("", "deal", pipedrivetest.FieldDef{Name: "Score", Type: "double"})

	// v1 flat in, v2 object out.
	id := create(t, srv, "/deals", map[string]any{
		"title":                    "Custom",
		region.Key:                 "2",
		contract.Key:               "2500.5",
		contract.Key + "_currency": "eur",
		renewal.Key:                "2027-01-31",
		tags.Key:                   "4,6",
		period.Key:                 "2026-01-01",
		period.Key + "_until":      "2026-12-31",
		summary.Key:                "Renews yearly",
		owner:                      1,
		site:                       "1 Main St",
		site + "_locality":         "Springfield",
		hours:                      "09:00",
		hours + "_until":           "17:30",
		score:                      "7.5",
	})
	v1deal := do(t, srv, http.MethodGet, v1+"/deals/"+itoa(id), nil).Data()
	assert.Equal(t, "2", v1deal[region.Key], "v1 renders option IDs as strings")
	assert.Equal(t, "4,6", v1deal[tags.Key])
	assert.Equal(t, 2500.5, v1deal[contract.Key])
	assert.Equal(t, "EUR", v1deal[contract.Key+"_currency"])
	assert.Equal(t, "2026-12-31", v1deal[period.Key+"_until"])
	assert.Equal(t, "Springfield", v1deal[site+"_locality"])
	assert.Equal(t, "1 Main St", v1deal[site+"_formatted_address"])
	assert.Nil(t, v1deal[site+"_route"], "unset address parts are null")
	assert.Equal(t, "Alice Admin", v1deal[owner].(map[string]any)["name"], "user fields render like owners")
	assert.Equal(t, "09:00:00", v1deal[hours])

	cf := do(t, srv, http.MethodGet, v2+"/deals/"+itoa(id), nil).Data()["custom_fields"].(map[string]any)
	assert.Equal(t, float64(2), cf[region.Key], "single option: integer ID")
	assert.Equal(t, []any{float64(4), float64(6)}, cf[tags.Key], "multiple options: IDs")
	assert.Equal(t, map[string]any{"value": 2500.5, "currency": "EUR"}, cf[contract.Key])
	assert.Equal(t, "2027-01-31", cf[renewal.Key])
	assert.Equal(t, map[string]any{"value": "2026-01-01", "until": "2026-12-31"}, cf[period.Key])
	assert.Equal(t, "Renews yearly", cf[summary.Key])
	assert.Equal(t, float64(1), cf[owner])
	assert.Equal(t, map[string]any{"value": "1 Main St", "locality": "Springfield", "formatted_address": "1 Main St"}, cf[site])
	assert.Equal(t, map[string]any{"value": "09:00:00", "until": "17:30:00"}, cf[hours])
	assert.Equal(t, 7.5, cf[score])
	assert.NotContains(t, cf, region.Key+"_currency", "v2 has no sub-keys")

	res := do(t, srv, http.MethodGet, v2+"/deals/"+itoa(id)+"?include_option_labels=true&custom_fields="+region.Key+","+tags.Key, nil)
	cf = res.Data()["custom_fields"].(map[string]any)
	assert.Equal(t, map[string]any{
		region.Key: map[string]any{"id": float64(2), "label": "Americas"},
		tags.Key:   []any{map[string]any{"id": float64(4), "label": "Hot"}, map[string]any{"id": float64(6), "label": "Expansion"}},
	}, cf, "custom_fields limits the keys; option labels on request")

	// v2 PATCH: new values in v2 shapes, null clears, the rest stays.
	res = do(t, srv, http.MethodPatch, v2+"/deals/"+itoa(id), map[string]any{"custom_fields": map[string]any{
		region.Key:   3,
		tags.Key:     []int{5},
		contract.Key: map[string]any{"value": 99},
		period.Key:   nil,
		summary.Key:  nil,
		site:         map[string]any{"value": "2 Side St", "route": "Side St", "country": "US"},
	}})
	require.Equal(t, http.StatusOK, res.Status, string(res.Raw))
	cf = res.Data()["custom_fields"].(map[string]any)
	assert.Equal(t, float64(3), cf[region.Key])
	assert.Equal(t, []any{float64(5)}, cf[tags.Key])
	assert.Equal(t, map[string]any{"value": float64(99), "currency": "EUR"}, cf[contract.Key], "the currency is kept")
	assert.Nil(t, cf[period.Key])
	assert.Nil(t, cf[summary.Key])
	assert.Equal(t, "2027-01-31", cf[renewal.Key], "untouched")

	// ... and back in v1's flat shape.
	v1deal = do(t, srv, http.MethodGet, v1+"/deals/"+itoa(id), nil).Data()
	assert.Equal(t, "3", v1deal[region.Key])
	assert.Equal(t, "5", v1deal[tags.Key])
	assert.Equal(t, float64(99), v1deal[contract.Key])
	assert.Equal(t, "EUR", v1deal[contract.Key+"_currency"])
	assert.Nil(t, v1deal[period.Key])
	assert.Nil(t, v1deal[period.Key+"_until"])
	assert.Nil(t, v1deal[summary.Key])
	assert.Equal(t, "2 Side St", v1deal[site])
	assert.Equal(t, "Side St", v1deal[site+"_route"])
	assert.Equal(t, "US", v1deal[site+"_country"])
	assert.Nil(t, v1deal[site+"_locality"], "an address object replaces the whole address")

	// v1 PUT null clears; a set accepts an array.
	res = do(t, srv, http.MethodPut, v1+"/deals/"+itoa(id), map[string]any{region.Key: nil, tags.Key: []int{4, 5}})
	require.Equal(t, http.StatusOK, res.Status, string(res.Raw))
	assert.Nil(t, res.Data()[region.Key])
	assert.Equal(t, "4,5", res.Data()[tags.Key])

	// Invalid values: 400 in either version, nothing stored.
	for name, body := range map[string]map[string]any{
		"v1 unknown option": {"title": "x", region.Key: "9"},
		"v1 not a number":   {"title": "x", contract.Key: "lots"},
		"v1 bad date":       {"title": "x", renewal.Key: "31/01/2027"},
		"v1 unknown user":   {"title": "x", owner: 42},
	} {
		assert.Equal(t, http.StatusBadRequest, do(t, srv, http.MethodPost, v1+"/deals", body).Status, name)
	}
	for name, cfs := range map[string]map[string]any{
		"option as string":   {region.Key: "2"},
		"unknown option":     {region.Key: 9},
		"set not a list":     {tags.Key: 4},
		"empty set":          {tags.Key: []int{}},
		"monetary as number": {contract.Key: 5},
		"range as string":    {period.Key: "2026-01-01"},
		"number as string":   {score: "7"},
		"text as number":     {summary.Key: 5},
		"user as string":     {owner: "1"},
	} {
		res := do(t, srv, http.MethodPost, v2+"/deals", map[string]any{"title": "x", "custom_fields": cfs})
		assert.Equal(t, http.StatusBadRequest, res.Status, name)
	}
	assert.Len(t, do(t, srv, http.MethodGet, v2+"/deals", nil).IDs(), 1)

	// Keys without a definition are kept as received in both versions.
	const loose = "0123456789abcdef0123456789abcdef01234567"
	id2 := create(t, srv, "/deals", map[string]any{"title": "Loose", loose: "blue", loose + "_extra": "x"})
	cf = do(t, srv, http.MethodGet, v2+"/deals/"+itoa(id2), nil).Data()["custom_fields"].(map[string]any)
	assert.Equal(t, "blue", cf[loose])
	do(t, srv, http.MethodPatch, v2+"/deals/"+itoa(id2), map[string]any{"custom_fields": map[string]any{loose: map[string]any{"any": "shape"}}})
	v1deal = do(t, srv, http.MethodGet, v1+"/deals/"+itoa(id2), nil).Data()
	assert.Equal(t, map[string]any{"any": "shape"}, v1deal[loose])
	assert.Equal(t, "x", v1deal[loose+"_extra"])

	// Searches look into searchable custom field types.
	res = do(t, srv, http.MethodGet, v2+"/deals/search?term=side%20st&fields=custom_fields", nil)
	require.Len(t, res.Data()["items"], 1)
	assert.Equal(t, []any{"2 Side St"}, res.Data()["items"].([]any)[0].(map[string]any)["item"].(map[string]any)["custom_fields"])
}

func TestCustomFieldsOtherEntities(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	tier := srv.AddField("", "person", pipedrivetest.FieldDef{Name: "Tier", Type: "enum", Options: []string{"Gold", "Silver"}})
	partner := srv.AddField("", "organization", pipedrivetest.FieldDef{Name: "Partner", Type: "org"})
	contact := srv.AddField("", "organization", pipedrivetest.FieldDef{Name: "Main contact", Type: "people"})
	mood := srv.AddField("", "activity", pipedrivetest.FieldDef{Name: "Mood", Type: "varchar"})
	gold, _ := srv.Field("", "person", tier)

	p := createV2(t, srv, "/persons", map[string]any{"name": "Ann", "custom_fields": map[string]any{tier: gold.Options[0].ID}})
	assert.Equal(t, float64(gold.Options[0].ID), p["custom_fields"].(map[string]any)[tier])
	assert.Equal(t, itoa(gold.Options[0].ID), do(t, srv, http.MethodGet, v1+"/persons/1", nil).Data()[tier])

	o1 := create(t, srv, "/organizations", map[string]any{"name": "Parent"})
	o2 := createV2(t, srv, "/organizations", map[string]any{"name": "Child",
		"custom_fields": map[string]any{partner: o1, contact: p["id"]}})
	cf := o2["custom_fields"].(map[string]any)
	assert.Equal(t, float64(o1), cf[partner])
	assert.Equal(t, p["id"], cf[contact])
	ov1 := do(t, srv, http.MethodGet, v1+"/organizations/"+itoa(num(o2["id"])), nil).Data()
	assert.Equal(t, "Parent", ov1[partner].(map[string]any)["name"])
	assert.Equal(t, "Ann", ov1[contact].(map[string]any)["name"])

	// Activity custom fields are v1-only: v2 activities have none.
	id := create(t, srv, "/activities", map[string]any{"subject": "Call", mood: "good"})
	assert.Equal(t, "good", do(t, srv, http.MethodGet, v1+"/activities/"+itoa(id), nil).Data()[mood])
	assert.NotContains(t, do(t, srv, http.MethodGet, v2+"/activities/"+itoa(id), nil).Data(), "custom_fields")
}
