package pipedrive

import (
	"bytes"
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"slices"
	"strconv"
)

// V2ItemSearchService searches several kinds of items at once through
// Pipedrive's API v2 (/api/v2/itemSearch), which replaces the retired v1
// /itemSearch.
type V2ItemSearchService service

// V2ItemType is a kind of item an item search looks for.
type V2ItemType string

// Item types.
const (
	V2ItemTypeDeal           V2ItemType = "deal"
	V2ItemTypePerson         V2ItemType = "person"
	V2ItemTypeOrganization   V2ItemType = "organization"
	V2ItemTypeProduct        V2ItemType = "product"
	V2ItemTypeLead           V2ItemType = "lead"
	V2ItemTypeFile           V2ItemType = "file"
	V2ItemTypeMailAttachment V2ItemType = "mail_attachment"
	V2ItemTypeProject        V2ItemType = "project"
)

var v2ItemTypes = []V2ItemType{
	V2ItemTypeDeal, V2ItemTypePerson, V2ItemTypeOrganization, V2ItemTypeProduct,
	V2ItemTypeLead, V2ItemTypeFile, V2ItemTypeMailAttachment, V2ItemTypeProject,
}

// v2ItemSearchMaxLimit is the largest page of an item search.
const v2ItemSearchMaxLimit = 100

// V2ItemSearchOptions are the parameters of V2.ItemSearch.Search. Term is
// required: at least 2 characters, or 1 with ExactMatch.
type V2ItemSearchOptions struct {
	Term string `url:"term"`
	// ItemTypes limits the kinds of items searched (default: all).
	ItemTypes []V2ItemType `url:"item_types,comma,omitempty"`
	// Fields limits where to look: address, code, custom_fields,
	// description, email, name, notes, phone, title (default: all).
	Fields []V2SearchField `url:"fields,comma,omitempty"`
	// SearchForRelatedItems adds up to 100 of the newest leads and deals
	// related to each person and organization found (and up to 100 of the
	// newest deals of each lead found); they come after the items, marked
	// Related.
	SearchForRelatedItems bool `url:"search_for_related_items,omitempty"`
	// ExactMatch keeps only full, case-insensitive matches.
	ExactMatch bool `url:"exact_match,omitempty"`
	// IncludeFields asks for optional fields: "deal.cc_email",
	// "person.picture", "product.price" (read the last two from
	// V2SearchItem.Raw).
	IncludeFields []string `url:"include_fields,comma,omitempty"`
	// V2ListOptions pages the search; Limit is at most 100 here.
	V2ListOptions
}

func (o *V2ItemSearchOptions) validate() error {
	if o.Limit > v2ItemSearchMaxLimit {
		return invalid("limit", "%d is above %d, the largest page of an item search", o.Limit, v2ItemSearchMaxLimit)
	}
	return firstInvalid(
		checkEnumList("item_types", o.ItemTypes, v2ItemTypes...),
		checkSearchTerm(o.Term, o.ExactMatch),
		checkEnumList("fields", o.Fields, V2SearchFieldAddress, V2SearchFieldCode, V2SearchFieldCustomFields,
			V2SearchFieldEmail, V2SearchFieldName, V2SearchFieldNotes, V2SearchFieldPhone,
			V2SearchFieldTitle, V2SearchFieldDescription),
		o.V2ListOptions.validate(),
	)
}

// V2ItemSearchResult is one hit of an item search.
type V2ItemSearchResult struct {
	ResultScore float64      `json:"result_score"`
	Item        V2SearchItem `json:"item"`
	// Related is true for the items SearchForRelatedItems added
	// (Pipedrive's related_items).
	Related bool `json:"-"`
}

