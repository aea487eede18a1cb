package pipedrivetest

import (
	"bytes"
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Pipedrive v2 pagination limits.
const (
	v2DefaultLimit = 100
	v2MaxLimit     = 500
	v2MaxIDs       = 100
)

// Token costs of the v2 operations (x-token-cost of the v2 spec).
const (
	v2ListCost   = 10
	v2GetCost    = 1
	v2CreateCost = 5
	v2UpdateCost = 5
	v2DeleteCost = 3
	v2SearchCost = 20
)

// newV2Router builds the routing table of the emulated Pipedrive API v2.
// It serves the same stores as v1: only the wire shapes differ.
func newV2Router() *router {
	rt := &router{}
	dealsV2().register(rt)
	personsV2().register(rt)
	organizationsV2().register(rt)
	activitiesV2().register(rt)
	pipelinesV2().register(rt)
	stagesV2().register(rt)
	registerItemSearchV2(rt)
	registerFieldsV2(rt)
	registerConversionsV2(rt)
	registerFollowersV2(rt)
	dealDiscountsV2().register(rt)
	registerPicturesV2(rt)
	registerProductsV2(rt)
	registerDealProductsV2(rt)
	registerMiscV2(rt)
	registerProductImagesV2(rt)
	registerFieldWritesV2(rt)
	registerProjectsV2(rt)
	return rt
}

// v2View holds the rendering options of a v2 request (include_fields,
// custom_fields, include_option_labels).
type v2View struct {
	include      map[string]bool
	customKeys   map[string]bool // nil = every custom field
	optionLabels bool
}

// view returns the request's rendering options (defaults when none were
// parsed).
func (c *call) view() *v2View {
	if c.v2 == nil {
		c.v2 = &v2View{}
	}
	return c.v2
}

// includes reports whether include_fields asked for name.
func (c *call) includes(name string) bool { return c.view().include[name] }

// parseView reads include_fields (checked against allowed), custom_fields
// and include_option_labels/include_labels (when withCustom).
func (c *call) parseView(allowed []string, withCustom bool) *reply {
	v := &v2View{include: map[string]bool{}}
	for _, name := range commaList(c.q.Get("include_fields")) {
		if !slices.Contains(allowed, name) {
			return badRequest(fmt.Sprintf(`Invalid value for parameter "include_fields": %q (allowed: %s)`,
				name, strings.Join(allowed, ", ")))
		}
		v.include[name] = true
	}
	if withCustom {
		if keys := commaList(c.q.Get("custom_fields")); len(keys) > 0 {
			v.customKeys = map[string]bool{}
			for _, k := range keys {
				v.customKeys[k] = true
			}
		}
		labels, _, rep := v2QueryBool(c.q, "include_option_labels")
		if rep != nil {
			return rep
		}
		if _, _, rep := v2QueryBool(c.q, "include_labels"); rep != nil {
			return rep
		}
		v.optionLabels = labels
	}
	c.v2 = v
	return nil
}

// commaList splits a comma-separated parameter, dropping empty items.
func commaList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// rfc renders a v2 timestamp (RFC 3339, UTC) or null.
func rfc(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}

// okV2 is a successful v2 envelope for one object.
func okV2(data any) *reply {
	return jsonReply(http.StatusOK, map[string]any{"success": true, "data": data})
}

// okV2List is a successful v2 envelope for a page of a list, with
// additional_data.next_cursor (null on the last page).
func okV2List(data any, next any) *reply {
	return jsonReply(http.StatusOK, map[string]any{
		"success":         true,
		"data":            data,
		"additional_data": map[string]any{"next_cursor": next},
	})
}

// ---- cursor pagination ----

// encodeCursor returns the opaque cursor of the page starting at offset.
func encodeCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(`{"offset":` + strconv.Itoa(offset) + `}`))
}

// decodeCursor parses a cursor made by encodeCursor.
func decodeCursor(s string) (int, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return 0, false
	}
	var c struct {
		Offset *int `json:"offset"`
	}
	if json.Unmarshal(raw, &c) != nil || c.Offset == nil || *c.Offset < 0 {
		return 0, false
	}
	return *c.Offset, true
}

