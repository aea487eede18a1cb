package pipedrivetest

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// Field writes (API v1): the same custom fields as API v2's writes, by
// numeric id. An update's options list replaces the options: those with
// an id keep it (relabelled), those without are added, the others go.

func registerFieldWritesV1(rt *router) {
	for _, entity := range writableFieldEntities {
		base := "/" + fieldsPath(entity)
		byID := func(c *call, id int) *fieldDef {
			for _, d := range c.st.fieldDefs[entity] {
				if d.id == id {
					return d
				}
			}
			return nil
		}
		remove := func(c *call, d *fieldDef) {
			c.st.fieldDefs[entity] = slices.DeleteFunc(c.st.fieldDefs[entity], func(x *fieldDef) bool { return x == d })
			c.st.dropCustomValues(entity, d.key)
		}
		status := http.StatusOK
		if entity == "product" {
			status = http.StatusCreated // as the spec declares for products only
		}
		rt.handle("POST "+base, 10, func(c *call) *reply {
			f, rep := c.fields()
			if rep != nil {
				return rep
			}
			name, _, _ := f.str("name")
			typ, _, _ := f.str("field_type")
			if strings.TrimSpace(name) == "" {
				return badRequest(`Parameter "name" is required`)
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
			return ok(status, fieldV1(c, d), nil, nil)
		})
		rt.handle("PUT "+base+"/{id}", 10, func(c *call) *reply {
			d := byID(c, c.id)
			if d == nil {
				return fieldNotFound()
			}
			f, rep := c.fields()
			if rep != nil {
				return rep
			}
			if name, has, _ := f.str("name"); has {
				switch {
				case strings.TrimSpace(name) == "":
					return badRequest(`Invalid value for field "name"`)
				case !d.custom && name != d.name:
					return badRequest("Built-in fields cannot be renamed")
				}
				d.name = name
			}
			if list, ok := f["options"].([]any); ok {
				if d.typ != "enum" && d.typ != "set" {
					return badRequest("Only enum and set fields have options")
				}
				var opts []FieldOption
				for i, item := range list {
					m, _ := item.(map[string]any)
					label, _ := m["label"].(string)
					if strings.TrimSpace(label) == "" {
						return badRequest(fmt.Sprintf(`Option %d: "label" is required`, i))
					}
					if raw, has := m["id"]; has {
						id, ok := toInt(raw)
						if !ok || !slices.ContainsFunc(d.options, func(o FieldOption) bool { return o.ID == id }) {
							return badRequest(fmt.Sprintf("Option %d: unknown id %v", i, raw))
						}
						opts = append(opts, FieldOption{ID: id, Label: label})
						continue
					}
					c.st.optionSeq++
					opts = append(opts, FieldOption{ID: c.st.optionSeq, Label: label})
				}
				d.options = opts
			}
			return ok(http.StatusOK, fieldV1(c, d), nil, nil)
		})
		rt.handle("DELETE "+base+"/{id}", 6, func(c *call) *reply {
			d := byID(c, c.id)
			if d == nil {
				return fieldNotFound()
			}
			if !d.custom {
				return badRequest("Built-in fields cannot be deleted")
			}
			remove(c, d)
			return ok(http.StatusOK, map[string]any{"id": c.id}, nil, nil)
		})
		rt.handle("DELETE "+base, 10, func(c *call) *reply {
			raw := commaList(c.q.Get("ids"))
			if len(raw) == 0 {
				return badRequest(`Parameter "ids" is required`)
			}
			var defs []*fieldDef
			for _, s := range raw {
				id, err := strconv.Atoi(s)
				if err != nil {
					return badRequest(fmt.Sprintf(`Invalid value for parameter "ids": %q`, s))
				}
				d := byID(c, id)
				if d == nil {
					return fieldNotFound()
				}
				if !d.custom {
					return badRequest("Built-in fields cannot be deleted")
				}
				defs = append(defs, d)
			}
			ids := make([]int, 0, len(defs))
			for _, d := range defs {
				remove(c, d)
				ids = append(ids, d.id)
			}
			return ok(http.StatusOK, map[string]any{"id": ids}, nil, nil)
		})
	}
}
