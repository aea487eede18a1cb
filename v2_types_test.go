package pipedrive

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"net/http"
	"testing"
	"time"

	"github.com/gopipedrive/pipedrive/internal/conformance"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// setupV2 is setup for tests of the API v2 services: it loads the v2 spec
// first (a missing spec fails on CI; elsewhere the test runs unvalidated).
func setupV2(t *testing.T, opts ...Option) *testEnv {
	t.Helper()
	conformance.Optional(t, conformance.V2)
	return setup(t, opts...)
}

// collectV2 drains an iterator, stopping at the first error.
func collectV2[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

// requireValidation asserts err is a *ValidationError about field.
func requireValidation(t *testing.T, err error, field string) {
	t.Helper()
	var ve *ValidationError
	require.True(t, errors.As(err, &ve), "want *ValidationError for %s, got %T: %v", field, err, err)
	assert.Equal(t, field, ve.Field, "validation error: %v", err)
}

// Custom field keys used across the v2 tests and testdata.
const (
	v2KeyMonetary = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"
	v2KeyRange    = "b1b2c3d4e5f60718293a4b5c6d7e8f9012345678"
	v2KeyOption   = "c1b2c3d4e5f60718293a4b5c6d7e8f9012345678"
	v2KeySet      = "d1b2c3d4e5f60718293a4b5c6d7e8f9012345678"
	v2KeyText     = "e1b2c3d4e5f60718293a4b5c6d7e8f9012345678"
	v2KeyNumber   = "f1b2c3d4e5f60718293a4b5c6d7e8f9012345678"
	v2KeyDate     = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567"
	v2KeyAddress  = "1a1b2c3d4e5f60718293a4b5c6d7e8f901234567"
	v2KeyNull     = "2a1b2c3d4e5f60718293a4b5c6d7e8f901234567"
)

func v2Time(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err)
	return tm
}

