package pipedrivetest

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Filters (API v1), declared on the generic store. Their conditions are
// checked as Pipedrive checks them (the fixed two-level shape, at most
// 16 conditions, known objects, operators and fields, YYYY-MM-DD dates)
// and applied: a list given filter_id keeps the rows the filter selects
// (savedFilter), evaluated on the rows' v1 shape, a deal filter's person
// and organization conditions on the deal's person and organization.

var (
	filterTypeNames = []string{"deals", "leads", "org", "people", "products", "activity", "projects"}
	// filterTypeOf is the filter type that applies to a list's path.
	filterTypeOf = map[string]string{"deals": "deals", "persons": "people", "organizations": "org",
		"activities": "activity", "products": "products", "leads": "leads", "projects": "projects"}
	// filterObjectPath is the store path of a condition's object.
	filterObjectPath = map[string]string{"deal": "deals", "person": "persons", "organization": "organizations",
		"product": "products", "activity": "activities"}
	filterOperators = []string{"=", "!=", "<", ">", "<=", ">=", "IS NULL", "IS NOT NULL", "LIKE '$%'", "LIKE '%$%'", "NOT LIKE '$%'", "NOT LIKE '%$%'"}
	isoDate         = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

const maxFilterConditions = 16

func filtersV1() *crudResource {
	return &crudResource{
		path: "filters", noun: "Filter", update: "PUT", times: true, createStatus: http.StatusOK,
		cost: struct{ list, get, create, update, delete int }{20, 2, 10, 10, 6},
		fields: []crudField{
			{name: "name", kind: crudString, required: true},
			{name: "type", kind: crudString, required: true, enum: filterTypeNames},
			{name: "conditions", kind: crudRaw, required: true, norm: normConditions},
		},
		check: func(c *call, row map[string]any) *reply {
			if strings.TrimSpace(fmt.Sprint(row["name"])) == "" {
				return badRequest("A filter needs a name")
			}
			return nil
		},
		onCreate: func(c *call, row map[string]any) {
			row["user_id"], row["active_flag"], row["is_editable"], row["visible_to"] = c.st.meID, true, true, "7"
		},
		filter: func(c *call) (func(map[string]any) bool, *reply) {
			t := c.q.Get("type")
			if t != "" && !slices.Contains(filterTypeNames, t) {
				return nil, badRequest(fmt.Sprintf("Invalid filter type %q", t))
			}
			return func(row map[string]any) bool { return t == "" || row["type"] == t }, nil
		},
		render: renderFilter,
	}
}

// renderFilter shapes a filter: v1 times, the nullable properties, and
// the conditions (left out of lists; with field codes on request).
func renderFilter(c *call, row map[string]any) map[string]any {
	row["add_time"], row["update_time"] = v1Stamp(row["add_time"]), v1Stamp(row["update_time"])
	row["filter_code"], row["temporary_flag"], row["last_used_time"], row["custom_view_id"] = nil, nil, nil, nil
	if c.r.Method == http.MethodGet && c.id == 0 {
		delete(row, "conditions")
		return row
	}
	withCodes := c.q.Get("include_field_code") == "true" || c.q.Get("include_field_code") == "1"
	top, _ := row["conditions"].(map[string]any)
	groups := []any{}
	for _, g := range top["conditions"].([]any) {
		gm := g.(map[string]any)
		conds := []any{}
		for _, x := range gm["conditions"].([]any) {
			cond := cloneMap(x.(map[string]any))
			if withCodes {
				cond["field_code"] = nil
				if d := c.st.filterField(fmt.Sprint(cond["object"]), fmt.Sprint(cond["field_id"])); d != nil {
					cond["field_code"] = d.code
				}
			}
			conds = append(conds, cond)
		}
		groups = append(groups, map[string]any{"glue": gm["glue"], "conditions": conds})
	}
	row["conditions"] = map[string]any{"glue": "and", "conditions": groups}
	return row
}

// filterField is the field a condition names: its object's field with
// that numeric id.
func (st *store) filterField(object, fieldID string) *fieldDef {
	id, err := strconv.Atoi(fieldID)
	if err != nil {
		return nil
	}
	for _, d := range st.fieldDefs[object] {
		if d.id == id {
			return d
		}
	}
	return nil
}

// normConditions checks a filter's conditions and stores them in one
// shape (field ids and values as text).
func normConditions(c *call, v any) (any, *reply) {
	bad := func(format string, args ...any) (any, *reply) {
		return nil, badRequest("Invalid filter conditions: " + fmt.Sprintf(format, args...))
	}
	top, ok := v.(map[string]any)
	if !ok || top["glue"] != "and" {
		return bad(`the top level must be {"glue":"and","conditions":[...]}`)
	}
	groups, ok := top["conditions"].([]any)
	if !ok || len(groups) == 0 || len(groups) > 2 {
		return bad("want an \"and\" group and an optional \"or\" group")
	}
	n := 0
	outGroups := make([]any, 0, len(groups))
	for i, g := range groups {
		gm, ok := g.(map[string]any)
		glue, _ := gm["glue"].(string)
		if !ok || (glue != "and" && glue != "or") {
			return bad("group %d: glue must be \"and\" or \"or\"", i)
		}
		conds, ok := gm["conditions"].([]any)
		if !ok {
			return bad("group %d: conditions must be an array", i)
		}
		out := make([]any, 0, len(conds))
		for j, x := range conds {
			n++
			cm, ok := x.(map[string]any)
			if !ok {
				return bad("condition %d.%d is not an object", i, j)
			}
			object, _ := cm["object"].(string)
			if filterObjectPath[object] == "" {
				return bad("condition %d.%d: unknown object %q", i, j, object)
			}
			fieldID := strings.TrimSpace(fmt.Sprint(cm["field_id"]))
			d := c.st.filterField(object, fieldID)
			if d == nil {
				return bad("condition %d.%d: %s has no field %s", i, j, object, fieldID)
			}
			op, _ := cm["operator"].(string)
			if !slices.Contains(filterOperators, op) {
				return bad("condition %d.%d: unknown operator %q", i, j, op)
			}
			var value any
			if raw, has := cm["value"]; has && raw != nil {
				value = strings.TrimSpace(fmt.Sprint(raw))
			}
			if value == nil && op != "IS NULL" && op != "IS NOT NULL" {
				return bad("condition %d.%d: operator %s needs a value", i, j, op)
			}
			if s, _ := value.(string); d.typ == "date" && s != "" && !isoDate.MatchString(s) {
				return bad("condition %d.%d: date values are YYYY-MM-DD", i, j)
			}
			var extra any
			if raw, has := cm["extra_value"]; has && raw != nil {
				extra = fmt.Sprint(raw)
			}
			jsonFlag, _ := cm["json_value_flag"].(bool)
			out = append(out, map[string]any{"object": object, "field_id": fieldID, "operator": op,
				"value": value, "extra_value": extra, "json_value_flag": jsonFlag})
		}
		outGroups = append(outGroups, map[string]any{"glue": glue, "conditions": out})
	}
	if n > maxFilterConditions {
		return bad("%d conditions; a filter has at most %d", n, maxFilterConditions)
	}
	return map[string]any{"glue": "and", "conditions": outGroups}, nil
}

var filtersRes = filtersV1()

func registerFiltersV1(rt *router) {
	filtersRes.register(rt)
	rt.handle("DELETE /filters", 10, func(c *call) *reply {
		t := filtersRes.table(c.st)
		var ids []int
		for part := range strings.SplitSeq(c.q.Get("ids"), ",") {
			id, err := strconv.Atoi(strings.TrimSpace(part))
			if err != nil || id <= 0 {
				return badRequest(`Parameter "ids" must be comma-separated filter ids`)
			}
			if t.find(id) < 0 {
				return notFound("Filter")
			}
			ids = append(ids, id)
		}
		t.rows = slices.DeleteFunc(t.rows, func(r map[string]any) bool { return slices.Contains(ids, r["id"].(int)) })
		return ok(http.StatusOK, map[string]any{"id": ids}, nil, nil)
	})
	rt.handle("GET /filters/helpers", 20, func(c *call) *reply {
		cmpOps := map[string]string{"=": "is", "!=": "is not", "<": "is less than", ">": "is more than",
			"<=": "is less or equal to", ">=": "is more or equal to", "IS NULL": "is empty", "IS NOT NULL": "is not empty"}
		textOps := map[string]string{"=": "is", "!=": "is not", "LIKE '$%'": "starts with", "LIKE '%$%'": "contains",
			"NOT LIKE '$%'": "does not start with", "NOT LIKE '%$%'": "does not contain", "IS NULL": "is empty", "IS NOT NULL": "is not empty"}
		choiceOps := map[string]string{"=": "is", "!=": "is not", "IS NULL": "is empty", "IS NOT NULL": "is not empty"}
		ops := map[string]any{}
		for _, t := range []string{"int", "double", "monetary", "date", "time", "daterange", "timerange"} {
			ops[t] = cmpOps
		}
		for _, t := range []string{"varchar", "varchar_auto", "text", "phone", "address"} {
			ops[t] = textOps
		}
		for _, t := range []string{"enum", "set", "user", "org", "people", "status", "stage", "visible_to"} {
			ops[t] = choiceOps
		}
		return ok(http.StatusOK, map[string]any{"operators": ops, "max_conditions": maxFilterConditions,
			"date_format": "YYYY-MM-DD"}, nil, nil)
	})
}

// savedFilter reads a list's filter_id: ok is false when there is none;
// otherwise keep tells whether row id of path passes the filter. A
// filter of another type, or an unknown one, is refused.
func savedFilter(c *call, path string, filterID int) (keep func(id int) bool, rep *reply) {
	t := filtersRes.table(c.st)
	i := t.find(filterID)
	if i < 0 {
		return nil, notFound("Filter")
	}
	f := t.rows[i]
	if want := filterTypeOf[path]; f["type"] != want {
		return nil, badRequest(fmt.Sprintf("Filter %d is a %v filter, not a %s filter", filterID, f["type"], want))
	}
	top, _ := f["conditions"].(map[string]any)
	cache := map[string]map[string]any{}
	render := func(p string, id int) map[string]any {
		k := p + "/" + strconv.Itoa(id)
		if r, found := cache[k]; found {
			return r
		}
		r := filterRow(c, p, id)
		cache[k] = r
		return r
	}
	return func(id int) bool {
		for _, g := range top["conditions"].([]any) {
			gm := g.(map[string]any)
			conds := gm["conditions"].([]any)
			if len(conds) == 0 {
				continue
			}
			some, all := false, true
			for _, x := range conds {
				m := c.matchCondition(x.(map[string]any), path, id, render)
				some, all = some || m, all && m
			}
			if (gm["glue"] == "and" && !all) || (gm["glue"] == "or" && !some) {
				return false
			}
		}
		return true
	}, nil
}

// filterRow is row id of path as conditions see it: its v1 shape, or
// for resources kept on the generic store (products), the stored row
// with its custom fields at the top level as in v1.
func filterRow(c *call, path string, id int) map[string]any {
	apis.once.Do(func() { apis.v1, apis.v2 = newV1Router(), newV2Router() })
	renderers.Lock()
	fn := renderers.v1[path]
	renderers.Unlock()
	if fn != nil {
		return fn(c, id)
	}
	t := c.st.crud[path]
	if t == nil {
		return nil
	}
	i := t.find(id)
	if i < 0 {
		return nil
	}
	row := cloneMap(t.rows[i])
	if cf, ok := row["custom_fields"].(map[string]any); ok {
		for k, v := range cf {
			row[k] = v
		}
	}
	return row
}

// matchCondition evaluates one condition on row id of path (or on the
// row's person, organization... when the condition names another
// object).
func (c *call) matchCondition(cond map[string]any, path string, id int, render func(string, int) map[string]any) bool {
	object := cond["object"].(string)
	d := c.st.filterField(object, cond["field_id"].(string))
	if d == nil {
		return false // the field was deleted since
	}
	row := render(path, id)
	if op := filterObjectPath[object]; op != path {
		key := object + "_id"
		if object == "organization" {
			key = "org_id"
		}
		rel := refValue(row[key])
		relID, err := strconv.Atoi(rel)
		if err != nil || relID <= 0 || row == nil {
			return cond["operator"] == "IS NULL"
		}
		row = render(op, relID)
	}
	got := ""
	if row != nil {
		got = refValue(row[d.key])
	}
	want, _ := cond["value"].(string)
	switch op := cond["operator"].(string); op {
	case "IS NULL":
		return got == ""
	case "IS NOT NULL":
		return got != ""
	case "=", "!=":
		eq := filterEqual(got, want, d.typ)
		return eq == (op == "=")
	case "LIKE '$%'":
		return strings.HasPrefix(strings.ToLower(got), strings.ToLower(want))
	case "NOT LIKE '$%'":
		return !strings.HasPrefix(strings.ToLower(got), strings.ToLower(want))
	case "LIKE '%$%'":
		return strings.Contains(strings.ToLower(got), strings.ToLower(want))
	case "NOT LIKE '%$%'":
		return !strings.Contains(strings.ToLower(got), strings.ToLower(want))
	default:
		if got == "" {
			return false
		}
		x := filterCompare(got, want)
		switch op {
		case "<":
			return x < 0
		case ">":
			return x > 0
		case "<=":
			return x <= 0
		}
		return x >= 0
	}
}

// refValue is a v1 value as text: a reference object gives its id.
func refValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case map[string]any:
		for _, k := range []string{"value", "id"} {
			if id, found := x[k]; found && id != nil {
				return fmt.Sprint(id)
			}
		}
		return ""
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// filterEqual compares a value with a condition's: numbers by value, a
// set field by membership, text without case.
func filterEqual(got, want, typ string) bool {
	if typ == "set" {
		return slices.Contains(strings.Split(got, ","), want)
	}
	a, errA := strconv.ParseFloat(got, 64)
	b, errB := strconv.ParseFloat(want, 64)
	if errA == nil && errB == nil {
		return a == b
	}
	return strings.EqualFold(got, want)
}

// filterCompare orders a value against a condition's: numbers by value,
// times by their first len(want) characters (a date against a time).
func filterCompare(got, want string) int {
	a, errA := strconv.ParseFloat(got, 64)
	b, errB := strconv.ParseFloat(want, 64)
	if errA == nil && errB == nil {
		switch {
		case a < b:
			return -1
		case a > b:
			return 1
		}
		return 0
	}
	if len(got) > len(want) && isoDate.MatchString(want) {
		got = got[:len(want)]
	}
	return strings.Compare(got, want)
}
