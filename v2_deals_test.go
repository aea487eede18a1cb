package pipedrive

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestV2DealsList(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v2/deals", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{
			"ids":            {"101,102"},
			"owner_id":       {"7"},
			"person_id":      {"31"},
			"org_id":         {"12"},
			"pipeline_id":    {"1"},
			"stage_id":       {"3"},
			"status":         {"open,won"},
			"updated_since":  {"2026-01-01T08:00:00Z"},
			"updated_until":  {"2026-04-01T00:00:00Z"},
			"sort_by":        {"update_time"},
			"sort_direction": {"desc"},
			"include_fields": {"products_count,next_activity_id"},
			"custom_fields":  {v2KeyMonetary + "," + v2KeyOption},
			"limit":          {"2"},
			"cursor":         {"start-here"},
		})
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/deals/list_page1.json"))
	})
	tallinn := time.FixedZone("EET", 2*3600)
	opts := &V2DealListOptions{
		IDs:           []int{101, 102},
		OwnerID:       7,
		PersonID:      31,
		OrgID:         12,
		PipelineID:    1,
		StageID:       3,
		Status:        []V2DealStatus{V2DealStatusOpen, V2DealStatusWon},
		UpdatedSince:  time.Date(2026, 1, 1, 10, 0, 0, 0, tallinn),
		UpdatedUntil:  time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
		SortBy:        V2SortByUpdateTime,
		SortDirection: V2SortDesc,
		IncludeFields: []string{"products_count", "next_activity_id"},
		CustomFields:  []string{v2KeyMonetary, v2KeyOption},
		V2ListOptions: V2ListOptions{Limit: 2, Cursor: "start-here"},
	}
	before := *opts
	deals, resp, err := env.client.V2.Deals.List(context.Background(), opts)
	require.NoError(t, err)
	assert.Equal(t, before, *opts, "the caller's options are not modified")
	assert.Equal(t, "eyJmaWVsZCI6ImlkIiwiaWQiOjEwMn0", resp.NextCursor)
	assert.Nil(t, resp.Pagination)
	assert.Nil(t, resp.RelatedObjects)
	require.Len(t, deals, 2)

	d := deals[0]
	assert.Equal(t, 101, d.ID)
	assert.Equal(t, "Acme rollout", d.Title)
	assert.Equal(t, 7, d.CreatorUserID)
	assert.Equal(t, 7, d.OwnerID)
	assert.Equal(t, 31, d.PersonID)
	assert.Equal(t, 12, d.OrgID)
	assert.Equal(t, 1, d.PipelineID)
	assert.Equal(t, 3, d.StageID)
	assert.Equal(t, 12500.5, d.Value)
	assert.Equal(t, "EUR", d.Currency)
	assert.Equal(t, V2DealStatusOpen, d.Status)
	assert.Equal(t, v2Time(t, "2026-02-01T09:30:00Z"), d.AddTime)
	assert.Equal(t, v2Time(t, "2026-03-02T14:05:06Z"), d.UpdateTime)
	assert.True(t, d.ArchiveTime.IsZero(), "null time is zero")
	assert.True(t, d.CloseTime.IsZero())
	assert.Nil(t, d.Probability, "null probability")
	assert.Empty(t, d.LostReason)
	assert.Equal(t, V2VisibilityGroup, d.VisibleTo)
	assert.Equal(t, Date("2026-04-30"), d.ExpectedCloseDate)
	assert.Equal(t, []int{2, 5}, d.LabelIDs)
	assert.Equal(t, "API", d.Origin)
	assert.Nil(t, d.ARR)
	assert.False(t, d.IsDeleted)
	money, ok := d.CustomFields.Monetary(v2KeyMonetary)
	assert.True(t, ok)
	assert.Equal(t, V2Monetary{Value: 1500, Currency: "USD"}, money)

	d = deals[1]
	assert.Equal(t, 0, d.PersonID, "null person_id is 0")
	assert.Equal(t, V2DealStatusWon, d.Status)
	require.NotNil(t, d.Probability)
	assert.Equal(t, 80.0, *d.Probability)
	assert.Equal(t, v2Time(t, "2026-01-15T16:45:00Z"), d.WonTime)
	assert.Equal(t, Date("2026-01-15"), d.LocalWonDate)
	assert.Equal(t, Date(""), d.ExpectedCloseDate)
	assert.Equal(t, 52, d.Channel)
	assert.Equal(t, "Jun23 Billboards", d.ChannelID)
	require.NotNil(t, d.ARR)
	assert.Equal(t, 1200.0, *d.ARR)
	assert.Empty(t, d.CustomFields)
}

