package pipedrive

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// This file holds the validators the API v1 and v2 services share, and
// their v2 variants for Field values. Each one returns a *ValidationError
// (see invalid) or nil; a service's validate method lists them in
// firstInvalid, so the first mistake in field order is reported.
//
// Conventions: a zero value (0, "", nil) means "not set" and passes; the
// ...Ptr variants check the value of a set v1 update pointer, the v2...Field
// variants the value of a set Field and refuse Null where Pipedrive does
// not let a field be cleared.

// validator is a pointer to parameters or options that check themselves.
type validator[T any] interface {
	*T
	validate() error
}

// checkRequired validates parameters or options that must be given: nil
// ones are refused as an invalid field ("params", or "term" for a search)
// with nilReason.
func checkRequired[T any, P validator[T]](p P, field, nilReason string) error {
	if p == nil {
		return invalid(field, "%s", nilReason)
	}
	return p.validate()
}

// checkOptions validates list options; nil options are valid (no filter,
// the first page).
func checkOptions[T any, P validator[T]](opts P) error {
	if opts == nil {
		return nil
	}
	return opts.validate()
}

// firstInvalid returns the first non-nil error.
func firstInvalid(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// isBlank reports whether s is empty or only white space.
func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// v2NotNull refuses Null for a field Pipedrive does not let callers clear.
func v2NotNull[T any](field string, f Field[T]) error {
	if f.IsNull() {
		return invalid(field, "cannot be cleared (null) through the API; leave it unset or Set a value")
	}
	return nil
}

// checkOptionalID refuses a negative id; 0 means "not set".
func checkOptionalID(field string, id int) error {
	if id < 0 {
		return invalid(field, "%d is not a valid id (ids are positive)", id)
	}
	return nil
}

// checkNotNegative refuses a negative count or amount.
func checkNotNegative(field string, v int) error {
	if v < 0 {
		return invalid(field, "%d is negative", v)
	}
	return nil
}

// checkIDPtr refuses a set id that is not positive.
func checkIDPtr(field string, id *int) error {
	if id == nil {
		return nil
	}
	return checkID(field, *id)
}

// v2CheckIDField refuses a set id that is not positive, and null.
func v2CheckIDField(field string, f Field[int]) error {
	if v, ok := f.Value(); ok {
		return checkID(field, v)
	}
	return v2NotNull(field, f)
}

// checkIDs refuses ids that are not positive.
func checkIDs(field string, ids []int) error {
	for _, id := range ids {
		if err := checkID(field, id); err != nil {
			return err
		}
	}
	return nil
}

// v2MaxIDs is how many ids a v2 list's ids filter takes.
const v2MaxIDs = 100

// v2CheckIDList refuses an ids filter longer than 100 or with an id ≤ 0.
func v2CheckIDList(ids []int) error {
	if len(ids) > v2MaxIDs {
		return invalid("ids", "%d ids; at most %d per request", len(ids), v2MaxIDs)
	}
	return checkIDs("ids", ids)
}

// checkVisibility refuses a set visibility (Visibility or V2Visibility)
// other than 1, 3, 5 or 7; 0 means "not set".
func checkVisibility[V ~int](v V) error {
	if v != 0 && !Visibility(v).Valid() {
		return invalid("visible_to", "%d is not one of 1, 3, 5, 7", int(v))
	}
	return nil
}

// checkVisibilityPtr refuses a set visibility other than 1, 3, 5 or 7.
func checkVisibilityPtr(v *Visibility) error {
	if v != nil && !v.Valid() {
		return invalid("visible_to", "%d is not one of 1, 3, 5, 7", int(*v))
	}
	return nil
}

// v2CheckVisibilityField refuses a set visibility other than 1, 3, 5 or 7,
// and null.
func v2CheckVisibilityField(f Field[V2Visibility]) error {
	if v, ok := f.Value(); ok && !v.Valid() {
		return invalid("visible_to", "%d is not one of 1, 3, 5, 7", int(v))
	}
	return v2NotNull("visible_to", f)
}

// checkDate refuses a set date that is not YYYY-MM-DD; "" means "not set".
func checkDate(field string, d Date) error {
	if d != "" && !d.Valid() {
		return invalid(field, "%q is not a date in the form YYYY-MM-DD", string(d))
	}
	return nil
}

// checkDatePtr refuses a set date that is not YYYY-MM-DD.
func checkDatePtr(field string, d *Date) error {
	if d != nil && !d.Valid() {
		return invalid(field, "%q is not a date in the form YYYY-MM-DD", string(*d))
	}
	return nil
}

// v2CheckDateField refuses a set date that is not YYYY-MM-DD, and null
// unless the field is nullable.
func v2CheckDateField(field string, f Field[Date], nullable bool) error {
	if v, ok := f.Value(); ok && !v.Valid() {
		return invalid(field, "%q is not a date in the form YYYY-MM-DD", string(v))
	}
	if !nullable {
		return v2NotNull(field, f)
	}
	return nil
}

// checkTimePtr refuses a set time that is zero: it would be sent as null,
// which the v1 bodies do not take.
func checkTimePtr(field string, t *Time) error {
	if t != nil && t.IsZero() {
		return invalid(field, "zero time: leave it nil to keep the current value")
	}
	return nil
}

// v2CheckTimeRange refuses an updated_until that is not after a set
// updated_since.
func v2CheckTimeRange(since, until time.Time) error {
	if !since.IsZero() && !until.IsZero() && !until.After(since) {
		return invalid("updated_until", "%s is not after updated_since %s", until.Format(time.RFC3339), since.Format(time.RFC3339))
	}
	return nil
}

// v2CheckRequired refuses an empty required text.
func v2CheckRequired(field, v string) error {
	if isBlank(v) {
		return invalid(field, "empty: it is required")
	}
	return nil
}

// checkNamePtr refuses a set name or title that is blank.
func checkNamePtr(field string, s *string) error {
	if s != nil && isBlank(*s) {
		return invalid(field, "empty")
	}
	return nil
}

// v2CheckNameField refuses a blank or null name or title in an update.
func v2CheckNameField(field string, f Field[string]) error {
	if v, ok := f.Value(); ok && isBlank(v) {
		return invalid(field, "empty")
	}
	return v2NotNull(field, f)
}

// checkUpdate refuses an update that would send no field at all.
func checkUpdate(empty bool) error {
	if empty {
		return invalid("params", "no field to update: set at least one field")
	}
	return nil
}

// checkContacts refuses email addresses, phone numbers or IMs without a
// value.
func checkContacts(field string, cs []ContactDetail) error {
	for i, c := range cs {
		if isBlank(c.Value) {
			return invalid(field, "entry %d has no value", i)
		}
	}
	return nil
}

// checkProbability refuses a probability outside 0..100.
func checkProbability(p *float64) error {
	if p != nil && (math.IsNaN(*p) || *p < 0 || *p > 100) {
		return invalid("probability", "%v is outside 0..100", *p)
	}
	return nil
}

// checkMarketingStatus refuses a marketing status (MarketingStatus or
// V2MarketingStatus) other than no_consent, unsubscribed, subscribed or
// archived; "" means "not set".
func checkMarketingStatus[M ~string](m M) error {
	if m != "" && !MarketingStatus(m).Valid() {
		return invalid("marketing_status", "%q is not one of no_consent, unsubscribed, subscribed, archived", string(m))
	}
	return nil
}

// checkSearchTerm enforces Pipedrive's rule: a term of at least 2
// characters, or 1 with exact_match.
func checkSearchTerm(term string, exact bool) error {
	n := utf8.RuneCountInString(strings.TrimSpace(term))
	switch {
	case n == 0:
		return invalid("term", "empty: a search term is required")
	case n < 2 && !exact:
		return invalid("term", "%q is shorter than 2 characters (1 is allowed with ExactMatch)", term)
	}
	return nil
}

// checkEnumList refuses values outside allowed, and duplicates, in a list
// sent comma-separated.
func checkEnumList[E ~string](field string, values []E, allowed ...E) error {
	for i, v := range values {
		if !slices.Contains(allowed, v) {
			return invalid(field, "%q is not one of %s", string(v), joinValues(allowed))
		}
		if slices.Contains(values[:i], v) {
			return invalid(field, "%q is listed twice", string(v))
		}
	}
	return nil
}

// joinValues lists values for an error message: "a, b, c".
func joinValues[E ~string](values []E) string {
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = string(v)
	}
	return strings.Join(parts, ", ")
}

