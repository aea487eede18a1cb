package pipedrive

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testSchema is the deal schema of testdata/v1/fields/deal_fields.json,
// without a server.
func testSchema(t *testing.T) *FieldSchema {
	t.Helper()
	var env struct {
		Data []*FieldDefinition `json:"data"`
	}
	require.NoError(t, json.Unmarshal(testdata(t, "v1/fields/deal_fields.json"), &env))
	return NewFieldSchema(EntityDeal, env.Data)
}

// testCustomValues returns the custom fields of the same deal as API v1
// and API v2 send them.
func testCustomValues(t *testing.T) (CustomFields, V2CustomFields) {
	t.Helper()
	var d1 Deal
	require.NoError(t, json.Unmarshal(testdata(t, "v1/fields/deal_custom_values.json"), &d1))
	var d2 V2Deal
	require.NoError(t, json.Unmarshal(testdata(t, "v2/fields/deal_custom_values.json"), &d2))
	return d1.CustomFields, d2.CustomFields
}

// anyOf adapts a getter's (T, error) to (any, error).
func anyOf[T any](v T, err error) (any, error) { return v, err }

// requireFieldError asserts err is a *FieldError of the kind and returns it.
func requireFieldError(t *testing.T, err error, kind error) *FieldError {
	t.Helper()
	require.ErrorIs(t, err, kind)
	var fe *FieldError
	require.ErrorAs(t, err, &fe)
	assert.NotEmpty(t, fe.Entity)
	return fe
}

const testAddress = "Narva mnt 5, 10117 Tallinn, Estonia"

// TestFieldSchemaGet reads every field type by name from the same deal in
// both API versions' shapes, with the typed getter and with Value.
func TestFieldSchemaGet(t *testing.T) {
	s := testSchema(t)
	v1, v2 := testCustomValues(t)
	addr := AddressValue{Value: testAddress, StreetNumber: "5", Route: "Narva mnt", Locality: "Tallinn",
		Country: "Estonia", PostalCode: "10117", FormattedAddress: testAddress}
	cases := []struct {
		name  string
		get   func(CustomValues) (any, error)
		field string
		want  any
	}{
		{"text", func(c CustomValues) (any, error) { return anyOf(s.Text(c, "Notes summary")) }, "Notes summary", "Met at the fair"},
		{"varchar", func(c CustomValues) (any, error) { return anyOf(s.Text(c, "Account code")) }, "Account code", "AC-7"},
		{"double", func(c CustomValues) (any, error) { return anyOf(s.Number(c, "Seats")) }, "Seats", 25.0},
		{"monetary", func(c CustomValues) (any, error) { return anyOf(s.Monetary(c, "Contract value")) }, "Contract value", MonetaryValue{Value: 15000.5, Currency: "EUR"}},
		{"date", func(c CustomValues) (any, error) { return anyOf(s.Date(c, "Renewal date")) }, "Renewal date", Date("2026-09-30")},
		{"daterange", func(c CustomValues) (any, error) { return anyOf(s.DateRange(c, "Contract period")) }, "Contract period", DateRangeValue{Value: "2026-01-01", Until: "2026-12-31"}},
		{"time", func(c CustomValues) (any, error) { return anyOf(s.Time(c, "Call time")) }, "Call time", "14:30:00"},
		{"timerange", func(c CustomValues) (any, error) { return anyOf(s.TimeRange(c, "Office hours")) }, "Office hours", TimeRangeValue{Value: "09:00:00", Until: "17:00:00"}},
		{"enum", func(c CustomValues) (any, error) { return anyOf(s.Option(c, "Region")) }, "Region", "EMEA"},
		{"set", func(c CustomValues) (any, error) { return anyOf(s.Options(c, "Tags")) }, "Tags", []string{"VIP", "Hot, urgent"}},
		{"user", func(c CustomValues) (any, error) { return anyOf(s.ID(c, "Account manager")) }, "Account manager", 7},
		{"people", func(c CustomValues) (any, error) { return anyOf(s.ID(c, "Champion")) }, "Champion", 31},
		{"org", func(c CustomValues) (any, error) { return anyOf(s.ID(c, "Parent company")) }, "Parent company", 12},
		{"address", func(c CustomValues) (any, error) { return anyOf(s.Address(c, "Billing address")) }, "Billing address", addr},
		{"phone", func(c CustomValues) (any, error) { return anyOf(s.Phone(c, "Hotline")) }, "Hotline", "+372 5555 0101"},
	}
	for _, tc := range cases {
		for _, version := range []struct {
			name   string
			values CustomValues
		}{{"v1", v1}, {"v2", v2}} {
			t.Run(tc.name+"/"+version.name, func(t *testing.T) {
				got, err := tc.get(version.values)
				require.NoError(t, err)
				assert.Equal(t, tc.want, got)
				val, err := s.Value(version.values, tc.field)
				require.NoError(t, err)
				assert.Equal(t, tc.want, val)
				empty, err := s.IsEmpty(version.values, tc.field)
				require.NoError(t, err)
				assert.False(t, empty)
			})
		}
	}
}

