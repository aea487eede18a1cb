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

func TestV2ActivitiesList(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v2/activities", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{
			"ids":            {"880,881"},
			"owner_id":       {"7"},
			"deal_id":        {"101"},
			"lead_id":        {"39c433f0-8a4c-11ec-8728-09968f0a1ca0"},
			"person_id":      {"31"},
			"org_id":         {"12"},
			"done":           {"false"},
			"updated_since":  {"2026-03-01T00:00:00Z"},
			"updated_until":  {"2026-03-02T00:00:00Z"},
			"sort_by":        {"due_date"},
			"sort_direction": {"asc"},
			"include_fields": {"attendees"},
			"limit":          {"50"},
		})
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/activities/list_page1.json"))
	})
	acts, resp, err := env.client.V2.Activities.List(context.Background(), &V2ActivityListOptions{
		IDs:           []int{880, 881},
		OwnerID:       7,
		DealID:        101,
		LeadID:        "39c433f0-8a4c-11ec-8728-09968f0a1ca0",
		PersonID:      31,
		OrgID:         12,
		Done:          Ptr(false),
		UpdatedSince:  time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
		UpdatedUntil:  time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC),
		SortBy:        V2SortByDueDate,
		SortDirection: V2SortAsc,
		IncludeFields: []string{"attendees"},
		V2ListOptions: V2ListOptions{Limit: 50},
	})
	require.NoError(t, err)
	assert.Equal(t, "YWN0LTI", resp.NextCursor)
	require.Len(t, acts, 1)
	a := acts[0]
	assert.Equal(t, 880, a.ID)
	assert.Equal(t, "call", a.Type)
	assert.Equal(t, 7, a.OwnerID)
	assert.Equal(t, 7, a.CreatorUserID)
	assert.Equal(t, 101, a.DealID)
	assert.Empty(t, a.LeadID)
	assert.Zero(t, a.ProjectID)
	assert.Equal(t, Date("2026-03-12"), a.DueDate)
	assert.Equal(t, "13:30:00", a.DueTime)
	assert.Equal(t, "00:30:00", a.Duration)
	assert.True(t, a.Busy)
	assert.False(t, a.Done)
	assert.True(t, a.MarkedAsDoneTime.IsZero())
	assert.Nil(t, a.Location)
	assert.Equal(t, []V2ActivityParticipant{{PersonID: 31, Primary: true}, {PersonID: 32}}, a.Participants)
	assert.Zero(t, a.Priority)
	assert.Equal(t, "<p>Ask about the <b>budget</b></p>", a.Note)
}

func TestV2ActivitiesAll(t *testing.T) {
	env := setupV2(t)
	var calls atomic.Int32
	env.gateway.HandleFunc("GET /pipedrive/api/v2/activities", func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.URL.Query().Get("cursor") == "YWN0LTI" {
			testQuery(t, r, url.Values{"done": {"true"}, "cursor": {"YWN0LTI"}})
			writeJSON(t, w, http.StatusOK, testdata(t, "v2/activities/list_page2.json"))
			return
		}
		testQuery(t, r, url.Values{"done": {"true"}})
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/activities/list_page1.json"))
	})
	acts, err := collectV2(env.client.V2.Activities.All(context.Background(), &V2ActivityListOptions{Done: Ptr(true)}))
	require.NoError(t, err)
	require.Len(t, acts, 2)
	a := acts[1]
	assert.Equal(t, "39c433f0-8a4c-11ec-8728-09968f0a1ca0", a.LeadID)
	assert.Equal(t, 8, a.ProjectID)
	assert.True(t, a.Done)
	assert.Equal(t, v2Time(t, "2026-02-20T15:00:00Z"), a.MarkedAsDoneTime)
	require.NotNil(t, a.Location)
	assert.Equal(t, "Springfield", a.Location.Locality)
	assert.Equal(t, []V2ActivityAttendee{{Email: "ceo@globex.example", Name: "Globex CEO", Status: "accepted"}}, a.Attendees)
	assert.Equal(t, "google_meet", a.ConferenceMeetingClient)
	assert.Equal(t, 263, a.Priority)
	assert.Equal(t, int32(2), calls.Load())
}

func TestV2ActivitiesGet(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v2/activities/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "880", r.PathValue("id"))
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/activities/get.json"))
	})
	a, _, err := env.client.V2.Activities.Get(context.Background(), 880)
	require.NoError(t, err)
	assert.Equal(t, "Call Ann about the proposal", a.Subject)
	assert.Empty(t, a.Attendees)
}

