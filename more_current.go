package pipedrive

import (
	"cmp"
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"strconv"
)

// Small current operations: currencies, the v1 lead search, a product's
// deals, files and permitted users (API v1), the users following a user
// (API v2) and search by one field's value (API v2).

// CurrenciesService lists the currencies Pipedrive knows (API v1).
type CurrenciesService service

// Currency is a currency Pipedrive supports.
type Currency struct {
	ID            int      `json:"id"`
	Code          string   `json:"code"`
	Name          string   `json:"name"`
	DecimalPoints int      `json:"decimal_points"`
	Symbol        string   `json:"symbol"`
	ActiveFlag    FlexBool `json:"active_flag"`
	IsCustomFlag  FlexBool `json:"is_custom_flag"`
}

// List returns the currencies whose code or name contains term (every
// currency for "").
//
// Pipedrive: GET /api/v1/currencies (https://developers.pipedrive.com/docs/api/v1/Currencies#getCurrencies).
// Token cost: 20.
func (s *CurrenciesService) List(ctx context.Context, term string) ([]*Currency, *Response, error) {
	var q any
	if term != "" {
		q = struct {
			Term string `url:"term"`
		}{term}
	}
	return listPage[Currency](ctx, s.client, v1Path("currencies"), q, "")
}

// LeadSearchOptions searches leads (API v1, paged by offset).
type LeadSearchOptions struct {
	Term string `url:"term"`
	// Fields limits the search: custom_fields, notes, title.
	Fields         []V2SearchField `url:"fields,comma,omitempty"`
	ExactMatch     bool            `url:"exact_match,omitempty"`
	PersonID       int             `url:"person_id,omitempty"`
	OrganizationID int             `url:"organization_id,omitempty"`
	// IncludeFields asks for "lead.was_seen".
	IncludeFields []string `url:"include_fields,comma,omitempty"`
	ListOptions
}

func (o *LeadSearchOptions) validate() error {
	if o == nil {
		return invalid("opts", "nil *LeadSearchOptions: Term is required")
	}
	return firstInvalid(checkSearchTerm(o.Term, o.ExactMatch),
		checkEnumList("fields", o.Fields, V2SearchFieldCustomFields, V2SearchFieldNotes, V2SearchFieldTitle),
		checkEnumList("include_fields", o.IncludeFields, "lead.was_seen"),
		checkOptionalID("person_id", o.PersonID), checkOptionalID("organization_id", o.OrganizationID),
		o.ListOptions.validate())
}

// Search finds leads by title, notes or custom field values and returns
// one page of hits (the hits have the shape of API v2's).
//
// Pipedrive: GET /api/v1/leads/search (https://developers.pipedrive.com/docs/api/v1/Leads#searchLeads).
// Token cost: 40.
func (s *LeadsService) Search(ctx context.Context, opts *LeadSearchOptions) ([]*V2LeadSearchResult, *Response, error) {
	return validated(opts.validate(), func() ([]*V2LeadSearchResult, *Response, error) {
		return searchPage[V2LeadSearchResult](ctx, s.client, v1Path("leads", "search"), opts, "")
	})
}

// SearchAll iterates over every hit of a lead search, fetching pages
// lazily.
//
// Pipedrive: GET /api/v1/leads/search, once per page.
// Token cost: 40 per page.
func (s *LeadsService) SearchAll(ctx context.Context, opts *LeadSearchOptions) iter.Seq2[*V2LeadSearchResult, error] {
	return allPages(ctx, offsetPages, opts, func(o *LeadSearchOptions) *int { return &o.Start }, s.Search)
}

// ProductsService holds the product operations that stay API v1: a
// product's deals, files and permitted users. Products themselves:
// Client.V2.Products.
type ProductsService service

// ProductDealsOptions filters and pages a product's deals.
type ProductDealsOptions struct {
	// Status is open, won, lost, deleted or all_not_deleted (default).
	Status string `url:"status,omitempty"`
	ListOptions
}

func (o *ProductDealsOptions) validate() error {
	if o == nil {
		return nil
	}
	if o.Status != "" {
		if err := checkEnumList("status", []string{o.Status}, "open", "won", "lost", "deleted", "all_not_deleted"); err != nil {
			return err
		}
	}
	return o.ListOptions.validate()
}

