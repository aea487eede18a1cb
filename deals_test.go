package pipedrive

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/gopipedrive/pipedrive/internal/conformance"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Helpers shared by the deals, persons and organizations tests.

const (
	// entRetiredBody is what Pipedrive answers for a v1 endpoint it removed.
	entRetiredBody = `{"success":false,"error":"Unknown method .","error_info":"Please check developers.pipedrive.com","data":null,"additional_data":null}`
	// Custom field keys used by the fixtures.
	entCFMoney   = "d4de1c1518b4531717c676029a45911c340390a6"
	entCFOptions = "5b2a7a3b6c7f4a12a9e1f0b6d8c4e2a1f3b5c7d9"
	entCFAddress = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b"
)

// entTime parses an API v1 time for assertions.
func entTime(t *testing.T, s string) Time {
	t.Helper()
	tm, err := time.Parse(TimeLayout, s)
	require.NoError(t, err)
	return Time{tm}
}

// entRetiredCase is one operation answered with entRetiredBody.
type entRetiredCase struct {
	name        string
	pattern     string // ServeMux pattern of the endpoint
	replacement string
	call        func(ctx context.Context, c *Client) error
}

// entTestRetired checks that a 404 "Unknown method" on each retired endpoint
// gives an *APIError naming the v2 replacement.
func entTestRetired(t *testing.T, cases []entRetiredCase) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := setup(t)
			env.gateway.HandleFunc(tc.pattern, func(w http.ResponseWriter, r *http.Request) {
				writeJSON(t, w, http.StatusNotFound, entRetiredBody)
			})
			err := tc.call(context.Background(), env.client)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
			assert.Equal(t, tc.replacement, apiErr.Replacement)
			assert.Contains(t, apiErr.Error(), tc.replacement)
			assert.Contains(t, apiErr.Error(), "retired")
			assert.ErrorIs(t, err, ErrNotFound)
			assert.EqualValues(t, 1, env.requests.Load())
		})
	}
}

// entTestNotFound checks that a 404 about a missing entity does not
// claim that the endpoint was retired.
func entTestNotFound(t *testing.T, pattern, message string, call func(ctx context.Context, c *Client) error) {
	t.Helper()
	env := setup(t)
	env.gateway.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusNotFound, `{"success":false,"error":"`+message+`","error_info":"Please check developers.pipedrive.com","data":null,"additional_data":null}`)
	})
	err := call(context.Background(), env.client)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.ErrorIs(t, err, ErrNotFound)
	assert.Empty(t, apiErr.Replacement)
	assert.Equal(t, message, apiErr.Message)
	assert.NotContains(t, apiErr.Error(), "retired")
	assert.NotContains(t, apiErr.Error(), "Client.V2")
}

// entTestInvalid checks that every call fails with a *ValidationError on field
// before any request is sent.
func entTestInvalid(t *testing.T, cases map[string]struct {
	field string
	call  func(ctx context.Context, c *Client) error
}) {
	t.Helper()
	env := setup(t)
	for name, tc := range cases {
		err := tc.call(context.Background(), env.client)
		var verr *ValidationError
		if assert.ErrorAs(t, err, &verr, name) {
			assert.Equal(t, tc.field, verr.Field, name)
		}
	}
	assert.EqualValues(t, 0, env.requests.Load(), "no request may be sent")
}

// entErr runs a call returning (value, *Response, error) and keeps its
// error.
func entErr[T any](_ T, _ *Response, err error) error { return err }

