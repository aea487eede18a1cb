package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/gopipedrive/pipedrive"
)

// This file handles custom fields: --set on create and update (by field
// name or by 40-hex key), and the custom field rows of the table output.

// setUsage is the help of --set.
const setUsage = "set a custom field by name, `NAME=VALUE`, or by 40-hex key, KEY=TEXT or KEY:=JSON (see above); repeatable"

// setHelp explains --set under the usage line of create and update.
const setHelp = `Custom fields: --set NAME=VALUE (repeatable) takes a field's name, the value
parsed per the field's type:
  --set "Region=EMEA"               single option: its label
  --set "Tags=Hot,Strategic"        multiple options: labels, comma-separated
  --set "Contract value=1500 EUR"   monetary: an amount and a currency
  --set "Renewal date=2026-03-31"   date; a date range is 2026-01-01..2026-03-31
  --set "Region="                   an empty value clears the field
Numbers 1500.5, times 14:30, time ranges 09:00..17:00, users/persons/orgs by id.
A 40-hex field key works too, the value sent as is: KEY=TEXT or KEY:=JSON.`

// addSetFlag registers --set for custom fields.
func addSetFlag(fs *flag.FlagSet, in *input) {
	fs.Var(&in.set, "set", setUsage)
}

// parseCustomFields sorts --set arguments without any request: KEY=TEXT
// (a text value) and KEY:=JSON (a JSON value: a number, true, null to
// clear, an object for a monetary field in API v2 ...) with a 40-hex KEY
// become custom values at once; NAME=VALUE, naming the field, is returned
// in named for resolveCustomFields, which needs the field schema.
func parseCustomFields(pairs []string) (custom map[string]any, named []string, err error) {
	for _, p := range pairs {
		k, v, ok := strings.Cut(p, "=")
		raw := strings.HasSuffix(k, ":")
		k = strings.TrimSpace(strings.TrimSuffix(k, ":"))
		if !ok || k == "" {
			return nil, nil, usagef("--set %q: expected NAME=VALUE, KEY=TEXT or KEY:=JSON", p)
		}
		if !pipedrive.IsCustomFieldKey(k) {
			if raw {
				return nil, nil, usagef("--set %q: KEY:=JSON takes a 40-hex field key; give a field name as NAME=VALUE", p)
			}
			named = append(named, p)
			continue
		}
		if custom == nil {
			custom = make(map[string]any, len(pairs))
		}
		if _, dup := custom[k]; dup {
			return nil, nil, usagef("--set %s given twice", k)
		}
		if !raw {
			custom[k] = v
			continue
		}
		if !json.Valid([]byte(v)) {
			return nil, nil, usagef("--set %s:=%s: the value is not valid JSON (use KEY=VALUE for text)", k, v)
		}
		custom[k] = json.RawMessage(v)
	}
	return custom, named, nil
}

// resolveCustomFields resolves the --set arguments that name a field
// against the schema of the resource's entity, loaded here (once) and
// only when a name is used, and writes their values into in.custom in the
// shape of the API version in use: v1's flat keys with Set, v2's
// custom_fields with SetV2. Call it after a.backend, which settles the
// version.
func (a *app) resolveCustomFields(ctx context.Context, r *resource, verb string, in *input) error {
	if len(in.named) == 0 {
		return nil
	}
	v2 := a.usesV2(r)
	if r.entity == "" {
		return usagef("--set: %s have no custom fields", r.plural)
	}
	if v2 && r.noV2Custom {
		return only(apiV2, r.plural+" "+verb, "set", true)
	}
	schema, err := a.fieldSchema(ctx, r.entity)
	if err != nil {
		return err
	}
	if in.custom == nil {
		in.custom = make(map[string]any, len(in.named))
	}
	for _, arg := range in.named {
		name, value, err := schema.ParseAssignment(arg)
		one := map[string]any{}
		if err == nil {
			if v2 {
				err = schema.SetV2(one, name, value)
			} else {
				err = schema.Set(one, name, value)
			}
		}
		if err != nil {
			return setError(schema, arg, err)
		}
		for k, v := range one {
			if _, dup := in.custom[k]; dup {
				return usagef("--set %q: %s field %q is set twice", arg, r.entity, name)
			}
			in.custom[k] = v
		}
	}
	return nil
}

// fieldSchema returns the custom field schema of the entity (one request
// for the field definitions, then cached by the client).
func (a *app) fieldSchema(ctx context.Context, entity pipedrive.FieldEntity) (*pipedrive.FieldSchema, error) {
	cl, err := a.client(ctx)
	if err != nil {
		return nil, err
	}
	s, err := cl.FieldSchema(ctx, entity)
	if err != nil {
		return nil, fmt.Errorf("loading the %s fields: %w", entity, err)
	}
	return s, nil
}

