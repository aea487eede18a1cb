package pipedrive

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// This file reads custom field values by name (FieldSchema's getters) from
// API v1 CustomFields and API v2 V2CustomFields.

// CustomValues is the custom field data of one entity, as FieldSchema's
// getters read it: the CustomFields of an API v1 entity (flat 40-hex keys
// and their "_currency", "_until" and address sub-keys) or the
// V2CustomFields of an API v2 entity (the custom_fields object).
type CustomValues interface {
	customValue(f *schemaField) (fieldValue, error)
}

var (
	_ CustomValues = CustomFields(nil)
	_ CustomValues = V2CustomFields(nil)
)

// isEmptyRaw reports whether a value is missing, null or "".
func isEmptyRaw(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) == 0 || isNull(t) || string(t) == `""`
}

func storedErr(f *schemaField, raw json.RawMessage, want string) error {
	return &FieldError{Name: f.def.Name, Key: f.def.Key, kind: ErrFieldType,
		Reason: fmt.Sprintf("the stored value %s is not %s", truncate(string(bytes.TrimSpace(raw)), 60), want)}
}

// customValue reads API v1's flat shape: the value under the key, and the
// currency, end of a range or address parts under sub-keys.
func (c CustomFields) customValue(f *schemaField) (fieldValue, error) {
	key := f.def.Key
	raw := c[key]
	sub := func(name string) string { return strings.TrimSpace(rawText(c[key+"_"+name])) }
	switch f.kind {
	case kindMonetary:
		if isEmptyRaw(raw) {
			return fieldValue{}, nil
		}
		n, err := decodeFlexFloat(raw)
		if err != nil {
			return fieldValue{}, storedErr(f, raw, "an amount")
		}
		return fieldValue{set: true, number: n, currency: sub("currency")}, nil
	case kindDateRange, kindTimeRange:
		v, err := decodeScalar(f, raw)
		if v.set {
			v.until = sub("until")
		}
		return v, err
	case kindAddress:
		if isEmptyRaw(raw) {
			return fieldValue{}, nil
		}
		return fieldValue{set: true, address: AddressValue{
			Value:            rawText(raw),
			Subpremise:       sub("subpremise"),
			StreetNumber:     sub("street_number"),
			Route:            sub("route"),
			Sublocality:      sub("sublocality"),
			Locality:         sub("locality"),
			AdminAreaLevel1:  sub("admin_area_level_1"),
			AdminAreaLevel2:  sub("admin_area_level_2"),
			Country:          sub("country"),
			PostalCode:       sub("postal_code"),
			FormattedAddress: sub("formatted_address"),
		}}, nil
	}
	return decodeScalar(f, raw)
}

// customValue reads API v2's shape: one value per key, objects for
// monetary, range and address fields.
func (c V2CustomFields) customValue(f *schemaField) (fieldValue, error) {
	raw := c[f.def.Key]
	if isEmptyRaw(raw) {
		return fieldValue{}, nil
	}
	switch f.kind {
	case kindMonetary:
		var m struct {
			Value    *FlexFloat `json:"value"`
			Currency string     `json:"currency"`
		}
		if json.Unmarshal(raw, &m) != nil || m.Value == nil {
			return fieldValue{}, storedErr(f, raw, `an object {"value", "currency"}`)
		}
		return fieldValue{set: true, number: float64(*m.Value), currency: m.Currency}, nil
	case kindDateRange, kindTimeRange:
		var r struct {
			Value string `json:"value"`
			Until string `json:"until"`
		}
		if json.Unmarshal(raw, &r) != nil {
			return fieldValue{}, storedErr(f, raw, `an object {"value", "until"}`)
		}
		if r.Value == "" && r.Until == "" {
			return fieldValue{}, nil
		}
		return fieldValue{set: true, text: r.Value, until: r.Until}, nil
	case kindAddress:
		var a AddressValue
		if !isJSONObjectRaw(raw) {
			return fieldValue{set: true, address: AddressValue{Value: rawText(raw)}}, nil
		}
		if json.Unmarshal(raw, &a) != nil {
			return fieldValue{}, storedErr(f, raw, "an address object")
		}
		return fieldValue{set: true, address: a}, nil
	}
	return decodeScalar(f, raw)
}

func isJSONObjectRaw(raw []byte) bool {
	t := bytes.TrimSpace(raw)
	return len(t) > 0 && t[0] == '{'
}