// seqErr drains an iterator and returns the errors it yielded.
func entSeqErrs[T any](seq func(func(T, error) bool)) []error {
	var errs []error
	for _, err := range seq {
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// entSpecExamples decodes every response example of operationID with
// decodeEnvelope into a new T and returns them by name.
func entSpecExamples[T any](t *testing.T, operationID string) map[string]*T {
	t.Helper()
	spec := conformance.Load(t, conformance.V1)
	examples, err := spec.ResponseExamples(operationID)
	require.NoError(t, err)
	require.NotEmpty(t, examples, operationID)
	out := map[string]*T{}
	for name, body := range examples {
		v := new(T)
		res := &Response{Response: &http.Response{StatusCode: http.StatusOK}}
		require.NoError(t, decodeEnvelope(body, v, res), "%s %s", operationID, name)
		out[name] = v
	}
	return out
}

// entOnlyExample returns the single example of a map from entSpecExamples.
func entOnlyExample[T any](t *testing.T, m map[string]*T) *T {
	t.Helper()
	require.Len(t, m, 1)
	for _, v := range m {
		return v
	}
	return nil
}

type entSearchData[T any] struct {
	Items []*T `json:"items"`
}

func TestDealsList(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{
			"user_id":      {"9002"},
			"filter_id":    {"12"},
			"stage_id":     {"3"},
			"status":       {"open"},
			"owned_by_you": {"1"},
			"sort":         {"add_time DESC, title ASC"},
			"limit":        {"2"},
		})
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/deals/list_page1.json"))
	})

	deals, resp, err := env.client.Deals.List(context.Background(), &DealListOptions{
		UserID: 9002, FilterID: 12, StageID: 3, Status: DealStatusOpen, OwnedByYou: Ptr(true),
		Sort: "add_time DESC, title ASC", ListOptions: ListOptions{Limit: 2},
	})
	require.NoError(t, err)
	require.Len(t, deals, 2)

	d := deals[0]
	assert.Equal(t, 101, d.ID)
	assert.Equal(t, "Acme rollout", d.Title)
	assert.Equal(t, FlexFloat(12500.5), d.Value)
	assert.Equal(t, "EUR", d.Currency)
	assert.Equal(t, FlexFloat(7500.3), d.WeightedValue)
	assert.Equal(t, "€12,500.50", d.FormattedValue)
	assert.Equal(t, DealStatusOpen, d.Status)
	require.NotNil(t, d.Probability)
	assert.Equal(t, FlexFloat(60), *d.Probability)
	assert.Equal(t, VisibilityGroup, d.VisibleTo)
	assert.Equal(t, "2,3", d.Label)
	assert.Equal(t, []int{2, 3}, d.LabelIDs())
	assert.Equal(t, UserRef{ID: 9002, Name: "Karl Kask", Email: "karl@example.com", HasPic: true, PicHash: "a1b2c3d4", ActiveFlag: true}, d.UserID)
	assert.Equal(t, 9001, d.CreatorUserID.ID)
	assert.False(t, bool(d.CreatorUserID.HasPic))
	assert.Equal(t, 501, d.PersonID.ID)
	assert.Equal(t, "Liisa Saar", d.PersonID.Name)
	assert.Equal(t, []ContactDetail{{Value: "liisa@acme.example", Primary: true, Label: "work"}}, d.PersonID.Emails)
	assert.Equal(t, 9002, d.PersonID.OwnerID)
	assert.Equal(t, 701, d.OrgID.ID)
	assert.Equal(t, "Acme OÜ", d.OrgID.Name)
	assert.Empty(t, d.OrgID.Address, "address: null")
	assert.Equal(t, 3, d.StageID)
	assert.Equal(t, 1, d.PipelineID)
	assert.True(t, bool(d.Active))
	assert.False(t, bool(d.Deleted))
	assert.Equal(t, entTime(t, "2026-01-05 09:15:00"), d.AddTime)
	assert.True(t, d.WonTime.IsZero(), "won_time: null")
	assert.True(t, d.LostTime.IsZero(), `lost_time: ""`)
	assert.True(t, d.LastOutgoingMailTime.IsZero(), "0000-00-00 00:00:00")
	assert.Equal(t, entTime(t, "2026-02-09 12:00:01"), d.LastIncomingMailTime)
	assert.Equal(t, Date("2026-03-31"), d.ExpectedCloseDate)
	assert.Equal(t, Date("2026-02-20"), d.NextActivityDate)
	assert.Equal(t, "10:30:00", d.NextActivityTime)
	assert.Equal(t, 88, d.NextActivityID)
	assert.Equal(t, 0, d.LastActivityID)
	assert.Equal(t, 3, d.ActivitiesCount)
	assert.Equal(t, 2, d.ProductsCount)
	assert.Equal(t, "Demo", d.NextActivitySubject)
	assert.Equal(t, "API", d.Origin)
	assert.Equal(t, 16, d.Channel)
	require.NotNil(t, d.MRR)
	assert.Equal(t, FlexFloat(100), *d.MRR)
	assert.Equal(t, "EUR", d.MRRCurrency)

	// Custom fields, including a monetary field's _currency sub-key.
	assert.Equal(t, []string{"0e0b4a1a2a3a4a5a6a7a8a9aaabacadaeafa0a1a", entCFOptions, entCFMoney, entCFMoney + "_currency"}, d.CustomFields.Keys())
	var amount float64
	require.NoError(t, d.CustomFields.Decode(entCFMoney, &amount))
	assert.Equal(t, 5000.0, amount)
	assert.Equal(t, "USD", d.CustomFields.String(entCFMoney+"_currency"))
	assert.Equal(t, "123,456", d.CustomFields.String(entCFOptions))
	assert.Equal(t, "", d.CustomFields.String("0e0b4a1a2a3a4a5a6a7a8a9aaabacadaeafa0a1a"))

	// The second deal has neither person nor organization.
	d2 := deals[1]
	assert.Equal(t, PersonRef{}, d2.PersonID)
	assert.Equal(t, OrganizationRef{}, d2.OrgID)
	assert.Nil(t, d2.Probability)
	assert.Equal(t, DealStatusLost, d2.Status)
	assert.Equal(t, "No budget", d2.LostReason)
	assert.Equal(t, VisibilityOwner, d2.VisibleTo)
	assert.Empty(t, d2.LabelIDs())
	assert.Nil(t, d2.MRR)
	assert.Nil(t, d2.CustomFields)
	assert.Equal(t, FlexFloat(0), d2.Value)

	require.NotNil(t, resp.Pagination)
	assert.Equal(t, Pagination{Start: 0, Limit: 2, MoreItems: true, NextStart: 2}, *resp.Pagination)
	require.NotNil(t, resp.RelatedObjects)
	ro := resp.RelatedObjects
	assert.Equal(t, "Karl Kask", ro.Users[9002].Name)
	assert.True(t, bool(ro.Users[9002].HasPic))
	assert.False(t, bool(ro.Users[9001].HasPic))
	assert.Equal(t, "Acme OÜ", ro.Organizations[701].Name)
	assert.Equal(t, "Liisa Saar", ro.Persons[501].Name)
	assert.Equal(t, "Proposal made", ro.Stages[3].Name)
	assert.Equal(t, 60, ro.Stages[3].DealProbability)
	assert.Equal(t, "Sales", ro.Pipelines[1].Name)
}