// setError turns a FieldSchema error about one --set argument into a
// usage error: one line naming the argument and what to type instead.
func setError(schema *pipedrive.FieldSchema, arg string, err error) error {
	var fe *pipedrive.FieldError
	if !errors.As(err, &fe) {
		var ve *pipedrive.ValidationError
		if errors.As(err, &ve) {
			return usagef("--set %q: %s", arg, ve.Reason)
		}
		return err
	}
	entity := fe.Entity
	if entity == "" {
		entity = schema.Entity()
	}
	var msg string
	switch {
	case errors.Is(err, pipedrive.ErrUnknownField):
		msg = fmt.Sprintf("unknown %s field %q", entity, fe.Name)
		if len(fe.Suggestions) > 0 {
			msg += "; did you mean " + quoteList(fe.Suggestions, " or ") + "?"
		} else {
			msg += "; " + knownFields(schema)
		}
	case errors.Is(err, pipedrive.ErrFieldType) && !settableByName(schema, fe.Name):
		def, _ := schema.Field(fe.Name)
		msg = fmt.Sprintf("%s field %q has type %q, which --set cannot parse: use --set %s:=JSON", entity, fe.Name, def.FieldType, fe.Key)
	case strings.HasPrefix(fe.Reason, "has type "):
		msg = fmt.Sprintf("%s field %q %s", entity, fe.Name, fe.Reason)
	default:
		msg = fmt.Sprintf("%s field %q: %s", entity, fe.Name, fe.Reason)
	}
	return usagef("--set %q: %s", arg, msg)
}

// knownFields lists the first custom field names of the schema, for an
// unknown name without a close match.
func knownFields(schema *pipedrive.FieldSchema) string {
	const show = 8
	fields := schema.Fields()
	if len(fields) == 0 {
		return fmt.Sprintf("there are no custom %s fields", schema.Entity())
	}
	var names []string
	for _, f := range fields[:min(len(fields), show)] {
		names = append(names, f.Name)
	}
	msg := fmt.Sprintf("the custom %s fields are %s", schema.Entity(), quoteList(names, " and "))
	if len(fields) > show {
		msg = fmt.Sprintf("the custom %s fields include %s and %d more", schema.Entity(), quoteList(names, ", "), len(fields)-show)
	}
	return msg
}

// settableByName reports whether ParseValue knows the type of the field
// with the name (the SDK refuses other types by name).
func settableByName(schema *pipedrive.FieldSchema, name string) bool {
	def, err := schema.Field(name)
	if err != nil {
		return true
	}
	switch def.FieldType {
	case pipedrive.FieldTypeVarchar, pipedrive.FieldTypeVarcharAuto, pipedrive.FieldTypeText, pipedrive.FieldTypePhone,
		pipedrive.FieldTypeDouble, pipedrive.FieldTypeMonetary, pipedrive.FieldTypeDate, pipedrive.FieldTypeDateRange,
		pipedrive.FieldTypeTime, pipedrive.FieldTypeTimeRange, pipedrive.FieldTypeEnum, pipedrive.FieldTypeSet,
		pipedrive.FieldTypeUser, pipedrive.FieldTypePerson, pipedrive.FieldTypeOrganization, pipedrive.FieldTypeAddress:
		return true
	}
	return false
}

// quoteList quotes items and joins them with commas, the last with last.
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

// printEntity prints one record: in table output, after the resource's
// columns, one row per custom field that has a value, by field name. The
// field schema is loaded only for a record with custom values; when that
// fails, the record is printed without them and a note says why.
func (a *app) printEntity(ctx context.Context, r *resource, got row) error {
	if a.g.output != formatTable || r.entity == "" {
		return a.printOne(r.view, got)
	}
	values := customValuesOf(got.value)
	if !hasCustomValues(values) {
		return a.printOne(r.view, got)
	}
	schema, err := a.fieldSchema(ctx, r.entity)
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		_, msg := describe(err, a.g)
		fmt.Fprintln(a.stderr, "pipedrive: note: custom fields not shown: "+oneLine(msg))
		return a.printOne(r.view, got)
	}
	var extra [][2]string
	for _, f := range schema.Fields() {
		empty, err := schema.IsEmpty(values, f.Key)
		if err == nil && empty {
			continue
		}
		v, err := schema.Value(values, f.Key)
		text := customText(v)
		if err != nil {
			text = "? (" + strings.TrimPrefix(err.Error(), "pipedrive: ") + ")"
		}
		extra = append(extra, [2]string{cell(f.Name), cell(text)})
	}
	return a.printOne(r.view, got, extra...)
}

// customValuesOf returns the custom field values of an SDK record, nil for
// records without custom fields.
func customValuesOf(v any) pipedrive.CustomValues {
	switch x := v.(type) {
	case *pipedrive.Deal:
		return x.CustomFields
	case *pipedrive.Person:
		return x.CustomFields
	case *pipedrive.Organization:
		return x.CustomFields
	case *pipedrive.Activity:
		return x.CustomFields
	case *pipedrive.V2Deal:
		return x.CustomFields
	case *pipedrive.V2Person:
		return x.CustomFields
	case *pipedrive.V2Organization:
		return x.CustomFields
	}
	return nil
}

// hasCustomValues reports whether any custom field has a value (not
// missing, null or ""), without the schema.
func hasCustomValues(values pipedrive.CustomValues) bool {
	var raw map[string]json.RawMessage
	switch x := values.(type) {
	case pipedrive.CustomFields:
		raw = x
	case pipedrive.V2CustomFields:
		raw = x
	}
	for k, v := range raw {
		t := strings.TrimSpace(string(v))
		if pipedrive.IsCustomFieldKey(k) && t != "" && t != "null" && t != `""` {
			return true
		}
	}
	return false
}

// customText formats a value of FieldSchema.Value in the form --set reads.
func customText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case []string:
		return strings.Join(x, ", ")
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}
