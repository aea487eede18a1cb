package main

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopipedrive/pipedrive/pipedrivetest"
)

// seedKeys returns the 40-hex keys of the seed deal fields by name.
func seedKeys(t *testing.T, srv *pipedrivetest.Server) map[string]string {
	t.Helper()
	keys := map[string]string{}
	for _, name := range []string{"Region", "Contract value", "Renewal date", "Tags", "Contract period", "Notes summary"} {
		f, ok := srv.Field("", "deal", name)
		require.True(t, ok, "WithSeedData adds the deal field %q", name)
		keys[name] = f.Key
	}
	return keys
}

// requestBody decodes the body of the last request to path.
func requestBody(t *testing.T, srv *pipedrivetest.Server, method, path string) map[string]any {
	t.Helper()
	var body map[string]any
	require.NoError(t, json.Unmarshal(lastRequest(t, srv, method, path).Body, &body))
	return body
}

// fieldRequests counts the requests for the deal field definitions.
func fieldRequests(srv *pipedrivetest.Server) int {
	n := 0
	for _, r := range srv.RequestLog() {
		if strings.HasSuffix(r.Path, "/dealFields") {
			n++
		}
	}
	return n
}

// setArgs are the --set flags of the name tests.
var setArgs = []string{
	"--set", "Region=EMEA",
	"--set", "Contract value=1500 EUR",
	"--set", "Tags=Hot, strategic",
	"--set", "Renewal date=2026-12-31",
	"--set", "Contract period=2026-01-01..2026-03-31",
	"--set", "notes  SUMMARY=Call back in May",
}

// wantTable are the custom field rows the table output shows for setArgs.
var wantTable = map[string]string{
	"Region":          "EMEA",
	"Contract value":  "1500 EUR",
	"Renewal date":    "2026-12-31",
	"Tags":            "Hot, Strategic",
	"Contract period": "2026-01-01..2026-03-31",
	"Notes summary":   "Call back in May",
}

// tableRows parses the FIELD/VALUE table of one record: label, two or
// more spaces, value.
func tableRows(t *testing.T, out string) map[string]string {
	t.Helper()
	rows := map[string]string{}
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		m := tableRow.FindStringSubmatch(strings.TrimRight(line, " "))
		require.NotNil(t, m, "a LABEL  VALUE row: %q", line)
		rows[m[1]] = m[2]
	}
	return rows
}

var tableRow = regexp.MustCompile(`^(\S+(?: \S+)*)(?: {2,}(.*))?$`)

// assertRows checks that the table output has the rows of want.
func assertRows(t *testing.T, want map[string]string, out string, msg ...any) {
	t.Helper()
	rows := tableRows(t, out)
	for label, v := range want {
		assert.Equal(t, v, rows[label], append([]any{"row %q of\n%s", label, out}, msg...)...)
	}
}

func TestSetByNameV1(t *testing.T) {
	f := newFixture(t)
	keys := seedKeys(t, f.srv)

	res := f.run(append([]string{"--api", "v1", "deals", "create", "--title", "Named"}, setArgs...)...)
	require.Equal(t, 0, res.code, res.stderr)
	body := requestBody(t, f.srv, "POST", "/pipedrive/api/v1/deals")
	assert.Equal(t, map[string]any{
		"title":                              "Named",
		keys["Region"]:                       "1", // the option id, as a string
		keys["Contract value"]:               1500.0,
		keys["Contract value"] + "_currency": "EUR",
		keys["Tags"]:                         "4,5",
		keys["Renewal date"]:                 "2026-12-31",
		keys["Contract period"]:              "2026-01-01",
		keys["Contract period"] + "_until":   "2026-03-31",
		keys["Notes summary"]:                "Call back in May",
	}, body)
	assertRows(t, wantTable, res.stdout) // the created deal shows its custom fields by name
	assert.Equal(t, 1, fieldRequests(f.srv), "the schema is loaded once")

	res = f.run("--api", "v1", "deals", "get", "11")
	require.Equal(t, 0, res.code, res.stderr)
	assertRows(t, wantTable, res.stdout)

	res = f.run("--api", "v1", "deals", "update", "11", "--set", "Region=APAC", "--set", "Contract value=", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	body = requestBody(t, f.srv, "PUT", "/pipedrive/api/v1/deals/11")
	assert.Equal(t, map[string]any{
		keys["Region"]: "3", keys["Contract value"]: nil, keys["Contract value"] + "_currency": nil,
	}, body, "an empty value clears the field and its currency")
	var deal map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &deal))
	assert.Equal(t, "3", deal[keys["Region"]])
	assert.Nil(t, deal[keys["Contract value"]])
}

