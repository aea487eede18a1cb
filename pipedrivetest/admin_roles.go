package pipedrivetest

import (
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Roles (API v1), declared on the generic store: a tree under the default
// role 1 ("(Unassigned users)"), where every user without another role
// sits. Creates and updates answer the role's id only; a role's answer
// carries its settings in additional_data. Assignments move users between
// roles (users.RoleID, which GET /users/{id}/roleAssignments shows); each
// role keeps its default visibilities and the pipelines hidden from it.
//
// Permission sets (API v1): the sets every company has, one admin and
// one regular set per app (the ids users carry in their access), assigned
// by the user's admin flag.

// defaultRole is the role of users without another one.
const defaultRole = 1

var roleSettingKeys = []string{"deal_default_visibility", "lead_default_visibility", "org_default_visibility",
	"person_default_visibility", "product_default_visibility"}

func defaultRoleSettings() map[string]any {
	out := map[string]any{}
	for _, k := range roleSettingKeys {
		out[k] = 3
	}
	return out
}

// roleOfUser is the role a user is in.
func roleOfUser(u *user) int {
	if u.RoleID == 0 {
		return defaultRole
	}
	return u.RoleID
}

func rolesV1() *crudResource {
	r := &crudResource{
		path: "roles", noun: "Role", paginated: true,
		fields: []crudField{
			{name: "name", kind: crudString, required: true},
			{name: "parent_role_id", kind: crudInt, nullable: true, positive: true},
		},
		seed: []map[string]any{{"id": defaultRole, "name": "(Unassigned users)", "parent_role_id": nil, "active_flag": true}},
		onCreate: func(c *call, row map[string]any) {
			row["active_flag"] = true
		},
	}
	r.check = func(c *call, row map[string]any) *reply {
		if isBlankAny(row["name"]) {
			return badRequest(`Parameter "name" must not be empty`)
		}
		parent, ok := row["parent_role_id"].(int)
		if !ok {
			return nil
		}
		t := r.table(c.st)
		if t.find(parent) < 0 {
			return notFound("Parent role")
		}
		// A role cannot move under itself or one of its sub-roles.
		for p := parent; p != 0; {
			if p == row["id"] {
				return badRequest("A role cannot be placed under itself or its sub-roles")
			}
			i := t.find(p)
			if i < 0 {
				break
			}
			p, _ = t.rows[i]["parent_role_id"].(int)
		}
		return nil
	}
	r.render = func(c *call, row map[string]any) map[string]any { return roleOut(c, r.table(c.st), row, true) }
	return r
}

func isBlankAny(v any) bool {
	s, _ := v.(string)
	return strings.TrimSpace(s) == ""
}

// roleOut is a role as answers show it: its counts as text and, in the
// list, its level in the tree.
func roleOut(c *call, t *crudTable, row map[string]any, withLevel bool) map[string]any {
	id := row["id"].(int)
	out := map[string]any{"id": id, "name": row["name"], "parent_role_id": row["parent_role_id"], "active_flag": row["active_flag"]}
	users := 0
	for _, u := range c.st.users.rows {
		if roleOfUser(u) == id {
			users++
		}
	}
	subs := 0
	for _, r := range t.rows {
		if r["parent_role_id"] == id {
			subs++
		}
	}
	out["assignment_count"], out["sub_role_count"] = strconv.Itoa(users), strconv.Itoa(subs)
	if withLevel {
		level := 1
		for p, _ := row["parent_role_id"].(int); p != 0 && level < len(t.rows); level++ {
			i := t.find(p)
			if i < 0 {
				break
			}
			p, _ = t.rows[i]["parent_role_id"].(int)
		}
		out["level"] = level
	}
	return out
}

// roleSettings returns a role's settings (the defaults until one is set).
func roleSettings(row map[string]any) map[string]any {
	if s, ok := row["settings"].(map[string]any); ok {
		return s
	}
	return defaultRoleSettings()
}

// visiblePipelines are the live pipelines a role sees (visible) or not.
func visiblePipelines(c *call, row map[string]any, visible bool) []int {
	hidden, _ := row["hidden_pipelines"].([]int)
	ids := []int{}
	for _, p := range c.st.pipelines.rows {
		if !p.Deleted && slices.Contains(hidden, p.ID) != visible {
			ids = append(ids, p.ID)
		}
	}
	return ids
}

func registerRolesV1(rt *router) {
	res := rolesV1()
	roleRow := func(c *call) (*crudTable, int, *reply) {
		t := res.table(c.st)
		i := t.find(c.id)
		if i < 0 {
			return nil, 0, notFound("Role")
		}
		return t, i, nil
	}
	userOf := func(c *call) (*user, *reply) {
		f, rep := c.fields()
		if rep != nil {
			return nil, rep
		}
		id, present, err := f.integer("user_id")
		if !present || err != nil || id <= 0 {
			return nil, badRequest(`Parameter "user_id" is required (a positive integer)`)
		}
		u, found := c.st.users.get(id)
		if !found {
			return nil, notFound("User")
		}
		return u, nil
	}
	rt.handle("GET /roles", 20, res.list)
	rt.handle("GET /roles/{id}", 2, func(c *call) *reply {
		t, i, rep := roleRow(c)
		if rep != nil {
			return rep
		}
		return ok(http.StatusOK, roleOut(c, t, t.rows[i], false), map[string]any{"settings": roleSettings(t.rows[i])}, nil)
	})
	rt.handle("POST /roles", 10, func(c *call) *reply {
		f, rep := c.fields()
		if rep != nil {
			return rep
		}
		row, rep := res.newRow(c, f)
		if rep != nil {
			return rep
		}
		res.insert(c, res.table(c.st), row)
		return ok(http.StatusOK, map[string]any{"id": row["id"]}, nil, nil)
	})
	rt.handle("PUT /roles/{id}", 10, func(c *call) *reply {
		if rep := res.change(c); rep.status != http.StatusOK {
			return rep
		}
		return ok(http.StatusOK, map[string]any{"id": c.id}, nil, nil)
	})
	rt.handle("DELETE /roles/{id}", 6, func(c *call) *reply {
		t, i, rep := roleRow(c)
		if rep != nil {
			return rep
		}
		if c.id == defaultRole {
			return badRequest("The default role cannot be deleted")
		}
		// Its users go to the default role, its sub-roles to its parent.
		for _, u := range c.st.users.rows {
			if roleOfUser(u) == c.id {
				u.RoleID = defaultRole
			}
		}
		parent := t.rows[i]["parent_role_id"]
		for j, r := range t.rows {
			if r["parent_role_id"] == c.id {
				moved := cloneMap(r)
				moved["parent_role_id"] = parent
				t.rows[j] = moved
			}
		}
		return res.remove(c)
	})
	rt.handle("GET /roles/{id}/assignments", 10, func(c *call) *reply {
		t, i, rep := roleRow(c)
		if rep != nil {
			return rep
		}
		role := t.rows[i]
		data := []any{}
		for _, u := range c.st.users.rows {
			if roleOfUser(u) == c.id {
				data = append(data, map[string]any{"user_id": u.ID, "role_id": c.id, "parent_role_id": role["parent_role_id"],
					"name": role["name"], "active_flag": !u.Deleted, "type": "1"})
			}
		}
		start, end, additional, rep := paginate(c.q, len(data))
		if rep != nil {
			return rep
		}
		return ok(http.StatusOK, data[start:end], additional, nil)
	})
	rt.handle("POST /roles/{id}/assignments", 10, func(c *call) *reply {
		if _, _, rep := roleRow(c); rep != nil {
			return rep
		}
		u, rep := userOf(c)
		if rep != nil {
			return rep
		}
		u.RoleID = c.id
		u.UpdateTime = c.st.clock()
		return ok(http.StatusOK, map[string]any{"user_id": u.ID, "role_id": c.id}, nil, nil)
	})
	rt.handle("DELETE /roles/{id}/assignments", 6, func(c *call) *reply {
		if _, _, rep := roleRow(c); rep != nil {
			return rep
		}
		u, rep := userOf(c)
		if rep != nil {
			return rep
		}
		switch {
		case roleOfUser(u) != c.id:
			return badRequest("The user is not assigned to this role")
		case c.id == defaultRole:
			return badRequest("Users cannot be removed from the default role")
		}
		u.RoleID = defaultRole
		u.UpdateTime = c.st.clock()
		return ok(http.StatusOK, map[string]any{"id": c.id}, nil, nil)
	})
	rt.handle("GET /roles/{id}/settings", 20, func(c *call) *reply {
		t, i, rep := roleRow(c)
		if rep != nil {
			return rep
		}
		return ok(http.StatusOK, roleSettings(t.rows[i]), nil, nil)
	})
	rt.handle("POST /roles/{id}/settings", 10, func(c *call) *reply {
		t, i, rep := roleRow(c)
		if rep != nil {
			return rep
		}
		f, rep := c.fields()
		if rep != nil {
			return rep
		}
		key, _, err := f.str("setting_key")
		if err != nil || !slices.Contains(roleSettingKeys, key) {
			return badRequest(fmt.Sprintf(`Parameter "setting_key" must be one of %v`, roleSettingKeys))
		}
		value, present, err := f.integer("value")
		if !present || err != nil || !slices.Contains([]int{1, 3, 5, 7}, value) {
			return badRequest(`Parameter "value" must be one of 1, 3, 5, 7`)
		}
		row := cloneMap(t.rows[i])
		settings := cloneMap(roleSettings(row))
		settings[key] = value
		row["settings"] = settings
		t.rows[i] = row
		return ok(http.StatusOK, map[string]any{"id": c.id, key: value}, nil, nil)
	})
	rt.handle("GET /roles/{id}/pipelines", 20, func(c *call) *reply {
		t, i, rep := roleRow(c)
		if rep != nil {
			return rep
		}
		visible, present, rep := queryBool(c.q, "visible")
		if rep != nil {
			return rep
		}
		if !present {
			visible = true
		}
		return ok(http.StatusOK, map[string]any{"pipeline_ids": visiblePipelines(c, t.rows[i], visible), "visible": visible}, nil, nil)
	})
	rt.handle("PUT /roles/{id}/pipelines", 10, func(c *call) *reply {
		t, i, rep := roleRow(c)
		if rep != nil {
			return rep
		}
		f, rep := c.fields()
		if rep != nil {
			return rep
		}
		body, okBody := f["visible_pipeline_ids"].(map[string]any)
		if !okBody {
			return badRequest(`Parameter "visible_pipeline_ids" is required: {"add": [...], "remove": [...]}`)
		}
		add, ok1 := jsonIDs(body["add"])
		remove, ok2 := jsonIDs(body["remove"])
		switch {
		case !ok1 || !ok2:
			return badRequest(`"visible_pipeline_ids.add" and "remove" are arrays of pipeline ids`)
		case len(add) == 0 && len(remove) == 0:
			return badRequest(`"visible_pipeline_ids" adds or removes no pipeline`)
		}
		for _, id := range append(slices.Clone(add), remove...) {
			if _, found := c.st.pipelines.live(id); !found {
				return notFound("Pipeline")
			}
		}
		row := cloneMap(t.rows[i])
		old, _ := row["hidden_pipelines"].([]int)
		hidden := slices.DeleteFunc(slices.Clone(old), func(id int) bool { return slices.Contains(add, id) })
		for _, id := range remove {
			if !slices.Contains(hidden, id) && !slices.Contains(add, id) {
				hidden = append(hidden, id)
			}
		}
		sort.Ints(hidden)
		row["hidden_pipelines"] = hidden
		t.rows[i] = row
		return ok(http.StatusOK, map[string]any{"pipeline_ids": visiblePipelines(c, row, true), "visible": true}, nil, nil)
	})
}

// permissionSet is one of the sets every company has.
type permissionSet struct {
	app, typ, name, description string
	admin                       bool
}

var permissionSets = []permissionSet{
	{"sales", "admin", "Deals admin", "See and edit all sales data (deals, leads), manage company-level sales setup (such as lost reasons and pipelines)", true},
	{"sales", "regular", "Deals regular user", "Access to sales data (deals, leads) and available actions may be limited depending on the custom permission setup. This set is the default for new users.", false},
	{"global", "admin", "Global admin", "See and edit all cross-product data (such as contacts, activities, reports) and access related features", true},
	{"global", "regular", "Global regular user", "Access to cross-product data (such as contacts, activities, reports) and available actions may be limited depending on the custom permission setup. This set is the default for new users.", false},
	{"account_settings", "admin", "Account settings", "Access company account level features and setup (billing, security center, company settings, user management)", true},
}

var permissionSetApps = []string{"sales", "projects", "campaigns", "global", "account_settings", "partnership", "nova"}

// holders are the active users a set is assigned to: admins get the admin
// sets, the others the regular ones (account settings: admins only).
func (p permissionSet) holders(c *call) []*user {
	var out []*user
	for _, u := range c.st.users.rows {
		if !u.Deleted && u.Admin == p.admin {
			out = append(out, u)
		}
	}
	return out
}

func (p permissionSet) out(c *call, contents bool) map[string]any {
	m := map[string]any{"id": permissionSetID(p.app, p.admin), "name": p.name, "description": p.description,
		"app": p.app, "type": p.typ, "assignment_count": len(p.holders(c))}
	if contents {
		perms := userPermissions(&user{Admin: p.admin})
		granted := []string{}
		for k, v := range perms {
			if v == true {
				granted = append(granted, k)
			}
		}
		sort.Strings(granted)
		m["contents"] = granted
	}
	return m
}

func findPermissionSet(id string) (permissionSet, bool) {
	for _, p := range permissionSets {
		if permissionSetID(p.app, p.admin) == id {
			return p, true
		}
	}
	return permissionSet{}, false
}

func registerPermissionSetsV1(rt *router) {
	rt.handle("GET /permissionSets", 20, func(c *call) *reply {
		app := c.q.Get("app")
		if app != "" && !slices.Contains(permissionSetApps, app) {
			return badRequest(fmt.Sprintf(`Invalid value for parameter "app": expected one of %v`, permissionSetApps))
		}
		data := []any{}
		for _, p := range permissionSets {
			if app == "" || p.app == app {
				data = append(data, p.out(c, false))
			}
		}
		return ok(http.StatusOK, data, nil, nil)
	})
	rt.handle("GET /permissionSets/{code}", 2, func(c *call) *reply {
		p, found := findPermissionSet(c.code)
		if !found {
			return notFound("Permission set")
		}
		return ok(http.StatusOK, p.out(c, true), nil, nil)
	})
	rt.handle("GET /permissionSets/{code}/assignments", 20, func(c *call) *reply {
		p, found := findPermissionSet(c.code)
		if !found {
			return notFound("Permission set")
		}
		holders := p.holders(c)
		start, end, additional, rep := paginate(c.q, len(holders))
		if rep != nil {
			return rep
		}
		data := []any{}
		for _, u := range holders[start:end] {
			data = append(data, map[string]any{"user_id": u.ID, "permission_set_id": c.code, "name": p.name})
		}
		return ok(http.StatusOK, data, additional, nil)
	})
}