// cursorPage applies cursor/limit (limit 1..maxLimit, default 100) to n
// items and returns the page bounds and the next cursor (nil at the end).
func cursorPage(q url.Values, n, maxLimit int) (start, end int, next any, rep *reply) {
	limit, has, rep := v2QueryInt(q, "limit")
	if rep != nil {
		return 0, 0, nil, rep
	}
	if !has {
		limit = v2DefaultLimit
	}
	if limit < 1 || limit > maxLimit {
		return 0, 0, nil, badRequest(fmt.Sprintf(`Invalid value for parameter "limit": expected an integer from 1 to %d`, maxLimit))
	}
	if cur := q.Get("cursor"); cur != "" {
		off, okay := decodeCursor(cur)
		if !okay {
			return 0, 0, nil, badRequest(`Invalid value for parameter "cursor"`)
		}
		start = min(off, n)
	}
	end = min(n, start+limit)
	if end < n {
		next = encodeCursor(end)
	}
	return start, end, next, nil
}

// ---- query parameters ----

// v2QueryInt reads an integer query parameter.
func v2QueryInt(q url.Values, k string) (int, bool, *reply) {
	return queryInt(q, k)
}

// v2QueryBool reads a boolean query parameter: v2 takes only true/false.
func v2QueryBool(q url.Values, k string) (bool, bool, *reply) {
	switch s := q.Get(k); s {
	case "":
		return false, false, nil
	case "true":
		return true, true, nil
	case "false":
		return false, true, nil
	}
	return false, true, badRequest(fmt.Sprintf(`Invalid value for parameter %q: expected true or false`, k))
}

// v2QueryTime reads an RFC 3339 query parameter.
func v2QueryTime(q url.Values, k string) (time.Time, bool, *reply) {
	s := q.Get(k)
	if s == "" {
		return time.Time{}, false, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, true, badRequest(fmt.Sprintf(`Invalid value for parameter %q: expected an RFC 3339 time such as 2025-01-01T10:20:00Z`, k))
	}
	return t.UTC(), true, nil
}

// v2QueryIDs reads the ids parameter (comma-separated, at most 100).
func v2QueryIDs(q url.Values) (map[int]bool, *reply) {
	raw := commaList(q.Get("ids"))
	if len(raw) == 0 {
		return nil, nil
	}
	if len(raw) > v2MaxIDs {
		return nil, badRequest(fmt.Sprintf(`Invalid value for parameter "ids": at most %d IDs`, v2MaxIDs))
	}
	ids := map[int]bool{}
	for _, p := range raw {
		n, err := strconv.Atoi(p)
		if err != nil || n <= 0 {
			return nil, badRequest(`Invalid value for parameter "ids": expected comma-separated IDs`)
		}
		ids[n] = true
	}
	return ids, nil
}

// v2IntFilter is an integer equality filter of a v2 list ("owner_id").
type v2IntFilter[E any] struct {
	key string
	get func(E) int
}

// v2ListFilter parses the filters every v2 entity list shares (filter_id,
// ids, updated_since, updated_until) plus the given integer filters. As
// Pipedrive documents, filter_id (a saved filter, see savedFilter) makes
// the list ignore ids and the integer filters.
// listPath is the resource a list request names: "deals" for
// /api/v2/deals.
func listPath(c *call) string {
	p := c.r.URL.Path
	for _, v := range []string{"/api/v2/", "/api/v1/"} {
		if i := strings.Index(p, v); i >= 0 {
			rest := p[i+len(v):]
			if j := strings.IndexByte(rest, '/'); j >= 0 {
				rest = rest[:j]
			}
			return rest
		}
	}
	return ""
}

func v2ListFilter[E entity](c *call, ints ...v2IntFilter[E]) (func(E) bool, *reply) {
	filterID, hasFilter, rep := v2QueryInt(c.q, "filter_id")
	if rep != nil {
		return nil, rep
	}
	var saved func(int) bool
	if hasFilter {
		if saved, rep = savedFilter(c, listPath(c), filterID); rep != nil {
			return nil, rep
		}
	}
	ids, rep := v2QueryIDs(c.q)
	if rep != nil {
		return nil, rep
	}
	since, hasSince, rep := v2QueryTime(c.q, "updated_since")
	if rep != nil {
		return nil, rep
	}
	until, hasUntil, rep := v2QueryTime(c.q, "updated_until")
	if rep != nil {
		return nil, rep
	}
	var checks []func(E) bool
	for _, f := range ints {
		want, has, rep := v2QueryInt(c.q, f.key)
		if rep != nil {
			return nil, rep
		}
		if has && !hasFilter {
			get := f.get
			checks = append(checks, func(e E) bool { return get(e) == want })
		}
	}
	if ids != nil && !hasFilter {
		checks = append(checks, func(e E) bool { return ids[e.rec().ID] })
	}
	if saved != nil {
		checks = append(checks, func(e E) bool { return saved(e.rec().ID) })
	}
	return func(e E) bool {
		r := e.rec()
		if (hasSince && r.UpdateTime.Before(since)) || (hasUntil && !r.UpdateTime.Before(until)) {
			return false
		}
		for _, ch := range checks {
			if !ch(e) {
				return false
			}
		}
		return true
	}, nil
}

