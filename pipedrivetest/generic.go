package pipedrivetest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// A generic store and router: a plain CRUD resource is a declaration
// (crudResource: its path, id kind, fields with their kinds, required
// flags and enums, defaults, timestamps) instead of a hand-written
// handler. Rows are JSON objects kept per company; every create, update and
// delete goes through one place (crudTable.put/remove), where the webhook
// emission and other cross-cutting rules hook in. Hand-written code stays
// for the resources where Pipedrive behaves specially.

// fieldKind is the JSON type of a declared field.
type crudKind int

const (
	crudString crudKind = iota
	crudInt
	crudBool
	crudNumber
)

// crudField declares one field of a resource's body and rows.
type crudField struct {
	name     string
	kind     crudKind
	required bool     // on create
	enum     []string // allowed values of a string field
	nullable bool
	def      any  // the value a create without the field stores
	positive bool // a number must be above 0
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
	// createStatus is the status of a create (200 or 201).
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
	check func(row map[string]any) *reply
	// idKey names a row's id ("id" when empty; note comments use "uuid").
	idKey string
	// onCreate completes a new row with what the resource derives.
	onCreate func(c *call, row map[string]any)
	// deleteData is the data of a delete's answer ({"id": id} when nil).
	deleteData func(id any) any
	// paginated lists take v1 start and limit and answer
	// additional_data.pagination.
	paginated bool
}

// idName is the key of a row's id.
func (res *crudResource) idName() string {
	if res.idKey != "" {
		return res.idKey
	}
	return "id"
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
	rt.handle("GET "+base, res.cost.list, res.list)
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
	rows := t.rows
	var additional map[string]any
	if res.paginated {
		start, limit, rep := offsetQuery(c)
		if rep != nil {
			return rep
		}
		end := min(len(rows), start+limit)
		start = min(start, end)
		additional = pagination(start, limit, end < len(rows))
		rows = rows[start:end]
	}
	data := make([]map[string]any, 0, len(rows))
	for _, r := range rows {
		data = append(data, cloneMap(r))
	}
	return ok(http.StatusOK, data, additional, nil)
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
	return ok(http.StatusOK, cloneMap(t.rows[i]), nil, nil)
}

func (res *crudResource) create(c *call) *reply {
	t, rep := res.rowsOf(c)
	if rep != nil {
		return rep
	}
	f, rep := c.fields()
	if rep != nil {
		return rep
	}
	row := map[string]any{}
	for _, fd := range res.fields {
		if !f.has(fd.name) {
			if fd.required {
				return badRequest(fmt.Sprintf("Parameter %q is required", fd.name))
			}
			row[fd.name] = fd.def
			continue
		}
		v, rep := res.value(fd, f)
		if rep != nil {
			return rep
		}
		row[fd.name] = v
	}
	if res.parentField != "" {
		row[res.parentField] = c.id
	}
	if res.check != nil {
		if rep := res.check(row); rep != nil {
			return rep
		}
	}
	t.seq++
	if res.uuidIDs {
		row[res.idName()] = c.s.newUUID()
	} else {
		row[res.idName()] = t.seq
	}
	res.stamp(c, row, true)
	if res.onCreate != nil {
		res.onCreate(c, row)
	}
	t.rows = append(t.rows, row)
	status := res.createStatus
	if status == 0 {
		status = http.StatusCreated
	}
	return ok(status, cloneMap(row), nil, nil)
}

func (res *crudResource) change(c *call) *reply {
	t, rep := res.rowsOf(c)
	if rep != nil {
		return rep
	}
	i := t.findBy(res.idName(), res.key(c))
	if i < 0 {
		return notFound(res.noun)
	}
	f, rep := c.fields()
	if rep != nil {
		return rep
	}
	row := cloneMap(t.rows[i])
	for _, fd := range res.fields {
		if !f.has(fd.name) {
			continue
		}
		v, rep := res.value(fd, f)
		if rep != nil {
			return rep
		}
		row[fd.name] = v
	}
	if res.check != nil {
		if rep := res.check(row); rep != nil {
			return rep
		}
	}
	res.stamp(c, row, false)
	t.rows[i] = row
	return ok(http.StatusOK, cloneMap(row), nil, nil)
}

func (res *crudResource) remove(c *call) *reply {
	t, rep := res.rowsOf(c)
	if rep != nil {
		return rep
	}
	id := res.key(c)
	i := t.findBy(res.idName(), id)
	if i < 0 {
		return notFound(res.noun)
	}
	t.rows = slices.Delete(t.rows, i, i+1)
	if res.deleteData != nil {
		return ok(http.StatusOK, res.deleteData(id), nil, nil)
	}
	return ok(http.StatusOK, map[string]any{"id": id}, nil, nil)
}

// value reads and checks one declared field of a body.
func (res *crudResource) value(fd crudField, f fields) (any, *reply) {
	if f.isNull(fd.name) {
		if fd.nullable {
			return nil, nil
		}
		return nil, badRequest(fmt.Sprintf("Invalid value for field %q: it cannot be null", fd.name))
	}
	bad := func(want string) *reply {
		return badRequest(fmt.Sprintf("Invalid value for field %q: expected %s", fd.name, want))
	}
	switch fd.kind {
	case crudString:
		s, ok := f[fd.name].(string)
		if !ok {
			return nil, bad("a string")
		}
		if len(fd.enum) > 0 && !slices.Contains(fd.enum, s) {
			return nil, bad(fmt.Sprintf("one of %v", fd.enum))
		}
		return s, nil
	case crudInt:
		n, ok := f[fd.name].(json.Number)
		if !ok {
			return nil, bad("an integer")
		}
		v, err := strconv.Atoi(n.String())
		if err != nil {
			return nil, bad("an integer")
		}
		return v, nil
	case crudNumber:
		n, ok := f[fd.name].(json.Number)
		if !ok {
			return nil, bad("a number")
		}
		v, err := n.Float64()
		if err != nil {
			return nil, bad("a number")
		}
		if fd.positive && v <= 0 {
			return nil, bad("a number above 0")
		}
		return v, nil
	case crudBool:
		b, ok := f[fd.name].(bool)
		if !ok {
			return nil, bad("a boolean")
		}
		return b, nil
	}
	return nil, bad("a value")
}
