package pipedrive

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Keys of the custom fields in testdata/v1/fields and testdata/v2/fields.
const (
	fkText     = "c0de000000000000000000000000000000000001" // Notes summary (text)
	fkVarchar  = "c0de000000000000000000000000000000000002" // Account code (varchar)
	fkNumber   = "c0de000000000000000000000000000000000003" // Seats (double)
	fkMoney    = "c0de000000000000000000000000000000000004" // Contract value (monetary)
	fkDate     = "c0de000000000000000000000000000000000005" // Renewal date (date)
	fkDRange   = "c0de000000000000000000000000000000000006" // Contract period (daterange)
	fkTime     = "c0de000000000000000000000000000000000007" // Call time (time)
	fkTRange   = "c0de000000000000000000000000000000000008" // Office hours (timerange)
	fkEnum     = "c0de000000000000000000000000000000000009" // Region (enum 11 EMEA, 12 Americas, 13 APAC)
	fkSet      = "c0de00000000000000000000000000000000000a" // Tags (set 21 VIP, 22 Partner, 23 Reseller, 24 "Hot, urgent")
	fkUser     = "c0de00000000000000000000000000000000000b" // Account manager (user)
	fkPerson   = "c0de00000000000000000000000000000000000c" // Champion (people)
	fkOrg      = "c0de00000000000000000000000000000000000d" // Parent company (org)
	fkAddress  = "c0de00000000000000000000000000000000000e" // Billing address (address)
	fkPhone    = "c0de00000000000000000000000000000000000f" // Hotline (phone)
	fkSegment1 = "c0de000000000000000000000000000000000010" // Segment (varchar)
	fkSegment2 = "c0de000000000000000000000000000000000011" // Segment (varchar), the same name
	fkWebsite  = "c0de000000000000000000000000000000000012" // Website (varchar_auto)
	fkRoom     = "c0de000000000000000000000000000000000060" // activity: Meeting room (enum)
)

func TestFieldsListV1(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/dealFields", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{"start": {"3"}, "limit": {"3"}})
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/fields/deal_fields_page2.json"))
	})
	fields, resp, err := env.client.Fields.List(context.Background(), EntityDeal, &ListOptions{Start: 3, Limit: 3})
	require.NoError(t, err)
	require.Len(t, fields, 3)
	assert.False(t, resp.Pagination.MoreItems)

	f := fields[0]
	assert.Equal(t, 40, f.ID)
	assert.Equal(t, fkText, f.Key)
	assert.Equal(t, "Notes summary", f.Name)
	assert.Equal(t, FieldTypeText, f.FieldType)
	assert.Equal(t, 4, f.OrderNr)
	assert.True(t, f.IsCustom())
	assert.True(t, bool(f.EditFlag))
	assert.True(t, bool(f.ActiveFlag))
	assert.Equal(t, 1, f.CreatedByUserID)
	assert.Equal(t, "2026-01-05 10:00:00", f.AddTime.String())
	assert.Nil(t, f.Options, "options: null")
	assert.Equal(t, FieldTypeDouble, fields[2].FieldType)
}

func TestFieldsGetV1(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/dealFields/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "48", r.PathValue("id"))
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/fields/deal_field.json"))
	})
	f, _, err := env.client.Fields.Get(context.Background(), EntityDeal, 48)
	require.NoError(t, err)
	assert.Equal(t, "Region", f.Name)
	assert.Equal(t, FieldTypeEnum, f.FieldType)
	assert.Equal(t, []FieldOption{{ID: 11, Code: "11", Label: "EMEA"}, {ID: 12, Code: "12", Label: "Americas"}, {ID: 13, Code: "13", Label: "APAC"}}, f.Options)
	assert.Equal(t, "Region (enum, "+fkEnum+")", f.String())
}

// TestFieldsAllV1 follows the offset pagination of /v1/dealFields.
func TestFieldsAllV1(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/dealFields", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("start") {
		case "":
			testQuery(t, r, url.Values{"limit": {"3"}})
			writeJSON(t, w, http.StatusOK, testdata(t, "v1/fields/deal_fields_page1.json"))
		case "3":
			writeJSON(t, w, http.StatusOK, testdata(t, "v1/fields/deal_fields_page2.json"))
		default:
			t.Errorf("unexpected start %q", r.URL.Query().Get("start"))
		}
	})
	var keys []string
	for f, err := range env.client.Fields.All(context.Background(), EntityDeal, &ListOptions{Limit: 3}) {
		require.NoError(t, err)
		keys = append(keys, f.Key)
	}
	assert.Equal(t, []string{"title", "value", "status", fkText, fkVarchar, fkNumber}, keys)
}

