package pipedrive

import (
	"context"
	"iter"
	"unicode/utf8"
)

// PersonsService manages persons (contacts) through Pipedrive's API v1.
//
// Pipedrive retired these v1 endpoints on 2026-08-01 (they may keep working,
// unsupported); Client.V2.Persons replaces them.
type PersonsService service

// MarketingStatus is a person's consent to marketing emails (Campaigns
// product only). Pipedrive lets it change only once.
type MarketingStatus string

// Marketing statuses.
const (
	MarketingStatusNoConsent    MarketingStatus = "no_consent"
	MarketingStatusUnsubscribed MarketingStatus = "unsubscribed"
	MarketingStatusSubscribed   MarketingStatus = "subscribed"
	MarketingStatusArchived     MarketingStatus = "archived"
)

// Valid reports whether m is one of the MarketingStatus constants.
func (m MarketingStatus) Valid() bool {
	switch m {
	case MarketingStatusNoConsent, MarketingStatusUnsubscribed, MarketingStatusSubscribed, MarketingStatusArchived:
		return true
	}
	return false
}

// Person is a person as API v1 returns it. Custom fields (40-hex keys) are
// in CustomFields; they round-trip through MarshalJSON.
type Person struct {
	ID        int    `json:"id"`
	CompanyID int    `json:"company_id"`
	Name      string `json:"name"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	// Emails and Phones are the person's email addresses and phone numbers.
	Emails       []ContactDetail `json:"email"`
	Phones       []ContactDetail `json:"phone"`
	PrimaryEmail string          `json:"primary_email"`
	// OwnerID is the user who owns the person.
	OwnerID   UserRef `json:"owner_id"`
	OwnerName string  `json:"owner_name"`
	// OrgID is the person's organization; its ID is 0 when there is none.
	OrgID   OrganizationRef `json:"org_id"`
	OrgName string          `json:"org_name"`
	// PictureID is the person's picture, nil when there is none.
	PictureID *Picture `json:"picture_id"`
	// Label is the first of LabelIDs.
	Label           int             `json:"label"`
	LabelIDs        []int           `json:"label_ids"`
	VisibleTo       Visibility      `json:"visible_to"`
	MarketingStatus MarketingStatus `json:"marketing_status,omitempty"`
	ActiveFlag      FlexBool        `json:"active_flag"`
	FirstChar       string          `json:"first_char"`
	// CCEmail is the BCC address for logging emails.
	CCEmail    string `json:"cc_email"`
	AddTime    Time   `json:"add_time"`
	UpdateTime Time   `json:"update_time"`

	DealCounts
	ParticipantOpenDealsCount   int `json:"participant_open_deals_count"`
	ParticipantClosedDealsCount int `json:"participant_closed_deals_count"`
	ActivityCounts
	NextLastActivity

	// CustomFields holds the account's custom person fields.
	CustomFields CustomFields `json:"-"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (p *Person) UnmarshalJSON(data []byte) error { return p.decodeJSON(data, nil) }

// decodeJSON is UnmarshalJSON with the custom field keys shared across a
// page (keys may be nil).
func (p *Person) decodeJSON(data []byte, keys keyCache) error {
	type plain Person
	cf, err := decodeCustom(data, (*plain)(p), keys)
	if err != nil {
		return err
	}
	p.CustomFields = cf
	return nil
}

// MarshalJSON implements json.Marshaler; custom fields are written back at
// the top level.
func (p Person) MarshalJSON() ([]byte, error) {
	type plain Person
	return encodeCustomRaw(plain(p), p.CustomFields)
}

// PersonListOptions filters and pages Persons.List. FilterID takes
// precedence over UserID.
type PersonListOptions struct {
	// UserID lists the persons of this owner.
	UserID int `url:"user_id,omitempty"`
	// FilterID applies a saved filter.
	FilterID int `url:"filter_id,omitempty"`
	// FirstChar lists the persons whose name starts with this letter
	// (case-insensitive).
	FirstChar string `url:"first_char,omitempty"`
	// Sort is "field ASC" or "field1 ASC, field2 DESC", first-level fields
	// only.
	Sort string `url:"sort,omitempty"`
	ListOptions
}

func (o *PersonListOptions) validate() error {
	return firstInvalid(
		checkOptionalID("user_id", o.UserID),
		checkOptionalID("filter_id", o.FilterID),
		checkFirstChar(o.FirstChar),
		o.ListOptions.validate(),
	)
}

// checkFirstChar refuses a first_char filter longer than one character.
func checkFirstChar(s string) error {
	if s != "" && utf8.RuneCountInString(s) != 1 {
		return invalid("first_char", "%q is not a single character", s)
	}
	return nil
}

// PersonCreateParams are the fields of a new person. Name is required; the
// other fields are sent when set (non-zero).
type PersonCreateParams struct {
	Name string `json:"name"`
	// OwnerID is the owner; the caller when 0.
	OwnerID int `json:"owner_id,omitempty"`
	// OrgID is the person's organization.
	OrgID int `json:"org_id,omitempty"`
	// Emails and Phones: pipedrive.Contacts("ann@example.com") makes a
	// primary one from a string. Labels are work, home, mobile (phones) or
	// other.
	Emails []ContactDetail `json:"email,omitempty"`
	Phones []ContactDetail `json:"phone,omitempty"`
	// LabelIDs are the ids of the person's labels.
	LabelIDs []int `json:"label_ids,omitempty"`
	// VisibleTo is the person's visibility; the account default when 0.
	VisibleTo Visibility `json:"visible_to,omitempty"`
	// MarketingStatus needs the Campaigns product.
	MarketingStatus MarketingStatus `json:"marketing_status,omitempty"`
	// AddTime backdates the creation.
	AddTime Time `json:"add_time,omitzero"`
	// CustomFields sets custom fields by their 40-hex key.
	CustomFields map[string]any `json:"-"`
}

func (p *PersonCreateParams) validate() error {
	if isBlank(p.Name) {
		return invalid("name", "empty: a person needs a name")
	}
	return firstInvalid(
		checkMarketingStatus(p.MarketingStatus),
		checkCustomKeys(p.CustomFields),
		checkOptionalID("owner_id", p.OwnerID),
		checkOptionalID("org_id", p.OrgID),
		checkContacts("email", p.Emails),
		checkContacts("phone", p.Phones),
		checkIDs("label_ids", p.LabelIDs),
		checkVisibility(p.VisibleTo),
	)
}

// MarshalJSON implements json.Marshaler: the request body, with the custom
// fields at the top level.
func (p PersonCreateParams) MarshalJSON() ([]byte, error) {
	type plain PersonCreateParams
	return encodeCustom(plain(p), p.CustomFields)
}

// PersonUpdateParams are the fields to change on a person. Only the fields
// set (non-nil) are sent, zero values included.
type PersonUpdateParams struct {
	Name    *string `json:"name,omitempty"`
	OwnerID *int    `json:"owner_id,omitempty"`
	OrgID   *int    `json:"org_id,omitempty"`
	// Emails and Phones replace the person's lists.
	Emails *[]ContactDetail `json:"email,omitempty"`
	Phones *[]ContactDetail `json:"phone,omitempty"`
	// LabelIDs replaces the person's labels; a pointer to an empty slice
	// removes them all.
	LabelIDs        *[]int           `json:"label_ids,omitempty"`
	VisibleTo       *Visibility      `json:"visible_to,omitempty"`
	MarketingStatus *MarketingStatus `json:"marketing_status,omitempty"`
	// CustomFields sets custom fields by their 40-hex key; a nil value
	// clears the field.
	CustomFields map[string]any `json:"-"`
}

func (p *PersonUpdateParams) validate() error {
	if p.MarketingStatus != nil {
		if *p.MarketingStatus == "" {
			return invalid("marketing_status", "empty")
		}
		if err := checkMarketingStatus(*p.MarketingStatus); err != nil {
			return err
		}
	}
	var emails, phones []ContactDetail
	var labels []int
	if p.Emails != nil {
		emails = *p.Emails
	}
	if p.Phones != nil {
		phones = *p.Phones
	}
	if p.LabelIDs != nil {
		labels = *p.LabelIDs
	}
	empty := len(p.CustomFields) == 0 && p.Name == nil && p.OwnerID == nil && p.OrgID == nil &&
		p.Emails == nil && p.Phones == nil && p.LabelIDs == nil && p.VisibleTo == nil && p.MarketingStatus == nil
	return firstInvalid(
		checkCustomKeys(p.CustomFields),
		checkNamePtr("name", p.Name),
		checkIDPtr("owner_id", p.OwnerID),
		checkIDPtr("org_id", p.OrgID),
		checkContacts("email", emails),
		checkContacts("phone", phones),
		checkIDs("label_ids", labels),
		checkVisibilityPtr(p.VisibleTo),
		checkUpdate(empty),
	)
}

// MarshalJSON implements json.Marshaler: the request body, with the custom
// fields at the top level.
func (p PersonUpdateParams) MarshalJSON() ([]byte, error) {
	type plain PersonUpdateParams
	return encodeCustom(plain(p), p.CustomFields)
}

// PersonSearchOptions are the term, filters and page of Persons.Search.
type PersonSearchOptions struct {
	// Term is what to look for: at least 2 characters, or 1 with
	// ExactMatch. It is required.
	Term string `url:"term"`
	// Fields limits the search to these fields (all when empty).
	Fields []PersonSearchField `url:"fields,omitempty,comma"`
	// ExactMatch returns only full, case-insensitive matches of Term.
	ExactMatch bool `url:"exact_match,omitempty"`
	// OrganizationID keeps the persons of this organization (at most 2000
	// of them are searched).
	OrganizationID int `url:"organization_id,omitempty"`
	// IncludeFields adds optional fields: PersonSearchIncludePicture.
	IncludeFields []string `url:"include_fields,omitempty,comma"`
	ListOptions
}

func (o *PersonSearchOptions) validate() error {
	return firstInvalid(
		checkSearchTerm(o.Term, o.ExactMatch),
		checkEnumList("fields", o.Fields, PersonSearchCustomFields, PersonSearchEmail, PersonSearchNotes, PersonSearchPhone, PersonSearchName),
		checkEnumList("include_fields", o.IncludeFields, PersonSearchIncludePicture),
		checkOptionalID("organization_id", o.OrganizationID),
		o.ListOptions.validate(),
	)
}

// List returns one page of persons. nil opts lists the first page of all
// persons; Response.Pagination tells whether more pages follow.
//
// Pipedrive: GET /v1/persons, https://developers.pipedrive.com/docs/api/v1/Persons#getPersons.
// Cost: 20 tokens.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Persons.List.
func (s *PersonsService) List(ctx context.Context, opts *PersonListOptions) ([]*Person, *Response, error) {
	if err := checkOptions(opts); err != nil {
		return nil, nil, err
	}
	return listPage[Person](ctx, s.client, v1Path("persons"), queryOf(opts), v1Replacement("Persons", "List"))
}

// All iterates over the persons matching opts, fetching pages lazily from
// opts.Start on; opts is copied, never modified. It yields an error once
// and stops.
//
// Pipedrive: GET /v1/persons, https://developers.pipedrive.com/docs/api/v1/Persons#getPersons.
// Cost: 20 tokens per page.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Persons.All.
func (s *PersonsService) All(ctx context.Context, opts *PersonListOptions) iter.Seq2[*Person, error] {
	return allPages(ctx, offsetPages, opts, func(o *PersonListOptions) *int { return &o.Start }, s.List)
}

// Get returns a person.
//
// Pipedrive: GET /v1/persons/{id}, https://developers.pipedrive.com/docs/api/v1/Persons#getPerson.
// Cost: 2 tokens.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Persons.Get.
func (s *PersonsService) Get(ctx context.Context, id int) (*Person, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	return v1Get[Person](ctx, s.client, v1IDPath("persons", id), v1Replacement("Persons", "Get"))
}

// Create adds a person and returns it. The request is not retried after it
// may have reached Pipedrive.
//
// Pipedrive: POST /v1/persons, https://developers.pipedrive.com/docs/api/v1/Persons#addPerson.
// Cost: 10 tokens.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Persons.Create.
func (s *PersonsService) Create(ctx context.Context, p *PersonCreateParams) (*Person, *Response, error) {
	if err := checkRequired(p, "params", "nil PersonCreateParams"); err != nil {
		return nil, nil, err
	}
	return v1Create[Person](ctx, s.client, v1Path("persons"), p, v1Replacement("Persons", "Create"))
}

// Update changes the fields set in p and returns the updated person.
//
// Pipedrive: PUT /v1/persons/{id}, https://developers.pipedrive.com/docs/api/v1/Persons#updatePerson.
// Cost: 10 tokens.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Persons.Update.
func (s *PersonsService) Update(ctx context.Context, id int, p *PersonUpdateParams) (*Person, *Response, error) {
	if err := firstInvalid(checkID("id", id), checkRequired(p, "params", "nil PersonUpdateParams")); err != nil {
		return nil, nil, err
	}
	return v1Update[Person](ctx, s.client, v1IDPath("persons", id), p, v1Replacement("Persons", "Update"))
}

// Delete marks a person as deleted; Pipedrive purges it after 30 days.
//
// Pipedrive: DELETE /v1/persons/{id}, https://developers.pipedrive.com/docs/api/v1/Persons#deletePerson.
// Cost: 6 tokens.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Persons.Delete.
func (s *PersonsService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return deleteOne(ctx, s.client, v1IDPath("persons", id), v1Replacement("Persons", "Delete"))
}

// Search returns one page of persons matching opts.Term in their name,
// email addresses, phone numbers, notes or custom fields. Pipedrive allows
// 10 search requests per 2 seconds.
//
// Pipedrive: GET /v1/persons/search, https://developers.pipedrive.com/docs/api/v1/Persons#searchPersons.
// Cost: 40 tokens.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Persons.Search.
func (s *PersonsService) Search(ctx context.Context, opts *PersonSearchOptions) ([]*PersonSearchResult, *Response, error) {
	if err := checkRequired(opts, "term", "nil PersonSearchOptions: a search term is required"); err != nil {
		return nil, nil, err
	}
	return searchPage[PersonSearchResult](ctx, s.client, v1Path("persons", "search"), opts, v1Replacement("Persons", "Search"))
}

// SearchAll iterates over all the persons matching opts, fetching pages
// lazily from opts.Start on; opts is copied, never modified. Invalid opts
// (nil included: Term is required) yield a *ValidationError.
//
// Pipedrive: GET /v1/persons/search, https://developers.pipedrive.com/docs/api/v1/Persons#searchPersons.
// Cost: 40 tokens per page.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Persons.SearchAll.
func (s *PersonsService) SearchAll(ctx context.Context, opts *PersonSearchOptions) iter.Seq2[*PersonSearchResult, error] {
	return allPages(ctx, offsetPages, opts, func(o *PersonSearchOptions) *int { return &o.Start }, s.Search)
}
