package pipedrive

import (
	"encoding/json"
)

// This file holds what the API v1 search endpoints of deals, persons and
// organizations share: the field names and the result types (the term and
// field checks are in validate.go).
// The v1 search endpoints are wrappers of /v1/itemSearch; their items have
// a shape of their own, unlike the entities the other endpoints return.

// SearchRef is an entity as v1 search results reference it: an owner
// {"id":1}, a stage or person {"id":1,"name":"..."}, an organization
// (optionally with its address).
type SearchRef struct {
	ID      int    `json:"id"`
	Name    string `json:"name,omitempty"`
	Address string `json:"address,omitempty"`
}

// DealSearchField is a field Deals.Search looks in.
type DealSearchField string

// Fields Deals.Search can look in (all of them when none is given).
const (
	DealSearchCustomFields DealSearchField = "custom_fields"
	DealSearchNotes        DealSearchField = "notes"
	DealSearchTitle        DealSearchField = "title"
)

// DealSearchIncludeCCEmail is the include_fields value that adds each deal's
// BCC email address (DealSearchItem.CCEmail) to the results.
const DealSearchIncludeCCEmail = "deal.cc_email"

// DealSearchResult is one hit of Deals.Search.
type DealSearchResult struct {
	// ResultScore is the hit's relevance.
	ResultScore float64        `json:"result_score"`
	Item        DealSearchItem `json:"item"`
}

// DealSearchItem is a deal as search results describe it, a shape of its
// own: visible_to is a number and the references are small objects.
type DealSearchItem struct {
	ID int `json:"id"`
	// Type is "deal".
	Type      string     `json:"type"`
	Title     string     `json:"title"`
	Value     FlexFloat  `json:"value"`
	Currency  string     `json:"currency"`
	Status    DealStatus `json:"status"`
	VisibleTo Visibility `json:"visible_to"`
	Owner     SearchRef  `json:"owner"`
	Stage     SearchRef  `json:"stage"`
	Person    *SearchRef `json:"person"`
	// Organization is nil when the deal has none.
	Organization *SearchRef `json:"organization"`
	// CustomFields and Notes hold the matching custom field values and notes.
	CustomFields []string `json:"custom_fields"`
	Notes        []string `json:"notes"`
	IsArchived   FlexBool `json:"is_archived"`
	// CCEmail is set when the search asked for DealSearchIncludeCCEmail.
	CCEmail string `json:"cc_email,omitempty"`
}

// PersonSearchField is a field Persons.Search looks in.
type PersonSearchField string

// Fields Persons.Search can look in (all of them when none is given).
const (
	PersonSearchCustomFields PersonSearchField = "custom_fields"
	PersonSearchEmail        PersonSearchField = "email"
	PersonSearchNotes        PersonSearchField = "notes"
	PersonSearchPhone        PersonSearchField = "phone"
	PersonSearchName         PersonSearchField = "name"
)

// PersonSearchIncludePicture is the include_fields value that adds each
// person's picture (PersonSearchItem.Picture) to the results.
const PersonSearchIncludePicture = "person.picture"

// PersonSearchResult is one hit of Persons.Search.
type PersonSearchResult struct {
	// ResultScore is the hit's relevance.
	ResultScore float64          `json:"result_score"`
	Item        PersonSearchItem `json:"item"`
}

// PersonSearchItem is a person as search results describe it: emails and
// phones are plain strings there (decoded into ContactDetail.Value).
type PersonSearchItem struct {
	ID int `json:"id"`
	// Type is "person".
	Type      string          `json:"type"`
	Name      string          `json:"name"`
	Phones    []ContactDetail `json:"phones"`
	Emails    []ContactDetail `json:"emails"`
	VisibleTo Visibility      `json:"visible_to"`
	Owner     SearchRef       `json:"owner"`
	// Organization is nil when the person belongs to none.
	Organization *SearchRef `json:"organization"`
	// CustomFields and Notes hold the matching custom field values and notes.
	CustomFields []string `json:"custom_fields"`
	Notes        []string `json:"notes"`
	// Picture is set, as Pipedrive sent it, when the search asked for
	// PersonSearchIncludePicture; its shape is not documented.
	Picture json.RawMessage `json:"picture,omitempty"`
}

// OrganizationSearchField is a field Organizations.Search looks in.
type OrganizationSearchField string

// Fields Organizations.Search can look in (all of them when none is given).
const (
	OrganizationSearchAddress      OrganizationSearchField = "address"
	OrganizationSearchCustomFields OrganizationSearchField = "custom_fields"
	OrganizationSearchNotes        OrganizationSearchField = "notes"
	OrganizationSearchName         OrganizationSearchField = "name"
)

// OrganizationSearchResult is one hit of Organizations.Search.
type OrganizationSearchResult struct {
	// ResultScore is the hit's relevance.
	ResultScore float64                `json:"result_score"`
	Item        OrganizationSearchItem `json:"item"`
}

// OrganizationSearchItem is an organization as search results describe it.
type OrganizationSearchItem struct {
	ID int `json:"id"`
	// Type is "organization".
	Type      string     `json:"type"`
	Name      string     `json:"name"`
	Address   string     `json:"address"`
	VisibleTo Visibility `json:"visible_to"`
	Owner     SearchRef  `json:"owner"`
	// CustomFields and Notes hold the matching custom field values and notes.
	CustomFields []string `json:"custom_fields"`
	Notes        []string `json:"notes"`
}
