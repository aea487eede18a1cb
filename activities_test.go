package pipedrive

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/gopipedrive/pipedrive/internal/conformance"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// v1crudSpecExamples decodes every response example the v1 spec embeds for
// operationID into a fresh T, as the client would, and hands each to check.
func v1crudSpecExamples[T any](t *testing.T, operationID string, check func(t *testing.T, name string, v *T)) {
	t.Helper()
	spec := conformance.Load(t, conformance.V1)
	examples, err := spec.ResponseExamples(operationID)
	require.NoError(t, err)
	require.NotEmpty(t, examples, "no response examples for %s", operationID)
	for name, body := range examples {
		var out T
		res := &Response{Response: &http.Response{StatusCode: http.StatusOK}}
		require.NoError(t, decodeEnvelope(body, &out, res), "%s example %s", operationID, name)
		if check != nil {
			check(t, name, &out)
		}
	}
}

// v1crudTime parses a v1 time for assertions.
func v1crudTime(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(TimeLayout, s)
	require.NoError(t, err)
	return tm
}

// v1crudAssertValidation asserts err is a *ValidationError about field.
func v1crudAssertValidation(t *testing.T, err error, field string) {
	t.Helper()
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, field, ve.Field, "%v", err)
}

func TestActivitiesList(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/activities", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{
			"user_id":    {"0"},
			"filter_id":  {"9"},
			"type":       {"call,meeting"},
			"start_date": {"2026-03-01"},
			"end_date":   {"2026-03-31"},
			"done":       {"0"},
			"start":      {"10"},
			"limit":      {"2"},
		})
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/activities/list_page1.json"))
	})

	acts, resp, err := env.client.Activities.List(context.Background(), &ActivityListOptions{
		UserID:      Ptr(0),
		FilterID:    9,
		Types:       []string{"call", "meeting"},
		StartDate:   "2026-03-01",
		EndDate:     "2026-03-31",
		Done:        ActivityUndoneOnly,
		ListOptions: ListOptions{Start: 10, Limit: 2},
	})
	require.NoError(t, err)
	require.Len(t, acts, 2)

	a := acts[0]
	assert.Equal(t, 101, a.ID)
	assert.Equal(t, 7001, a.CompanyID)
	assert.Equal(t, 11, a.UserID)
	assert.Equal(t, 11, a.AssignedToUserID)
	assert.Equal(t, 12, a.CreatedByUserID)
	assert.Equal(t, 12, a.UpdateUserID)
	assert.False(t, a.Done)
	assert.True(t, a.ActiveFlag)
	assert.Nil(t, a.BusyFlag)
	assert.Equal(t, "call", a.Type)
	assert.Equal(t, "Discovery call", a.Subject)
	assert.Equal(t, "<p>Ask about <b>budget</b></p>", a.Note)
	assert.Equal(t, Date("2026-03-02"), a.DueDate)
	assert.Equal(t, "09:30", a.DueTime)
	assert.Equal(t, "00:45", a.Duration)
	assert.Equal(t, 51, a.DealID)
	assert.Equal(t, 41, a.PersonID)
	assert.Equal(t, 31, a.OrgID)
	assert.Equal(t, "", a.LeadID)
	assert.Equal(t, 0, a.ProjectID)
	assert.Equal(t, []ActivityParticipant{{PersonID: 41, PrimaryFlag: true}}, a.Participants)
	assert.Nil(t, a.Attendees)
	assert.Empty(t, a.Series)
	assert.Nil(t, a.File)
	assert.Equal(t, v1crudTime(t, "2026-02-20 08:01:02"), a.AddTime.Time)
	assert.True(t, a.MarkedAsDoneTime.IsZero(), `marked_as_done_time "" is the zero time`)
	assert.True(t, a.LastNotificationTime.IsZero())
	assert.Equal(t, "Acme Ltd", a.OrgName)
	assert.Equal(t, "Ann Example", a.PersonName)
	assert.Equal(t, "Acme renewal", a.DealTitle)
	assert.Equal(t, "Olivia Owner", a.OwnerName)
	assert.Equal(t, "acme+deal51@pipedrivemail.com", a.DealDropboxBcc)
	assert.Equal(t, "warm", a.CustomFields.String("5f3c2a0e8d1b4c6a9e7f0123456789abcdef0123"))

	b := acts[1]
	assert.True(t, b.Done)
	require.NotNil(t, b.BusyFlag)
	assert.True(t, *b.BusyFlag)
	assert.Equal(t, v1crudTime(t, "2026-03-03 16:20:00"), b.MarkedAsDoneTime.Time)
	assert.Equal(t, "46c3b0e1-db35-59ca-1828-4817378dff71", b.LeadID)
	assert.Equal(t, 0, b.DealID)
	assert.Equal(t, 0, b.UpdateUserID)
	assert.Equal(t, "", b.DueTime)
	assert.Equal(t, "Tallinn", b.LocationLocality)
	assert.Equal(t, []ActivityAttendee{{EmailAddress: "guest@example.org", Name: "Guest", Status: "noreply"}}, b.Attendees)
	assert.Nil(t, b.Participants)
	assert.Nil(t, b.CustomFields)

	require.NotNil(t, resp.Pagination)
	assert.Equal(t, Pagination{Start: 0, Limit: 2, MoreItems: true, NextStart: 2}, *resp.Pagination)
	ro := resp.RelatedObjects
	require.NotNil(t, ro)
	assert.Equal(t, RelatedUser{ID: 11, Name: "Olivia Owner", Email: "olivia@example.com", ActiveFlag: true}, ro.Users[11])
	assert.Equal(t, "Acme Ltd", ro.Organizations[31].Name)
	assert.Nil(t, ro.Organizations[31].Address)
	assert.Equal(t, "ann@acme.example", ro.Persons[41].Emails[0].Value)
	assert.Equal(t, RelatedDeal{ID: 51, Title: "Acme renewal", Status: "open", Value: 1200.5, Currency: "EUR", StageID: 2, PipelineID: 1}, ro.Deals[51])
}