// decodeScalar reads the values both versions write alike (or nearly):
// text, numbers, dates, times, option ids ("12", 12, "12,13", [12,13] or
// {"id":12,"label":..}) and references (an id, or v1's object with
// "value").
func decodeScalar(f *schemaField, raw json.RawMessage) (fieldValue, error) {
	if isEmptyRaw(raw) {
		return fieldValue{}, nil
	}
	switch f.kind {
	case kindText:
		return fieldValue{set: true, text: rawText(raw)}, nil
	case kindNumber:
		n, err := decodeFlexFloat(raw)
		if err != nil {
			return fieldValue{}, storedErr(f, raw, "a number")
		}
		return fieldValue{set: true, number: n}, nil
	case kindDate, kindDateRange:
		s := rawText(raw)
		if !Date(s).Valid() {
			return fieldValue{}, storedErr(f, raw, "a date YYYY-MM-DD")
		}
		return fieldValue{set: true, text: s}, nil
	case kindTime, kindTimeRange:
		if isJSONObjectRaw(raw) {
			var t struct {
				Value string `json:"value"`
			}
			if json.Unmarshal(raw, &t) != nil {
				return fieldValue{}, storedErr(f, raw, "a time")
			}
			raw, _ = json.Marshal(t.Value)
			if t.Value == "" {
				return fieldValue{}, nil
			}
		}
		return fieldValue{set: true, text: rawText(raw)}, nil
	case kindOption:
		id, ok := v2OptionID(raw)
		if !ok {
			return fieldValue{}, storedErr(f, raw, "an option id")
		}
		return fieldValue{set: true, ids: []int{id}}, nil
	case kindOptions:
		ids, ok := decodeOptionIDs(raw)
		if !ok {
			return fieldValue{}, storedErr(f, raw, "a list of option ids")
		}
		return fieldValue{set: len(ids) > 0, ids: ids}, nil
	case kindRef:
		id, ok := decodeRefID(raw)
		if !ok {
			return fieldValue{}, storedErr(f, raw, "an id")
		}
		return fieldValue{set: true, ids: []int{id}}, nil
	}
	return fieldValue{}, storedErr(f, raw, "of a supported type")
}

// decodeOptionIDs reads v1's "12,13" (or 12) and v2's [12,13] (or
// [{"id":12,...}]).
func decodeOptionIDs(raw json.RawMessage) ([]int, bool) {
	t := bytes.TrimSpace(raw)
	if len(t) > 0 && t[0] == '[' {
		var items []json.RawMessage
		if json.Unmarshal(t, &items) != nil {
			return nil, false
		}
		ids := make([]int, 0, len(items))
		for _, it := range items {
			id, ok := v2OptionID(it)
			if !ok {
				return nil, false
			}
			ids = append(ids, id)
		}
		return ids, true
	}
	var ids []int
	for part := range strings.SplitSeq(rawText(raw), ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		id, err := strconv.Atoi(part)
		if err != nil || id <= 0 {
			return nil, false
		}
		ids = append(ids, id)
	}
	return ids, true
}

// decodeRefID reads an id, or v1's object form ({"value": 7, "name": ...}).
func decodeRefID(raw json.RawMessage) (int, bool) {
	if isJSONObjectRaw(raw) {
		var r struct {
			Value json.RawMessage `json:"value"`
			ID    json.RawMessage `json:"id"`
		}
		if json.Unmarshal(raw, &r) != nil {
			return 0, false
		}
		if id, ok := decodeRefID(r.Value); ok {
			return id, true
		}
		return decodeRefID(r.ID)
	}
	if isEmptyRaw(raw) {
		return 0, false
	}
	n, err := decodeFlexFloat(raw)
	if err != nil || n <= 0 || n != math.Trunc(n) {
		return 0, false
	}
	return int(n), true
}

// read looks the field up, checks its kind and reads its value.
func (s *FieldSchema) read(values CustomValues, name string, kinds ...fieldKind) (*schemaField, fieldValue, error) {
	f, err := s.lookup(name, kinds...)
	if err != nil {
		return nil, fieldValue{}, err
	}
	if f.kind == kindUnsupported {
		return nil, fieldValue{}, s.typeMismatch(f, name, kindText)
	}
	if values == nil {
		return f, fieldValue{}, nil
	}
	v, err := values.customValue(f)
	if err != nil {
		var fe *FieldError
		if errors.As(err, &fe) {
			fe.Entity, fe.Name = s.entity, name
		}
		return nil, fieldValue{}, err
	}
	return f, v, nil
}

// IsEmpty reports whether the field with the name has no value (missing or
// null) in values.
func (s *FieldSchema) IsEmpty(values CustomValues, name string) (bool, error) {
	_, v, err := s.read(values, name)
	return !v.set, err
}

// Text returns the value of a text field (varchar, varchar_auto, text or
// phone); "" when empty.
func (s *FieldSchema) Text(values CustomValues, name string) (string, error) {
	_, v, err := s.read(values, name, kindText)
	return v.text, err
}

// Phone returns the value of a phone field; "" when empty.
func (s *FieldSchema) Phone(values CustomValues, name string) (string, error) {
	f, v, err := s.read(values, name, kindText)
	if err == nil && f.def.FieldType != FieldTypePhone {
		return "", s.fieldErr(ErrFieldType, f, name, nil, "has type %q, not a phone field: read it with Text", f.def.FieldType)
	}
	return v.text, err
}