// sortRowsV2 sorts rows by sort_by (id, add_time, update_time or one of
// extra) and sort_direction (asc, desc); ties are ordered by id.
func sortRowsV2[E entity](q url.Values, rows []E, extra map[string]func(a, b E) int) *reply {
	by := q.Get("sort_by")
	if by == "" {
		by = "id"
	}
	cmpFn, known := map[string]func(a, b E) int{
		"id":          func(a, b E) int { return 0 },
		"add_time":    func(a, b E) int { return a.rec().AddTime.Compare(b.rec().AddTime) },
		"update_time": func(a, b E) int { return a.rec().UpdateTime.Compare(b.rec().UpdateTime) },
	}[by]
	if !known {
		cmpFn, known = extra[by]
	}
	if !known {
		allowed := []string{"id", "update_time", "add_time"}
		for _, k := range slices.Sorted(maps.Keys(extra)) {
			allowed = append(allowed, k)
		}
		return badRequest(fmt.Sprintf(`Invalid value for parameter "sort_by": %q (allowed: %s)`, by, strings.Join(allowed, ", ")))
	}
	desc := false
	switch q.Get("sort_direction") {
	case "", "asc":
	case "desc":
		desc = true
	default:
		return badRequest(`Invalid value for parameter "sort_direction": expected asc or desc`)
	}
	slices.SortStableFunc(rows, func(a, b E) int {
		r := cmpFn(a, b)
		if r == 0 {
			r = cmp.Compare(a.rec().ID, b.rec().ID)
		}
		if desc {
			return -r
		}
		return r
	})
	return nil
}

// ---- request bodies ----

// bodyV2 decodes a v2 request body, which must be a JSON object.
func (c *call) bodyV2() (fields, *reply) {
	if c.fieldsCache != nil {
		return c.fieldsCache, nil
	}
	trimmed := bytes.TrimSpace(c.body)
	f := fields{}
	if len(trimmed) > 0 {
		if trimmed[0] != '{' {
			return nil, badRequest("The request body must be a JSON object")
		}
		dec := json.NewDecoder(bytes.NewReader(trimmed))
		dec.UseNumber()
		if err := dec.Decode(&f); err != nil {
			return nil, badRequest("Invalid JSON body: " + err.Error())
		}
	}
	c.fieldsCache = f
	return f, nil
}

// v2Read reads key k of a v2 body with conv. Absent keys report present
// false; null is an error unless nullable (then null is true).
func v2Read[T any](f fields, k string, nullable bool, conv func(any) (T, bool), want string) (v T, present, null bool, rep *reply) {
	raw, found := f[k]
	if !found {
		return v, false, false, nil
	}
	if raw == nil {
		if !nullable {
			return v, true, true, badRequest(fmt.Sprintf("Invalid value for field %q: it cannot be null", k))
		}
		return v, true, true, nil
	}
	v, okay := conv(raw)
	if !okay {
		return v, true, false, badRequest(fieldErr(k, want).Error())
	}
	return v, true, false, nil
}

func asString(v any) (string, bool) { s, okay := v.(string); return s, okay }

func asBool(v any) (bool, bool) { b, okay := v.(bool); return b, okay }

func asIntList(v any) ([]int, bool) {
	list, okay := v.([]any)
	if !okay {
		return nil, false
	}
	out := make([]int, 0, len(list))
	for _, it := range list {
		n, okay := strictInt(it)
		if !okay {
			return nil, false
		}
		out = append(out, n)
	}
	return out, true
}

func asRFC3339(v any) (time.Time, bool) {
	s, okay := v.(string)
	if !okay {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339, s)
	return t.UTC().Truncate(time.Second), err == nil
}

// asDateTime takes RFC 3339 or "YYYY-MM-DD HH:MM:SS" (archive_time).
func asDateTime(v any) (time.Time, bool) {
	if t, okay := asRFC3339(v); okay {
		return t, true
	}
	s, okay := v.(string)
	if !okay {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateTime, s)
	return t.UTC(), err == nil
}

