package pipedrive

import (
	"context"
	"iter"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Products on deals and deal installments (API v2). A deal with products
// is worth the sum of its enabled product lines, less its additional
// discounts: Pipedrive recomputes the deal's value on every change.

// V2TaxMethod is how a product line's tax applies.
type V2TaxMethod string

// Tax methods.
const (
	V2TaxExclusive V2TaxMethod = "exclusive"
	V2TaxInclusive V2TaxMethod = "inclusive"
	V2TaxNone      V2TaxMethod = "none"
)

// V2DealProduct is a product line of a deal.
type V2DealProduct struct {
	ID                     int                `json:"id"`
	DealID                 int                `json:"deal_id"`
	ProductID              int                `json:"product_id"`
	ProductVariationID     *int               `json:"product_variation_id"`
	Name                   string             `json:"name"`
	OrderNr                *int               `json:"order_nr"`
	ItemPrice              float64            `json:"item_price"`
	Quantity               float64            `json:"quantity"`
	Discount               float64            `json:"discount"`
	DiscountType           V2DiscountType     `json:"discount_type"`
	Tax                    float64            `json:"tax"`
	TaxMethod              V2TaxMethod        `json:"tax_method"`
	Sum                    float64            `json:"sum"`
	Currency               string             `json:"currency"`
	Comments               string             `json:"comments"`
	IsEnabled              bool               `json:"is_enabled"`
	BillingFrequency       V2BillingFrequency `json:"billing_frequency"`
	BillingFrequencyCycles *int               `json:"billing_frequency_cycles"`
	BillingStartDate       *Date              `json:"billing_start_date"`
	AddTime                time.Time          `json:"add_time,omitzero"`
	UpdateTime             time.Time          `json:"update_time,omitzero"`
}

// V2DealProductParams adds a product to a deal (ProductID, ItemPrice and
// Quantity required).
type V2DealProductParams struct {
	ProductID          int     `json:"product_id"`
	ItemPrice          float64 `json:"item_price"`
	Quantity           float64 `json:"quantity"`
	ProductVariationID int     `json:"product_variation_id,omitempty"`
	// Discount is a percentage (default) or an amount (DiscountType).
	Discount               float64            `json:"discount,omitempty"`
	DiscountType           V2DiscountType     `json:"discount_type,omitempty"`
	Tax                    float64            `json:"tax,omitempty"`
	TaxMethod              V2TaxMethod        `json:"tax_method,omitempty"`
	Comments               string             `json:"comments,omitempty"`
	IsEnabled              *bool              `json:"is_enabled,omitempty"`
	BillingFrequency       V2BillingFrequency `json:"billing_frequency,omitempty"`
	BillingFrequencyCycles *int               `json:"billing_frequency_cycles,omitempty"`
	BillingStartDate       Date               `json:"billing_start_date,omitempty"`
}

func checkLineDiscount(discount float64, typ V2DiscountType) error {
	if typ != "" {
		if err := checkEnumList("discount_type", []V2DiscountType{typ}, V2DiscountPercentage, V2DiscountAmount); err != nil {
			return err
		}
	}
	if discount < 0 || ((typ == "" || typ == V2DiscountPercentage) && discount > 100) {
		return invalid("discount", "%g: a percentage is from 0 to 100, an amount at least 0", discount)
	}
	return nil
}

func checkTaxMethod(m V2TaxMethod) error {
	if m == "" {
		return nil
	}
	return checkEnumList("tax_method", []V2TaxMethod{m}, V2TaxExclusive, V2TaxInclusive, V2TaxNone)
}

func (p *V2DealProductParams) validate() error {
	if p.Quantity <= 0 {
		return invalid("quantity", "%g: at least one unit is required", p.Quantity)
	}
	return firstInvalid(
		checkID("product_id", p.ProductID), checkOptionalID("product_variation_id", p.ProductVariationID),
		checkLineDiscount(p.Discount, p.DiscountType), checkTaxMethod(p.TaxMethod),
		checkBilling(p.BillingFrequency, p.BillingFrequencyCycles, true), checkDate("billing_start_date", p.BillingStartDate),
	)
}

// V2DealProductUpdateParams changes the fields of a product line that are
// set.
type V2DealProductUpdateParams struct {
	ProductID              Field[int]                `json:"product_id,omitzero"`
	ItemPrice              Field[float64]            `json:"item_price,omitzero"`
	Quantity               Field[float64]            `json:"quantity,omitzero"`
	ProductVariationID     Field[int]                `json:"product_variation_id,omitzero"`
	Discount               Field[float64]            `json:"discount,omitzero"`
	DiscountType           Field[V2DiscountType]     `json:"discount_type,omitzero"`
	Tax                    Field[float64]            `json:"tax,omitzero"`
	TaxMethod              Field[V2TaxMethod]        `json:"tax_method,omitzero"`
	Comments               Field[string]             `json:"comments,omitzero"`
	IsEnabled              Field[bool]               `json:"is_enabled,omitzero"`
	BillingFrequency       Field[V2BillingFrequency] `json:"billing_frequency,omitzero"`
	BillingFrequencyCycles Field[int]                `json:"billing_frequency_cycles,omitzero"`
	BillingStartDate       Field[Date]               `json:"billing_start_date,omitzero"`
}

func (p *V2DealProductUpdateParams) validate() error {
	if q, ok := p.Quantity.Value(); ok && q <= 0 {
		return invalid("quantity", "%g: at least one unit is required", q)
	}
	disc, _ := p.Discount.Value()
	typ, _ := p.DiscountType.Value()
	method, _ := p.TaxMethod.Value()
	pid, _ := p.ProductID.Value()
	day, _ := p.BillingStartDate.Value()
	return firstInvalid(
		v2NotNull("product_id", p.ProductID), v2NotNull("item_price", p.ItemPrice), v2NotNull("quantity", p.Quantity),
		v2NotNull("discount", p.Discount), v2NotNull("discount_type", p.DiscountType), v2NotNull("tax", p.Tax),
		v2NotNull("tax_method", p.TaxMethod), v2NotNull("is_enabled", p.IsEnabled), v2NotNull("billing_frequency", p.BillingFrequency),
		checkOptionalID("product_id", pid), checkLineDiscount(disc, typ), checkTaxMethod(method), checkDate("billing_start_date", day),
	)
}

// V2DealProductListOptions sorts and pages the products of deals.
type V2DealProductListOptions struct {
	// SortBy is id (default), add_time, update_time or order_nr (and
	// deal_id across deals).
	SortBy        V2SortBy        `url:"sort_by,omitempty"`
	SortDirection V2SortDirection `url:"sort_direction,omitempty"`
	V2ListOptions
}

// V2SortByDealID sorts products or installments of several deals by deal.
const V2SortByDealID V2SortBy = "deal_id"

func (o *V2DealProductListOptions) validate() error {
	if o == nil {
		return nil
	}
	return firstInvalid(v2CheckSort(o.SortBy, o.SortDirection, V2SortByOrderNr), o.V2ListOptions.validate())
}

// V2DealsProductsOptions lists the products of several deals.
type V2DealsProductsOptions struct {
	// DealIDs are the deals (1 to 100), required.
	DealIDs []int `url:"deal_ids,comma"`
	V2DealProductListOptions
}

func (o *V2DealsProductsOptions) validate() error {
	if len(o.DealIDs) == 0 {
		return invalid("deal_ids", "empty: 1 to 100 deal ids are required")
	}
	return firstInvalid(v2CheckIDList(o.DealIDs),
		v2CheckSort(o.SortBy, o.SortDirection, V2SortByOrderNr, V2SortByDealID), o.V2ListOptions.validate())
}

func dealProductsPath(dealID int, rest ...string) string {
	return v2Path(append([]string{"deals", strconv.Itoa(dealID), "products"}, rest...)...)
}

// Products returns one page of a deal's product lines.
//
// Pipedrive: GET /api/v2/deals/{id}/products (https://developers.pipedrive.com/docs/api/v2/Deals#getDealProducts).
// Token cost: 10.
func (s *V2DealsService) Products(ctx context.Context, dealID int, opts *V2DealProductListOptions) ([]*V2DealProduct, *Response, error) {
	return validated(firstInvalid(checkID("id", dealID), opts.validate()), func() ([]*V2DealProduct, *Response, error) {
		return listPage[V2DealProduct](ctx, s.client, dealProductsPath(dealID), queryOf(opts), "")
	})
}

// ProductsAll iterates over every product line of a deal.
//
// Pipedrive: GET /api/v2/deals/{id}/products, once per page.
// Token cost: 10 per page.
func (s *V2DealsService) ProductsAll(ctx context.Context, dealID int, opts *V2DealProductListOptions) iter.Seq2[*V2DealProduct, error] {
	return allPages(ctx, cursorPages, opts, func(o *V2DealProductListOptions) *string { return &o.Cursor },
		func(ctx context.Context, o *V2DealProductListOptions) ([]*V2DealProduct, *Response, error) {
			return s.Products(ctx, dealID, o)
		})
}

// ProductsOfDeals returns one page of the product lines of several deals.
//
// Pipedrive: GET /api/v2/deals/products (https://developers.pipedrive.com/docs/api/v2/Deals#getDealsProducts).
// Token cost: 10.
func (s *V2DealsService) ProductsOfDeals(ctx context.Context, opts *V2DealsProductsOptions) ([]*V2DealProduct, *Response, error) {
	return validated(checkRequired(opts, "deal_ids", "nil options: 1 to 100 deal ids are required"), func() ([]*V2DealProduct, *Response, error) {
		return listPage[V2DealProduct](ctx, s.client, v2Path("deals", "products"), opts, "")
	})
}

// ProductsOfDealsAll iterates over the product lines of several deals.
//
// Pipedrive: GET /api/v2/deals/products, once per page.
// Token cost: 10 per page.
func (s *V2DealsService) ProductsOfDealsAll(ctx context.Context, opts *V2DealsProductsOptions) iter.Seq2[*V2DealProduct, error] {
	return allPages(ctx, cursorPages, opts, func(o *V2DealsProductsOptions) *string { return &o.Cursor }, s.ProductsOfDeals)
}

// AddProduct adds a product line to a deal.
//
// Pipedrive: POST /api/v2/deals/{id}/products (https://developers.pipedrive.com/docs/api/v2/Deals#addDealProduct).
// Token cost: 5.
func (s *V2DealsService) AddProduct(ctx context.Context, dealID int, p *V2DealProductParams) (*V2DealProduct, *Response, error) {
	return validated(firstInvalid(checkID("id", dealID), checkRequired(p, "params", "nil *V2DealProductParams")), func() (*V2DealProduct, *Response, error) {
		return doOne[V2DealProduct](ctx, s.client, &request{method: http.MethodPost, path: dealProductsPath(dealID), body: p})
	})
}

// AddProducts adds up to 100 product lines to a deal in one request: all
// or none.
//
// Pipedrive: POST /api/v2/deals/{id}/products/bulk (https://developers.pipedrive.com/docs/api/v2/Deals#addManyDealProducts).
// Token cost: 25.
func (s *V2DealsService) AddProducts(ctx context.Context, dealID int, lines []*V2DealProductParams) ([]*V2DealProduct, *Response, error) {
	check := checkID("id", dealID)
	if check == nil && (len(lines) == 0 || len(lines) > 100) {
		check = invalid("data", "%d products: 1 to 100 at a time", len(lines))
	}
	for i, l := range lines {
		if check != nil {
			break
		}
		if l == nil {
			check = invalid("data", "product %d is nil", i)
		} else if err := l.validate(); err != nil {
			check = err
		}
	}
	return validated(check, func() ([]*V2DealProduct, *Response, error) {
		var out []*V2DealProduct
		resp, err := s.client.do(ctx, &request{method: http.MethodPost, path: dealProductsPath(dealID, "bulk"),
			body: struct {
				Data []*V2DealProductParams `json:"data"`
			}{lines}}, &out)
		return out, resp, err
	})
}

// UpdateProduct changes a product line of a deal.
//
// Pipedrive: PATCH /api/v2/deals/{id}/products/{product_attachment_id} (https://developers.pipedrive.com/docs/api/v2/Deals#updateDealProduct).
// Token cost: 5.
func (s *V2DealsService) UpdateProduct(ctx context.Context, dealID, lineID int, p *V2DealProductUpdateParams) (*V2DealProduct, *Response, error) {
	return validated(firstInvalid(checkID("id", dealID), checkID("product_attachment_id", lineID),
		checkRequired(p, "params", "nil *V2DealProductUpdateParams")), func() (*V2DealProduct, *Response, error) {
		return v1Patch[V2DealProduct](ctx, s.client, dealProductsPath(dealID, strconv.Itoa(lineID)), p)
	})
}

// DeleteProduct removes a product line from a deal.
//
// Pipedrive: DELETE /api/v2/deals/{id}/products/{product_attachment_id} (https://developers.pipedrive.com/docs/api/v2/Deals#deleteDealProduct).
// Token cost: 3.
func (s *V2DealsService) DeleteProduct(ctx context.Context, dealID, lineID int) (*Response, error) {
	if err := firstInvalid(checkID("id", dealID), checkID("product_attachment_id", lineID)); err != nil {
		return nil, err
	}
	return deletePath(ctx, s.client, dealProductsPath(dealID, strconv.Itoa(lineID)))
}

// DeleteProducts removes the product lines with the given ids (at most
// 100) from a deal, or, with none given, up to 100 of its lines; it
// returns the ids removed. Response.Pagination.MoreItems reports lines
// left to remove.
//
// Pipedrive: DELETE /api/v2/deals/{id}/products (https://developers.pipedrive.com/docs/api/v2/Deals#deleteManyDealProducts).
// Token cost: 15.
func (s *V2DealsService) DeleteProducts(ctx context.Context, dealID int, lineIDs []int) ([]int, *Response, error) {
	check := checkID("id", dealID)
	if check == nil {
		check = v2CheckIDList(lineIDs)
	}
	return validated(check, func() ([]int, *Response, error) {
		var q any
		if len(lineIDs) > 0 {
			parts := make([]string, len(lineIDs))
			for i, id := range lineIDs {
				parts[i] = strconv.Itoa(id)
			}
			q = struct {
				IDs string `url:"ids"`
			}{strings.Join(parts, ",")}
		}
		var out struct {
			IDs []int `json:"ids"`
		}
		resp, err := s.client.do(ctx, &request{method: http.MethodDelete, path: dealProductsPath(dealID), query: q}, &out)
		return out.IDs, resp, err
	})
}

// V2Installment is a payment installment of a deal.
type V2Installment struct {
	ID          int     `json:"id"`
	DealID      int     `json:"deal_id"`
	Description string  `json:"description"`
	Amount      float64 `json:"amount"`
	BillingDate Date    `json:"billing_date"`
}

// V2InstallmentParams adds (every field required) or changes (the fields
// given) an installment.
type V2InstallmentParams struct {
	Description string  `json:"description,omitempty"`
	Amount      float64 `json:"amount,omitempty"`
	BillingDate Date    `json:"billing_date,omitempty"`
}

func (p *V2InstallmentParams) check(create bool) error {
	switch {
	case p == nil:
		return invalid("params", "nil *V2InstallmentParams")
	case create && strings.TrimSpace(p.Description) == "":
		return invalid("description", "empty: an installment needs a description")
	case create && p.Amount == 0:
		return invalid("amount", "0: an installment needs an amount")
	case p.Amount < 0:
		return invalid("amount", "%g: an amount is above 0", p.Amount)
	case create && p.BillingDate == "":
		return invalid("billing_date", "empty: an installment needs a billing date")
	}
	return checkDate("billing_date", p.BillingDate)
}

// V2InstallmentListOptions lists the installments of several deals.
type V2InstallmentListOptions struct {
	// DealIDs are the deals (1 to 100), required.
	DealIDs []int `url:"deal_ids,comma"`
	// SortBy is id (default), billing_date or deal_id.
	SortBy        V2SortBy        `url:"sort_by,omitempty"`
	SortDirection V2SortDirection `url:"sort_direction,omitempty"`
	V2ListOptions
}

// V2SortByBillingDate sorts installments by billing date.
const V2SortByBillingDate V2SortBy = "billing_date"

func (o *V2InstallmentListOptions) validate() error {
	if len(o.DealIDs) == 0 {
		return invalid("deal_ids", "empty: 1 to 100 deal ids are required")
	}
	by := o.SortBy
	if by == V2SortByAddTime || by == V2SortByUpdateTime {
		return invalid("sort_by", "%q is not one of id, billing_date, deal_id", by)
	}
	return firstInvalid(v2CheckIDList(o.DealIDs), v2CheckSort(by, o.SortDirection, V2SortByBillingDate, V2SortByDealID),
		o.V2ListOptions.validate())
}

// Installments returns one page of the installments of several deals
// (Growth plans and above).
//
// Pipedrive: GET /api/v2/deals/installments (https://developers.pipedrive.com/docs/api/v2/DealInstallments#getInstallments).
// Token cost: 10.
func (s *V2DealsService) Installments(ctx context.Context, opts *V2InstallmentListOptions) ([]*V2Installment, *Response, error) {
	return validated(checkRequired(opts, "deal_ids", "nil options: 1 to 100 deal ids are required"), func() ([]*V2Installment, *Response, error) {
		return listPage[V2Installment](ctx, s.client, v2Path("deals", "installments"), opts, "")
	})
}

// InstallmentsAll iterates over the installments of several deals.
//
// Pipedrive: GET /api/v2/deals/installments, once per page.
// Token cost: 10 per page.
func (s *V2DealsService) InstallmentsAll(ctx context.Context, opts *V2InstallmentListOptions) iter.Seq2[*V2Installment, error] {
	return allPages(ctx, cursorPages, opts, func(o *V2InstallmentListOptions) *string { return &o.Cursor }, s.Installments)
}

func installmentPath(dealID int, rest ...string) string {
	return v2Path(append([]string{"deals", strconv.Itoa(dealID), "installments"}, rest...)...)
}

// AddInstallment adds an installment to a deal, which needs a one-time
// product and no recurring one.
//
// Pipedrive: POST /api/v2/deals/{id}/installments (https://developers.pipedrive.com/docs/api/v2/DealInstallments#postInstallment).
// Token cost: 5.
func (s *V2DealsService) AddInstallment(ctx context.Context, dealID int, p *V2InstallmentParams) (*V2Installment, *Response, error) {
	return validated(firstInvalid(checkID("id", dealID), p.check(true)), func() (*V2Installment, *Response, error) {
		return doOne[V2Installment](ctx, s.client, &request{method: http.MethodPost, path: installmentPath(dealID), body: p})
	})
}

// UpdateInstallment changes an installment.
//
// Pipedrive: PATCH /api/v2/deals/{id}/installments/{installment_id} (https://developers.pipedrive.com/docs/api/v2/DealInstallments#updateInstallment).
// Token cost: 5.
func (s *V2DealsService) UpdateInstallment(ctx context.Context, dealID, installmentID int, p *V2InstallmentParams) (*V2Installment, *Response, error) {
	return validated(firstInvalid(checkID("id", dealID), checkID("installment_id", installmentID), p.check(false)), func() (*V2Installment, *Response, error) {
		return v1Patch[V2Installment](ctx, s.client, installmentPath(dealID, strconv.Itoa(installmentID)), p)
	})
}

// DeleteInstallment removes an installment.
//
// Pipedrive: DELETE /api/v2/deals/{id}/installments/{installment_id} (https://developers.pipedrive.com/docs/api/v2/DealInstallments#deleteInstallment).
// Token cost: 3.
func (s *V2DealsService) DeleteInstallment(ctx context.Context, dealID, installmentID int) (*Response, error) {
	if err := firstInvalid(checkID("id", dealID), checkID("installment_id", installmentID)); err != nil {
		return nil, err
	}
	return deletePath(ctx, s.client, installmentPath(dealID, strconv.Itoa(installmentID)))
}