func TestV2ActivitiesCreate(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("POST /pipedrive/api/v2/activities", func(w http.ResponseWriter, r *http.Request) {
		testBody(t, r, `{
			"subject": "Demo for Initech",
			"type": "meeting",
			"owner_id": 7,
			"deal_id": 103,
			"person_id": 33,
			"due_date": "2026-03-20",
			"due_time": "09:00",
			"duration": "01:00",
			"busy": true,
			"location": {"value": "Tartu mnt 2, Tallinn", "locality": "Tallinn"},
			"participants": [{"person_id": 33, "primary": true}],
			"attendees": [{"email": "it@initech.example"}],
			"public_description": "Product demo",
			"note": "Bring the slides"
		}`)
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/activities/create.json"))
	})
	a, _, err := env.client.V2.Activities.Create(context.Background(), &V2ActivityCreateParams{
		Subject:           "Demo for Initech",
		Type:              "meeting",
		OwnerID:           7,
		DealID:            103,
		PersonID:          33,
		DueDate:           "2026-03-20",
		DueTime:           "09:00",
		Duration:          "01:00",
		Busy:              Ptr(true),
		Location:          &V2Address{Value: "Tartu mnt 2, Tallinn", Locality: "Tallinn"},
		Participants:      []V2ActivityParticipant{{PersonID: 33, Primary: true}},
		Attendees:         []V2ActivityAttendee{{Email: "it@initech.example"}},
		PublicDescription: "Product demo",
		Note:              "Bring the slides",
	})
	require.NoError(t, err)
	assert.Equal(t, 882, a.ID)
	assert.Equal(t, "noreply", a.Attendees[0].Status)
}

func TestV2ActivitiesCreateEmpty(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("POST /pipedrive/api/v2/activities", func(w http.ResponseWriter, r *http.Request) {
		testBody(t, r, `{"done": true}`)
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/activities/create.json"))
	})
	_, _, err := env.client.V2.Activities.Create(context.Background(), &V2ActivityCreateParams{Done: true})
	require.NoError(t, err)
}

func TestV2ActivitiesUpdate(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("PATCH /pipedrive/api/v2/activities/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "880", r.PathValue("id"))
		testBody(t, r, `{"done": true, "busy": false, "participants": [], "due_time": "13:30:00"}`)
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/activities/update.json"))
	})
	a, _, err := env.client.V2.Activities.Update(context.Background(), 880, &V2ActivityUpdateParams{
		Done:         Set(true),
		Busy:         Set(false),
		Participants: Set([]V2ActivityParticipant{}),
		DueTime:      Set("13:30:00"),
	})
	require.NoError(t, err)
	assert.True(t, a.Done)
	assert.False(t, a.Busy)
	assert.Equal(t, v2Time(t, "2026-03-12T14:00:00Z"), a.MarkedAsDoneTime)
}

func TestV2ActivitiesDelete(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("DELETE /pipedrive/api/v2/activities/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "880", r.PathValue("id"))
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":{"id":880}}`)
	})
	_, err := env.client.V2.Activities.Delete(context.Background(), 880)
	require.NoError(t, err)
}

func TestV2ActivitiesValidation(t *testing.T) {
	env := setupV2(t)
	ctx := context.Background()
	acts := env.client.V2.Activities
	for _, tc := range []struct {
		name, field string
		err         error
	}{
		{"limit", "limit", func() error {
			_, _, err := acts.List(ctx, &V2ActivityListOptions{V2ListOptions: V2ListOptions{Limit: 501}})
			return err
		}()},
		{"sort_by order_nr", "sort_by", func() error {
			_, _, err := acts.List(ctx, &V2ActivityListOptions{SortBy: V2SortByOrderNr})
			return err
		}()},
		{"negative deal", "deal_id", func() error {
			_, _, err := acts.List(ctx, &V2ActivityListOptions{DealID: -1})
			return err
		}()},
		{"get 0", "id", func() error { _, _, err := acts.Get(ctx, 0); return err }()},
		{"delete 0", "id", func() error { _, err := acts.Delete(ctx, 0); return err }()},
		{"create nil", "params", func() error { _, _, err := acts.Create(ctx, nil); return err }()},
		{"create bad due_time", "due_time", func() error {
			_, _, err := acts.Create(ctx, &V2ActivityCreateParams{DueTime: "9am"})
			return err
		}()},
		{"create bad duration", "duration", func() error {
			_, _, err := acts.Create(ctx, &V2ActivityCreateParams{Duration: "1h"})
			return err
		}()},
		{"create bad due_date", "due_date", func() error {
			_, _, err := acts.Create(ctx, &V2ActivityCreateParams{DueDate: "2026-02-30"})
			return err
		}()},
		{"create participant 0", "participants.person_id", func() error {
			_, _, err := acts.Create(ctx, &V2ActivityCreateParams{Participants: []V2ActivityParticipant{{Primary: true}}})
			return err
		}()},
		{"create empty attendee", "attendees", func() error {
			_, _, err := acts.Create(ctx, &V2ActivityCreateParams{Attendees: []V2ActivityAttendee{{Name: "x"}}})
			return err
		}()},
		{"update null done", "done", func() error {
			_, _, err := acts.Update(ctx, 1, &V2ActivityUpdateParams{Done: Null[bool]()})
			return err
		}()},
		{"update deal 0", "deal_id", func() error {
			_, _, err := acts.Update(ctx, 1, &V2ActivityUpdateParams{DealID: Set(0)})
			return err
		}()},
		{"update bad due_time", "due_time", func() error {
			_, _, err := acts.Update(ctx, 1, &V2ActivityUpdateParams{DueTime: Set("25:00")})
			return err
		}()},
		{"update nil", "params", func() error { _, _, err := acts.Update(ctx, 1, nil); return err }()},
	} {
		t.Run(tc.name, func(t *testing.T) { requireValidation(t, tc.err, tc.field) })
	}
	assert.Zero(t, env.requests.Load())
}