func TestV2DealsListDefaults(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v2/deals", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{})
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":[],"additional_data":{"next_cursor":null}}`)
	})
	deals, resp, err := env.client.V2.Deals.List(context.Background(), nil)
	require.NoError(t, err)
	assert.Empty(t, deals)
	assert.Empty(t, resp.NextCursor)
}

// TestV2DealsAll follows next_cursor across two pages and stops on null.
func TestV2DealsAll(t *testing.T) {
	env := setupV2(t)
	var calls atomic.Int32
	env.gateway.HandleFunc("GET /pipedrive/api/v2/deals", func(w http.ResponseWriter, r *http.Request) {
		switch calls.Add(1) {
		case 1:
			testQuery(t, r, url.Values{"limit": {"2"}, "status": {"open"}})
			writeJSON(t, w, http.StatusOK, testdata(t, "v2/deals/list_page1.json"))
		case 2:
			testQuery(t, r, url.Values{"limit": {"2"}, "status": {"open"}, "cursor": {"eyJmaWVsZCI6ImlkIiwiaWQiOjEwMn0"}})
			writeJSON(t, w, http.StatusOK, testdata(t, "v2/deals/list_page2.json"))
		default:
			t.Errorf("unexpected page request %s", r.URL)
		}
	})
	opts := &V2DealListOptions{Status: []V2DealStatus{V2DealStatusOpen}, V2ListOptions: V2ListOptions{Limit: 2}}
	deals, err := collectV2(env.client.V2.Deals.All(context.Background(), opts))
	require.NoError(t, err)
	var ids []int
	for _, d := range deals {
		ids = append(ids, d.ID)
	}
	assert.Equal(t, []int{101, 102, 103}, ids)
	assert.Equal(t, int32(2), calls.Load())
	assert.Empty(t, opts.Cursor, "All does not modify the caller's options")

	// Breaking out early stops fetching.
	calls.Store(0)
	for d, err := range env.client.V2.Deals.All(context.Background(), opts) {
		require.NoError(t, err)
		assert.Equal(t, 101, d.ID)
		break
	}
	assert.Equal(t, int32(1), calls.Load())
}

// TestV2DealsResume resumes an export from a saved Response.NextCursor.
func TestV2DealsResume(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v2/deals", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{"cursor": {"eyJmaWVsZCI6ImlkIiwiaWQiOjEwMn0"}})
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/deals/list_page2.json"))
	})
	deals, err := collectV2(env.client.V2.Deals.All(context.Background(), &V2DealListOptions{
		V2ListOptions: V2ListOptions{Cursor: "eyJmaWVsZCI6ImlkIiwiaWQiOjEwMn0"},
	}))
	require.NoError(t, err)
	require.Len(t, deals, 1)
	assert.Equal(t, 103, deals[0].ID)
	assert.Equal(t, "Budget", deals[0].LostReason)
}

func TestV2DealsAllError(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v2/deals", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("cursor") == "" {
			writeJSON(t, w, http.StatusOK, testdata(t, "v2/deals/list_page1.json"))
			return
		}
		writeJSON(t, w, http.StatusForbidden, `{"success":false,"error":"You do not have permissions to do this."}`)
	})
	var n, errs int
	for d, err := range env.client.V2.Deals.All(context.Background(), nil) {
		if err != nil {
			errs++
			assert.ErrorIs(t, err, ErrForbidden)
			continue
		}
		require.NotNil(t, d)
		n++
	}
	assert.Equal(t, 2, n)
	assert.Equal(t, 1, errs, "the error is yielded once")
}

