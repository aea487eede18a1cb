package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopipedrive/pipedrive"
)

func TestParseCustomFields(t *testing.T) {
	const key = "0123456789abcdef0123456789abcdef01234567"
	got, named, err := parseCustomFields([]string{
		key + "=plain text = with equals",
		key + "_currency=EUR",
		"Contract value=1500 EUR",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:=42",
		"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb:=null",
		"cccccccccccccccccccccccccccccccccccccccc=",
		" Region =EMEA",
	})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{
		key:               "plain text = with equals",
		key + "_currency": "EUR",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa": json.RawMessage("42"),
		"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb": json.RawMessage("null"),
		"cccccccccccccccccccccccccccccccccccccccc": "",
	}, got, "raw keys are resolved at once")
	assert.Equal(t, []string{"Contract value=1500 EUR", " Region =EMEA"}, named, "names wait for the schema")

	none, named, err := parseCustomFields(nil)
	require.NoError(t, err)
	assert.Nil(t, none)
	assert.Nil(t, named)

	for _, bad := range [][]string{
		{"no-equals"},
		{"=value"},
		{"Region:=1"},
		{key + ":={not json"},
		{key + "=a", key + ":=1"},
	} {
		_, _, err := parseCustomFields(bad)
		var ue *usageError
		assert.True(t, errors.As(err, &ue), "%v: %v", bad, err)
	}
}

func TestCustomText(t *testing.T) {
	for _, tc := range []struct {
		v    any
		want string
	}{
		{nil, ""},
		{"EMEA", "EMEA"},
		{[]string{"Hot", "Strategic"}, "Hot, Strategic"},
		{1500.5, "1500.5"},
		{pipedrive.MonetaryValue{Value: 1500, Currency: "EUR"}, "1500 EUR"},
		{pipedrive.DateRangeValue{Value: "2026-01-01", Until: "2026-03-31"}, "2026-01-01..2026-03-31"},
		{pipedrive.Date("2026-03-31"), "2026-03-31"},
		{42, "42"},
	} {
		assert.Equal(t, tc.want, customText(tc.v), "%#v", tc.v)
	}
}

func TestParseInterspersed(t *testing.T) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	o := fs.String("o", "", "")
	all := fs.Bool("all", false, "")
	pos, err := parseInterspersed(fs, []string{"a", "-o", "json", "b", "--all", "--", "-c", "d"})
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "-c", "d"}, pos)
	assert.Equal(t, "json", *o)
	assert.True(t, *all)
}

func TestMoney(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		cur  string
		want string
	}{
		{0, "EUR", "0 EUR"},
		{999, "", "999"},
		{1000, "EUR", "1,000 EUR"},
		{1234567.5, "USD", "1,234,567.50 USD"},
		{-4200, "EUR", "-4,200 EUR"},
		{0.126, "EUR", "0.13 EUR"},
	} {
		assert.Equal(t, tc.want, money(tc.v, tc.cur))
	}
}

func TestBar(t *testing.T) {
	assert.Equal(t, "", bar(0, 10))
	assert.Equal(t, "██████████", bar(1, 10))
	assert.Equal(t, "█████", bar(0.5, 10))
	assert.Equal(t, "█▌", bar(0.15, 10), "an eighth-block remainder")
	assert.Equal(t, "▏", bar(0.0001, 10), "a non-zero value shows a sliver")
	assert.Equal(t, "██████████", bar(3, 10), "capped")
}

func TestCell(t *testing.T) {
	assert.Equal(t, "a b c", cell("a\tb\nc"))
	long := strings.Repeat("x", 60)
	assert.Equal(t, strings.Repeat("x", maxCell-1)+"…", cell(long))
	assert.Equal(t, "Hello world", strings.Join(strings.Fields(stripTags("<p>Hello</p><b>world</b>")), " "))
}

func TestTerminalWidth(t *testing.T) {
	var buf bytes.Buffer
	assert.Equal(t, 0, terminalWidth(func(string) string { return "" }, &buf), "not a terminal: no limit")
	assert.Equal(t, 120, terminalWidth(func(string) string { return "120" }, &buf))
	assert.Equal(t, 0, terminalWidth(func(string) string { return "nope" }, &buf))
}

func TestDrawFunnelFitsWidth(t *testing.T) {
	fn := &funnel{Status: "open"}
	fn.Pipeline.ID, fn.Pipeline.Name = 1, "Sales"
	fn.Stages = []funnelStage{
		{ID: 1, Name: "Qualified", Deals: 3, Value: map[string]float64{"EUR": 3000}},
		{ID: 2, Name: "A stage with a very long name indeed", Deals: 0, Value: map[string]float64{}},
	}
	fn.Total = funnelTotal{Deals: 3, Value: map[string]float64{"EUR": 3000}}
	for _, width := range []int{40, 80, 200} {
		var b bytes.Buffer
		require.NoError(t, drawFunnel(&b, fn, "value", width))
		for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
			assert.LessOrEqual(t, len([]rune(line)), max(width-1, 60), "width %d: %q", width, line)
		}
		assert.Contains(t, b.String(), "A stage with a very lon…")
	}
}

