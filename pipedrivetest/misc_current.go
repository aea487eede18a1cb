package pipedrivetest

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Small current operations served from what the store already holds: a
// product's deals, files and permitted users (API v1), the users following
// a user (API v2), and search by one field's value (API v2).

func registerProductExtrasV1(rt *router) {
	product := func(c *call) *reply {
		if _, found := c.st.liveProduct(c.id); !found {
			return notFound("Product")
		}
		return nil
	}
	rt.handle("GET /products/{id}/deals", 20, func(c *call) *reply {
		if rep := product(c); rep != nil {
			return rep
		}
		status := c.q.Get("status")
		if status == "" {
			status = "all_not_deleted"
		}
		if !slices.Contains([]string{"open", "won", "lost", "deleted", "all_not_deleted"}, status) {
			return badRequest(`Invalid value for parameter "status"`)
		}
		var data []map[string]any
		for _, d := range c.st.deals.rows {
			switch {
			case status == "deleted" && !d.Deleted, status != "deleted" && d.Deleted,
				status != "deleted" && status != "all_not_deleted" && d.Status != status:
				continue
			}
			if slices.ContainsFunc(c.st.dealLines(d.ID), func(l map[string]any) bool { return l["product_id"] == c.id }) {
				data = append(data, renderV1(c, "deals", d.ID))
			}
		}
		start, end, additional, rep := paginate(c.q, len(data))
		if rep != nil {
			return rep
		}
		return ok(http.StatusOK, append([]map[string]any{}, data[start:end]...), additional, nil)
	})
	rt.handle("GET /products/{id}/files", 20, func(c *call) *reply {
		if rep := product(c); rep != nil {
			return rep
		}
		return itemFiles(c, "product_id")
	})
	rt.handle("GET /products/{id}/permittedUsers", 10, func(c *call) *reply {
		p, found := c.st.liveProduct(c.id)
		if !found {
			return notFound("Product")
		}
		ids := []int{}
		for _, u := range c.st.users.rows {
			if !u.Deleted && (p["visible_to"] != 1 || u.ID == p["owner_id"] || u.Admin) {
				ids = append(ids, u.ID)
			}
		}
		return ok(http.StatusOK, ids, nil, nil)
	})
}

func registerMiscV2(rt *router) {
	rt.handle("GET /users/{id}/followers", 10, func(c *call) *reply {
		if _, found := c.st.users.get(c.id); !found {
			return notFound("User")
		}
		if _, _, _, rep := cursorPage(c.q, 0, v2MaxLimit); rep != nil {
			return rep
		}
		// Users follow users in Pipedrive's app only: the fake has none.
		return okV2List([]any{}, nil)
	})
	rt.handle("GET /itemSearch/field", v2SearchCost, searchByField)
}

// searchByField finds the distinct values of one field of one kind of
// entity that match the term, with the id of an entity holding each.
func searchByField(c *call) *reply {
	term := strings.ToLower(strings.TrimSpace(c.q.Get("term")))
	field := c.q.Get("field")
	kind := c.q.Get("entity_type")
	match := c.q.Get("match")
	if match == "" {
		match = "exact"
	}
	switch {
	case term == "":
		return badRequest(`Parameter "term" is required`)
	case field == "":
		return badRequest(`Parameter "field" is required`)
	case !slices.Contains([]string{"exact", "beginning", "middle"}, match):
		return badRequest(`Invalid value for parameter "match": expected exact, beginning or middle`)
	case match != "exact" && len([]rune(term)) < 2:
		return badRequest(`Parameter "term" must be at least 2 characters long unless match is exact`)
	}
	type row struct {
		id    any
		value string
	}
	var rows []row
	switch kind {
	case "deal":
		for _, d := range c.st.deals.rows {
			if !d.Deleted {
				rows = append(rows, row{d.ID, fieldText(c, "deals", d.ID, field)})
			}
		}
	case "person":
		for _, p := range c.st.persons.rows {
			if !p.Deleted {
				rows = append(rows, row{p.ID, fieldText(c, "persons", p.ID, field)})
			}
		}
	case "organization":
		for _, o := range c.st.orgs.rows {
			if !o.Deleted {
				rows = append(rows, row{o.ID, fieldText(c, "organizations", o.ID, field)})
			}
		}
	case "product":
		for _, p := range c.st.products().rows {
			if p["is_deleted"] != true {
				rows = append(rows, row{p["id"], textOf(p[field])})
			}
		}
	case "lead":
		for _, l := range leadsRes.table(c.st).rows {
			rows = append(rows, row{l["id"], textOf(l[field])})
		}
	case "project":
		return notEmulatedParam("entity_type=project")
	default:
		return badRequest(`Invalid value for parameter "entity_type": expected deal, lead, person, organization, product or project`)
	}
	seen := map[string]bool{}
	var data []map[string]any
	for _, r := range rows {
		v := strings.ToLower(r.value)
		hit := (match == "exact" && v == term) || (match == "beginning" && strings.HasPrefix(v, term)) ||
			(match == "middle" && strings.Contains(v, term))
		if !hit || r.value == "" || seen[r.value] {
			continue
		}
		seen[r.value] = true
		data = append(data, map[string]any{"id": r.id, field: r.value})
	}
	start, end, next, rep := cursorPage(c.q, len(data), v2MaxLimit)
	if rep != nil {
		return rep
	}
	return okV2List(append([]map[string]any{}, data[start:end]...), next)
}

