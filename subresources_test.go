package pipedrive

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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

// Bad history input never reaches the network.
func TestHistoryRefused(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	d, p, o := env.client.Deals, env.client.Persons, env.client.Organizations
	errs := []error{
		second(d.Changelog(ctx, 0, nil)), second(p.Changelog(ctx, 1, &ChangelogOptions{Limit: 501})),
		second(o.Updates(ctx, -1, nil)), second(d.Updates(ctx, 1, &FlowOptions{ListOptions: ListOptions{Limit: -1}})),
		second(p.Files(ctx, 0, nil)), second(o.Files(ctx, 1, &FileListOptions{ListOptions: ListOptions{Limit: 9999}})),
		second(d.MailMessages(ctx, 0, nil)), second(p.PermittedUsers(ctx, 0)),
		second(d.Merge(ctx, 1, 1)), second(p.Merge(ctx, 0, 2)), second(o.Merge(ctx, 2, -2)),
		second(d.Duplicate(ctx, 0)),
	}
	for _, err := range d.ChangelogAll(ctx, 0, nil) {
		errs = append(errs, err)
	}
	for _, err := range o.UpdatesAll(ctx, 0, nil) {
		errs = append(errs, err)
	}
	var ve *ValidationError
	for i, err := range errs {
		assert.True(t, errors.As(err, &ve), "%d: %v", i, err)
	}
	assert.Zero(t, env.requests.Load(), "nothing sent")
}

// A flow item of a kind the SDK does not know, or whose data does not fit
// its kind, is kept raw; known kinds are typed; encoding gives Pipedrive's
// shape back.
func TestFlowItemDecode(t *testing.T) {
	var items []*FlowItem
	require.NoError(t, json.Unmarshal([]byte(`[
		{"object":"dealChange","timestamp":"2020-09-25 09:21:55","data":{"id":1300,"item_id":120,"field_key":"value","old_value":50,"new_value":"100"}},
		{"object":"note","timestamp":"2020-09-25 09:21:55","data":{"id":4,"content":"Hi"}},
		{"object":"invoice","timestamp":"2020-09-25 09:21:55","data":{"id":9,"total":3}},
		{"object":"activity","timestamp":"2020-09-25 09:21:55","data":{"id":"not a number"}}
	]`), &items))
	require.Len(t, items, 4)
	assert.Equal(t, "50", string(*items[0].Change.OldValue), "a number keeps its spelling")
	assert.Equal(t, "100", string(*items[0].Change.NewValue))
	assert.Equal(t, "Hi", items[1].Note.Content)
	assert.JSONEq(t, `{"id":9,"total":3}`, string(items[2].Unknown))
	assert.Nil(t, items[3].Activity)
	assert.JSONEq(t, `{"id":"not a number"}`, string(items[3].Unknown))
	b, err := json.Marshal(items[2])
	require.NoError(t, err)
	assert.JSONEq(t, `{"object":"invoice","timestamp":"2020-09-25 09:21:55","data":{"id":9,"total":3}}`, string(b))
}

// Bad participant input never reaches the network.
func TestParticipantsRefused(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	d := env.client.Deals
	errs := []error{
		second(d.Participants(ctx, 0, nil)), second(d.Participants(ctx, 1, &ListOptions{Start: -1})),
		second(d.AddParticipant(ctx, 1, 0)), second(d.AddParticipant(ctx, -1, 2)),
		second(d.ParticipantsChangelog(ctx, 0, nil)),
	}
	_, err := d.DeleteParticipant(ctx, 1, 0)
	errs = append(errs, err)
	for _, err := range d.ParticipantsAll(ctx, 0, nil) {
		errs = append(errs, err)
	}
	var ve *ValidationError
	for i, err := range errs {
		assert.True(t, errors.As(err, &ve), "%d: %v", i, err)
	}
	assert.Zero(t, env.requests.Load(), "nothing sent")
}