func TestV2FieldJSON(t *testing.T) {
	type params struct {
		A Field[string]  `json:"a,omitzero"`
		B Field[float64] `json:"b,omitzero"`
		C Field[int]     `json:"c,omitzero"`
		D Field[[]int]   `json:"d,omitzero"`
		E Field[bool]    `json:"e,omitzero"`
	}
	b, err := json.Marshal(params{})
	require.NoError(t, err)
	assert.JSONEq(t, `{}`, string(b), "unset fields are left out")

	b, err = json.Marshal(params{A: Set(""), B: Set(0.0), C: Null[int](), D: Set([]int{}), E: Set(false)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"a":"","b":0,"c":null,"d":[],"e":false}`, string(b), "zero values and null are sent when set")

	var back params
	require.NoError(t, json.Unmarshal([]byte(`{"a":"x","c":null}`), &back))
	v, ok := back.A.Value()
	assert.True(t, ok)
	assert.Equal(t, "x", v)
	assert.True(t, back.C.IsNull())
	assert.False(t, back.C.IsSet())
	assert.True(t, back.B.IsZero())
	assert.Equal(t, "x", back.A.String())
	assert.Equal(t, "null", back.C.String())
	assert.Equal(t, "unset", back.B.String())
}

func TestV2Visibility(t *testing.T) {
	b, err := json.Marshal(struct {
		V V2Visibility `json:"visible_to"`
	}{V2VisibilityCompany})
	require.NoError(t, err)
	assert.JSONEq(t, `{"visible_to":7}`, string(b), "v2 takes visible_to as an integer")
	assert.True(t, V2Visibility(VisibilityGroup).Valid())
	assert.False(t, V2Visibility(2).Valid())
}

func TestV2CustomFieldsAccessors(t *testing.T) {
	var d V2Deal
	require.NoError(t, json.Unmarshal(testdata(t, "v2/deals/list_page1.json"), &struct {
		Data []*V2Deal `json:"data"`
	}{Data: []*V2Deal{&d}}))
	cf := d.CustomFields
	require.NotNil(t, cf)

	m, ok := cf.Monetary(v2KeyMonetary)
	assert.True(t, ok)
	assert.Equal(t, V2Monetary{Value: 1500, Currency: "USD"}, m)

	r, ok := cf.DateRange(v2KeyRange)
	assert.True(t, ok)
	assert.Equal(t, V2DateRange{Value: "2026-05-01", Until: "2026-05-31"}, r)

	opt, ok := cf.Option(v2KeyOption)
	assert.True(t, ok)
	assert.Equal(t, 42, opt)
	id, ok := cf.ID(v2KeyOption)
	assert.True(t, ok)
	assert.Equal(t, 42, id)

	set, ok := cf.Options(v2KeySet)
	assert.True(t, ok)
	assert.Equal(t, []int{43, 44}, set)

	text, ok := cf.Text(v2KeyText)
	assert.True(t, ok)
	assert.Equal(t, "Priority customer", text)

	num, ok := cf.Number(v2KeyNumber)
	assert.True(t, ok)
	assert.Equal(t, 3.75, num)
	numText, ok := cf.Text(v2KeyNumber)
	assert.True(t, ok)
	assert.Equal(t, "3.75", numText)

	date, ok := cf.Date(v2KeyDate)
	assert.True(t, ok)
	assert.Equal(t, Date("2026-06-15"), date)

	addr, ok := cf.Address(v2KeyAddress)
	assert.True(t, ok)
	assert.Equal(t, "Tallinn", addr.Locality)
	assert.Equal(t, "Narva mnt 5, 10117 Tallinn, Estonia", addr.FormattedAddress)

	assert.True(t, cf.Has(v2KeyNull))
	assert.True(t, cf.IsNull(v2KeyNull))
	_, ok = cf.Text(v2KeyNull)
	assert.False(t, ok, "null is not a value")
	_, ok = cf.Monetary("ffffffffffffffffffffffffffffffffffffffff")
	assert.False(t, ok, "missing key")
	_, ok = cf.Monetary(v2KeyText)
	assert.False(t, ok, "wrong type")
	_, ok = cf.Options(v2KeyText)
	assert.False(t, ok, "wrong type")
	assert.Len(t, cf.Keys(), 9)

	var into V2Monetary
	require.NoError(t, cf.Decode(v2KeyMonetary, &into))
	assert.Equal(t, "USD", into.Currency)
	assert.Error(t, cf.Decode(v2KeyText, &into))

	// Time ranges, numeric strings and odd values.
	odd := V2CustomFields{
		"t": json.RawMessage(`{"value":"09:00:00","until":"17:30:00"}`),
		"n": json.RawMessage(`"12.5"`),
		"x": json.RawMessage(`"twelve"`),
		"o": json.RawMessage(`1.5`),
	}
	tr, ok := odd.TimeRange("t")
	assert.True(t, ok)
	assert.Equal(t, V2TimeRange{Value: "09:00:00", Until: "17:30:00"}, tr)
	n, ok := odd.Number("n")
	assert.True(t, ok)
	assert.Equal(t, 12.5, n)
	_, ok = odd.Number("x")
	assert.False(t, ok)
	_, ok = odd.Option("o")
	assert.False(t, ok, "an option id is an integer")
	_, ok = odd.Date("missing")
	assert.False(t, ok)

	// include_option_labels=true form: {id, label}.
	labelled := V2CustomFields{
		v2KeyOption: json.RawMessage(`{"id":42,"label":"Gold"}`),
		v2KeySet:    json.RawMessage(`[{"id":43,"label":"EMEA"},{"id":44,"label":"APAC"}]`),
	}
	opt, ok = labelled.Option(v2KeyOption)
	assert.True(t, ok)
	assert.Equal(t, 42, opt)
	set, ok = labelled.Options(v2KeySet)
	assert.True(t, ok)
	assert.Equal(t, []int{43, 44}, set)

	// The entity round-trips its custom fields.
	b, err := json.Marshal(&d)
	require.NoError(t, err)
	var again V2Deal
	require.NoError(t, json.Unmarshal(b, &again))
	assert.Equal(t, d.CustomFields.Keys(), again.CustomFields.Keys())
	m2, _ := again.CustomFields.Monetary(v2KeyMonetary)
	assert.Equal(t, m, m2)
	b2, err := json.Marshal(&again)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(b2))
	again.CustomFields, d.CustomFields = nil, nil
	assert.Equal(t, d, again)
}

func TestV2CustomFieldsParamsValidation(t *testing.T) {
	env := setupV2(t)
	ctx := context.Background()
	for name, cf := range map[string]map[string]any{
		"not a key":       {"industry": 1},
		"v1 sub-key":      {v2KeyMonetary + "_currency": "EUR"},
		"upper-case hex":  {"A1B2C3D4E5F60718293A4B5C6D7E8F9012345678": 1},
		"empty set []int": {v2KeySet: []int{}},
		"empty set []any": {v2KeySet: []any{}},
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := env.client.V2.Deals.Create(ctx, &V2DealCreateParams{Title: "x", CustomFields: cf})
			requireValidation(t, err, "custom_fields")
			_, _, err = env.client.V2.Persons.Update(ctx, 1, &V2PersonUpdateParams{CustomFields: cf})
			requireValidation(t, err, "custom_fields")
		})
	}
	assert.Zero(t, env.requests.Load())
}

// TestV2NotFound checks that an entity 404 from a v2 endpoint is an
// *APIError matching ErrNotFound that does not claim a retirement.
func TestV2NotFound(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v2/deals/{id}", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusNotFound, `{"success":false,"error":"Deal not found","code":"ERR_NOT_FOUND"}`)
	})
	_, _, err := env.client.V2.Deals.Get(context.Background(), 404)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrNotFound)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Empty(t, apiErr.Replacement)
	assert.Equal(t, "Deal not found", apiErr.Message)
	assert.NotContains(t, err.Error(), "retired")
	assert.Contains(t, err.Error(), "/pipedrive/api/v2/deals/404")
}
