package pipedrive

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// This file maps custom field names to their 40-hex keys and reads and
// writes custom field values by name, in the shapes of both API versions:
//
//	schema, err := client.FieldSchema(ctx, pipedrive.EntityDeal)
//	region, err := schema.Option(deal.CustomFields, "Region")    // v1 or v2 entity: "EMEA"
//	err = schema.Set(params.CustomFields, "Region", "EMEA")       // v1 params: "<key>": "12"
//	err = schema.SetV2(v2params.CustomFields, "Region", "EMEA")   // v2 params: "<key>": 12
//
// Every value goes through one internal form (fieldValue): readers turn
// v1's flat keys and v2's custom_fields object into it, writers turn it
// into either shape.

// Errors of FieldSchema, wrapped by a *FieldError: match them with
// errors.Is, and use errors.As for the field's name and the suggestions.
var (
	// ErrUnknownField: no custom field has the name (FieldError.Suggestions
	// holds the closest names).
	ErrUnknownField = errors.New("pipedrive: unknown custom field")
	// ErrAmbiguousField: several custom fields have the name
	// (FieldError.Suggestions holds their keys, which are accepted in place
	// of the name).
	ErrAmbiguousField = errors.New("pipedrive: ambiguous custom field name")
	// ErrFieldType: the value does not fit the field's type (a string for a
	// number field, an invalid date, a getter of another type, a stored
	// value of the wrong shape).
	ErrFieldType = errors.New("pipedrive: value does not fit the custom field's type")
	// ErrUnknownOption: the label is not one of the field's options
	// (FieldError.Suggestions holds the valid labels).
	ErrUnknownOption = errors.New("pipedrive: unknown option of a custom field")
)

// FieldError reports a custom field name or value that FieldSchema
// refused. Nothing was sent.
type FieldError struct {
	// Entity is the schema's entity.
	Entity FieldEntity
	// Name is the field name asked for.
	Name string
	// Key is the field's 40-hex key, when the name was found.
	Key string
	// Reason says what is wrong.
	Reason string
	// Suggestions are the closest field names (ErrUnknownField), the keys
	// sharing the name (ErrAmbiguousField) or the valid option labels
	// (ErrUnknownOption).
	Suggestions []string

	kind error
}

// Error implements error.
func (e *FieldError) Error() string {
	what := "custom field"
	if e.Entity != "" {
		what = string(e.Entity) + " field"
	}
	return fmt.Sprintf("pipedrive: %s %q: %s", what, e.Name, e.Reason)
}

// Unwrap returns ErrUnknownField, ErrAmbiguousField, ErrFieldType or
// ErrUnknownOption.
func (e *FieldError) Unwrap() error { return e.kind }

// MonetaryValue is the value of a monetary custom field. It converts to
// and from V2Monetary.
type MonetaryValue struct {
	Value    float64 `json:"value"`
	Currency string  `json:"currency"`
}

// String formats m as "1500 EUR", the form ParseValue reads.
func (m MonetaryValue) String() string {
	return strings.TrimSpace(strconv.FormatFloat(m.Value, 'f', -1, 64) + " " + m.Currency)
}

// DateRangeValue is the value of a date range custom field: from Value to
// Until, both YYYY-MM-DD. It converts to and from V2DateRange.
type DateRangeValue struct {
	Value Date `json:"value"`
	Until Date `json:"until"`
}

// String formats r as "2026-01-01..2026-03-31", the form ParseValue reads.
func (r DateRangeValue) String() string { return string(r.Value) + ".." + string(r.Until) }

// TimeRangeValue is the value of a time range custom field: from Value to
// Until, both HH:MM:SS. It converts to and from V2TimeRange.
type TimeRangeValue struct {
	Value string `json:"value"`
	Until string `json:"until"`
}

// String formats r as "09:00:00..17:00:00", the form ParseValue reads.
func (r TimeRangeValue) String() string { return r.Value + ".." + r.Until }

// AddressValue is the value of an address custom field: the address as
// one line (Value) and the parts Pipedrive geocoded. It converts to and
// from V2Address.
type AddressValue V2Address