// Bad statistics input never reaches the network.
func TestDealStatsRefused(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	ok := &DealsTimelineOptions{StartDate: "2026-01-01", Interval: TimelineMonth, Amount: 3, FieldKey: "add_time"}
	bad := func(f func(o *DealsTimelineOptions)) *DealsTimelineOptions { o := *ok; f(&o); return &o }
	errs := []error{
		second(env.client.Deals.Summary(ctx, &DealsSummaryOptions{Status: "deleted"})),
		second(env.client.Deals.Summary(ctx, &DealsSummaryOptions{StageID: -1})),
		second(env.client.Deals.Timeline(ctx, nil)),
		second(env.client.Deals.Timeline(ctx, bad(func(o *DealsTimelineOptions) { o.StartDate = "01/01/2026" }))),
		second(env.client.Deals.Timeline(ctx, bad(func(o *DealsTimelineOptions) { o.StartDate = "" }))),
		second(env.client.Deals.Timeline(ctx, bad(func(o *DealsTimelineOptions) { o.Interval = "year" }))),
		second(env.client.Deals.Timeline(ctx, bad(func(o *DealsTimelineOptions) { o.Amount = 0 }))),
		second(env.client.Deals.Timeline(ctx, bad(func(o *DealsTimelineOptions) { o.FieldKey = "" }))),
		second(env.client.Deals.Timeline(ctx, bad(func(o *DealsTimelineOptions) { o.FieldKey = "add time&x=1" }))),
		second(env.client.Pipelines.ConversionStatistics(ctx, 1, nil)),
		second(env.client.Pipelines.ConversionStatistics(ctx, 0, &PipelineStatsOptions{StartDate: "2026-01-01", EndDate: "2026-02-01"})),
		second(env.client.Pipelines.MovementStatistics(ctx, 1, &PipelineStatsOptions{StartDate: "2026-02-01", EndDate: "2026-01-01"})),
		second(env.client.Pipelines.MovementStatistics(ctx, 1, &PipelineStatsOptions{StartDate: "2026-01-01"})),
	}
	var ve *ValidationError
	for i, err := range errs {
		assert.True(t, errors.As(err, &ve), "%d: %v", i, err)
	}
	assert.Zero(t, env.requests.Load(), "nothing sent")
}

// The timeline decodes the array of periods Pipedrive sends, and the single
// object its spec declares.
func TestDealsTimelineShapes(t *testing.T) {
	var many, one timelinePeriods
	require.NoError(t, json.Unmarshal([]byte(`[{"period_start":"2026-01-01 00:00:00","totals":{"count":2}},{"totals":{"count":0}}]`), &many))
	require.Len(t, many, 2)
	assert.Equal(t, 2, many[0].Totals.Count)
	require.NoError(t, json.Unmarshal([]byte(`{"period_start":"2026-01-01 00:00:00","deals":[{"id":1,"user_id":5}],"totals":{"count":1}}`), &one))
	require.Len(t, one, 1)
	assert.Equal(t, 5, one[0].Deals[0].UserID.ID)
}

// Bad user, comment and lead field input never reaches the network.
func TestUsersAndCommentsRefused(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	u, n := env.client.Users, env.client.Notes
	const id = "46c3b0e1-db35-59ca-1828-4817378dff71"
	errs := []error{
		second(u.Find(ctx, nil)), second(u.Find(ctx, &UserFindOptions{Term: "  "})),
		second(u.Followers(ctx, 0)), second(u.Permissions(ctx, -1)), second(u.RoleAssignments(ctx, 0, nil)),
		second(u.RoleAssignments(ctx, 1, &ListOptions{Limit: 900})), second(u.RoleSettings(ctx, 0)),
		second(u.Create(ctx, nil)), second(u.Create(ctx, &UserCreateParams{Email: "nobody"})),
		second(u.Create(ctx, &UserCreateParams{Email: "a@b.c", Access: []UserAccess{{Admin: true}}})),
		second(u.SetActive(ctx, 0, true)),
		second(n.Comments(ctx, 0, nil)), second(n.Comment(ctx, 1, "7")), second(n.Comment(ctx, 1, "")),
		second(n.AddComment(ctx, 1, " ")), second(n.AddComment(ctx, 0, "x")),
		second(n.UpdateComment(ctx, 1, id, "")), second(n.UpdateComment(ctx, 1, "../1", "x")),
		second(env.client.Leads.Fields(ctx, &ListOptions{Start: -1})),
	}
	_, err := n.DeleteComment(ctx, 1, "nope")
	errs = append(errs, err)
	var ve *ValidationError
	for i, err := range errs {
		assert.True(t, errors.As(err, &ve), "%d: %v", i, err)
	}
	assert.Zero(t, env.requests.Load(), "nothing sent")
}

