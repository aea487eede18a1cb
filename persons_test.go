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

const (
	entCFJobTitle = "f1e2d3c4b5a69788796a5b4c3d2e1f0a1b2c3d4e"
	entCFBudget   = "a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9"
)

func TestPersonsList(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/persons", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{
			"user_id":    {"9002"},
			"filter_id":  {"4"},
			"first_char": {"l"},
			"sort":       {"name ASC"},
			"limit":      {"2"},
		})
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/persons/list_page1.json"))
	})
	persons, resp, err := env.client.Persons.List(context.Background(), &PersonListOptions{
		UserID: 9002, FilterID: 4, FirstChar: "l", Sort: "name ASC", ListOptions: ListOptions{Limit: 2},
	})
	require.NoError(t, err)
	require.Len(t, persons, 2)

	p := persons[0]
	assert.Equal(t, 501, p.ID)
	assert.Equal(t, 77, p.CompanyID)
	assert.Equal(t, "Liisa Saar", p.Name)
	assert.Equal(t, "Liisa", p.FirstName)
	assert.Equal(t, "Saar", p.LastName)
	assert.Equal(t, UserRef{ID: 9002, Name: "Karl Kask", Email: "karl@example.com", HasPic: false, ActiveFlag: true}, p.OwnerID)
	assert.Equal(t, OrganizationRef{ID: 701, Name: "Acme OÜ", PeopleCount: 3, OwnerID: 9002, Address: "Narva mnt 7, Tallinn", CCEmail: "acme@pipedrivemail.example", ActiveFlag: true}, p.OrgID)
	assert.Equal(t, []ContactDetail{
		{Value: "+372 5555 0101", Primary: true, Label: "mobile"},
		{Value: "+372 600 0000", Primary: false, Label: "work"},
	}, p.Phones)
	assert.Equal(t, []ContactDetail{{Value: "liisa@acme.example", Primary: true, Label: "work"}}, p.Emails)
	assert.Equal(t, "liisa@acme.example", p.PrimaryEmail)
	require.NotNil(t, p.PictureID)
	assert.Equal(t, 31, p.PictureID.ID, "picture id from value")
	assert.Equal(t, "person", p.PictureID.ItemType)
	assert.Equal(t, 501, p.PictureID.ItemID)
	assert.True(t, p.PictureID.UpdateTime.IsZero(), "0000-00-00 00:00:00")
	assert.Equal(t, entTime(t, "2025-11-03 08:31:00"), p.PictureID.AddTime)
	assert.Equal(t, "https://pictures.example.com/501_128.jpg", p.PictureID.Pictures.Size128)
	assert.Equal(t, "https://pictures.example.com/501_512.jpg", p.PictureID.Pictures.Size512)
	assert.Equal(t, 4, p.Label)
	assert.Equal(t, []int{4, 6}, p.LabelIDs)
	assert.Equal(t, VisibilityGroup, p.VisibleTo)
	assert.Equal(t, MarketingStatusSubscribed, p.MarketingStatus)
	assert.True(t, bool(p.ActiveFlag))
	assert.Equal(t, "l", p.FirstChar)
	assert.Equal(t, entTime(t, "2025-11-03 08:30:00"), p.AddTime)
	assert.Equal(t, 1, p.OpenDealsCount)
	assert.Equal(t, 2, p.RelatedOpenDealsCount)
	assert.Equal(t, 1, p.ParticipantOpenDealsCount)
	assert.Equal(t, 4, p.NotesCount)
	assert.Equal(t, 88, p.NextActivityID)
	assert.Equal(t, Date("2026-02-09"), p.LastActivityDate)
	assert.True(t, p.LastOutgoingMailTime.IsZero())
	assert.Equal(t, "Head of IT", p.CustomFields.String(entCFJobTitle))
	assert.Equal(t, "EUR", p.CustomFields.String(entCFBudget+"_currency"))
	assert.Equal(t, "1200", p.CustomFields.String(entCFBudget))

	// No organization, no picture, null label, empty contact entries.
	p2 := persons[1]
	assert.Equal(t, OrganizationRef{}, p2.OrgID)
	assert.Nil(t, p2.PictureID)
	assert.Equal(t, 0, p2.Label)
	assert.Empty(t, p2.LabelIDs)
	assert.Equal(t, []ContactDetail{{Value: "", Primary: true}}, p2.Emails)
	assert.True(t, bool(p2.OwnerID.HasPic))
	assert.Equal(t, VisibilityOwner, p2.VisibleTo)
	assert.Empty(t, p2.MarketingStatus)
	assert.Nil(t, p2.CustomFields)

	assert.Equal(t, Pagination{Start: 0, Limit: 2, MoreItems: true, NextStart: 2}, *resp.Pagination)
	require.NotNil(t, resp.RelatedObjects)
	assert.Equal(t, "Acme OÜ", resp.RelatedObjects.Organizations[701].Name)
	assert.True(t, bool(resp.RelatedObjects.Users[9001].HasPic))
	assert.False(t, bool(resp.RelatedObjects.Users[9002].HasPic))
}