func asDate(v any) (string, bool) {
	s, okay := v.(string)
	return s, okay && validDate(s)
}

// durationRe matches an activity duration: hours may exceed 23.
var durationRe = regexp.MustCompile(`^\d{1,3}:[0-5]\d(:[0-5]\d)?$`)

// asDuration reads a duration "H:MM" (seconds are accepted and dropped).
func asDuration(v any) (string, bool) {
	s, okay := v.(string)
	if !okay || !durationRe.MatchString(s) {
		return "", false
	}
	if strings.Count(s, ":") == 2 {
		s = s[:strings.LastIndexByte(s, ':')]
	}
	return s, true
}

func asClock(v any) (string, bool) {
	s, okay := v.(string)
	if !okay || !hhmm.MatchString(s) {
		return "", false
	}
	return s[:5], true
}

func v2SetStr(f fields, k string, dst *string) func() *reply {
	return func() *reply {
		s, present, _, rep := v2Read(f, k, false, asString, "a string")
		if rep == nil && present {
			*dst = s
		}
		return rep
	}
}

// v2SetOptStr sets an optional string; null (when nullable) unsets it.
func v2SetOptStr(f fields, k string, nullable bool, dst **string) func() *reply {
	return func() *reply {
		s, present, null, rep := v2Read(f, k, nullable, asString, "a string")
		if rep == nil && present {
			if null {
				*dst = nil
			} else {
				*dst = &s
			}
		}
		return rep
	}
}

// v2SetOptInt sets an optional integer; null (when nullable) unsets it.
func v2SetOptInt(f fields, k string, nullable bool, dst **int) func() *reply {
	return func() *reply {
		n, present, null, rep := v2Read(f, k, nullable, strictInt, "an integer")
		if rep == nil && present {
			if null {
				*dst = nil
			} else {
				*dst = &n
			}
		}
		return rep
	}
}

func v2SetBool(f fields, k string, dst *bool) func() *reply {
	return func() *reply {
		b, present, _, rep := v2Read(f, k, false, asBool, "a boolean (true or false)")
		if rep == nil && present {
			*dst = b
		}
		return rep
	}
}

func v2SetLabels(f fields, k string, dst *[]int) func() *reply {
	return func() *reply {
		ids, present, _, rep := v2Read(f, k, false, asIntList, "an array of integers")
		if rep == nil && present {
			*dst = ids
		}
		return rep
	}
}

func v2SetVisibleTo(f fields, dst *int) func() *reply {
	return func() *reply {
		n, present, _, rep := v2Read(f, "visible_to", false, strictInt, "one of 1, 3, 5, 7")
		if rep != nil || !present {
			return rep
		}
		if n != 1 && n != 3 && n != 5 && n != 7 {
			return badRequest(fieldErr("visible_to", "one of 1, 3, 5, 7").Error())
		}
		*dst = n
		return nil
	}
}

func v2SetDate(f fields, k string, nullable bool, dst *string) func() *reply {
	return func() *reply {
		s, present, null, rep := v2Read(f, k, nullable, asDate, "a date YYYY-MM-DD")
		if rep == nil && present {
			if null {
				*dst = ""
			} else {
				*dst = s
			}
		}
		return rep
	}
}

func v2SetTime(f fields, k string, nullable bool, dst *time.Time) func() *reply {
	return func() *reply {
		t, present, null, rep := v2Read(f, k, nullable, asRFC3339, "an RFC 3339 time such as 2025-01-01T10:20:00Z")
		if rep == nil && present {
			if null {
				*dst = time.Time{}
			} else {
				*dst = t
			}
		}
		return rep
	}
}

// v2SetRef sets a reference to a row of tbl: 0 unlinks, any other ID must
// name a row that exists and is not deleted.
func v2SetRef[E entity](f fields, k, noun string, tbl *table[E], dst *int) func() *reply {
	return func() *reply {
		id, present, _, rep := v2Read(f, k, false, strictInt, "an integer")
		if rep != nil || !present {
			return rep
		}
		if id != 0 {
			if _, found := tbl.live(id); !found {
				return badRequest(noun + " not found")
			}
		}
		*dst = id
		return nil
	}
}