// String returns the address as one line.
func (a AddressValue) String() string { return a.Value }

// fieldKind groups field types by the shape of their values.
type fieldKind uint8

const (
	kindUnsupported fieldKind = iota
	kindText
	kindNumber
	kindMonetary
	kindDate
	kindDateRange
	kindTime
	kindTimeRange
	kindOption
	kindOptions
	kindRef
	kindAddress
)

func kindOf(t FieldType) fieldKind {
	switch t {
	case FieldTypeVarchar, FieldTypeVarcharAuto, FieldTypeText, FieldTypePhone:
		return kindText
	case FieldTypeDouble:
		return kindNumber
	case FieldTypeMonetary:
		return kindMonetary
	case FieldTypeDate:
		return kindDate
	case FieldTypeDateRange:
		return kindDateRange
	case FieldTypeTime:
		return kindTime
	case FieldTypeTimeRange:
		return kindTimeRange
	case FieldTypeEnum:
		return kindOption
	case FieldTypeSet:
		return kindOptions
	case FieldTypeUser, FieldTypePerson, FieldTypeOrganization:
		return kindRef
	case FieldTypeAddress:
		return kindAddress
	}
	return kindUnsupported
}

// getter names the FieldSchema method that reads a kind, for hints.
func (k fieldKind) getter() string {
	return [...]string{"Value", "Text", "Number", "Monetary", "Date", "DateRange", "Time", "TimeRange", "Option", "Options", "ID", "Address"}[k]
}

// fieldValue is a custom field's value in one form for both API versions.
type fieldValue struct {
	set      bool   // false: missing, null or empty (and, when writing, "clear")
	text     string // text, date, time, the start of a range
	until    string // the end of a range
	number   float64
	currency string
	ids      []int // option ids, or the id of a user, person or organization
	address  AddressValue
}

// schemaField is one custom field of a schema.
type schemaField struct {
	def  FieldDefinition
	kind fieldKind
}

// schemaState is an immutable snapshot of an entity's custom fields.
type schemaState struct {
	fields []*schemaField
	byKey  map[string]*schemaField
	byName map[string][]*schemaField // by normalized name
}

