package pipedrivetest_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/gopipedrive/pipedrive"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fieldID is the numeric id of an entity's field with the given key.
func fieldID(t *testing.T, c *pipedrive.Client, entity pipedrive.FieldEntity, key string) int {
	t.Helper()
	for f, err := range c.Fields.All(t.Context(), entity, nil) {
		require.NoError(t, err)
		if f.Key == key {
			return f.ID
		}
	}
	t.Fatalf("no %s field %q", entity, key)
	return 0
}

// Filters: created with checked conditions, applied by the lists that
// take filter_id, read with field codes, found by name, updated,
// deleted one by one and many at once — through the SDK, validated
// against the spec.
func TestConformanceFilters(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	ann, _, err := c.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{Name: "Ann Lee"})
	require.NoError(t, err)
	var deals []int
	for _, d := range []struct {
		title  string
		value  float64
		status pipedrive.V2DealStatus
		person int
	}{{"Small", 500, "open", 0}, {"Big", 5000, "open", 0}, {"Won big", 7000, "won", 0}, {"Ann's", 100, "open", ann.ID}} {
		deal, _, err := c.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: d.title, Value: d.value,
			Status: d.status, PersonID: d.person})
		require.NoError(t, err)
		deals = append(deals, deal.ID)
	}
	value, title := fieldID(t, c, pipedrive.EntityDeal, "value"), fieldID(t, c, pipedrive.EntityDeal, "title")
	personName := fieldID(t, c, pipedrive.EntityPerson, "name")

	big, _, err := c.Filters.Create(ctx, &pipedrive.FilterCreateParams{Name: "Big open deals", Type: pipedrive.FilterDeals,
		Conditions: pipedrive.AllOf(pipedrive.Cond("deal", value, pipedrive.OpGreaterEqual, "1000"), pipedrive.Cond("deal", title, pipedrive.OpNotStarts, "won"))})
	require.NoError(t, err)
	assert.Equal(t, "Big open deals", big.Name)
	require.NotNil(t, big.Conditions)

	listed := func(filterID int) []int {
		t.Helper()
		var ids []int
		for d, err := range c.V2.Deals.All(ctx, &pipedrive.V2DealListOptions{FilterID: filterID}) {
			require.NoError(t, err)
			ids = append(ids, d.ID)
		}
		return ids
	}
	assert.Equal(t, []int{deals[1]}, listed(big.ID), "value >= 1000 and the title does not start with won")

	either, _, err := c.Filters.Create(ctx, &pipedrive.FilterCreateParams{Name: "Ann or won", Type: pipedrive.FilterDeals,
		Conditions: pipedrive.AnyOf(pipedrive.Cond("person", personName, pipedrive.OpContains, "ann"), pipedrive.Cond("deal", title, pipedrive.OpStartsWith, "won"))})
	require.NoError(t, err)
	assert.Equal(t, []int{deals[2], deals[3]}, listed(either.ID), "a deal filter tests the deal's person too")

	got, _, err := c.Filters.Get(ctx, big.ID, &pipedrive.FilterGetOptions{IncludeFieldCode: true})
	require.NoError(t, err)
	require.Len(t, got.Conditions.Conditions[0].Conditions, 2)
	assert.Equal(t, "value", got.Conditions.Conditions[0].Conditions[0].FieldCode)

	all, _, err := c.Filters.List(ctx, &pipedrive.FilterListOptions{Type: pipedrive.FilterDeals})
	require.NoError(t, err)
	assert.Len(t, all, 2)
	assert.Nil(t, all[0].Conditions, "lists leave conditions out")
	people, _, err := c.Filters.List(ctx, &pipedrive.FilterListOptions{Type: pipedrive.FilterPersons})
	require.NoError(t, err)
	assert.Empty(t, people)
	found, _, err := c.Filters.Find(ctx, pipedrive.FilterDeals, "big OPEN deals")
	require.NoError(t, err)
	assert.Equal(t, big.ID, found.ID)
	_, _, err = c.Filters.Find(ctx, pipedrive.FilterDeals, "nope")
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)

	up, _, err := c.Filters.Update(ctx, big.ID, &pipedrive.FilterUpdateParams{Name: "Huge deals",
		Conditions: pipedrive.AllOf(pipedrive.Cond("deal", value, pipedrive.OpGreater, "6000"))})
	require.NoError(t, err)
	assert.Equal(t, "Huge deals", up.Name)
	assert.Equal(t, []int{deals[2]}, listed(big.ID))

	summary, _, err := c.Deals.Summary(ctx, &pipedrive.DealsSummaryOptions{FilterID: big.ID})
	require.NoError(t, err)
	assert.Equal(t, 1, summary.TotalCount, "the deal summary applies the filter too")

	helpers, _, err := c.Filters.Helpers(ctx)
	require.NoError(t, err)
	assert.Equal(t, "is", helpers.Operators["int"]["="])
	assert.NotEmpty(t, helpers.Raw)

	// Pipedrive's rules: an unknown field, a filter of another type.
	_, _, err = c.Filters.Create(ctx, &pipedrive.FilterCreateParams{Name: "Bad", Type: pipedrive.FilterDeals,
		Conditions: pipedrive.AllOf(pipedrive.Cond("deal", 987654, pipedrive.OpEqual, "x"))})
	var apiErr *pipedrive.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	assert.Contains(t, apiErr.Message, "has no field 987654")
	_, _, err = c.V2.Persons.List(ctx, &pipedrive.V2PersonListOptions{FilterID: big.ID})
	require.ErrorAs(t, err, &apiErr)
	assert.Contains(t, apiErr.Message, "not a people filter")

	_, err = c.Filters.Delete(ctx, either.ID)
	require.NoError(t, err)
	third, _, err := c.Filters.Create(ctx, &pipedrive.FilterCreateParams{Name: "Empty", Type: pipedrive.FilterDeals, Conditions: pipedrive.MatchAll(nil, nil)})
	require.NoError(t, err)
	assert.Len(t, listed(third.ID), 4, "no conditions: every deal")
	ids, _, err := c.Filters.DeleteMany(ctx, big.ID, third.ID)
	require.NoError(t, err)
	assert.Equal(t, []int{big.ID, third.ID}, ids)
	_, _, err = c.Filters.Get(ctx, big.ID, nil)
	assert.True(t, errors.Is(err, pipedrive.ErrNotFound))
}

// One field definition of every kind API v1 serves by id, as listed.
func TestConformanceFieldGetEachKind(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	for _, e := range []pipedrive.FieldEntity{pipedrive.EntityDeal, pipedrive.EntityPerson, pipedrive.EntityOrganization, pipedrive.EntityProduct} {
		key := "name"
		if e == pipedrive.EntityDeal {
			key = "title"
		}
		id := fieldID(t, c, e, key)
		f, _, err := c.Fields.Get(ctx, e, id)
		require.NoError(t, err, e)
		assert.Equal(t, id, f.ID, e)
		_, _, err = c.Fields.Get(ctx, e, 999999)
		assert.ErrorIs(t, err, pipedrive.ErrNotFound, e)
	}
}