// v2SetUser sets an owner: the user must exist.
func v2SetUser(c *call, f fields, k string, dst *int) func() *reply {
	return func() *reply {
		id, present, _, rep := v2Read(f, k, false, strictInt, "an integer")
		if rep != nil || !present {
			return rep
		}
		if _, found := c.st.users.live(id); !found {
			return badRequest("User not found")
		}
		*dst = id
		return nil
	}
}

// v2Contacts parses emails/phones/im: an array of {value, primary,
// label}.
func v2Contacts(f fields, k string, dst *[]contact) func() *reply {
	return func() *reply {
		v, present := f[k]
		if !present {
			return nil
		}
		list, isList := v.([]any)
		if !isList {
			return badRequest(fieldErr(k, "an array of {value, primary, label}").Error())
		}
		for _, it := range list {
			obj, isObj := it.(map[string]any)
			if !isObj {
				return badRequest(fieldErr(k, "an array of {value, primary, label}").Error())
			}
			if _, isStr := obj["value"].(string); !isStr {
				return badRequest(fieldErr(k, "objects with a string value").Error())
			}
			if p, has := obj["primary"]; has && p != nil {
				if _, isBool := p.(bool); !isBool {
					return badRequest(fieldErr(k, "objects whose primary is a boolean").Error())
				}
			}
		}
		return contactsField(f, k, dst)
	}
}

// contactsV2 renders emails/phones/im as [{value, primary, label}].
func contactsV2(cs []contact) []any {
	out := make([]any, 0, len(cs))
	for _, x := range cs {
		out = append(out, map[string]any{"value": x.Value, "primary": x.Primary, "label": x.Label})
	}
	return out
}

// v2Address parses an address object ({value, route, locality, ...}) into
// the one-line value and the components; null clears it.
func v2Address(f fields, k string, nullable bool, set func(value *string, parts map[string]string)) func() *reply {
	return func() *reply {
		v, present := f[k]
		if !present {
			return nil
		}
		if v == nil {
			if !nullable {
				return badRequest(fmt.Sprintf("Invalid value for field %q: it cannot be null", k))
			}
			set(nil, nil)
			return nil
		}
		obj, isObj := v.(map[string]any)
		if !isObj {
			return badRequest(fieldErr(k, "an address object {value, route, locality, ...}").Error())
		}
		parts := map[string]string{}
		var value *string
		for name, x := range obj {
			if x == nil {
				continue
			}
			s, isStr := x.(string)
			if !isStr {
				return badRequest(fieldErr(k, "an address object whose members are strings").Error())
			}
			switch {
			case name == "value":
				value = &s
			case slices.Contains(addressParts, name):
				parts[name] = s
			}
		}
		if value == nil {
			if fa, has := parts["formatted_address"]; has {
				value = &fa
			}
		}
		set(value, parts)
		return nil
	}
}

// addressV2 renders an address as v2's object (null without a value).
func addressObjV2(value *string, parts map[string]string) any {
	if value == nil && len(parts) == 0 {
		return nil
	}
	m := map[string]any{}
	if value != nil {
		m["value"] = *value
	}
	for k, v := range parts {
		m[k] = v
	}
	return m
}

// ---- resources ----

// v2Resource describes one v2 resource; register turns it into list, get,
// create, update (PATCH), delete and search operations. Deletes mark rows
// deleted (is_deleted), as v1 does.
type v2Resource[E entity] struct {
	path  string // URL segment, e.g. "deals"
	noun  string // for "<Noun> not found"
	table func(*store) *table[E]

	// render returns the v2 JSON object of a row.
	render func(*call, E) map[string]any
	// include lists the include_fields values the resource takes.
	include []string
	// customEntity is the field entity of custom_fields ("" = none: no
	// custom_fields parameters).
	customEntity string
	// filter parses the list query and returns the row predicate; nil lists
	// every row that is not deleted.
	filter func(*call) (func(E) bool, *reply)
	// sortExtra holds the sort_by fields beyond id, add_time and
	// update_time.
	sortExtra map[string]func(a, b E) int
	listCost  int // default v2ListCost

	// newRow returns a fresh row with defaults; apply validates a body and
	// applies it to a row (creating is true for POST).
	newRow func(*call) E
	apply  func(c *call, e E, f fields, creating bool) *reply
	clone  func(E) E
	// afterDelete runs after a row was marked deleted.
	afterDelete func(c *call, e E)

	search *searchSpec[E] // GET /path/search
	// extra registers additional routes.
	extra func(*v2Resource[E], *router)
}

