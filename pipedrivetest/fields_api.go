package pipedrivetest

import (
	"fmt"
	"net/http"
	"slices"
)

// This file serves the field-definition endpoints of both versions:
// GET /{entity}Fields (list) and GET /{entity}Fields/{id} (v1, numeric id)
// or /{entity}Fields/{field_code} (v2).

// fieldsPath is the URL segment of an entity's field endpoints.
func fieldsPath(entity string) string {
	if entity == "organization" {
		return "organizationFields"
	}
	return entity + "Fields"
}

// fieldNotFound is the 404 of an unknown field.
func fieldNotFound() *reply { return notFound("Field") }

// optionsOf renders a field's options ([{id, label}] or null).
func optionsOf(d *fieldDef) any {
	if d.options == nil {
		return nil
	}
	out := make([]any, len(d.options))
	for i, o := range d.options {
		out[i] = map[string]any{"id": o.ID, "label": o.Label}
	}
	return out
}

// ---- v1 ----

func fieldV1(c *call, d *fieldDef) map[string]any {
	var creator any
	if d.custom {
		creator = c.st.meID
	}
	m := map[string]any{
		"id":                      d.id,
		"key":                     d.key,
		"name":                    d.name,
		"order_nr":                d.orderNr,
		"field_type":              d.typ,
		"add_time":                ts(d.addTime),
		"update_time":             ts(d.addTime),
		"last_updated_by_user_id": creator,
		"created_by_user_id":      creator,
		"active_flag":             true,
		"edit_flag":               d.custom,
		"index_visible_flag":      true,
		"details_visible_flag":    true,
		"add_visible_flag":        true,
		"important_flag":          false,
		"bulk_edit_allowed":       true,
		"searchable_flag":         d.custom && slices.Contains(searchableTypes, d.typ),
		"filtering_allowed":       true,
		"sortable_flag":           true,
		"mandatory_flag":          d.mandatory,
		"options":                 optionsOf(d),
		"is_subfield":             false,
	}
	if d.options != nil {
		m["options_deleted"] = []any{}
	}
	return m
}

func registerFieldsV1(rt *router) {
	for _, entity := range fieldEntities {
		base := "/" + fieldsPath(entity)
		rt.handle("GET "+base, 20, func(c *call) *reply {
			defs := c.st.fieldDefs[entity]
			start, end, additional, rep := paginate(c.q, len(defs))
			if rep != nil {
				return rep
			}
			var data any // v1 answers "data": null for an empty page
			if end > start {
				page := make([]any, 0, end-start)
				for _, d := range defs[start:end] {
					page = append(page, fieldV1(c, d))
				}
				data = page
			}
			return ok(http.StatusOK, data, additional, nil)
		})
		if entity == "activity" {
			continue // v1 has no GET /activityFields/{id}
		}
		rt.handle("GET "+base+"/{id}", 2, func(c *call) *reply {
			for _, d := range c.st.fieldDefs[entity] {
				if d.id == c.id {
					return ok(http.StatusOK, fieldV1(c, d), nil, nil)
				}
			}
			return fieldNotFound()
		})
	}
}

// ---- v2 ----

// fieldIncludesV2 are the include_fields values of the v2 field endpoints
// (activity fields only take ui_visibility).
var fieldIncludesV2 = []string{"ui_visibility", "important_fields", "required_fields"}

// subfieldsV2 lists the members of a field whose v2 value is an object.
func subfieldsV2(d *fieldDef) any {
	sub := func(code, name, typ string) map[string]any {
		return map[string]any{"field_code": code, "field_name": name, "field_type": typ}
	}
	switch d.typ {
	case "monetary":
		return []any{sub("value", "Amount of "+d.name, "double"), sub("currency", "Currency of "+d.name, "varchar")}
	case "daterange", "timerange":
		typ := "date"
		if d.typ == "timerange" {
			typ = "time"
		}
		return []any{sub("value", "Start of "+d.name, typ), sub("until", "End of "+d.name, typ)}
	case "address":
		out := []any{sub("value", "Address value of "+d.name, "varchar")}
		for _, part := range addressParts {
			out = append(out, sub(part, fmt.Sprintf("%s of %s", part, d.name), "varchar"))
		}
		return out
	}
	return nil
}

func fieldV2(c *call, entity string, d *fieldDef) map[string]any {
	m := map[string]any{
		"field_name":                 d.name,
		"field_code":                 d.code,
		"description":                emptyOrNil(d.description),
		"field_type":                 d.typ,
		"options":                    optionsOf(d),
		"subfields":                  subfieldsV2(d),
		"is_custom_field":            d.custom,
		"is_optional_response_field": false,
	}
	if entity == "project" {
		// Project fields have no description and always carry the
		// namespaces the others take include_fields for.
		delete(m, "description")
		m["ui_visibility"] = map[string]any{"add_visible_flag": true, "details_visible_flag": true}
		m["important_fields"] = map[string]any{"enabled": false, "stage_ids": []int{}}
		m["required_fields"] = map[string]any{"enabled": d.mandatory}
		return m
	}
	if c.includes("ui_visibility") {
		ui := map[string]any{"add_visible_flag": true, "details_visible_flag": true}
		if entity == "deal" {
			ui["projects_detail_visible_flag"] = false
			ui["show_in_pipelines"] = map[string]any{"show_in_all": true, "pipeline_ids": []int{}}
		}
		m["ui_visibility"] = ui
	}
	if c.includes("important_fields") {
		m["important_fields"] = map[string]any{"enabled": false, "stage_ids": []int{}}
	}
	if c.includes("required_fields") {
		m["required_fields"] = map[string]any{"enabled": d.mandatory, "stage_ids": []int{}, "statuses": map[string]any{}}
	}
	return m
}

func registerFieldsV2(rt *router) {
	for _, entity := range v2FieldEntities {
		base := "/" + fieldsPath(entity)
		allowed := fieldIncludesV2
		switch entity {
		case "activity":
			allowed = fieldIncludesV2[:1]
		case "project":
			allowed = nil // projectFields take no include_fields
		}
		rt.handle("GET "+base, v2ListCost, func(c *call) *reply {
			if rep := c.parseView(allowed, false); rep != nil {
				return rep
			}
			defs := c.st.fieldDefs[entity]
			start, end, next, rep := cursorPage(c.q, len(defs), v2MaxLimit)
			if rep != nil {
				return rep
			}
			data := make([]any, 0, end-start)
			for _, d := range defs[start:end] {
				data = append(data, fieldV2(c, entity, d))
			}
			return okV2List(data, next)
		})
		rt.handle("GET "+base+"/{code}", v2GetCost, func(c *call) *reply {
			if rep := c.parseView(allowed, false); rep != nil {
				return rep
			}
			for _, d := range c.st.fieldDefs[entity] {
				if d.code == c.code {
					return okV2(fieldV2(c, entity, d))
				}
			}
			return fieldNotFound()
		})
	}
}