func TestPersonsAll(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/persons", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("start") {
		case "":
			testQuery(t, r, url.Values{"limit": {"2"}})
			writeJSON(t, w, http.StatusOK, testdata(t, "v1/persons/list_page1.json"))
		case "2":
			testQuery(t, r, url.Values{"limit": {"2"}, "start": {"2"}})
			writeJSON(t, w, http.StatusOK, testdata(t, "v1/persons/list_page2.json"))
		default:
			t.Errorf("unexpected page %q", r.URL.RawQuery)
		}
	})
	opts := &PersonListOptions{ListOptions: ListOptions{Limit: 2}}
	var ids []int
	for p, err := range env.client.Persons.All(context.Background(), opts) {
		require.NoError(t, err)
		ids = append(ids, p.ID)
	}
	assert.Equal(t, []int{501, 502, 503}, ids)
	assert.EqualValues(t, 2, env.requests.Load())
	assert.Equal(t, 0, opts.Start)

	// All with nil options starts at the beginning with no query.
	env2 := setup(t)
	env2.gateway.HandleFunc("GET /pipedrive/api/v1/persons", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/persons/list_page2.json"))
	})
	ids = nil
	for p, err := range env2.client.Persons.All(context.Background(), nil) {
		require.NoError(t, err)
		ids = append(ids, p.ID)
	}
	assert.Equal(t, []int{503}, ids)
}

func TestPersonsGet(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/persons/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "501", r.PathValue("id"))
		testQuery(t, r, nil)
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/persons/get.json"))
	})
	p, resp, err := env.client.Persons.Get(context.Background(), 501)
	require.NoError(t, err)
	assert.Equal(t, 501, p.ID)
	require.NotNil(t, p.PictureID)
	assert.Equal(t, 31, p.PictureID.ID, "picture id from id")
	assert.Equal(t, entTime(t, "2025-11-04 09:00:00"), p.PictureID.UpdateTime)
	assert.Equal(t, MarketingStatusNoConsent, p.MarketingStatus)
	assert.Equal(t, "Head of IT", p.CustomFields.String(entCFJobTitle))
	assert.Equal(t, "Karl Kask", resp.RelatedObjects.Users[9002].Name)
}

func TestPersonsCreate(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("POST /pipedrive/api/v1/persons", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		testBody(t, r, `{
			"name": "Ann Kuusk",
			"owner_id": 9002,
			"org_id": 701,
			"email": [
				{"value": "ann@acme.example", "primary": true, "label": "work"},
				{"value": "ann@home.example", "label": "home"}
			],
			"phone": [{"value": "+372 5555 0404", "primary": true}],
			"label_ids": [4, 6],
			"visible_to": "7",
			"marketing_status": "subscribed",
			"`+entCFJobTitle+`": "CTO"
		}`)
		writeJSON(t, w, http.StatusCreated, testdata(t, "v1/persons/create.json"))
	})
	p, resp, err := env.client.Persons.Create(context.Background(), &PersonCreateParams{
		Name:    "Ann Kuusk",
		OwnerID: 9002,
		OrgID:   701,
		Emails: []ContactDetail{
			{Value: "ann@acme.example", Primary: true, Label: "work"},
			{Value: "ann@home.example", Label: "home"},
		},
		Phones:          Contacts("+372 5555 0404"),
		LabelIDs:        []int{4, 6},
		VisibleTo:       VisibilityCompany,
		MarketingStatus: MarketingStatusSubscribed,
		CustomFields:    map[string]any{entCFJobTitle: "CTO"},
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Equal(t, 504, p.ID)
	assert.Len(t, p.Emails, 2)
	assert.Equal(t, "CTO", p.CustomFields.String(entCFJobTitle))
	assert.Nil(t, p.PictureID)
	assert.EqualValues(t, 1, env.requests.Load())
}

func TestPersonsUpdate(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("PUT /pipedrive/api/v1/persons/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "504", r.PathValue("id"))
		testBody(t, r, `{
			"name": "Ann Kuusk-Mets",
			"org_id": 702,
			"email": [],
			"phone": [{"value": "+372 5555 0505", "primary": true, "label": "work"}],
			"label_ids": [],
			"visible_to": "3",
			"marketing_status": "unsubscribed",
			"`+entCFJobTitle+`": null
		}`)
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/persons/create.json"))
	})
	p, _, err := env.client.Persons.Update(context.Background(), 504, &PersonUpdateParams{
		Name:            Ptr("Ann Kuusk-Mets"),
		OrgID:           Ptr(702),
		Emails:          Ptr([]ContactDetail{}),
		Phones:          Ptr([]ContactDetail{{Value: "+372 5555 0505", Primary: true, Label: "work"}}),
		LabelIDs:        Ptr([]int{}),
		VisibleTo:       Ptr(VisibilityGroup),
		MarketingStatus: Ptr(MarketingStatusUnsubscribed),
		CustomFields:    map[string]any{entCFJobTitle: nil},
	})
	require.NoError(t, err)
	assert.Equal(t, 504, p.ID)
}