func TestV2DealsArchived(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v2/deals/archived", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{"org_id": {"20"}, "sort_by": {"add_time"}, "limit": {"500"}})
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/deals/archived.json"))
	})
	opts := &V2DealListOptions{OrgID: 20, SortBy: V2SortByAddTime, V2ListOptions: V2ListOptions{Limit: 500}}
	deals, resp, err := env.client.V2.Deals.Archived(context.Background(), opts)
	require.NoError(t, err)
	assert.Empty(t, resp.NextCursor)
	require.Len(t, deals, 1)
	assert.True(t, deals[0].IsArchived)
	assert.Equal(t, v2Time(t, "2025-08-01T08:00:00Z"), deals[0].ArchiveTime)
	assert.Equal(t, V2DealStatusLost, deals[0].Status)

	all, err := collectV2(env.client.V2.Deals.ArchivedAll(context.Background(), opts))
	require.NoError(t, err)
	assert.Len(t, all, 1)
}

func TestV2DealsGet(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v2/deals/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "101", r.PathValue("id"))
		testQuery(t, r, url.Values{})
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/deals/get.json"))
	})
	d, resp, err := env.client.V2.Deals.Get(context.Background(), 101)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, 101, d.ID)
	require.NotNil(t, d.Probability)
	assert.Equal(t, 60.0, *d.Probability)
	assert.Equal(t, "my-sync", d.OriginID)
	assert.Empty(t, d.SourceLeadID)
	opt, ok := d.CustomFields.Option(v2KeyOption)
	assert.True(t, ok)
	assert.Equal(t, 42, opt)
	set, ok := d.CustomFields.Options(v2KeySet)
	assert.True(t, ok)
	assert.Equal(t, []int{43, 44}, set)
}