// Bad product input never reaches the network.
func TestProductsRefused(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	p := env.client.V2.Products
	errs := []error{
		second(p.Create(ctx, nil)), second(p.Create(ctx, &V2ProductCreateParams{Name: " "})),
		second(p.Create(ctx, &V2ProductCreateParams{Name: "x", VisibleTo: 2})),
		second(p.Create(ctx, &V2ProductCreateParams{Name: "x", Prices: []V2ProductPrice{{Currency: "euro", Price: 1}}})),
		second(p.Create(ctx, &V2ProductCreateParams{Name: "x", Prices: []V2ProductPrice{{Currency: "EUR"}, {Currency: "EUR"}}})),
		second(p.Create(ctx, &V2ProductCreateParams{Name: "x", Prices: []V2ProductPrice{{Currency: "EUR", Price: -1}}})),
		second(p.Create(ctx, &V2ProductCreateParams{Name: "x", BillingFrequency: "daily"})),
		second(p.Create(ctx, &V2ProductCreateParams{Name: "x", BillingFrequencyCycles: Ptr(3)})),
		second(p.Create(ctx, &V2ProductCreateParams{Name: "x", BillingFrequency: V2BillingMonthly, BillingFrequencyCycles: Ptr(0)})),
		second(p.Create(ctx, &V2ProductCreateParams{Name: "x", CustomFields: map[string]any{"color": "red"}})),
		second(p.Update(ctx, 1, &V2ProductUpdateParams{Name: Set("")})),
		second(p.Update(ctx, 1, &V2ProductUpdateParams{Code: Null[string]()})),
		second(p.Update(ctx, 0, &V2ProductUpdateParams{})), second(p.Update(ctx, 1, nil)),
		second(p.Get(ctx, 0)), second(p.Duplicate(ctx, -1)),
		second(p.List(ctx, &V2ProductListOptions{SortBy: "price"})),
		second(p.Search(ctx, &V2ProductSearchOptions{Term: "x"})),
		second(p.Search(ctx, &V2ProductSearchOptions{Term: "xx", Fields: []V2ProductSearchField{"notes"}})),
		second(p.AddVariation(ctx, 1, &V2ProductVariationParams{})),
		second(p.AddVariation(ctx, 1, nil)),
		second(p.UpdateVariation(ctx, 1, 0, &V2ProductVariationParams{Name: "x"})),
		second(p.Variations(ctx, 0, nil)),
	}
	_, err := p.Delete(ctx, 0)
	errs = append(errs, err)
	_, err = p.DeleteVariation(ctx, 1, -1)
	errs = append(errs, err)
	var ve *ValidationError
	for i, err := range errs {
		assert.True(t, errors.As(err, &ve), "%d: %v", i, err)
	}
	assert.Zero(t, env.requests.Load(), "nothing sent")
}