func normName(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

func newSchemaState(defs []*FieldDefinition) *schemaState {
	st := &schemaState{byKey: map[string]*schemaField{}, byName: map[string][]*schemaField{}}
	for _, d := range defs {
		if d == nil || !d.IsCustom() || st.byKey[d.Key] != nil {
			continue
		}
		f := &schemaField{def: *d, kind: kindOf(d.FieldType)}
		f.def.Options = slices.Clone(d.Options)
		st.fields = append(st.fields, f)
		st.byKey[d.Key] = f
		n := normName(d.Name)
		st.byName[n] = append(st.byName[n], f)
	}
	return st
}

// FieldSchema maps an entity's custom field names to their keys and option
// labels to their ids, and reads and writes custom field values by name in
// the shapes of both API versions. Get one with Client.FieldSchema (loaded
// once per client, connection and entity, then cached) or NewFieldSchema.
// It is safe for concurrent use; Refresh reloads it.
//
// Names match exactly, then ignoring case and repeated spaces; a 40-hex key
// is accepted in place of a name. Getters take the CustomFields of an API
// v1 entity or the V2CustomFields of an API v2 entity and return the zero
// value for a field that is empty (missing or null); IsEmpty tells the
// difference. Set writes API v1's shape into v1 create and update
// parameters, SetV2 API v2's shape into v2 parameters; a nil value clears
// the field.
type FieldSchema struct {
	entity     FieldEntity
	connection string
	client     *Client // nil for NewFieldSchema
	cell       *schemaCell
}

// NewFieldSchema returns a schema of the entity's custom fields built from
// definitions already at hand (for example Fields.List's answer, or
// definitions written by hand in a test). It cannot Refresh.
func NewFieldSchema(entity FieldEntity, fields []*FieldDefinition) *FieldSchema {
	cell := &schemaCell{}
	cell.state.Store(newSchemaState(fields))
	return &FieldSchema{entity: entity, cell: cell}
}

// FieldSchema returns the schema of the entity's custom fields for the
// connection ctx selects (ContextWithConnection, else the client's). The
// first call per client, connection and entity lists the fields (GET
// /api/v1/dealFields and so on, 20 tokens per page of 500); later calls
// return the cached schema without a request. Concurrent first calls share
// one request. Call Refresh after the fields change.
func (c *Client) FieldSchema(ctx context.Context, entity FieldEntity) (*FieldSchema, error) {
	if ctx == nil {
		return nil, invalid("ctx", "nil context")
	}
	if _, err := entity.fieldsResource(); err != nil {
		return nil, err
	}
	conn := c.connection
	if id, ok := ctx.Value(connectionKey{}).(string); ok {
		if err := checkConnectionID(id); err != nil {
			return nil, err
		}
		conn = id
	}
	s := &FieldSchema{entity: entity, connection: conn, client: c, cell: c.schemaCache().cell(conn, entity)}
	if _, err := s.cell.get(ctx, s.fetch, false); err != nil {
		return nil, err
	}
	return s, nil
}

// Refresh reloads the schema from Pipedrive, for every holder of the
// client's cached schema. A schema made by NewFieldSchema cannot refresh.
func (s *FieldSchema) Refresh(ctx context.Context) error {
	if s.client == nil {
		return invalid("schema", "made by NewFieldSchema: there is nothing to refresh it from")
	}
	if ctx == nil {
		return invalid("ctx", "nil context")
	}
	_, err := s.cell.get(ctx, s.fetch, true)
	return err
}

// fetch lists the entity's fields on the schema's connection.
func (s *FieldSchema) fetch(ctx context.Context) (*schemaState, error) {
	if s.connection != "" {
		ctx = ContextWithConnection(ctx, s.connection)
	}
	var opts *ListOptions
	if s.entity != EntityActivity {
		opts = &ListOptions{Limit: MaxLimit}
	}
	var defs []*FieldDefinition
	for d, err := range s.client.Fields.All(ctx, s.entity, opts) {
		if err != nil {
			return nil, err
		}
		defs = append(defs, d)
	}
	return newSchemaState(defs), nil
}

// Entity returns the schema's entity.
func (s *FieldSchema) Entity() FieldEntity { return s.entity }

func (s *FieldSchema) state() *schemaState { return s.cell.state.Load() }

// Fields returns the entity's custom fields in Pipedrive's order (copies).
func (s *FieldSchema) Fields() []*FieldDefinition {
	st := s.state()
	out := make([]*FieldDefinition, len(st.fields))
	for i, f := range st.fields {
		out[i] = f.definition()
	}
	return out
}

func (f *schemaField) definition() *FieldDefinition {
	d := f.def
	d.Options = slices.Clone(f.def.Options)
	return &d
}

// Field returns the definition of the custom field with the name (a copy).
func (s *FieldSchema) Field(name string) (*FieldDefinition, error) {
	f, err := s.lookup(name)
	if err != nil {
		return nil, err
	}
	return f.definition(), nil
}

// Key returns the 40-hex key of the custom field with the name.
func (s *FieldSchema) Key(name string) (string, error) {
	f, err := s.lookup(name)
	if err != nil {
		return "", err
	}
	return f.def.Key, nil
}

// Name returns the name of the custom field with the key (a key with a
// sub-key suffix such as "_currency" gives its field's name).
func (s *FieldSchema) Name(key string) (string, bool) {
	if len(key) > 40 && IsCustomFieldKey(key) {
		key = key[:40]
	}
	f, ok := s.state().byKey[key]
	if !ok {
		return "", false
	}
	return f.def.Name, true
}

// OptionID returns the id of the option with the label, in the enum or set
// field with the name.
func (s *FieldSchema) OptionID(name, label string) (int, error) {
	f, err := s.lookup(name, kindOption, kindOptions)
	if err != nil {
		return 0, err
	}
	return s.optionID(f, name, label)
}

// OptionLabel returns the label of the option with the id, in the enum or
// set field with the name.
func (s *FieldSchema) OptionLabel(name string, id int) (string, error) {
	f, err := s.lookup(name, kindOption, kindOptions)
	if err != nil {
		return "", err
	}
	return s.optionLabel(f, name, id)
}

func (s *FieldSchema) fieldErr(kind error, f *schemaField, name string, suggestions []string, format string, args ...any) error {
	e := &FieldError{Entity: s.entity, Name: name, Reason: fmt.Sprintf(format, args...), Suggestions: suggestions, kind: kind}
	if f != nil {
		e.Key = f.def.Key
	}
	return e
}

// lookup finds the field with the name (or key) and, when kinds are given,
// checks that it is of one of them.
func (s *FieldSchema) lookup(name string, kinds ...fieldKind) (*schemaField, error) {
	st := s.state()
	var f *schemaField
	cands := st.byName[normName(name)]
	for _, c := range cands {
		if c.def.Name == name {
			if f != nil {
				f = nil
				break
			}
			f = c
		}
	}
	switch {
	case f != nil:
	case len(cands) == 1:
		f = cands[0]
	case len(cands) > 1:
		keys := make([]string, len(cands))
		for i, c := range cands {
			keys[i] = c.def.Key
		}
		return nil, s.fieldErr(ErrAmbiguousField, nil, name, keys,
			"%d custom fields have this name: pass one of their keys instead (%s)", len(cands), strings.Join(keys, ", "))
	case st.byKey[name] != nil:
		f = st.byKey[name]
	default:
		sugg := st.suggest(name)
		reason := fmt.Sprintf("no custom %s field has this name", s.entity)
		if len(sugg) > 0 {
			reason += "; did you mean " + quoteList(sugg, " or ") + "?"
		} else if len(st.fields) == 0 {
			reason += fmt.Sprintf(" (the %s schema has no custom fields; Refresh it after adding some)", s.entity)
		}
		return nil, s.fieldErr(ErrUnknownField, nil, name, sugg, "%s", reason)
	}
	if len(kinds) > 0 && !slices.Contains(kinds, f.kind) {
		return nil, s.typeMismatch(f, name, kinds[0])
	}
	return f, nil
}

func (s *FieldSchema) typeMismatch(f *schemaField, name string, want fieldKind) error {
	if f.kind == kindUnsupported {
		return s.fieldErr(ErrFieldType, f, name, nil, "fields of type %q are not supported by name: use the key %s with CustomFields.Decode", f.def.FieldType, f.def.Key)
	}
	return s.fieldErr(ErrFieldType, f, name, nil, "has type %q, not %s: read it with %s", f.def.FieldType, want.article(), f.kind.getter())
}

func (k fieldKind) article() string {
	return [...]string{"a supported one", "a text", "a number", "a monetary", "a date", "a date range", "a time",
		"a time range", "a single option", "a multiple options", "a user, person or organization", "an address"}[k] + " field"
}

func quoteList(items []string, last string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = strconv.Quote(s)
	}
	if len(q) <= 1 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + last + q[len(q)-1]
}

