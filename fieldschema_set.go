package pipedrive

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// This file writes custom field values by name (Set, SetV2) in the shapes
// of API v1 and API v2, normalizing the Go values callers give.

// Set writes the value of the custom field with the name into the custom
// fields of API v1 create or update parameters (DealCreateParams.
// CustomFields and the like), in v1's shape: option ids as strings ("12",
// "12,13"), a monetary amount under the key and its currency under
// "<key>_currency", a range's end under "<key>_until". custom must not be
// nil. A nil value clears the field.
//
// The value's Go type follows the field's type: string (text, phone, time
// "HH:MM[:SS]", address), a number type (double), MonetaryValue, Date,
// string or time.Time (date), DateRangeValue, TimeRangeValue, a label
// string or option id (enum), []string labels or []int ids (set), an int
// id (user, person, organization), AddressValue (address). The v2 types
// V2Monetary, V2DateRange, V2TimeRange and V2Address are taken too.
// Anything else fails with ErrFieldType, an unknown label with
// ErrUnknownOption.
func (s *FieldSchema) Set(custom map[string]any, name string, value any) error {
	return s.set(custom, name, value, false)
}

// SetV2 is Set for API v2 create and update parameters
// (V2DealCreateParams.CustomFields and the like), in v2's shape: option
// ids as integers (12, [12, 13]), monetary {"value", "currency"}, ranges
// {"value", "until"}, addresses an object.
func (s *FieldSchema) SetV2(custom map[string]any, name string, value any) error {
	return s.set(custom, name, value, true)
}

func (s *FieldSchema) set(custom map[string]any, name string, value any, v2 bool) error {
	if custom == nil {
		return invalid("custom_fields", "nil map: make it first, e.g. params.CustomFields = map[string]any{}")
	}
	f, err := s.lookup(name)
	if err != nil {
		return err
	}
	v, err := s.normalize(f, name, value)
	if err != nil {
		return err
	}
	key := f.def.Key
	if v2 {
		custom[key] = v.v2Wire(f.kind)
		return nil
	}
	v.writeV1(custom, key, f.kind)
	return nil
}

// writeV1 writes v in API v1's flat shape.
func (v fieldValue) writeV1(custom map[string]any, key string, kind fieldKind) {
	if !v.set {
		custom[key] = nil
		switch kind {
		case kindMonetary:
			custom[key+"_currency"] = nil
		case kindDateRange, kindTimeRange:
			custom[key+"_until"] = nil
		}
		return
	}
	switch kind {
	case kindNumber:
		custom[key] = v.number
	case kindMonetary:
		custom[key] = v.number
		custom[key+"_currency"] = v.currency
	case kindDateRange, kindTimeRange:
		custom[key] = v.text
		custom[key+"_until"] = v.until
	case kindOption, kindOptions:
		ids := make([]string, len(v.ids))
		for i, id := range v.ids {
			ids[i] = strconv.Itoa(id)
		}
		custom[key] = strings.Join(ids, ",")
	case kindRef:
		custom[key] = v.ids[0]
	case kindAddress:
		custom[key] = v.address.Value
	default:
		custom[key] = v.text
	}
}

// v2Wire returns v in API v2's shape.
func (v fieldValue) v2Wire(kind fieldKind) any {
	if !v.set {
		return nil
	}
	switch kind {
	case kindNumber:
		return v.number
	case kindMonetary:
		return V2Monetary{Value: v.number, Currency: v.currency}
	case kindDateRange:
		return V2DateRange{Value: Date(v.text), Until: Date(v.until)}
	case kindTimeRange:
		return V2TimeRange{Value: v.text, Until: v.until}
	case kindOption, kindRef:
		return v.ids[0]
	case kindOptions:
		return slices.Clone(v.ids)
	case kindAddress:
		return V2Address(v.address)
	}
	return v.text
}