// Bad deal product and installment input never reaches the network.
func TestDealProductsRefused(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	d := env.client.V2.Deals
	ok := &V2DealProductParams{ProductID: 1, ItemPrice: 10, Quantity: 1}
	errs := []error{
		second(d.Products(ctx, 0, nil)), second(d.Products(ctx, 1, &V2DealProductListOptions{SortBy: "name"})),
		second(d.ProductsOfDeals(ctx, nil)), second(d.ProductsOfDeals(ctx, &V2DealsProductsOptions{})),
		second(d.ProductsOfDeals(ctx, &V2DealsProductsOptions{DealIDs: []int{1, -2}})),
		second(d.AddProduct(ctx, 0, ok)), second(d.AddProduct(ctx, 1, nil)),
		second(d.AddProduct(ctx, 1, &V2DealProductParams{ItemPrice: 1, Quantity: 1})),
		second(d.AddProduct(ctx, 1, &V2DealProductParams{ProductID: 1, ItemPrice: 1})),
		second(d.AddProduct(ctx, 1, &V2DealProductParams{ProductID: 1, ItemPrice: 1, Quantity: 1, Discount: 101})),
		second(d.AddProduct(ctx, 1, &V2DealProductParams{ProductID: 1, ItemPrice: 1, Quantity: 1, TaxMethod: "vat"})),
		second(d.AddProduct(ctx, 1, &V2DealProductParams{ProductID: 1, ItemPrice: 1, Quantity: 1, BillingStartDate: "soon"})),
		second(d.AddProducts(ctx, 1, nil)), second(d.AddProducts(ctx, 1, []*V2DealProductParams{ok, nil})),
		second(d.AddProducts(ctx, 1, make([]*V2DealProductParams, 101))),
		second(d.UpdateProduct(ctx, 1, 0, &V2DealProductUpdateParams{})),
		second(d.UpdateProduct(ctx, 1, 2, &V2DealProductUpdateParams{Quantity: Set(0.0)})),
		second(d.UpdateProduct(ctx, 1, 2, &V2DealProductUpdateParams{ProductID: Null[int]()})),
		second(d.DeleteProducts(ctx, 1, []int{0})),
		second(d.Installments(ctx, nil)), second(d.Installments(ctx, &V2InstallmentListOptions{DealIDs: []int{1}, SortBy: V2SortByAddTime})),
		second(d.AddInstallment(ctx, 1, &V2InstallmentParams{Amount: 1, BillingDate: "2026-01-01"})),
		second(d.AddInstallment(ctx, 1, &V2InstallmentParams{Description: "x", BillingDate: "2026-01-01"})),
		second(d.AddInstallment(ctx, 1, &V2InstallmentParams{Description: "x", Amount: 1})),
		second(d.AddInstallment(ctx, 1, &V2InstallmentParams{Description: "x", Amount: 1, BillingDate: "31.01.2026"})),
		second(d.UpdateInstallment(ctx, 1, 0, &V2InstallmentParams{Amount: 2})),
		second(d.UpdateInstallment(ctx, 1, 1, &V2InstallmentParams{Amount: -2})),
	}
	_, err := d.DeleteProduct(ctx, 1, 0)
	errs = append(errs, err)
	_, err = d.DeleteInstallment(ctx, 0, 1)
	errs = append(errs, err)
	var ve *ValidationError
	for i, err := range errs {
		assert.True(t, errors.As(err, &ve), "%d: %v", i, err)
	}
	assert.Zero(t, env.requests.Load(), "nothing sent")
}

// Bad input to the small current operations never reaches the network.
func TestSmallCurrentRefused(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	errs := []error{
		second(env.client.Leads.Search(ctx, nil)), second(env.client.Leads.Search(ctx, &LeadSearchOptions{Term: "a"})),
		second(env.client.Leads.Search(ctx, &LeadSearchOptions{Term: "ab", IncludeFields: []string{"lead.secret"}})),
		second(env.client.Products.Deals(ctx, 0, nil)), second(env.client.Products.Deals(ctx, 1, &ProductDealsOptions{Status: "all"})),
		second(env.client.Products.Files(ctx, 1, &FileListOptions{ListOptions: ListOptions{Limit: 101}})),
		second(env.client.Products.PermittedUsers(ctx, -1)),
		second(env.client.Recents.List(ctx, nil)), second(env.client.Recents.List(ctx, &RecentsOptions{})),
		second(env.client.Recents.List(ctx, &RecentsOptions{Since: time.Now(), Items: []string{"lead"}})),
		second(env.client.Persons.Products(ctx, 0, nil)), second(env.client.Persons.Products(ctx, 1, &ListOptions{Limit: -1})),
		second(env.client.V2.Users.Followers(ctx, 0, nil)),
		second(env.client.V2.ItemSearch.Field(ctx, nil)),
		second(env.client.V2.ItemSearch.Field(ctx, &V2FieldSearchOptions{Term: "x", EntityType: "deal"})),
		second(env.client.V2.ItemSearch.Field(ctx, &V2FieldSearchOptions{Term: "x", EntityType: "task", Field: "title"})),
		second(env.client.V2.ItemSearch.Field(ctx, &V2FieldSearchOptions{Term: "x", EntityType: "deal", Field: "title", Match: V2MatchMiddle})),
		second(env.client.V2.ItemSearch.Field(ctx, &V2FieldSearchOptions{Term: "xy", EntityType: "deal", Field: "title&x=1"})),
	}
	var ve *ValidationError
	for i, err := range errs {
		assert.True(t, errors.As(err, &ve), "%d: %v", i, err)
	}
	assert.Zero(t, env.requests.Load(), "nothing sent")
}

