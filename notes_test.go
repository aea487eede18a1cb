package pipedrive

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNotesList(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/notes", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{
			"user_id":                     {"11"},
			"deal_id":                     {"51"},
			"person_id":                   {"41"},
			"org_id":                      {"31"},
			"lead_id":                     {"adf21080-0e10-11eb-879b-05d71fb426ec"},
			"project_id":                  {"5"},
			"sort":                        {"add_time DESC, id ASC"},
			"start_date":                  {"2026-01-01"},
			"end_date":                    {"2026-01-31"},
			"pinned_to_lead_flag":         {"0"},
			"pinned_to_deal_flag":         {"1"},
			"pinned_to_organization_flag": {"0"},
			"pinned_to_person_flag":       {"1"},
			"pinned_to_project_flag":      {"0"},
			"limit":                       {"2"},
		})
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/notes/list_page1.json"))
	})
	notes, resp, err := env.client.Notes.List(context.Background(), &NoteListOptions{
		UserID:                   11,
		DealID:                   51,
		PersonID:                 41,
		OrgID:                    31,
		LeadID:                   "adf21080-0e10-11eb-879b-05d71fb426ec",
		ProjectID:                5,
		Sort:                     "add_time DESC, id ASC",
		StartDate:                "2026-01-01",
		EndDate:                  "2026-01-31",
		PinnedToLeadFlag:         Ptr(false),
		PinnedToDealFlag:         Ptr(true),
		PinnedToOrganizationFlag: Ptr(false),
		PinnedToPersonFlag:       Ptr(true),
		PinnedToProjectFlag:      Ptr(false),
		ListOptions:              ListOptions{Limit: 2},
	})
	require.NoError(t, err)
	require.Len(t, notes, 2)

	n := notes[0]
	assert.Equal(t, 7, n.ID)
	assert.True(t, n.ActiveFlag)
	assert.Equal(t, "<p>Called, left a <i>voicemail</i></p>", n.Content)
	assert.Equal(t, 51, n.DealID)
	assert.Equal(t, 41, n.PersonID)
	assert.Equal(t, 31, n.OrgID)
	assert.Equal(t, 0, n.ProjectID)
	assert.Equal(t, "", n.LeadID)
	assert.Equal(t, 11, n.UserID)
	assert.Equal(t, 12, n.LastUpdateUserID)
	assert.True(t, n.PinnedToDealFlag)
	assert.False(t, n.PinnedToLeadFlag)
	assert.Equal(t, &NoteDeal{Title: "Acme renewal"}, n.Deal)
	assert.Equal(t, &NoteOrganization{Name: "Acme Ltd"}, n.Organization)
	assert.Equal(t, &NotePerson{Name: "Ann Example"}, n.Person)
	assert.Nil(t, n.Project)
	assert.Equal(t, &NoteUser{Email: "olivia@example.com", IconURL: "https://icons.example.com/11.jpg", IsYou: true, Name: "Olivia Owner"}, n.User)
	assert.Equal(t, v1crudTime(t, "2026-01-15 11:22:33"), n.AddTime.Time)

	lead := notes[1]
	assert.Equal(t, "adf21080-0e10-11eb-879b-05d71fb426ec", lead.LeadID)
	assert.True(t, lead.PinnedToLeadFlag)
	assert.Equal(t, 0, lead.DealID)
	assert.Nil(t, lead.Deal)
	assert.Nil(t, lead.Organization)
	assert.Nil(t, lead.Person)
	assert.True(t, lead.UpdateTime.IsZero())
	assert.False(t, lead.User.IsYou)
	assert.Equal(t, "", lead.User.IconURL)

	assert.Equal(t, Pagination{Start: 0, Limit: 2, MoreItems: true, NextStart: 2}, *resp.Pagination)
}

