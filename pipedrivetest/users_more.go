package pipedrivetest

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// Users beyond the list (API v1, current): find by name or email, who
// follows a user, permissions, roles and their settings, adding and
// deactivating users. Admins can do everything; a regular user gets
// Pipedrive's default regular-user permissions.

// userPermissions are the permission flags of a user.
func userPermissions(u *user) map[string]any {
	all := []string{"can_add_custom_fields", "can_add_products", "can_bulk_edit_items", "can_change_visibility_of_items",
		"can_convert_deals_to_leads", "can_create_own_workflow", "can_delete_activities", "can_delete_deals",
		"can_edit_deals_closed_date", "can_edit_products", "can_edit_shared_filters", "can_export_data_from_lists",
		"can_follow_other_users", "can_merge_deals", "can_merge_organizations", "can_merge_people",
		"can_modify_labels", "can_see_company_wide_statistics", "can_see_deals_list_summary",
		"can_see_hidden_items_names", "can_see_other_users", "can_see_other_users_statistics",
		"can_share_filters", "can_share_insights", "can_use_api", "can_use_email_tracking", "can_use_import"}
	regular := map[string]bool{"can_add_products": true, "can_bulk_edit_items": true, "can_convert_deals_to_leads": true,
		"can_create_own_workflow": true, "can_delete_activities": true, "can_delete_deals": true,
		"can_follow_other_users": true, "can_merge_deals": true, "can_merge_organizations": true, "can_merge_people": true,
		"can_see_deals_list_summary": true, "can_see_other_users": true, "can_use_api": true, "can_use_email_tracking": true}
	out := map[string]any{}
	for _, k := range all {
		out[k] = u.Admin || regular[k]
	}
	return out
}

// roleOf is the role of a user: every company has the default role 1
// ("Admins" for admins, "Regular users" otherwise, as the fake has no role
// editing).
func roleOf(u *user) map[string]any {
	name := "Regular users"
	if u.Admin {
		name = "Admins"
	}
	role := u.RoleID
	if role == 0 {
		role = 1
	}
	return map[string]any{"user_id": u.ID, "role_id": role, "parent_role_id": nil, "name": name, "active_flag": true, "type": "1"}
}

func registerUsersMoreV1(rt *router) {
	rt.handle("GET /users/find", 40, func(c *call) *reply {
		term := strings.ToLower(strings.TrimSpace(c.q.Get("term")))
		if term == "" {
			return badRequest(`Parameter "term" is required`)
		}
		byEmail := c.q.Get("search_by_email") == "1"
		data := []any{}
		for _, u := range c.st.users.rows {
			hay := strings.ToLower(u.Name)
			if byEmail {
				hay = strings.ToLower(u.Email)
			}
			if strings.Contains(hay, term) {
				data = append(data, userV1(c, u))
			}
		}
		return ok(http.StatusOK, data, nil, nil)
	})
	userOf := func(c *call) (*user, *reply) {
		u, found := c.st.users.get(c.id)
		if !found {
			return nil, notFound("User")
		}
		return u, nil
	}
	rt.handle("GET /users/{id}/followers", 20, func(c *call) *reply {
		if _, rep := userOf(c); rep != nil {
			return rep
		}
		// Users follow users in Pipedrive's app only; the API cannot add
		// such followers, so the fake has none.
		return ok(http.StatusOK, []int{}, nil, nil)
	})
	rt.handle("GET /users/{id}/permissions", 10, func(c *call) *reply {
		u, rep := userOf(c)
		if rep != nil {
			return rep
		}
		return ok(http.StatusOK, userPermissions(u), nil, nil)
	})
	rt.handle("GET /users/{id}/roleAssignments", 10, func(c *call) *reply {
		u, rep := userOf(c)
		if rep != nil {
			return rep
		}
		roles := []any{roleOf(u)}
		start, end, additional, rep := paginate(c.q, len(roles))
		if rep != nil {
			return rep
		}
		return ok(http.StatusOK, roles[start:end], additional, nil)
	})
	rt.handle("GET /users/{id}/roleSettings", 10, func(c *call) *reply {
		if _, rep := userOf(c); rep != nil {
			return rep
		}
		return ok(http.StatusOK, map[string]any{"deal_default_visibility": 3, "lead_default_visibility": 3,
			"org_default_visibility": 3, "person_default_visibility": 3, "product_default_visibility": 3}, nil, nil)
	})
	rt.handle("POST /users", 10, func(c *call) *reply {
		if me, _ := c.st.users.get(c.st.meID); me == nil || !me.Admin {
			return pdError(http.StatusForbidden, "Only admins can add users")
		}
		f, rep := c.fields()
		if rep != nil {
			return rep
		}
		email, _, err := f.str("email")
		if err != nil || !strings.Contains(email, "@") {
			return badRequest(`Parameter "email" must be an email address`)
		}
		if slices.ContainsFunc(c.st.users.rows, func(u *user) bool { return strings.EqualFold(u.Email, email) }) {
			return badRequest("A user with this email already exists")
		}
		admin := false
		if list, ok := f["access"].([]any); ok {
			for _, a := range list {
				if m, ok := a.(map[string]any); ok && m["admin"] == true {
					admin = true
				}
			}
		}
		u := c.st.addUser(strings.Split(email, "@")[0], email, admin)
		if active, present, _ := f.boolean("active_flag"); present && !active {
			u.Deleted = true
		}
		return ok(http.StatusOK, userV1(c, u), nil, nil)
	})
	rt.handle("PUT /users/{id}", 10, func(c *call) *reply {
		u, rep := userOf(c)
		if rep != nil {
			return rep
		}
		f, rep := c.fields()
		if rep != nil {
			return rep
		}
		active, present, err := f.boolean("active_flag")
		if !present || err != nil {
			return badRequest(`Parameter "active_flag" is required (a boolean)`)
		}
		if u.ID == c.st.meID && !active {
			return badRequest("You cannot deactivate yourself")
		}
		u.Deleted = !active
		u.UpdateTime = c.st.clock()
		return ok(http.StatusOK, userV1(c, u), nil, nil)
	})
}