// fieldText is the text of one field of a v2 rendering of a row (a custom
// field by its key).
func fieldText(c *call, path string, id int, field string) string {
	apis.once.Do(func() { apis.v1, apis.v2 = newV1Router(), newV2Router() })
	renderers.Lock()
	fn := renderers.v2[path]
	renderers.Unlock()
	if fn == nil {
		return ""
	}
	vc := &call{s: c.s, st: c.st, r: c.r, q: c.q, v2: &v2View{include: map[string]bool{}}}
	m := fn(vc, id)
	if v, ok := m[field]; ok {
		return textOf(v)
	}
	if cf, ok := m["custom_fields"].(map[string]any); ok {
		return textOf(cf[field])
	}
	return ""
}

// textOf is the text of a scalar value ("" for others).
func textOf(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int, float64, bool:
		return fmt.Sprint(x)
	}
	return ""
}

// registerPersonProductsV1 serves GET /persons/{id}/products: one entry
// per product line of the person's deals, keyed by the deal's id.
func registerPersonProductsV1(rt *router) {
	rt.handle("GET /persons/{id}/products", 20, func(c *call) *reply {
		if _, found := c.st.persons.live(c.id); !found {
			return notFound("Person")
		}
		var entries []map[string]any
		for _, d := range c.st.deals.rows {
			if d.Deleted || d.PersonID != c.id {
				continue
			}
			for _, l := range c.st.dealLines(d.ID) {
				pid, _ := l["product_id"].(int)
				t := c.st.products()
				i := t.find(pid)
				if i < 0 {
					continue
				}
				p := t.rows[i]
				name := fmt.Sprint(p["name"])
				first := ""
				if name != "" {
					first = strings.ToLower(name[:1])
				}
				cat := any(nil)
				if p["category"] != nil {
					cat = fmt.Sprint(p["category"])
				}
				product := map[string]any{"id": pid, "company_id": c.st.company.ID, "name": name, "code": p["code"],
					"description": p["description"], "unit": p["unit"], "tax": p["tax"], "category": cat,
					"active_flag": p["is_deleted"] != true, "selectable": p["is_linkable"], "first_char": first,
					"visible_to": fmt.Sprint(p["visible_to"]), "owner_id": p["owner_id"], "files_count": 0,
					"add_time": v1Stamp(p["add_time"]), "update_time": v1Stamp(p["update_time"]), "deal_id": d.ID}
				entries = append(entries, map[string]any{strconv.Itoa(d.ID): map[string]any{
					"deal": flatRefs(renderV1(c, "deals", d.ID)), "product": product}})
			}
		}
		start, end, additional, rep := paginate(c.q, len(entries))
		if rep != nil {
			return rep
		}
		return ok(http.StatusOK, append([]map[string]any{}, entries[start:end]...), additional, nil)
	})
}

// v1Stamp turns an RFC 3339 time of a generic row into v1's form.
func v1Stamp(v any) any {
	t, err := time.Parse(time.RFC3339, fmt.Sprint(v))
	if err != nil {
		return nil
	}
	return ts(t)
}