// TestFieldSchemaGetEmpty: missing, null and "" values give zero values
// and nil, in both versions.
func TestFieldSchemaGetEmpty(t *testing.T) {
	s := testSchema(t)
	v1, v2 := testCustomValues(t)
	for _, values := range []CustomValues{v1, v2, CustomFields{}, V2CustomFields(nil), nil} {
		text, err := s.Text(values, "Website") // "" in v1, null in v2
		require.NoError(t, err)
		assert.Empty(t, text)
		v, err := s.Value(values, fkSegment1)
		require.NoError(t, err)
		assert.Nil(t, v)
		empty, err := s.IsEmpty(values, "Website")
		require.NoError(t, err)
		assert.True(t, empty)
	}
	for _, values := range []CustomValues{CustomFields{}, V2CustomFields{fkMoney: json.RawMessage(`null`)}} {
		m, err := s.Monetary(values, "Contract value")
		require.NoError(t, err)
		assert.Zero(t, m)
		labels, err := s.Options(values, "Tags")
		require.NoError(t, err)
		assert.Nil(t, labels)
		id, err := s.ID(values, "Champion")
		require.NoError(t, err)
		assert.Zero(t, id)
		r, err := s.DateRange(values, "Contract period")
		require.NoError(t, err)
		assert.Zero(t, r)
	}
}

// TestFieldSchemaGetVariants reads the other shapes Pipedrive uses: option
// ids with labels (include_option_labels), numbers for option ids and
// strings for numbers, a plain id for a reference in v1.
func TestFieldSchemaGetVariants(t *testing.T) {
	s := testSchema(t)
	v2 := V2CustomFields{
		fkEnum:   json.RawMessage(`{"id":13,"label":"APAC"}`),
		fkSet:    json.RawMessage(`[{"id":22,"label":"Partner"},{"id":23,"label":"Reseller"}]`),
		fkNumber: json.RawMessage(`"7.5"`),
		fkMoney:  json.RawMessage(`{"value":"99.9","currency":"USD"}`),
	}
	region, err := s.Option(v2, "Region")
	require.NoError(t, err)
	assert.Equal(t, "APAC", region)
	tags, err := s.Options(v2, "Tags")
	require.NoError(t, err)
	assert.Equal(t, []string{"Partner", "Reseller"}, tags)
	n, err := s.Number(v2, "Seats")
	require.NoError(t, err)
	assert.Equal(t, 7.5, n)
	m, err := s.Monetary(v2, "Contract value")
	require.NoError(t, err)
	assert.Equal(t, MonetaryValue{Value: 99.9, Currency: "USD"}, m)

	v1 := CustomFields{
		fkEnum:   json.RawMessage(`12`),
		fkSet:    json.RawMessage(`[21, "23"]`),
		fkUser:   json.RawMessage(`"9"`),
		fkPerson: json.RawMessage(`{"name":"Eve","id":44}`),
		fkText:   json.RawMessage(`12345`),
	}
	region, err = s.Option(v1, "Region")
	require.NoError(t, err)
	assert.Equal(t, "Americas", region)
	tags, err = s.Options(v1, "Tags")
	require.NoError(t, err)
	assert.Equal(t, []string{"VIP", "Reseller"}, tags)
	id, err := s.ID(v1, "Account manager")
	require.NoError(t, err)
	assert.Equal(t, 9, id)
	id, err = s.ID(v1, "Champion")
	require.NoError(t, err)
	assert.Equal(t, 44, id)
	text, err := s.Text(v1, "Notes summary")
	require.NoError(t, err)
	assert.Equal(t, "12345", text, "a number in a text field reads as written")
}