// Number returns the value of a numeric (double) field; 0 when empty.
func (s *FieldSchema) Number(values CustomValues, name string) (float64, error) {
	_, v, err := s.read(values, name, kindNumber)
	return v.number, err
}

// Monetary returns the amount and currency of a monetary field (v1:
// "<key>" and "<key>_currency"; v2: {"value", "currency"}); the zero value
// when empty.
func (s *FieldSchema) Monetary(values CustomValues, name string) (MonetaryValue, error) {
	_, v, err := s.read(values, name, kindMonetary)
	return MonetaryValue{Value: v.number, Currency: v.currency}, err
}

// Date returns the value of a date field; "" when empty.
func (s *FieldSchema) Date(values CustomValues, name string) (Date, error) {
	_, v, err := s.read(values, name, kindDate)
	return Date(v.text), err
}

// DateRange returns the start and end of a date range field (v1: "<key>"
// and "<key>_until"; v2: {"value", "until"}); the zero value when empty.
func (s *FieldSchema) DateRange(values CustomValues, name string) (DateRangeValue, error) {
	_, v, err := s.read(values, name, kindDateRange)
	return DateRangeValue{Value: Date(v.text), Until: Date(v.until)}, err
}

// Time returns the value of a time field as Pipedrive sent it ("14:30:00");
// "" when empty.
func (s *FieldSchema) Time(values CustomValues, name string) (string, error) {
	_, v, err := s.read(values, name, kindTime)
	return v.text, err
}

// TimeRange returns the start and end of a time range field; the zero
// value when empty.
func (s *FieldSchema) TimeRange(values CustomValues, name string) (TimeRangeValue, error) {
	_, v, err := s.read(values, name, kindTimeRange)
	return TimeRangeValue{Value: v.text, Until: v.until}, err
}

// Option returns the label of the chosen option of a single option (enum)
// field; "" when empty. An option id the schema does not know gives
// ErrUnknownOption (Refresh the schema).
func (s *FieldSchema) Option(values CustomValues, name string) (string, error) {
	f, v, err := s.read(values, name, kindOption)
	if err != nil || !v.set {
		return "", err
	}
	return s.optionLabel(f, name, v.ids[0])
}

// Options returns the labels of the chosen options of a multiple options
// (set) field, in the stored order; nil when empty.
func (s *FieldSchema) Options(values CustomValues, name string) ([]string, error) {
	f, v, err := s.read(values, name, kindOptions)
	if err != nil || !v.set {
		return nil, err
	}
	labels := make([]string, len(v.ids))
	for i, id := range v.ids {
		if labels[i], err = s.optionLabel(f, name, id); err != nil {
			return nil, err
		}
	}
	return labels, nil
}

// ID returns the id of the user, person or organization a reference field
// points at (v1 sends an object with "value", v2 an id); 0 when empty.
func (s *FieldSchema) ID(values CustomValues, name string) (int, error) {
	_, v, err := s.read(values, name, kindRef)
	if err != nil || !v.set {
		return 0, err
	}
	return v.ids[0], nil
}

// Address returns the value of an address field: the one-line address and
// its parts (v1: "<key>" and sub-keys such as "<key>_locality"; v2 an
// object); the zero value when empty.
func (s *FieldSchema) Address(values CustomValues, name string) (AddressValue, error) {
	_, v, err := s.read(values, name, kindAddress)
	return v.address, err
}

// Value returns the value of any custom field by name, typed as its getter
// returns it: string (text, phone, time, option label), float64, Date,
// MonetaryValue, DateRangeValue, TimeRangeValue, []string (option labels),
// int (user, person or organization id) or AddressValue; nil when empty.
// Printed with fmt, every value has the text form ParseValue reads.
func (s *FieldSchema) Value(values CustomValues, name string) (any, error) {
	f, v, err := s.read(values, name)
	if err != nil || !v.set {
		return nil, err
	}
	switch f.kind {
	case kindText, kindTime:
		return v.text, nil
	case kindNumber:
		return v.number, nil
	case kindMonetary:
		return MonetaryValue{Value: v.number, Currency: v.currency}, nil
	case kindDate:
		return Date(v.text), nil
	case kindDateRange:
		return DateRangeValue{Value: Date(v.text), Until: Date(v.until)}, nil
	case kindTimeRange:
		return TimeRangeValue{Value: v.text, Until: v.until}, nil
	case kindOption:
		return s.optionLabel(f, name, v.ids[0])
	case kindOptions:
		return s.Options(values, name)
	case kindRef:
		return v.ids[0], nil
	case kindAddress:
		return v.address, nil
	}
	return nil, s.typeMismatch(f, name, kindText)
}