// suggest returns up to three field names close to name: names that start
// with or contain it (ignoring case), then names within a small edit
// distance.
func (st *schemaState) suggest(name string) []string {
	want := normName(name)
	if want == "" {
		return nil
	}
	type scored struct {
		name  string
		score int
		order int
	}
	var found []scored
	limit := max(2, utf8.RuneCountInString(want)/3)
	for i, f := range st.fields {
		have := normName(f.def.Name)
		if have == "" {
			continue
		}
		var score int
		switch {
		case strings.HasPrefix(have, want) || strings.HasPrefix(want, have):
			score = 0
		case strings.Contains(have, want):
			score = 1
		default:
			d := levenshtein(want, have)
			if d > limit {
				continue
			}
			score = 1 + d
		}
		found = append(found, scored{f.def.Name, score, i})
	}
	slices.SortStableFunc(found, func(a, b scored) int { return a.score - b.score })
	var out []string
	for _, f := range found {
		if !slices.Contains(out, f.name) {
			out = append(out, f.name)
		}
		if len(out) == 3 {
			break
		}
	}
	return out
}

// levenshtein is the edit distance between a and b, in runes.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// optionID resolves an option label: exactly, then ignoring case when only
// one option matches.
func (s *FieldSchema) optionID(f *schemaField, name, label string) (int, error) {
	var fold []int
	for _, o := range f.def.Options {
		if o.Label == label {
			return o.ID, nil
		}
		if strings.EqualFold(strings.TrimSpace(o.Label), strings.TrimSpace(label)) {
			fold = append(fold, o.ID)
		}
	}
	if len(fold) == 1 {
		return fold[0], nil
	}
	labels := f.labels()
	return 0, s.fieldErr(ErrUnknownOption, f, name, labels, "%q is not one of its options (%s)", label, quoteList(labels, ", "))
}