func TestDealsListNilOptions(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":null,"additional_data":{"pagination":{"start":0,"limit":100,"more_items_in_collection":false}}}`)
	})
	deals, resp, err := env.client.Deals.List(context.Background(), nil)
	require.NoError(t, err)
	assert.Empty(t, deals)
	assert.False(t, resp.Pagination.MoreItems)

	// owned_by_you=0 is sent when set to false.
	env2 := setup(t)
	env2.gateway.HandleFunc("GET /pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{"owned_by_you": {"0"}, "status": {"all_not_deleted"}})
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":[]}`)
	})
	_, _, err = env2.client.Deals.List(context.Background(), &DealListOptions{OwnedByYou: Ptr(false), Status: DealStatusAllNotDeleted})
	require.NoError(t, err)
}

func TestDealsAll(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("start") {
		case "":
			testQuery(t, r, url.Values{"status": {"open"}, "limit": {"2"}})
			writeJSON(t, w, http.StatusOK, testdata(t, "v1/deals/list_page1.json"))
		case "2":
			testQuery(t, r, url.Values{"status": {"open"}, "limit": {"2"}, "start": {"2"}})
			writeJSON(t, w, http.StatusOK, testdata(t, "v1/deals/list_page2.json"))
		default:
			t.Errorf("unexpected page %q", r.URL.RawQuery)
		}
	})

	opts := &DealListOptions{Status: DealStatusOpen, ListOptions: ListOptions{Limit: 2}}
	var ids []int
	for d, err := range env.client.Deals.All(context.Background(), opts) {
		require.NoError(t, err)
		ids = append(ids, d.ID)
	}
	assert.Equal(t, []int{101, 102, 103}, ids)
	assert.EqualValues(t, 2, env.requests.Load())
	assert.Equal(t, 0, opts.Start, "the caller's options are not modified")

	// Breaking out stops fetching.
	for range env.client.Deals.All(context.Background(), opts) {
		break
	}
	assert.EqualValues(t, 3, env.requests.Load())
}

func TestDealsAllStopsOnError(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("start") == "" {
			writeJSON(t, w, http.StatusOK, testdata(t, "v1/deals/list_page1.json"))
			return
		}
		writeJSON(t, w, http.StatusBadRequest, `{"success":false,"error":"Bad request","error_info":"Please check developers.pipedrive.com"}`)
	})
	var n int
	var errs []error
	for d, err := range env.client.Deals.All(context.Background(), &DealListOptions{ListOptions: ListOptions{Limit: 2}}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		require.NotNil(t, d)
		n++
	}
	assert.Equal(t, 2, n)
	require.Len(t, errs, 1)
	var apiErr *APIError
	require.ErrorAs(t, errs[0], &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)

	// Invalid options are reported once, before any request.
	env2 := setup(t)
	errs = entSeqErrs(env2.client.Deals.All(context.Background(), &DealListOptions{Status: "archived"}))
	require.Len(t, errs, 1)
	var verr *ValidationError
	assert.ErrorAs(t, errs[0], &verr)
	assert.EqualValues(t, 0, env2.requests.Load())
}