func TestPersonsDelete(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("DELETE /pipedrive/api/v1/persons/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "501", r.PathValue("id"))
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/persons/delete.json"))
	})
	_, err := env.client.Persons.Delete(context.Background(), 501)
	require.NoError(t, err)
}

func TestPersonsSearch(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/persons/search", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{
			"term":            {"+372 5555"},
			"fields":          {"phone,email,name"},
			"organization_id": {"701"},
			"include_fields":  {"person.picture"},
			"limit":           {"1"},
		})
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/persons/search_page1.json"))
	})
	results, resp, err := env.client.Persons.Search(context.Background(), &PersonSearchOptions{
		Term:           "+372 5555",
		Fields:         []PersonSearchField{PersonSearchPhone, PersonSearchEmail, PersonSearchName},
		OrganizationID: 701,
		IncludeFields:  []string{PersonSearchIncludePicture},
		ListOptions:    ListOptions{Limit: 1},
	})
	require.NoError(t, err)
	require.Len(t, results, 1)
	assert.Equal(t, 0.5092, results[0].ResultScore)
	assert.Equal(t, PersonSearchItem{
		ID: 501, Type: "person", Name: "Liisa Saar",
		Phones:       []ContactDetail{{Value: "+372 5555 0101"}, {Value: "+372 600 0000"}},
		Emails:       []ContactDetail{{Value: "liisa@acme.example"}},
		VisibleTo:    VisibilityGroup,
		Owner:        SearchRef{ID: 9002},
		Organization: &SearchRef{ID: 701, Name: "Acme OÜ"},
		CustomFields: []string{"Head of IT"},
		Notes:        []string{},
	}, results[0].Item)
	assert.True(t, resp.Pagination.MoreItems)
}

func TestPersonsSearchAll(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/persons/search", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("start") {
		case "":
			testQuery(t, r, url.Values{"term": {"saar"}, "limit": {"1"}})
			writeJSON(t, w, http.StatusOK, testdata(t, "v1/persons/search_page1.json"))
		case "1":
			testQuery(t, r, url.Values{"term": {"saar"}, "limit": {"1"}, "start": {"1"}})
			writeJSON(t, w, http.StatusOK, testdata(t, "v1/persons/search_page2.json"))
		default:
			t.Errorf("unexpected page %q", r.URL.RawQuery)
		}
	})
	var items []PersonSearchItem
	for res, err := range env.client.Persons.SearchAll(context.Background(), &PersonSearchOptions{Term: "saar", ListOptions: ListOptions{Limit: 1}}) {
		require.NoError(t, err)
		items = append(items, res.Item)
	}
	require.Len(t, items, 2)
	assert.Equal(t, 503, items[1].ID)
	assert.Nil(t, items[1].Organization)
	assert.Empty(t, items[1].Phones)
	assert.Equal(t, []string{"Met Liisa Saar at the fair"}, items[1].Notes)
	assert.EqualValues(t, 2, env.requests.Load())
}