// V2SearchItem is the item inside an item search hit. Which fields are set
// depends on Type: deals have Title, Value, Currency, Status, Stage,
// Person, Organization; persons Name, Phones, Emails, Organization;
// organizations Name and Address; products Name and Code; leads Title and
// LeadID (their ids are UUIDs, so ID is 0); files and mail attachments
// Name and URL; projects Title, Status, BoardID, Phase, Deal, DealCount,
// Description, EndDate. Raw holds the whole item as sent.
type V2SearchItem struct {
	ID int `json:"id"`
	// LeadID is the UUID of a lead (Type "lead"); "" for other types.
	LeadID       string       `json:"-"`
	Type         V2ItemType   `json:"type"`
	Title        string       `json:"title,omitempty"`
	Name         string       `json:"name,omitempty"`
	Value        float64      `json:"value,omitempty"`
	Currency     string       `json:"currency,omitempty"`
	Status       string       `json:"status,omitempty"`
	VisibleTo    V2Visibility `json:"visible_to,omitempty"`
	Owner        V2SearchRef  `json:"owner"`
	Stage        V2SearchRef  `json:"stage"`
	Person       V2SearchRef  `json:"person"`
	Organization V2SearchRef  `json:"organization"`
	Deal         V2SearchRef  `json:"deal"`
	Phase        V2SearchRef  `json:"phase"`
	Phones       []string     `json:"phones,omitempty"`
	Emails       []string     `json:"emails,omitempty"`
	Address      string       `json:"address,omitempty"`
	// Code is a product's code (sent as a string or a number).
	Code string `json:"-"`
	// URL is the download path of a file or mail attachment.
	URL         string `json:"url,omitempty"`
	IsArchived  bool   `json:"is_archived,omitempty"`
	BoardID     int    `json:"board_id,omitempty"`
	DealCount   int    `json:"deal_count,omitempty"`
	Description string `json:"description,omitempty"`
	EndDate     Date   `json:"end_date,omitempty"`
	// CustomFields and Notes are the matching custom field values and notes.
	CustomFields []string `json:"custom_fields,omitempty"`
	Notes        []string `json:"notes,omitempty"`
	// CCEmail is a deal's BCC address, with IncludeFields "deal.cc_email".
	CCEmail string `json:"cc_email,omitempty"`
	// Raw is the item as Pipedrive sent it, for fields not decoded here
	// (such as person.picture and product.price).
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON implements json.Unmarshaler: numeric ids go to ID, lead
// UUIDs to LeadID, and a product code may be a string or a number.
func (it *V2SearchItem) UnmarshalJSON(data []byte) error {
	type plain V2SearchItem
	var w struct {
		plain
		ID   json.RawMessage `json:"id"`
		Code json.RawMessage `json:"code"`
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	*it = V2SearchItem(w.plain)
	if id := bytes.TrimSpace(w.ID); len(id) > 0 && !isNull(id) {
		if id[0] == '"' {
			if err := json.Unmarshal(id, &it.LeadID); err != nil {
				return err
			}
			if n, err := strconv.Atoi(it.LeadID); err == nil && it.Type != V2ItemTypeLead {
				it.ID, it.LeadID = n, ""
			}
		} else if err := json.Unmarshal(id, &it.ID); err != nil {
			return err
		}
	}
	it.Code = rawText(w.Code)
	it.Raw = append(json.RawMessage(nil), data...)
	return nil
}

// MarshalJSON implements json.Marshaler: Raw as is when set, else the
// fields.
func (it V2SearchItem) MarshalJSON() ([]byte, error) {
	if len(it.Raw) > 0 {
		return it.Raw, nil
	}
	type plain V2SearchItem
	var id any = it.ID
	if it.LeadID != "" {
		id = it.LeadID
	}
	return json.Marshal(struct {
		plain
		ID   any    `json:"id"`
		Code string `json:"code,omitempty"`
	}{plain(it), id, it.Code})
}

// Search finds items of several types by term and returns one page of hits,
// best first, then the related items (Related) when asked for.
//
// Pipedrive: GET /api/v2/itemSearch (https://developers.pipedrive.com/docs/api/v1/ItemSearch#searchItem, API v2).
// Token cost: 20 (the search API also allows only 10 requests per 2 seconds).
func (s *V2ItemSearchService) Search(ctx context.Context, opts *V2ItemSearchOptions) ([]*V2ItemSearchResult, *Response, error) {
	if err := checkRequired(opts, "term", "empty: a search term is required"); err != nil {
		return nil, nil, err
	}
	var out *struct {
		Items        []*V2ItemSearchResult `json:"items"`
		RelatedItems []*V2ItemSearchResult `json:"related_items"`
	}
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: v2Path("itemSearch"), query: opts}, &out)
	if err != nil || out == nil {
		return nil, resp, err
	}
	for _, r := range out.RelatedItems {
		if r != nil {
			r.Related = true
		}
	}
	all := append(out.Items, out.RelatedItems...)
	return slices.DeleteFunc(all, func(r *V2ItemSearchResult) bool { return r == nil }), resp, nil
}

// SearchAll iterates over every hit of an item search (related items
// included), fetching pages lazily from opts.Cursor on. It yields an error
// once and stops.
//
// Pipedrive: GET /api/v2/itemSearch, once per page (https://developers.pipedrive.com/docs/api/v1/ItemSearch#searchItem, API v2).
// Token cost: 20 per page.
func (s *V2ItemSearchService) SearchAll(ctx context.Context, opts *V2ItemSearchOptions) iter.Seq2[*V2ItemSearchResult, error] {
	return allPages(ctx, cursorPages, opts, func(o *V2ItemSearchOptions) *string { return &o.Cursor }, s.Search)
}