func TestDealsGet(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/deals/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "101", r.PathValue("id"))
		testQuery(t, r, nil)
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/deals/get.json"))
	})
	d, resp, err := env.client.Deals.Get(context.Background(), 101)
	require.NoError(t, err)
	assert.Equal(t, 101, d.ID)
	assert.Equal(t, "Narva mnt 7, Tallinn", d.OrgID.Address)
	require.NotNil(t, d.Age)
	assert.Equal(t, DealDuration{Months: 1, Days: 5, Hours: 8, Minutes: 27, Seconds: 13, TotalSeconds: 3140833}, *d.Age)
	assert.Equal(t, 3140833*time.Second, d.Age.Duration())
	require.NotNil(t, d.AverageTimeToWon)
	assert.Zero(t, d.AverageTimeToWon.Duration())
	assert.Equal(t, FlexFloat(2.5), d.AverageStageProgress)
	require.NotNil(t, d.StayInPipelineStages)
	assert.Equal(t, map[int]int64{1: 86400, 2: 172800, 3: 950400}, d.StayInPipelineStages.TimesInStages)
	assert.Equal(t, []int{1, 2, 3}, d.StayInPipelineStages.OrderOfStages)
	assert.JSONEq(t, `{"id":87,"subject":"Intro call","type":"call","done":true,"due_date":"2026-02-09"}`, string(d.LastActivity))
	assert.Equal(t, "null", string(d.NextActivity))
	assert.Equal(t, Date("2026-02-09"), d.LastActivityDate)
	assert.True(t, d.FirstWonTime.IsZero())

	// Address custom field with its sub-keys.
	assert.Equal(t, "Narva mnt 7, Tallinn", d.CustomFields.String(entCFAddress))
	assert.Equal(t, "Tallinn", d.CustomFields.String(entCFAddress+"_locality"))
	assert.True(t, d.CustomFields.Has(entCFAddress+"_formatted_address"))
	assert.Equal(t, "USD", d.CustomFields.String(entCFMoney+"_currency"))

	require.NotNil(t, resp.RelatedObjects)
	st := resp.RelatedObjects.Stages[3]
	assert.True(t, bool(st.RottenFlag))
	require.NotNil(t, st.RottenDays)
	assert.Equal(t, 14, *st.RottenDays)
	assert.Nil(t, resp.Pagination)
}

