package pipedrive

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Ptr returns a pointer to v. Use it for optional fields of Update
// parameters, where nil means "leave unchanged" and a pointer to a zero
// value means "set to zero": pipedrive.Ptr(0.0).
func Ptr[T any](v T) *T { return &v }

var jsonNull = []byte("null")

func isNull(b []byte) bool { return bytes.Equal(bytes.TrimSpace(b), jsonNull) }

// FlexBool is a boolean that decodes every form Pipedrive uses for one:
// true/false, 0/1, "0"/"1", "true"/"false", null and "" (false).
// It encodes as a JSON boolean.
type FlexBool bool

// simpleString returns the content of a JSON string literal that holds no
// escape sequence, as a view into data: the common case, decoded without a
// nested json.Unmarshal (which allocates a decoder state per value). ok is
// false for anything else (an escape, invalid UTF-8, not a string).
func simpleString(data []byte) ([]byte, bool) {
	data = bytes.TrimSpace(data)
	if len(data) < 2 || data[0] != '"' || data[len(data)-1] != '"' {
		return nil, false
	}
	inner := data[1 : len(data)-1]
	if bytes.IndexByte(inner, '\\') >= 0 || bytes.IndexByte(inner, '"') >= 0 || !utf8.Valid(inner) {
		return nil, false
	}
	return inner, true
}

// flexBoolBytes decodes the common forms of a FlexBool without allocating;
// ok is false for the others.
func flexBoolBytes(data []byte) (v, ok bool) {
	s := bytes.TrimSpace(data)
	if inner, isStr := simpleString(s); isStr {
		s = bytes.TrimSpace(inner)
	} else if len(s) > 0 && s[0] == '"' {
		return false, false
	}
	switch {
	case len(s) == 1 && s[0] == '1', bytes.EqualFold(s, []byte("true")):
		return true, true
	case len(s) == 0, len(s) == 1 && s[0] == '0', bytes.EqualFold(s, []byte("false")), bytes.EqualFold(s, jsonNull):
		return false, true
	}
	return false, false
}

// UnmarshalJSON implements json.Unmarshaler.
func (b *FlexBool) UnmarshalJSON(data []byte) error {
	if v, ok := flexBoolBytes(data); ok {
		*b = FlexBool(v)
		return nil
	}
	s := string(bytes.TrimSpace(data))
	if len(s) >= 2 && s[0] == '"' {
		unq, err := strconv.Unquote(s)
		if err != nil {
			return fmt.Errorf("pipedrive: bool: %w", err)
		}
		s = strings.TrimSpace(unq)
	}
	switch strings.ToLower(s) {
	case "true", "1":
		*b = true
	case "false", "0", "null", "":
		*b = false
	default:
		// Any other number counts as true, as it does in Pipedrive's PHP roots.
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			*b = true
			return nil
		}
		return fmt.Errorf("pipedrive: cannot decode %q as a bool", truncate(s, 40))
	}
	return nil
}

// NumBool is a boolean sent to Pipedrive as the number 0 or 1, as v1 request
// bodies want for done and the pinned_to_*_flag fields. It decodes like
// FlexBool.
type NumBool bool