// Bad product image input never reaches the network.
func TestProductImagesRefused(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	p := env.client.V2.Products
	errs := []error{
		second(p.Image(ctx, 0)), second(p.UploadImage(ctx, 0, "a.png", strings.NewReader("x"))),
		second(p.UploadImage(ctx, 1, "", strings.NewReader("x"))), second(p.UpdateImage(ctx, 1, "a.png", nil)),
	}
	_, err := p.DeleteImage(ctx, -1)
	errs = append(errs, err)
	var ve *ValidationError
	for i, err := range errs {
		assert.True(t, errors.As(err, &ve), "%d: %v", i, err)
	}
	assert.Zero(t, env.requests.Load(), "nothing sent")
}

// Bad field writes never reach the network.
func TestFieldWritesRefused(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	f := env.client.V2.Fields
	key := "dcf558aac1ae4e8c4f849ba5e668430d8df9be12"
	errs := []error{
		second(f.Create(ctx, EntityActivity, &V2FieldCreateParams{FieldName: "x", FieldType: "varchar"})),
		second(f.Create(ctx, EntityDeal, nil)), second(f.Create(ctx, EntityDeal, &V2FieldCreateParams{FieldType: "varchar"})),
		second(f.Create(ctx, EntityDeal, &V2FieldCreateParams{FieldName: "x", FieldType: "stage"})),
		second(f.Create(ctx, EntityDeal, &V2FieldCreateParams{FieldName: "x", FieldType: "varchar", Options: []V2FieldOptionLabel{{"a"}}})),
		second(f.Create(ctx, EntityPerson, &V2FieldCreateParams{FieldName: "x", FieldType: "varchar", Description: "d"})),
		second(f.Create(ctx, EntityDeal, &V2FieldCreateParams{FieldName: strings.Repeat("x", 256), FieldType: "varchar"})),
		second(f.Update(ctx, EntityDeal, key, &V2FieldUpdateParams{})), second(f.Update(ctx, EntityDeal, "", &V2FieldUpdateParams{FieldName: "x"})),
		second(f.Update(ctx, "lead", key, &V2FieldUpdateParams{FieldName: "x"})),
		second(f.Delete(ctx, EntityProduct, "a/b")),
		second(f.AddOptions(ctx, EntityDeal, key)), second(f.AddOptions(ctx, EntityDeal, key, " ")),
		second(f.UpdateOptions(ctx, EntityDeal, key, V2FieldOptionChange{ID: 0, Label: "x"})),
		second(f.UpdateOptions(ctx, EntityDeal, key, V2FieldOptionChange{ID: 1})),
		second(f.DeleteOptions(ctx, EntityDeal, key)), second(f.DeleteOptions(ctx, EntityDeal, key, -1)),
	}
	var ve *ValidationError
	for i, err := range errs {
		assert.True(t, errors.As(err, &ve), "%d: %v", i, err)
	}
	assert.Zero(t, env.requests.Load(), "nothing sent")
}

// Bad activity type input never reaches the network.
func TestActivityTypesRefused(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	a := env.client.ActivityTypes
	errs := []error{
		second(a.Create(ctx, nil)), second(a.Create(ctx, &ActivityTypeParams{IconKey: "call"})),
		second(a.Create(ctx, &ActivityTypeParams{Name: "x"})), second(a.Create(ctx, &ActivityTypeParams{Name: "x", IconKey: "rocket"})),
		second(a.Create(ctx, &ActivityTypeParams{Name: "x", IconKey: "call", Color: "#ffffff"})),
		second(a.Update(ctx, 1, &ActivityTypeParams{})), second(a.Update(ctx, 0, &ActivityTypeParams{Name: "x"})),
		second(a.Update(ctx, 1, &ActivityTypeParams{OrderNr: -1})), second(a.Delete(ctx, 0)),
	}
	var ve *ValidationError
	for i, err := range errs {
		assert.True(t, errors.As(err, &ve), "%d: %v", i, err)
	}
	assert.Zero(t, env.requests.Load(), "nothing sent")
}

