package pipedrive

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// This file holds the types shared by the API v2 services.
//
// How v2 parameters express "unset", "set" and "clear":
//
//   - Create parameters are plain fields: a zero value is not sent. Where a
//     zero value must be sendable (a deal's value 0, a probability of 0, a
//     false flag), the field is a pointer: nil is not sent, Ptr(0.0) is.
//   - Update parameters (PATCH) are all Field[T] values: the zero Field is
//     not sent, Set(v) sends v (zero values included) and Null[T]() sends
//     null, which clears the field. Null is refused with a *ValidationError
//     for the fields Pipedrive does not let you clear; each field's comment
//     says when it can be cleared.
//   - Custom fields, in both, are a map from 40-hex key to value written
//     into the "custom_fields" object; a nil value clears the field.

// v2FieldState says whether a Field is unset, holds a value, or is null.
type v2FieldState uint8

const (
	v2FieldUnset v2FieldState = iota
	v2FieldValue
	v2FieldNull
)

// Field is an optional field of an API v2 update (PATCH): the zero Field is
// left out of the request, Set(v) sends v and Null[T]() sends JSON null to
// clear the field where Pipedrive allows it. Struct fields of this type are
// tagged `json:",omitzero"`, which calls IsZero (Go 1.24+).
//
//	pipedrive.V2DealUpdateParams{
//		Title:      pipedrive.Set("Bigger deal"),
//		Value:      pipedrive.Set(0.0),           // sends "value": 0
//		LostReason: pipedrive.Null[string](),     // sends "lost_reason": null
//	}
type Field[T any] struct {
	value T
	state v2FieldState
}

// Set returns a Field that sends v, even when v is a zero value.
func Set[T any](v T) Field[T] { return Field[T]{value: v, state: v2FieldValue} }

// Null returns a Field that sends JSON null, clearing the field.
func Null[T any]() Field[T] { return Field[T]{state: v2FieldNull} }

// IsZero reports whether f is unset (it is then left out of the request).
func (f Field[T]) IsZero() bool { return f.state == v2FieldUnset }

// IsNull reports whether f sends null.
func (f Field[T]) IsNull() bool { return f.state == v2FieldNull }

// IsSet reports whether f sends a value (not null).
func (f Field[T]) IsSet() bool { return f.state == v2FieldValue }

// Value returns the value f sends and true, or the zero T and false when f
// is unset or null.
func (f Field[T]) Value() (T, bool) { return f.value, f.state == v2FieldValue }

// String describes f: "unset", "null" or its value.
func (f Field[T]) String() string {
	switch f.state {
	case v2FieldValue:
		return fmt.Sprint(f.value)
	case v2FieldNull:
		return "null"
	}
	return "unset"
}

// MarshalJSON implements json.Marshaler: the value, or null when f is null
// (or unset, though an omitzero tag leaves an unset Field out).
func (f Field[T]) MarshalJSON() ([]byte, error) {
	if f.state != v2FieldValue {
		return []byte("null"), nil
	}
	return json.Marshal(f.value)
}

// UnmarshalJSON implements json.Unmarshaler: null gives Null, anything else
// a set value.
func (f *Field[T]) UnmarshalJSON(data []byte) error {
	if isNull(data) {
		*f = Null[T]()
		return nil
	}
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*f = Set(v)
	return nil
}

// V2Visibility is the visible_to setting as API v2 sends and takes it: a
// JSON integer (API v1 bodies take the string form, see Visibility). On
// Lite/Growth/Professional plans 1 means owner and followers and 3 the
// entire company; on Premium/Ultimate 1 means owner only, 3 the owner's
// visibility group, 5 the group and its sub-groups, 7 the entire company.
// V2Visibility(v) converts a Visibility.
type V2Visibility int

// V2Visibility values.
const (
	V2VisibilityOwner            V2Visibility = 1
	V2VisibilityGroup            V2Visibility = 3
	V2VisibilityGroupAndSubgroup V2Visibility = 5
	V2VisibilityCompany          V2Visibility = 7
)

// Valid reports whether v is one of 1, 3, 5, 7.
func (v V2Visibility) Valid() bool { return Visibility(v).Valid() }

// V2SortBy is the field an API v2 list is sorted by.
type V2SortBy string

// Sort fields. Every v2 list takes id, add_time and update_time; activities
// also take due_date and stages order_nr.
const (
	V2SortByID         V2SortBy = "id"
	V2SortByAddTime    V2SortBy = "add_time"
	V2SortByUpdateTime V2SortBy = "update_time"
	V2SortByDueDate    V2SortBy = "due_date"
	V2SortByOrderNr    V2SortBy = "order_nr"
)

// V2SortDirection is the direction of an API v2 sort.
type V2SortDirection string