// TestFieldSchemaSet writes every field type by name in both versions'
// shapes, then reads the written data back by name.
func TestFieldSchemaSet(t *testing.T) {
	s := testSchema(t)
	cases := []struct {
		name   string
		field  string
		value  any
		v1, v2 string // the JSON of the map Set and SetV2 fill
		back   any    // what Value reads back
	}{
		{"text", "Notes summary", "Call back in May",
			`{"` + fkText + `":"Call back in May"}`, `{"` + fkText + `":"Call back in May"}`, "Call back in May"},
		{"varchar_auto", "Website", "acme.example",
			`{"` + fkWebsite + `":"acme.example"}`, `{"` + fkWebsite + `":"acme.example"}`, "acme.example"},
		{"double", "Seats", 42,
			`{"` + fkNumber + `":42}`, `{"` + fkNumber + `":42}`, 42.0},
		{"double float32", "Seats", float32(2.5),
			`{"` + fkNumber + `":2.5}`, `{"` + fkNumber + `":2.5}`, 2.5},
		{"monetary", "Contract value", MonetaryValue{Value: 2500.75, Currency: "USD"},
			`{"` + fkMoney + `":2500.75,"` + fkMoney + `_currency":"USD"}`,
			`{"` + fkMoney + `":{"value":2500.75,"currency":"USD"}}`, MonetaryValue{Value: 2500.75, Currency: "USD"}},
		{"monetary from V2Monetary", "Contract value", V2Monetary{Value: 10, Currency: "EUR"},
			`{"` + fkMoney + `":10,"` + fkMoney + `_currency":"EUR"}`,
			`{"` + fkMoney + `":{"value":10,"currency":"EUR"}}`, MonetaryValue{Value: 10, Currency: "EUR"}},
		{"date", "Renewal date", "2026-10-01",
			`{"` + fkDate + `":"2026-10-01"}`, `{"` + fkDate + `":"2026-10-01"}`, Date("2026-10-01")},
		{"date from time.Time", "Renewal date", time.Date(2027, 1, 31, 23, 0, 0, 0, time.UTC),
			`{"` + fkDate + `":"2027-01-31"}`, `{"` + fkDate + `":"2027-01-31"}`, Date("2027-01-31")},
		{"daterange", "Contract period", DateRangeValue{Value: "2026-01-01", Until: "2026-06-30"},
			`{"` + fkDRange + `":"2026-01-01","` + fkDRange + `_until":"2026-06-30"}`,
			`{"` + fkDRange + `":{"value":"2026-01-01","until":"2026-06-30"}}`, DateRangeValue{Value: "2026-01-01", Until: "2026-06-30"}},
		{"time", "Call time", "9:05",
			`{"` + fkTime + `":"09:05:00"}`, `{"` + fkTime + `":"09:05:00"}`, "09:05:00"},
		{"timerange", "Office hours", TimeRangeValue{Value: "08:00", Until: "16:30:00"},
			`{"` + fkTRange + `":"08:00:00","` + fkTRange + `_until":"16:30:00"}`,
			`{"` + fkTRange + `":{"value":"08:00:00","until":"16:30:00"}}`, TimeRangeValue{Value: "08:00:00", Until: "16:30:00"}},
		{"enum label", "Region", "Americas",
			`{"` + fkEnum + `":"12"}`, `{"` + fkEnum + `":12}`, "Americas"},
		{"enum label ignoring case", "region", "apac",
			`{"` + fkEnum + `":"13"}`, `{"` + fkEnum + `":13}`, "APAC"},
		{"enum id", "Region", 11,
			`{"` + fkEnum + `":"11"}`, `{"` + fkEnum + `":11}`, "EMEA"},
		{"set labels", "Tags", []string{"VIP", "Partner"},
			`{"` + fkSet + `":"21,22"}`, `{"` + fkSet + `":[21,22]}`, []string{"VIP", "Partner"}},
		{"set one label", "Tags", "Hot, urgent",
			`{"` + fkSet + `":"24"}`, `{"` + fkSet + `":[24]}`, []string{"Hot, urgent"}},
		{"set ids", "Tags", []int{23},
			`{"` + fkSet + `":"23"}`, `{"` + fkSet + `":[23]}`, []string{"Reseller"}},
		{"user", "Account manager", 7,
			`{"` + fkUser + `":7}`, `{"` + fkUser + `":7}`, 7},
		{"people", "Champion", int64(31),
			`{"` + fkPerson + `":31}`, `{"` + fkPerson + `":31}`, 31},
		{"org", "Parent company", uint(12),
			`{"` + fkOrg + `":12}`, `{"` + fkOrg + `":12}`, 12},
		{"address text", "Billing address", testAddress,
			`{"` + fkAddress + `":"` + testAddress + `"}`, `{"` + fkAddress + `":{"value":"` + testAddress + `"}}`, AddressValue{Value: testAddress}},
		{"address parts", "Billing address", AddressValue{Value: "Main St 1, Springfield", Route: "Main St", StreetNumber: "1", Locality: "Springfield"},
			`{"` + fkAddress + `":"Main St 1, Springfield"}`,
			`{"` + fkAddress + `":{"value":"Main St 1, Springfield","route":"Main St","street_number":"1","locality":"Springfield"}}`,
			AddressValue{Value: "Main St 1, Springfield", Route: "Main St", StreetNumber: "1", Locality: "Springfield"}},
		{"phone", "Hotline", "+1 555 0100",
			`{"` + fkPhone + `":"+1 555 0100"}`, `{"` + fkPhone + `":"+1 555 0100"}`, "+1 555 0100"},
		{"by key", fkSegment2, "B2B",
			`{"` + fkSegment2 + `":"B2B"}`, `{"` + fkSegment2 + `":"B2B"}`, "B2B"},
		{"clear monetary", "Contract value", nil,
			`{"` + fkMoney + `":null,"` + fkMoney + `_currency":null}`, `{"` + fkMoney + `":null}`, nil},
		{"clear daterange", "Contract period", nil,
			`{"` + fkDRange + `":null,"` + fkDRange + `_until":null}`, `{"` + fkDRange + `":null}`, nil},
		{"clear set with an empty list", "Tags", []string{},
			`{"` + fkSet + `":null}`, `{"` + fkSet + `":null}`, nil},
		{"clear text", "Notes summary", "",
			`{"` + fkText + `":null}`, `{"` + fkText + `":null}`, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name+"/v1", func(t *testing.T) {
			m := map[string]any{}
			require.NoError(t, s.Set(m, tc.field, tc.value))
			b, err := json.Marshal(m)
			require.NoError(t, err)
			assert.JSONEq(t, tc.v1, string(b))
			require.NoError(t, checkCustomKeys(m), "v1 parameters take the keys")
			var cf CustomFields
			require.NoError(t, json.Unmarshal(b, &cf))
			got, err := s.Value(cf, tc.field)
			require.NoError(t, err)
			want := tc.back
			if tc.name == "address parts" {
				want = AddressValue{Value: "Main St 1, Springfield"} // v1 takes the one-line address
			}
			assert.Equal(t, want, got)
		})
		t.Run(tc.name+"/v2", func(t *testing.T) {
			m := map[string]any{}
			require.NoError(t, s.SetV2(m, tc.field, tc.value))
			b, err := json.Marshal(m)
			require.NoError(t, err)
			assert.JSONEq(t, tc.v2, string(b))
			require.NoError(t, v2CheckCustomValues(m), "v2 parameters take the values")
			var cf V2CustomFields
			require.NoError(t, json.Unmarshal(b, &cf))
			got, err := s.Value(cf, tc.field)
			require.NoError(t, err)
			assert.Equal(t, tc.back, got)
		})
	}
}