func TestDescribe(t *testing.T) {
	api := func(status int, source pipedrive.ErrorSource) error {
		return fmt.Errorf("wrapped: %w", &pipedrive.APIError{StatusCode: status, Method: "GET", Path: "/pipedrive/api/v1/deals/9", Message: "Deal not found", Source: source})
	}
	for _, tc := range []struct {
		err  error
		code int
		msg  string
	}{
		{usagef("bad"), ExitUsage, "bad"},
		{&pipedrive.ValidationError{Field: "title", Reason: "empty"}, ExitUsage, "invalid title: empty"},
		{errNoAPIKey, ExitUnauthorized, "no Maton API key"},
		{api(401, pipedrive.SourceGateway), ExitUnauthorized, "unauthorized"},
		{api(404, pipedrive.SourcePipedrive), ExitNotFound, "not found: GET /api/v1/deals/9: Deal not found"},
		{api(429, pipedrive.SourcePipedrive), ExitRateLimited, "rate limited: wait a moment and retry"},
		{&pipedrive.APIError{StatusCode: 429, RetryAfter: 3 * time.Second}, ExitRateLimited, "rate limited: retry in 3s"},
		{&pipedrive.APIError{StatusCode: 429, DailyBudgetExhausted: true}, ExitRateLimited, "daily token budget"},
		{api(400, pipedrive.SourceGateway), ExitMissingConnection, "no Pipedrive connection: run `pipedrive connections create`"},
		{api(500, pipedrive.SourceGateway), ExitError, "500"},
		{context.DeadlineExceeded, ExitError, "timed out"},
		{errors.New("pipedrive: boom"), ExitError, "boom"},
	} {
		code, msg := describe(tc.err, newGlobals())
		assert.Equal(t, tc.code, code, "%v", tc.err)
		assert.Contains(t, msg, tc.msg, "%v", tc.err)
		assert.False(t, strings.HasPrefix(msg, "pipedrive: "), "no doubled prefix: %q", msg)
	}
}

func TestProgressLine(t *testing.T) {
	var b bytes.Buffer
	p := &progress{w: &b, on: true, noun: "deals", start: time.Now()}
	p.page(500)
	p.page(734)
	p.finish()
	out := b.String()
	assert.Contains(t, out, "\r\x1b[K500 deals · 1 page")
	assert.Contains(t, out, "1,234 deals · 2 pages · ")
	assert.True(t, strings.HasSuffix(out, "/s\n"), "%q", out)

	b.Reset()
	off := &progress{w: &b, noun: "deals", start: time.Now()}
	off.page(3)
	off.finish()
	assert.Empty(t, b.String(), "nothing when stderr is not a terminal")
}

func TestStreamJSONStopsOnError(t *testing.T) {
	var out, errb bytes.Buffer
	a := &app{g: newGlobals(), stdout: &out, stderr: &errb}
	a.g.output = formatJSON
	calls := 0
	err := a.stream(context.Background(), view{plural: "things"}, "", func(ctx context.Context, pos string) (page, error) {
		calls++
		if calls == 2 {
			return page{}, errors.New("page 2 failed")
		}
		return page{rows: []row{{value: map[string]int{"id": 1}}}, next: "2"}, nil
	})
	require.EqualError(t, err, "page 2 failed")
	var got []map[string]int
	require.NoError(t, json.Unmarshal(out.Bytes(), &got), "the array is closed: %s", out.String())
	assert.Len(t, got, 1)

	out.Reset()
	err = a.stream(context.Background(), view{plural: "things"}, "", func(context.Context, string) (page, error) {
		return page{}, errors.New("page 1 failed")
	})
	require.Error(t, err)
	assert.Equal(t, "[]\n", out.String())
}

func TestVerboseHandler(t *testing.T) {
	var b bytes.Buffer
	log := slog.New(&verboseHandler{mu: &sync.Mutex{}, w: &b})
	log.Debug("pipedrive: attempt", "method", "GET", "path", "/pipedrive/api/v1/deals", "attempt", 1, "status", 200)
	log.Debug("pipedrive: attempt", "method", "POST", "path", "/pipedrive/api/v2/deals", "attempt", 2, "status", 503)
	log.Debug("pipedrive: attempt", "method", "GET", "path", "/pipedrive/api/v2/deals", "attempt", 1, "error", "connection\nreset")
	assert.Equal(t, "> GET /api/v1/deals: 200 OK\n> POST /api/v2/deals: 503 Service Unavailable (attempt 2)\n> GET /api/v2/deals: connection reset\n", b.String())
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