func TestPersonsValidation(t *testing.T) {
	type vcase = struct {
		field string
		call  func(ctx context.Context, c *Client) error
	}
	create := func(p *PersonCreateParams) func(ctx context.Context, c *Client) error {
		return func(ctx context.Context, c *Client) error { return entErr(c.Persons.Create(ctx, p)) }
	}
	update := func(p *PersonUpdateParams) func(ctx context.Context, c *Client) error {
		return func(ctx context.Context, c *Client) error { return entErr(c.Persons.Update(ctx, 1, p)) }
	}
	list := func(o *PersonListOptions) func(ctx context.Context, c *Client) error {
		return func(ctx context.Context, c *Client) error { return entErr(c.Persons.List(ctx, o)) }
	}
	search := func(o *PersonSearchOptions) func(ctx context.Context, c *Client) error {
		return func(ctx context.Context, c *Client) error { return entErr(c.Persons.Search(ctx, o)) }
	}
	entTestInvalid(t, map[string]vcase{
		"get id 0": {"id", func(ctx context.Context, c *Client) error { return entErr(c.Persons.Get(ctx, 0)) }},
		"delete id 0": {"id", func(ctx context.Context, c *Client) error {
			_, err := c.Persons.Delete(ctx, -1)
			return err
		}},
		"create nil":              {"params", create(nil)},
		"create no name":          {"name", create(&PersonCreateParams{})},
		"create empty email":      {"email", create(&PersonCreateParams{Name: "A", Emails: []ContactDetail{{Label: "work"}}})},
		"create empty phone":      {"phone", create(&PersonCreateParams{Name: "A", Phones: Contacts(" ")})},
		"create marketing status": {"marketing_status", create(&PersonCreateParams{Name: "A", MarketingStatus: "spam"})},
		"create visibility":       {"visible_to", create(&PersonCreateParams{Name: "A", VisibleTo: 9})},
		"create org":              {"org_id", create(&PersonCreateParams{Name: "A", OrgID: -7})},
		"create label":            {"label_ids", create(&PersonCreateParams{Name: "A", LabelIDs: []int{-1}})},
		"create custom key":       {"custom_fields", create(&PersonCreateParams{Name: "A", CustomFields: map[string]any{"job_title": "x"}})},
		"update id": {"id", func(ctx context.Context, c *Client) error {
			return entErr(c.Persons.Update(ctx, 0, &PersonUpdateParams{Name: Ptr("x")}))
		}},
		"update nil":        {"params", update(nil)},
		"update empty":      {"params", update(&PersonUpdateParams{})},
		"update blank name": {"name", update(&PersonUpdateParams{Name: Ptr(" ")})},
		"update owner":      {"owner_id", update(&PersonUpdateParams{OwnerID: Ptr(0)})},
		"update email":      {"email", update(&PersonUpdateParams{Emails: Ptr([]ContactDetail{{}})})},
		"update marketing":  {"marketing_status", update(&PersonUpdateParams{MarketingStatus: Ptr(MarketingStatus(""))})},
		"list first char":   {"first_char", list(&PersonListOptions{FirstChar: "ab"})},
		"list limit":        {"limit", list(&PersonListOptions{ListOptions: ListOptions{Limit: 1000}})},
		"list filter":       {"filter_id", list(&PersonListOptions{FilterID: -2})},
		"search nil":        {"term", search(nil)},
		"search short":      {"term", search(&PersonSearchOptions{Term: "é"})},
		"search field":      {"fields", search(&PersonSearchOptions{Term: "ab", Fields: []PersonSearchField{"title"}})},
		"search include":    {"include_fields", search(&PersonSearchOptions{Term: "ab", IncludeFields: []string{"deal.cc_email"}})},
		"search org":        {"organization_id", search(&PersonSearchOptions{Term: "ab", OrganizationID: -1})},
	})
}