// MarshalJSON implements json.Marshaler.
func (b NumBool) MarshalJSON() ([]byte, error) {
	if b {
		return []byte("1"), nil
	}
	return []byte("0"), nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (b *NumBool) UnmarshalJSON(data []byte) error {
	return (*FlexBool)(b).UnmarshalJSON(data)
}

// FlexInt is an integer that also decodes from a JSON string ("3"), null and
// "" (0). It encodes as a JSON number.
type FlexInt int

// UnmarshalJSON implements json.Unmarshaler.
func (n *FlexInt) UnmarshalJSON(data []byte) error {
	v, err := decodeFlexFloat(data)
	if err != nil {
		return err
	}
	*n = FlexInt(v)
	return nil
}

// FlexFloat is a number that also decodes from a JSON string ("12.5"),
// null and "" (0). Deal values arrive both ways. It encodes as a JSON number.
type FlexFloat float64

// UnmarshalJSON implements json.Unmarshaler.
func (f *FlexFloat) UnmarshalJSON(data []byte) error {
	v, err := decodeFlexFloat(data)
	if err != nil {
		return err
	}
	*f = FlexFloat(v)
	return nil
}

func decodeFlexFloat(data []byte) (float64, error) {
	if b := bytes.TrimSpace(data); len(b) > 0 && (b[0] == '-' || b[0] >= '0' && b[0] <= '9') {
		// A plain JSON number (already validated by encoding/json): no
		// string to build.
		if v, err := strconv.ParseFloat(string(b), 64); err == nil && !math.IsInf(v, 0) {
			return v, nil
		}
	}
	s := string(bytes.TrimSpace(data))
	if len(s) >= 2 && s[0] == '"' {
		unq, err := strconv.Unquote(s)
		if err != nil {
			return 0, fmt.Errorf("pipedrive: number: %w", err)
		}
		s = strings.TrimSpace(unq)
	}
	if s == "" || s == "null" {
		return 0, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("pipedrive: cannot decode %q as a number", truncate(s, 40))
	}
	return v, nil
}

// Visibility is the visible_to setting of a deal, person or organization.
// On Lite/Growth/Professional plans 1 means owner and followers and 3 the
// entire company; on Premium/Ultimate 1 means owner only, 3 the owner's
// visibility group, 5 the group and its sub-groups, 7 the entire company.
//
// It decodes from "3" (v1 entities) or 3 (search results, API v2) and
// encodes as the string enum API v1 request bodies take.
type Visibility int

// Visibility values.
const (
	VisibilityOwner            Visibility = 1
	VisibilityGroup            Visibility = 3
	VisibilityGroupAndSubgroup Visibility = 5
	VisibilityCompany          Visibility = 7
)

// Valid reports whether v is one of 1, 3, 5, 7.
func (v Visibility) Valid() bool {
	return v == 1 || v == 3 || v == 5 || v == 7
}

// MarshalJSON implements json.Marshaler.
func (v Visibility) MarshalJSON() ([]byte, error) {
	return []byte(`"` + strconv.Itoa(int(v)) + `"`), nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (v *Visibility) UnmarshalJSON(data []byte) error {
	n, err := decodeFlexFloat(data)
	if err != nil {
		return err
	}
	*v = Visibility(n)
	return nil
}

// Time is a point in time as API v1 writes it: "2006-01-02 15:04:05" in UTC.
// It also decodes RFC 3339, and "", null and "0000-00-00 00:00:00" as the
// zero time. The zero Time encodes as null.
type Time struct{ time.Time }

// TimeLayout is the layout of API v1 times (always UTC).
const TimeLayout = "2006-01-02 15:04:05"

// UnmarshalJSON implements json.Unmarshaler.
func (t *Time) UnmarshalJSON(data []byte) error {
	if isNull(data) {
		t.Time = time.Time{}
		return nil
	}
	var s string
	if inner, ok := simpleString(data); ok {
		if parsed, ok := parseTimeFast(inner); ok {
			t.Time = parsed
			return nil
		}
		s = string(inner)
	} else if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("pipedrive: time: %w", err)
	}
	parsed, err := ParseTime(s)
	if err != nil {
		return err
	}
	t.Time = parsed
	return nil
}

// MarshalJSON implements json.Marshaler.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return jsonNull, nil
	}
	return []byte(`"` + t.UTC().Format(TimeLayout) + `"`), nil
}

// String formats t as API v1 does, or "" for the zero time.
func (t Time) String() string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(TimeLayout)
}