// Bad v1 field writes never reach the network.
func TestFieldWritesV1Refused(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	f := env.client.Fields
	errs := []error{
		second(f.Create(ctx, EntityActivity, &FieldCreateParams{Name: "x", FieldType: "varchar"})),
		second(f.Create(ctx, EntityDeal, nil)), second(f.Create(ctx, EntityDeal, &FieldCreateParams{FieldType: "varchar"})),
		second(f.Create(ctx, EntityDeal, &FieldCreateParams{Name: "x", FieldType: "stage"})),
		second(f.Create(ctx, EntityDeal, &FieldCreateParams{Name: "x", FieldType: "enum", Options: []FieldOptionParam{{ID: 3, Label: "a"}}})),
		second(f.Create(ctx, EntityProduct, &FieldCreateParams{Name: "x", FieldType: "text", AddVisibleFlag: Ptr(true)})),
		second(f.Update(ctx, EntityDeal, 0, &FieldUpdateParams{Name: "x"})), second(f.Update(ctx, EntityDeal, 1, &FieldUpdateParams{})),
		second(f.Update(ctx, EntityDeal, 1, &FieldUpdateParams{Options: []FieldOptionParam{{Label: ""}}})),
	}
	_, err := f.Delete(ctx, EntityPerson, 0)
	errs = append(errs, err)
	_, err = f.DeleteMany(ctx, EntityPerson, nil)
	errs = append(errs, err)
	_, err = f.DeleteMany(ctx, EntityPerson, []int{1, -1})
	errs = append(errs, err)
	var ve *ValidationError
	for i, err := range errs {
		assert.True(t, errors.As(err, &ve), "%d: %v", i, err)
	}
	assert.Zero(t, env.requests.Load(), "nothing sent")
}

// Bad organization relationship input never reaches the network.
func TestOrgRelationshipsRefused(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	r := env.client.OrganizationRelationships
	errs := []error{
		second(r.List(ctx, 0)), second(r.Get(ctx, 0, 0)), second(r.Get(ctx, 1, -1)),
		second(r.Create(ctx, nil)), second(r.Create(ctx, &OrganizationRelationshipParams{RelOwnerOrgID: 1, RelLinkedOrgID: 2})),
		second(r.Create(ctx, &OrganizationRelationshipParams{Type: "sister", RelOwnerOrgID: 1, RelLinkedOrgID: 2})),
		second(r.Create(ctx, &OrganizationRelationshipParams{Type: "parent", RelOwnerOrgID: 1})),
		second(r.Create(ctx, &OrganizationRelationshipParams{Type: "parent", RelOwnerOrgID: 3, RelLinkedOrgID: 3})),
		second(r.Update(ctx, 0, &OrganizationRelationshipParams{Type: "related"})),
	}
	_, err := r.Delete(ctx, 0)
	errs = append(errs, err)
	var ve *ValidationError
	for i, err := range errs {
		assert.True(t, errors.As(err, &ve), "%d: %v", i, err)
	}
	assert.Zero(t, env.requests.Load(), "nothing sent")
}

// Bad call log input never reaches the network.
func TestCallLogsRefused(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	cl := env.client.CallLogs
	now := time.Now()
	ok := CallLogParams{Outcome: CallBusy, ToPhoneNumber: "+1", StartTime: now, EndTime: now}
	bad := func(f func(p *CallLogParams)) *CallLogParams { p := ok; f(&p); return &p }
	errs := []error{
		second(cl.Create(ctx, nil)), second(cl.Create(ctx, bad(func(p *CallLogParams) { p.Outcome = "hung_up" }))),
		second(cl.Create(ctx, bad(func(p *CallLogParams) { p.ToPhoneNumber = "" }))),
		second(cl.Create(ctx, bad(func(p *CallLogParams) { p.EndTime = now.Add(-time.Second) }))),
		second(cl.Create(ctx, bad(func(p *CallLogParams) { p.LeadID = "7" }))),
		second(cl.Get(ctx, "")), second(cl.Get(ctx, "../deals")), second(cl.List(ctx, &ListOptions{Limit: 501})),
	}
	_, err := cl.Delete(ctx, "a/b")
	errs = append(errs, err)
	_, err = cl.AddRecording(ctx, "CA1", "", strings.NewReader("x"))
	errs = append(errs, err)
	_, err = cl.AddRecording(ctx, "CA1", "a.mp3", nil)
	errs = append(errs, err)
	var ve *ValidationError
	for i, err := range errs {
		assert.True(t, errors.As(err, &ve), "%d: %v", i, err)
	}
	assert.Zero(t, env.requests.Load(), "nothing sent")
}