// TestFieldSchemaCreateV1 sets custom fields by name on a v1 deal create
// and checks the body (validated against the v1 spec).
func TestFieldSchemaCreateV1(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("POST /pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
		testBody(t, r, `{
			"title": "Acme expansion",
			"`+fkEnum+`": "11",
			"`+fkMoney+`": 15000,
			"`+fkMoney+`_currency": "EUR",
			"`+fkDRange+`": "2026-01-01",
			"`+fkDRange+`_until": "2026-12-31",
			"`+fkSet+`": "21,22"
		}`)
		writeJSON(t, w, http.StatusCreated, testdata(t, "v1/deals/create.json"))
	})
	s := testSchema(t)
	p := &DealCreateParams{Title: "Acme expansion", CustomFields: map[string]any{}}
	require.NoError(t, s.Set(p.CustomFields, "Region", "EMEA"))
	require.NoError(t, s.Set(p.CustomFields, "Contract value", MonetaryValue{Value: 15000, Currency: "EUR"}))
	require.NoError(t, s.Set(p.CustomFields, "Contract period", DateRangeValue{Value: "2026-01-01", Until: "2026-12-31"}))
	require.NoError(t, s.Set(p.CustomFields, "Tags", []string{"VIP", "Partner"}))
	_, _, err := env.client.Deals.Create(context.Background(), p)
	require.NoError(t, err)
}

