package pipedrivetest_test

import (
	"strings"
	"testing"

	"github.com/gopipedrive/pipedrive"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Products, their variations, search, duplicate and followers through the
// SDK, validated against the spec, with Pipedrive's rules.
func TestConformanceProducts(t *testing.T) {
	srv, c, ctx := sdkConformance(t)

	p, _, err := c.V2.Products.Create(ctx, &pipedrive.V2ProductCreateParams{Name: "Widget", Code: "W-1", Unit: "pcs", Tax: 20,
		Prices:           []pipedrive.V2ProductPrice{{Currency: "EUR", Price: 100, Cost: 40}, {Currency: "USD", Price: 110}},
		BillingFrequency: pipedrive.V2BillingMonthly, BillingFrequencyCycles: pipedrive.Ptr(12), VisibleTo: pipedrive.V2VisibilityCompany})
	require.NoError(t, err)
	assert.Equal(t, "Widget", p.Name)
	require.Len(t, p.Prices, 2)
	assert.Equal(t, p.ID, p.Prices[0].ProductID)
	assert.Equal(t, 1, p.OwnerID, "the authorizing user by default")
	plain, _, err := c.V2.Products.Create(ctx, &pipedrive.V2ProductCreateParams{Name: "Gadget"})
	require.NoError(t, err)
	require.Len(t, plain.Prices, 1, "a price of 0 in the user's currency")
	assert.Zero(t, plain.Prices[0].Price)
	_, _, err = c.V2.Products.Create(ctx, &pipedrive.V2ProductCreateParams{Name: "x", OwnerID: 999})
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)

	p, _, err = c.V2.Products.Update(ctx, p.ID, &pipedrive.V2ProductUpdateParams{Name: pipedrive.Set("Widget Pro"), Code: pipedrive.Set("W-2")})
	require.NoError(t, err)
	assert.Equal(t, "Widget Pro", p.Name)
	assert.Equal(t, "pcs", p.Unit, "PATCH keeps what is not sent")
	got, _, err := c.V2.Products.Get(ctx, p.ID)
	require.NoError(t, err)
	assert.Equal(t, "Widget Pro", got.Name)

	var names []string
	for prod, err := range c.V2.Products.All(ctx, &pipedrive.V2ProductListOptions{SortBy: pipedrive.V2SortByName, V2ListOptions: pipedrive.V2ListOptions{Limit: 1}}) {
		require.NoError(t, err)
		names = append(names, prod.Name)
	}
	assert.Equal(t, []string{"Gadget", "Widget Pro"}, names)
	mine, _, err := c.V2.Products.List(ctx, &pipedrive.V2ProductListOptions{OwnerID: 1, IDs: []int{p.ID}})
	require.NoError(t, err)
	require.Len(t, mine, 1)

	hits, _, err := c.V2.Products.Search(ctx, &pipedrive.V2ProductSearchOptions{Term: "widg", IncludeFields: []string{"product.price"}})
	require.NoError(t, err)
	require.Len(t, hits, 1)
	assert.Equal(t, p.ID, hits[0].Item.ID)
	n := 0
	for _, err := range c.V2.Products.SearchAll(ctx, &pipedrive.V2ProductSearchOptions{Term: "g", ExactMatch: false, Fields: []pipedrive.V2ProductSearchField{pipedrive.V2ProductSearchName}, V2ListOptions: pipedrive.V2ListOptions{Limit: 1}}) {
		if err != nil {
			var ve *pipedrive.ValidationError
			require.ErrorAs(t, err, &ve, "a 1-character term needs exact_match")
			break
		}
		n++
	}

	dup, _, err := c.V2.Products.Duplicate(ctx, p.ID)
	require.NoError(t, err)
	assert.NotEqual(t, p.ID, dup.ID)
	assert.Equal(t, "Widget Pro", dup.Name)
	assert.Len(t, dup.Prices, 2)
	assert.Equal(t, dup.ID, dup.Prices[0].ProductID)

	v, _, err := c.V2.Products.AddVariation(ctx, p.ID, &pipedrive.V2ProductVariationParams{Name: "Large",
		Prices: []pipedrive.V2ProductPrice{{Currency: "EUR", Price: 120}}})
	require.NoError(t, err)
	assert.Equal(t, p.ID, v.ProductID)
	assert.Equal(t, v.ID, v.Prices[0].ProductVariationID)
	_, _, err = c.V2.Products.AddVariation(ctx, p.ID, &pipedrive.V2ProductVariationParams{Name: "Small"})
	require.NoError(t, err)
	v, _, err = c.V2.Products.UpdateVariation(ctx, p.ID, v.ID, &pipedrive.V2ProductVariationParams{Name: "XL"})
	require.NoError(t, err)
	assert.Equal(t, "XL", v.Name)
	var vs []string
	for it, err := range c.V2.Products.VariationsAll(ctx, p.ID, &pipedrive.V2ListOptions{Limit: 1}) {
		require.NoError(t, err)
		vs = append(vs, it.Name)
	}
	assert.Equal(t, []string{"XL", "Small"}, vs)
	_, err = c.V2.Products.DeleteVariation(ctx, p.ID, v.ID)
	require.NoError(t, err)
	one, _, err := c.V2.Products.Variations(ctx, p.ID, nil)
	require.NoError(t, err)
	assert.Len(t, one, 1)

	// Followers of a product, in both versions.
	fs, _, err := c.V2.Followers.List(ctx, pipedrive.FollowedProduct, p.ID, nil)
	require.NoError(t, err)
	assert.Len(t, fs, 1, "the owner")
	bob := srv.AddUser("", "Bob", "bob@example.com")
	_, _, err = c.V2.Followers.Add(ctx, pipedrive.FollowedProduct, p.ID, bob)
	require.NoError(t, err)
	v1f, _, err := c.Followers.List(ctx, pipedrive.FollowedProduct, p.ID)
	require.NoError(t, err)
	require.Len(t, v1f, 2)
	assert.Equal(t, p.ID, v1f[1].ProductID)
	f1, _, err := c.Followers.Add(ctx, pipedrive.FollowedProduct, plain.ID, bob)
	require.NoError(t, err)
	_, err = c.Followers.Delete(ctx, pipedrive.FollowedProduct, plain.ID, f1.ID)
	require.NoError(t, err)
	_, err = c.V2.Followers.Delete(ctx, pipedrive.FollowedProduct, p.ID, bob)
	require.NoError(t, err)
	log, _, err := c.V2.Followers.Changelog(ctx, pipedrive.FollowedProduct, p.ID, nil)
	require.NoError(t, err)
	assert.Len(t, log, 3)

	_, err = c.V2.Products.Delete(ctx, dup.ID)
	require.NoError(t, err)
	gone, _, err := c.V2.Products.Get(ctx, dup.ID)
	require.NoError(t, err)
	assert.True(t, gone.IsDeleted)
	_, err = c.V2.Products.Delete(ctx, dup.ID)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
	all, _, err := c.V2.Products.List(ctx, nil)
	require.NoError(t, err)
	assert.Len(t, all, 2, "deleted products are not listed")
}

