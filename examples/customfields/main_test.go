package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"strings"
	"testing"

	"github.com/gopipedrive/pipedrive"
	"github.com/gopipedrive/pipedrive/pipedrivetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runExample runs the program with args and returns what it printed.
func runExample(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	return out.String(), err
}

// readBack returns the rows of the final table: field name → [v1, v2].
func readBack(t *testing.T, out string) map[string][2]string {
	t.Helper()
	_, table, ok := strings.Cut(out, "read back by name:\n")
	require.True(t, ok, out)
	rows := map[string][2]string{}
	for _, line := range strings.Split(strings.TrimSpace(table), "\n")[1:] {
		cols := strings.Split(strings.TrimSpace(line), "  ")
		var cells []string
		for _, c := range cols {
			if c = strings.TrimSpace(c); c != "" {
				cells = append(cells, c)
			}
		}
		require.Len(t, cells, 3, line)
		rows[cells[0]] = [2]string{cells[1], cells[2]}
	}
	return rows
}

func TestOffline(t *testing.T) {
	out, err := runExample(t)
	require.NoError(t, err)
	for _, want := range []string{
		"Deal custom fields (6):",
		"1=EMEA 2=Americas 3=APAC",
		`<Contract value>                   {"value":25000,"currency":"EUR"}`,
		`<Tags>                             [4,5]`,
		`<Region>                           "3"`,
		`<Contract value>_currency          "EUR"`,
	} {
		assert.Contains(t, out, want)
	}
	assert.Equal(t, map[string][2]string{
		"Region":          {"APAC", "APAC"},
		"Contract value":  {"27500 EUR", "27500 EUR"},
		"Renewal date":    {"2027-03-31", "2027-03-31"},
		"Tags":            {"Hot, Strategic", "Hot, Strategic"},
		"Contract period": {"2026-04-01..2027-03-31", "2026-04-01..2027-03-31"},
		"Notes summary":   {"Signed at the Tallinn fair", "Signed at the Tallinn fair"},
	}, readBack(t, out))
}

func TestOfflineOwnValues(t *testing.T) {
	out, err := runExample(t, "-set", "region=americas", "-set", "Contract value=USD 99.5", "-update", "")
	require.NoError(t, err)
	assert.NotContains(t, out, "API v1 update")
	rows := readBack(t, out)
	assert.Equal(t, [2]string{"Americas", "Americas"}, rows["Region"])
	assert.Equal(t, [2]string{"99.5 USD", "99.5 USD"}, rows["Contract value"])
	assert.Equal(t, [2]string{"-", "-"}, rows["Tags"], "not set")
}

func TestUnknownFieldSuggests(t *testing.T) {
	_, err := runExample(t, "-set", "Regoin=EMEA")
	require.ErrorIs(t, err, pipedrive.ErrUnknownField)
	assert.Contains(t, err.Error(), `did you mean "Region"?`)

	_, err = runExample(t, "-update", "Contract value=lots")
	require.ErrorIs(t, err, pipedrive.ErrFieldType)

	_, err = runExample(t, "-set", "Tags=Hot, Cold")
	var fe *pipedrive.FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, []string{"Hot", "Strategic", "Expansion"}, fe.Suggestions)
}

// TestLive runs -live against a pipedrivetest server named by the
// environment, as an account would be; the deal is deleted afterwards.
func TestLive(t *testing.T) {
	srv := pipedrivetest.NewServer(pipedrivetest.WithSeedData())
	t.Cleanup(srv.Close)
	t.Setenv(pipedrive.EnvAPIKey, srv.APIKey)
	t.Setenv(pipedrive.EnvGatewayURL, srv.GatewayURL())
	t.Setenv(pipedrive.EnvControlURL, srv.ControlURL())
	t.Setenv(pipedrive.EnvConnection, srv.ConnectionID)

	out, err := runExample(t, "-live", "-set", "Renewal date=2028-01-31", "-update", "Notes summary=Renewed")
	require.NoError(t, err)
	rows := readBack(t, out)
	assert.Equal(t, [2]string{"2028-01-31", "2028-01-31"}, rows["Renewal date"])
	assert.Equal(t, [2]string{"Renewed", "Renewed"}, rows["Notes summary"])

	deals, _, err := srv.Client(t).V2.Deals.List(context.Background(), nil)
	require.NoError(t, err)
	assert.Empty(t, deals, "the example deletes its deal")
}

func TestLiveWithoutKey(t *testing.T) {
	t.Setenv(pipedrive.EnvAPIKey, "")
	_, err := runExample(t, "-live")
	var ve *pipedrive.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, pipedrive.EnvAPIKey, ve.Field)
}

func TestUsage(t *testing.T) {
	_, err := runExample(t, "-h")
	require.ErrorIs(t, err, flag.ErrHelp)
	_, err = runExample(t, "-bogus")
	var usage usageError
	require.True(t, errors.As(err, &usage))
	_, err = runExample(t, "extra")
	require.ErrorContains(t, err, "unexpected argument")
}

