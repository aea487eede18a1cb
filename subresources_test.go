package pipedrive

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Bad kinds and ids never reach the network.
func TestFollowersRefused(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	var errs []error
	for _, k := range []FollowedType{"", "leads", "deals/1", FollowedDeal} {
		id := 1
		if k == FollowedDeal {
			id = 0
		}
		errs = append(errs,
			second(env.client.Followers.List(ctx, k, id)),
			second(env.client.Followers.Add(ctx, k, id, 1)),
			second(env.client.V2.Followers.List(ctx, k, id, nil)),
			second(env.client.V2.Followers.Add(ctx, k, id, 1)),
			second(env.client.V2.Followers.Changelog(ctx, k, id, nil)),
		)
		_, err := env.client.Followers.Delete(ctx, k, id, 1)
		errs = append(errs, err)
		_, err = env.client.V2.Followers.Delete(ctx, k, id, 1)
		errs = append(errs, err)
	}
	_, err := env.client.V2.Followers.Delete(ctx, FollowedPerson, 1, -1)
	errs = append(errs, err,
		second(env.client.Followers.Add(ctx, FollowedProduct, 1, 0)),
		second(env.client.V2.Followers.List(ctx, FollowedOrganization, 1, &V2ListOptions{Limit: 501})))
	for _, err := range env.client.V2.Followers.All(ctx, FollowedDeal, -3, nil) {
		errs = append(errs, err)
	}
	var ve *ValidationError
	for i, err := range errs {
		assert.True(t, errors.As(err, &ve), "%d: %v", i, err)
	}
	assert.Zero(t, env.requests.Load(), "nothing sent")
}

// Bad discount input never reaches the network.
func TestDealDiscountsRefused(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	const id = "30195b0e-7577-4f52-a5cf-f3ee39b9d1e0"
	ok := &V2DealDiscountParams{Description: "x", Amount: 1, Type: V2DiscountAmount}
	errs := []error{
		second(env.client.V2.Deals.Discounts(ctx, 0)),
		second(env.client.V2.Deals.AddDiscount(ctx, 0, ok)),
		second(env.client.V2.Deals.AddDiscount(ctx, 1, nil)),
		second(env.client.V2.Deals.AddDiscount(ctx, 1, &V2DealDiscountParams{Amount: 1, Type: V2DiscountAmount})),
		second(env.client.V2.Deals.AddDiscount(ctx, 1, &V2DealDiscountParams{Description: "x", Type: V2DiscountAmount})),
		second(env.client.V2.Deals.AddDiscount(ctx, 1, &V2DealDiscountParams{Description: "x", Amount: 1})),
		second(env.client.V2.Deals.AddDiscount(ctx, 1, &V2DealDiscountParams{Description: "x", Amount: 1, Type: "fixed"})),
		second(env.client.V2.Deals.AddDiscount(ctx, 1, &V2DealDiscountParams{Description: "x", Amount: 101, Type: V2DiscountPercentage})),
		second(env.client.V2.Deals.UpdateDiscount(ctx, 1, "42", ok)),
		second(env.client.V2.Deals.UpdateDiscount(ctx, 1, "", ok)),
		second(env.client.V2.Deals.UpdateDiscount(ctx, 1, id, &V2DealDiscountParams{Amount: -5})),
	}
	_, err := env.client.V2.Deals.DeleteDiscount(ctx, 1, "../../deals/1")
	errs = append(errs, err)
	var ve *ValidationError
	for i, err := range errs {
		assert.True(t, errors.As(err, &ve), "%d: %v", i, err)
	}
	assert.Zero(t, env.requests.Load(), "nothing sent")
}
