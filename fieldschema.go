package pipedrive

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
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
	if _, err := entity.v1FieldsResource(); err != nil {
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
	stale := s.cell.stale.Swap(false)
	if _, err := s.cell.get(ctx, s.fetch, stale); err != nil {
		if stale {
			s.cell.stale.Store(true)
		}
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