// noteCommentsV1 are the comments of a note, declared on the generic
// store: UUID ids (as "uuid"), the note as object_id (a string).
func noteCommentsV1() *crudResource {
	r := &crudResource{
		path: "comments", parent: "notes", noun: "Comment", uuidIDs: true, idKey: "uuid", update: "PUT", createStatus: http.StatusOK,
		times: true, userKeys: [2]string{"user_id", "updater_id"},
		fields: []crudField{{name: "content", kind: crudString, required: true}},
		onCreate: func(c *call, row map[string]any) {
			row["object_id"] = strconv.Itoa(c.id)
			row["object_type"] = "note"
			row["company_id"] = c.st.company.ID
			row["active_flag"] = true
		},
		deleteData: func(any) any { return true },
		paginated:  true,
	}
	r.cost.list, r.cost.get, r.cost.create, r.cost.update, r.cost.delete = 20, 2, 10, 10, 6
	return r
}

// registerLeadFieldsV1 serves GET /leadFields: the lead's own fields, then
// the deal custom fields, which leads share.
func registerLeadFieldsV1(rt *router) {
	own := []*fieldDef{
		{id: 1, key: "title", name: "Title", typ: "varchar", mandatory: true},
		{id: 2, key: "owner_id", name: "Owner", typ: "user"},
		{id: 3, key: "person_id", name: "Person", typ: "people"},
		{id: 4, key: "organization_id", name: "Organization", typ: "org"},
		{id: 5, key: "value", name: "Value", typ: "monetary"},
		{id: 6, key: "expected_close_date", name: "Expected close date", typ: "date"},
		{id: 7, key: "label_ids", name: "Labels", typ: "set"},
		{id: 8, key: "source_name", name: "Source", typ: "varchar"},
		{id: 9, key: "add_time", name: "Lead created", typ: "date"},
	}
	rt.handle("GET /leadFields", 20, func(c *call) *reply {
		defs := make([]*fieldDef, 0, len(own))
		for i, d := range own {
			cp := *d
			cp.orderNr = i
			defs = append(defs, &cp)
		}
		for _, d := range c.st.fieldDefs["deal"] {
			if d.custom {
				defs = append(defs, d)
			}
		}
		start, end, additional, rep := paginate(c.q, len(defs))
		if rep != nil {
			return rep
		}
		data := []any{}
		for _, d := range defs[start:end] {
			data = append(data, fieldV1(c, d))
		}
		return ok(http.StatusOK, data, additional, nil)
	})
}