// Sort directions (default ascending).
const (
	V2SortAsc  V2SortDirection = "asc"
	V2SortDesc V2SortDirection = "desc"
)

// v2CheckSort validates sort_by against the endpoint's extra fields (beyond
// id, add_time, update_time) and sort_direction.
func v2CheckSort(by V2SortBy, dir V2SortDirection, extra ...V2SortBy) error {
	switch by {
	case "", V2SortByID, V2SortByAddTime, V2SortByUpdateTime:
	default:
		if !slices.Contains(extra, by) {
			allowed := []string{"id", "add_time", "update_time"}
			for _, e := range extra {
				allowed = append(allowed, string(e))
			}
			return invalid("sort_by", "%q is not one of %s", by, strings.Join(allowed, ", "))
		}
	}
	switch dir {
	case "", V2SortAsc, V2SortDesc:
		return nil
	}
	return invalid("sort_direction", "%q is not one of asc, desc", dir)
}

// V2ListOptions pages through an API v2 list by cursor.
type V2ListOptions struct {
	// Cursor is where the page starts: "" for the beginning, or the
	// Response.NextCursor of an earlier page (to resume an export).
	Cursor string `url:"cursor,omitempty"`
	// Limit is the page size: 0 means the server default (100), 1..500 is
	// sent (1..100 for item search), anything else is refused before any
	// call.
	Limit int `url:"limit,omitempty"`
}

func (o V2ListOptions) validate() error { return checkLimit(o.Limit) }

// v2UTC returns t in UTC, leaving the zero time zero.
func v2UTC(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC().Truncate(time.Second)
}

// V2Address is an address as API v2 writes it: a person's postal_address,
// an organization's address, an activity's location, or the value of an
// address custom field.
type V2Address struct {
	// Value is the full address as one line.
	Value string `json:"value,omitempty"`
	// Country is the country.
	Country string `json:"country,omitempty"`
	// AdminAreaLevel1 is the state or region.
	AdminAreaLevel1 string `json:"admin_area_level_1,omitempty"`
	// AdminAreaLevel2 is the county.
	AdminAreaLevel2 string `json:"admin_area_level_2,omitempty"`
	// Locality is the city.
	Locality string `json:"locality,omitempty"`
	// Sublocality is the neighbourhood.
	Sublocality string `json:"sublocality,omitempty"`
	// Route is the street.
	Route string `json:"route,omitempty"`
	// StreetNumber is the house number.
	StreetNumber string `json:"street_number,omitempty"`
	// Subpremise is the apartment or suite.
	Subpremise string `json:"subpremise,omitempty"`
	// PostalCode is the postal code.
	PostalCode string `json:"postal_code,omitempty"`
	// FormattedAddress is Google's formatting of the address, when
	// Pipedrive geocoded it (address custom fields).
	FormattedAddress string `json:"formatted_address,omitempty"`
}

// V2Monetary is the value of a monetary custom field in API v2:
// {"value": 1500, "currency": "EUR"}. Put one in CustomFields to set it.
type V2Monetary struct {
	Value    float64 `json:"value"`
	Currency string  `json:"currency"`
}

// V2DateRange is the value of a date range custom field in API v2:
// {"value": "2026-01-01", "until": "2026-01-31"}.
type V2DateRange struct {
	Value Date `json:"value"`
	Until Date `json:"until"`
}

// V2TimeRange is the value of a time range custom field in API v2:
// {"value": "09:00:00", "until": "17:00:00"}.
type V2TimeRange struct {
	Value string `json:"value"`
	Until string `json:"until"`
}

// V2CustomFields holds an API v2 entity's "custom_fields" object: each
// 40-hex field key with its value as the raw JSON Pipedrive sent. Values
// are typed: text and numbers as such, monetary {value, currency}, date and
// time ranges {value, until}, addresses an object, single options an
// option id, multiple options a list of ids, user/person/organization
// fields an id. The accessors return false when the key is missing, its
// value is null, or it is not of the asked type; Decode reports errors.
type V2CustomFields map[string]json.RawMessage

// Has reports whether the entity carries key (possibly with null).
func (c V2CustomFields) Has(key string) bool {
	_, ok := c[key]
	return ok
}

// IsNull reports whether key is missing or null.
func (c V2CustomFields) IsNull(key string) bool {
	raw, ok := c[key]
	return !ok || isNull(raw)
}

// Keys returns the keys in sorted order.
func (c V2CustomFields) Keys() []string { return slices.Sorted(maps.Keys(c)) }

// Decode decodes the value of key into out. A missing key leaves out
// unchanged and returns nil.
func (c V2CustomFields) Decode(key string, out any) error {
	raw, ok := c[key]
	if !ok {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("pipedrive: custom field %s: %w", key, err)
	}
	return nil
}