func TestSetByNameV2(t *testing.T) {
	f := newV2Fixture(t)
	keys := seedKeys(t, f.srv)

	res := f.run(append([]string{"deals", "create", "--title", "Named"}, setArgs...)...)
	require.Equal(t, 0, res.code, res.stderr)
	body := requestBody(t, f.srv, "POST", "/pipedrive/api/v2/deals")
	assert.Equal(t, map[string]any{
		"title": "Named",
		"custom_fields": map[string]any{
			keys["Region"]:          1.0, // the option id, as a number
			keys["Contract value"]:  map[string]any{"value": 1500.0, "currency": "EUR"},
			keys["Tags"]:            []any{4.0, 5.0},
			keys["Renewal date"]:    "2026-12-31",
			keys["Contract period"]: map[string]any{"value": "2026-01-01", "until": "2026-03-31"},
			keys["Notes summary"]:   "Call back in May",
		},
	}, body)
	assertRows(t, wantTable, res.stdout)
	assert.Equal(t, 1, fieldRequests(f.srv), "the schema is loaded once, for --set and the table")

	res = f.run("deals", "get", "11")
	require.Equal(t, 0, res.code, res.stderr)
	assertRows(t, wantTable, res.stdout)

	res = f.run("deals", "update", "11", "--set", "Tags=Expansion", "--set", "Renewal date=", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	body = requestBody(t, f.srv, "PATCH", "/pipedrive/api/v2/deals/11")
	assert.Equal(t, map[string]any{"custom_fields": map[string]any{keys["Tags"]: []any{6.0}, keys["Renewal date"]: nil}}, body)
	assert.Equal(t, 3, fieldRequests(f.srv), "one schema load per run")
}

// TestSetByNameOtherEntities resolves names against the schema of the
// command's entity, in both API versions (activities: v1 only).
func TestSetByNameOtherEntities(t *testing.T) {
	f := newFixture(t)
	person := f.srv.AddField("", "person", pipedrivetest.FieldDef{Name: "Shoe size", Type: "double"})
	org := f.srv.AddField("", "organization", pipedrivetest.FieldDef{Name: "Tier", Type: "enum", Options: []string{"Gold", "Silver"}})
	tier, _ := f.srv.Field("", "organization", org)
	gold, silver := tier.Options[0].ID, tier.Options[1].ID
	activity := f.srv.AddField("", "activity", pipedrivetest.FieldDef{Name: "Agenda", Type: "text"})

	res := f.run("--api", "v1", "persons", "create", "--name", "Zoe", "--set", "Shoe size=42.5")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, 42.5, requestBody(t, f.srv, "POST", "/pipedrive/api/v1/persons")[person])
	assertRows(t, map[string]string{"NAME": "Zoe", "Shoe size": "42.5"}, res.stdout)

	res = f.run("--api", "v1", "organizations", "update", "1", "--set", "Tier=silver")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, map[string]any{org: strconv.Itoa(silver)}, requestBody(t, f.srv, "PUT", "/pipedrive/api/v1/organizations/1"))
	assertRows(t, map[string]string{"Tier": "Silver"}, res.stdout)

	res = f.run("--api", "v1", "activities", "create", "--subject", "Demo", "--set", "Agenda=Pricing", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, "Pricing", requestBody(t, f.srv, "POST", "/pipedrive/api/v1/activities")[activity])

	res = f.run("--api", "v1", "deals", "create", "--title", "T", "--set", "Shoe size=42")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, `unknown deal field "Shoe size"`, "names are per entity")

	res = f.run("persons", "update", "1", "--set", "Shoe size=41", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, map[string]any{"custom_fields": map[string]any{person: 41.0}},
		requestBody(t, f.srv, "PATCH", "/pipedrive/api/v2/persons/1"))
	res = f.run("organizations", "update", "1", "--set", "Tier=Gold", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, map[string]any{"custom_fields": map[string]any{org: float64(gold)}},
		requestBody(t, f.srv, "PATCH", "/pipedrive/api/v2/organizations/1"))
	res = f.run("activities", "create", "--subject", "Demo", "--set", "Agenda=Pricing")
	assert.Equal(t, 2, res.code)
	assert.Equal(t, "pipedrive: --set is not supported by `activities create` with API v2; try --api v1\n", res.stderr)
}

