package pipedrive

import (
	"context"
	"encoding/json"
	"iter"
)

// OrganizationsService manages organizations through Pipedrive's API v1.
//
// Pipedrive retired these v1 endpoints on 2026-08-01 (they may keep working,
// unsupported); Client.V2.Organizations replaces them.
type OrganizationsService service

// Organization is an organization as API v1 returns it. Custom fields
// (40-hex keys) are in CustomFields; they round-trip through MarshalJSON.
type Organization struct {
	ID        int    `json:"id"`
	CompanyID int    `json:"company_id"`
	Name      string `json:"name"`
	// OwnerID is the user who owns the organization.
	OwnerID   UserRef `json:"owner_id"`
	OwnerName string  `json:"owner_name"`
	// PictureID is the organization's picture, nil when there is none.
	PictureID *Picture `json:"picture_id"`
	// Label is the first of LabelIDs.
	Label       int        `json:"label"`
	LabelIDs    []int      `json:"label_ids"`
	VisibleTo   Visibility `json:"visible_to"`
	ActiveFlag  FlexBool   `json:"active_flag"`
	FirstChar   string     `json:"first_char"`
	CountryCode string     `json:"country_code"`
	// CCEmail is the BCC address for logging emails.
	CCEmail    string `json:"cc_email"`
	AddTime    Time   `json:"add_time"`
	UpdateTime Time   `json:"update_time"`

	// Address is the full address as entered; the other Address fields are
	// its geocoded parts.
	Address                 string `json:"address"`
	AddressSubpremise       string `json:"address_subpremise"`
	AddressStreetNumber     string `json:"address_street_number"`
	AddressRoute            string `json:"address_route"`
	AddressSublocality      string `json:"address_sublocality"`
	AddressLocality         string `json:"address_locality"`
	AddressAdminAreaLevel1  string `json:"address_admin_area_level_1"`
	AddressAdminAreaLevel2  string `json:"address_admin_area_level_2"`
	AddressCountry          string `json:"address_country"`
	AddressPostalCode       string `json:"address_postal_code"`
	AddressFormattedAddress string `json:"address_formatted_address"`

	PeopleCount int `json:"people_count"`
	DealCounts
	ActivityCounts
	NextLastActivity

	// The fields below are only returned by Organizations.Get.

	// EditName tells whether the caller may rename the organization.
	EditName FlexBool `json:"edit_name,omitempty"`
	// LastActivity and NextActivity are the activities as Pipedrive sent
	// them (null when there is none).
	LastActivity json.RawMessage `json:"last_activity,omitempty"`
	NextActivity json.RawMessage `json:"next_activity,omitempty"`

	// CustomFields holds the account's custom organization fields.
	CustomFields CustomFields `json:"-"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (o *Organization) UnmarshalJSON(data []byte) error { return o.decodeJSON(data, nil) }

// decodeJSON is UnmarshalJSON with the custom field keys shared across a
// page (keys may be nil).
func (o *Organization) decodeJSON(data []byte, keys keyCache) error {
	type plain Organization
	cf, err := decodeCustom(data, (*plain)(o), keys)
	if err != nil {
		return err
	}
	o.CustomFields = cf
	return nil
}

// MarshalJSON implements json.Marshaler; custom fields are written back at
// the top level.
func (o Organization) MarshalJSON() ([]byte, error) {
	type plain Organization
	return encodeCustomRaw(plain(o), o.CustomFields)
}

// OrganizationListOptions filters and pages Organizations.List. FilterID
// takes precedence over UserID.
type OrganizationListOptions struct {
	// UserID lists the organizations of this owner.
	UserID int `url:"user_id,omitempty"`
	// FilterID applies a saved filter.
	FilterID int `url:"filter_id,omitempty"`
	// FirstChar lists the organizations whose name starts with this letter
	// (case-insensitive).
	FirstChar string `url:"first_char,omitempty"`
	// Sort is "field ASC" or "field1 ASC, field2 DESC", first-level fields
	// only.
	Sort string `url:"sort,omitempty"`
	ListOptions
}

func (o *OrganizationListOptions) validate() error {
	return firstInvalid(
		checkOptionalID("user_id", o.UserID),
		checkOptionalID("filter_id", o.FilterID),
		checkFirstChar(o.FirstChar),
		o.ListOptions.validate(),
	)
}

// OrganizationCreateParams are the fields of a new organization. Name is
// required; the other fields are sent when set (non-zero).
type OrganizationCreateParams struct {
	Name string `json:"name"`
	// OwnerID is the owner; the caller when 0.
	OwnerID int `json:"owner_id,omitempty"`
	// LabelIDs are the ids of the organization's labels.
	LabelIDs []int `json:"label_ids,omitempty"`
	// VisibleTo is the organization's visibility; the account default
	// when 0.
	VisibleTo Visibility `json:"visible_to,omitempty"`
	// Address is the organization's address, which Pipedrive geocodes.
	// Pipedrive takes it although its v1 specification does not list it.
	Address string `json:"address,omitempty"`
	// AddTime backdates the creation.
	AddTime Time `json:"add_time,omitzero"`
	// CustomFields sets custom fields by their 40-hex key.
	CustomFields map[string]any `json:"-"`
}

func (p *OrganizationCreateParams) validate() error {
	if isBlank(p.Name) {
		return invalid("name", "empty: an organization needs a name")
	}
	return firstInvalid(
		checkCustomKeys(p.CustomFields),
		checkOptionalID("owner_id", p.OwnerID),
		checkIDs("label_ids", p.LabelIDs),
		checkVisibility(p.VisibleTo),
	)
}

// MarshalJSON implements json.Marshaler: the request body, with the custom
// fields at the top level.
func (p OrganizationCreateParams) MarshalJSON() ([]byte, error) {
	type plain OrganizationCreateParams
	return encodeCustom(plain(p), p.CustomFields)
}

// OrganizationUpdateParams are the fields to change on an organization.
// Only the fields set (non-nil) are sent, zero values included.
type OrganizationUpdateParams struct {
	Name    *string `json:"name,omitempty"`
	OwnerID *int    `json:"owner_id,omitempty"`
	// LabelIDs replaces the organization's labels; a pointer to an empty
	// slice removes them all.
	LabelIDs  *[]int      `json:"label_ids,omitempty"`
	VisibleTo *Visibility `json:"visible_to,omitempty"`
	// Address is the organization's address (see
	// OrganizationCreateParams.Address); a pointer to "" clears it.
	Address *string `json:"address,omitempty"`
	// CustomFields sets custom fields by their 40-hex key; a nil value
	// clears the field.
	CustomFields map[string]any `json:"-"`
}

func (p *OrganizationUpdateParams) validate() error {
	var labels []int
	if p.LabelIDs != nil {
		labels = *p.LabelIDs
	}
	empty := len(p.CustomFields) == 0 && p.Name == nil && p.OwnerID == nil && p.LabelIDs == nil &&
		p.VisibleTo == nil && p.Address == nil
	return firstInvalid(
		checkCustomKeys(p.CustomFields),
		checkNamePtr("name", p.Name),
		checkIDPtr("owner_id", p.OwnerID),
		checkIDs("label_ids", labels),
		checkVisibilityPtr(p.VisibleTo),
		checkUpdate(empty),
	)
}

// MarshalJSON implements json.Marshaler: the request body, with the custom
// fields at the top level.
func (p OrganizationUpdateParams) MarshalJSON() ([]byte, error) {
	type plain OrganizationUpdateParams
	return encodeCustom(plain(p), p.CustomFields)
}

// OrganizationSearchOptions are the term, fields and page of
// Organizations.Search.
type OrganizationSearchOptions struct {
	// Term is what to look for: at least 2 characters, or 1 with
	// ExactMatch. It is required.
	Term string `url:"term"`
	// Fields limits the search to these fields (all when empty).
	Fields []OrganizationSearchField `url:"fields,omitempty,comma"`
	// ExactMatch returns only full, case-insensitive matches of Term.
	ExactMatch bool `url:"exact_match,omitempty"`
	ListOptions
}

func (o *OrganizationSearchOptions) validate() error {
	return firstInvalid(
		checkSearchTerm(o.Term, o.ExactMatch),
		checkEnumList("fields", o.Fields, OrganizationSearchAddress, OrganizationSearchCustomFields, OrganizationSearchNotes, OrganizationSearchName),
		o.ListOptions.validate(),
	)
}

// List returns one page of organizations. nil opts lists the first page of
// all organizations; Response.Pagination tells whether more pages follow.
//
// Pipedrive: GET /v1/organizations, https://developers.pipedrive.com/docs/api/v1/Organizations#getOrganizations.
// Cost: 20 tokens.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Organizations.List.
func (s *OrganizationsService) List(ctx context.Context, opts *OrganizationListOptions) ([]*Organization, *Response, error) {
	if err := checkOptions(opts); err != nil {
		return nil, nil, err
	}
	return listPage[Organization](ctx, s.client, v1Path("organizations"), queryOf(opts), v1Replacement("Organizations", "List"))
}

// All iterates over the organizations matching opts, fetching pages lazily
// from opts.Start on; opts is copied, never modified. It yields an error
// once and stops.
//
// Pipedrive: GET /v1/organizations, https://developers.pipedrive.com/docs/api/v1/Organizations#getOrganizations.
// Cost: 20 tokens per page.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Organizations.All.
func (s *OrganizationsService) All(ctx context.Context, opts *OrganizationListOptions) iter.Seq2[*Organization, error] {
	return allPages(ctx, offsetPages, opts, func(o *OrganizationListOptions) *int { return &o.Start }, s.List)
}

// Get returns an organization with its details (last and next activity).
//
// Pipedrive: GET /v1/organizations/{id}, https://developers.pipedrive.com/docs/api/v1/Organizations#getOrganization.
// Cost: 2 tokens.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Organizations.Get.
func (s *OrganizationsService) Get(ctx context.Context, id int) (*Organization, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	return v1Get[Organization](ctx, s.client, v1IDPath("organizations", id), v1Replacement("Organizations", "Get"))
}

// Create adds an organization and returns it. The request is not retried
// after it may have reached Pipedrive.
//
// Pipedrive: POST /v1/organizations, https://developers.pipedrive.com/docs/api/v1/Organizations#addOrganization.
// Cost: 10 tokens.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Organizations.Create.
func (s *OrganizationsService) Create(ctx context.Context, p *OrganizationCreateParams) (*Organization, *Response, error) {
	if err := checkRequired(p, "params", "nil OrganizationCreateParams"); err != nil {
		return nil, nil, err
	}
	return v1Create[Organization](ctx, s.client, v1Path("organizations"), p, v1Replacement("Organizations", "Create"))
}

// Update changes the fields set in p and returns the updated organization.
//
// Pipedrive: PUT /v1/organizations/{id}, https://developers.pipedrive.com/docs/api/v1/Organizations#updateOrganization.
// Cost: 10 tokens.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Organizations.Update.
func (s *OrganizationsService) Update(ctx context.Context, id int, p *OrganizationUpdateParams) (*Organization, *Response, error) {
	if err := firstInvalid(checkID("id", id), checkRequired(p, "params", "nil OrganizationUpdateParams")); err != nil {
		return nil, nil, err
	}
	return v1Update[Organization](ctx, s.client, v1IDPath("organizations", id), p, v1Replacement("Organizations", "Update"))
}

// Delete marks an organization as deleted; Pipedrive purges it after 30
// days.
//
// Pipedrive: DELETE /v1/organizations/{id}, https://developers.pipedrive.com/docs/api/v1/Organizations#deleteOrganization.
// Cost: 6 tokens.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Organizations.Delete.
func (s *OrganizationsService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return deleteOne(ctx, s.client, v1IDPath("organizations", id), v1Replacement("Organizations", "Delete"))
}

// Search returns one page of organizations matching opts.Term in their
// name, address, notes or custom fields. Pipedrive allows 10 search
// requests per 2 seconds.
//
// Pipedrive: GET /v1/organizations/search, https://developers.pipedrive.com/docs/api/v1/Organizations#searchOrganization.
// Cost: 40 tokens.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Organizations.Search.
func (s *OrganizationsService) Search(ctx context.Context, opts *OrganizationSearchOptions) ([]*OrganizationSearchResult, *Response, error) {
	if err := checkRequired(opts, "term", "nil OrganizationSearchOptions: a search term is required"); err != nil {
		return nil, nil, err
	}
	return searchPage[OrganizationSearchResult](ctx, s.client, v1Path("organizations", "search"), opts, v1Replacement("Organizations", "Search"))
}

// SearchAll iterates over all the organizations matching opts, fetching
// pages lazily from opts.Start on; opts is copied, never modified. Invalid
// opts (nil included: Term is required) yield a *ValidationError.
//
// Pipedrive: GET /v1/organizations/search, https://developers.pipedrive.com/docs/api/v1/Organizations#searchOrganization.
// Cost: 40 tokens per page.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Organizations.SearchAll.
func (s *OrganizationsService) SearchAll(ctx context.Context, opts *OrganizationSearchOptions) iter.Seq2[*OrganizationSearchResult, error] {
	return allPages(ctx, offsetPages, opts, func(o *OrganizationSearchOptions) *int { return &o.Start }, s.Search)
}
