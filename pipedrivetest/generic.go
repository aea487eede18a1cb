package pipedrivetest

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A generic store and router: a plain CRUD resource is a declaration
// (crudResource: its path, id kind, fields with their kinds, required
// flags and enums, defaults, timestamps, parent, paging and envelope)
// instead of a hand-written handler. Rows are JSON objects kept per
// company; every create, update and delete goes through one place, where
// the cross-cutting rules hook in (check, onCreate, afterWrite).
// Hand-written code stays for what Pipedrive does specially.

// crudKind is the JSON type of a declared field.
type crudKind int

const (
	crudString crudKind = iota
	crudInt
	crudBool
	crudNumber
	crudRaw // any JSON value, checked and shaped by the field's norm
)

// crudField declares one field of a resource's body and rows.
type crudField struct {
	name     string
	kind     crudKind
	required bool     // on create
	enum     []string // allowed values of a string field
	ints     []int    // allowed values of an integer field
	nullable bool
	def      any  // the value a create without the field stores
	positive bool // a number must be above 0
	// norm checks and shapes a value (a crudRaw field's, or any other
	// after its kind's check).
	norm func(c *call, v any) (any, *reply)
}

// crudResource declares a plain CRUD resource.
type crudResource struct {
	path    string // "leadLabels"
	noun    string // "Lead label", for "<noun> not found"
	uuidIDs bool   // ids are UUIDs (else positive integers)
	fields  []crudField
	// update is the method of updates: PATCH or PUT ("" for none).
	update string
	// cost is the token cost of list, get, create, update and delete.
	cost struct{ list, get, create, update, delete int }
	// times adds add_time and update_time (RFC 3339) to rows.
	times bool
	// createStatus is the status of a create (201 when 0).
	createStatus int
	// readOnly resources are served from their seed rows only.
	readOnly bool
	// seed rows every company starts with.
	seed []map[string]any

	// parent, for rows that live under an entity: "deals" puts the
	// resource at /deals/{id}/<path>, one table per deal, and parentField
	// ("deal_id") holds the deal's id in each row. Integer ids of such
	// rows are the {sub} path parameter.
	parent, parentField string
	// timeKeys name the creation and update times of a row when times is
	// set (add_time and update_time when empty); userKeys name the users
	// who created and last updated it ("" for none).
	timeKeys, userKeys [2]string
	// check applies the rules that span fields to a row about to be
	// stored.
	check func(c *call, row map[string]any) *reply
	// idKey names a row's id ("id" when empty; note comments use "uuid").
	idKey string
	// onCreate completes a new row with what the resource derives.
	onCreate func(c *call, row map[string]any)
	// afterWrite runs after every create, update and delete (a deal's
	// value follows its products).
	afterWrite func(c *call)
	// deleteData is the data of a delete's answer ({"id": id} when nil).
	deleteData func(id any) any
	// softDelete marks rows deleted instead of removing them (is_deleted
	// true, or deletedKey set to deletedValue); lists leave them out, get
	// still finds them. answerRow makes a delete answer the row itself.
	softDelete   bool
	deletedKey   string
	deletedValue any
	answerRow    bool
	canDelete    func(c *call, row map[string]any) *reply
	// listDeleted lists soft-deleted rows too.
	listDeleted bool
	// newID makes the id of a new row (a counter, or a UUID with uuidIDs,
	// when nil).
	newID func(c *call, t *crudTable) any
	// render shapes a stored row for an answer (the row itself when nil).
	render func(c *call, row map[string]any) map[string]any
	// paginated lists take v1 start and limit and answer
	// additional_data.pagination; cursor lists take API v2's cursor and
	// limit (and the v2 envelope).
	paginated, cursor bool
	// filter parses a list's filters and returns the rows to keep.
	filter func(c *call) (func(row map[string]any) bool, *reply)
	// sortKeys are the sort_by values of a list (with sort_direction).
	sortKeys []string
	// v1Sort are the fields of API v1's sort parameter ("field ASC,
	// field DESC"), for lists that take it.
	v1Sort []string
	// noList: the resource has no list of its own (installments are
	// listed across deals only).
	noList bool
}

// crudTable holds the rows of one resource of one company, in insertion
// order.
type crudTable struct {
	rows []map[string]any
	seq  int
}

// table returns the company's table of the resource, seeding it once.
func (res *crudResource) table(st *store) *crudTable {
	if st.crud == nil {
		st.crud = map[string]*crudTable{}
	}
	t := st.crud[res.path]
	if t == nil {
		t = &crudTable{}
		for _, row := range res.seed {
			t.rows = append(t.rows, cloneMap(row))
			if id, ok := row["id"].(int); ok && id > t.seq {
				t.seq = id // new rows get the ids after the seed's
			}
		}
		st.crud[res.path] = t
	}
	return t
}

func cloneMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// idName is the key of a row's id.
func (res *crudResource) idName() string {
	if res.idKey != "" {
		return res.idKey
	}
	return "id"
}

// register adds the resource's operations to rt.
func (res *crudResource) register(rt *router) {
	base := "/" + res.path
	item := base + "/{id}"
	if res.parent != "" {
		base = "/" + res.parent + "/{id}/" + res.path
		item = base + "/{sub}"
	}
	if res.uuidIDs {
		item = base + "/{code}"
	}
	if !res.noList {
		rt.handle("GET "+base, res.cost.list, res.list)
	}
	if res.cost.get > 0 {
		rt.handle("GET "+item, res.cost.get, res.get)
	}
	if res.readOnly {
		return
	}
	rt.handle("POST "+base, res.cost.create, res.create)
	if res.update != "" {
		rt.handle(res.update+" "+item, res.cost.update, res.change)
	}
	rt.handle("DELETE "+item, res.cost.delete, res.remove)
}

// key is the id of the addressed row, as stored.
func (res *crudResource) key(c *call) any {
	switch {
	case res.uuidIDs:
		return c.code
	case res.parent != "":
		return c.sub
	}
	return c.id
}

// rowsOf returns the table a call addresses: the resource's, or for a
// resource under a parent, the parent's (404 when the parent is missing).
func (res *crudResource) rowsOf(c *call) (*crudTable, *reply) {
	if res.parent == "" {
		return res.table(c.st), nil
	}
	if _, _, found := c.st.parentOwner(res.parent, c.id); !found {
		return nil, notFound(nounOf(res.parent))
	}
	t, _ := c.st.children(res.parent + "/" + strconv.Itoa(c.id) + "/" + res.path)
	return t, nil
}

// reply wraps data in the resource's envelope.
func (res *crudResource) reply(status int, data any) *reply {
	if res.cursor {
		return jsonReply(status, map[string]any{"success": true, "data": data})
	}
	return ok(status, data, nil, nil)
}

// stamp sets the row's update time and user, and on create its creation
// time and user.
func (res *crudResource) stamp(c *call, row map[string]any, create bool) {
	if res.times {
		keys := res.timeKeys
		if keys[0] == "" {
			keys = [2]string{"add_time", "update_time"}
		}
		now := c.st.clock().Format(time.RFC3339)
		if create {
			row[keys[0]] = now
		}
		row[keys[1]] = now
	}
	if res.userKeys[0] != "" && create {
		row[res.userKeys[0]] = c.st.meID
	}
	if res.userKeys[1] != "" {
		row[res.userKeys[1]] = c.st.meID
	}
}

func (t *crudTable) find(id any) int { return t.findBy("id", id) }

func (t *crudTable) findBy(key string, id any) int {
	return slices.IndexFunc(t.rows, func(r map[string]any) bool { return r[key] == id })
}

func (res *crudResource) list(c *call) *reply {
	t, rep := res.rowsOf(c)
	if rep != nil {
		return rep
	}
	keep := func(map[string]any) bool { return true }
	if res.filter != nil {
		if keep, rep = res.filter(c); rep != nil {
			return rep
		}
	}
	rows := make([]map[string]any, 0, len(t.rows))
	for _, r := range t.rows {
		if (res.listDeleted || !res.deleted(r)) && keep(r) {
			rows = append(rows, r)
		}
	}
	if rep := res.sort(c, rows); rep != nil {
		return rep
	}
	var additional map[string]any
	var next any
	switch {
	case res.cursor:
		start, end, nx, rep := cursorPage(c.q, len(rows), v2MaxLimit)
		if rep != nil {
			return rep
		}
		rows, next = rows[start:end], nx
	case res.paginated:
		start, end, add, rep := paginate(c.q, len(rows))
		if rep != nil {
			return rep
		}
		rows, additional = rows[start:end], add
	}
	data := make([]map[string]any, 0, len(rows))
	for _, r := range rows {
		data = append(data, res.out(c, r))
	}
	if res.cursor {
		return okV2List(data, next)
	}
	return ok(http.StatusOK, data, additional, nil)
}

// out is a row as an answer shows it.
func (res *crudResource) out(c *call, row map[string]any) map[string]any {
	if res.render != nil {
		return res.render(c, cloneMap(row))
	}
	return cloneMap(row)
}

// deletedMark is the key and value that mark a soft-deleted row.
func (res *crudResource) deletedMark() (string, any) {
	if res.deletedKey != "" {
		return res.deletedKey, res.deletedValue
	}
	return "is_deleted", true
}