// TestFieldSchemaCreateV2 does the same on a v2 deal create.
func TestFieldSchemaCreateV2(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("POST /pipedrive/api/v2/deals", func(w http.ResponseWriter, r *http.Request) {
		testBody(t, r, `{
			"title": "Acme expansion",
			"custom_fields": {
				"`+fkEnum+`": 11,
				"`+fkMoney+`": {"value": 15000, "currency": "EUR"},
				"`+fkDRange+`": {"value": "2026-01-01", "until": "2026-12-31"},
				"`+fkSet+`": [21, 22],
				"`+fkAddress+`": {"value": "`+testAddress+`"}
			}
		}`)
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/deals/create.json"))
	})
	s := testSchema(t)
	p := &V2DealCreateParams{Title: "Acme expansion", CustomFields: map[string]any{}}
	require.NoError(t, s.SetV2(p.CustomFields, "Region", "EMEA"))
	require.NoError(t, s.SetV2(p.CustomFields, "Contract value", MonetaryValue{Value: 15000, Currency: "EUR"}))
	require.NoError(t, s.SetV2(p.CustomFields, "Contract period", DateRangeValue{Value: "2026-01-01", Until: "2026-12-31"}))
	require.NoError(t, s.SetV2(p.CustomFields, "Tags", []string{"VIP", "Partner"}))
	require.NoError(t, s.SetV2(p.CustomFields, "Billing address", testAddress))
	_, _, err := env.client.V2.Deals.Create(context.Background(), p)
	require.NoError(t, err)
}

func TestFieldSchemaLookup(t *testing.T) {
	s := testSchema(t)
	for _, name := range []string{"Region", "region", "  REGION ", fkEnum} {
		key, err := s.Key(name)
		require.NoError(t, err, name)
		assert.Equal(t, fkEnum, key)
	}
	name, ok := s.Name(fkMoney + "_currency")
	assert.True(t, ok)
	assert.Equal(t, "Contract value", name)
	_, ok = s.Name("title")
	assert.False(t, ok, "standard fields are not in the schema")

	id, err := s.OptionID("Tags", "partner")
	require.NoError(t, err)
	assert.Equal(t, 22, id)
	label, err := s.OptionLabel("Region", 13)
	require.NoError(t, err)
	assert.Equal(t, "APAC", label)

	fields := s.Fields()
	require.Len(t, fields, 18, "custom fields only")
	assert.Equal(t, "Notes summary", fields[0].Name)
	fields[0].Name = "changed"
	f, err := s.Field("Notes summary")
	require.NoError(t, err, "Fields returns copies")
	assert.Equal(t, FieldTypeText, f.FieldType)
	assert.Equal(t, EntityDeal, s.Entity())
}

