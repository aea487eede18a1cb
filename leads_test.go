package pipedrive

import (
	"context"
	"errors"
	"math"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const leadJSON = `{"id":"adf21080-0e10-11eb-879b-05d71fb426ec","title":"Jane Doe Lead","owner_id":1,"creator_id":1,
"label_ids":["f08b42a0-4e75-11ea-9643-03698ef1cfd6"],"person_id":1092,"organization_id":null,"source_name":"API",
"origin":"API","origin_id":null,"channel":null,"channel_id":null,"source_deal_id":null,"is_archived":false,"was_seen":false,
"value":{"amount":999,"currency":"USD"},"expected_close_date":null,"next_activity_id":1,
"add_time":"2020-10-14T11:30:36.551Z","update_time":"2020-10-14T11:30:36.551Z","visible_to":"3","cc_email":"x@pipedrivemail.com"}`

func TestLeads(t *testing.T) {
	env := setup(t)
	const id = "adf21080-0e10-11eb-879b-05d71fb426ec"
	env.gateway.HandleFunc("GET /pipedrive/api/v1/leads", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{"owner_id": {"1"}, "sort": {"title"}, "limit": {"1"}})
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":[`+leadJSON+`],"additional_data":{"start":0,"limit":1,"more_items_in_collection":false}}`)
	})
	env.gateway.HandleFunc("GET /pipedrive/api/v1/leads/archived", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":[],"additional_data":{"start":0,"limit":100,"more_items_in_collection":false}}`)
	})
	env.gateway.HandleFunc("GET /pipedrive/api/v1/leads/{id}", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":`+leadJSON+`}`)
	})
	env.gateway.HandleFunc("POST /pipedrive/api/v1/leads", func(w http.ResponseWriter, r *http.Request) {
		testBody(t, r, `{"title":"Jane Doe Lead","person_id":1092,"value":{"amount":999,"currency":"USD"},"label_ids":["f08b42a0-4e75-11ea-9643-03698ef1cfd6"]}`)
		writeJSON(t, w, http.StatusCreated, `{"success":true,"data":`+leadJSON+`}`)
	})
	env.gateway.HandleFunc("PATCH /pipedrive/api/v1/leads/{id}", func(w http.ResponseWriter, r *http.Request) {
		testBody(t, r, `{"title":"Renamed","value":null,"is_archived":true}`)
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":`+leadJSON+`}`)
	})
	env.gateway.HandleFunc("DELETE /pipedrive/api/v1/leads/{id}", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":{"id":"`+id+`"}}`)
	})
	env.gateway.HandleFunc("GET /pipedrive/api/v1/leads/{id}/permittedUsers", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":[1,2]}`)
	})
	ctx := context.Background()
	leads, _, err := env.client.Leads.List(ctx, &LeadListOptions{OwnerID: 1, Sort: "title", ListOptions: ListOptions{Limit: 1}})
	require.NoError(t, err)
	require.Len(t, leads, 1)
	l := leads[0]
	assert.Equal(t, id, l.ID)
	assert.Equal(t, &LeadValue{Amount: 999, Currency: "USD"}, l.Value)
	assert.Zero(t, l.OrganizationID, "null")
	assert.Equal(t, 2020, l.AddTime.Year())
	_, _, err = env.client.Leads.Archived(ctx, nil)
	require.NoError(t, err)
	_, _, err = env.client.Leads.Get(ctx, id)
	require.NoError(t, err)
	_, _, err = env.client.Leads.Create(ctx, &LeadCreateParams{Title: "Jane Doe Lead", PersonID: 1092,
		Value: &LeadValue{Amount: 999, Currency: "USD"}, LabelIDs: []string{"f08b42a0-4e75-11ea-9643-03698ef1cfd6"}})
	require.NoError(t, err)
	_, _, err = env.client.Leads.Update(ctx, id, &LeadUpdateParams{Title: Set("Renamed"), Value: Null[LeadValue](), IsArchived: Set(true)})
	require.NoError(t, err)
	users, _, err := env.client.Leads.PermittedUsers(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2}, users)
	_, err = env.client.Leads.Delete(ctx, id)
	require.NoError(t, err)
}