func TestNotesListNilOptions(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/notes", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":null,"additional_data":{"pagination":{"start":0,"limit":100,"more_items_in_collection":false}}}`)
	})
	notes, resp, err := env.client.Notes.List(context.Background(), nil)
	require.NoError(t, err)
	assert.Empty(t, notes)
	assert.False(t, resp.Pagination.MoreItems)
}

func TestNotesAll(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/notes", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		assert.Equal(t, "1", q.Get("pinned_to_deal_flag"))
		if q.Get("start") == "2" {
			writeJSON(t, w, http.StatusOK, testdata(t, "v1/notes/list_page2.json"))
			return
		}
		assert.Equal(t, "", q.Get("start"))
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/notes/list_page1.json"))
	})
	opts := &NoteListOptions{PinnedToDealFlag: Ptr(true), ListOptions: ListOptions{Limit: 2}}
	var ids []int
	for n, err := range env.client.Notes.All(context.Background(), opts) {
		require.NoError(t, err)
		ids = append(ids, n.ID)
	}
	assert.Equal(t, []int{7, 8, 9}, ids)
	assert.Equal(t, int64(2), env.requests.Load())
	assert.Equal(t, 0, opts.Start)
}

func TestNotesGet(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/notes/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "7", r.PathValue("id"))
		testQuery(t, r, nil)
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/notes/get.json"))
	})
	n, _, err := env.client.Notes.Get(context.Background(), 7)
	require.NoError(t, err)
	assert.Equal(t, 5, n.ProjectID)
	assert.Equal(t, &NoteProject{Title: "Onboarding"}, n.Project)
	assert.True(t, n.PinnedToPersonFlag)
	assert.True(t, n.PinnedToDealFlag)
	assert.False(t, n.PinnedToProjectFlag)
}

func TestNotesCreate(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("POST /pipedrive/api/v1/notes", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		testBody(t, r, `{
			"content": "<p>Signed!</p>",
			"deal_id": 51,
			"person_id": 41,
			"user_id": 11,
			"add_time": "2026-02-01 12:00:00",
			"pinned_to_deal_flag": 1
		}`)
		// Pipedrive answers 200, not 201, to a new note.
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/notes/create.json"))
	})
	n, resp, err := env.client.Notes.Create(context.Background(), &NoteCreateParams{
		Content:          "<p>Signed!</p>",
		DealID:           51,
		PersonID:         41,
		UserID:           11,
		AddTime:          &Time{v1crudTime(t, "2026-02-01 12:00:00")},
		PinnedToDealFlag: true,
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, 10, n.ID)
	assert.True(t, n.PinnedToDealFlag)
	assert.Equal(t, &NoteDeal{Title: "Acme renewal"}, n.Deal)
	assert.Nil(t, n.Organization)
}

func TestNotesCreateLeadAndProject(t *testing.T) {
	for _, tt := range []struct {
		name   string
		params NoteCreateParams
		body   string
	}{
		{"lead", NoteCreateParams{Content: "x", LeadID: "adf21080-0e10-11eb-879b-05d71fb426ec", PinnedToLeadFlag: true},
			`{"content":"x","lead_id":"adf21080-0e10-11eb-879b-05d71fb426ec","pinned_to_lead_flag":1}`},
		{"project", NoteCreateParams{Content: "x", ProjectID: 5, PinnedToProjectFlag: true},
			`{"content":"x","project_id":5,"pinned_to_project_flag":1}`},
		{"organization", NoteCreateParams{Content: "x", OrgID: 31, PinnedToOrganizationFlag: true},
			`{"content":"x","org_id":31,"pinned_to_organization_flag":1}`},
		{"person", NoteCreateParams{Content: "x", PersonID: 41}, `{"content":"x","person_id":41}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			env := setup(t)
			env.gateway.HandleFunc("POST /pipedrive/api/v1/notes", func(w http.ResponseWriter, r *http.Request) {
				testBody(t, r, tt.body)
				writeJSON(t, w, http.StatusOK, testdata(t, "v1/notes/create.json"))
			})
			_, _, err := env.client.Notes.Create(context.Background(), &tt.params)
			require.NoError(t, err)
		})
	}
}