// Deals returns one page of the deals a product is attached to.
//
// Pipedrive: GET /api/v1/products/{id}/deals (https://developers.pipedrive.com/docs/api/v1/Products#getProductDeals).
// Token cost: 20.
func (s *ProductsService) Deals(ctx context.Context, productID int, opts *ProductDealsOptions) ([]*Deal, *Response, error) {
	return validated(firstInvalid(checkID("id", productID), opts.validate()), func() ([]*Deal, *Response, error) {
		return listPage[Deal](ctx, s.client, v1Path("products", strconv.Itoa(productID), "deals"), queryOf(opts), "")
	})
}

// Files returns one page of the files attached to a product.
//
// Pipedrive: GET /api/v1/products/{id}/files (https://developers.pipedrive.com/docs/api/v1/Products#getProductFiles).
// Token cost: 20.
func (s *ProductsService) Files(ctx context.Context, productID int, opts *FileListOptions) ([]*File, *Response, error) {
	return entityHistory{s.client, "products"}.files(ctx, productID, opts)
}

// PermittedUsers returns the ids of the users allowed to see a product.
//
// Pipedrive: GET /api/v1/products/{id}/permittedUsers (https://developers.pipedrive.com/docs/api/v1/Products#getProductUsers).
// Token cost: 10.
func (s *ProductsService) PermittedUsers(ctx context.Context, productID int) ([]int, *Response, error) {
	return entityHistory{s.client, "products"}.permittedUsers(ctx, productID)
}

// V2UsersService holds the user operations of API v2 (users themselves
// are API v1: Client.Users).
type V2UsersService service

// Followers returns one page of the users following a user.
//
// Pipedrive: GET /api/v2/users/{id}/followers (https://developers.pipedrive.com/docs/api/v2/Users#getUserFollowers).
// Token cost: 10.
func (s *V2UsersService) Followers(ctx context.Context, userID int, opts *V2ListOptions) ([]*V2Follower, *Response, error) {
	return v2SubList[V2Follower](ctx, s.client, checkID("id", userID), v2Path("users", strconv.Itoa(userID), "followers"), opts)
}

// FollowersAll iterates over every follower of a user.
//
// Pipedrive: GET /api/v2/users/{id}/followers, once per page.
// Token cost: 10 per page.
func (s *V2UsersService) FollowersAll(ctx context.Context, userID int, opts *V2ListOptions) iter.Seq2[*V2Follower, error] {
	return v2SubAll(ctx, opts, func(ctx context.Context, o *V2ListOptions) ([]*V2Follower, *Response, error) {
		return s.Followers(ctx, userID, o)
	})
}

// V2FieldMatch is how a field search compares values.
type V2FieldMatch string

// Field search matches.
const (
	V2MatchExact     V2FieldMatch = "exact"
	V2MatchBeginning V2FieldMatch = "beginning"
	V2MatchMiddle    V2FieldMatch = "middle"
)

// V2FieldSearchOptions searches the values of one field of one kind of
// entity.
type V2FieldSearchOptions struct {
	Term string `url:"term"`
	// EntityType is deal, lead, person, organization, product or project.
	EntityType string `url:"entity_type"`
	// Field is the field's key ("title", "name", a custom field's key).
	Field string `url:"field"`
	// Match is exact (default), beginning or middle (the last two need at
	// least 2 characters).
	Match V2FieldMatch `url:"match,omitempty"`
	V2ListOptions
}

func (o *V2FieldSearchOptions) validate() error {
	if o.Term == "" {
		return invalid("term", "empty: a search term is required")
	}
	if o.Field == "" {
		return invalid("field", "empty: the field to search is required")
	}
	if o.Match != "" && o.Match != V2MatchExact && len([]rune(o.Term)) < 2 {
		return invalid("term", "%q: at least 2 characters unless Match is exact", o.Term)
	}
	return firstInvalid(
		checkEnumList("entity_type", []string{o.EntityType}, "deal", "lead", "person", "organization", "product", "project"),
		checkEnumList("match", []V2FieldMatch{cmp.Or(o.Match, V2MatchExact)}, V2MatchExact, V2MatchBeginning, V2MatchMiddle),
		fieldKeyForm.check("field", o.Field),
		o.V2ListOptions.validate())
}

// V2FieldSearchResult is one value found, as sent: the spec's example has
// the id of an entity holding it (a UUID for leads) and the value under
// the field's key ({"id": 1, "name": "Jane Doe"}), its schema a
// {"result_score", "item"} pair; the map keeps either.
type V2FieldSearchResult map[string]any