func TestActivitiesListQueryEncoding(t *testing.T) {
	tests := []struct {
		name string
		opts *ActivityListOptions
		want url.Values
	}{
		{"nil options", nil, url.Values{}},
		{"zero options", &ActivityListOptions{}, url.Values{}},
		{"done only", &ActivityListOptions{Done: ActivityDoneOnly}, url.Values{"done": {"1"}}},
		{"undone only", &ActivityListOptions{Done: ActivityUndoneOnly}, url.Values{"done": {"0"}}},
		{"one user", &ActivityListOptions{UserID: Ptr(11), Types: []string{"call"}}, url.Values{"user_id": {"11"}, "type": {"call"}}},
		{"all users", &ActivityListOptions{UserID: Ptr(0)}, url.Values{"user_id": {"0"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := setup(t)
			env.gateway.HandleFunc("GET /pipedrive/api/v1/activities", func(w http.ResponseWriter, r *http.Request) {
				testQuery(t, r, tt.want)
				writeJSON(t, w, http.StatusOK, `{"success":true,"data":null,"additional_data":{"pagination":{"start":0,"limit":100,"more_items_in_collection":false}}}`)
			})
			acts, _, err := env.client.Activities.List(context.Background(), tt.opts)
			require.NoError(t, err)
			assert.Empty(t, acts, `"data": null is an empty list`)
		})
	}
}

func TestActivitiesAll(t *testing.T) {
	env := setup(t)
	var mu sync.Mutex
	var starts []string
	env.gateway.HandleFunc("GET /pipedrive/api/v1/activities", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		mu.Lock()
		starts = append(starts, q.Get("start"))
		mu.Unlock()
		assert.Equal(t, "2", q.Get("limit"))
		assert.Equal(t, "call,task", q.Get("type"))
		assert.Equal(t, "0", q.Get("user_id"))
		if q.Get("start") == "2" {
			writeJSON(t, w, http.StatusOK, testdata(t, "v1/activities/list_page2.json"))
			return
		}
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/activities/list_page1.json"))
	})

	opts := &ActivityListOptions{UserID: Ptr(0), Types: []string{"call", "task"}, ListOptions: ListOptions{Limit: 2}}
	var ids []int
	for a, err := range env.client.Activities.All(context.Background(), opts) {
		require.NoError(t, err)
		ids = append(ids, a.ID)
	}
	assert.Equal(t, []int{101, 102, 103}, ids)
	mu.Lock()
	assert.Equal(t, []string{"", "2"}, starts)
	mu.Unlock()
	assert.Equal(t, 0, opts.Start, "the caller's options are not modified")
	assert.Equal(t, int64(2), env.requests.Load())

	// Breaking out early fetches no further page.
	env.requests.Store(0)
	for range env.client.Activities.All(context.Background(), opts) {
		break
	}
	assert.Equal(t, int64(1), env.requests.Load())
}