// TestFieldsStandardOptions decodes the string option ids of standard
// fields ("open") next to the integer ids of custom ones.
func TestFieldsStandardOptions(t *testing.T) {
	var f FieldDefinition
	require.NoError(t, json.Unmarshal([]byte(`{"key":"status","field_type":"enum","options":[{"id":"open","label":"Open"},{"id":"12","label":"Twelve"},{"id":13,"label":"Thirteen","color":null}]}`), &f))
	assert.Equal(t, []FieldOption{{Code: "open", Label: "Open"}, {ID: 12, Code: "12", Label: "Twelve"}, {ID: 13, Code: "13", Label: "Thirteen"}}, f.Options)
	assert.False(t, f.IsCustom())

	b, err := json.Marshal(f.Options)
	require.NoError(t, err)
	assert.JSONEq(t, `[{"id":"open","label":"Open"},{"id":12,"label":"Twelve"},{"id":13,"label":"Thirteen"}]`, string(b))
}

// TestFieldsEntityPaths checks the path of every entity in both versions.
func TestFieldsEntityPaths(t *testing.T) {
	env := setupV2(t)
	for _, tc := range []struct {
		entity   FieldEntity
		resource string
	}{
		{EntityDeal, "dealFields"},
		{EntityPerson, "personFields"},
		{EntityOrganization, "organizationFields"},
		{EntityActivity, "activityFields"},
	} {
		var v1Calls, v2Calls int
		env.gateway.HandleFunc("GET /pipedrive/api/v1/"+tc.resource, func(w http.ResponseWriter, r *http.Request) {
			v1Calls++
			testQuery(t, r, url.Values{})
			writeJSON(t, w, http.StatusOK, testdata(t, "v1/fields/activity_fields.json"))
		})
		env.gateway.HandleFunc("GET /pipedrive/api/v2/"+tc.resource, func(w http.ResponseWriter, r *http.Request) {
			v2Calls++
			writeJSON(t, w, http.StatusOK, testdata(t, "v2/fields/activity_fields.json"))
		})
		got, _, err := env.client.Fields.List(context.Background(), tc.entity, nil)
		require.NoError(t, err, tc.entity)
		assert.Len(t, got, 3)
		got2, _, err := env.client.V2.Fields.List(context.Background(), tc.entity, nil)
		require.NoError(t, err, tc.entity)
		assert.Len(t, got2, 2)
		assert.Equal(t, 1, v1Calls, tc.entity)
		assert.Equal(t, 1, v2Calls, tc.entity)
	}
}

// TestFieldsActivityV1 lists activity fields (not paginated in v1; no v1
// endpoint for one field).
func TestFieldsActivityV1(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/activityFields", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{})
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/fields/activity_fields.json"))
	})
	var names []string
	for f, err := range env.client.Fields.All(context.Background(), EntityActivity, nil) {
		require.NoError(t, err)
		names = append(names, f.Name)
	}
	assert.Equal(t, []string{"Subject", "Type", "Meeting room"}, names)

	_, _, err := env.client.Fields.List(context.Background(), EntityActivity, &ListOptions{Limit: 10})
	requireValidation(t, err, "opts")
	_, _, err = env.client.Fields.Get(context.Background(), EntityActivity, 3)
	requireValidation(t, err, "entity")
}

func TestFieldsValidation(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	_, _, err := env.client.Fields.List(ctx, "lead", nil)
	requireValidation(t, err, "entity")
	_, _, err = env.client.Fields.List(ctx, EntityDeal, &ListOptions{Limit: 501})
	requireValidation(t, err, "limit")
	_, _, err = env.client.Fields.Get(ctx, EntityPerson, 0)
	requireValidation(t, err, "id")
	_, _, err = env.client.V2.Fields.List(ctx, "Deal", nil)
	requireValidation(t, err, "entity")
	_, _, err = env.client.V2.Fields.List(ctx, EntityDeal, &V2FieldListOptions{V2FieldOptions: V2FieldOptions{IncludeFields: []string{"bogus"}}})
	requireValidation(t, err, "include_fields")
	_, _, err = env.client.V2.Fields.List(ctx, EntityActivity, &V2FieldListOptions{V2FieldOptions: V2FieldOptions{IncludeFields: []string{V2FieldIncludeRequiredFields}}})
	requireValidation(t, err, "include_fields")
	_, _, err = env.client.V2.Fields.Get(ctx, EntityDeal, " ", nil)
	requireValidation(t, err, "field_code")
	_, _, err = env.client.V2.Fields.Get(ctx, EntityDeal, "a/b", nil)
	requireValidation(t, err, "field_code")
	assert.Zero(t, env.requests.Load(), "nothing was sent")
}

