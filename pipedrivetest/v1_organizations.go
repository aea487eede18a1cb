package pipedrivetest

import (
	"maps"
	"strconv"
)

// addressParts are the flat address_* subfields of an organization.
var addressParts = []string{
	"subpremise", "street_number", "route", "sublocality", "locality",
	"admin_area_level_1", "admin_area_level_2", "country", "postal_code", "formatted_address",
}

func organizationV1(c *call, o *organization) map[string]any {
	as := c.agg().activities(kOrg, o.ID)
	m := map[string]any{
		"id":                      o.ID,
		"company_id":              c.st.company.ID,
		"owner_id":                c.userRefV1(o.OwnerID),
		"name":                    o.Name,
		"active_flag":             !o.Deleted,
		"picture_id":              nil,
		"country_code":            nil,
		"first_char":              firstChar(o.Name),
		"add_time":                ts(o.AddTime),
		"update_time":             ts(o.UpdateTime),
		"visible_to":              visibleToV1(o.VisibleTo),
		"label":                   firstLabel(o.LabelIDs),
		"label_ids":               intsOrEmpty(o.LabelIDs),
		"owner_name":              c.userName(o.OwnerID),
		"cc_email":                c.ccEmail(),
		"email_messages_count":    0,
		"people_count":            c.agg().people[o.ID],
		"activities_count":        as.total,
		"done_activities_count":   as.done,
		"undone_activities_count": as.undone,
		"files_count":             0,
		"notes_count":             c.agg().notes[refKey{kOrg, o.ID}],
		"followers_count":         1,
		"address":                 strOrNil(o.Address),
		"last_incoming_mail_time": nil,
		"last_outgoing_mail_time": nil,
	}
	for _, part := range addressParts {
		if v, found := o.AddrParts[part]; found {
			m["address_"+part] = v
		} else {
			m["address_"+part] = nil
		}
	}
	dealCountsV1(m, c.agg().dealCounts(kOrg, o.ID))
	putActivitySummary(m, as, false)
	c.putCustomV1(m, "organization", &o.record)
	return m
}

func organizationDetailV1(c *call, o *organization, m map[string]any) map[string]any {
	as := c.agg().activities(kOrg, o.ID)
	m["edit_name"] = true
	m["last_activity"], m["next_activity"] = nil, nil
	if as.last != nil {
		m["last_activity"] = activityV1(c, as.last)
	}
	if as.next != nil {
		m["next_activity"] = activityV1(c, as.next)
	}
	followers := map[string]any{}
	if u, found := c.st.users.get(o.OwnerID); found {
		followers[strconv.Itoa(u.ID)] = map[string]any{
			"id": u.ID, "name": u.Name, "email": u.Email, "user_id": u.ID, "pic_hash": nil,
		}
	}
	return map[string]any{"followers": followers, "dropbox_email": c.ccEmail()}
}

func applyOrganizationV1(c *call, o *organization, f fields, creating bool) *reply {
	return applyAll(
		func() *reply { return applyName(f, creating, &o.Name) },
		func() *reply { return userField(c, f, "owner_id", &o.OwnerID) },
		func() *reply { return applyLabels(f, &o.LabelIDs) },
		setVisibleTo(f, &o.VisibleTo),
		func() *reply {
			if !creating {
				return nil
			}
			return setTime(f, "add_time", &o.AddTime)()
		},
		func() *reply {
			if !f.has("address") {
				return nil
			}
			addr, err := f.optStr("address")
			if err != nil {
				return badRequest(err.Error())
			}
			o.Address = addr
			o.AddrParts = map[string]string{}
			if addr != nil && *addr != "" {
				o.AddrParts["formatted_address"] = *addr
			}
			return nil
		},
		func() *reply {
			for _, part := range addressParts {
				key := "address_" + part
				if !f.has(key) {
					continue
				}
				s, present, err := f.str(key)
				if err != nil {
					return badRequest(err.Error())
				}
				parts := maps.Clone(o.AddrParts)
				if parts == nil {
					parts = map[string]string{}
				}
				if present {
					parts[part] = s
				} else {
					delete(parts, part)
				}
				o.AddrParts = parts
			}
			return nil
		},
	)
}

func organizationsV1() *v1Resource[*organization] {
	return &v1Resource[*organization]{
		path:         "organizations",
		customEntity: "organization",
		noun:         "Organization",
		table:        func(st *store) *table[*organization] { return &st.orgs },
		render:       organizationV1,
		relate: func(_ *call, o *organization, rel *related) {
			rel.user(o.OwnerID)
			rel.org(o.ID)
		},
		filter: func(c *call) (func(*organization) bool, *reply) {
			owner, char, rep := ownerFilter(c)
			if rep != nil {
				return nil, rep
			}
			return func(o *organization) bool {
				return !o.Deleted && (owner == 0 || o.OwnerID == owner) &&
					(char == "" || firstChar(o.Name) == char)
			}, nil
		},
		paginated: true,
		newRow: func(c *call) *organization {
			return &organization{record: c.st.newRecord(), OwnerID: c.st.meID, VisibleTo: 3}
		},
		apply:      applyOrganizationV1,
		clone:      cloneRow[organization],
		detail:     organizationDetailV1,
		softDelete: true,
		bulkDelete: true,
		search: &searchSpec[*organization]{
			fields:  []string{"address", "custom_fields", "notes", "name"},
			primary: "name",
			text: func(c *call, o *organization, field string) []string {
				switch field {
				case "name":
					return []string{o.Name}
				case "address":
					if o.Address == nil {
						return nil
					}
					return []string{*o.Address}
				case "notes":
					return notesText(c, kOrg, o.ID)
				}
				return c.st.customText("organization", &o.record)
			},
			item: func(_ *call, o *organization, hits map[string][]string) map[string]any {
				return map[string]any{
					"id":            o.ID,
					"type":          "organization",
					"name":          o.Name,
					"address":       strOrNil(o.Address),
					"visible_to":    o.VisibleTo,
					"owner":         map[string]any{"id": o.OwnerID},
					"custom_fields": nonNil(hits["custom_fields"]),
					"notes":         nonNil(hits["notes"]),
				}
			},
		},
	}
}
