package pipedrivetest_test

import (
	"net/http"
	"testing"

	"github.com/gopipedrive/pipedrive"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Products on a deal, the deal's value following them and its discounts,
// and installments, through the SDK, validated against the spec.
func TestConformanceDealProducts(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	widget, _, err := c.V2.Products.Create(ctx, &pipedrive.V2ProductCreateParams{Name: "Widget", Prices: []pipedrive.V2ProductPrice{{Currency: "EUR", Price: 100}}})
	require.NoError(t, err)
	hosting, _, err := c.V2.Products.Create(ctx, &pipedrive.V2ProductCreateParams{Name: "Hosting", BillingFrequency: pipedrive.V2BillingMonthly})
	require.NoError(t, err)
	deal, _, err := c.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "With products", Value: 5, Currency: "EUR"})
	require.NoError(t, err)
	other, _, err := c.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "Other", Currency: "EUR"})
	require.NoError(t, err)

	// No installment without a one-time product.
	_, _, err = c.V2.Deals.AddInstallment(ctx, deal.ID, &pipedrive.V2InstallmentParams{Description: "First", Amount: 100, BillingDate: "2026-01-31"})
	var apiErr *pipedrive.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)

	line, _, err := c.V2.Deals.AddProduct(ctx, deal.ID, &pipedrive.V2DealProductParams{ProductID: widget.ID, ItemPrice: 100, Quantity: 3,
		Discount: 10, Tax: 20, TaxMethod: pipedrive.V2TaxExclusive})
	require.NoError(t, err)
	assert.Equal(t, "Widget", line.Name)
	assert.InDelta(t, 324.0, line.Sum, 0.001, "3 × 100, less 10%, plus 20% tax")
	assert.Equal(t, "EUR", line.Currency)
	d, _, err := c.V2.Deals.Get(ctx, deal.ID)
	require.NoError(t, err)
	assert.InDelta(t, 324.0, d.Value, 0.001, "the deal is worth its products")

	bulk, _, err := c.V2.Deals.AddProducts(ctx, deal.ID, []*pipedrive.V2DealProductParams{
		{ProductID: widget.ID, ItemPrice: 50, Quantity: 1},
		{ProductID: widget.ID, ItemPrice: 25, Quantity: 2, Discount: 5, DiscountType: pipedrive.V2DiscountAmount, IsEnabled: pipedrive.Ptr(false)},
	})
	require.NoError(t, err)
	require.Len(t, bulk, 2)
	d, _, err = c.V2.Deals.Get(ctx, deal.ID)
	require.NoError(t, err)
	assert.InDelta(t, 374.0, d.Value, 0.001, "a disabled line does not count")

	_, _, err = c.V2.Deals.AddDiscount(ctx, deal.ID, &pipedrive.V2DealDiscountParams{Description: "Loyal", Amount: 74, Type: pipedrive.V2DiscountAmount})
	require.NoError(t, err)
	d, _, err = c.V2.Deals.Get(ctx, deal.ID)
	require.NoError(t, err)
	assert.InDelta(t, 300.0, d.Value, 0.001, "additional discounts come off")

	line, _, err = c.V2.Deals.UpdateProduct(ctx, deal.ID, line.ID, &pipedrive.V2DealProductUpdateParams{Quantity: pipedrive.Set(1.0)})
	require.NoError(t, err)
	assert.InDelta(t, 108.0, line.Sum, 0.001)
	_, _, err = c.V2.Deals.AddProduct(ctx, deal.ID, &pipedrive.V2DealProductParams{ProductID: 9999, ItemPrice: 1, Quantity: 1})
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)

	var ids []int
	for l, err := range c.V2.Deals.ProductsAll(ctx, deal.ID, &pipedrive.V2DealProductListOptions{SortBy: pipedrive.V2SortByOrderNr, V2ListOptions: pipedrive.V2ListOptions{Limit: 2}}) {
		require.NoError(t, err)
		ids = append(ids, l.ID)
	}
	assert.Len(t, ids, 3)
	_, _, err = c.V2.Deals.AddProduct(ctx, other.ID, &pipedrive.V2DealProductParams{ProductID: widget.ID, ItemPrice: 10, Quantity: 1})
	require.NoError(t, err)
	n := 0
	for l, err := range c.V2.Deals.ProductsOfDealsAll(ctx, &pipedrive.V2DealsProductsOptions{DealIDs: []int{deal.ID, other.ID},
		V2DealProductListOptions: pipedrive.V2DealProductListOptions{SortBy: pipedrive.V2SortByDealID, SortDirection: pipedrive.V2SortDesc}}) {
		require.NoError(t, err)
		if n == 0 {
			assert.Equal(t, other.ID, l.DealID)
		}
		n++
	}
	assert.Equal(t, 4, n)

	// Installments on a deal with one-time products only.
	inst, _, err := c.V2.Deals.AddInstallment(ctx, deal.ID, &pipedrive.V2InstallmentParams{Description: "First half", Amount: 150, BillingDate: "2026-01-31"})
	require.NoError(t, err)
	assert.Equal(t, deal.ID, inst.DealID)
	_, _, err = c.V2.Deals.AddInstallment(ctx, deal.ID, &pipedrive.V2InstallmentParams{Description: "Second half", Amount: 150, BillingDate: "2026-02-28"})
	require.NoError(t, err)
	inst, _, err = c.V2.Deals.UpdateInstallment(ctx, deal.ID, inst.ID, &pipedrive.V2InstallmentParams{Amount: 160})
	require.NoError(t, err)
	assert.Equal(t, 160.0, inst.Amount)
	insts, _, err := c.V2.Deals.Installments(ctx, &pipedrive.V2InstallmentListOptions{DealIDs: []int{deal.ID}, SortBy: pipedrive.V2SortByBillingDate, SortDirection: pipedrive.V2SortDesc})
	require.NoError(t, err)
	require.Len(t, insts, 2)
	assert.Equal(t, pipedrive.Date("2026-02-28"), insts[0].BillingDate)
	m := 0
	for _, err := range c.V2.Deals.InstallmentsAll(ctx, &pipedrive.V2InstallmentListOptions{DealIDs: []int{deal.ID}, V2ListOptions: pipedrive.V2ListOptions{Limit: 1}}) {
		require.NoError(t, err)
		m++
	}
	assert.Equal(t, 2, m)
	_, err = c.V2.Deals.DeleteInstallment(ctx, deal.ID, inst.ID)
	require.NoError(t, err)
	_, _, err = c.V2.Deals.AddProduct(ctx, other.ID, &pipedrive.V2DealProductParams{ProductID: hosting.ID, ItemPrice: 9, Quantity: 1, BillingFrequency: pipedrive.V2BillingMonthly})
	require.NoError(t, err)
	_, _, err = c.V2.Deals.AddInstallment(ctx, other.ID, &pipedrive.V2InstallmentParams{Description: "x", Amount: 1, BillingDate: "2026-01-31"})
	require.ErrorAs(t, err, &apiErr, "no installments with a recurring product")

	_, err = c.V2.Deals.DeleteProduct(ctx, deal.ID, bulk[0].ID)
	require.NoError(t, err)
	gone, _, err := c.V2.Deals.DeleteProducts(ctx, deal.ID, []int{line.ID})
	require.NoError(t, err)
	assert.Equal(t, []int{line.ID}, gone)
	rest, res, err := c.V2.Deals.DeleteProducts(ctx, deal.ID, nil)
	require.NoError(t, err)
	assert.Equal(t, []int{bulk[1].ID}, rest)
	_ = res
	left, _, err := c.V2.Deals.Products(ctx, deal.ID, nil)
	require.NoError(t, err)
	assert.Empty(t, left)
}