// TestSetRawKey sends KEY=TEXT and KEY:=JSON as given, without loading
// the field schema.
func TestSetRawKey(t *testing.T) {
	f := newFixture(t)
	keys := seedKeys(t, f.srv)

	res := f.run("--api", "v1", "deals", "create", "--title", "Raw", "--set", keys["Region"]+"=2",
		"--set", keys["Contract value"]+":=99", "--set", keys["Contract value"]+"_currency=USD", "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, map[string]any{
		"title": "Raw", keys["Region"]: "2", keys["Contract value"]: 99.0, keys["Contract value"] + "_currency": "USD",
	}, requestBody(t, f.srv, "POST", "/pipedrive/api/v1/deals"))
	assert.Zero(t, fieldRequests(f.srv), "a raw key needs no schema")

	res = f.run("deals", "update", "11", "--set", keys["Contract value"]+`:={"value":5,"currency":"EUR"}`, "-o", "json")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, map[string]any{"custom_fields": map[string]any{keys["Contract value"]: map[string]any{"value": 5.0, "currency": "EUR"}}},
		requestBody(t, f.srv, "PATCH", "/pipedrive/api/v2/deals/11"))
	assert.Zero(t, fieldRequests(f.srv))
}

// TestSetErrors prints one actionable line and exits 2 (usage), in both
// API versions, without creating anything.
func TestSetErrors(t *testing.T) {
	f := newFixture(t)
	cases := []struct {
		set, want string
	}{
		{"Regoin=EMEA", `pipedrive: --set "Regoin=EMEA": unknown deal field "Regoin"; did you mean "Region"?`},
		{"Colour=red", `pipedrive: --set "Colour=red": unknown deal field "Colour"; the custom deal fields are "Region", "Contract value", "Renewal date", "Tags", "Contract period" and "Notes summary"`},
		{"Region=Mars", `pipedrive: --set "Region=Mars": deal field "Region": "Mars" is not one of its options ("EMEA", "Americas", "APAC")`},
		{"Tags=Hot,Cold", `pipedrive: --set "Tags=Hot,Cold": deal field "Tags": "Cold" is not one of its options ("Hot", "Strategic", "Expansion")`},
		{"Contract value=lots", `pipedrive: --set "Contract value=lots": deal field "Contract value" has type "monetary": "lots" is not an amount and a currency such as 1500 EUR`},
		{"Contract period=2026-01-01", `pipedrive: --set "Contract period=2026-01-01": deal field "Contract period" has type "daterange": "2026-01-01" is not a date range such as 2026-01-01..2026-03-31`},
		{"Region:=1", `pipedrive: --set "Region:=1": KEY:=JSON takes a 40-hex field key; give a field name as NAME=VALUE`},
	}
	seeded := len(f.srv.RequestLog())
	for _, api := range []string{"v1", "v2"} {
		for _, tc := range cases {
			res := f.run("--api", api, "deals", "create", "--title", "T", "--set", tc.set)
			assert.Equal(t, 2, res.code, "%s %s: %s", api, tc.set, res.stderr)
			assert.Equal(t, tc.want+"\n", res.stderr, api)
			assert.Empty(t, res.stdout)
		}
	}
	res := f.run("deals", "update", "1", "--set", "Region=EMEA", "--set", "region=APAC")
	assert.Equal(t, 2, res.code)
	assert.Equal(t, `pipedrive: --set "region=APAC": deal field "region" is set twice`+"\n", res.stderr)
	for _, r := range f.srv.RequestLog()[seeded:] {
		assert.NotContains(t, []string{"POST", "PUT", "PATCH"}, r.Method, "nothing was written: %s %s", r.Method, r.Path)
	}
}

// TestSetDemo runs the README's --demo example in both API versions.
func TestSetDemo(t *testing.T) {
	for _, api := range []string{"v1", "v2"} {
		res := runCmd(nil, "", "--demo", "--api", api, "deals", "create", "--title", "X",
			"--set", "Region=EMEA", "--set", "Contract value=1500 EUR")
		require.Equal(t, 0, res.code, res.stderr)
		assertRows(t, map[string]string{"TITLE": "X", "Region": "EMEA", "Contract value": "1500 EUR"}, res.stdout, api)

		res = runCmd(nil, "", "--demo", "--api", api, "deals", "get", "7")
		require.Equal(t, 0, res.code, res.stderr)
		assertRows(t, map[string]string{"Region": "Americas", "Tags": "Hot, Strategic"}, res.stdout, api)
	}
}