// TestEveryFieldTypeBothVersions sets a custom field of every type by name
// through API v2 (SetV2) and then API v1 (Set) against pipedrivetest, an
// independent implementation of both wire shapes, and reads every value
// back by name from both versions' answers.
func TestEveryFieldTypeBothVersions(t *testing.T) {
	srv := pipedrivetest.NewServer()
	t.Cleanup(srv.Close)
	c := srv.Client(t)
	ctx := context.Background()
	bob, _, err := c.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{Name: "Bob"})
	require.NoError(t, err)
	acme, _, err := c.V2.Organizations.Create(ctx, &pipedrive.V2OrganizationCreateParams{Name: "Acme"})
	require.NoError(t, err)
	ann := srv.AddUser(srv.ConnectionID, "Ann", "ann@example.com")
	srv.AddPipeline(srv.ConnectionID, "Sales", "New") // deals need one

	cases := []struct {
		name, typ     string
		options       []string
		first, second any // set through v2, then through v1
		want1, want2  any // read back after each step (nil: as set)
	}{
		{"Notes", "text", nil, "First call", "Second call", nil, nil},
		{"Code", "varchar", nil, "AC-7", "AC-8", nil, nil},
		{"Site", "varchar_auto", nil, "acme.example", "acme.test", nil, nil},
		{"Seats", "double", nil, 25.5, 30.0, nil, nil},
		{"Contract value", "monetary", nil, pipedrive.MonetaryValue{Value: 1500, Currency: "EUR"}, pipedrive.MonetaryValue{Value: 99.5, Currency: "USD"}, nil, nil},
		{"Renewal date", "date", nil, "2026-09-30", "2027-01-31", pipedrive.Date("2026-09-30"), pipedrive.Date("2027-01-31")},
		{"Contract period", "daterange", nil, pipedrive.DateRangeValue{Value: "2026-01-01", Until: "2026-12-31"}, pipedrive.DateRangeValue{Value: "2027-01-01", Until: "2027-06-30"}, nil, nil},
		{"Call time", "time", nil, "14:30", "09:15:00", "14:30:00", "09:15:00"},
		{"Office hours", "timerange", nil, pipedrive.TimeRangeValue{Value: "09:00", Until: "17:00"}, pipedrive.TimeRangeValue{Value: "08:00:00", Until: "16:00:00"}, pipedrive.TimeRangeValue{Value: "09:00:00", Until: "17:00:00"}, nil},
		{"Region", "enum", []string{"EMEA", "Americas", "APAC"}, "EMEA", "APAC", nil, nil},
		{"Tags", "set", []string{"VIP", "Partner", "Reseller"}, []string{"VIP", "Reseller"}, []string{"Partner"}, nil, nil},
		{"Account manager", "user", nil, ann, 1, nil, nil},
		{"Champion", "people", nil, bob.ID, bob.ID, nil, nil},
		{"Parent company", "org", nil, acme.ID, acme.ID, nil, nil},
		{"Billing address", "address", nil, "Narva mnt 5, Tallinn", "Main St 1, Springfield", // geocoded by the server
			pipedrive.AddressValue{Value: "Narva mnt 5, Tallinn", FormattedAddress: "Narva mnt 5, Tallinn"},
			pipedrive.AddressValue{Value: "Main St 1, Springfield", FormattedAddress: "Main St 1, Springfield"}},
		{"Hotline", "phone", nil, "+372 5555 0101", "+1 555 0100", nil, nil},
	}
	for _, tc := range cases {
		srv.AddField(srv.ConnectionID, "deal", pipedrivetest.FieldDef{Name: tc.name, Type: tc.typ, Options: tc.options})
	}
	schema, err := c.FieldSchema(ctx, pipedrive.EntityDeal)
	require.NoError(t, err)

	// Step 1: create through API v2.
	p2 := &pipedrive.V2DealCreateParams{Title: "Every type", CustomFields: map[string]any{}}
	for _, tc := range cases {
		require.NoError(t, schema.SetV2(p2.CustomFields, tc.name, tc.first), tc.name)
	}
	deal, _, err := c.V2.Deals.Create(ctx, p2)
	require.NoError(t, err)
	readBoth := func(step string, want func(int) any) {
		t.Helper()
		d1, _, err := c.Deals.Get(ctx, deal.ID)
		require.NoError(t, err)
		d2, _, err := c.V2.Deals.Get(ctx, deal.ID)
		require.NoError(t, err)
		for i, tc := range cases {
			for version, values := range map[string]pipedrive.CustomValues{"v1": d1.CustomFields, "v2": d2.CustomFields} {
				got, err := schema.Value(values, tc.name)
				require.NoError(t, err, "%s %s %s", step, version, tc.name)
				assert.Equal(t, want(i), got, "%s: %s read from API %s", step, tc.name, version)
			}
		}
	}
	readBoth("after the v2 create", func(i int) any { return expected(cases[i].want1, cases[i].first) })

	// Step 2: update through API v1.
	p1 := &pipedrive.DealUpdateParams{CustomFields: map[string]any{}}
	for _, tc := range cases {
		require.NoError(t, schema.Set(p1.CustomFields, tc.name, tc.second), tc.name)
	}
	_, _, err = c.Deals.Update(ctx, deal.ID, p1)
	require.NoError(t, err)
	readBoth("after the v1 update", func(i int) any { return expected(cases[i].want2, cases[i].second) })

	// Step 3: clear everything through API v2.
	u2 := &pipedrive.V2DealUpdateParams{CustomFields: map[string]any{}}
	for _, tc := range cases {
		require.NoError(t, schema.SetV2(u2.CustomFields, tc.name, nil))
	}
	_, _, err = c.V2.Deals.Update(ctx, deal.ID, u2)
	require.NoError(t, err)
	readBoth("after clearing", func(int) any { return nil })
}

// expected is what Value returns for a value that was set: want when
// given, else the value itself (a float for numbers).
func expected(want, set any) any {
	if want != nil {
		return want
	}
	return set
}