func (s *FieldSchema) optionLabel(f *schemaField, name string, id int) (string, error) {
	for _, o := range f.def.Options {
		if o.ID == id {
			return o.Label, nil
		}
	}
	labels := f.labels()
	return "", s.fieldErr(ErrUnknownOption, f, name, labels, "option id %d is not one of its options (%s): it may be new or deleted; Refresh the schema", id, quoteList(labels, ", "))
}

func (f *schemaField) labels() []string {
	out := make([]string, len(f.def.Options))
	for i, o := range f.def.Options {
		out[i] = o.Label
	}
	return out
}

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

// ParseAssignment parses "Field name=value", as a command line's --set
// flag takes it, into the field's name and a value for Set or SetV2: the
// text after the first "=" is parsed by ParseValue.
//
//	name, value, err := schema.ParseAssignment("Contract value=1500 EUR")
//	err = schema.Set(params.CustomFields, name, value) // or SetV2
func (s *FieldSchema) ParseAssignment(assignment string) (name string, value any, err error) {
	name, text, ok := strings.Cut(assignment, "=")
	name = strings.TrimSpace(name)
	if !ok || name == "" {
		return "", nil, invalid("assignment", "%q is not of the form \"Field name=value\"", truncate(assignment, 80))
	}
	value, err = s.ParseValue(name, text)
	return name, value, err
}

// ParseValue parses text, trimmed, into a value for Set or SetV2 according
// to the type of the field with the name. Empty text gives nil (clear the
// field). The forms are the ones the values print as:
//
//	text, phone, address   any text
//	double                 1500.5
//	monetary               1500 EUR (or EUR 1500)
//	date                   2026-03-31
//	daterange              2026-01-01..2026-03-31
//	time                   14:30 or 14:30:00
//	timerange              09:00..17:00
//	enum                   an option label (or option id)
//	set                    labels separated by commas: VIP, Partner
//	user, people, org      an id: 42
func (s *FieldSchema) ParseValue(name, text string) (any, error) {
	f, err := s.lookup(name)
	if err != nil {
		return nil, err
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, nil
	}
	bad := func(want string) (any, error) {
		return nil, s.fieldErr(ErrFieldType, f, name, nil, "has type %q: %q is not %s", f.def.FieldType, truncate(text, 60), want)
	}
	var v any
	switch f.kind {
	case kindText, kindAddress:
		return text, nil
	case kindNumber:
		n, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return bad("a number")
		}
		v = n
	case kindMonetary:
		m, ok := parseMoney(text)
		if !ok {
			return bad("an amount and a currency such as 1500 EUR")
		}
		v = m
	case kindDate:
		v = Date(text)
	case kindDateRange:
		a, b, ok := cutRange(text)
		if !ok {
			return bad("a date range such as 2026-01-01..2026-03-31")
		}
		v = DateRangeValue{Value: Date(a), Until: Date(b)}
	case kindTime:
		v = text
	case kindTimeRange:
		a, b, ok := cutRange(text)
		if !ok {
			return bad("a time range such as 09:00..17:00")
		}
		v = TimeRangeValue{Value: a, Until: b}
	case kindOption:
		if _, err := s.optionID(f, name, text); err != nil {
			id, convErr := strconv.Atoi(text)
			if convErr != nil {
				return nil, err
			}
			v = id
		} else {
			v = text
		}
	case kindOptions:
		labels := []string{text}
		if _, err := s.optionID(f, name, text); err != nil {
			labels = labels[:0]
			for part := range strings.SplitSeq(text, ",") {
				if part = strings.TrimSpace(part); part != "" {
					labels = append(labels, part)
				}
			}
		}
		v = labels
	case kindRef:
		id, err := strconv.Atoi(text)
		if err != nil {
			return bad("an id such as 42")
		}
		v = id
	default:
		return nil, s.typeMismatch(f, name, kindText)
	}
	if _, err := s.normalize(f, name, v); err != nil {
		return nil, err
	}
	return v, nil
}

