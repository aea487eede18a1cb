package pipedrivetest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// Field writes (API v2): custom fields of deals, persons, organizations
// and products are added, renamed and deleted, and the options of enum
// and set fields added, relabelled and deleted. Built-in fields keep their
// names; deleting a custom field removes its values from every row.

// writableFieldEntities are the entities whose fields API v2 can write.
var writableFieldEntities = []string{"deal", "person", "organization", "product"}

// fieldByCode finds a field of an entity by its code.
func (st *store) fieldByCode(entity, code string) *fieldDef {
	for _, d := range st.fieldDefs[entity] {
		if d.code == code {
			return d
		}
	}
	return nil
}

// optionList reads an options body: an array of objects, each checked
// by want ("label", "id" or both).
func optionList(c *call, wantID, wantLabel bool) ([]FieldOption, *reply) {
	var raw []any
	if err := jsonUnmarshalNumbers(c.body, &raw); err != nil || len(raw) == 0 {
		return nil, badRequest("The body must be a non-empty array of options")
	}
	out := make([]FieldOption, 0, len(raw))
	for i, item := range raw {
		m, ok := item.(map[string]any)
		if !ok {
			return nil, badRequest(fmt.Sprintf("Option %d must be an object", i))
		}
		var o FieldOption
		if wantID {
			id, ok := toInt(m["id"])
			if !ok || id <= 0 {
				return nil, badRequest(fmt.Sprintf(`Option %d: "id" must be a positive integer`, i))
			}
			o.ID = id
		}
		if wantLabel {
			label, _ := m["label"].(string)
			if strings.TrimSpace(label) == "" || len(label) > 255 {
				return nil, badRequest(fmt.Sprintf(`Option %d: "label" must be 1 to 255 characters`, i))
			}
			o.Label = label
		}
		out = append(out, o)
	}
	return out, nil
}