func TestV2DealsGetNullData(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v2/deals/{id}", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":null}`)
	})
	_, _, err := env.client.V2.Deals.Get(context.Background(), 5)
	assert.ErrorIs(t, err, ErrInvalidResponse)
}

func TestV2DealsCreate(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("POST /pipedrive/api/v2/deals", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{})
		testBody(t, r, `{
			"title": "Umbrella expansion",
			"owner_id": 7,
			"person_id": 31,
			"org_id": 12,
			"stage_id": 1,
			"currency": "EUR",
			"status": "open",
			"probability": 0,
			"visible_to": 7,
			"expected_close_date": "2026-06-30",
			"label_ids": [2],
			"custom_fields": {
				"`+v2KeyMonetary+`": {"value": 2000, "currency": "EUR"},
				"`+v2KeySet+`": [43],
				"`+v2KeyRange+`": {"value": "2026-07-01", "until": "2026-07-31"},
				"`+v2KeyText+`": null
			}
		}`)
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/deals/create.json"))
	})
	d, _, err := env.client.V2.Deals.Create(context.Background(), &V2DealCreateParams{
		Title:             "Umbrella expansion",
		OwnerID:           7,
		PersonID:          31,
		OrgID:             12,
		StageID:           1,
		Currency:          "EUR",
		Status:            V2DealStatusOpen,
		Probability:       Ptr(0.0),
		VisibleTo:         V2VisibilityCompany,
		ExpectedCloseDate: "2026-06-30",
		LabelIDs:          []int{2},
		CustomFields: map[string]any{
			v2KeyMonetary: V2Monetary{Value: 2000, Currency: "EUR"},
			v2KeySet:      []int{43},
			v2KeyRange:    V2DateRange{Value: "2026-07-01", Until: "2026-07-31"},
			v2KeyText:     nil,
		},
	})
	require.NoError(t, err)
	assert.Equal(t, 104, d.ID)
	assert.Equal(t, V2VisibilityCompany, d.VisibleTo)
	set, ok := d.CustomFields.Options(v2KeySet)
	assert.True(t, ok)
	assert.Equal(t, []int{43}, set)
}

func TestV2DealsCreateTimes(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("POST /pipedrive/api/v2/deals", func(w http.ResponseWriter, r *http.Request) {
		testBody(t, r, `{
			"title": "Closed one",
			"value": 250.5,
			"status": "won",
			"won_time": "2026-03-01T10:00:00Z",
			"close_time": "2026-03-01T10:00:00Z",
			"is_archived": true,
			"archive_time": "2026-03-02 08:30:00"
		}`)
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/deals/create.json"))
	})
	cet := time.FixedZone("CET", 3600)
	_, _, err := env.client.V2.Deals.Create(context.Background(), &V2DealCreateParams{
		Title:       "Closed one",
		Value:       250.5,
		Status:      V2DealStatusWon,
		WonTime:     time.Date(2026, 3, 1, 11, 0, 0, 0, cet),
		CloseTime:   time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC),
		IsArchived:  true,
		ArchiveTime: time.Date(2026, 3, 2, 9, 30, 0, 0, cet),
	})
	require.NoError(t, err)
}

// TestV2DealsUpdate checks that PATCH sends only the fields set, zero
// values included, and null for the fields cleared.
func TestV2DealsUpdate(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("PATCH /pipedrive/api/v2/deals/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "101", r.PathValue("id"))
		testQuery(t, r, url.Values{})
		testBody(t, r, `{
			"title": "Acme rollout (phase 2)",
			"value": 0,
			"probability": null,
			"lost_reason": null,
			"close_time": null,
			"label_ids": [],
			"stage_id": 3,
			"visible_to": 3,
			"is_archived": false,
			"expected_close_date": "2026-04-30",
			"custom_fields": {"`+v2KeyText+`": null, "`+v2KeyOption+`": 42}
		}`)
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/deals/update.json"))
	})
	d, _, err := env.client.V2.Deals.Update(context.Background(), 101, &V2DealUpdateParams{
		Title:             Set("Acme rollout (phase 2)"),
		Value:             Set(0.0),
		Probability:       Null[float64](),
		LostReason:        Null[string](),
		CloseTime:         Null[time.Time](),
		LabelIDs:          Set([]int{}),
		StageID:           Set(3),
		VisibleTo:         Set(V2VisibilityGroup),
		IsArchived:        Set(false),
		ExpectedCloseDate: Set(Date("2026-04-30")),
		CustomFields:      map[string]any{v2KeyText: nil, v2KeyOption: 42},
	})
	require.NoError(t, err)
	assert.Equal(t, "Acme rollout (phase 2)", d.Title)
	assert.Equal(t, 0.0, d.Value)
	assert.Nil(t, d.Probability)
	assert.Empty(t, d.LabelIDs)
	assert.True(t, d.CustomFields.IsNull(v2KeyText))
}

func TestV2DealsUpdateOneField(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("PATCH /pipedrive/api/v2/deals/{id}", func(w http.ResponseWriter, r *http.Request) {
		testBody(t, r, `{"status":"won","won_time":"2026-03-01T10:00:00Z","archive_time":"2026-03-02 08:30:00"}`)
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/deals/update.json"))
	})
	cet := time.FixedZone("CET", 3600)
	_, _, err := env.client.V2.Deals.Update(context.Background(), 101, &V2DealUpdateParams{
		Status:      Set(V2DealStatusWon),
		WonTime:     Set(time.Date(2026, 3, 1, 11, 0, 0, 0, cet)),
		ArchiveTime: Set(time.Date(2026, 3, 2, 8, 30, 0, 0, time.UTC)),
	})
	require.NoError(t, err)
}

func TestV2DealsDelete(t *testing.T) {
	env := setupV2(t)
	env.gateway.HandleFunc("DELETE /pipedrive/api/v2/deals/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "101", r.PathValue("id"))
		testQuery(t, r, url.Values{})
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/delete.json"))
	})
	resp, err := env.client.V2.Deals.Delete(context.Background(), 101)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

func TestV2DealsSearch(t *testing.T) {
	env := setupV2(t)
	var calls atomic.Int32
	env.gateway.HandleFunc("GET /pipedrive/api/v2/deals/search", func(w http.ResponseWriter, r *http.Request) {
		want := url.Values{
			"term":            {"acme"},
			"fields":          {"title,custom_fields"},
			"exact_match":     {"true"},
			"person_id":       {"31"},
			"organization_id": {"12"},
			"status":          {"open"},
			"include_fields":  {"deal.cc_email"},
			"limit":           {"1"},
		}
		calls.Add(1)
		if r.URL.Query().Has("cursor") {
			want.Set("cursor", "c2VhcmNoLXBhZ2UtMg")
			testQuery(t, r, want)
			writeJSON(t, w, http.StatusOK, testdata(t, "v2/deals/search_page2.json"))
			return
		}
		testQuery(t, r, want)
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/deals/search.json"))
	})
	opts := &V2DealSearchOptions{
		Term:           "acme",
		Fields:         []V2SearchField{V2SearchFieldTitle, V2SearchFieldCustomFields},
		ExactMatch:     true,
		PersonID:       31,
		OrganizationID: 12,
		Status:         V2DealStatusOpen,
		IncludeFields:  []string{"deal.cc_email"},
		V2ListOptions:  V2ListOptions{Limit: 1},
	}
	hits, resp, err := env.client.V2.Deals.Search(context.Background(), opts)
	require.NoError(t, err)
	assert.Equal(t, "c2VhcmNoLXBhZ2UtMg", resp.NextCursor)
	require.Len(t, hits, 1)
	h := hits[0]
	assert.Equal(t, 1.72, h.ResultScore)
	assert.Equal(t, 101, h.Item.ID)
	assert.Equal(t, "deal", h.Item.Type)
	assert.Equal(t, 12500.0, h.Item.Value)
	assert.Equal(t, V2VisibilityGroup, h.Item.VisibleTo)
	assert.Equal(t, V2SearchRef{ID: 7}, h.Item.Owner)
	assert.Equal(t, V2SearchRef{ID: 3, Name: "Proposal made"}, h.Item.Stage)
	assert.Equal(t, V2SearchRef{ID: 31, Name: "Ann Smith"}, h.Item.Person)
	assert.Equal(t, V2SearchRef{}, h.Item.Organization, "null organization")
	assert.Equal(t, []string{"Priority customer"}, h.Item.CustomFields)

	all, err := collectV2(env.client.V2.Deals.SearchAll(context.Background(), opts))
	require.NoError(t, err)
	require.Len(t, all, 2)
	assert.Equal(t, 103, all[1].Item.ID)
	assert.Equal(t, "Acme Corp", all[1].Item.Organization.Name)
	assert.Equal(t, int32(3), calls.Load())
}

func TestV2DealsValidation(t *testing.T) {
	env := setupV2(t)
	ctx := context.Background()
	deals := env.client.V2.Deals
	tooMany := make([]int, 101)
	for i := range tooMany {
		tooMany[i] = i + 1
	}
	list := func(o *V2DealListOptions) error { _, _, err := deals.List(ctx, o); return err }
	for _, tc := range []struct {
		name, field string
		err         error
	}{
		{"limit above 500", "limit", list(&V2DealListOptions{V2ListOptions: V2ListOptions{Limit: 501}})},
		{"negative limit", "limit", list(&V2DealListOptions{V2ListOptions: V2ListOptions{Limit: -1}})},
		{"101 ids", "ids", list(&V2DealListOptions{IDs: tooMany})},
		{"id 0 in ids", "ids", list(&V2DealListOptions{IDs: []int{1, 0}})},
		{"negative owner", "owner_id", list(&V2DealListOptions{OwnerID: -1})},
		{"bad status", "status", list(&V2DealListOptions{Status: []V2DealStatus{"all_not_deleted"}})},
		{"bad sort_by", "sort_by", list(&V2DealListOptions{SortBy: V2SortByDueDate})},
		{"bad sort_direction", "sort_direction", list(&V2DealListOptions{SortDirection: "up"})},
		{"until before since", "updated_until", list(&V2DealListOptions{UpdatedSince: time.Now(), UpdatedUntil: time.Now().Add(-time.Hour)})},
		{"bad custom field key", "custom_fields", list(&V2DealListOptions{CustomFields: []string{"title"}})},
		{"archived limit", "limit", func() error {
			_, _, err := deals.Archived(ctx, &V2DealListOptions{V2ListOptions: V2ListOptions{Limit: 1000}})
			return err
		}()},
		{"all limit", "limit", func() error {
			_, err := collectV2(deals.All(ctx, &V2DealListOptions{V2ListOptions: V2ListOptions{Limit: 501}}))
			return err
		}()},
		{"get id 0", "id", func() error { _, _, err := deals.Get(ctx, 0); return err }()},
		{"delete id -1", "id", func() error { _, err := deals.Delete(ctx, -1); return err }()},
		{"create nil", "params", func() error { _, _, err := deals.Create(ctx, nil); return err }()},
		{"create empty title", "title", func() error { _, _, err := deals.Create(ctx, &V2DealCreateParams{Title: "  "}); return err }()},
		{"create deleted status", "status", func() error {
			_, _, err := deals.Create(ctx, &V2DealCreateParams{Title: "x", Status: V2DealStatusDeleted})
			return err
		}()},
		{"create visible_to 2", "visible_to", func() error {
			_, _, err := deals.Create(ctx, &V2DealCreateParams{Title: "x", VisibleTo: 2})
			return err
		}()},
		{"create probability 101", "probability", func() error {
			_, _, err := deals.Create(ctx, &V2DealCreateParams{Title: "x", Probability: Ptr(101.0)})
			return err
		}()},
		{"create bad date", "expected_close_date", func() error {
			_, _, err := deals.Create(ctx, &V2DealCreateParams{Title: "x", ExpectedCloseDate: "30/06/2026"})
			return err
		}()},
		{"update id 0", "id", func() error { _, _, err := deals.Update(ctx, 0, &V2DealUpdateParams{}); return err }()},
		{"update nil", "params", func() error { _, _, err := deals.Update(ctx, 1, nil); return err }()},
		{"update empty title", "title", func() error {
			_, _, err := deals.Update(ctx, 1, &V2DealUpdateParams{Title: Set("")})
			return err
		}()},
		{"update null title", "title", func() error {
			_, _, err := deals.Update(ctx, 1, &V2DealUpdateParams{Title: Null[string]()})
			return err
		}()},
		{"update null person", "person_id", func() error {
			_, _, err := deals.Update(ctx, 1, &V2DealUpdateParams{PersonID: Null[int]()})
			return err
		}()},
		{"update stage 0", "stage_id", func() error {
			_, _, err := deals.Update(ctx, 1, &V2DealUpdateParams{StageID: Set(0)})
			return err
		}()},
		{"update bad status", "status", func() error {
			_, _, err := deals.Update(ctx, 1, &V2DealUpdateParams{Status: Set(V2DealStatus("closed"))})
			return err
		}()},
		{"update label 0", "label_ids", func() error {
			_, _, err := deals.Update(ctx, 1, &V2DealUpdateParams{LabelIDs: Set([]int{0})})
			return err
		}()},
		{"search nil", "term", func() error { _, _, err := deals.Search(ctx, nil); return err }()},
		{"search 1 char", "term", func() error {
			_, _, err := deals.Search(ctx, &V2DealSearchOptions{Term: "a"})
			return err
		}()},
		{"search blank", "term", func() error {
			_, _, err := deals.Search(ctx, &V2DealSearchOptions{Term: "  ", ExactMatch: true})
			return err
		}()},
		{"search bad field", "fields", func() error {
			_, _, err := deals.Search(ctx, &V2DealSearchOptions{Term: "ab", Fields: []V2SearchField{V2SearchFieldEmail}})
			return err
		}()},
		{"search deleted status", "status", func() error {
			_, _, err := deals.Search(ctx, &V2DealSearchOptions{Term: "ab", Status: V2DealStatusDeleted})
			return err
		}()},
		{"search limit", "limit", func() error {
			_, _, err := deals.Search(ctx, &V2DealSearchOptions{Term: "ab", V2ListOptions: V2ListOptions{Limit: 501}})
			return err
		}()},
		{"searchAll nil", "term", func() error { _, err := collectV2(deals.SearchAll(ctx, nil)); return err }()},
	} {
		t.Run(tc.name, func(t *testing.T) { requireValidation(t, tc.err, tc.field) })
	}
	assert.Zero(t, env.requests.Load(), "nothing was sent")

	// One character is enough with an exact match.
	env.gateway.HandleFunc("GET /pipedrive/api/v2/deals/search", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{"term": {"a"}, "exact_match": {"true"}})
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":{"items":[]},"additional_data":{"next_cursor":null}}`)
	})
	hits, _, err := deals.Search(ctx, &V2DealSearchOptions{Term: "a", ExactMatch: true})
	require.NoError(t, err)
	assert.Empty(t, hits)
	assert.True(t, strings.HasPrefix(v2Path("deals", "search"), "/pipedrive/api/v2/"))
}