// Currencies, the v1 lead search, a product's deals, files and permitted
// users, a user's followers (v2) and search by field, through the SDK.
func TestConformanceSmallCurrent(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	curs, _, err := c.Currencies.List(ctx, "eur")
	require.NoError(t, err)
	require.NotEmpty(t, curs)
	assert.Equal(t, "EUR", curs[0].Code)
	all, _, err := c.Currencies.List(ctx, "")
	require.NoError(t, err)
	assert.Greater(t, len(all), len(curs))

	person, _, err := c.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{Name: "Lead owner"})
	require.NoError(t, err)
	for _, title := range []string{"Inbound website", "Inbound referral", "Trade fair"} {
		_, _, err := c.Leads.Create(ctx, &pipedrive.LeadCreateParams{Title: title, PersonID: person.ID})
		require.NoError(t, err)
	}
	hits, res, err := c.Leads.Search(ctx, &pipedrive.LeadSearchOptions{Term: "inbound", PersonID: person.ID, ListOptions: pipedrive.ListOptions{Limit: 1}})
	require.NoError(t, err)
	require.Len(t, hits, 1)
	assert.True(t, res.Pagination.MoreItems)
	n := 0
	for _, err := range c.Leads.SearchAll(ctx, &pipedrive.LeadSearchOptions{Term: "inbound", ListOptions: pipedrive.ListOptions{Limit: 1}}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 2, n)

	p, _, err := c.V2.Products.Create(ctx, &pipedrive.V2ProductCreateParams{Name: "Gizmo", Code: "GZ"})
	require.NoError(t, err)
	deal, _, err := c.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "Gizmo deal"})
	require.NoError(t, err)
	_, _, err = c.V2.Deals.AddProduct(ctx, deal.ID, &pipedrive.V2DealProductParams{ProductID: p.ID, ItemPrice: 5, Quantity: 1})
	require.NoError(t, err)
	deals, _, err := c.Products.Deals(ctx, p.ID, &pipedrive.ProductDealsOptions{Status: "open"})
	require.NoError(t, err)
	require.Len(t, deals, 1)
	assert.Equal(t, deal.ID, deals[0].ID)
	files, _, err := c.Products.Files(ctx, p.ID, nil)
	require.NoError(t, err)
	assert.Empty(t, files)
	users, _, err := c.Products.PermittedUsers(ctx, p.ID)
	require.NoError(t, err)
	assert.Contains(t, users, 1)
	_, _, err = c.Products.Deals(ctx, 9999, nil)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)

	fs, _, err := c.V2.Users.Followers(ctx, 1, nil)
	require.NoError(t, err)
	assert.Empty(t, fs)
	for _, err := range c.V2.Users.FollowersAll(ctx, 1, nil) {
		require.NoError(t, err)
	}

	found, _, err := c.V2.ItemSearch.Field(ctx, &pipedrive.V2FieldSearchOptions{Term: "gizmo", EntityType: "deal", Field: "title", Match: pipedrive.V2MatchBeginning})
	require.NoError(t, err)
	require.Len(t, found, 1)
	assert.Equal(t, "Gizmo deal", found[0]["title"])
	assert.Equal(t, itoa(deal.ID), found[0].ID())
	m := 0
	for _, err := range c.V2.ItemSearch.FieldAll(ctx, &pipedrive.V2FieldSearchOptions{Term: "GZ", EntityType: "product", Field: "code"}) {
		require.NoError(t, err)
		m++
	}
	assert.Equal(t, 1, m)
}

