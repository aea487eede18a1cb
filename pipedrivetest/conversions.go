package pipedrivetest

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Lead↔deal conversions (API v2) and lead search: a conversion is a job;
// the fake runs it at once, and its status reports "running" on the first
// poll, then "completed" with the new entity's id, as a client polling
// Pipedrive sees it. The lead disappears when its deal appears, and the
// other way round.

// conversion is one job, by its UUID.
type conversion struct {
	leadID string
	dealID int
	polls  int
}

func registerConversionsV2(rt *router) {
	rt.handle("POST /leads/{code}/convert/deal", 40, convertLead)
	rt.handle("GET /leads/{code}/convert/status/{code}", 1, conversionStatus)
	rt.handle("POST /deals/{id}/convert/lead", 40, convertDeal)
	rt.handle("GET /deals/{id}/convert/status/{code}", 1, conversionStatus)
	rt.handle("GET /leads/search", 20, searchLeadsV2)
}

// registerLeadSearchV1 serves the v1 lead search.
func registerLeadSearchV1(rt *router) {
	rt.handle("GET /leads/search", 40, searchLeadsV1)
}

func (st *store) conversions() map[string]*conversion {
	if st.convs == nil {
		st.convs = map[string]*conversion{}
	}
	return st.convs
}

func convertLead(c *call) *reply {
	t := leadsRes.table(c.st)
	i := t.find(c.code)
	if i < 0 {
		return notFound("Lead")
	}
	f, rep := c.bodyV2()
	if rep != nil {
		return rep
	}
	lead := t.rows[i]
	d := newDealV1(c)
	d.Title, d.OwnerID = lead["title"].(string), rowInt(lead["owner_id"])
	d.PersonID, d.OrgID = rowInt(lead["person_id"]), rowInt(lead["organization_id"])
	if v, ok := lead["value"].(map[string]any); ok {
		d.Value, _ = v["amount"].(float64)
		d.Currency, _ = v["currency"].(string)
	}
	if rep := applyDealStage(c, d, f, true, c.st.clock()); rep != nil {
		return rep
	}
	c.st.deals.insert(d)
	c.emit("deals", "create", d.ID, nil)
	c.emitRow("lead", "delete", c.code, lead, nil)
	t.rows = append(t.rows[:i], t.rows[i+1:]...)
	id := c.s.newUUID()
	c.st.conversions()[id] = &conversion{leadID: c.code, dealID: d.ID}
	c.aggCache = nil
	return okV2(map[string]any{"conversion_id": id})
}

func convertDeal(c *call) *reply {
	d, found := c.st.deals.live(c.id)
	if !found {
		return notFound("Deal")
	}
	if d.PersonID == 0 && d.OrgID == 0 {
		return badRequest("A deal without a person or an organization cannot become a lead")
	}
	now := c.st.clock().Format(time.RFC3339)
	var value any
	if d.Value != 0 {
		value = map[string]any{"amount": d.Value, "currency": d.Currency}
	}
	lead := map[string]any{
		"id": c.s.newUUID(), "title": d.Title, "owner_id": d.OwnerID, "creator_id": c.st.meID, "label_ids": []string{},
		"person_id": nullIfZero(d.PersonID), "organization_id": nullIfZero(d.OrgID), "source_name": "Deal", "origin": "API",
		"origin_id": nil, "channel": nil, "channel_id": nil, "source_deal_id": d.ID, "is_archived": false, "was_seen": false,
		"value": value, "expected_close_date": nil, "next_activity_id": nil, "add_time": now, "update_time": now,
		"visible_to": "3", "cc_email": "leads@emulated.pipedrivemail.com",
	}
	t := leadsRes.table(c.st)
	t.rows = append(t.rows, lead)
	c.emitRow("lead", "create", lead["id"].(string), nil, cloneMap(lead))
	before := c.snapshot("deals", d.ID)
	gone := cloneRow(d)
	gone.Deleted, gone.UpdateTime = true, c.st.clock()
	c.st.deals.put(gone)
	c.emit("deals", "delete", d.ID, before)
	id := c.s.newUUID()
	c.st.conversions()[id] = &conversion{leadID: lead["id"].(string), dealID: d.ID}
	c.aggCache = nil
	return okV2(map[string]any{"conversion_id": id})
}

func nullIfZero(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

func conversionStatus(c *call) *reply {
	conv := c.st.conversions()[c.code]
	if conv == nil {
		return notFound("Conversion")
	}
	conv.polls++
	data := map[string]any{"conversion_id": c.code, "status": "completed"}
	if conv.polls == 1 {
		data["status"] = "running"
	} else if strings.HasPrefix(c.r.URL.Path, "/pipedrive/api/v2/leads/") {
		data["deal_id"] = conv.dealID
	} else {
		data["lead_id"] = conv.leadID
	}
	return okV2(data)
}

// searchLeadsV2 finds leads whose title contains the term.
func searchLeadsV2(c *call) *reply {
	items, rep := leadHits(c)
	if rep != nil {
		return rep
	}
	start, end, next, rep := cursorPage(c.q, len(items), 100)
	if rep != nil {
		return rep
	}
	return okV2List(map[string]any{"items": items[start:end]}, next)
}

// searchLeadsV1 is the v1 lead search: the same hits, paged by offset.
func searchLeadsV1(c *call) *reply {
	items, rep := leadHits(c)
	if rep != nil {
		return rep
	}
	start, end, additional, rep := paginate(c.q, len(items))
	if rep != nil {
		return rep
	}
	return ok(http.StatusOK, map[string]any{"items": items[start:end]}, additional, nil)
}

// leadHits finds the leads whose title contains the term (or, with
// exact_match, is the term), of a person or organization when asked.
func leadHits(c *call) ([]map[string]any, *reply) {
	term := strings.ToLower(strings.TrimSpace(c.q.Get("term")))
	exact := c.q.Get("exact_match") == "true"
	if len([]rune(term)) < 2 && !(exact && term != "") {
		return nil, badRequest(`Parameter "term" must be at least 2 characters long`)
	}
	person, hasPerson, rep := queryInt(c.q, "person_id")
	if rep != nil {
		return nil, rep
	}
	org, hasOrg, rep := queryInt(c.q, "organization_id")
	if rep != nil {
		return nil, rep
	}
	items := []map[string]any{}
	for _, r := range leadsRes.table(c.st).rows {
		title, _ := r["title"].(string)
		low := strings.ToLower(title)
		if (exact && low != term) || (!exact && !strings.Contains(low, term)) ||
			(hasPerson && rowInt(r["person_id"]) != person) || (hasOrg && rowInt(r["organization_id"]) != org) {
			continue
		}
		var value any
		if v, ok := r["value"].(map[string]any); ok {
			value = v["amount"]
		}
		item := map[string]any{"id": r["id"], "type": "lead", "title": title, "owner": map[string]any{"id": r["owner_id"]},
			"value": value, "visible_to": mustAtoi(r["visible_to"]), "is_archived": r["is_archived"], "custom_fields": []string{}, "notes": []string{}}
		items = append(items, map[string]any{"result_score": 1, "item": item})
	}
	return items, nil
}

func mustAtoi(v any) int {
	s, _ := v.(string)
	n, _ := strconv.Atoi(s)
	return n
}