func TestFieldsListV2(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v2/dealFields", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{"include_fields": {"ui_visibility,required_fields"}, "limit": {"3"}})
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/fields/deal_fields_page1.json"))
	})
	fields, resp, err := env.client.V2.Fields.List(context.Background(), EntityDeal, &V2FieldListOptions{
		V2FieldOptions: V2FieldOptions{IncludeFields: []string{V2FieldIncludeUIVisibility, V2FieldIncludeRequiredFields}},
		V2ListOptions:  V2ListOptions{Limit: 3},
	})
	require.NoError(t, err)
	assert.Equal(t, "ZmllbGRzLTM", resp.NextCursor)
	require.Len(t, fields, 3)
	assert.Equal(t, "title", fields[0].FieldCode)
	assert.Equal(t, "Deal Title", fields[0].FieldName)
	assert.False(t, fields[0].IsCustomField)
	assert.Equal(t, []V2Subfield{
		{FieldCode: "value", FieldName: "Amount of Value", FieldType: FieldTypeDouble},
		{FieldCode: "currency", FieldName: "Currency of Value", FieldType: FieldTypeVarchar},
	}, fields[1].Subfields)
	assert.Equal(t, []FieldOption{{Code: "open", Label: "Open"}, {Code: "won", Label: "Won"}}, fields[2].Options)
}

// TestFieldsAllV2 follows next_cursor until it is null.
func TestFieldsAllV2(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v2/dealFields", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("cursor") {
		case "":
			writeJSON(t, w, http.StatusOK, testdata(t, "v2/fields/deal_fields_page1.json"))
		case "ZmllbGRzLTM":
			writeJSON(t, w, http.StatusOK, testdata(t, "v2/fields/deal_fields_page2.json"))
		default:
			t.Errorf("unexpected cursor %q", r.URL.Query().Get("cursor"))
		}
	})
	var codes []string
	var region *V2FieldDefinition
	for f, err := range env.client.V2.Fields.All(context.Background(), EntityDeal, nil) {
		require.NoError(t, err)
		codes = append(codes, f.FieldCode)
		if f.FieldName == "Region" {
			region = f
		}
	}
	assert.Equal(t, []string{"title", "value", "status", fkEnum, fkSet, fkMoney}, codes)
	require.NotNil(t, region)
	assert.True(t, region.IsCustomField)
	assert.Equal(t, FieldOption{ID: 11, Code: "11", Label: "EMEA", Color: "blue"}, region.Options[0])
}

func TestFieldsGetV2(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v2/dealFields/{code}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, fkEnum, r.PathValue("code"))
		testQuery(t, r, url.Values{"include_fields": {"ui_visibility"}})
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/fields/deal_field.json"))
	})
	f, _, err := env.client.V2.Fields.Get(context.Background(), EntityDeal, fkEnum, &V2FieldOptions{IncludeFields: []string{V2FieldIncludeUIVisibility}})
	require.NoError(t, err)
	assert.Equal(t, "Region", f.FieldName)
	assert.Equal(t, FieldTypeEnum, f.FieldType)
	assert.Len(t, f.Options, 3)
	assert.JSONEq(t, `{"add_visible_flag":true,"details_visible_flag":true,"show_in_pipelines":{"show_in_all":false,"pipeline_ids":[1,2]}}`, string(f.UIVisibility))
	assert.JSONEq(t, `{"enabled":true,"stage_ids":[3],"statuses":{"1":["won"]}}`, string(f.RequiredFields))
	assert.Empty(t, f.ImportantFields)
}

func TestFieldsGetV2Activity(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v2/activityFields/{code}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "subject", r.PathValue("code"))
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":{"field_name":"Subject","field_code":"subject","field_type":"varchar","options":null,"subfields":null,"is_custom_field":false,"is_optional_response_field":false}}`)
	})
	f, _, err := env.client.V2.Fields.Get(context.Background(), EntityActivity, "subject", nil)
	require.NoError(t, err)
	assert.Equal(t, "Subject", f.FieldName)
	assert.Nil(t, f.Options)
}
