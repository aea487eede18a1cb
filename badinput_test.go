package pipedrive

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// badInput is an input the SDK must refuse before sending anything.
type badInput struct {
	name  string
	field string // the ValidationError's Field
	call  func(ctx context.Context, c *Client) error
}

// newClientErr builds a client the way a caller would and returns only the
// error.
func newClientErr(key string, opts ...Option) func(context.Context, *Client) error {
	return func(context.Context, *Client) error {
		_, err := NewClient(key, opts...)
		return err
	}
}

const hex40 = "0123456789abcdef0123456789abcdef01234567"

func badInputs() []badInput {
	e2 := func(_ any, err error) error { return err }
	e3 := func(_, _ any, err error) error { return err }
	var nilCtx context.Context
	cases := []badInput{
		// The key and the connection: header injection and malformed ids.
		{"empty key", "apiKey", newClientErr("")},
		{"whitespace key", "apiKey", newClientErr(" \t ")},
		{"key with a newline (header injection)", "apiKey", newClientErr(testKey + "\r\nX-Evil: 1")},
		{"key with surrounding space", "apiKey", newClientErr(" " + testKey)},
		{"connection id with a newline (header injection)", "connection", newClientErr(testKey, WithConnection(testConnection+"\r\nX-Evil: 1"))},
		{"malformed connection id", "connection", newClientErr(testKey, WithConnection("conn-1"))},
		{"empty connection id", "connection", newClientErr(testKey, WithConnection(""))},
		{"per-call connection id with a newline", "connection", func(ctx context.Context, c *Client) error {
			return e3(c.Deals.Get(ContextWithConnection(ctx, "x\nMaton-Connection: y"), 1))
		}},
		{"per-call connection id malformed", "connection", func(ctx context.Context, c *Client) error {
			return e3(c.Deals.List(ContextWithConnection(ctx, "12345"), nil))
		}},
		{"user agent with a newline (header injection)", "userAgent", newClientErr(testKey, WithUserAgent("app/1\r\nX-Evil: 1"))},

		// Endpoints: plain http only on loopback or when allowed.
		{"http gateway on a public host", "gatewayURL", newClientErr(testKey, WithGatewayURL("http://gateway.maton.ai"))},
		{"http control plane on a look-alike of localhost", "controlURL", newClientErr(testKey, WithControlURL("http://localhost.evil.example"))},
		{"http gateway on 0.0.0.0", "gatewayURL", newClientErr(testKey, WithGatewayURL("http://0.0.0.0:8080"))},
		{"gateway with credentials in the URL", "gatewayURL", newClientErr(testKey, WithGatewayURL("https://user:pw@gateway.maton.ai"))},
		{"gateway with a query", "gatewayURL", newClientErr(testKey, WithGatewayURL("https://gateway.maton.ai/?key=1"))},

		// Ids, pages.
		{"id 0", "id", func(ctx context.Context, c *Client) error { return e3(c.Deals.Get(ctx, 0)) }},
		{"negative id", "id", func(ctx context.Context, c *Client) error { return e3(c.Persons.Get(ctx, -1)) }},
		{"delete id 0", "id", func(ctx context.Context, c *Client) error { return e2(c.Organizations.Delete(ctx, 0)) }},
		{"user id 0", "id", func(ctx context.Context, c *Client) error { return e3(c.Users.Get(ctx, 0)) }},
		{"pipeline id -5", "id", func(ctx context.Context, c *Client) error { return e3(c.Pipelines.Get(ctx, -5)) }},
		{"limit above 500", "limit", func(ctx context.Context, c *Client) error {
			return e3(c.Deals.List(ctx, &DealListOptions{ListOptions: ListOptions{Limit: 501}}))
		}},
		{"negative limit", "limit", func(ctx context.Context, c *Client) error {
			return e3(c.Activities.List(ctx, &ActivityListOptions{ListOptions: ListOptions{Limit: -1}}))
		}},
		{"negative start", "start", func(ctx context.Context, c *Client) error {
			return e3(c.Notes.List(ctx, &NoteListOptions{ListOptions: ListOptions{Start: -10}}))
		}},
		{"negative filter id", "pipeline_id", func(ctx context.Context, c *Client) error {
			return e3(c.Stages.List(ctx, &StageListOptions{PipelineID: -1}))
		}},

		// Required text.
		{"empty deal title", "title", func(ctx context.Context, c *Client) error {
			return e3(c.Deals.Create(ctx, &DealCreateParams{Title: ""}))
		}},
		{"whitespace deal title", "title", func(ctx context.Context, c *Client) error {
			return e3(c.Deals.Create(ctx, &DealCreateParams{Title: " \n "}))
		}},
		{"title updated to empty", "title", func(ctx context.Context, c *Client) error {
			return e3(c.Deals.Update(ctx, 1, &DealUpdateParams{Title: Ptr("")}))
		}},
		{"empty person name", "name", func(ctx context.Context, c *Client) error {
			return e3(c.Persons.Create(ctx, &PersonCreateParams{Name: ""}))
		}},
		{"empty organization name", "name", func(ctx context.Context, c *Client) error {
			return e3(c.Organizations.Create(ctx, &OrganizationCreateParams{Name: "  "}))
		}},
		{"empty note content", "content", func(ctx context.Context, c *Client) error {
			return e3(c.Notes.Create(ctx, &NoteCreateParams{Content: "", DealID: 1}))
		}},
		{"note with no target", "deal_id", func(ctx context.Context, c *Client) error {
			return e3(c.Notes.Create(ctx, &NoteCreateParams{Content: "Call back"}))
		}},
		{"note pinned to a deal it is not on", "pinned_to_deal_flag", func(ctx context.Context, c *Client) error {
			return e3(c.Notes.Create(ctx, &NoteCreateParams{Content: "x", PersonID: 1, PinnedToDealFlag: true}))
		}},
		{"person email without a value", "email", func(ctx context.Context, c *Client) error {
			return e3(c.Persons.Create(ctx, &PersonCreateParams{Name: "Ann", Emails: Contacts("")}))
		}},
		{"empty connection app", "app", func(ctx context.Context, c *Client) error {
			return e3(c.Connections.Create(ctx, " "))
		}},

		// Enums.
		{"deal status filter not an enum value", "status", func(ctx context.Context, c *Client) error {
			return e3(c.Deals.List(ctx, &DealListOptions{Status: "closed"}))
		}},
		{"deal status not an enum value", "status", func(ctx context.Context, c *Client) error {
			return e3(c.Deals.Create(ctx, &DealCreateParams{Title: "x", Status: "pending"}))
		}},
		{"visibility 2", "visible_to", func(ctx context.Context, c *Client) error {
			return e3(c.Deals.Create(ctx, &DealCreateParams{Title: "x", VisibleTo: 2}))
		}},
		{"marketing status not an enum value", "marketing_status", func(ctx context.Context, c *Client) error {
			return e3(c.Persons.Create(ctx, &PersonCreateParams{Name: "Ann", MarketingStatus: "spam"}))
		}},
		{"search field not an enum value", "fields", func(ctx context.Context, c *Client) error {
			return e3(c.Deals.Search(ctx, &DealSearchOptions{Term: "acme", Fields: []DealSearchField{"body"}}))
		}},
		{"activity done filter out of range", "done", func(ctx context.Context, c *Client) error {
			return e3(c.Activities.List(ctx, &ActivityListOptions{Done: 7}))
		}},
		{"connection status filter in lower case", "status", func(ctx context.Context, c *Client) error {
			return e3(c.Connections.List(ctx, &ConnectionListOptions{Status: "active"}))
		}},

		// Formats.
		{"due_time not HH:MM", "due_time", func(ctx context.Context, c *Client) error {
			return e3(c.Activities.Create(ctx, &ActivityCreateParams{DueTime: "9:30"}))
		}},
		{"due_time 24:00", "due_time", func(ctx context.Context, c *Client) error {
			return e3(c.Activities.Update(ctx, 1, &ActivityUpdateParams{DueTime: Ptr("24:00")}))
		}},
		{"duration not HH:MM", "duration", func(ctx context.Context, c *Client) error {
			return e3(c.Activities.Create(ctx, &ActivityCreateParams{Duration: "1h"}))
		}},
		{"date not YYYY-MM-DD", "expected_close_date", func(ctx context.Context, c *Client) error {
			return e3(c.Deals.Create(ctx, &DealCreateParams{Title: "x", ExpectedCloseDate: "31/12/2026"}))
		}},
		{"date that does not exist", "due_date", func(ctx context.Context, c *Client) error {
			return e3(c.Activities.Create(ctx, &ActivityCreateParams{DueDate: "2026-02-30"}))
		}},
		{"date filter not YYYY-MM-DD", "start_date", func(ctx context.Context, c *Client) error {
			return e3(c.Activities.List(ctx, &ActivityListOptions{StartDate: "2026-1-5"}))
		}},
		{"lead id not a UUID", "lead_id", func(ctx context.Context, c *Client) error {
			return e3(c.Activities.Create(ctx, &ActivityCreateParams{LeadID: "lead-7"}))
		}},
		{"custom field key not 40-hex", "custom_fields", func(ctx context.Context, c *Client) error {
			return e3(c.Deals.Create(ctx, &DealCreateParams{Title: "x", CustomFields: map[string]any{"budget": 1}}))
		}},
		{"custom field key in upper case", "custom_fields", func(ctx context.Context, c *Client) error {
			return e3(c.Persons.Update(ctx, 1, &PersonUpdateParams{CustomFields: map[string]any{strings.ToUpper(hex40): 1}}))
		}},
		{"currency not a 3-letter code", "currency", func(ctx context.Context, c *Client) error {
			return e3(c.Deals.Create(ctx, &DealCreateParams{Title: "x", Currency: "EURO"}))
		}},
		{"value NaN", "value", func(ctx context.Context, c *Client) error {
			return e3(c.Deals.Create(ctx, &DealCreateParams{Title: "x", Value: Ptr(math.NaN())}))
		}},
		{"probability above 100", "probability", func(ctx context.Context, c *Client) error {
			return e3(c.Deals.Update(ctx, 1, &DealUpdateParams{Probability: Ptr(150.0)}))
		}},
		{"first_char of two characters", "first_char", func(ctx context.Context, c *Client) error {
			return e3(c.Persons.List(ctx, &PersonListOptions{FirstChar: "ab"}))
		}},

		// Search terms.
		{"search term of 1 character without exact_match", "term", func(ctx context.Context, c *Client) error {
			return e3(c.Deals.Search(ctx, &DealSearchOptions{Term: "a"}))
		}},
		{"blank search term", "term", func(ctx context.Context, c *Client) error {
			return e3(c.Persons.Search(ctx, &PersonSearchOptions{Term: "  ", ExactMatch: true}))
		}},

		// Nil or empty options where they are required.
		{"nil search options", "term", func(ctx context.Context, c *Client) error {
			return e3(c.Organizations.Search(ctx, nil))
		}},
		{"nil create params", "params", func(ctx context.Context, c *Client) error { return e3(c.Deals.Create(ctx, nil)) }},
		{"nil update params", "params", func(ctx context.Context, c *Client) error { return e3(c.Notes.Update(ctx, 1, nil)) }},
		{"update with no field", "params", func(ctx context.Context, c *Client) error {
			return e3(c.Deals.Update(ctx, 1, &DealUpdateParams{}))
		}},
		{"nil context", "ctx", func(_ context.Context, c *Client) error { return e3(c.Deals.Get(nilCtx, 1)) }},
		{"nil option", "option", newClientErr(testKey, nil)},
		{"nil http client", "httpClient", newClientErr(testKey, WithHTTPClient(nil))},

		// Bodies JSON cannot carry (issue 12 §4): NaN and ±Inf anywhere,
		// named by their path.
		{"v2 custom field NaN", "custom_fields." + hex40, func(ctx context.Context, c *Client) error {
			return e3(c.V2.Deals.Create(ctx, &V2DealCreateParams{Title: "x", CustomFields: map[string]any{hex40: math.NaN()}}))
		}},
		{"v2 custom field monetary +Inf", "custom_fields." + hex40 + ".value", func(ctx context.Context, c *Client) error {
			return e3(c.V2.Deals.Update(ctx, 1, &V2DealUpdateParams{CustomFields: map[string]any{hex40: V2Monetary{Value: math.Inf(1), Currency: "EUR"}}}))
		}},
		{"v1 custom field -Inf", "custom_fields." + hex40, func(ctx context.Context, c *Client) error {
			return e3(c.Deals.Create(ctx, &DealCreateParams{Title: "x", CustomFields: map[string]any{hex40: math.Inf(-1)}}))
		}},
		{"v1 custom field NaN in a list", "custom_fields." + hex40 + "[1]", func(ctx context.Context, c *Client) error {
			return e3(c.Persons.Update(ctx, 1, &PersonUpdateParams{CustomFields: map[string]any{hex40: []any{1.0, math.NaN()}}}))
		}},
		{"v2 value NaN", "value", func(ctx context.Context, c *Client) error {
			return e3(c.V2.Deals.Create(ctx, &V2DealCreateParams{Title: "x", Value: math.NaN()}))
		}},
		{"v2 update value +Inf", "value", func(ctx context.Context, c *Client) error {
			return e3(c.V2.Deals.Update(ctx, 1, &V2DealUpdateParams{Value: Set(math.Inf(1))}))
		}},
		{"Do body with NaN", "amount", func(ctx context.Context, c *Client) error {
			return e2(c.Do(ctx, http.MethodPost, "/api/v1/products", nil, map[string]any{"amount": math.NaN()}, nil))
		}},

		// The escape hatch.
		{"method outside GET, POST, PUT, PATCH, DELETE", "method", func(ctx context.Context, c *Client) error {
			return e2(c.Do(ctx, "TRACE", "/api/v1/deals", nil, nil, nil))
		}},
		{"path escaping the gateway prefix", "path", func(ctx context.Context, c *Client) error {
			return e2(c.Do(ctx, http.MethodGet, "/api/v1/../../connections", nil, nil, nil))
		}},
		{"path with a newline", "path", func(ctx context.Context, c *Client) error {
			return e2(c.Do(ctx, http.MethodGet, "/api/v1/deals\r\nX-Evil: 1", nil, nil, nil))
		}},
	}
	// Issue 12 §5: every path that leaves /api/v1/ or /api/v2/ once
	// percent-decoded (it used to reach the server).
	for _, p := range []string{
		"/api/v1/%2e%2e/%2e%2e/connections", "/api/v1/%2E%2E/%2e%2E/connections", "/api/v2/deals/%2e%2e",
		"/api/v1/%2e/deals", "/api/v1/deals%2f..%2f..%2fconnections", "/api/v1/.", "/api/v1/..%2f..%2f",
		"/connections", "/api/v3/deals", "/api/v1", "/api/v1%2f..%2fconnections", "//evil.example/api/v1/deals",
		"/api/v1/deals\\..\\..\\connections", "/api/v1/deals%3fx=1", "/api/v1/deals%", "/api/v1/deals%0d%0aX: 1",
	} {
		cases = append(cases, badInput{"Do path " + p, "path", func(ctx context.Context, c *Client) error {
			return e2(c.Do(ctx, http.MethodGet, p, nil, nil, nil))
		}})
	}
	// Field keys and codes given to Fields / V2.Fields.
	for _, code := range []string{".", "..", "/", "%", "%2e%2e", "../connections", "a/b", "title%00", "", "tit le", strings.Repeat("a", 65)} {
		cases = append(cases, badInput{"v2 field code " + code, "field_code", func(ctx context.Context, c *Client) error {
			return e3(c.V2.Fields.Get(ctx, EntityDeal, code, nil))
		}})
	}
	for _, id := range []int{0, -1} {
		cases = append(cases, badInput{fmt.Sprint("v1 field id ", id), "id", func(ctx context.Context, c *Client) error {
			return e3(c.Fields.Get(ctx, EntityPerson, id))
		}})
	}
	cases = append(cases,
		// v2 as strict as v1: currency codes and lead ids.
		badInput{"v2 create currency not a 3-letter code", "currency", func(ctx context.Context, c *Client) error {
			return e3(c.V2.Deals.Create(ctx, &V2DealCreateParams{Title: "x", Currency: "EURO"}))
		}},
		badInput{"v2 update currency of 2 letters", "currency", func(ctx context.Context, c *Client) error {
			return e3(c.V2.Deals.Update(ctx, 1, &V2DealUpdateParams{Currency: Set("EU")}))
		}},
		badInput{"v2 update currency empty", "currency", func(ctx context.Context, c *Client) error {
			return e3(c.V2.Deals.Update(ctx, 1, &V2DealUpdateParams{Currency: Set("")}))
		}},
		badInput{"v2 activity lead id not a UUID", "lead_id", func(ctx context.Context, c *Client) error {
			return e3(c.V2.Activities.Create(ctx, &V2ActivityCreateParams{Subject: "x", Type: "call", LeadID: "lead-7"}))
		}},
		badInput{"v2 activity update lead id not a UUID", "lead_id", func(ctx context.Context, c *Client) error {
			return e3(c.V2.Activities.Update(ctx, 1, &V2ActivityUpdateParams{LeadID: Set("../deals")}))
		}},
		badInput{"v2 activity filter lead id not a UUID", "lead_id", func(ctx context.Context, c *Client) error {
			return e3(c.V2.Activities.List(ctx, &V2ActivityListOptions{LeadID: "7"}))
		}},
	)
	return cases
}

// TestBadInput sends every invalid input in badInputs and checks that each
// is refused with a *ValidationError naming the field, whose message is a
// single line without the key, and that the server saw no request at all.
func TestBadInput(t *testing.T) {
	cases := badInputs()
	require.GreaterOrEqual(t, len(cases), 30)
	env := setupRaw(t, WithConnection(testConnection))
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call(t.Context(), env.client)
			var ve *ValidationError
			require.ErrorAs(t, err, &ve, "want a *ValidationError, got %v", err)
			assert.Equal(t, tc.field, ve.Field, err.Error())
			assert.NotEmpty(t, ve.Reason)
			assert.Contains(t, err.Error(), tc.field)
			assert.False(t, hasControlChars(err.Error()), "one line, no injected header: %q", err.Error())
			assert.NotContains(t, err.Error(), testKey)
			assert.Zero(t, env.requests.Load(), "nothing was sent")
			assert.False(t, MayHaveWritten(err))
		})
	}
	assert.Zero(t, env.requests.Load(), "the server saw no request")
}