func TestDealsCreate(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("POST /pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		testBody(t, r, `{
			"title": "Acme expansion",
			"value": "0",
			"currency": "EUR",
			"user_id": 9002,
			"person_id": 501,
			"org_id": 701,
			"stage_id": 3,
			"status": "open",
			"probability": 25.5,
			"expected_close_date": "2026-06-30",
			"visible_to": "7",
			"label": [2, 3],
			"add_time": "2026-02-15 08:00:00",
			"origin_id": "crm-sync",
			"`+entCFMoney+`": 1500,
			"`+entCFMoney+`_currency": "USD"
		}`)
		writeJSON(t, w, http.StatusCreated, testdata(t, "v1/deals/create.json"))
	})
	d, resp, err := env.client.Deals.Create(context.Background(), &DealCreateParams{
		Title:             "Acme expansion",
		Value:             Ptr(0.0),
		Currency:          "EUR",
		UserID:            9002,
		PersonID:          501,
		OrgID:             701,
		StageID:           3,
		Status:            DealStatusOpen,
		Probability:       Ptr(25.5),
		ExpectedCloseDate: "2026-06-30",
		VisibleTo:         VisibilityCompany,
		LabelIDs:          []int{2, 3},
		AddTime:           entTime(t, "2026-02-15 08:00:00"),
		OriginID:          "crm-sync",
		CustomFields:      map[string]any{entCFMoney: 1500, entCFMoney + "_currency": "USD"},
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Equal(t, 104, d.ID)
	assert.Equal(t, "Acme expansion", d.Title)
	assert.Equal(t, VisibilityCompany, d.VisibleTo)
	assert.Equal(t, []int{2, 3}, d.LabelIDs())
	assert.True(t, d.LostTime.IsZero())
	assert.Empty(t, d.PersonID.Phones)
	assert.Equal(t, "USD", d.CustomFields.String(entCFMoney+"_currency"))
	assert.Equal(t, "1500", d.CustomFields.String(entCFMoney))
	assert.Equal(t, "Karl Kask", resp.RelatedObjects.Users[9002].Name)
}

func TestDealsCreateMinimal(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("POST /pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
		testBody(t, r, `{"title":"Won deal","value":"1234.5","status":"won","won_time":"2026-02-01 10:00:00","lost_reason":"n/a"}`)
		writeJSON(t, w, http.StatusCreated, testdata(t, "v1/deals/create.json"))
	})
	_, _, err := env.client.Deals.Create(context.Background(), &DealCreateParams{
		Title: "Won deal", Value: Ptr(1234.5), Status: DealStatusWon,
		WonTime: entTime(t, "2026-02-01 10:00:00"), LostReason: "n/a",
	})
	require.NoError(t, err)
	assert.EqualValues(t, 1, env.requests.Load(), "a create is sent once")
}

func TestDealsUpdate(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("PUT /pipedrive/api/v1/deals/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "104", r.PathValue("id"))
		testBody(t, r, `{
			"value": "0",
			"probability": 0,
			"status": "lost",
			"lost_time": "2026-02-16 12:00:00",
			"lost_reason": "",
			"label": [],
			"visible_to": "1",
			"expected_close_date": "2026-07-01",
			"person_id": 502,
			"`+entCFMoney+`": null,
			"`+entCFOptions+`": "123"
		}`)
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/deals/create.json"))
	})
	d, _, err := env.client.Deals.Update(context.Background(), 104, &DealUpdateParams{
		Value:             Ptr(0.0),
		Probability:       Ptr(0.0),
		Status:            Ptr(DealStatusLost),
		LostTime:          Ptr(entTime(t, "2026-02-16 12:00:00")),
		LostReason:        Ptr(""),
		LabelIDs:          Ptr([]int{}),
		VisibleTo:         Ptr(VisibilityOwner),
		ExpectedCloseDate: Ptr(Date("2026-07-01")),
		PersonID:          Ptr(502),
		CustomFields:      map[string]any{entCFMoney: nil, entCFOptions: "123"},
	})
	require.NoError(t, err)
	assert.Equal(t, 104, d.ID)
}

func TestDealsUpdateOnlyTitle(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("PUT /pipedrive/api/v1/deals/{id}", func(w http.ResponseWriter, r *http.Request) {
		testBody(t, r, `{"title":"Renamed"}`)
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/deals/create.json"))
	})
	_, _, err := env.client.Deals.Update(context.Background(), 104, &DealUpdateParams{Title: Ptr("Renamed")})
	require.NoError(t, err)
}

func TestDealsDelete(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("DELETE /pipedrive/api/v1/deals/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "101", r.PathValue("id"))
		testQuery(t, r, nil)
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/deals/delete.json"))
	})
	resp, err := env.client.Deals.Delete(context.Background(), 101)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

func TestDealsSearch(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/deals/search", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{
			"term":            {"acme roll"},
			"fields":          {"title,notes"},
			"exact_match":     {"true"},
			"person_id":       {"501"},
			"organization_id": {"701"},
			"status":          {"open"},
			"include_fields":  {"deal.cc_email"},
			"limit":           {"2"},
		})
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/deals/search_page1.json"))
	})
	results, resp, err := env.client.Deals.Search(context.Background(), &DealSearchOptions{
		Term:           "acme roll",
		Fields:         []DealSearchField{DealSearchTitle, DealSearchNotes},
		ExactMatch:     true,
		PersonID:       501,
		OrganizationID: 701,
		Status:         DealStatusOpen,
		IncludeFields:  []string{DealSearchIncludeCCEmail},
		ListOptions:    ListOptions{Limit: 2},
	})
	require.NoError(t, err)
	require.Len(t, results, 2)
	assert.Equal(t, 1.22, results[0].ResultScore)
	assert.Equal(t, DealSearchItem{
		ID: 101, Type: "deal", Title: "Acme rollout", Value: 12500, Currency: "EUR", Status: DealStatusOpen,
		VisibleTo: VisibilityGroup, Owner: SearchRef{ID: 9002}, Stage: SearchRef{ID: 3, Name: "Proposal made"},
		Person: &SearchRef{ID: 501, Name: "Liisa Saar"}, Organization: &SearchRef{ID: 701, Name: "Acme OÜ"},
		CustomFields: []string{"Narva mnt 7, Tallinn"}, Notes: []string{"Acme wants a rollout plan"},
		CCEmail: "acme+deal101@pipedrivemail.example",
	}, results[0].Item)
	assert.Nil(t, results[1].Item.Person)
	assert.Nil(t, results[1].Item.Organization)
	assert.Equal(t, VisibilityOwner, results[1].Item.VisibleTo)
	assert.Equal(t, Pagination{Start: 0, Limit: 2, MoreItems: true, NextStart: 2}, *resp.Pagination)
}

func TestDealsSearchExactMatchOneCharacter(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/deals/search", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{"term": {"X"}, "exact_match": {"true"}})
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":{"items":[]},"additional_data":{"pagination":{"start":0,"limit":100,"more_items_in_collection":false}}}`)
	})
	results, _, err := env.client.Deals.Search(context.Background(), &DealSearchOptions{Term: "X", ExactMatch: true})
	require.NoError(t, err)
	assert.Empty(t, results)
}

