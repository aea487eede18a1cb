package pipedrivetest_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopipedrive/pipedrive"
	"github.com/gopipedrive/pipedrive/internal/conformance"
	"github.com/gopipedrive/pipedrive/pipedrivetest"
)

func TestClientV2(t *testing.T) {
	clientV2Scenario(t, newServer(t, pipedrivetest.WithSeedData()))
}

// TestConformanceClientV2 runs the SDK scenario through the spec-validating
// middleware, so what the SDK sends and what the server answers are both
// checked against the official specs.
func TestConformanceClientV2(t *testing.T) {
	clientV2Scenario(t, conformanceServer(t))
}

// clientV2Scenario uses the SDK's v2 services (and v1 ones on the same
// data) against srv, which must have the seed data.
func clientV2Scenario(t *testing.T, srv *pipedrivetest.Server) {
	// The server runs without Maton's rate limit (newServer), so the
	// client need not pace itself either.
	client := srv.Client(t, pipedrive.WithRateLimit(1000, 100),
		pipedrive.WithHTTPClient(&http.Client{Transport: conformance.TagTransport(nil)}))
	ctx := context.Background()
	region, _ := srv.Field("", "deal", "Region")
	contract, _ := srv.Field("", "deal", "Contract value")
	tags, _ := srv.Field("", "deal", "Tags")
	summary, _ := srv.Field("", "deal", "Notes summary")

	org, _, err := client.V2.Organizations.Create(ctx, &pipedrive.V2OrganizationCreateParams{
		Name: "Acme", Address: &pipedrive.V2Address{Value: "1 Main St", Locality: "Springfield"},
	})
	require.NoError(t, err)
	assert.Equal(t, "Springfield", org.Address.Locality)
	person, _, err := client.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{
		Name: "Bob Buyer", OrgID: org.ID,
		Emails: []pipedrive.ContactDetail{{Value: "bob@acme.test", Primary: true, Label: "work"}},
	})
	require.NoError(t, err)
	assert.Equal(t, "Buyer", person.LastName)
	require.Len(t, person.Emails, 1)
	assert.Equal(t, "bob@acme.test", person.Emails[0].Value)

	// Create with custom fields in the v2 shapes.
	deal, resp, err := client.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{
		Title: "SDK deal", Value: 1500, Currency: "EUR", PersonID: person.ID, OrgID: org.ID,
		Probability: pipedrive.Ptr(60.0), LostReason: "none", VisibleTo: pipedrive.V2VisibilityOwner,
		LabelIDs: []int{2}, ExpectedCloseDate: "2026-09-30",
		CustomFields: map[string]any{
			region.Key:   region.Options[2].ID,
			contract.Key: pipedrive.V2Monetary{Value: 2500, Currency: "EUR"},
			tags.Key:     []int{tags.Options[0].ID},
			summary.Key:  "Strategic account",
		},
	})
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "SDK deal", deal.Title)
	assert.Equal(t, person.ID, deal.PersonID)
	assert.Equal(t, pipedrive.V2VisibilityOwner, deal.VisibleTo)
	assert.Equal(t, []int{2}, deal.LabelIDs)
	assert.Equal(t, pipedrive.Date("2026-09-30"), deal.ExpectedCloseDate)
	assert.False(t, deal.AddTime.IsZero())
	opt, ok := deal.CustomFields.Option(region.Key)
	assert.True(t, ok)
	assert.Equal(t, region.Options[2].ID, opt)
	money, ok := deal.CustomFields.Monetary(contract.Key)
	assert.True(t, ok)
	assert.Equal(t, pipedrive.V2Monetary{Value: 2500, Currency: "EUR"}, money)
	ids, ok := deal.CustomFields.Options(tags.Key)
	assert.True(t, ok)
	assert.Equal(t, []int{tags.Options[0].ID}, ids)
	text, _ := deal.CustomFields.Text(summary.Key)
	assert.Equal(t, "Strategic account", text)

	// The same deal through the v1 service: flat custom fields.
	v1deal, _, err := client.Deals.Get(ctx, deal.ID)
	require.NoError(t, err)
	assert.Equal(t, "SDK deal", v1deal.Title)
	assert.Equal(t, itoa(region.Options[2].ID), v1deal.CustomFields.String(region.Key))
	assert.Equal(t, "EUR", v1deal.CustomFields.String(contract.Key+"_currency"))

	// Update: Set, Null clearing and custom fields (nil clears).
	updated, _, err := client.V2.Deals.Update(ctx, deal.ID, &pipedrive.V2DealUpdateParams{
		Title:        pipedrive.Set("SDK deal (renamed)"),
		Value:        pipedrive.Set(0.0),
		Probability:  pipedrive.Null[float64](),
		LostReason:   pipedrive.Null[string](),
		Status:       pipedrive.Set(pipedrive.V2DealStatusWon),
		CustomFields: map[string]any{region.Key: nil, tags.Key: []int{tags.Options[1].ID, tags.Options[2].ID}},
	})
	require.NoError(t, err)
	assert.Equal(t, "SDK deal (renamed)", updated.Title)
	assert.Equal(t, 0.0, updated.Value)
	assert.Nil(t, updated.Probability)
	assert.Empty(t, updated.LostReason)
	assert.Equal(t, pipedrive.V2DealStatusWon, updated.Status)
	assert.False(t, updated.WonTime.IsZero())
	assert.True(t, updated.CustomFields.IsNull(region.Key))
	ids, _ = updated.CustomFields.Options(tags.Key)
	assert.Equal(t, []int{tags.Options[1].ID, tags.Options[2].ID}, ids)
	text, _ = updated.CustomFields.Text(summary.Key)
	assert.Equal(t, "Strategic account", text, "untouched custom fields stay")

	// Many deals, read back through All with small pages (cursor paging),
	// including deals created with v1.
	for i := 0; i < 4; i++ {
		_, _, err := client.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: fmt.Sprint("v2 deal ", i)})
		require.NoError(t, err)
	}
	_, _, err = client.Deals.Create(ctx, &pipedrive.DealCreateParams{Title: "v1 deal"})
	require.NoError(t, err)
	var titles []string
	pages := 0
	opts := &pipedrive.V2DealListOptions{SortDirection: pipedrive.V2SortDesc}
	opts.Limit = 2
	for d, err := range client.V2.Deals.All(ctx, opts) {
		require.NoError(t, err)
		titles = append(titles, d.Title)
	}
	assert.Equal(t, []string{"v1 deal", "v2 deal 3", "v2 deal 2", "v2 deal 1", "v2 deal 0", "SDK deal (renamed)"}, titles)
	page, resp, err := client.V2.Deals.List(ctx, opts)
	require.NoError(t, err)
	assert.Len(t, page, 2)
	for cursor := resp.NextCursor; cursor != ""; pages++ {
		o := *opts
		o.Cursor = cursor
		_, r, err := client.V2.Deals.List(ctx, &o)
		require.NoError(t, err)
		cursor = r.NextCursor
	}
	assert.Equal(t, 2, pages, "three pages of two")

	won, _, err := client.V2.Deals.List(ctx, &pipedrive.V2DealListOptions{
		Status: []pipedrive.V2DealStatus{pipedrive.V2DealStatusWon}, IncludeFields: []string{"smart_bcc_email"},
		CustomFields: []string{tags.Key}, UpdatedSince: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC),
	})
	require.NoError(t, err)
	require.Len(t, won, 1)
	assert.NotEmpty(t, won[0].SmartBCCEmail)
	assert.Equal(t, []string{tags.Key}, won[0].CustomFields.Keys())

	// Search, item search, activities, pipelines and stages.
	hits, _, err := client.V2.Deals.Search(ctx, &pipedrive.V2DealSearchOptions{Term: "renamed"})
	require.NoError(t, err)
	require.Len(t, hits, 1)
	assert.Equal(t, deal.ID, hits[0].Item.ID)
	items, _, err := client.V2.ItemSearch.Search(ctx, &pipedrive.V2ItemSearchOptions{Term: "acme",
		ItemTypes: []pipedrive.V2ItemType{pipedrive.V2ItemTypeOrganization, pipedrive.V2ItemTypePerson}})
	require.NoError(t, err)
	require.NotEmpty(t, items)
	assert.Equal(t, pipedrive.V2ItemTypeOrganization, items[0].Item.Type)
	people, _, err := client.V2.Persons.Search(ctx, &pipedrive.V2PersonSearchOptions{Term: "bob"})
	require.NoError(t, err)
	assert.Len(t, people, 1)

	act, _, err := client.V2.Activities.Create(ctx, &pipedrive.V2ActivityCreateParams{
		Subject: "Kick-off", DealID: deal.ID, PersonID: person.ID, DueDate: "2026-05-01", DueTime: "10:00",
		Busy: pipedrive.Ptr(true),
	})
	require.NoError(t, err)
	assert.True(t, act.Busy)
	assert.Equal(t, org.ID, act.OrgID)
	act, _, err = client.V2.Activities.Update(ctx, act.ID, &pipedrive.V2ActivityUpdateParams{Done: pipedrive.Set(true)})
	require.NoError(t, err)
	assert.True(t, act.Done)
	acts, _, err := client.V2.Activities.List(ctx, &pipedrive.V2ActivityListOptions{DealID: deal.ID, Done: pipedrive.Ptr(true)})
	require.NoError(t, err)
	assert.Len(t, acts, 1)

	pl, _, err := client.V2.Pipelines.Create(ctx, &pipedrive.V2PipelineCreateParams{Name: "Partners"})
	require.NoError(t, err)
	st, _, err := client.V2.Stages.Create(ctx, &pipedrive.V2StageCreateParams{Name: "Intro", PipelineID: pl.ID})
	require.NoError(t, err)
	assert.Equal(t, 1, st.OrderNr)
	st, _, err = client.V2.Stages.Update(ctx, st.ID, &pipedrive.V2StageUpdateParams{DaysToRotten: pipedrive.Set(5),
		IsDealRotEnabled: pipedrive.Set(true)})
	require.NoError(t, err)
	require.NotNil(t, st.DaysToRotten)
	assert.Equal(t, 5, *st.DaysToRotten)
	stages, _, err := client.V2.Stages.List(ctx, &pipedrive.V2StageListOptions{PipelineID: pl.ID})
	require.NoError(t, err)
	assert.Len(t, stages, 1)
	moved, _, err := client.V2.Deals.Update(ctx, deal.ID, &pipedrive.V2DealUpdateParams{StageID: pipedrive.Set(st.ID)})
	require.NoError(t, err)
	assert.Equal(t, pl.ID, moved.PipelineID)

	// Organization update with Null, then deletes.
	org, _, err = client.V2.Organizations.Update(ctx, org.ID, &pipedrive.V2OrganizationUpdateParams{
		Website: pipedrive.Set("https://acme.test"), EmployeeCount: pipedrive.Set(5)})
	require.NoError(t, err)
	assert.Equal(t, "https://acme.test", org.Website)
	org, _, err = client.V2.Organizations.Update(ctx, org.ID, &pipedrive.V2OrganizationUpdateParams{Website: pipedrive.Null[string]()})
	require.NoError(t, err)
	assert.Empty(t, org.Website)

	_, err = client.V2.Deals.Delete(ctx, deal.ID)
	require.NoError(t, err)
	gone, _, err := client.V2.Deals.Get(ctx, deal.ID)
	require.NoError(t, err)
	assert.True(t, gone.IsDeleted)
	v1gone, _, err := client.Deals.Get(ctx, deal.ID)
	require.NoError(t, err)
	assert.Equal(t, "deleted", string(v1gone.Status))
	_, err = client.V2.Persons.Delete(ctx, person.ID)
	require.NoError(t, err)
	_, err = client.V2.Activities.Delete(ctx, act.ID)
	require.NoError(t, err)
	_, err = client.V2.Stages.Delete(ctx, st.ID)
	require.NoError(t, err)
	_, err = client.V2.Pipelines.Delete(ctx, pl.ID)
	require.NoError(t, err)
	_, err = client.V2.Organizations.Delete(ctx, org.ID)
	require.NoError(t, err)

	// Errors come back typed.
	_, _, err = client.V2.Deals.Get(ctx, 999)
	var apiErr *pipedrive.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 404, apiErr.StatusCode)
}
