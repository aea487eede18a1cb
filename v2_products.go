package pipedrive

import (
	"context"
	"io"
	"iter"
	"mime"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Products and their variations (API v2).

// V2ProductsService lists, reads, creates, updates, deletes, searches and
// duplicates products, and manages their variations. Followers:
// Client.V2.Followers with FollowedProduct; products on deals:
// Client.V2.Deals.Products.
type V2ProductsService service

// V2BillingFrequency is how often a product is billed.
type V2BillingFrequency string

// Billing frequencies.
const (
	V2BillingOneTime      V2BillingFrequency = "one-time"
	V2BillingAnnually     V2BillingFrequency = "annually"
	V2BillingSemiAnnually V2BillingFrequency = "semi-annually"
	V2BillingQuarterly    V2BillingFrequency = "quarterly"
	V2BillingMonthly      V2BillingFrequency = "monthly"
	V2BillingWeekly       V2BillingFrequency = "weekly"
)

// checkBilling checks a billing frequency and its cycles; on create an
// unset frequency is one-time.
func checkBilling(f V2BillingFrequency, cycles *int, create bool) error {
	if f != "" {
		if err := checkEnumList("billing_frequency", []V2BillingFrequency{f}, V2BillingOneTime, V2BillingAnnually,
			V2BillingSemiAnnually, V2BillingQuarterly, V2BillingMonthly, V2BillingWeekly); err != nil {
			return err
		}
	}
	if cycles != nil {
		if *cycles <= 0 {
			return invalid("billing_frequency_cycles", "%d: at least 1", *cycles)
		}
		if f == V2BillingOneTime || (f == "" && create) {
			return invalid("billing_frequency_cycles", "set for a one-time product: cycles need a recurring billing_frequency")
		}
	}
	return nil
}

// V2ProductPrice is a price of a product (or of a variation) in one
// currency.
type V2ProductPrice struct {
	// ProductID (or ProductVariationID) is set in answers.
	ProductID          int      `json:"product_id,omitempty"`
	ProductVariationID int      `json:"product_variation_id,omitempty"`
	Currency           string   `json:"currency"`
	Price              float64  `json:"price"`
	Cost               float64  `json:"cost,omitempty"`
	DirectCost         *float64 `json:"direct_cost,omitempty"`
	Notes              string   `json:"notes,omitempty"`
}

// checkPrices refuses prices without a 3-letter currency, two prices in
// one currency and negative amounts.
func checkPrices(prices []V2ProductPrice) error {
	seen := map[string]bool{}
	for _, p := range prices {
		if len(p.Currency) != 3 || strings.ToUpper(p.Currency) != p.Currency {
			return invalid("prices", "%q is not a 3-letter currency code such as EUR", p.Currency)
		}
		if seen[p.Currency] {
			return invalid("prices", "two prices in %s: one price per currency", p.Currency)
		}
		seen[p.Currency] = true
		if p.Price < 0 || p.Cost < 0 || (p.DirectCost != nil && *p.DirectCost < 0) {
			return invalid("prices", "a negative price or cost in %s", p.Currency)
		}
	}
	return nil
}

// V2Product is a product.
type V2Product struct {
	ID          int     `json:"id"`
	Name        string  `json:"name"`
	Code        string  `json:"code"`
	Description string  `json:"description"`
	Unit        string  `json:"unit"`
	Tax         float64 `json:"tax"`
	// Category is the category option's id, as text.
	Category               *FlexString        `json:"category"`
	OwnerID                int                `json:"owner_id"`
	IsLinkable             bool               `json:"is_linkable"`
	IsDeleted              bool               `json:"is_deleted"`
	VisibleTo              V2Visibility       `json:"visible_to"`
	Prices                 []V2ProductPrice   `json:"prices"`
	BillingFrequency       V2BillingFrequency `json:"billing_frequency"`
	BillingFrequencyCycles *int               `json:"billing_frequency_cycles"`
	AddTime                time.Time          `json:"add_time,omitzero"`
	UpdateTime             time.Time          `json:"update_time,omitzero"`
	CustomFields           V2CustomFields     `json:"custom_fields,omitempty"`
}

// V2ProductCreateParams creates a product; Name is required.
type V2ProductCreateParams struct {
	Name        string  `json:"name"`
	Code        string  `json:"code,omitempty"`
	Description string  `json:"description,omitempty"`
	Unit        string  `json:"unit,omitempty"`
	Tax         float64 `json:"tax,omitempty"`
	// Category is a category option's id.
	Category   *int         `json:"category,omitempty"`
	OwnerID    int          `json:"owner_id,omitempty"`
	IsLinkable *bool        `json:"is_linkable,omitempty"`
	VisibleTo  V2Visibility `json:"visible_to,omitempty"`
	// Prices has one price per currency (default: 0 in the user's
	// currency).
	Prices                 []V2ProductPrice   `json:"prices,omitempty"`
	BillingFrequency       V2BillingFrequency `json:"billing_frequency,omitempty"`
	BillingFrequencyCycles *int               `json:"billing_frequency_cycles,omitempty"`
	// CustomFields sets custom fields by 40-hex key.
	CustomFields map[string]any `json:"custom_fields,omitempty"`
}

func (p *V2ProductCreateParams) validate() error {
	if strings.TrimSpace(p.Name) == "" {
		return invalid("name", "empty: a product needs a name")
	}
	return firstInvalid(
		checkOptionalID("owner_id", p.OwnerID),
		checkVisibleTo(p.VisibleTo),
		checkPrices(p.Prices),
		checkBilling(p.BillingFrequency, p.BillingFrequencyCycles, true),
		v2CheckCustomValues(p.CustomFields),
	)
}

// checkVisibleTo refuses a visibility other than 1, 3, 5, 7 (0: not set).
func checkVisibleTo(v V2Visibility) error {
	if v != 0 && !v.Valid() {
		return invalid("visible_to", "%d is not one of 1, 3, 5, 7", v)
	}
	return nil
}

// V2ProductUpdateParams changes the fields that are set; only
// BillingFrequencyCycles can be cleared with Null.
type V2ProductUpdateParams struct {
	Name                   Field[string]             `json:"name,omitzero"`
	Code                   Field[string]             `json:"code,omitzero"`
	Description            Field[string]             `json:"description,omitzero"`
	Unit                   Field[string]             `json:"unit,omitzero"`
	Tax                    Field[float64]            `json:"tax,omitzero"`
	Category               Field[int]                `json:"category,omitzero"`
	OwnerID                Field[int]                `json:"owner_id,omitzero"`
	IsLinkable             Field[bool]               `json:"is_linkable,omitzero"`
	VisibleTo              Field[V2Visibility]       `json:"visible_to,omitzero"`
	Prices                 Field[[]V2ProductPrice]   `json:"prices,omitzero"`
	BillingFrequency       Field[V2BillingFrequency] `json:"billing_frequency,omitzero"`
	BillingFrequencyCycles Field[int]                `json:"billing_frequency_cycles,omitzero"`
	CustomFields           map[string]any            `json:"custom_fields,omitempty"`
}

func (p *V2ProductUpdateParams) validate() error {
	if name, ok := p.Name.Value(); ok && strings.TrimSpace(name) == "" {
		return invalid("name", "empty: a product needs a name")
	}
	var cycles *int
	if n, ok := p.BillingFrequencyCycles.Value(); ok {
		cycles = &n
	}
	freq, _ := p.BillingFrequency.Value()
	prices, _ := p.Prices.Value()
	vis, _ := p.VisibleTo.Value()
	owner, _ := p.OwnerID.Value()
	return firstInvalid(
		v2NotNull("name", p.Name), v2NotNull("code", p.Code), v2NotNull("description", p.Description),
		v2NotNull("unit", p.Unit), v2NotNull("category", p.Category),
		v2NotNull("tax", p.Tax), v2NotNull("owner_id", p.OwnerID),
		v2NotNull("is_linkable", p.IsLinkable), v2NotNull("visible_to", p.VisibleTo), v2NotNull("prices", p.Prices),
		v2NotNull("billing_frequency", p.BillingFrequency),
		checkOptionalID("owner_id", owner), checkVisibleTo(vis), checkPrices(prices),
		checkBilling(freq, cycles, false), v2CheckCustomValues(p.CustomFields),
	)
}

// V2ProductListOptions filters V2.Products.List and All.
type V2ProductListOptions struct {
	OwnerID  int   `url:"owner_id,omitempty"`
	IDs      []int `url:"ids,comma,omitempty"`
	FilterID int   `url:"filter_id,omitempty"`
	// UpdatedSince keeps products updated at or after it (sent in UTC).
	UpdatedSince time.Time `url:"updated_since,omitempty"`
	// SortBy is id (default), name, add_time or update_time.
	SortBy        V2SortBy        `url:"sort_by,omitempty"`
	SortDirection V2SortDirection `url:"sort_direction,omitempty"`
	// CustomFields limits the custom fields returned to these keys.
	CustomFields []string `url:"custom_fields,comma,omitempty"`
	V2ListOptions
}

// V2SortByName sorts products by name.
const V2SortByName V2SortBy = "name"

func (o *V2ProductListOptions) query() (*V2ProductListOptions, error) {
	if o == nil {
		return nil, nil
	}
	if err := firstInvalid(
		checkOptionalID("owner_id", o.OwnerID), v2CheckIDList(o.IDs), checkOptionalID("filter_id", o.FilterID),
		v2CheckSort(o.SortBy, o.SortDirection, V2SortByName), v2CheckCustomFieldKeys(o.CustomFields),
		o.V2ListOptions.validate(),
	); err != nil {
		return nil, err
	}
	q := *o
	q.UpdatedSince = v2UTC(o.UpdatedSince)
	return &q, nil
}

// List returns one page of the products that are not deleted.
//
// Pipedrive: GET /api/v2/products (https://developers.pipedrive.com/docs/api/v2/Products#getProducts).
// Token cost: 10.
func (s *V2ProductsService) List(ctx context.Context, opts *V2ProductListOptions) ([]*V2Product, *Response, error) {
	q, err := opts.query()
	if err != nil {
		return nil, nil, err
	}
	return listPage[V2Product](ctx, s.client, v2Path("products"), queryOf(q), "")
}

// All iterates over every product List returns, fetching pages lazily. It
// yields an error once and stops.
//
// Pipedrive: GET /api/v2/products, once per page.
// Token cost: 10 per page.
func (s *V2ProductsService) All(ctx context.Context, opts *V2ProductListOptions) iter.Seq2[*V2Product, error] {
	return allPages(ctx, cursorPages, opts, func(o *V2ProductListOptions) *string { return &o.Cursor }, s.List)
}

// Get returns a product (a deleted one too, with IsDeleted).
//
// Pipedrive: GET /api/v2/products/{id} (https://developers.pipedrive.com/docs/api/v2/Products#getProduct).
// Token cost: 1.
func (s *V2ProductsService) Get(ctx context.Context, id int) (*V2Product, *Response, error) {
	return validated(checkID("id", id), func() (*V2Product, *Response, error) {
		return doOne[V2Product](ctx, s.client, &request{method: http.MethodGet, path: v2IDPath("products", id)})
	})
}

// Create adds a product.
//
// Pipedrive: POST /api/v2/products (https://developers.pipedrive.com/docs/api/v2/Products#addProduct).
// Token cost: 5.
func (s *V2ProductsService) Create(ctx context.Context, p *V2ProductCreateParams) (*V2Product, *Response, error) {
	return validated(checkRequired(p, "params", "nil *V2ProductCreateParams"), func() (*V2Product, *Response, error) {
		return doOne[V2Product](ctx, s.client, &request{method: http.MethodPost, path: v2Path("products"), body: p})
	})
}

// Update changes the fields of p that are set.
//
// Pipedrive: PATCH /api/v2/products/{id} (https://developers.pipedrive.com/docs/api/v2/Products#updateProduct).
// Token cost: 5.
func (s *V2ProductsService) Update(ctx context.Context, id int, p *V2ProductUpdateParams) (*V2Product, *Response, error) {
	return validated(firstInvalid(checkID("id", id), checkRequired(p, "params", "nil *V2ProductUpdateParams")), func() (*V2Product, *Response, error) {
		return v1Patch[V2Product](ctx, s.client, v2IDPath("products", id), p)
	})
}

// Delete marks a product as deleted; Pipedrive removes it for good after
// 30 days.
//
// Pipedrive: DELETE /api/v2/products/{id} (https://developers.pipedrive.com/docs/api/v2/Products#deleteProduct).
// Token cost: 3.
func (s *V2ProductsService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return deletePath(ctx, s.client, v2IDPath("products", id))
}

// Duplicate copies a product (prices included) into a new one.
//
// Pipedrive: POST /api/v2/products/{id}/duplicate (https://developers.pipedrive.com/docs/api/v2/Products#duplicateProduct).
// Token cost: 5.
func (s *V2ProductsService) Duplicate(ctx context.Context, id int) (*V2Product, *Response, error) {
	return validated(checkID("id", id), func() (*V2Product, *Response, error) {
		return doOne[V2Product](ctx, s.client, &request{method: http.MethodPost, path: v2IDPath("products", id) + "/duplicate"})
	})
}

// V2ProductSearchField is where a product search looks.
type V2ProductSearchField string

// Product search fields.
const (
	V2ProductSearchName         V2ProductSearchField = "name"
	V2ProductSearchCode         V2ProductSearchField = "code"
	V2ProductSearchCustomFields V2ProductSearchField = "custom_fields"
)

// V2ProductSearchOptions searches products.
type V2ProductSearchOptions struct {
	Term string `url:"term"`
	// Fields limits where to look (default: all).
	Fields     []V2ProductSearchField `url:"fields,comma,omitempty"`
	ExactMatch bool                   `url:"exact_match,omitempty"`
	// IncludeFields asks for "product.price".
	IncludeFields []string `url:"include_fields,comma,omitempty"`
	V2ListOptions
}

func (o *V2ProductSearchOptions) validate() error {
	return firstInvalid(
		checkSearchTerm(o.Term, o.ExactMatch),
		checkEnumList("fields", o.Fields, V2ProductSearchName, V2ProductSearchCode, V2ProductSearchCustomFields),
		checkEnumList("include_fields", o.IncludeFields, "product.price"),
		o.V2ListOptions.validate(),
	)
}

// V2ProductSearchResult is one hit of a product search.
type V2ProductSearchResult struct {
	ResultScore float64 `json:"result_score"`
	Item        struct {
		ID           int          `json:"id"`
		Type         string       `json:"type"`
		Name         string       `json:"name"`
		Code         FlexString   `json:"code"`
		VisibleTo    V2Visibility `json:"visible_to"`
		Owner        V2SearchRef  `json:"owner"`
		CustomFields []string     `json:"custom_fields,omitempty"`
		// Price is set when asked for with IncludeFields "product.price".
		Price *float64 `json:"price,omitempty"`
	} `json:"item"`
}

// Search finds products by name, code or custom field values and returns
// one page of hits, best first.
//
// Pipedrive: GET /api/v2/products/search (https://developers.pipedrive.com/docs/api/v2/Products#searchProducts).
// Token cost: 20 (the search API also allows only 10 requests per 2 seconds).
func (s *V2ProductsService) Search(ctx context.Context, opts *V2ProductSearchOptions) ([]*V2ProductSearchResult, *Response, error) {
	if err := checkRequired(opts, "term", "empty: a search term is required"); err != nil {
		return nil, nil, err
	}
	return searchPage[V2ProductSearchResult](ctx, s.client, v2Path("products", "search"), opts, "")
}

// SearchAll iterates over every hit of a product search, fetching pages
// lazily.
//
// Pipedrive: GET /api/v2/products/search, once per page.
// Token cost: 20 per page.
func (s *V2ProductsService) SearchAll(ctx context.Context, opts *V2ProductSearchOptions) iter.Seq2[*V2ProductSearchResult, error] {
	return allPages(ctx, cursorPages, opts, func(o *V2ProductSearchOptions) *string { return &o.Cursor }, s.Search)
}

// V2ProductVariation is a variation of a product (a size, a color...) with
// its own prices.
type V2ProductVariation struct {
	ID        int              `json:"id"`
	Name      string           `json:"name"`
	ProductID int              `json:"product_id"`
	Prices    []V2ProductPrice `json:"prices"`
}

// V2ProductVariationParams creates (Name required) or updates a variation.
type V2ProductVariationParams struct {
	Name   string           `json:"name,omitempty"`
	Prices []V2ProductPrice `json:"prices,omitempty"`
}

func (p *V2ProductVariationParams) check(create bool) error {
	switch {
	case p == nil:
		return invalid("params", "nil *V2ProductVariationParams")
	case create && strings.TrimSpace(p.Name) == "":
		return invalid("name", "empty: a variation needs a name")
	case len(p.Name) > 255:
		return invalid("name", "%d characters: at most 255", len(p.Name))
	}
	return checkPrices(p.Prices)
}

func variationPath(productID int, rest ...string) string {
	return v2Path(append([]string{"products", strconv.Itoa(productID), "variations"}, rest...)...)
}

// Variations returns one page of a product's variations.
//
// Pipedrive: GET /api/v2/products/{id}/variations (https://developers.pipedrive.com/docs/api/v2/Products#getProductVariations).
// Token cost: 10.
func (s *V2ProductsService) Variations(ctx context.Context, productID int, opts *V2ListOptions) ([]*V2ProductVariation, *Response, error) {
	return v2SubList[V2ProductVariation](ctx, s.client, checkID("id", productID), variationPath(productID), opts)
}

// VariationsAll iterates over every variation of a product.
//
// Pipedrive: GET /api/v2/products/{id}/variations, once per page.
// Token cost: 10 per page.
func (s *V2ProductsService) VariationsAll(ctx context.Context, productID int, opts *V2ListOptions) iter.Seq2[*V2ProductVariation, error] {
	return v2SubAll(ctx, opts, func(ctx context.Context, o *V2ListOptions) ([]*V2ProductVariation, *Response, error) {
		return s.Variations(ctx, productID, o)
	})
}

// AddVariation adds a variation to a product.
//
// Pipedrive: POST /api/v2/products/{id}/variations (https://developers.pipedrive.com/docs/api/v2/Products#addProductVariation).
// Token cost: 5.
func (s *V2ProductsService) AddVariation(ctx context.Context, productID int, p *V2ProductVariationParams) (*V2ProductVariation, *Response, error) {
	return validated(firstInvalid(checkID("id", productID), p.check(true)), func() (*V2ProductVariation, *Response, error) {
		return doOne[V2ProductVariation](ctx, s.client, &request{method: http.MethodPost, path: variationPath(productID), body: p})
	})
}

// UpdateVariation changes a variation's name or prices.
//
// Pipedrive: PATCH /api/v2/products/{id}/variations/{product_variation_id} (https://developers.pipedrive.com/docs/api/v2/Products#updateProductVariation).
// Token cost: 5.
func (s *V2ProductsService) UpdateVariation(ctx context.Context, productID, variationID int, p *V2ProductVariationParams) (*V2ProductVariation, *Response, error) {
	return validated(firstInvalid(checkID("id", productID), checkID("product_variation_id", variationID), p.check(false)), func() (*V2ProductVariation, *Response, error) {
		return v1Patch[V2ProductVariation](ctx, s.client, variationPath(productID, strconv.Itoa(variationID)), p)
	})
}

// DeleteVariation removes a variation.
//
// Pipedrive: DELETE /api/v2/products/{id}/variations/{product_variation_id} (https://developers.pipedrive.com/docs/api/v2/Products#deleteProductVariation).
// Token cost: 3.
func (s *V2ProductsService) DeleteVariation(ctx context.Context, productID, variationID int) (*Response, error) {
	if err := firstInvalid(checkID("id", productID), checkID("product_variation_id", variationID)); err != nil {
		return nil, err
	}
	return deletePath(ctx, s.client, variationPath(productID, strconv.Itoa(variationID)))
}

// V2ProductImage is a product's image.
type V2ProductImage struct {
	ID        int    `json:"id"`
	ProductID int    `json:"product_id"`
	CompanyID string `json:"company_id"`
	// PublicURL downloads the image for 7 days (Get only).
	PublicURL string    `json:"public_url,omitempty"`
	MimeType  string    `json:"mime_type,omitempty"`
	Name      string    `json:"name,omitempty"`
	AddTime   time.Time `json:"add_time,omitzero"`
}

// Image returns a product's image, with a public URL valid for 7 days.
//
// Pipedrive: GET /api/v2/products/{id}/images (https://developers.pipedrive.com/docs/api/v2/Products#getProductImage).
// Token cost: 10.
func (s *V2ProductsService) Image(ctx context.Context, productID int) (*V2ProductImage, *Response, error) {
	return validated(checkID("id", productID), func() (*V2ProductImage, *Response, error) {
		return doOne[V2ProductImage](ctx, s.client, &request{method: http.MethodGet, path: v2IDPath("products", productID) + "/images"})
	})
}

func (s *V2ProductsService) sendImage(ctx context.Context, method string, productID int, filename string, r io.Reader) (*V2ProductImage, *Response, error) {
	check := checkID("id", productID)
	if check == nil && r == nil {
		check = invalid("data", "nil io.Reader: the image's content is required")
	}
	if check == nil && filename == "" {
		check = invalid("data", "empty file name")
	}
	return validated(check, func() (*V2ProductImage, *Response, error) {
		up := newUpload("data", filepath.Base(filename), mime.TypeByExtension(filepath.Ext(filename)), r)
		return doOne[V2ProductImage](ctx, s.client, &request{method: method, path: v2IDPath("products", productID) + "/images", upload: up})
	})
}

// UploadImage sets the image of a product that has none, streaming it
// from r (never held in memory whole; retried after a 429 only when r is
// an io.ReadSeeker). filename's extension gives the content type.
//
// Pipedrive: POST /api/v2/products/{id}/images (https://developers.pipedrive.com/docs/api/v2/Products#uploadProductImage).
// Token cost: 20.
func (s *V2ProductsService) UploadImage(ctx context.Context, productID int, filename string, r io.Reader) (*V2ProductImage, *Response, error) {
	return s.sendImage(ctx, http.MethodPost, productID, filename, r)
}

// UpdateImage replaces a product's image, streaming it as UploadImage does.
//
// Pipedrive: PUT /api/v2/products/{id}/images (https://developers.pipedrive.com/docs/api/v2/Products#updateProductImage).
// Token cost: 20.
func (s *V2ProductsService) UpdateImage(ctx context.Context, productID int, filename string, r io.Reader) (*V2ProductImage, *Response, error) {
	return s.sendImage(ctx, http.MethodPut, productID, filename, r)
}

// DeleteImage removes a product's image.
//
// Pipedrive: DELETE /api/v2/products/{id}/images (https://developers.pipedrive.com/docs/api/v2/Products#deleteProductImage).
// Token cost: 6.
func (s *V2ProductsService) DeleteImage(ctx context.Context, productID int) (*Response, error) {
	if err := checkID("id", productID); err != nil {
		return nil, err
	}
	return deletePath(ctx, s.client, v2IDPath("products", productID)+"/images")
}