func TestDealsSearchAll(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/deals/search", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("start") {
		case "":
			testQuery(t, r, url.Values{"term": {"acme"}, "limit": {"2"}})
			writeJSON(t, w, http.StatusOK, testdata(t, "v1/deals/search_page1.json"))
		case "2":
			testQuery(t, r, url.Values{"term": {"acme"}, "limit": {"2"}, "start": {"2"}})
			writeJSON(t, w, http.StatusOK, testdata(t, "v1/deals/search_page2.json"))
		default:
			t.Errorf("unexpected page %q", r.URL.RawQuery)
		}
	})
	opts := &DealSearchOptions{Term: "acme", ListOptions: ListOptions{Limit: 2}}
	var ids []int
	for res, err := range env.client.Deals.SearchAll(context.Background(), opts) {
		require.NoError(t, err)
		ids = append(ids, res.Item.ID)
	}
	assert.Equal(t, []int{101, 102, 103}, ids)
	assert.EqualValues(t, 2, env.requests.Load())
	assert.Equal(t, 0, opts.Start)

	errs := entSeqErrs(env.client.Deals.SearchAll(context.Background(), nil))
	require.Len(t, errs, 1)
	var verr *ValidationError
	require.ErrorAs(t, errs[0], &verr)
	assert.Equal(t, "term", verr.Field)
	assert.EqualValues(t, 2, env.requests.Load())
}