// ID returns the entity's id as text.
func (r V2FieldSearchResult) ID() string {
	switch id := r["id"].(type) {
	case string:
		return id
	case float64:
		return strconv.FormatFloat(id, 'f', -1, 64)
	}
	return ""
}

// Field searches the values of one field, returning one page.
//
// Pipedrive: GET /api/v2/itemSearch/field (https://developers.pipedrive.com/docs/api/v2/ItemSearch#searchItemByField).
// Token cost: 20 (the search API also allows only 10 requests per 2 seconds).
func (s *V2ItemSearchService) Field(ctx context.Context, opts *V2FieldSearchOptions) ([]V2FieldSearchResult, *Response, error) {
	if err := checkRequired(opts, "term", "nil *V2FieldSearchOptions: term, entity_type and field are required"); err != nil {
		return nil, nil, err
	}
	var out []V2FieldSearchResult
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: v2Path("itemSearch", "field"), query: opts}, &out)
	return out, resp, err
}

// FieldAll iterates over every value a field search finds.
//
// Pipedrive: GET /api/v2/itemSearch/field, once per page.
// Token cost: 20 per page.
func (s *V2ItemSearchService) FieldAll(ctx context.Context, opts *V2FieldSearchOptions) iter.Seq2[V2FieldSearchResult, error] {
	return allPages(ctx, cursorPages, opts, func(o *V2FieldSearchOptions) *string { return &o.Cursor }, s.Field)
}

// PersonProduct is a product on one of a person's deals, with the deal.
type PersonProduct struct {
	// DealID is the deal's id (the key Pipedrive files the entry under).
	DealID  int
	Deal    *Deal
	Product PersonProductItem
}

// PersonProductItem is the product of a PersonProduct.
type PersonProductItem struct {
	ID          int        `json:"id"`
	CompanyID   int        `json:"company_id"`
	Name        string     `json:"name"`
	Code        string     `json:"code"`
	Description string     `json:"description"`
	Unit        string     `json:"unit"`
	Tax         float64    `json:"tax"`
	Category    FlexString `json:"category"`
	ActiveFlag  FlexBool   `json:"active_flag"`
	Selectable  FlexBool   `json:"selectable"`
	FirstChar   string     `json:"first_char"`
	VisibleTo   Visibility `json:"visible_to"`
	OwnerID     int        `json:"owner_id"`
	FilesCount  int        `json:"files_count"`
	AddTime     Time       `json:"add_time"`
	UpdateTime  Time       `json:"update_time"`
	DealID      int        `json:"deal_id"`
}

// personProductEntry is one element of the answer: {"<deal id>": {"deal":
// ..., "product": ...}}. Members whose key is not a deal id or whose value
// is not such an object are skipped.
type personProductEntry map[string]personProductPair

type personProductPair struct {
	Deal    *Deal             `json:"deal"`
	Product PersonProductItem `json:"product"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (e *personProductEntry) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	out := personProductEntry{}
	for k, v := range raw {
		if id, err := strconv.Atoi(k); err != nil || id <= 0 || len(v) == 0 || v[0] != '{' {
			continue
		}
		var p personProductPair
		if err := json.Unmarshal(v, &p); err != nil {
			return err
		}
		out[k] = p
	}
	*e = out
	return nil
}

// Products returns one page of the products on a person's deals.
//
// Pipedrive: GET /api/v1/persons/{id}/products (https://developers.pipedrive.com/docs/api/v1/Persons#getPersonProducts).
// Token cost: 20.
func (s *PersonsService) Products(ctx context.Context, personID int, opts *ListOptions) ([]*PersonProduct, *Response, error) {
	check := checkID("id", personID)
	if check == nil && opts != nil {
		check = opts.validate()
	}
	return validated(check, func() ([]*PersonProduct, *Response, error) {
		entries, resp, err := listPage[personProductEntry](ctx, s.client, v1Path("persons", strconv.Itoa(personID), "products"), queryOf(opts), "")
		if err != nil {
			return nil, resp, err
		}
		var out []*PersonProduct
		for _, e := range entries {
			for key, v := range *e {
				id, _ := strconv.Atoi(key)
				out = append(out, &PersonProduct{DealID: id, Deal: v.Deal, Product: v.Product})
			}
		}
		return out, resp, nil
	})
}