func TestFieldSchemaUnknownName(t *testing.T) {
	s := testSchema(t)
	m := map[string]any{}

	fe := requireFieldError(t, s.Set(m, "Regoin", "EMEA"), ErrUnknownField)
	assert.Equal(t, "Regoin", fe.Name)
	assert.Equal(t, []string{"Region"}, fe.Suggestions)
	assert.Contains(t, fe.Error(), `did you mean "Region"?`)

	_, err := s.Monetary(nil, "contract")
	fe = requireFieldError(t, err, ErrUnknownField)
	assert.Equal(t, []string{"Contract value", "Contract period"}, fe.Suggestions)

	_, err = s.Key("Title")
	fe = requireFieldError(t, err, ErrUnknownField)
	assert.Contains(t, fe.Error(), "no custom deal field")

	_, err = s.Key("zzzzzzzzzz")
	fe = requireFieldError(t, err, ErrUnknownField)
	assert.Empty(t, fe.Suggestions)

	empty := NewFieldSchema(EntityDeal, nil)
	_, err = empty.Key("Region")
	fe = requireFieldError(t, err, ErrUnknownField)
	assert.Contains(t, fe.Reason, "no custom fields")
	assert.Empty(t, m, "nothing written")
}

func TestFieldSchemaAmbiguousName(t *testing.T) {
	s := testSchema(t)
	_, err := s.Key("Segment")
	fe := requireFieldError(t, err, ErrAmbiguousField)
	assert.Equal(t, []string{fkSegment1, fkSegment2}, fe.Suggestions)
	key, err := s.Key(fkSegment1)
	require.NoError(t, err, "the key resolves it")
	assert.Equal(t, fkSegment1, key)
}

func TestFieldSchemaWrongType(t *testing.T) {
	s := testSchema(t)
	v1, v2 := testCustomValues(t)
	m := map[string]any{}
	for _, tc := range []struct {
		name  string
		field string
		value any
		want  string
	}{
		{"string for a number", "Seats", "many", "want a number, got string"},
		{"NaN", "Seats", nanValue(), "not a finite number"},
		{"number for text", "Notes summary", 5, "want a string, got int"},
		{"invalid date", "Renewal date", "2026-02-30", "not a date"},
		{"int for a date", "Renewal date", 20260230, "want a pipedrive.Date"},
		{"amount without currency", "Contract value", MonetaryValue{Value: 1}, "needs a currency"},
		{"number for monetary", "Contract value", 1500, "MonetaryValue"},
		{"reversed range", "Contract period", DateRangeValue{Value: "2026-12-31", Until: "2026-01-01"}, "ends before it starts"},
		{"bad time", "Call time", "25:00", "not a time of day"},
		{"bad time range", "Office hours", TimeRangeValue{Value: "8", Until: "9"}, "not two times"},
		{"float for an option", "Region", 1.5, "option label"},
		{"map for a set", "Tags", map[string]int{}, "option labels"},
		{"negative id", "Champion", -4, "not an id"},
		{"string for an id", "Champion", "Bob", "want an id"},
		{"address without text", "Billing address", AddressValue{Locality: "Tallinn"}, "one-line text"},
		{"bool for an address", "Billing address", true, "want an address"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, set := range []func(map[string]any, string, any) error{s.Set, s.SetV2} {
				fe := requireFieldError(t, set(m, tc.field, tc.value), ErrFieldType)
				assert.Contains(t, fe.Error(), tc.want)
				assert.NotEmpty(t, fe.Key)
			}
		})
	}
	assert.Empty(t, m, "nothing written")

	// A getter of another type says which one to use.
	for _, values := range []CustomValues{v1, v2} {
		_, err := s.Number(values, "Region")
		fe := requireFieldError(t, err, ErrFieldType)
		assert.Contains(t, fe.Error(), `has type "enum", not a number field: read it with Option`)
		_, err = s.Phone(values, "Notes summary")
		requireFieldError(t, err, ErrFieldType)
	}

	// A stored value of the wrong shape.
	_, err := s.Number(CustomFields{fkNumber: json.RawMessage(`"lots"`)}, "Seats")
	fe := requireFieldError(t, err, ErrFieldType)
	assert.Equal(t, "Seats", fe.Name)
	assert.Contains(t, fe.Error(), `the stored value "lots" is not a number`)
	_, err = s.Monetary(V2CustomFields{fkMoney: json.RawMessage(`[1]`)}, "Contract value")
	requireFieldError(t, err, ErrFieldType)

	// A type the schema does not handle by name.
	odd := NewFieldSchema(EntityDeal, []*FieldDefinition{{Key: fkText, Name: "Blob", FieldType: "json"}})
	_, err = odd.Value(CustomFields{fkText: json.RawMessage(`{"a":1}`)}, "Blob")
	fe = requireFieldError(t, err, ErrFieldType)
	assert.Contains(t, fe.Error(), "not supported")
	requireFieldError(t, odd.Set(m, "Blob", "x"), ErrFieldType)
}