func TestNotesUpdate(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("PUT /pipedrive/api/v1/notes/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "7", r.PathValue("id"))
		testBody(t, r, `{"content":"Edited","org_id":31,"pinned_to_deal_flag":0,"pinned_to_organization_flag":1}`)
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/notes/update.json"))
	})
	n, _, err := env.client.Notes.Update(context.Background(), 7, &NoteUpdateParams{
		Content:                  Ptr("Edited"),
		OrgID:                    Ptr(31),
		PinnedToDealFlag:         Ptr(false),
		PinnedToOrganizationFlag: Ptr(true),
	})
	require.NoError(t, err)
	assert.Equal(t, "Edited", n.Content)
	assert.False(t, n.PinnedToDealFlag)
	assert.Equal(t, 11, n.LastUpdateUserID)

	b, err := json.Marshal(NoteUpdateParams{PinnedToPersonFlag: Ptr(true)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"pinned_to_person_flag":1}`, string(b))
}

func TestNotesDelete(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("DELETE /pipedrive/api/v1/notes/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "7", r.PathValue("id"))
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/notes/delete.json"))
	})
	resp, err := env.client.Notes.Delete(context.Background(), 7)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

func TestNotesNotFound(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/notes/{id}", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusNotFound, `{"success":false,"error":"Note not found","error_info":"Please check developers.pipedrive.com","data":null,"additional_data":null}`)
	})
	_, _, err := env.client.Notes.Get(context.Background(), 99)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.True(t, errors.Is(err, ErrNotFound))
	assert.Empty(t, apiErr.Replacement, "notes are not retired")
	assert.NotContains(t, err.Error(), "retired")
}

func TestNotesValidation(t *testing.T) {
	env := setup(t)
	ctx := context.Background()
	s := env.client.Notes
	list := func(o *NoteListOptions) error { _, _, err := s.List(ctx, o); return err }
	create := func(p *NoteCreateParams) error { _, _, err := s.Create(ctx, p); return err }
	update := func(id int, p *NoteUpdateParams) error { _, _, err := s.Update(ctx, id, p); return err }
	tests := []struct {
		name  string
		err   error
		field string
	}{
		{"list user", list(&NoteListOptions{UserID: -1}), "user_id"},
		{"list deal", list(&NoteListOptions{DealID: -1}), "deal_id"},
		{"list lead", list(&NoteListOptions{LeadID: "12"}), "lead_id"},
		{"list sort field", list(&NoteListOptions{Sort: "title ASC"}), "sort"},
		{"list sort direction", list(&NoteListOptions{Sort: "id UP"}), "sort"},
		{"list sort empty part", list(&NoteListOptions{Sort: "id,"}), "sort"},
		{"list start date", list(&NoteListOptions{StartDate: "yesterday"}), "start_date"},
		{"list end date", list(&NoteListOptions{EndDate: "2026-13-01"}), "end_date"},
		{"list limit", list(&NoteListOptions{ListOptions: ListOptions{Limit: 501}}), "limit"},
		{"list start", list(&NoteListOptions{ListOptions: ListOptions{Start: -1}}), "start"},
		{"get id", func() error { _, _, err := s.Get(ctx, 0); return err }(), "id"},
		{"create nil", create(nil), "params"},
		{"create empty content", create(&NoteCreateParams{Content: "  ", DealID: 1}), "content"},
		{"create no target", create(&NoteCreateParams{Content: "x"}), "deal_id"},
		{"create negative deal", create(&NoteCreateParams{Content: "x", DealID: -1, PersonID: 2}), "deal_id"},
		{"create bad lead", create(&NoteCreateParams{Content: "x", LeadID: "lead-1"}), "lead_id"},
		{"create pin without id", create(&NoteCreateParams{Content: "x", DealID: 1, PinnedToPersonFlag: true}), "pinned_to_person_flag"},
		{"create zero add time", create(&NoteCreateParams{Content: "x", DealID: 1, AddTime: &Time{}}), "add_time"},
		{"update id", update(-1, &NoteUpdateParams{Content: Ptr("x")}), "id"},
		{"update nil", update(1, nil), "params"},
		{"update empty", update(1, &NoteUpdateParams{}), "params"},
		{"update empty content", update(1, &NoteUpdateParams{Content: Ptr("")}), "content"},
		{"update deal", update(1, &NoteUpdateParams{DealID: Ptr(0)}), "deal_id"},
		{"update lead", update(1, &NoteUpdateParams{LeadID: Ptr("")}), "lead_id"},
		{"delete id", func() error { _, err := s.Delete(ctx, 0); return err }(), "id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { v1crudAssertValidation(t, tt.err, tt.field) })
	}
	assert.Equal(t, int64(0), env.requests.Load())
}

func TestNotesSpecExamples(t *testing.T) {
	v1crudSpecExamples(t, "getNotes", func(t *testing.T, _ string, v *[]*Note) {
		require.Len(t, *v, 1)
		n := (*v)[0]
		assert.Equal(t, "adf21080-0e10-11eb-879b-05d71fb426ec", n.LeadID)
		assert.Equal(t, &NoteProject{Title: "Project name"}, n.Project)
		assert.True(t, n.User.IsYou)
	})
	for _, op := range []string{"getNote", "addNote", "updateNote"} {
		v1crudSpecExamples(t, op, func(t *testing.T, name string, n *Note) {
			assert.Equal(t, 1, n.ID, "%s %s", op, name)
			assert.True(t, n.PinnedToDealFlag)
			assert.Equal(t, &NoteDeal{Title: "Deal title"}, n.Deal)
		})
	}
	v1crudSpecExamples(t, "deleteNote", func(t *testing.T, _ string, ok *bool) {
		assert.True(t, *ok)
	})
}
