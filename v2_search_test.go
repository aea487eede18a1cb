package pipedrive

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestV2ItemSearch(t *testing.T) {
	env := setupV2(t)
	var calls atomic.Int32
	env.gateway.HandleFunc("GET /pipedrive/api/v2/itemSearch", func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		want := url.Values{
			"term":                     {"acme"},
			"item_types":               {"deal,person,organization,lead,product,file,project"},
			"fields":                   {"name,title,code"},
			"search_for_related_items": {"true"},
			"include_fields":           {"deal.cc_email,product.price"},
			"limit":                    {"100"},
		}
		if c := r.URL.Query().Get("cursor"); c != "" {
			want.Set("cursor", "aXRlbS0y")
			testQuery(t, r, want)
			writeJSON(t, w, http.StatusOK, testdata(t, "v2/itemsearch/page2.json"))
			return
		}
		testQuery(t, r, want)
		writeJSON(t, w, http.StatusOK, testdata(t, "v2/itemsearch/page1.json"))
	})
	opts := &V2ItemSearchOptions{
		Term: "acme",
		ItemTypes: []V2ItemType{V2ItemTypeDeal, V2ItemTypePerson, V2ItemTypeOrganization, V2ItemTypeLead,
			V2ItemTypeProduct, V2ItemTypeFile, V2ItemTypeProject},
		Fields:                []V2SearchField{V2SearchFieldName, V2SearchFieldTitle, V2SearchFieldCode},
		SearchForRelatedItems: true,
		IncludeFields:         []string{"deal.cc_email", "product.price"},
		V2ListOptions:         V2ListOptions{Limit: 100},
	}
	hits, resp, err := env.client.V2.ItemSearch.Search(context.Background(), opts)
	require.NoError(t, err)
	assert.Equal(t, "aXRlbS0y", resp.NextCursor)
	require.Len(t, hits, 5)

	deal := hits[0]
	assert.Equal(t, 1.31, deal.ResultScore)
	assert.False(t, deal.Related)
	assert.Equal(t, V2ItemTypeDeal, deal.Item.Type)
	assert.Equal(t, 101, deal.Item.ID)
	assert.Equal(t, "Acme rollout", deal.Item.Title)
	assert.Equal(t, 12500.0, deal.Item.Value)
	assert.Equal(t, "open", deal.Item.Status)
	assert.Equal(t, V2SearchRef{ID: 3, Name: "Proposal made"}, deal.Item.Stage)
	assert.Equal(t, V2SearchRef{ID: 12, Name: "Acme Corp", Address: "Narva mnt 5, Tallinn"}, deal.Item.Organization)
	assert.Equal(t, "acme+deal101@pipedrivemail.com", deal.Item.CCEmail)

	org := hits[1].Item
	assert.Equal(t, V2ItemTypeOrganization, org.Type)
	assert.Equal(t, "Narva mnt 5, Tallinn", org.Address)

	person := hits[2].Item
	assert.Equal(t, V2ItemTypePerson, person.Type)
	assert.Equal(t, []string{"ann@acme.example"}, person.Emails)
	assert.Equal(t, V2SearchRef{ID: 12, Name: "Acme Corp"}, person.Organization)

	lead := hits[3].Item
	assert.Equal(t, V2ItemTypeLead, lead.Type)
	assert.Zero(t, lead.ID)
	assert.Equal(t, "39c433f0-8a4c-11ec-8728-09968f0a1ca0", lead.LeadID)
	assert.Equal(t, 500.0, lead.Value)

	related := hits[4]
	assert.True(t, related.Related)
	assert.Equal(t, 102, related.Item.ID)
	assert.Equal(t, "Acme support", related.Item.Title)

	all, err := collectV2(env.client.V2.ItemSearch.SearchAll(context.Background(), opts))
	require.NoError(t, err)
	require.Len(t, all, 8)
	product := all[5].Item
	assert.Equal(t, V2ItemTypeProduct, product.Type)
	assert.Equal(t, "ACME-W1", product.Code)
	var extra struct {
		Price []struct {
			Price    float64 `json:"price"`
			Currency string  `json:"currency"`
		} `json:"price"`
	}
	require.NoError(t, json.Unmarshal(product.Raw, &extra), "undecoded fields are in Raw")
	assert.Equal(t, "EUR", extra.Price[0].Currency)

	file := all[6].Item
	assert.Equal(t, V2ItemTypeFile, file.Type)
	assert.Equal(t, "/files/3/download", file.URL)
	assert.Equal(t, V2SearchRef{ID: 101, Title: "Acme rollout"}, file.Deal)

	project := all[7].Item
	assert.Equal(t, V2ItemTypeProject, project.Type)
	assert.Equal(t, 2, project.BoardID)
	assert.Equal(t, V2SearchRef{ID: 3, Name: "In progress"}, project.Phase)
	assert.Equal(t, 1, project.DealCount)
	assert.Equal(t, Date("2026-06-30"), project.EndDate)
	assert.Zero(t, project.Person.ID)
	assert.Equal(t, int32(3), calls.Load())
}

func TestV2SearchItemJSON(t *testing.T) {
	var it V2SearchItem
	require.NoError(t, json.Unmarshal([]byte(`{"id":1,"type":"product","name":"Widget","code":123}`), &it))
	assert.Equal(t, "123", it.Code, "a numeric code is kept as text")
	assert.Equal(t, 1, it.ID)

	b, err := json.Marshal(V2SearchItem{LeadID: "abc", Type: V2ItemTypeLead, Title: "Lead"})
	require.NoError(t, err)
	var back V2SearchItem
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, "abc", back.LeadID)
	assert.Equal(t, "Lead", back.Title)

	b, err = json.Marshal(it)
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":1,"type":"product","name":"Widget","code":123}`, string(b), "Raw round-trips")
}

func TestV2ItemSearchValidation(t *testing.T) {
	env := setupV2(t)
	ctx := context.Background()
	is := env.client.V2.ItemSearch
	for _, tc := range []struct {
		name, field string
		err         error
	}{
		{"nil", "term", func() error { _, _, err := is.Search(ctx, nil); return err }()},
		{"1 char", "term", func() error { _, _, err := is.Search(ctx, &V2ItemSearchOptions{Term: "x"}); return err }()},
		{"limit 101", "limit", func() error {
			_, _, err := is.Search(ctx, &V2ItemSearchOptions{Term: "acme", V2ListOptions: V2ListOptions{Limit: 101}})
			return err
		}()},
		{"bad item type", "item_types", func() error {
			_, _, err := is.Search(ctx, &V2ItemSearchOptions{Term: "acme", ItemTypes: []V2ItemType{"note"}})
			return err
		}()},
		{"bad field", "fields", func() error {
			_, _, err := is.Search(ctx, &V2ItemSearchOptions{Term: "acme", Fields: []V2SearchField{"label"}})
			return err
		}()},
		{"searchAll 1 char", "term", func() error {
			_, err := collectV2(is.SearchAll(ctx, &V2ItemSearchOptions{Term: "x"}))
			return err
		}()},
	} {
		t.Run(tc.name, func(t *testing.T) { requireValidation(t, tc.err, tc.field) })
	}
	assert.Zero(t, env.requests.Load())
}
