package pipedrivetest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// Leads (API v1): rows in the generic store, with Pipedrive's rules: a
// lead is linked to a person or an organization (or both), which must
// exist; label ids must be lead labels; value is {amount, currency}; the
// list leaves archived leads out, /leads/archived has only them.

var leadsRes = &crudResource{path: "leads", noun: "Lead", uuidIDs: true}

func registerLeadsV1(rt *router) {
	rt.handle("GET /leads", 20, func(c *call) *reply { return listLeads(c, false) })
	rt.handle("GET /leads/archived", 40, func(c *call) *reply { return listLeads(c, true) })
	rt.handle("GET /leads/{code}", 2, leadsRes.get)
	rt.handle("POST /leads", 10, func(c *call) *reply { return writeLead(c, true) })
	rt.handle("PATCH /leads/{code}", 10, func(c *call) *reply { return writeLead(c, false) })
	rt.handle("DELETE /leads/{code}", 6, func(c *call) *reply {
		t := leadsRes.table(c.st)
		if i := t.find(c.code); i >= 0 {
			c.emitRow("lead", "delete", c.code, t.rows[i], nil)
		}
		return leadsRes.remove(c)
	})
	rt.handle("GET /leads/{code}/permittedUsers", 10, func(c *call) *reply {
		if leadsRes.table(c.st).find(c.code) < 0 {
			return notFound("Lead")
		}
		return ok(http.StatusOK, []int{c.st.meID}, nil, nil)
	})
}

func listLeads(c *call, archived bool) *reply {
	start, _, rep := queryInt(c.q, "start")
	if rep != nil {
		return rep
	}
	limit, hasLimit, rep := queryInt(c.q, "limit")
	if rep != nil {
		return rep
	}
	if !hasLimit || limit <= 0 || limit > 500 {
		limit = 100
	}
	var rows []map[string]any
	for _, r := range leadsRes.table(c.st).rows {
		if r["is_archived"] != archived {
			continue
		}
		keep := true
		for _, k := range []string{"owner_id", "person_id", "organization_id"} {
			if v := c.q.Get(k); v != "" && strconv.Itoa(rowInt(r[k])) != v {
				keep = false
			}
		}
		if keep {
			rows = append(rows, cloneMap(r))
		}
	}
	end := min(len(rows), start+limit)
	page := []map[string]any{}
	if start < len(rows) {
		page = rows[start:end]
	}
	return ok(http.StatusOK, page, map[string]any{"start": start, "limit": limit, "more_items_in_collection": end < len(rows)}, nil)
}

// rowInt is an integer field of a row (0 when null).
func rowInt(v any) int {
	n, _ := v.(int)
	return n
}

// writeLead creates (creating) or PATCHes a lead.
func writeLead(c *call, creating bool) *reply {
	f, rep := c.fields()
	if rep != nil {
		return rep
	}
	t := leadsRes.table(c.st)
	var row map[string]any
	i := -1
	if creating {
		now := c.st.clock().Format(time.RFC3339)
		row = map[string]any{
			"id": c.s.newUUID(), "title": nil, "owner_id": c.st.meID, "creator_id": c.st.meID, "label_ids": []string{},
			"person_id": nil, "organization_id": nil, "source_name": "API", "origin": "API", "origin_id": nil,
			"channel": nil, "channel_id": nil, "source_deal_id": nil, "is_archived": false, "was_seen": false, "value": nil,
			"expected_close_date": nil, "next_activity_id": nil, "add_time": now, "update_time": now, "visible_to": "3",
			"cc_email": "leads@emulated.pipedrivemail.com",
		}
		if !f.has("title") {
			return badRequest(`Parameter "title" is required`)
		}
	} else {
		if i = t.find(c.code); i < 0 {
			return notFound("Lead")
		}
		row = cloneMap(t.rows[i])
	}
	for k, v := range f {
		switch k {
		case "title", "origin_id", "channel_id":
			s, isStr := v.(string)
			if !isStr || (k == "title" && s == "") {
				return badRequest(`Invalid value for field "` + k + `": expected a non-empty string`)
			}
			row[k] = s
		case "visible_to":
			s, isStr := v.(string)
			if !isStr || !slices.Contains([]string{"1", "3", "5", "7"}, s) {
				return badRequest(`Invalid value for field "visible_to": expected one of 1, 3, 5, 7`)
			}
			row[k] = s
		case "owner_id", "person_id", "organization_id", "channel":
			if v == nil && k != "owner_id" {
				row[k] = nil
				continue
			}
			n, isNum := v.(json.Number)
			id, err := strconv.Atoi(n.String())
			if !isNum || err != nil || id <= 0 {
				return badRequest(`Invalid value for field "` + k + `": expected a positive integer`)
			}
			switch k {
			case "person_id":
				if _, found := c.st.persons.live(id); !found {
					return badRequest("Person not found")
				}
			case "organization_id":
				if _, found := c.st.orgs.live(id); !found {
					return badRequest("Organization not found")
				}
			}
			row[k] = id
		case "is_archived", "was_seen":
			b, isBool := v.(bool)
			if !isBool {
				return badRequest(`Invalid value for field "` + k + `": expected a boolean`)
			}
			row[k] = b
		case "label_ids":
			ids, isList := v.([]any)
			if !isList {
				return badRequest(`Invalid value for field "label_ids": expected an array of lead label ids`)
			}
			labels := leadLabelsV1().table(c.st)
			out := []string{}
			for _, id := range ids {
				s, isStr := id.(string)
				if !isStr || labels.find(s) < 0 {
					return badRequest("Lead label not found")
				}
				out = append(out, s)
			}
			row[k] = out
		case "value":
			if v == nil {
				row[k] = nil
				continue
			}
			m, isObj := v.(map[string]any)
			amount, hasAmount := m["amount"].(json.Number)
			cur, hasCur := m["currency"].(string)
			if !isObj || !hasAmount || !hasCur || len(cur) != 3 {
				return badRequest(`Invalid value for field "value": expected {"amount": number, "currency": "XXX"}`)
			}
			a, _ := amount.Float64()
			row[k] = map[string]any{"amount": a, "currency": cur}
		case "expected_close_date":
			if v == nil {
				row[k] = nil
				continue
			}
			s, isStr := v.(string)
			if _, err := time.Parse(time.DateOnly, s); !isStr || err != nil {
				return badRequest(`Invalid value for field "expected_close_date": expected YYYY-MM-DD`)
			}
			row[k] = s
		default:
			return badRequest(`Unknown field "` + k + `"`)
		}
	}
	if row["person_id"] == nil && row["organization_id"] == nil {
		return badRequest("A lead must be linked to a person or an organization")
	}
	if creating {
		t.rows = append(t.rows, row)
		c.emitRow("lead", "create", row["id"].(string), nil, cloneMap(row))
		return ok(http.StatusCreated, cloneMap(row), nil, nil)
	}
	row["update_time"] = c.st.clock().Format(time.RFC3339)
	before := t.rows[i]
	t.rows[i] = row
	c.emitRow("lead", "change", c.code, before, cloneMap(row))
	return ok(http.StatusOK, cloneMap(row), nil, nil)
}