// v2CustomAs decodes the value of key as T; false when missing, null or
// of another type.
func v2CustomAs[T any](c V2CustomFields, key string) (T, bool) {
	var v T
	raw, ok := c[key]
	if !ok || isNull(raw) {
		return v, false
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		var zero T
		return zero, false
	}
	return v, true
}

// Text returns the value of a text field (varchar, text, phone,
// autocomplete...): a JSON string. Numbers are returned as written.
func (c V2CustomFields) Text(key string) (string, bool) {
	raw, ok := c[key]
	if !ok || isNull(raw) {
		return "", false
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && (raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9') {
		return string(raw), true
	}
	return v2CustomAs[string](c, key)
}

// Number returns the value of a numeric field (double). A numeric string
// is accepted too.
func (c V2CustomFields) Number(key string) (float64, bool) {
	if f, ok := v2CustomAs[float64](c, key); ok {
		return f, true
	}
	s, ok := v2CustomAs[string](c, key)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return f, err == nil
}

// Date returns the value of a date field ("YYYY-MM-DD").
func (c V2CustomFields) Date(key string) (Date, bool) {
	s, ok := v2CustomAs[string](c, key)
	if !ok || s == "" {
		return "", false
	}
	return Date(s), true
}

// Monetary returns the value of a monetary field.
func (c V2CustomFields) Monetary(key string) (V2Monetary, bool) {
	return v2CustomAs[V2Monetary](c, key)
}

// DateRange returns the value of a date range field.
func (c V2CustomFields) DateRange(key string) (V2DateRange, bool) {
	return v2CustomAs[V2DateRange](c, key)
}

// TimeRange returns the value of a time range field.
func (c V2CustomFields) TimeRange(key string) (V2TimeRange, bool) {
	return v2CustomAs[V2TimeRange](c, key)
}

// Address returns the value of an address field.
func (c V2CustomFields) Address(key string) (V2Address, bool) {
	return v2CustomAs[V2Address](c, key)
}

// v2OptionRef is an option as include_option_labels=true writes it.
type v2OptionRef struct {
	ID    int    `json:"id"`
	Label string `json:"label"`
}

// v2OptionID decodes an option id: a number, a numeric string, or an
// {"id": .., "label": ..} object.
func v2OptionID(raw json.RawMessage) (int, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '{' {
		var o v2OptionRef
		if json.Unmarshal(raw, &o) != nil || o.ID == 0 {
			return 0, false
		}
		return o.ID, true
	}
	f, err := decodeFlexFloat(raw)
	if err != nil || f <= 0 || f != float64(int(f)) {
		return 0, false
	}
	return int(f), true
}

// Option returns the option id of a single option (enum) field. It also
// reads the {id, label} form.
func (c V2CustomFields) Option(key string) (int, bool) {
	raw, ok := c[key]
	if !ok || isNull(raw) {
		return 0, false
	}
	return v2OptionID(raw)
}

// Options returns the option ids of a multiple options (set) field. It also
// reads the {id, label} form.
func (c V2CustomFields) Options(key string) ([]int, bool) {
	raws, ok := v2CustomAs[[]json.RawMessage](c, key)
	if !ok {
		return nil, false
	}
	ids := make([]int, 0, len(raws))
	for _, r := range raws {
		id, ok := v2OptionID(r)
		if !ok {
			return nil, false
		}
		ids = append(ids, id)
	}
	return ids, true
}

// ID returns the id a user, person or organization field refers to.
func (c V2CustomFields) ID(key string) (int, bool) { return c.Option(key) }

// V2SearchRef is a related entity inside a search result: the owner
// ({id}), stage and phase ({id, name}), person ({id, name}), organization
// ({id, name, address}) or deal ({id, title}). The zero V2SearchRef stands
// for none (null).
type V2SearchRef struct {
	ID      int    `json:"id"`
	Name    string `json:"name,omitempty"`
	Title   string `json:"title,omitempty"`
	Address string `json:"address,omitempty"`
}

// V2SearchField is a field a v2 search looks in.
type V2SearchField string

// Search fields. Deals take custom_fields, notes, title; persons
// custom_fields, email, notes, phone, name; organizations address,
// custom_fields, notes, name; item search all of them plus code and
// description.
const (
	V2SearchFieldAddress      V2SearchField = "address"
	V2SearchFieldCode         V2SearchField = "code"
	V2SearchFieldCustomFields V2SearchField = "custom_fields"
	V2SearchFieldDescription  V2SearchField = "description"
	V2SearchFieldEmail        V2SearchField = "email"
	V2SearchFieldName         V2SearchField = "name"
	V2SearchFieldNotes        V2SearchField = "notes"
	V2SearchFieldPhone        V2SearchField = "phone"
	V2SearchFieldTitle        V2SearchField = "title"
)