// normalize checks a Go value against the field and turns it into the
// internal form.
func (s *FieldSchema) normalize(f *schemaField, name string, value any) (fieldValue, error) {
	if value == nil {
		return fieldValue{}, nil
	}
	bad := func(format string, args ...any) (fieldValue, error) {
		return fieldValue{}, s.fieldErr(ErrFieldType, f, name, nil, format, args...)
	}
	wrongType := func(want string) (fieldValue, error) {
		return bad("has type %q: want %s, got %T", f.def.FieldType, want, value)
	}
	switch f.kind {
	case kindText:
		t, ok := value.(string)
		if !ok {
			return wrongType("a string")
		}
		return fieldValue{set: t != "", text: t}, nil
	case kindNumber:
		n, ok := toFloat(value)
		if !ok {
			return wrongType("a number")
		}
		if math.IsNaN(n) || math.IsInf(n, 0) {
			return bad("%v is not a finite number", n)
		}
		return fieldValue{set: true, number: n}, nil
	case kindMonetary:
		var m MonetaryValue
		switch x := value.(type) {
		case MonetaryValue:
			m = x
		case V2Monetary:
			m = MonetaryValue(x)
		default:
			return wrongType("a pipedrive.MonetaryValue{Value, Currency}")
		}
		if math.IsNaN(m.Value) || math.IsInf(m.Value, 0) {
			return bad("%v is not a finite amount", m.Value)
		}
		if strings.TrimSpace(m.Currency) == "" {
			return bad("a monetary value needs a currency, such as EUR")
		}
		return fieldValue{set: true, number: m.Value, currency: strings.TrimSpace(m.Currency)}, nil
	case kindDate:
		var d Date
		switch x := value.(type) {
		case Date:
			d = x
		case string:
			d = Date(x)
		case time.Time:
			d = DateOf(x)
		default:
			return wrongType("a pipedrive.Date, a string YYYY-MM-DD or a time.Time")
		}
		if d == "" {
			return fieldValue{}, nil
		}
		if !d.Valid() {
			return bad("%q is not a date YYYY-MM-DD", string(d))
		}
		return fieldValue{set: true, text: string(d)}, nil
	case kindDateRange:
		var r DateRangeValue
		switch x := value.(type) {
		case DateRangeValue:
			r = x
		case V2DateRange:
			r = DateRangeValue(x)
		default:
			return wrongType("a pipedrive.DateRangeValue{Value, Until}")
		}
		if !r.Value.Valid() || !r.Until.Valid() {
			return bad("%s is not two dates YYYY-MM-DD", r)
		}
		if r.Until < r.Value {
			return bad("%s ends before it starts", r)
		}
		return fieldValue{set: true, text: string(r.Value), until: string(r.Until)}, nil
	case kindTime:
		var t string
		switch x := value.(type) {
		case string:
			t = x
		case time.Time:
			t = x.Format(time.TimeOnly)
		default:
			return wrongType(`a string "HH:MM[:SS]" or a time.Time`)
		}
		if t == "" {
			return fieldValue{}, nil
		}
		clock, ok := normClock(t)
		if !ok {
			return bad("%q is not a time of day HH:MM or HH:MM:SS", t)
		}
		return fieldValue{set: true, text: clock}, nil
	case kindTimeRange:
		var r TimeRangeValue
		switch x := value.(type) {
		case TimeRangeValue:
			r = x
		case V2TimeRange:
			r = TimeRangeValue(x)
		default:
			return wrongType("a pipedrive.TimeRangeValue{Value, Until}")
		}
		from, ok1 := normClock(r.Value)
		until, ok2 := normClock(r.Until)
		if !ok1 || !ok2 {
			return bad("%s is not two times of day HH:MM[:SS]", r)
		}
		return fieldValue{set: true, text: from, until: until}, nil
	case kindOption:
		var id int
		switch x := value.(type) {
		case string:
			if x == "" {
				return fieldValue{}, nil
			}
			var err error
			if id, err = s.optionID(f, name, x); err != nil {
				return fieldValue{}, err
			}
		default:
			n, ok := toInt(value)
			if !ok {
				return wrongType("an option label (string) or option id (int)")
			}
			if _, err := s.optionLabel(f, name, n); err != nil {
				return fieldValue{}, err
			}
			id = n
		}
		return fieldValue{set: true, ids: []int{id}}, nil
	case kindOptions:
		var ids []int
		switch x := value.(type) {
		case []string:
			for _, label := range x {
				id, err := s.optionID(f, name, label)
				if err != nil {
					return fieldValue{}, err
				}
				ids = append(ids, id)
			}
		case string:
			return s.normalize(f, name, []string{x})
		case []int:
			for _, id := range x {
				if _, err := s.optionLabel(f, name, id); err != nil {
					return fieldValue{}, err
				}
			}
			ids = slices.Clone(x)
		default:
			return wrongType("option labels ([]string) or option ids ([]int)")
		}
		ids = slices.Compact(ids)
		return fieldValue{set: len(ids) > 0, ids: ids}, nil
	case kindRef:
		id, ok := toInt(value)
		if !ok {
			return wrongType("an id (int)")
		}
		if id <= 0 {
			return bad("%d is not an id (ids are positive)", id)
		}
		return fieldValue{set: true, ids: []int{id}}, nil
	case kindAddress:
		var a AddressValue
		switch x := value.(type) {
		case string:
			a.Value = x
		case AddressValue:
			a = x
		case V2Address:
			a = AddressValue(x)
		default:
			return wrongType("an address (string or pipedrive.AddressValue)")
		}
		if strings.TrimSpace(a.Value) == "" {
			if a == (AddressValue{}) {
				return fieldValue{}, nil
			}
			return bad("an address needs its one-line text in Value")
		}
		return fieldValue{set: true, address: a}, nil
	}
	return fieldValue{}, s.typeMismatch(f, name, kindText)
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	n, ok := toInt(v)
	return float64(n), ok
}

func toInt(v any) (int, bool) {
	switch x := v.(type) {
	case int:
		return x, true
	case int8:
		return int(x), true
	case int16:
		return int(x), true
	case int32:
		return int(x), true
	case int64:
		return int(x), x == int64(int(x))
	case uint:
		return int(x), x <= math.MaxInt
	case uint8:
		return int(x), true
	case uint16:
		return int(x), true
	case uint32:
		return int(x), uint64(x) <= math.MaxInt
	case uint64:
		return int(x), x <= math.MaxInt
	}
	return 0, false
}

// normClock turns "9:30", "09:30" or "09:30:15" into "09:30:00"-style
// HH:MM:SS.
func normClock(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range [...]string{time.TimeOnly, "15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.TimeOnly), true
		}
	}
	return "", false
}