// deleted reports whether a row is soft-deleted.
func (res *crudResource) deleted(r map[string]any) bool {
	if !res.softDelete {
		return false
	}
	k, v := res.deletedMark()
	return r[k] == v
}

// sort applies sort_by and sort_direction (when the resource has sort
// keys).
func (res *crudResource) sort(c *call, rows []map[string]any) *reply {
	if len(res.v1Sort) > 0 && c.q.Get("sort") != "" {
		return sortV1(c.q.Get("sort"), res.v1Sort, rows)
	}
	if len(res.sortKeys) == 0 {
		return nil
	}
	by := cmp.Or(c.q.Get("sort_by"), "id")
	if !slices.Contains(res.sortKeys, by) {
		return badRequest(fmt.Sprintf(`Invalid value for parameter "sort_by": expected one of %s`, strings.Join(res.sortKeys, ", ")))
	}
	dir := cmp.Or(c.q.Get("sort_direction"), "asc")
	if dir != "asc" && dir != "desc" {
		return badRequest(`Invalid value for parameter "sort_direction": expected asc or desc`)
	}
	slices.SortStableFunc(rows, func(a, b map[string]any) int {
		x := compareValues(a[by], b[by])
		if dir == "desc" {
			return -x
		}
		return x
	})
	return nil
}

// sortV1 orders rows by API v1's sort parameter: "field ASC, field DESC"
// over the allowed fields.
func sortV1(spec string, allowed []string, rows []map[string]any) *reply {
	type key struct {
		field string
		desc  bool
	}
	var keys []key
	for part := range strings.SplitSeq(spec, ",") {
		f := strings.Fields(part)
		if len(f) == 0 || len(f) > 2 || !slices.Contains(allowed, f[0]) ||
			(len(f) == 2 && !strings.EqualFold(f[1], "asc") && !strings.EqualFold(f[1], "desc")) {
			return badRequest(fmt.Sprintf("Invalid sort %q: expected field ASC|DESC over %s", strings.TrimSpace(part), strings.Join(allowed, ", ")))
		}
		keys = append(keys, key{f[0], len(f) == 2 && strings.EqualFold(f[1], "desc")})
	}
	slices.SortStableFunc(rows, func(a, b map[string]any) int {
		for _, k := range keys {
			if x := compareValues(a[k.field], b[k.field]); x != 0 {
				if k.desc {
					return -x
				}
				return x
			}
		}
		return 0
	})
	return nil
}

// compareValues orders two JSON values of a row (numbers, then text).
func compareValues(a, b any) int {
	fa, okA := toFloat(a)
	fb, okB := toFloat(b)
	if okA && okB {
		return cmp.Compare(fa, fb)
	}
	return cmp.Compare(fmt.Sprint(a), fmt.Sprint(b))
}

func toFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case int:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

func (res *crudResource) get(c *call) *reply {
	t, rep := res.rowsOf(c)
	if rep != nil {
		return rep
	}
	i := t.findBy(res.idName(), res.key(c))
	if i < 0 {
		return notFound(res.noun)
	}
	return res.reply(http.StatusOK, res.out(c, t.rows[i]))
}

// body parses the request body: JSON (numbers kept exact) in API v2,
// JSON or form-encoded in v1.
func (res *crudResource) body(c *call) (fields, *reply) {
	if res.cursor {
		return c.bodyV2()
	}
	return c.fields()
}

func (res *crudResource) create(c *call) *reply {
	t, rep := res.rowsOf(c)
	if rep != nil {
		return rep
	}
	f, rep := res.body(c)
	if rep != nil {
		return rep
	}
	row, rep := res.newRow(c, f)
	if rep != nil {
		return rep
	}
	res.insert(c, t, row)
	status := cmp.Or(res.createStatus, http.StatusCreated)
	return res.reply(status, res.out(c, row))
}

// newRow checks a create's fields and returns the row, not yet stored.
func (res *crudResource) newRow(c *call, f fields) (map[string]any, *reply) {
	row := map[string]any{}
	for _, fd := range res.fields {
		if !f.has(fd.name) {
			if fd.required {
				return nil, badRequest(fmt.Sprintf("Parameter %q is required", fd.name))
			}
			row[fd.name] = fd.def
			if fd.norm != nil && fd.def != nil {
				v, rep := fd.norm(c, fd.def)
				if rep != nil {
					return nil, rep
				}
				row[fd.name] = v
			}
			continue
		}
		v, rep := res.value(c, fd, f)
		if rep != nil {
			return nil, rep
		}
		row[fd.name] = v
	}
	if res.parentField != "" {
		row[res.parentField] = c.id
	}
	if res.softDelete {
		k, v := res.deletedMark()
		row[k] = v != true
	}
	if res.check != nil {
		if rep := res.check(c, row); rep != nil {
			return nil, rep
		}
	}
	return row, nil
}