func TestPersonsRetired(t *testing.T) {
	entTestRetired(t, []entRetiredCase{
		{"List", "GET /pipedrive/api/v1/persons", "Client.V2.Persons.List", func(ctx context.Context, c *Client) error {
			return entErr(c.Persons.List(ctx, nil))
		}},
		{"All", "GET /pipedrive/api/v1/persons", "Client.V2.Persons.List", func(ctx context.Context, c *Client) error {
			errs := entSeqErrs(c.Persons.All(ctx, nil))
			if len(errs) != 1 {
				return errors.New("want exactly one error")
			}
			return errs[0]
		}},
		{"Get", "GET /pipedrive/api/v1/persons/{id}", "Client.V2.Persons.Get", func(ctx context.Context, c *Client) error {
			return entErr(c.Persons.Get(ctx, 1))
		}},
		{"Create", "POST /pipedrive/api/v1/persons", "Client.V2.Persons.Create", func(ctx context.Context, c *Client) error {
			return entErr(c.Persons.Create(ctx, &PersonCreateParams{Name: "x"}))
		}},
		{"Update", "PUT /pipedrive/api/v1/persons/{id}", "Client.V2.Persons.Update", func(ctx context.Context, c *Client) error {
			return entErr(c.Persons.Update(ctx, 1, &PersonUpdateParams{Name: Ptr("x")}))
		}},
		{"Delete", "DELETE /pipedrive/api/v1/persons/{id}", "Client.V2.Persons.Delete", func(ctx context.Context, c *Client) error {
			_, err := c.Persons.Delete(ctx, 1)
			return err
		}},
		{"Search", "GET /pipedrive/api/v1/persons/search", "Client.V2.Persons.Search", func(ctx context.Context, c *Client) error {
			return entErr(c.Persons.Search(ctx, &PersonSearchOptions{Term: "ann"}))
		}},
		{"SearchAll", "GET /pipedrive/api/v1/persons/search", "Client.V2.Persons.Search", func(ctx context.Context, c *Client) error {
			errs := entSeqErrs(c.Persons.SearchAll(ctx, &PersonSearchOptions{Term: "ann"}))
			if len(errs) != 1 {
				return errors.New("want exactly one error")
			}
			return errs[0]
		}},
	})
}

func TestPersonsEntityNotFound(t *testing.T) {
	entTestNotFound(t, "GET /pipedrive/api/v1/persons/{id}", "Person not found", func(ctx context.Context, c *Client) error {
		return entErr(c.Persons.Get(ctx, 999))
	})
}

func TestPersonsSpecExamples(t *testing.T) {
	list := entOnlyExample(t, entSpecExamples[[]*Person](t, "getPersons"))
	require.Len(t, *list, 1)
	p := (*list)[0]
	assert.Equal(t, 123, p.OwnerID.ID)
	assert.True(t, bool(p.OwnerID.HasPic))
	assert.Equal(t, 1234, p.OrgID.ID)
	require.NotNil(t, p.PictureID)
	assert.Equal(t, 4, p.PictureID.ID)
	assert.True(t, p.PictureID.UpdateTime.IsZero())
	assert.Equal(t, []int{1, 2, 3}, p.LabelIDs)
	assert.Equal(t, MarketingStatusNoConsent, p.MarketingStatus)

	for _, op := range []string{"getPerson", "addPerson", "updatePerson"} {
		got := entOnlyExample(t, entSpecExamples[Person](t, op))
		assert.Equal(t, 1, got.ID, op)
		assert.Equal(t, "Will Smith", got.Name, op)
		assert.Equal(t, VisibilityGroup, got.VisibleTo, op)
	}

	deleted := entOnlyExample(t, entSpecExamples[struct {
		ID int `json:"id"`
	}](t, "deletePerson"))
	assert.Equal(t, 12, deleted.ID)

	found := entOnlyExample(t, entSpecExamples[entSearchData[PersonSearchResult]](t, "searchPersons"))
	require.Len(t, found.Items, 1)
	item := found.Items[0].Item
	assert.Equal(t, []ContactDetail{{Value: "+372 555555555"}}, item.Phones)
	assert.Equal(t, []ContactDetail{{Value: "jane@pipedrive.com"}}, item.Emails)
	require.NotNil(t, item.Organization)
	assert.Empty(t, item.Organization.Address, "address: null")
}

func TestPersonJSONRoundTrip(t *testing.T) {
	var persons []*Person
	res := &Response{Response: &http.Response{StatusCode: http.StatusOK}}
	require.NoError(t, decodeEnvelope(testdata(t, "v1/persons/list_page1.json"), &persons, res))
	for _, orig := range persons {
		b, err := json.Marshal(orig)
		require.NoError(t, err)
		var again Person
		require.NoError(t, json.Unmarshal(b, &again))
		assert.Equal(t, *orig, again)
	}
	b, err := json.Marshal(persons[0])
	require.NoError(t, err)
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(b, &m))
	assert.JSONEq(t, `"EUR"`, string(m[entCFBudget+"_currency"]))
	var pic map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(m["picture_id"], &pic))
	assert.JSONEq(t, `31`, string(pic["value"]))
}