func TestActivitiesGet(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/activities/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "101", r.PathValue("id"))
		testQuery(t, r, nil)
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/activities/get.json"))
	})
	a, resp, err := env.client.Activities.Get(context.Background(), 101)
	require.NoError(t, err)
	assert.Equal(t, 101, a.ID)
	require.NotNil(t, a.BusyFlag)
	assert.True(t, *a.BusyFlag)
	assert.Equal(t, "scheduler-service", a.ReferenceType)
	assert.Equal(t, 7, a.ReferenceID)
	assert.Equal(t, "https://meet.example.com/abc", a.ConferenceMeetingURL)
	assert.Equal(t, "RRULE:FREQ=WEEKLY;BYDAY=MO", a.RecRule)
	assert.Equal(t, 90, a.RecMasterActivityID)
	assert.Equal(t, []ActivityOccurrence{{DueDate: "2026-03-09", DueTime: "09:30:00"}}, a.Series)
	assert.Equal(t, &ActivityFile{ID: "376892,", CleanName: "Audio 10:55:07.m4a", URL: "https://files.example.com/audio.m4a"}, a.File)
	assert.Equal(t, []ActivityAttendee{{EmailAddress: "ann@acme.example", PersonID: 41, Name: "Ann Example", Status: "accepted", IsOrganizer: true}}, a.Attendees)
	assert.Equal(t, []ActivityParticipant{{PersonID: 41, PrimaryFlag: true}, {PersonID: 42}}, a.Participants)
	assert.Equal(t, "Mustamäe tee", a.LocationRoute)
	assert.Equal(t, "10616", a.LocationPostalCode)
	assert.Equal(t, "Mustamäe tee 3, 10616 Tallinn, Estonia", a.LocationFormattedAddress)
	assert.Equal(t, v1crudTime(t, "2026-02-20 08:01:05"), a.LastNotificationTime.Time)
	assert.Equal(t, []string{
		"5f3c2a0e8d1b4c6a9e7f0123456789abcdef0123",
		"9a8b7c6d5e4f30211203f4e5d6c7b8a9f0e1d2c3",
		"9a8b7c6d5e4f30211203f4e5d6c7b8a9f0e1d2c3_currency",
	}, a.CustomFields.Keys())
	var amount float64
	require.NoError(t, a.CustomFields.Decode("9a8b7c6d5e4f30211203f4e5d6c7b8a9f0e1d2c3", &amount))
	assert.Equal(t, 250.0, amount)
	assert.Equal(t, "EUR", a.CustomFields.String("9a8b7c6d5e4f30211203f4e5d6c7b8a9f0e1d2c3_currency"))
	require.NotNil(t, resp.RelatedObjects)
	assert.True(t, bool(resp.RelatedObjects.Users[11].HasPic))
	assert.Equal(t, "+3725550000", resp.RelatedObjects.Persons[41].Phones[0].Value)
	assert.Nil(t, resp.Pagination)
}

func TestActivityJSONRoundTrip(t *testing.T) {
	var a Activity
	res := &Response{Response: &http.Response{StatusCode: http.StatusOK}}
	require.NoError(t, decodeEnvelope(testdata(t, "v1/activities/get.json"), &a, res))

	b, err := json.Marshal(a)
	require.NoError(t, err)
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(b, &m))
	assert.JSONEq(t, `250`, string(m["9a8b7c6d5e4f30211203f4e5d6c7b8a9f0e1d2c3"]))
	assert.JSONEq(t, `"EUR"`, string(m["9a8b7c6d5e4f30211203f4e5d6c7b8a9f0e1d2c3_currency"]))
	assert.JSONEq(t, `"2026-02-20 08:01:02"`, string(m["add_time"]))
	assert.JSONEq(t, `null`, string(m["marked_as_done_time"]))

	var back Activity
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, a, back)
}