func (res *v2Resource[E]) register(rt *router) {
	base := "/" + res.path
	listCost := res.listCost
	if listCost == 0 {
		listCost = v2ListCost
	}
	registerRenderer(true, res.path, func(c *call, id int) map[string]any {
		if e, found := res.table(c.st).get(id); found {
			return res.render(c, e)
		}
		return nil
	})
	rt.handle("GET "+base, listCost, res.list)
	rt.handle("GET "+base+"/{id}", v2GetCost, res.get)
	if res.newRow != nil {
		rt.handle("POST "+base, v2CreateCost, res.create)
	}
	if res.apply != nil {
		rt.handle("PATCH "+base+"/{id}", v2UpdateCost, res.update)
		rt.handle("DELETE "+base+"/{id}", v2DeleteCost, res.remove)
	}
	if res.search != nil {
		rt.handle("GET "+base+"/search", v2SearchCost, res.search.runV2(res.table))
	}
	if res.extra != nil {
		res.extra(res, rt)
	}
}

// rows returns the rows a list shows, filtered and sorted.
func (res *v2Resource[E]) rows(c *call, keep func(E) bool) ([]E, *reply) {
	if res.filter != nil {
		k, rep := res.filter(c)
		if rep != nil {
			return nil, rep
		}
		keep = k
	}
	var rows []E
	for _, e := range res.table(c.st).rows {
		if keep(e) {
			rows = append(rows, e)
		}
	}
	return rows, sortRowsV2(c.q, rows, res.sortExtra)
}

// page renders one cursor page of rows.
func (res *v2Resource[E]) page(c *call, rows []E) *reply {
	start, end, next, rep := cursorPage(c.q, len(rows), v2MaxLimit)
	if rep != nil {
		return rep
	}
	data := make([]any, 0, end-start)
	for _, e := range rows[start:end] {
		data = append(data, res.render(c, e))
	}
	return okV2List(data, next)
}

func (res *v2Resource[E]) list(c *call) *reply {
	if rep := c.parseView(res.include, res.customEntity != ""); rep != nil {
		return rep
	}
	rows, rep := res.rows(c, notDeleted[E])
	if rep != nil {
		return rep
	}
	return res.page(c, rows)
}

func (res *v2Resource[E]) get(c *call) *reply {
	if rep := c.parseView(res.include, res.customEntity != ""); rep != nil {
		return rep
	}
	e, found := res.table(c.st).get(c.id)
	if !found {
		return notFound(res.noun)
	}
	return okV2(res.render(c, e))
}

func (res *v2Resource[E]) applyBody(c *call, e E, creating bool) *reply {
	f, rep := c.bodyV2()
	if rep != nil {
		return rep
	}
	if rep := res.apply(c, e, f, creating); rep != nil {
		return rep
	}
	if res.customEntity != "" {
		return c.applyCustomV2(res.customEntity, e.rec(), f)
	}
	return nil
}

func (res *v2Resource[E]) create(c *call) *reply {
	e := res.newRow(c)
	if rep := res.applyBody(c, e, true); rep != nil {
		return rep
	}
	res.table(c.st).insert(e)
	c.emit(res.path, "create", e.rec().ID, nil)
	c.aggCache = nil
	return okV2(res.render(c, e))
}

func (res *v2Resource[E]) update(c *call) *reply {
	tbl := res.table(c.st)
	old, found := tbl.get(c.id)
	if !found {
		return notFound(res.noun)
	}
	e := res.clone(old)
	if rep := res.applyBody(c, e, false); rep != nil {
		return rep
	}
	e.rec().UpdateTime = c.st.clock()
	before := c.snapshot(res.path, c.id)
	tbl.put(e)
	c.emit(res.path, "change", c.id, before)
	c.aggCache = nil
	return okV2(res.render(c, e))
}

func (res *v2Resource[E]) remove(c *call) *reply {
	tbl := res.table(c.st)
	old, found := tbl.get(c.id)
	if !found || old.rec().Deleted {
		return notFound(res.noun)
	}
	before := c.snapshot(res.path, c.id)
	e := res.clone(old)
	e.rec().Deleted = true
	e.rec().UpdateTime = c.st.clock()
	tbl.put(e)
	c.emit(res.path, "delete", c.id, before)
	if res.afterDelete != nil {
		res.afterDelete(c, e)
	}
	c.aggCache = nil
	return okV2(map[string]any{"id": c.id})
}