// TestLeadsRefused: UUIDs, the value and the required links are checked
// before the network.
func TestLeadsRefused(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	ok := func() *LeadCreateParams { return &LeadCreateParams{Title: "t", PersonID: 1} }
	for name, p := range map[string]*LeadCreateParams{
		"no title":     {PersonID: 1},
		"no link":      {Title: "t"},
		"NaN value":    {Title: "t", PersonID: 1, Value: &LeadValue{Amount: math.NaN(), Currency: "EUR"}},
		"bad currency": {Title: "t", PersonID: 1, Value: &LeadValue{Amount: 1, Currency: "EURO"}},
		"bad label":    {Title: "t", PersonID: 1, LabelIDs: []string{"hot"}},
		"visibility":   {Title: "t", PersonID: 1, VisibleTo: "2"},
	} {
		_, _, err := env.client.Leads.Create(ctx, p)
		var ve *ValidationError
		assert.True(t, errors.As(err, &ve), "%s: %v", name, err)
	}
	_, _, err := env.client.Leads.Create(ctx, ok())
	assert.Error(t, err, "the raw server has no handler: the valid one is sent")
	sent := env.requests.Load()
	for _, id := range []string{"", "42", "../users", "adf21080-0e10-11eb-879b-05d71fb426ec/permittedUsers"} {
		_, _, err := env.client.Leads.Get(ctx, id)
		var ve *ValidationError
		assert.True(t, errors.As(err, &ve), "%q: %v", id, err)
	}
	_, _, err = env.client.Leads.Update(ctx, "adf21080-0e10-11eb-879b-05d71fb426ec", &LeadUpdateParams{OwnerID: Null[int]()})
	assert.Error(t, err)
	_, _, err = env.client.Leads.List(ctx, &LeadListOptions{Sort: "value"})
	assert.Error(t, err)
	assert.Equal(t, sent, env.requests.Load(), "nothing more sent")
}

// TestLeadsAllWithoutNextStart: GET /leads pages give start, limit and
// more_items_in_collection but no next_start; All goes on after each page.
func TestLeadsAllWithoutNextStart(t *testing.T) {
	env := setupRaw(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/leads", func(w http.ResponseWriter, r *http.Request) {
		start := r.URL.Query().Get("start")
		more := start == "" || start == "0"
		body := `{"success":true,"data":[{"id":"00000000-0000-4000-8000-00000000000` + map[bool]string{true: "1", false: "2"}[more] + `"}],"additional_data":{"start":0,"limit":1,"more_items_in_collection":` + map[bool]string{true: "true", false: "false"}[more] + `}}`
		if !more {
			body = `{"success":true,"data":[{"id":"00000000-0000-4000-8000-000000000002"}],"additional_data":{"start":1,"limit":1,"more_items_in_collection":false}}`
		}
		writeJSON(t, w, http.StatusOK, body)
	})
	n, err := drainSeq(env.client.Leads.All(context.Background(), &LeadListOptions{ListOptions: ListOptions{Limit: 1}}))
	require.NoError(t, err)
	assert.Equal(t, 2, n)
}

// TestLeadConversionsRefused: conversions and lead search check their
// input before the network.
func TestLeadConversionsRefused(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	const lead = "adf21080-0e10-11eb-879b-05d71fb426ec"
	var ve *ValidationError
	for _, err := range []error{
		second(env.client.V2.Leads.ConvertToDeal(ctx, "42", nil)),
		second(env.client.V2.Leads.ConvertToDeal(ctx, lead, &V2ConvertToDealParams{StageID: -1})),
		second(env.client.V2.Leads.ConversionStatus(ctx, lead, "")),
		second(env.client.V2.Leads.ConversionStatus(ctx, lead, "../../x")),
		second(env.client.V2.Deals.ConvertToLead(ctx, 0)),
		second(env.client.V2.Deals.ConversionStatus(ctx, 1, "nope")),
		second(env.client.V2.Leads.Search(ctx, &V2LeadSearchOptions{Term: "a"})),
		second(env.client.V2.Leads.Search(ctx, nil)),
	} {
		assert.True(t, errors.As(err, &ve), "%v", err)
	}
	assert.Zero(t, env.requests.Load(), "nothing sent")
}