func TestDealsValidation(t *testing.T) {
	type vcase = struct {
		field string
		call  func(ctx context.Context, c *Client) error
	}
	ok := func() *DealCreateParams { return &DealCreateParams{Title: "T"} }
	create := func(mod func(p *DealCreateParams)) func(ctx context.Context, c *Client) error {
		return func(ctx context.Context, c *Client) error {
			p := ok()
			mod(p)
			return entErr(c.Deals.Create(ctx, p))
		}
	}
	update := func(p *DealUpdateParams) func(ctx context.Context, c *Client) error {
		return func(ctx context.Context, c *Client) error { return entErr(c.Deals.Update(ctx, 1, p)) }
	}
	list := func(o *DealListOptions) func(ctx context.Context, c *Client) error {
		return func(ctx context.Context, c *Client) error { return entErr(c.Deals.List(ctx, o)) }
	}
	search := func(o *DealSearchOptions) func(ctx context.Context, c *Client) error {
		return func(ctx context.Context, c *Client) error { return entErr(c.Deals.Search(ctx, o)) }
	}
	entTestInvalid(t, map[string]vcase{
		"get id 0":        {"id", func(ctx context.Context, c *Client) error { return entErr(c.Deals.Get(ctx, 0)) }},
		"get id negative": {"id", func(ctx context.Context, c *Client) error { return entErr(c.Deals.Get(ctx, -4)) }},
		"delete id 0": {"id", func(ctx context.Context, c *Client) error {
			_, err := c.Deals.Delete(ctx, 0)
			return err
		}},
		"create nil":            {"params", func(ctx context.Context, c *Client) error { return entErr(c.Deals.Create(ctx, nil)) }},
		"create blank title":    {"title", create(func(p *DealCreateParams) { p.Title = "  " })},
		"create filter status":  {"status", create(func(p *DealCreateParams) { p.Status = DealStatusAllNotDeleted })},
		"create bad visibility": {"visible_to", create(func(p *DealCreateParams) { p.VisibleTo = 2 })},
		"create bad date":       {"expected_close_date", create(func(p *DealCreateParams) { p.ExpectedCloseDate = "2026-02-30" })},
		"create won and lost": {"won_time", create(func(p *DealCreateParams) {
			p.WonTime, p.LostTime = entTime(t, "2026-01-01 00:00:00"), entTime(t, "2026-01-01 00:00:00")
		})},
		"create NaN value":       {"value", create(func(p *DealCreateParams) { p.Value = Ptr(math.NaN()) })},
		"create bad currency":    {"currency", create(func(p *DealCreateParams) { p.Currency = "EURO" })},
		"create probability 101": {"probability", create(func(p *DealCreateParams) { p.Probability = Ptr(101.0) })},
		"create negative org":    {"org_id", create(func(p *DealCreateParams) { p.OrgID = -1 })},
		"create label 0":         {"label", create(func(p *DealCreateParams) { p.LabelIDs = []int{0} })},
		"create custom key":      {"custom_fields", create(func(p *DealCreateParams) { p.CustomFields = map[string]any{"budget": 1} })},
		"update id 0": {"id", func(ctx context.Context, c *Client) error {
			return entErr(c.Deals.Update(ctx, 0, &DealUpdateParams{Title: Ptr("x")}))
		}},
		"update nil":         {"params", update(nil)},
		"update empty":       {"params", update(&DealUpdateParams{})},
		"update blank title": {"title", update(&DealUpdateParams{Title: Ptr("")})},
		"update zero time":   {"won_time", update(&DealUpdateParams{WonTime: &Time{}})},
		"update stage 0":     {"stage_id", update(&DealUpdateParams{StageID: Ptr(0)})},
		"update status":      {"status", update(&DealUpdateParams{Status: Ptr(DealStatus("archived"))})},
		"update visibility":  {"visible_to", update(&DealUpdateParams{VisibleTo: Ptr(Visibility(4))})},
		"list status":        {"status", list(&DealListOptions{Status: "closed"})},
		"list limit":         {"limit", list(&DealListOptions{ListOptions: ListOptions{Limit: 501}})},
		"list start":         {"start", list(&DealListOptions{ListOptions: ListOptions{Start: -1}})},
		"list user":          {"user_id", list(&DealListOptions{UserID: -1})},
		"search nil":         {"term", search(nil)},
		"search empty term":  {"term", search(&DealSearchOptions{Term: " "})},
		"search short term":  {"term", search(&DealSearchOptions{Term: "a"})},
		"search field":       {"fields", search(&DealSearchOptions{Term: "ab", Fields: []DealSearchField{"name"}})},
		"search dup field":   {"fields", search(&DealSearchOptions{Term: "ab", Fields: []DealSearchField{DealSearchTitle, DealSearchTitle}})},
		"search status":      {"status", search(&DealSearchOptions{Term: "ab", Status: DealStatusDeleted})},
		"search include":     {"include_fields", search(&DealSearchOptions{Term: "ab", IncludeFields: []string{"person.picture"}})},
		"search limit":       {"limit", search(&DealSearchOptions{Term: "ab", ListOptions: ListOptions{Limit: -1}})},
	})
}

func TestDealsRetired(t *testing.T) {
	entTestRetired(t, []entRetiredCase{
		{"List", "GET /pipedrive/api/v1/deals", "Client.V2.Deals.List", func(ctx context.Context, c *Client) error {
			return entErr(c.Deals.List(ctx, nil))
		}},
		{"All", "GET /pipedrive/api/v1/deals", "Client.V2.Deals.List", func(ctx context.Context, c *Client) error {
			errs := entSeqErrs(c.Deals.All(ctx, nil))
			if len(errs) != 1 {
				return errors.New("want exactly one error")
			}
			return errs[0]
		}},
		{"Get", "GET /pipedrive/api/v1/deals/{id}", "Client.V2.Deals.Get", func(ctx context.Context, c *Client) error {
			return entErr(c.Deals.Get(ctx, 1))
		}},
		{"Create", "POST /pipedrive/api/v1/deals", "Client.V2.Deals.Create", func(ctx context.Context, c *Client) error {
			return entErr(c.Deals.Create(ctx, &DealCreateParams{Title: "x"}))
		}},
		{"Update", "PUT /pipedrive/api/v1/deals/{id}", "Client.V2.Deals.Update", func(ctx context.Context, c *Client) error {
			return entErr(c.Deals.Update(ctx, 1, &DealUpdateParams{Title: Ptr("x")}))
		}},
		{"Delete", "DELETE /pipedrive/api/v1/deals/{id}", "Client.V2.Deals.Delete", func(ctx context.Context, c *Client) error {
			_, err := c.Deals.Delete(ctx, 1)
			return err
		}},
		{"Search", "GET /pipedrive/api/v1/deals/search", "Client.V2.Deals.Search", func(ctx context.Context, c *Client) error {
			return entErr(c.Deals.Search(ctx, &DealSearchOptions{Term: "acme"}))
		}},
	})
}

