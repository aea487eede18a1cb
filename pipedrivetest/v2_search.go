package pipedrivetest

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// itemSearchMaxLimit is the largest page of GET /api/v2/itemSearch.
const itemSearchMaxLimit = 100

// itemSearchTypes are the item_types values; only deals, persons and
// organizations are emulated (the others never match).
var itemSearchTypes = []string{"deal", "person", "organization", "product", "lead", "file", "mail_attachment", "project"}

// itemSearchFields are the fields values of the item search.
var itemSearchFields = []string{"address", "code", "custom_fields", "email", "name", "notes", "phone", "title", "description"}

// itemHit is one result of the item search.
type itemHit struct {
	score float64
	kind  string
	id    int
	item  map[string]any
}

// itemHits searches one item type. requested are the fields asked for
// (nil = all); a type none of whose fields was asked for yields nothing.
func itemHits[E entity](c *call, sp *searchSpec[E], kind string, rows []E, q searchQuery, requested []string) []itemHit {
	searchIn := sp.fields
	if requested != nil {
		searchIn = nil
		for _, f := range requested {
			if slices.Contains(sp.fields, f) {
				searchIn = append(searchIn, f)
			}
		}
		if len(searchIn) == 0 {
			return nil
		}
	}
	var out []itemHit
	for _, h := range sp.match(c, rows, q, searchIn, func(E) bool { return true }) {
		out = append(out, itemHit{score: h.score, kind: kind, id: h.e.rec().ID, item: sp.itemV2(c, h)})
	}
	return out
}

func registerItemSearchV2(rt *router) {
	deals, persons, orgs := dealsV1().search, personsV1().search, organizationsV1().search
	rt.handle("GET /itemSearch", v2SearchCost, func(c *call) *reply {
		q, rep := parseSearch(c, true)
		if rep != nil {
			return rep
		}
		types := commaList(c.q.Get("item_types"))
		for _, t := range types {
			if !slices.Contains(itemSearchTypes, t) {
				return badRequest(fmt.Sprintf(`Invalid value for parameter "item_types": %q (allowed: %s)`,
					t, strings.Join(itemSearchTypes, ", ")))
			}
		}
		requested, rep := searchFields(c, itemSearchFields)
		if rep != nil {
			return rep
		}
		withRelated, _, rep := v2QueryBool(c.q, "search_for_related_items")
		if rep != nil {
			return rep
		}
		if rep := c.parseView(searchIncludes, false); rep != nil {
			return rep
		}
		want := func(t string) bool { return len(types) == 0 || slices.Contains(types, t) }
		var hits []itemHit
		if want("deal") {
			hits = append(hits, itemHits(c, deals, "deal", c.st.deals.rows, q, requested)...)
		}
		if want("person") {
			hits = append(hits, itemHits(c, persons, "person", c.st.persons.rows, q, requested)...)
		}
		if want("organization") {
			hits = append(hits, itemHits(c, orgs, "organization", c.st.orgs.rows, q, requested)...)
		}
		sort.SliceStable(hits, func(i, j int) bool { return hits[i].score > hits[j].score })
		start, end, next, rep := cursorPage(c.q, len(hits), itemSearchMaxLimit)
		if rep != nil {
			return rep
		}
		items := []any{}
		for _, h := range hits[start:end] {
			items = append(items, map[string]any{"result_score": h.score, "item": h.item})
		}
		data := map[string]any{"items": items}
		if withRelated {
			data["related_items"] = relatedItemsV2(c, deals, hits[start:end])
		}
		return okV2List(data, next)
	})
}

// relatedItemsV2 lists, for the persons and organizations among hits, the
// deals linked to them (newest first, at most 100 each) that are not hits
// themselves.
func relatedItemsV2(c *call, deals *searchSpec[*deal], hits []itemHit) []any {
	seen := map[int]bool{}
	for _, h := range hits {
		if h.kind == "deal" {
			seen[h.id] = true
		}
	}
	out := []any{}
	for _, h := range hits {
		if h.kind != "person" && h.kind != "organization" {
			continue
		}
		n := 0
		for i := len(c.st.deals.rows) - 1; i >= 0 && n < 100; i-- {
			d := c.st.deals.rows[i]
			linked := (h.kind == "person" && d.PersonID == h.id) || (h.kind == "organization" && d.OrgID == h.id)
			if d.Deleted || !linked || seen[d.ID] {
				continue
			}
			seen[d.ID] = true
			n++
			item := deals.itemV2(c, searchHit[*deal]{e: d, hits: map[string][]string{}})
			out = append(out, map[string]any{"result_score": 0, "item": item})
		}
	}
	return out
}