// checkKeyStrings refuses empty entries and entries holding a comma in a
// list sent comma-separated.
func checkKeyStrings(field string, values []string) error {
	for _, v := range values {
		if isBlank(v) || strings.Contains(v, ",") {
			return invalid(field, "%q is not a key_string (non-empty, without commas)", v)
		}
	}
	return nil
}

// textForm is a form a text parameter must have: a pattern, and what error
// messages call it.
type textForm struct {
	re   *regexp.Regexp
	what string
}

// check refuses a set s that does not have the form; "" means "not set".
func (f textForm) check(field, s string) error {
	if s != "" && !f.re.MatchString(s) {
		return invalid(field, "%q is not %s", s, f.what)
	}
	return nil
}

// The forms of activity times and lead ids. API v1 takes a time of day or
// a duration as HH:MM only; API v2 also takes seconds, and durations of up
// to 999 hours.
var (
	v1Clock    = textForm{regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d$`), "a time of day in the form HH:MM"}
	v1Duration = textForm{regexp.MustCompile(`^\d\d:[0-5]\d$`), "a duration in the form HH:MM"}
	v2Clock    = textForm{regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$`), "a time HH:MM or HH:MM:SS"}
	v2Duration = textForm{regexp.MustCompile(`^\d{1,3}:[0-5]\d(:[0-5]\d)?$`), "a duration HH:MM or HH:MM:SS"}
	leadUUID   = textForm{regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`), "a UUID"}
)

// v2CheckCurrency refuses a set currency that is not a 3-character code,
// as API v1 does; "" means "not set" (the company's default).
func v2CheckCurrency(c string) error {
	if c == "" {
		return nil
	}
	return checkCurrency(c)
}

// fieldKeyForm is the form of a field key or code in a path: a custom
// field's 40-hex key (with an optional _suffix) or a standard key such as
// "title" or "owner_id". It never holds ".", "/", "%" or anything a path
// could be steered with.
var fieldKeyForm = textForm{regexp.MustCompile(`^[A-Za-z0-9_]{1,64}$`), "a field key such as \"title\" or a 40-hex custom field key"}

// checkFieldKey refuses a field key or code that is empty or not of
// fieldKeyForm.
func checkFieldKey(field, key string) error {
	if key == "" {
		return invalid(field, "empty: a field key such as \"title\" or a 40-hex custom field key")
	}
	return fieldKeyForm.check(field, key)
}

// checkLeadIDPtr refuses a set lead id that is not a UUID.
func checkLeadIDPtr(field string, s *string) error {
	if s == nil {
		return nil
	}
	if *s == "" {
		return invalid(field, "empty: a lead id is a UUID")
	}
	return leadUUID.check(field, *s)
}

// Custom field keys. API v1 bodies take a field's 40-hex key with an
// optional sub-key suffix ("<key>_currency"); API v2 has no sub-keys (a
// monetary field's value is an object), and its custom_fields query filter
// takes at most 15 keys.

// checkCustomKeys refuses custom field keys of a v1 body that are not
// 40-hex keys (optionally with a sub-key suffix such as "_currency").
func checkCustomKeys(custom map[string]any) error {
	for k := range custom {
		if !IsCustomFieldKey(k) {
			return invalid("custom_fields", "%q is not a custom field key (40 hex characters, optionally with a _suffix)", k)
		}
	}
	return nil
}

// v2IsCustomKey reports whether k is a custom field key: exactly 40
// lowercase hex characters (v2 has no "_currency"-style sub-keys).
func v2IsCustomKey(k string) bool { return len(k) == 40 && IsCustomFieldKey(k) }

// v2CheckCustomFieldKeys refuses keys of a custom_fields query filter that
// are not 40-hex keys, and more than 15 of them.
func v2CheckCustomFieldKeys(keys []string) error {
	if len(keys) > 15 {
		return invalid("custom_fields", "%d keys; at most 15", len(keys))
	}
	for _, k := range keys {
		if !v2IsCustomKey(k) {
			return invalid("custom_fields", "%q is not a custom field key (40 hex characters)", k)
		}
	}
	return nil
}

// v2CheckCustomValues validates the custom fields of a v2 create or update:
// 40-hex keys, and no empty list (Pipedrive refuses it; nil clears).
func v2CheckCustomValues(m map[string]any) error {
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if !v2IsCustomKey(k) {
			if IsCustomFieldKey(k) {
				return invalid("custom_fields", "%q: API v2 has no sub-keys; set the field's key to an object such as V2Monetary or V2DateRange", k)
			}
			return invalid("custom_fields", "%q is not a custom field key (40 hex characters)", k)
		}
		switch v := m[k].(type) {
		case []int:
			if v != nil && len(v) == 0 {
				return invalid("custom_fields", "%s: an empty list is refused by Pipedrive; use nil to clear the field", k)
			}
		case []string:
			if v != nil && len(v) == 0 {
				return invalid("custom_fields", "%s: an empty list is refused by Pipedrive; use nil to clear the field", k)
			}
		case []any:
			if v != nil && len(v) == 0 {
				return invalid("custom_fields", "%s: an empty list is refused by Pipedrive; use nil to clear the field", k)
			}
		}
	}
	return nil
}

// nonFinite finds the first NaN or ±Inf in v, which JSON cannot carry, and
// returns its JSON path ("value", "custom_fields.<key>", "params.x[2]").
// It runs only after json.Marshal failed, so the happy path pays nothing.
func nonFinite(v reflect.Value, path string, depth int) (string, float64, bool) {
	if depth > 32 || !v.IsValid() {
		return "", 0, false
	}
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		if f := v.Float(); math.IsNaN(f) || math.IsInf(f, 0) {
			return path, f, true
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return nonFinite(v.Elem(), path, depth+1)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if p, f, ok := nonFinite(v.Index(i), fmt.Sprintf("%s[%d]", path, i), depth+1); ok {
				return p, f, true
			}
		}
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		for _, k := range keys {
			if p, f, ok := nonFinite(v.MapIndex(k), joinPath(path, fmt.Sprint(k)), depth+1); ok {
				return p, f, true
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			sf := t.Field(i)
			name := path // unexported and embedded fields add no element
			if sf.IsExported() && !sf.Anonymous {
				name = joinPath(path, jsonName(sf))
			}
			if p, f, ok := nonFinite(v.Field(i), name, depth+1); ok {
				return p, f, true
			}
		}
	}
	return "", 0, false
}

func joinPath(path, elem string) string {
	if path == "" {
		return elem
	}
	return path + "." + elem
}

// jsonName is the member name a struct field has on the wire: its json tag,
// else (tag "-", a field its type's MarshalJSON writes itself, such as
// CustomFields) its Go name in snake_case.
func jsonName(sf reflect.StructField) string {
	if name, _, _ := strings.Cut(sf.Tag.Get("json"), ","); name != "" && name != "-" {
		return name
	}
	var b strings.Builder
	for i, r := range sf.Name {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// bodyEncodingError turns a failure to encode a request body into a
// *ValidationError naming the field when the cause is a value JSON cannot
// carry (NaN, ±Inf); nothing has been sent.
func bodyEncodingError(body any, err error) error {
	var uv *json.UnsupportedValueError
	if !errors.As(err, &uv) {
		return nil
	}
	if path, f, ok := nonFinite(reflect.ValueOf(body), "", 0); ok {
		if path == "" {
			path = "body"
		}
		return invalid(path, "%v is not a finite number: JSON cannot carry NaN or ±Inf", f)
	}
	return invalid("body", "cannot be encoded as JSON: %v", uv.Str)
}
