package pipedrive

import (
	"context"
	"net/http"
	"strconv"
	"time"
)

// Additional discounts of a deal (API v2): a percentage or an amount taken
// off the deal's one-time products. Discount ids are UUIDs.

// V2DiscountType says how a discount's Amount applies.
type V2DiscountType string

// Discount types.
const (
	// V2DiscountPercentage takes Amount percent off (at most 100).
	V2DiscountPercentage V2DiscountType = "percentage"
	// V2DiscountAmount takes Amount off, in the deal's currency.
	V2DiscountAmount V2DiscountType = "amount"
)

// V2DealDiscount is an additional discount of a deal.
type V2DealDiscount struct {
	// ID is a UUID.
	ID          string         `json:"id"`
	Type        V2DiscountType `json:"type"`
	Amount      float64        `json:"amount"`
	Description string         `json:"description"`
	DealID      int            `json:"deal_id"`
	CreatedAt   time.Time      `json:"created_at"`
	CreatedBy   int            `json:"created_by"`
	UpdatedAt   time.Time      `json:"updated_at"`
	UpdatedBy   int            `json:"updated_by"`
}

// V2DealDiscountParams adds a discount (every field required) or changes
// one (only the fields given).
type V2DealDiscountParams struct {
	// Description names the discount ("Loyalty 10%").
	Description string `json:"description,omitempty"`
	// Amount is above 0; a percentage is at most 100.
	Amount float64        `json:"amount,omitempty"`
	Type   V2DiscountType `json:"type,omitempty"`
}

func (p *V2DealDiscountParams) validate(create bool) error {
	if p == nil {
		return invalid("params", "nil *V2DealDiscountParams")
	}
	if create {
		switch {
		case p.Description == "":
			return invalid("description", "empty: a discount needs a description")
		case p.Amount == 0:
			return invalid("amount", "0: a discount needs an amount above 0")
		case p.Type == "":
			return invalid("type", "empty: percentage or amount")
		}
	}
	if p.Amount < 0 {
		return invalid("amount", "%g: a discount is above 0", p.Amount)
	}
	if p.Type != "" {
		if err := checkEnumList("type", []V2DiscountType{p.Type}, V2DiscountPercentage, V2DiscountAmount); err != nil {
			return err
		}
	}
	if p.Type == V2DiscountPercentage && p.Amount > 100 {
		return invalid("amount", "%g: a percentage is at most 100", p.Amount)
	}
	return nil
}

// checkDiscount refuses a deal id that cannot exist and a discount id that
// is not a UUID.
func checkDiscount(dealID int, discountID string) error {
	if err := checkID("id", dealID); err != nil {
		return err
	}
	if discountID == "" {
		return invalid("discount_id", "empty: a discount id is a UUID")
	}
	return leadUUID.check("discount_id", discountID)
}

// Discounts returns the additional discounts of a deal.
//
// Pipedrive: GET /api/v2/deals/{id}/discounts (https://developers.pipedrive.com/docs/api/v2/Deals#getAdditionalDiscounts).
// Token cost: 10.
func (s *V2DealsService) Discounts(ctx context.Context, dealID int) ([]*V2DealDiscount, *Response, error) {
	return validated(checkID("id", dealID), func() ([]*V2DealDiscount, *Response, error) {
		return listPage[V2DealDiscount](ctx, s.client, v2Path("deals", strconv.Itoa(dealID), "discounts"), nil, "")
	})
}

// AddDiscount adds a discount to a deal; Pipedrive recomputes the value of
// a deal with one-time products.
//
// Pipedrive: POST /api/v2/deals/{id}/discounts (https://developers.pipedrive.com/docs/api/v2/Deals#postAdditionalDiscount).
// Token cost: 5.
func (s *V2DealsService) AddDiscount(ctx context.Context, dealID int, p *V2DealDiscountParams) (*V2DealDiscount, *Response, error) {
	return validated(firstInvalid(checkID("id", dealID), p.validate(true)), func() (*V2DealDiscount, *Response, error) {
		return doOne[V2DealDiscount](ctx, s.client, &request{method: http.MethodPost, path: v2Path("deals", strconv.Itoa(dealID), "discounts"), body: p})
	})
}

// UpdateDiscount changes the fields of p that are set.
//
// Pipedrive: PATCH /api/v2/deals/{id}/discounts/{discount_id} (https://developers.pipedrive.com/docs/api/v2/Deals#updateAdditionalDiscount).
// Token cost: 5.
func (s *V2DealsService) UpdateDiscount(ctx context.Context, dealID int, discountID string, p *V2DealDiscountParams) (*V2DealDiscount, *Response, error) {
	return validated(firstInvalid(checkDiscount(dealID, discountID), p.validate(false)), func() (*V2DealDiscount, *Response, error) {
		return v1Patch[V2DealDiscount](ctx, s.client, v2Path("deals", strconv.Itoa(dealID), "discounts", discountID), p)
	})
}

// DeleteDiscount removes a discount from a deal.
//
// Pipedrive: DELETE /api/v2/deals/{id}/discounts/{discount_id} (https://developers.pipedrive.com/docs/api/v2/Deals#deleteAdditionalDiscount).
// Token cost: 3.
func (s *V2DealsService) DeleteDiscount(ctx context.Context, dealID int, discountID string) (*Response, error) {
	if err := checkDiscount(dealID, discountID); err != nil {
		return nil, err
	}
	return deletePath(ctx, s.client, v2Path("deals", strconv.Itoa(dealID), "discounts", discountID))
}