// insert stores a new row with its id and stamps.
func (res *crudResource) insert(c *call, t *crudTable, row map[string]any) {
	t.seq++
	switch {
	case res.newID != nil:
		row[res.idName()] = res.newID(c, t)
	case res.uuidIDs:
		row[res.idName()] = c.s.newUUID()
	default:
		row[res.idName()] = t.seq
	}
	res.stamp(c, row, true)
	if res.onCreate != nil {
		res.onCreate(c, row)
	}
	t.rows = append(t.rows, row)
	if res.afterWrite != nil {
		res.afterWrite(c)
	}
}

func (res *crudResource) change(c *call) *reply {
	t, rep := res.rowsOf(c)
	if rep != nil {
		return rep
	}
	i := t.findBy(res.idName(), res.key(c))
	if i < 0 || res.deleted(t.rows[i]) {
		return notFound(res.noun)
	}
	f, rep := res.body(c)
	if rep != nil {
		return rep
	}
	row := cloneMap(t.rows[i])
	for _, fd := range res.fields {
		if !f.has(fd.name) {
			continue
		}
		v, rep := res.value(c, fd, f)
		if rep != nil {
			return rep
		}
		row[fd.name] = v
	}
	if res.check != nil {
		if rep := res.check(c, row); rep != nil {
			return rep
		}
	}
	res.stamp(c, row, false)
	t.rows[i] = row
	if res.afterWrite != nil {
		res.afterWrite(c)
	}
	return res.reply(http.StatusOK, res.out(c, row))
}

func (res *crudResource) remove(c *call) *reply {
	t, rep := res.rowsOf(c)
	if rep != nil {
		return rep
	}
	id := res.key(c)
	i := t.findBy(res.idName(), id)
	if i < 0 || res.deleted(t.rows[i]) {
		return notFound(res.noun)
	}
	row := cloneMap(t.rows[i])
	if res.canDelete != nil {
		if rep := res.canDelete(c, row); rep != nil {
			return rep
		}
	}
	if res.softDelete {
		k, v := res.deletedMark()
		row[k] = v
		res.stamp(c, row, false)
		t.rows[i] = row
	} else {
		t.rows = slices.Delete(t.rows, i, i+1)
	}
	if res.afterWrite != nil {
		res.afterWrite(c)
	}
	var data any = map[string]any{"id": id}
	switch {
	case res.deleteData != nil:
		data = res.deleteData(id)
	case res.answerRow:
		data = cloneMap(row)
	}
	return res.reply(http.StatusOK, data)
}

// value reads and checks one declared field of a body.
func (res *crudResource) value(c *call, fd crudField, f fields) (any, *reply) {
	if f.isNull(fd.name) {
		if fd.nullable {
			return nil, nil
		}
		return nil, badRequest(fmt.Sprintf("Invalid value for field %q: it cannot be null", fd.name))
	}
	bad := func(want string) *reply {
		return badRequest(fmt.Sprintf("Invalid value for field %q: expected %s", fd.name, want))
	}
	var v any
	switch fd.kind {
	case crudString:
		s, ok := f[fd.name].(string)
		if !ok {
			return nil, bad("a string")
		}
		if len(fd.enum) > 0 && !slices.Contains(fd.enum, s) {
			return nil, bad(fmt.Sprintf("one of %v", fd.enum))
		}
		v = s
	case crudInt:
		n, ok := f[fd.name].(json.Number)
		if !ok {
			return nil, bad("an integer")
		}
		i, err := strconv.Atoi(n.String())
		if err != nil {
			return nil, bad("an integer")
		}
		if len(fd.ints) > 0 && !slices.Contains(fd.ints, i) {
			return nil, bad(fmt.Sprintf("one of %v", fd.ints))
		}
		if fd.positive && i <= 0 {
			return nil, bad("a positive integer")
		}
		v = i
	case crudNumber:
		n, ok := f[fd.name].(json.Number)
		if !ok {
			return nil, bad("a number")
		}
		x, err := n.Float64()
		if err != nil {
			return nil, bad("a number")
		}
		if fd.positive && x <= 0 {
			return nil, bad("a number above 0")
		}
		v = x
	case crudBool:
		b, ok := f[fd.name].(bool)
		if !ok {
			return nil, bad("a boolean")
		}
		v = b
	case crudRaw:
		v = f[fd.name]
	}
	if fd.norm != nil {
		return fd.norm(c, v)
	}
	return v, nil
}