// A product's image: upload (streamed multipart), read, replace, delete.
func TestConformanceProductImages(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	p, _, err := c.V2.Products.Create(ctx, &pipedrive.V2ProductCreateParams{Name: "Pictured product"})
	require.NoError(t, err)
	_, _, err = c.V2.Products.Image(ctx, p.ID)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
	img, _, err := c.V2.Products.UploadImage(ctx, p.ID, "box.png", strings.NewReader("PNG bytes"))
	require.NoError(t, err)
	assert.Equal(t, p.ID, img.ProductID)
	_, _, err = c.V2.Products.UploadImage(ctx, p.ID, "box.png", strings.NewReader("again"))
	var apiErr *pipedrive.APIError
	require.ErrorAs(t, err, &apiErr, "one image per product: replace it with UpdateImage")
	got, _, err := c.V2.Products.Image(ctx, p.ID)
	require.NoError(t, err)
	assert.Equal(t, "box.png", got.Name)
	assert.Equal(t, "image/png", got.MimeType)
	assert.NotEmpty(t, got.PublicURL)
	img, _, err = c.V2.Products.UpdateImage(ctx, p.ID, "box.jpg", strings.NewReader("JPEG bytes"))
	require.NoError(t, err)
	got, _, err = c.V2.Products.Image(ctx, p.ID)
	require.NoError(t, err)
	assert.Equal(t, "image/jpeg", got.MimeType)
	_, err = c.V2.Products.DeleteImage(ctx, p.ID)
	require.NoError(t, err)
	_, err = c.V2.Products.DeleteImage(ctx, p.ID)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
	_, _, err = c.V2.Products.UpdateImage(ctx, p.ID, "box.jpg", strings.NewReader("x"))
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
}

// The products on a person's deals (API v1).
func TestConformancePersonProducts(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	person, _, err := c.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{Name: "Buyer"})
	require.NoError(t, err)
	p, _, err := c.V2.Products.Create(ctx, &pipedrive.V2ProductCreateParams{Name: "Thing", Code: "T-1"})
	require.NoError(t, err)
	for _, title := range []string{"First", "Second"} {
		d, _, err := c.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: title, PersonID: person.ID})
		require.NoError(t, err)
		_, _, err = c.V2.Deals.AddProduct(ctx, d.ID, &pipedrive.V2DealProductParams{ProductID: p.ID, ItemPrice: 5, Quantity: 1})
		require.NoError(t, err)
	}
	var titles []string
	for start := 0; ; {
		page, res, err := c.Persons.Products(ctx, person.ID, &pipedrive.ListOptions{Start: start, Limit: 1})
		require.NoError(t, err)
		for _, pp := range page {
			assert.Equal(t, "Thing", pp.Product.Name)
			assert.Equal(t, pp.DealID, pp.Deal.ID)
			titles = append(titles, pp.Deal.Title)
		}
		if res.Pagination == nil || !res.Pagination.MoreItems {
			break
		}
		start = res.Pagination.NextStart
	}
	assert.Equal(t, []string{"First", "Second"}, titles)
	_, _, err = c.Persons.Products(ctx, 99999, nil)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
}