// parseMoney reads "1500 EUR", "EUR 1500" or "1500EUR".
func parseMoney(text string) (MonetaryValue, bool) {
	parts := strings.Fields(text)
	if len(parts) == 1 {
		i := strings.IndexFunc(text, func(r rune) bool { return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' })
		if i <= 0 {
			return MonetaryValue{}, false
		}
		parts = []string{text[:i], text[i:]}
	}
	if len(parts) != 2 {
		return MonetaryValue{}, false
	}
	for _, p := range [][2]string{{parts[0], parts[1]}, {parts[1], parts[0]}} {
		n, err := strconv.ParseFloat(p[0], 64)
		if err == nil && isCurrencyCode(p[1]) {
			return MonetaryValue{Value: n, Currency: strings.ToUpper(p[1])}, true
		}
	}
	return MonetaryValue{}, false
}

func isCurrencyCode(s string) bool {
	if len(s) < 3 || len(s) > 5 {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') {
			return false
		}
	}
	return true
}

// cutRange splits "a..b" or "a/b".
func cutRange(text string) (string, string, bool) {
	for _, sep := range [...]string{"..", "/"} {
		if a, b, ok := strings.Cut(text, sep); ok {
			a, b = strings.TrimSpace(a), strings.TrimSpace(b)
			return a, b, a != "" && b != ""
		}
	}
	return "", "", false
}

// schemaCell holds one cached schema: its current state and the load in
// flight, which concurrent callers share.
type schemaCell struct {
	state  atomic.Pointer[schemaState]
	mu     sync.Mutex
	flight *schemaFlight
}

type schemaFlight struct {
	done chan struct{}
	err  error
}

// get returns the cached state, loading it when there is none (or always,
// with force). Callers arriving during a load wait for it; when the load
// failed because its caller's context ended, a waiter whose context is
// still alive loads again.
func (c *schemaCell) get(ctx context.Context, load func(context.Context) (*schemaState, error), force bool) (*schemaState, error) {
	for {
		if st := c.state.Load(); st != nil && !force {
			return st, nil
		}
		c.mu.Lock()
		if st := c.state.Load(); st != nil && !force {
			c.mu.Unlock()
			return st, nil
		}
		fl := c.flight
		leader := fl == nil
		if leader {
			fl = &schemaFlight{done: make(chan struct{})}
			c.flight = fl
		}
		c.mu.Unlock()

		if leader {
			st, err := load(ctx)
			c.mu.Lock()
			if err == nil {
				c.state.Store(st)
			}
			fl.err = err
			c.flight = nil
			c.mu.Unlock()
			close(fl.done)
			return st, err
		}
		select {
		case <-fl.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if fl.err == nil {
			return c.state.Load(), nil
		}
		if (errors.Is(fl.err, context.Canceled) || errors.Is(fl.err, context.DeadlineExceeded)) && ctx.Err() == nil {
			continue
		}
		return nil, fl.err
	}
}

// schemaCache holds a client's schemas by connection and entity.
type schemaCache struct {
	mu    sync.Mutex
	cells map[schemaCacheKey]*schemaCell
}

type schemaCacheKey struct {
	connection string
	entity     FieldEntity
}

func (sc *schemaCache) cell(connection string, entity FieldEntity) *schemaCell {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	k := schemaCacheKey{connection, entity}
	c := sc.cells[k]
	if c == nil {
		if sc.cells == nil {
			sc.cells = map[schemaCacheKey]*schemaCell{}
		}
		c = &schemaCell{}
		sc.cells[k] = c
	}
	return c
}

func (c *Client) schemaCache() *schemaCache { return c.fieldSchemas }