// ParseTime parses a Pipedrive time: "2006-01-02 15:04:05" (UTC), RFC 3339,
// or a bare date. "" and "0000-00-00 00:00:00" give the zero time.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasPrefix(s, "0000-00-00") {
		return time.Time{}, nil
	}
	for _, layout := range [...]string{TimeLayout, time.RFC3339Nano, DateLayout} {
		if t, err := time.Parse(layout, s); err == nil {
			// Times are written back in UTC with a four-digit year.
			if y := t.UTC().Year(); y < 1 || y > 9999 {
				return time.Time{}, fmt.Errorf("pipedrive: time %q is out of range", truncate(s, 40))
			}
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("pipedrive: cannot parse time %q", truncate(s, 40))
}

// parseTimeFast parses the two forms Pipedrive sends nearly always,
// "2006-01-02 15:04:05" (API v1, UTC) and "2006-01-02T15:04:05Z" (API v2),
// from bytes, without allocating. ok is false for anything else, and for
// any value out of range, which ParseTime then handles (and reports).
func parseTimeFast(b []byte) (time.Time, bool) {
	switch {
	case len(b) == 19 && b[10] == ' ':
	case len(b) == 20 && b[10] == 'T' && b[19] == 'Z':
	default:
		return time.Time{}, false
	}
	if b[4] != '-' || b[7] != '-' || b[13] != ':' || b[16] != ':' {
		return time.Time{}, false
	}
	num := func(i, n int) int {
		v := 0
		for _, c := range b[i : i+n] {
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	year, month, day := num(0, 4), num(5, 2), num(8, 2)
	hour, minute, sec := num(11, 2), num(14, 2), num(17, 2)
	if year < 1 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || sec < 0 || sec > 59 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, 0, time.UTC)
	if t.Day() != day { // 2026-02-30 rolled over: not a date
		return time.Time{}, false
	}
	return t, true
}

// DateLayout is the layout of Pipedrive dates.
const DateLayout = "2006-01-02"

// Date is a calendar date "YYYY-MM-DD", as Pipedrive uses for due dates and
// expected close dates. Use DateOf to make one from a time.Time.
type Date string

// DateOf returns the date of t in t's location.
func DateOf(t time.Time) Date { return Date(t.Format(DateLayout)) }

// Valid reports whether d is a real date in the form YYYY-MM-DD.
func (d Date) Valid() bool {
	_, err := time.Parse(DateLayout, string(d))
	return err == nil && len(d) == len(DateLayout)
}

// UnmarshalJSON implements json.Unmarshaler; null gives "".
func (d *Date) UnmarshalJSON(data []byte) error {
	if isNull(data) {
		*d = ""
		return nil
	}
	if inner, ok := simpleString(data); ok {
		*d = Date(inner)
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("pipedrive: date: %w", err)
	}
	*d = Date(s)
	return nil
}

// ContactDetail is one email address or phone number of a person:
// {"value": "...", "primary": true, "label": "work"}. It also decodes from a
// plain string, as search results carry them.
type ContactDetail struct {
	Value   string   `json:"value"`
	Primary FlexBool `json:"primary,omitempty"`
	Label   string   `json:"label,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (c *ContactDetail) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '"' {
		*c = ContactDetail{}
		return json.Unmarshal(data, &c.Value)
	}
	type plain ContactDetail
	return json.Unmarshal(data, (*plain)(c))
}

// Contacts turns plain strings into contact details, the first one marked
// primary: pipedrive.Contacts("ann@example.com", "ann@home.example").
func Contacts(values ...string) []ContactDetail {
	out := make([]ContactDetail, 0, len(values))
	for i, v := range values {
		out = append(out, ContactDetail{Value: v, Primary: i == 0})
	}
	return out
}

// UserRef is a reference to a Pipedrive user as v1 responses embed it
// ({"id":1,"name":...,"value":1}). It also decodes from a plain id or null
// (the zero UserRef).
type UserRef struct {
	ID         int      `json:"id"`
	Name       string   `json:"name,omitempty"`
	Email      string   `json:"email,omitempty"`
	HasPic     FlexBool `json:"has_pic,omitempty"`
	PicHash    string   `json:"pic_hash,omitempty"`
	ActiveFlag FlexBool `json:"active_flag,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (r *UserRef) UnmarshalJSON(data []byte) error {
	type plain UserRef
	var w struct {
		plain
		Value FlexInt `json:"value"`
	}
	id, isObj, err := refID(data)
	if err != nil || !isObj {
		*r = UserRef{ID: id}
		return err
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	*r = UserRef(w.plain)
	if w.Value != 0 {
		r.ID = int(w.Value)
	}
	return nil
}

// MarshalJSON implements json.Marshaler: null for the zero reference, else
// the object form with "value" set, as API v1 writes it.
func (r UserRef) MarshalJSON() ([]byte, error) {
	if r == (UserRef{}) {
		return jsonNull, nil
	}
	type plain UserRef
	return json.Marshal(struct {
		plain
		Value int `json:"value"`
	}{plain(r), r.ID})
}

// PersonRef is a reference to a person as v1 deal responses embed it. It
// also decodes from a plain id or null (the zero PersonRef).
type PersonRef struct {
	ID         int             `json:"-"`
	Name       string          `json:"name,omitempty"`
	Emails     []ContactDetail `json:"email,omitempty"`
	Phones     []ContactDetail `json:"phone,omitempty"`
	OwnerID    int             `json:"owner_id,omitempty"`
	ActiveFlag FlexBool        `json:"active_flag,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (r *PersonRef) UnmarshalJSON(data []byte) error {
	type plain PersonRef
	var w struct {
		plain
		Value FlexInt `json:"value"`
		ID    FlexInt `json:"id"`
	}
	id, isObj, err := refID(data)
	if err != nil || !isObj {
		*r = PersonRef{ID: id}
		return err
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	*r = PersonRef(w.plain)
	r.ID = int(w.Value)
	if r.ID == 0 {
		r.ID = int(w.ID)
	}
	return nil
}

// MarshalJSON implements json.Marshaler (null for the zero reference).
func (r PersonRef) MarshalJSON() ([]byte, error) {
	if r.ID == 0 && r.Name == "" {
		return jsonNull, nil
	}
	type plain PersonRef
	return json.Marshal(struct {
		plain
		Value int `json:"value"`
	}{plain(r), r.ID})
}

// OrganizationRef is a reference to an organization as v1 responses embed
// it. It also decodes from a plain id or null (the zero OrganizationRef).
type OrganizationRef struct {
	ID          int      `json:"-"`
	Name        string   `json:"name,omitempty"`
	PeopleCount int      `json:"people_count,omitempty"`
	OwnerID     int      `json:"owner_id,omitempty"`
	Address     string   `json:"address,omitempty"`
	CCEmail     string   `json:"cc_email,omitempty"`
	ActiveFlag  FlexBool `json:"active_flag,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (r *OrganizationRef) UnmarshalJSON(data []byte) error {
	type plain OrganizationRef
	var w struct {
		plain
		Value   FlexInt `json:"value"`
		ID      FlexInt `json:"id"`
		Address *string `json:"address"`
	}
	id, isObj, err := refID(data)
	if err != nil || !isObj {
		*r = OrganizationRef{ID: id}
		return err
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	*r = OrganizationRef(w.plain)
	if w.Address != nil {
		r.Address = *w.Address
	}
	r.ID = int(w.Value)
	if r.ID == 0 {
		r.ID = int(w.ID)
	}
	return nil
}

// MarshalJSON implements json.Marshaler (null for the zero reference).
func (r OrganizationRef) MarshalJSON() ([]byte, error) {
	if r == (OrganizationRef{}) {
		return jsonNull, nil
	}
	type plain OrganizationRef
	return json.Marshal(struct {
		plain
		Value int `json:"value"`
	}{plain(r), r.ID})
}

// refID inspects a reference value: a number or numeric string gives its id,
// null gives 0, and an object is reported so the caller decodes it.
func refID(data []byte) (id int, isObject bool, err error) {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '{' {
		return 0, true, nil
	}
	v, err := decodeFlexFloat(data)
	return int(v), false, err
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