func TestDealsEntityNotFound(t *testing.T) {
	entTestNotFound(t, "GET /pipedrive/api/v1/deals/{id}", "Deal not found", func(ctx context.Context, c *Client) error {
		return entErr(c.Deals.Get(ctx, 999))
	})
}

func TestDealsSpecExamples(t *testing.T) {
	list := entOnlyExample(t, entSpecExamples[[]*Deal](t, "getDeals"))
	require.Len(t, *list, 1)
	d := (*list)[0]
	assert.Equal(t, 8877, d.UserID.ID)
	assert.Equal(t, 1101, d.PersonID.ID)
	assert.Equal(t, 5, d.OrgID.ID)
	assert.Equal(t, VisibilityOwner, d.VisibleTo)
	assert.Equal(t, []int{11}, d.LabelIDs())
	assert.Equal(t, Date("2019-06-29"), d.ExpectedCloseDate)

	got := entOnlyExample(t, entSpecExamples[Deal](t, "getDeal"))
	require.NotNil(t, got.Age)
	assert.EqualValues(t, 17139446, got.Age.TotalSeconds)
	assert.Equal(t, []int{1, 2, 3, 4, 5}, got.StayInPipelineStages.OrderOfStages)
	assert.True(t, got.LostTime.IsZero())

	added := entOnlyExample(t, entSpecExamples[Deal](t, "addDeal"))
	assert.Equal(t, "Zapier", added.OriginID)
	updated := entOnlyExample(t, entSpecExamples[Deal](t, "updateDeal"))
	assert.Equal(t, 1, updated.ID)

	deleted := entOnlyExample(t, entSpecExamples[struct {
		ID int `json:"id"`
	}](t, "deleteDeal"))
	assert.Equal(t, 123, deleted.ID)

	found := entOnlyExample(t, entSpecExamples[entSearchData[DealSearchResult]](t, "searchDeals"))
	require.Len(t, found.Items, 1)
	assert.Equal(t, "Lead In", found.Items[0].Item.Stage.Name)
	assert.Nil(t, found.Items[0].Item.Organization)
}

// TestDealRealWire decodes shapes the live API sends although the spec
// says otherwise: has_pic 0, a plain-id person_id, a string value, 0/1
// bools, an int visible_to, [] for an empty map.
func TestDealRealWire(t *testing.T) {
	var deals []*Deal
	res := &Response{Response: &http.Response{StatusCode: http.StatusOK}}
	require.NoError(t, decodeEnvelope(testdata(t, "v1/deals/list_real_wire.json"), &deals, res))
	require.Len(t, deals, 1)
	d := deals[0]
	assert.False(t, bool(d.UserID.HasPic))
	assert.Equal(t, 1, d.UserID.ID)
	assert.Equal(t, PersonRef{ID: 501}, d.PersonID)
	assert.Equal(t, 701, d.OrgID.ID)
	assert.Equal(t, FlexFloat(1500.75), d.Value)
	assert.True(t, bool(d.Active))
	assert.False(t, bool(d.Deleted))
	require.NotNil(t, d.Probability)
	assert.Equal(t, FlexFloat(40), *d.Probability)
	assert.Equal(t, VisibilityGroup, d.VisibleTo)
	assert.Empty(t, d.Label)
	assert.True(t, d.LostTime.IsZero())
	assert.Equal(t, entTime(t, "2023-04-02 10:00:00").Unix(), d.UpdateTime.Unix())
	require.NotNil(t, d.StayInPipelineStages)
	assert.Nil(t, d.StayInPipelineStages.TimesInStages)
}

func TestDealJSONRoundTrip(t *testing.T) {
	var deals []*Deal
	res := &Response{Response: &http.Response{StatusCode: http.StatusOK}}
	require.NoError(t, decodeEnvelope(testdata(t, "v1/deals/list_page1.json"), &deals, res))
	orig := deals[0]

	b, err := json.Marshal(orig)
	require.NoError(t, err)
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(b, &m))
	assert.JSONEq(t, `"USD"`, string(m[entCFMoney+"_currency"]))
	assert.JSONEq(t, `5000`, string(m[entCFMoney]))
	assert.JSONEq(t, `"3"`, string(m["visible_to"]))
	assert.Equal(t, `"2026-01-05 09:15:00"`, string(m["add_time"]))
	assert.NotContains(t, m, "CustomFields")

	var again Deal
	require.NoError(t, json.Unmarshal(b, &again))
	assert.Equal(t, *orig, again)
}
