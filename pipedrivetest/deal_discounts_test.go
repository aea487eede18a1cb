package pipedrivetest_test

import (
	"net/http"
	"testing"

	"github.com/gopipedrive/pipedrive"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A deal's additional discounts through the SDK, validated against the
// spec, with Pipedrive's rules.
func TestConformanceDealDiscounts(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	deal, _, err := c.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "Discounted"})
	require.NoError(t, err)

	d, _, err := c.V2.Deals.AddDiscount(ctx, deal.ID, &pipedrive.V2DealDiscountParams{Description: "Loyalty", Amount: 10, Type: pipedrive.V2DiscountPercentage})
	require.NoError(t, err)
	assert.Len(t, d.ID, 36)
	assert.Equal(t, deal.ID, d.DealID)
	assert.False(t, d.CreatedAt.IsZero())
	assert.NotZero(t, d.CreatedBy)
	_, _, err = c.V2.Deals.AddDiscount(ctx, deal.ID, &pipedrive.V2DealDiscountParams{Description: "Flat", Amount: 50, Type: pipedrive.V2DiscountAmount})
	require.NoError(t, err)

	d, _, err = c.V2.Deals.UpdateDiscount(ctx, deal.ID, d.ID, &pipedrive.V2DealDiscountParams{Amount: 15})
	require.NoError(t, err)
	assert.Equal(t, 15.0, d.Amount)
	assert.Equal(t, "Loyalty", d.Description, "PATCH keeps what is not sent")

	// The fake refuses a percentage over 100 reached by changing the type.
	_, _, err = c.V2.Deals.UpdateDiscount(ctx, deal.ID, d.ID, &pipedrive.V2DealDiscountParams{Amount: 150})
	var apiErr *pipedrive.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)

	list, _, err := c.V2.Deals.Discounts(ctx, deal.ID)
	require.NoError(t, err)
	require.Len(t, list, 2)
	assert.Equal(t, pipedrive.V2DiscountAmount, list[1].Type)

	_, err = c.V2.Deals.DeleteDiscount(ctx, deal.ID, d.ID)
	require.NoError(t, err)
	_, err = c.V2.Deals.DeleteDiscount(ctx, deal.ID, d.ID)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
	_, _, err = c.V2.Deals.Discounts(ctx, 99999)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
}