func TestActivitiesCreate(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("POST /pipedrive/api/v1/activities", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		testBody(t, r, `{
			"subject": "Kick-off",
			"type": "meeting",
			"due_date": "2026-04-01",
			"due_time": "13:15",
			"duration": "01:30",
			"deal_id": 51,
			"lead_id": "46c3b0e1-db35-59ca-1828-4817378dff71",
			"person_id": 41,
			"org_id": 31,
			"user_id": 11,
			"note": "<p>Bring slides</p>",
			"location": "Office",
			"public_description": "Agenda attached",
			"busy_flag": false,
			"done": 1,
			"participants": [{"person_id": 41, "primary_flag": true}],
			"attendees": [{"email_address": "guest@example.org"}],
			"5f3c2a0e8d1b4c6a9e7f0123456789abcdef0123": "hot"
		}`)
		writeJSON(t, w, http.StatusCreated, testdata(t, "v1/activities/create.json"))
	})
	a, resp, err := env.client.Activities.Create(context.Background(), &ActivityCreateParams{
		Subject:           "Kick-off",
		Type:              "meeting",
		DueDate:           "2026-04-01",
		DueTime:           "13:15",
		Duration:          "01:30",
		DealID:            51,
		LeadID:            "46c3b0e1-db35-59ca-1828-4817378dff71",
		PersonID:          41,
		OrgID:             31,
		UserID:            11,
		Note:              "<p>Bring slides</p>",
		Location:          "Office",
		PublicDescription: "Agenda attached",
		BusyFlag:          Ptr(false),
		Done:              true,
		Participants:      []ActivityParticipant{{PersonID: 41, PrimaryFlag: true}},
		Attendees:         []ActivityAttendee{{EmailAddress: "guest@example.org"}},
		CustomFields:      map[string]any{"5f3c2a0e8d1b4c6a9e7f0123456789abcdef0123": "hot"},
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Equal(t, 104, a.ID)
	assert.True(t, a.Done)
	require.NotNil(t, a.BusyFlag)
	assert.False(t, *a.BusyFlag)
	assert.Equal(t, v1crudTime(t, "2026-03-20 12:00:00"), a.MarkedAsDoneTime.Time)
	assert.Equal(t, "hot", a.CustomFields.String("5f3c2a0e8d1b4c6a9e7f0123456789abcdef0123"))
	assert.Equal(t, "Olivia Owner", resp.RelatedObjects.Users[11].Name)
}

func TestActivitiesCreateMinimal(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("POST /pipedrive/api/v1/activities", func(w http.ResponseWriter, r *http.Request) {
		testBody(t, r, `{}`)
		writeJSON(t, w, http.StatusCreated, testdata(t, "v1/activities/create.json"))
	})
	_, _, err := env.client.Activities.Create(context.Background(), &ActivityCreateParams{})
	require.NoError(t, err)
}

func TestActivitiesUpdate(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("PUT /pipedrive/api/v1/activities/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "101", r.PathValue("id"))
		testBody(t, r, `{
			"subject": "",
			"due_date": "2026-03-04",
			"due_time": "00:00",
			"duration": "00:00",
			"user_id": 12,
			"done": 0,
			"busy_flag": true,
			"participants": [{"person_id": 42, "primary_flag": true}],
			"5f3c2a0e8d1b4c6a9e7f0123456789abcdef0123": null
		}`)
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/activities/update.json"))
	})
	a, _, err := env.client.Activities.Update(context.Background(), 101, &ActivityUpdateParams{
		Subject:      Ptr(""),
		DueDate:      Ptr(Date("2026-03-04")),
		DueTime:      Ptr("00:00"),
		Duration:     Ptr("00:00"),
		UserID:       Ptr(12),
		Done:         Ptr(false),
		BusyFlag:     Ptr(true),
		Participants: []ActivityParticipant{{PersonID: 42, PrimaryFlag: true}},
		CustomFields: map[string]any{"5f3c2a0e8d1b4c6a9e7f0123456789abcdef0123": nil},
	})
	require.NoError(t, err)
	assert.Equal(t, 12, a.UserID)
	assert.Equal(t, Date("2026-03-04"), a.DueDate)
	assert.Nil(t, a.BusyFlag)
	assert.Equal(t, []ActivityParticipant{{PersonID: 42, PrimaryFlag: true}}, a.Participants)

	b, err := json.Marshal(ActivityUpdateParams{Done: Ptr(true)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"done":1}`, string(b))
	b, err = json.Marshal(ActivityUpdateParams{})
	require.NoError(t, err)
	assert.JSONEq(t, `{}`, string(b))
}

func TestActivitiesDelete(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("DELETE /pipedrive/api/v1/activities/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "101", r.PathValue("id"))
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/activities/delete.json"))
	})
	resp, err := env.client.Activities.Delete(context.Background(), 101)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

func TestActivitiesValidation(t *testing.T) {
	env := setup(t)
	ctx := context.Background()
	s := env.client.Activities
	list := func(o *ActivityListOptions) error { _, _, err := s.List(ctx, o); return err }
	create := func(p *ActivityCreateParams) error { _, _, err := s.Create(ctx, p); return err }
	update := func(id int, p *ActivityUpdateParams) error { _, _, err := s.Update(ctx, id, p); return err }
	tests := []struct {
		name  string
		err   error
		field string
	}{
		{"list negative user", list(&ActivityListOptions{UserID: Ptr(-1)}), "user_id"},
		{"list negative filter", list(&ActivityListOptions{FilterID: -2}), "filter_id"},
		{"list empty type", list(&ActivityListOptions{Types: []string{"call", ""}}), "type"},
		{"list type with comma", list(&ActivityListOptions{Types: []string{"call,task"}}), "type"},
		{"list bad start date", list(&ActivityListOptions{StartDate: "2026-3-1"}), "start_date"},
		{"list bad end date", list(&ActivityListOptions{EndDate: "2026-02-30"}), "end_date"},
		{"list bad done", list(&ActivityListOptions{Done: 7}), "done"},
		{"list limit", list(&ActivityListOptions{ListOptions: ListOptions{Limit: 501}}), "limit"},
		{"list start", list(&ActivityListOptions{ListOptions: ListOptions{Start: -1}}), "start"},
		{"get zero id", func() error { _, _, err := s.Get(ctx, 0); return err }(), "id"},
		{"get negative id", func() error { _, _, err := s.Get(ctx, -5); return err }(), "id"},
		{"create nil", create(nil), "params"},
		{"create due time", create(&ActivityCreateParams{DueTime: "9:30"}), "due_time"},
		{"create due time hour", create(&ActivityCreateParams{DueTime: "24:00"}), "due_time"},
		{"create due time seconds", create(&ActivityCreateParams{DueTime: "10:00:00"}), "due_time"},
		{"create duration", create(&ActivityCreateParams{Duration: "1h"}), "duration"},
		{"create duration minutes", create(&ActivityCreateParams{Duration: "01:75"}), "duration"},
		{"create due date", create(&ActivityCreateParams{DueDate: "01/04/2026"}), "due_date"},
		{"create negative deal", create(&ActivityCreateParams{DealID: -1}), "deal_id"},
		{"create lead not uuid", create(&ActivityCreateParams{LeadID: "42"}), "lead_id"},
		{"create participant", create(&ActivityCreateParams{Participants: []ActivityParticipant{{PersonID: 0}}}), "participants.person_id"},
		{"create attendee", create(&ActivityCreateParams{Attendees: []ActivityAttendee{{Name: "x"}}}), "attendees"},
		{"create custom key", create(&ActivityCreateParams{CustomFields: map[string]any{"not-a-key": 1}}), "custom_fields"},
		{"update zero id", update(0, &ActivityUpdateParams{}), "id"},
		{"update nil", update(1, nil), "params"},
		{"update empty", update(1, &ActivityUpdateParams{}), "params"},
		{"update due time", update(1, &ActivityUpdateParams{DueTime: Ptr("7pm")}), "due_time"},
		{"update duration", update(1, &ActivityUpdateParams{Duration: Ptr("90")}), "duration"},
		{"update due date", update(1, &ActivityUpdateParams{DueDate: Ptr(Date(""))}), "due_date"},
		{"update deal zero", update(1, &ActivityUpdateParams{DealID: Ptr(0)}), "deal_id"},
		{"update lead", update(1, &ActivityUpdateParams{LeadID: Ptr("nope")}), "lead_id"},
		{"delete zero id", func() error { _, err := s.Delete(ctx, 0); return err }(), "id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v1crudAssertValidation(t, tt.err, tt.field)
		})
	}
	// All yields the validation error once, without a call.
	var errs []error
	for _, err := range s.All(ctx, &ActivityListOptions{ListOptions: ListOptions{Limit: 1000}}) {
		errs = append(errs, err)
	}
	require.Len(t, errs, 1)
	v1crudAssertValidation(t, errs[0], "limit")
	assert.Equal(t, int64(0), env.requests.Load())
}

func TestActivitiesRetired(t *testing.T) {
	env := setup(t)
	retired := func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusNotFound, testdata(t, "v1/activities/error_retired.json"))
	}
	env.gateway.HandleFunc("GET /pipedrive/api/v1/activities", retired)
	env.gateway.HandleFunc("POST /pipedrive/api/v1/activities", retired)
	env.gateway.HandleFunc("PUT /pipedrive/api/v1/activities/{id}", retired)
	env.gateway.HandleFunc("DELETE /pipedrive/api/v1/activities/{id}", retired)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/activities/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") == "404" {
			writeJSON(t, w, http.StatusNotFound, testdata(t, "v1/activities/error_not_found.json"))
			return
		}
		retired(w, r)
	})
	ctx := context.Background()
	s := env.client.Activities
	calls := map[string]func() error{
		"Client.V2.Activities.List":   func() error { _, _, err := s.List(ctx, nil); return err },
		"Client.V2.Activities.Get":    func() error { _, _, err := s.Get(ctx, 1); return err },
		"Client.V2.Activities.Create": func() error { _, _, err := s.Create(ctx, &ActivityCreateParams{Subject: "x"}); return err },
		"Client.V2.Activities.Update": func() error { _, _, err := s.Update(ctx, 1, &ActivityUpdateParams{Subject: Ptr("x")}); return err },
		"Client.V2.Activities.Delete": func() error { _, err := s.Delete(ctx, 1); return err },
	}
	for replacement, call := range calls {
		t.Run(replacement, func(t *testing.T) {
			err := call()
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.True(t, errors.Is(err, ErrNotFound))
			assert.Equal(t, replacement, apiErr.Replacement)
			assert.Contains(t, err.Error(), replacement)
			assert.Contains(t, err.Error(), "retired")
		})
	}

	_, _, err := s.Get(ctx, 404)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.True(t, errors.Is(err, ErrNotFound))
	assert.Equal(t, "Activity not found", apiErr.Message)
	assert.Empty(t, apiErr.Replacement, "a missing activity is not a retired endpoint")
	assert.NotContains(t, err.Error(), "retired")
}

func TestActivitiesSpecExamples(t *testing.T) {
	v1crudSpecExamples(t, "getActivities", func(t *testing.T, _ string, v *[]*Activity) {
		require.NotEmpty(t, *v)
		a := (*v)[0]
		assert.Equal(t, 8, a.ID)
		assert.Equal(t, []ActivityParticipant{{PersonID: 17985}, {PersonID: 1101, PrimaryFlag: true}}, a.Participants)
		assert.Equal(t, "376892,", a.File.ID)
	})
	for _, op := range []string{"getActivity", "addActivity", "updateActivity"} {
		v1crudSpecExamples(t, op, func(t *testing.T, name string, a *Activity) {
			assert.Equal(t, 8, a.ID, "%s %s", op, name)
			assert.Equal(t, "46c3b0e1-db35-59ca-1828-4817378dff71", a.LeadID)
			require.NotNil(t, a.BusyFlag)
			assert.Equal(t, v1crudTime(t, "2020-08-08 08:08:38"), a.MarkedAsDoneTime.Time)
		})
	}
	v1crudSpecExamples[json.RawMessage](t, "deleteActivity", nil)
}