func registerFieldWritesV2(rt *router) {
	for _, entity := range append(slices.Clone(writableFieldEntities), "project") {
		base := "/" + fieldsPath(entity)
		field := func(c *call) (*fieldDef, *reply) {
			d := c.st.fieldByCode(entity, c.code)
			if d == nil {
				return nil, fieldNotFound()
			}
			return d, nil
		}
		rt.handle("POST "+base, v2CreateCost, func(c *call) *reply {
			f, rep := c.bodyV2()
			if rep != nil {
				return rep
			}
			name, _ := f["field_name"].(string)
			typ, _ := f["field_type"].(string)
			if strings.TrimSpace(name) == "" || len(name) > 255 {
				return badRequest(`Parameter "field_name" is required (1 to 255 characters)`)
			}
			if !slices.Contains(customFieldTypes, typ) {
				return badRequest(fmt.Sprintf(`Invalid value for field "field_type": expected one of %s`, strings.Join(customFieldTypes, ", ")))
			}
			def, rep := newFieldDef(name, typ, f["options"])
			if rep != nil {
				return rep
			}
			d, err := c.st.addField(entity, def)
			if err != nil {
				return badRequest(err.Error())
			}
			if desc, ok := f["description"].(string); ok {
				d.description = desc
			}
			return okV2(fieldV2(c, entity, d))
		})
		rt.handle("PATCH "+base+"/{code}", v2UpdateCost, func(c *call) *reply {
			d, rep := field(c)
			if rep != nil {
				return rep
			}
			f, rep := c.bodyV2()
			if rep != nil {
				return rep
			}
			if len(f) == 0 {
				return badRequest("Nothing to update")
			}
			if v, has := f["field_name"]; has {
				name, _ := v.(string)
				switch {
				case strings.TrimSpace(name) == "" || len(name) > 255:
					return badRequest(`Invalid value for field "field_name": 1 to 255 characters`)
				case !d.custom && name != d.name:
					return badRequest("Built-in fields cannot be renamed")
				}
				d.name = name
			}
			if desc, ok := f["description"].(string); ok && d.custom {
				d.description = desc
			}
			return okV2(fieldV2(c, entity, d))
		})
		rt.handle("DELETE "+base+"/{code}", v2DeleteCost, func(c *call) *reply {
			d, rep := field(c)
			if rep != nil {
				return rep
			}
			if !d.custom {
				return badRequest("Built-in fields cannot be deleted")
			}
			out := fieldV2(c, entity, d)
			c.st.fieldDefs[entity] = slices.DeleteFunc(c.st.fieldDefs[entity], func(x *fieldDef) bool { return x == d })
			c.st.dropCustomValues(entity, d.key)
			return okV2(out)
		})
		options := func(c *call) (*fieldDef, *reply) {
			d, rep := field(c)
			if rep != nil {
				return nil, rep
			}
			if d.typ != "enum" && d.typ != "set" {
				return nil, badRequest("Only enum and set fields have options")
			}
			return d, nil
		}
		answer := func(opts []FieldOption) *reply {
			data := make([]any, len(opts))
			for i, o := range opts {
				data[i] = map[string]any{"id": o.ID, "label": o.Label}
			}
			return jsonReply(http.StatusOK, map[string]any{"success": true, "data": data, "additional_data": nil})
		}
		rt.handle("POST "+base+"/{code}/options", v2CreateCost, func(c *call) *reply {
			d, rep := options(c)
			if rep != nil {
				return rep
			}
			add, rep := optionList(c, false, true)
			if rep != nil {
				return rep
			}
			for i := range add {
				c.st.optionSeq++
				add[i].ID = c.st.optionSeq
			}
			d.options = append(d.options, add...)
			return answer(add)
		})
		rt.handle("PATCH "+base+"/{code}/options", v2UpdateCost, func(c *call) *reply {
			d, rep := options(c)
			if rep != nil {
				return rep
			}
			upd, rep := optionList(c, true, true)
			if rep != nil {
				return rep
			}
			for _, o := range upd {
				i := slices.IndexFunc(d.options, func(x FieldOption) bool { return x.ID == o.ID })
				if i < 0 {
					return notFound("Option")
				}
			}
			opts := slices.Clone(d.options)
			for _, o := range upd {
				opts[slices.IndexFunc(opts, func(x FieldOption) bool { return x.ID == o.ID })].Label = o.Label
			}
			d.options = opts
			return answer(upd)
		})
		rt.handle("DELETE "+base+"/{code}/options", v2DeleteCost, func(c *call) *reply {
			d, rep := options(c)
			if rep != nil {
				return rep
			}
			del, rep := optionList(c, true, false)
			if rep != nil {
				return rep
			}
			var removed []FieldOption
			for _, o := range del {
				i := slices.IndexFunc(d.options, func(x FieldOption) bool { return x.ID == o.ID })
				if i < 0 {
					return notFound("Option")
				}
				removed = append(removed, d.options[i])
			}
			d.options = slices.DeleteFunc(slices.Clone(d.options), func(x FieldOption) bool {
				return slices.ContainsFunc(del, func(o FieldOption) bool { return o.ID == x.ID })
			})
			return answer(removed)
		})
	}
}

// dropCustomValues removes a deleted custom field's values from the rows
// of an entity.
func (st *store) dropCustomValues(entity, key string) {
	switch entity {
	case "deal":
		for _, r := range st.deals.rows {
			delete(r.Custom, key)
		}
	case "person":
		for _, r := range st.persons.rows {
			delete(r.Custom, key)
		}
	case "organization":
		for _, r := range st.orgs.rows {
			delete(r.Custom, key)
		}
	case "product":
		if t := st.crud["products"]; t != nil {
			for _, r := range t.rows {
				if cf, ok := r["custom_fields"].(map[string]any); ok {
					cf = cloneMap(cf)
					delete(cf, key)
					r["custom_fields"] = cf
				}
			}
		}
	}
}

// newFieldDef is the definition a field create asks for: its name, type
// and option labels (enum and set fields only).
func newFieldDef(name, typ string, options any) (FieldDef, *reply) {
	def := FieldDef{Name: name, Type: typ}
	if options == nil {
		return def, nil
	}
	list, ok := options.([]any)
	switch {
	case !ok:
		return def, badRequest(`Invalid value for field "options": expected an array`)
	case typ != "enum" && typ != "set":
		return def, badRequest("Only enum and set fields have options")
	}
	for i, item := range list {
		m, _ := item.(map[string]any)
		label, _ := m["label"].(string)
		if strings.TrimSpace(label) == "" {
			return def, badRequest(fmt.Sprintf(`Option %d: "label" is required`, i))
		}
		def.Options = append(def.Options, label)
	}
	return def, nil
}

// jsonUnmarshalNumbers decodes JSON keeping numbers as json.Number.
func jsonUnmarshalNumbers(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	return dec.Decode(v)
}
