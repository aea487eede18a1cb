package pipedrivetest

import (
	"math"
	"net/http"
	"sort"
	"strings"
	"unicode/utf8"
)

// searchSpec describes a /{resource}/search endpoint (v1 and v2 share it;
// only the pagination differs).
type searchSpec[E entity] struct {
	fields  []string // searchable fields (the `fields` parameter values)
	primary string   // the field whose matches score highest
	// text returns the strings of a row a field searches.
	text func(c *call, e E, field string) []string
	// filter parses resource-specific filters (person_id ...).
	filter func(c *call) (func(E) bool, *reply)
	// item renders a result; hits holds the matched strings per field.
	item func(c *call, e E, hits map[string][]string) map[string]any
}

type searchHit[E entity] struct {
	e     E
	score float64
	hits  map[string][]string
}

// searchQuery is the parsed term/exact_match of a search.
type searchQuery struct {
	term  string
	exact bool
}

// parseSearch reads term and exact_match (strict true/false with strict,
// as v2 takes it; v1 also takes 0/1).
func parseSearch(c *call, strict bool) (searchQuery, *reply) {
	term := strings.TrimSpace(c.q.Get("term"))
	var exact bool
	var rep *reply
	if strict {
		exact, _, rep = v2QueryBool(c.q, "exact_match")
	} else {
		exact, _, rep = queryBool(c.q, "exact_match")
	}
	if rep != nil {
		return searchQuery{}, rep
	}
	if term == "" {
		return searchQuery{}, badRequest(`Parameter "term" is required`)
	}
	if !exact && utf8.RuneCountInString(term) < 2 {
		return searchQuery{}, badRequest("Search term must be at least 2 characters long")
	}
	return searchQuery{term: term, exact: exact}, nil
}

// searchFields reads the fields parameter, checked against allowed (nil
// when absent).
func searchFields(c *call, allowed []string) ([]string, *reply) {
	raw := commaList(c.q.Get("fields"))
	for _, fl := range raw {
		if !contains(allowed, fl) {
			return nil, badRequest(`Invalid value for parameter "fields": ` + fl +
				" (allowed: " + strings.Join(allowed, ", ") + ")")
		}
	}
	return raw, nil
}

// match scores every row that is not deleted and passes keep against the
// query in the fields searchIn, best first. Matching is case-insensitive:
// substring matching by default, whole-value matching with exact_match.
func (sp *searchSpec[E]) match(c *call, rows []E, q searchQuery, searchIn []string, keep func(E) bool) []searchHit[E] {
	lterm := strings.ToLower(q.term)
	var found []searchHit[E]
	for _, e := range rows {
		if e.rec().Deleted || !keep(e) {
			continue
		}
		h := searchHit[E]{e: e, hits: map[string][]string{}}
		for _, fl := range searchIn {
			weight := 0.5
			if fl == sp.primary {
				weight = 1
			}
			for _, s := range sp.text(c, e, fl) {
				ls := strings.ToLower(strings.TrimSpace(s))
				var score float64
				switch {
				case ls == "":
				case q.exact:
					if ls == lterm {
						score = weight
					}
				case strings.Contains(ls, lterm):
					score = weight * float64(len(lterm)) / float64(len(ls))
					if strings.HasPrefix(ls, lterm) {
						score += 0.1 * weight
					}
				}
				if score > 0 {
					h.hits[fl] = append(h.hits[fl], s)
					h.score = math.Max(h.score, score)
				}
			}
		}
		if h.score > 0 {
			h.score = math.Round(h.score*10000) / 10000
			found = append(found, h)
		}
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].score > found[j].score })
	return found
}

// keepFn parses the resource filters of a search.
func (sp *searchSpec[E]) keepFn(c *call) (func(E) bool, *reply) {
	if sp.filter == nil {
		return func(E) bool { return true }, nil
	}
	return sp.filter(c)
}

// run returns the handler of a v1 search endpoint (offset pagination).
func (sp *searchSpec[E]) run(res *v1Resource[E]) func(*call) *reply {
	return func(c *call) *reply {
		q, rep := parseSearch(c, false)
		if rep != nil {
			return rep
		}
		searchIn, rep := searchFields(c, sp.fields)
		if rep != nil {
			return rep
		}
		if searchIn == nil {
			searchIn = sp.fields
		}
		keep, rep := sp.keepFn(c)
		if rep != nil {
			return rep
		}
		found := sp.match(c, res.table(c.st).rows, q, searchIn, keep)
		start, end, additional, rep := paginate(c.q, len(found))
		if rep != nil {
			return rep
		}
		items := []any{}
		for _, h := range found[start:end] {
			items = append(items, map[string]any{"result_score": h.score, "item": sp.item(c, h.e, h.hits)})
		}
		return ok(http.StatusOK, map[string]any{"items": items}, additional, nil)
	}
}

// searchIncludes are the include_fields values of the v2 searches.
var searchIncludes = []string{"deal.cc_email", "person.picture", "product.price"}

// itemV2 renders a search result the v2 way: the v1 item plus the
// optional fields asked for with include_fields.
func (sp *searchSpec[E]) itemV2(c *call, h searchHit[E]) map[string]any {
	item := sp.item(c, h.e, h.hits)
	switch item["type"] {
	case "deal":
		if c.includes("deal.cc_email") {
			item["cc_email"] = c.dealCCEmail(h.e.rec().ID)
		}
	case "person":
		if c.includes("person.picture") {
			item["picture"] = nil
		}
	}
	return item
}

// runV2 returns the handler of a v2 search endpoint (cursor pagination).
func (sp *searchSpec[E]) runV2(table func(*store) *table[E]) func(*call) *reply {
	return func(c *call) *reply {
		q, rep := parseSearch(c, true)
		if rep != nil {
			return rep
		}
		searchIn, rep := searchFields(c, sp.fields)
		if rep != nil {
			return rep
		}
		if searchIn == nil {
			searchIn = sp.fields
		}
		if rep := c.parseView(searchIncludes, false); rep != nil {
			return rep
		}
		keep, rep := sp.keepFn(c)
		if rep != nil {
			return rep
		}
		found := sp.match(c, table(c.st).rows, q, searchIn, keep)
		start, end, next, rep := cursorPage(c.q, len(found), v2MaxLimit)
		if rep != nil {
			return rep
		}
		items := []any{}
		for _, h := range found[start:end] {
			items = append(items, map[string]any{"result_score": h.score, "item": sp.itemV2(c, h)})
		}
		return okV2List(map[string]any{"items": items}, next)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// nonNil turns a nil slice into an empty one (rendered [] instead of null).
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