func nanValue() float64 {
	zero := 0.0
	return zero / zero
}

func TestFieldSchemaUnknownOption(t *testing.T) {
	s := testSchema(t)
	m := map[string]any{}
	fe := requireFieldError(t, s.Set(m, "Region", "Europe"), ErrUnknownOption)
	assert.Equal(t, []string{"EMEA", "Americas", "APAC"}, fe.Suggestions)
	assert.Contains(t, fe.Error(), `"Europe" is not one of its options ("EMEA", "Americas", "APAC")`)
	requireFieldError(t, s.SetV2(m, "Tags", []string{"VIP", "Gold"}), ErrUnknownOption)
	requireFieldError(t, s.SetV2(m, "Region", 99), ErrUnknownOption)
	requireFieldError(t, s.Set(m, "Tags", []int{21, 99}), ErrUnknownOption)
	assert.Empty(t, m)

	_, err := s.Option(V2CustomFields{fkEnum: json.RawMessage(`99`)}, "Region")
	fe = requireFieldError(t, err, ErrUnknownOption)
	assert.Contains(t, fe.Error(), "Refresh the schema")
	_, err = s.OptionID("Region", "Mars")
	requireFieldError(t, err, ErrUnknownOption)
	_, err = s.OptionID("Seats", "x")
	requireFieldError(t, err, ErrFieldType)
}

func TestFieldSchemaNilMap(t *testing.T) {
	s := testSchema(t)
	var p DealCreateParams
	requireValidation(t, s.Set(p.CustomFields, "Region", "EMEA"), "custom_fields")
	requireValidation(t, s.SetV2(nil, "Region", "EMEA"), "custom_fields")
}

// TestFieldSchemaParse parses --set style text for every field type; the
// values go through Set and SetV2.
func TestFieldErrorMatching(t *testing.T) {
	s := testSchema(t)
	err := s.Set(map[string]any{}, "Region", "Europe")
	assert.True(t, errors.Is(err, ErrUnknownOption))
	assert.False(t, errors.Is(err, ErrUnknownField))
	var fe *FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, fkEnum, fe.Key)
	assert.Equal(t, "Region", fe.Name)
	assert.Equal(t, `pipedrive: deal field "Region": "Europe" is not one of its options ("EMEA", "Americas", "APAC")`, fe.Error())
}

func TestFieldValueStrings(t *testing.T) {
	assert.Equal(t, "1500.5 EUR", MonetaryValue{Value: 1500.5, Currency: "EUR"}.String())
	assert.Equal(t, "2026-01-01..2026-12-31", DateRangeValue{Value: "2026-01-01", Until: "2026-12-31"}.String())
	assert.Equal(t, "09:00:00..17:00:00", TimeRangeValue{Value: "09:00:00", Until: "17:00:00"}.String())
	assert.Equal(t, testAddress, AddressValue{Value: testAddress, Locality: "Tallinn"}.String())
}
