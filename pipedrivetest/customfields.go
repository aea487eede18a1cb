package pipedrivetest

import (
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// This file holds the field definitions of a store (built-in and custom
// fields of deals, persons, organizations and activities) and the
// version-neutral custom-field values of rows. The wire forms live in
// customfields_wire.go.

// FieldDef describes a custom field for Server.AddField.
type FieldDef struct {
	// Name is the field's name as users see it, e.g. "Region".
	Name string
	// Type is the field type: varchar, varchar_auto, text, double,
	// monetary, date, daterange, time, timerange, enum, set, user, org,
	// people, phone or address.
	Type string
	// Options are the option labels of an enum (single option) or set
	// (multiple options) field, in order. Each gets an option ID (see
	// FieldInfo). Other types ignore them.
	Options []string
}

// FieldOption is an option of an enum or set field.
type FieldOption struct {
	// ID is the option ID that values refer to (v1 sends it as a string).
	ID int
	// Label is the option's text.
	Label string
}

// FieldInfo describes a field definition of an emulated company, as
// returned by Server.Field and Server.Fields.
type FieldInfo struct {
	// ID is the numeric field ID of the v1 field endpoints.
	ID int
	// Key is the field's API key: 40 hex characters for custom fields, the
	// v1 property name (such as "title" or "user_id") for built-in fields.
	// It is also the v2 field_code of custom fields.
	Key string
	// Code is the v2 field_code (equal to Key for custom fields; for
	// built-in fields the v2 property name, such as "owner_id").
	Code string
	// Name is the field's name, e.g. "Region" or "Title".
	Name string
	// Type is the field type, e.g. "enum" or "varchar".
	Type string
	// Options are the options of an enum or set field, in order.
	Options []FieldOption
	// Custom is false for the built-in fields.
	Custom bool
}

// Field entities and the field types AddField accepts.
var (
	fieldEntities = []string{"deal", "person", "organization", "activity", "product"}
	// v2FieldEntities have field endpoints in API v2 (projects only there).
	v2FieldEntities  = append(slices.Clone(fieldEntities), "project")
	customFieldTypes = []string{
		"varchar", "varchar_auto", "text", "double", "monetary", "date", "daterange",
		"time", "timerange", "enum", "set", "user", "org", "people", "phone", "address",
	}
	// searchableTypes are the custom field types the search endpoints look
	// in (custom_fields).
	searchableTypes = []string{"address", "varchar", "text", "varchar_auto", "double", "monetary", "phone"}
)

// seedDealFields are the deal custom fields WithSeedData adds.
var seedDealFields = []FieldDef{
	{Name: "Region", Type: "enum", Options: []string{"EMEA", "Americas", "APAC"}},
	{Name: "Contract value", Type: "monetary"},
	{Name: "Renewal date", Type: "date"},
	{Name: "Tags", Type: "set", Options: []string{"Hot", "Strategic", "Expansion"}},
	{Name: "Contract period", Type: "daterange"},
	{Name: "Notes summary", Type: "text"},
}

// fieldDef is one field definition of a store.
type fieldDef struct {
	id          int
	key         string // v1 key; 40 hex characters for custom fields
	code        string // v2 field_code
	name        string
	typ         string
	description string
	options     []FieldOption
	custom      bool
	mandatory   bool
	orderNr     int
	addTime     time.Time
}

func (d *fieldDef) info() FieldInfo {
	return FieldInfo{
		ID: d.id, Key: d.key, Code: d.code, Name: d.name, Type: d.typ,
		Options: slices.Clone(d.options), Custom: d.custom,
	}
}

// option returns the option with the given ID.
func (d *fieldDef) option(id int) (FieldOption, bool) {
	for _, o := range d.options {
		if o.ID == id {
			return o, true
		}
	}
	return FieldOption{}, false
}

// builtinField describes a built-in field: v1 key, v2 code, name, type.
type builtinField struct {
	key, code, name, typ, description string
	mandatory                         bool
}

// builtinFields are the built-in (non-custom) fields each entity lists.
// Their types are among those both versions' specs allow.
var builtinFields = map[string][]builtinField{
	"deal": {
		{"title", "title", "Title", "varchar", "The title of the deal", true},
		{"value", "value", "Value", "monetary", "The monetary value of the deal", false},
		{"user_id", "owner_id", "Owner", "user", "The user who owns the deal", false},
		{"person_id", "person_id", "Contact person", "people", "The person linked to the deal", false},
		{"org_id", "org_id", "Organization", "org", "The organization linked to the deal", false},
		{"expected_close_date", "expected_close_date", "Expected close date", "date", "When the deal is expected to close", false},
		{"visible_to", "visible_to", "Visible to", "visible_to", "Who can see the deal", false},
	},
	"person": {
		{"name", "name", "Name", "varchar", "The name of the person", true},
		{"owner_id", "owner_id", "Owner", "user", "The user who owns the person", false},
		{"org_id", "org_id", "Organization", "org", "The organization the person belongs to", false},
		{"email", "emails", "Email", "varchar", "The email addresses of the person", false},
		{"phone", "phones", "Phone", "phone", "The phone numbers of the person", false},
		{"visible_to", "visible_to", "Visible to", "visible_to", "Who can see the person", false},
	},
	"organization": {
		{"name", "name", "Name", "varchar", "The name of the organization", true},
		{"owner_id", "owner_id", "Owner", "user", "The user who owns the organization", false},
		{"address", "address", "Address", "address", "The address of the organization", false},
		{"visible_to", "visible_to", "Visible to", "visible_to", "Who can see the organization", false},
	},
	"activity": {
		{"subject", "subject", "Subject", "varchar", "The subject of the activity", true},
		{"due_date", "due_date", "Due date", "date", "The due date of the activity", false},
		{"due_time", "due_time", "Due time", "time", "The due time of the activity", false},
		{"duration", "duration", "Duration", "time", "The duration of the activity", false},
		{"user_id", "owner_id", "Assigned to user", "user", "The user the activity is assigned to", false},
		{"person_id", "person_id", "Person", "people", "The person linked to the activity", false},
		{"org_id", "org_id", "Organization", "org", "The organization linked to the activity", false},
		{"location", "location", "Location", "address", "Where the activity takes place", false},
		{"note", "note", "Note", "text", "The note of the activity", false},
	},
	"project": {
		{"title", "title", "Title", "varchar", "The title of the project", true},
		{"description", "description", "Description", "text", "The description of the project", false},
		{"owner_id", "owner_id", "Owner", "user", "The user who owns the project", false},
		{"start_date", "start_date", "Start date", "date", "When the project starts", false},
		{"end_date", "end_date", "End date", "date", "When the project ends", false},
	},
	"product": {
		{"name", "name", "Name", "varchar", "The name of the product", true},
		{"code", "code", "Product code", "varchar", "The code of the product", false},
		{"unit", "unit", "Unit", "varchar", "The unit the product is sold in", false},
		{"tax", "tax", "Tax", "double", "The tax percentage of the product", false},
		{"owner_id", "owner_id", "Owner", "user", "The user who owns the product", false},
		{"description", "description", "Description", "text", "The description of the product", false},
	},
}

// projectFieldIDs is the first id of the built-in project fields.
const projectFieldIDs = 9001

func (st *store) addBuiltinFields() {
	if st.fieldDefs == nil {
		st.fieldDefs = map[string][]*fieldDef{}
	}
	now := st.clock()
	for _, entity := range v2FieldEntities {
		for i, b := range builtinFields[entity] {
			id := 0
			if entity == "project" {
				id = projectFieldIDs + i // apart from the others' ids, which stay as they were
			} else {
				st.fieldSeq++
				id = st.fieldSeq
			}
			st.fieldDefs[entity] = append(st.fieldDefs[entity], &fieldDef{
				id: id, key: b.key, code: b.code, name: b.name, typ: b.typ,
				description: b.description, mandatory: b.mandatory, orderNr: i + 1, addTime: now,
			})
		}
	}
}

// customFieldKey returns the deterministic 40-hex key of the n-th custom
// field (0 for the first) named name on entity.
func customFieldKey(seed int64, entity, name string, n int) string {
	sum := sha1.Sum([]byte(fmt.Sprintf("pipedrivetest\x00%d\x00%s\x00%s\x00%d", seed, entity, name, n)))
	return hex.EncodeToString(sum[:])
}

// addField adds a custom field definition.
func (st *store) addField(entity string, f FieldDef) (*fieldDef, error) {
	if !slices.Contains(v2FieldEntities, entity) {
		return nil, fmt.Errorf("unknown entity %q (want one of %s)", entity, strings.Join(v2FieldEntities, ", "))
	}
	if !slices.Contains(customFieldTypes, f.Type) {
		return nil, fmt.Errorf("unknown field type %q (want one of %s)", f.Type, strings.Join(customFieldTypes, ", "))
	}
	if strings.TrimSpace(f.Name) == "" {
		return nil, errors.New("a field needs a name")
	}
	n := 0
	for _, d := range st.fieldDefs[entity] {
		if d.custom && d.name == f.Name {
			n++
		}
	}
	st.fieldSeq++
	d := &fieldDef{
		id:      st.fieldSeq,
		key:     customFieldKey(st.keySeed, entity, f.Name, n),
		name:    f.Name,
		typ:     f.Type,
		custom:  true,
		orderNr: len(st.fieldDefs[entity]) + 1,
		addTime: st.clock(),
	}
	d.code = d.key
	if f.Type == "enum" || f.Type == "set" {
		for _, label := range f.Options {
			st.optionSeq++
			d.options = append(d.options, FieldOption{ID: st.optionSeq, Label: label})
		}
	}
	st.fieldDefs[entity] = append(st.fieldDefs[entity], d)
	return d, nil
}

// customDefs returns the custom field definitions of an entity.
func (st *store) customDefs(entity string) []*fieldDef {
	var out []*fieldDef
	for _, d := range st.fieldDefs[entity] {
		if d.custom {
			out = append(out, d)
		}
	}
	return out
}

// customDef returns the custom field definition with the given key, or nil.
func (st *store) customDef(entity, key string) *fieldDef {
	for _, d := range st.fieldDefs[entity] {
		if d.custom && d.key == key {
			return d
		}
	}
	return nil
}

// AddField adds a custom field to an entity ("deal", "person",
// "organization" or "activity") of the company behind a connection ("" =
// the default connection) and returns its key: 40 hex characters derived
// from the entity, the name, how many custom fields of that name the entity
// already has and the server's seed (WithSeed), so the same calls give the
// same keys on every run. Enum and set options get IDs from a counter per
// company, in order; look them up with Field. The field is listed by the v1
// and v2 field endpoints, and rows render and accept its value in each
// version's shape. AddField panics for an unknown connection, entity or
// type and for an empty name.
func (s *Server) AddField(connectionID, entity string, f FieldDef) (key string) {
	st := s.connStore(connectionID)
	st.mu.Lock()
	defer st.mu.Unlock()
	d, err := st.addField(entity, f)
	if err != nil {
		panic("pipedrivetest: AddField: " + err.Error())
	}
	return d.key
}

// Field returns the field of an entity ("deal", "person", "organization"
// or "activity") of the company behind a connection ("" = the default
// connection) whose name, key or v2 field code is nameOrKey: custom fields
// first, then built-in ones. It panics for an unknown connection.
func (s *Server) Field(connectionID, entity, nameOrKey string) (FieldInfo, bool) {
	st := s.connStore(connectionID)
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, custom := range []bool{true, false} {
		for _, d := range st.fieldDefs[entity] {
			if d.custom == custom && (d.name == nameOrKey || d.key == nameOrKey || d.code == nameOrKey) {
				return d.info(), true
			}
		}
	}
	return FieldInfo{}, false
}

// Fields returns every field of an entity ("deal", "person",
// "organization" or "activity") of the company behind a connection ("" =
// the default connection), built-in fields first. It panics for an unknown
// connection.
func (s *Server) Fields(connectionID, entity string) []FieldInfo {
	st := s.connStore(connectionID)
	st.mu.Lock()
	defer st.mu.Unlock()
	var out []FieldInfo
	for _, d := range st.fieldDefs[entity] {
		out = append(out, d.info())
	}
	return out
}

// customValue is the version-neutral value of one custom field of a row.
//
// For a field with a definition, V holds the typed value: a string for
// varchar, varchar_auto, text, phone, date ("YYYY-MM-DD"), time
// ("HH:MM:SS") and address (the one-line address), a float64 for double
// and monetary (the amount), an int for enum (the option ID) and for user,
// org and people (the referenced ID), a []int for set (option IDs). Currency
// completes monetary values, Until date and time ranges, Addr addresses
// (components by their v1 suffix, such as "route" or "formatted_address").
//
// For a 40-hex key without a definition, V is the value exactly as decoded
// from the request (nil when only sub-keys were sent) and Sub holds the v1
// sub-keys ("currency" for "<key>_currency") as received.
type customValue struct {
	V        any
	Currency string
	Until    string
	Addr     map[string]string
	Sub      map[string]any
}

// empty reports whether the value holds nothing and can be dropped.
func (cv customValue) empty() bool {
	return cv.V == nil && cv.Currency == "" && cv.Until == "" && len(cv.Addr) == 0 && len(cv.Sub) == 0
}

// setCustom stores cv under key in r (removing it when empty), replacing
// the map so that clones sharing it are not affected.
func setCustom(r *record, key string, cv customValue) {
	m := make(map[string]customValue, len(r.Custom)+1)
	for k, v := range r.Custom {
		m[k] = v
	}
	if cv.empty() {
		delete(m, key)
	} else {
		m[key] = cv
	}
	r.Custom = m
}

// customText returns the searchable text of a row's custom fields: the
// values of definitions of a searchable type, then the string and numeric
// values of keys without a definition.
func (st *store) customText(entity string, r *record) []string {
	var out []string
	for _, d := range st.customDefs(entity) {
		if !slices.Contains(searchableTypes, d.typ) {
			continue
		}
		switch v := r.Custom[d.key].V.(type) {
		case string:
			out = append(out, v)
		case float64:
			out = append(out, formatNumber(v))
		}
	}
	keys := make([]string, 0, len(r.Custom))
	for k := range r.Custom {
		if st.customDef(entity, k) == nil {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		switch v := r.Custom[k].V.(type) {
		case string:
			out = append(out, v)
		case interface{ String() string }:
			out = append(out, v.String())
		}
	}
	return out
}
