package pipedrivetest

import (
	"math"
	"net/http"
	"sort"
	"strings"
	"unicode/utf8"
)

// searchSpec describes a v1 /{resource}/search endpoint.
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

// run returns the handler of the search endpoint. Matching is
// case-insensitive: substring matching by default, whole-value matching with
// exact_match=true.
func (sp *searchSpec[E]) run(res *v1Resource[E]) func(*call) *reply {
	return func(c *call) *reply {
		term := strings.TrimSpace(c.q.Get("term"))
		exact, _, rep := queryBool(c.q, "exact_match")
		if rep != nil {
			return rep
		}
		if term == "" {
			return badRequest(`Parameter "term" is required`)
		}
		if !exact && utf8.RuneCountInString(term) < 2 {
			return badRequest("Search term must be at least 2 characters long")
		}
		searchIn := sp.fields
		if raw := strings.TrimSpace(c.q.Get("fields")); raw != "" {
			searchIn = nil
			for _, fl := range strings.Split(raw, ",") {
				fl = strings.TrimSpace(fl)
				if !contains(sp.fields, fl) {
					return badRequest(`Invalid value for parameter "fields": ` + fl +
						" (allowed: " + strings.Join(sp.fields, ", ") + ")")
				}
				searchIn = append(searchIn, fl)
			}
		}
		keep := func(E) bool { return true }
		if sp.filter != nil {
			if keep, rep = sp.filter(c); rep != nil {
				return rep
			}
		}
		lterm := strings.ToLower(term)
		var found []searchHit[E]
		for _, e := range res.table(c.st).rows {
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
					case exact:
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

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
