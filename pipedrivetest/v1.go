package pipedrivetest

import (
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// Pipedrive v1 pagination limits.
const (
	v1DefaultLimit = 100
	v1MaxLimit     = 500
)

// newV1Router builds the routing table of the emulated Pipedrive API v1.
func newV1Router() *router {
	rt := &router{}
	dealsV1().register(rt)
	personsV1().register(rt)
	organizationsV1().register(rt)
	activitiesV1().register(rt)
	notesV1().register(rt)
	pipelinesV1().register(rt)
	stagesV1().register(rt)
	registerUsersV1(rt)
	registerFieldsV1(rt)
	registerWebhooksV1(rt)
	for _, res := range []*crudResource{leadLabelsV1(), leadSourcesV1()} {
		res.register(rt)
	}
	registerLeadsV1(rt)
	registerCurrenciesV1(rt)
	registerFollowersV1(rt)
	registerHistoryV1(rt)
	registerParticipantsV1(rt)
	registerDealStatsV1(rt)
	registerPicturesV1(rt)
	registerUsersMoreV1(rt)
	registerLeadFieldsV1(rt)
	noteCommentsV1().register(rt)
	registerProductExtrasV1(rt)
	registerLeadSearchV1(rt)
	registerPersonProductsV1(rt)
	activityTypesV1().register(rt)
	registerFieldWritesV1(rt)
	registerWorkspaceV1(rt)
	orgRelationshipsV1().register(rt)
	registerCallLogsV1(rt)
	registerFilesV1(rt)
	registerFiltersV1(rt)
	registerAdminV1(rt)
	registerProjectsV1(rt)
	return rt
}

// v1Resource describes one v1 resource; register turns it into the usual
// list/get/create/update/delete(/bulk delete/search) operations. The
// behaviour that differs between resources lives in the function fields.
type v1Resource[E entity] struct {
	path  string // URL segment, e.g. "deals"
	noun  string // for "<Noun> not found"
	table func(*store) *table[E]

	// render returns the v1 JSON object of a row.
	render func(*call, E) map[string]any
	// relate adds the row's related_objects; nil means the responses have
	// no related_objects.
	relate func(*call, E, *related)
	// filter parses the list query and returns the row predicate; nil
	// lists every row that is not deleted.
	filter func(*call) (func(E) bool, *reply)
	// paginated lists have start/limit and additional_data.pagination.
	paginated bool
	listCost  int // token cost of the list (default 20)
	getCost   int // token cost of the get (default 2)

	// newRow returns a fresh row with defaults; apply validates a body and
	// applies it to a row (creating is true for POST). A nil newRow or
	// apply means the resource is read-only.
	newRow func(*call) E
	apply  func(c *call, e E, f fields, creating bool) *reply
	clone  func(E) E

	createStatus int // 201 unless set
	// createAdditional returns the additional_data of a create response.
	createAdditional func(*call, E) map[string]any
	// detail adds the extra fields of GET /{id} to the object and returns
	// the response's additional_data (or nil).
	detail func(*call, E, map[string]any) map[string]any

	customEntity string // field entity of the custom fields ("" = none)

	softDelete bool                          // mark deleted instead of removing
	deleteData func(id int) any              // default {"id": id}
	bulkDelete bool                          // DELETE /path?ids=1,2
	search     *searchSpec[E]                // GET /path/search
	extra      func(*v1Resource[E], *router) // registers additional routes
}

// cloneRow shallow-copies a row; slices and maps must be replaced, not
// mutated, by apply (except Custom, which is copied here).
func cloneRow[T any](p *T) *T {
	x := *p
	return &x
}

func notDeleted[E entity](e E) bool { return !e.rec().Deleted }

func (res *v1Resource[E]) register(rt *router) {
	base := "/" + res.path
	listCost, getCost := res.listCost, res.getCost
	if listCost == 0 {
		listCost = 20
	}
	if getCost == 0 {
		getCost = 2
	}
	registerRenderer(false, res.path, func(c *call, id int) map[string]any {
		if e, found := res.table(c.st).get(id); found {
			return res.render(c, e)
		}
		return nil
	})
	rt.handle("GET "+base, listCost, res.list)
	rt.handle("GET "+base+"/{id}", getCost, res.get)
	if res.newRow != nil {
		rt.handle("POST "+base, 10, res.create)
	}
	if res.apply != nil {
		rt.handle("PUT "+base+"/{id}", 10, res.update)
		rt.handle("DELETE "+base+"/{id}", 6, res.remove)
	}
	if res.bulkDelete {
		rt.handle("DELETE "+base, 10, res.removeBulk)
	}
	if res.search != nil {
		rt.handle("GET "+base+"/search", 40, res.search.run(res))
	}
}

func (res *v1Resource[E]) relatedOf(c *call, rows []E) map[string]any {
	if res.relate == nil {
		return nil
	}
	rel := newRelated(c)
	for _, e := range rows {
		res.relate(c, e, rel)
	}
	return rel.out()
}

func (res *v1Resource[E]) list(c *call) *reply {
	keep := notDeleted[E]
	if res.filter != nil {
		k, rep := res.filter(c)
		if rep != nil {
			return rep
		}
		keep = k
	}
	var rows []E
	var items []map[string]any
	for _, e := range res.table(c.st).rows {
		if keep(e) {
			rows = append(rows, e)
			items = append(items, res.render(c, e))
		}
	}
	order := sortOrder(c.q.Get("sort"), items)
	var additional map[string]any
	start, end := 0, len(order)
	if res.paginated {
		var rep *reply
		start, end, additional, rep = paginate(c.q, len(order))
		if rep != nil {
			return rep
		}
	}
	var data any // v1 answers "data": null for an empty list
	var pageRows []E
	if end > start {
		page := make([]any, 0, end-start)
		for _, i := range order[start:end] {
			page = append(page, items[i])
			pageRows = append(pageRows, rows[i])
		}
		data = page
	}
	return ok(http.StatusOK, data, additional, res.relatedOf(c, pageRows))
}

func (res *v1Resource[E]) get(c *call) *reply {
	e, found := res.table(c.st).get(c.id)
	if !found {
		return notFound(res.noun)
	}
	obj := res.render(c, e)
	var additional map[string]any
	if res.detail != nil {
		additional = res.detail(c, e, obj)
	}
	return ok(http.StatusOK, obj, additional, res.relatedOf(c, []E{e}))
}

func (res *v1Resource[E]) create(c *call) *reply {
	f, rep := c.fields()
	if rep != nil {
		return rep
	}
	e := res.newRow(c)
	if rep := res.apply(c, e, f, true); rep != nil {
		return rep
	}
	if rep := res.applyCustom(c, e, f); rep != nil {
		return rep
	}
	res.table(c.st).insert(e)
	c.emit(res.path, "create", e.rec().ID, nil)
	status := res.createStatus
	if status == 0 {
		status = http.StatusCreated
	}
	var additional map[string]any
	if res.createAdditional != nil {
		additional = res.createAdditional(c, e)
	}
	c.aggCache = nil
	return ok(status, res.render(c, e), additional, res.relatedOf(c, []E{e}))
}

func (res *v1Resource[E]) update(c *call) *reply {
	tbl := res.table(c.st)
	old, found := tbl.get(c.id)
	if !found {
		return notFound(res.noun)
	}
	f, rep := c.fields()
	if rep != nil {
		return rep
	}
	e := res.clone(old)
	e.rec().Custom = maps.Clone(old.rec().Custom)
	if rep := res.apply(c, e, f, false); rep != nil {
		return rep
	}
	if rep := res.applyCustom(c, e, f); rep != nil {
		return rep
	}
	e.rec().UpdateTime = c.st.clock()
	before := c.snapshot(res.path, c.id)
	tbl.put(e)
	c.emit(res.path, "change", c.id, before)
	c.aggCache = nil
	return ok(http.StatusOK, res.render(c, e), nil, res.relatedOf(c, []E{e}))
}

// applyCustom applies the custom-field keys of a body, for resources that
// have custom fields.
func (res *v1Resource[E]) applyCustom(c *call, e E, f fields) *reply {
	if res.customEntity == "" {
		return nil
	}
	return c.applyCustomV1(res.customEntity, e.rec(), f)
}

func (res *v1Resource[E]) remove(c *call) *reply {
	tbl := res.table(c.st)
	old, found := tbl.get(c.id)
	if !found {
		return notFound(res.noun)
	}
	res.delete(c, tbl, old)
	if res.deleteData != nil {
		return ok(http.StatusOK, res.deleteData(c.id), nil, nil)
	}
	return ok(http.StatusOK, map[string]any{"id": c.id}, nil, nil)
}

func (res *v1Resource[E]) delete(c *call, tbl *table[E], old E) {
	before := c.snapshot(res.path, old.rec().ID)
	defer c.emit(res.path, "delete", old.rec().ID, before)
	if !res.softDelete {
		tbl.remove(old.rec().ID)
		return
	}
	e := res.clone(old)
	e.rec().Deleted = true
	e.rec().UpdateTime = c.st.clock()
	tbl.put(e)
}

func (res *v1Resource[E]) removeBulk(c *call) *reply {
	raw := strings.TrimSpace(c.q.Get("ids"))
	if raw == "" {
		return badRequest(`Parameter "ids" is required`)
	}
	tbl := res.table(c.st)
	deleted := []int{}
	for _, p := range strings.Split(raw, ",") {
		id, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil {
			return badRequest(`Invalid value for parameter "ids": expected comma-separated integers`)
		}
		if old, found := tbl.get(id); found && !old.rec().Deleted {
			res.delete(c, tbl, old)
			deleted = append(deleted, id)
		}
	}
	return ok(http.StatusOK, map[string]any{"id": deleted}, nil, nil)
}

// put replaces the stored row that has e's ID.
func (t *table[E]) put(e E) {
	id := e.rec().ID
	t.byID[id] = e
	i := sort.Search(len(t.rows), func(i int) bool { return t.rows[i].rec().ID >= id })
	t.rows[i] = e
}

// paginate applies start/limit to n items and returns the page bounds and
// additional_data with the pagination object (next_start only when there
// are more items).
func paginate(q url.Values, n int) (start, end int, additional map[string]any, rep *reply) {
	start, _, rep = queryInt(q, "start")
	if rep != nil {
		return 0, 0, nil, rep
	}
	limit, _, rep := queryInt(q, "limit")
	if rep != nil {
		return 0, 0, nil, rep
	}
	if start < 0 {
		start = 0
	}
	if limit <= 0 {
		limit = v1DefaultLimit
	}
	if limit > v1MaxLimit {
		limit = v1MaxLimit
	}
	end = min(n, start+limit)
	if start > n {
		start = n
	}
	more := end < n
	pag := map[string]any{
		"start":                    start,
		"limit":                    limit,
		"more_items_in_collection": more,
	}
	if more {
		pag["next_start"] = end
	}
	return start, end, map[string]any{"pagination": pag}, nil
}

// sortKey is one "field DIRECTION" clause of a v1 sort parameter.
type sortKey struct {
	field string
	desc  bool
}

// sortOrder returns the order of items under a v1 sort parameter such as
// "title ASC, value DESC" (default: insertion/id order). Fields are
// first-level keys of the rendered objects; reference objects sort by their
// "value" (id).
func sortOrder(spec string, items []map[string]any) []int {
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	var keys []sortKey
	for _, clause := range strings.Split(spec, ",") {
		parts := strings.Fields(clause)
		if len(parts) == 0 {
			continue
		}
		k := sortKey{field: parts[0]}
		if len(parts) > 1 && strings.EqualFold(parts[1], "DESC") {
			k.desc = true
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return order
	}
	sort.SliceStable(order, func(a, b int) bool {
		for _, k := range keys {
			c := compareJSON(items[order[a]][k.field], items[order[b]][k.field])
			if c == 0 {
				continue
			}
			if k.desc {
				return c > 0
			}
			return c < 0
		}
		return false
	})
	return order
}

// compareJSON orders rendered values: null first, then numbers, strings
// (case-insensitively) and booleans; objects compare by "value" or "id".
func compareJSON(a, b any) int {
	a, b = sortable(a), sortable(b)
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	switch x := a.(type) {
	case float64:
		if y, okay := b.(float64); okay {
			switch {
			case x < y:
				return -1
			case x > y:
				return 1
			}
			return 0
		}
	case string:
		if y, okay := b.(string); okay {
			if c := strings.Compare(strings.ToLower(x), strings.ToLower(y)); c != 0 {
				return c
			}
			return strings.Compare(x, y)
		}
	case bool:
		if y, okay := b.(bool); okay {
			switch {
			case x == y:
				return 0
			case !x:
				return -1
			}
			return 1
		}
	}
	return strings.Compare(typeRank(a), typeRank(b))
}

func typeRank(v any) string {
	switch v.(type) {
	case float64:
		return "1"
	case string:
		return "2"
	case bool:
		return "3"
	}
	return "4"
}

func sortable(v any) any {
	switch x := v.(type) {
	case int:
		return float64(x)
	case int64:
		return float64(x)
	case *int:
		if x == nil {
			return nil
		}
		return float64(*x)
	case float64:
		return x
	case *float64:
		if x == nil {
			return nil
		}
		return *x
	case json.Number:
		f, _ := x.Float64()
		return f
	case *string:
		if x == nil {
			return nil
		}
		return *x
	case map[string]any:
		for _, k := range []string{"value", "id", "name"} {
			if inner, found := x[k]; found {
				return sortable(inner)
			}
		}
		return nil
	}
	return v
}
