package pipedrivetest

import (
	"maps"
	"strings"
)

// personIncludesV2 are the include_fields values of v2 persons.
var personIncludesV2 = []string{
	"next_activity_id", "last_activity_id", "open_deals_count", "related_open_deals_count",
	"closed_deals_count", "related_closed_deals_count", "participant_open_deals_count",
	"participant_closed_deals_count", "email_messages_count", "activities_count",
	"done_activities_count", "undone_activities_count", "files_count", "notes_count",
	"followers_count", "won_deals_count", "related_won_deals_count", "lost_deals_count",
	"related_lost_deals_count", "last_incoming_mail_time", "last_outgoing_mail_time",
	"marketing_status", "doi_status", "smart_bcc_email",
}

// orgIncludesV2 are the include_fields values of v2 organizations.
var orgIncludesV2 = []string{
	"next_activity_id", "last_activity_id", "open_deals_count", "related_open_deals_count",
	"closed_deals_count", "related_closed_deals_count", "email_messages_count", "people_count",
	"activities_count", "done_activities_count", "undone_activities_count", "files_count",
	"notes_count", "followers_count", "won_deals_count", "related_won_deals_count",
	"lost_deals_count", "related_lost_deals_count", "smart_bcc_email",
}

// countIncludes returns the include_fields getters persons and
// organizations share.
func (c *call) countIncludes(k kind, id int) map[string]func() any {
	as := c.agg().activities(k, id)
	ds := c.agg().dealCounts(k, id)
	next, last := activityRefs(as)
	return map[string]func() any{
		"next_activity_id":           func() any { return next },
		"last_activity_id":           func() any { return last },
		"open_deals_count":           func() any { return ds.open },
		"related_open_deals_count":   func() any { return ds.open },
		"closed_deals_count":         func() any { return ds.won + ds.lost },
		"related_closed_deals_count": func() any { return ds.won + ds.lost },
		"won_deals_count":            func() any { return ds.won },
		"related_won_deals_count":    func() any { return ds.won },
		"lost_deals_count":           func() any { return ds.lost },
		"related_lost_deals_count":   func() any { return ds.lost },
		"email_messages_count":       func() any { return 0 },
		"activities_count":           func() any { return as.total },
		"done_activities_count":      func() any { return as.done },
		"undone_activities_count":    func() any { return as.undone },
		"files_count":                func() any { return 0 },
		"notes_count":                func() any { return c.agg().notes[refKey{k, id}] },
		"followers_count":            func() any { return 1 },
		"smart_bcc_email":            func() any { return c.ccEmail() },
	}
}

func personV2(c *call, p *person) map[string]any {
	m := map[string]any{
		"id":            p.ID,
		"name":          p.Name,
		"first_name":    p.FirstName,
		"last_name":     p.LastName,
		"owner_id":      p.OwnerID,
		"org_id":        idOrNil(p.OrgID),
		"add_time":      rfc(p.AddTime),
		"update_time":   rfc(p.UpdateTime),
		"emails":        contactsV2(p.Emails),
		"phones":        contactsV2(p.Phones),
		"is_deleted":    p.Deleted,
		"visible_to":    p.VisibleTo,
		"label_ids":     intsOrEmpty(p.LabelIDs),
		"picture_id":    c.personPictureID(p.ID),
		"custom_fields": c.customFieldsV2("person", &p.record),
	}
	// Contact Sync fields appear once set.
	if p.Notes != "" {
		m["notes"] = p.Notes
	}
	if len(p.IMs) > 0 {
		m["im"] = contactsV2(p.IMs)
	}
	if p.Birthday != "" {
		m["birthday"] = p.Birthday
	}
	if p.JobTitle != "" {
		m["job_title"] = p.JobTitle
	}
	if len(p.PostalAddress) > 0 {
		m["postal_address"] = p.PostalAddress
	}
	inc := c.countIncludes(kPerson, p.ID)
	inc["participant_open_deals_count"] = func() any { return 0 }
	inc["participant_closed_deals_count"] = func() any { return 0 }
	inc["last_incoming_mail_time"] = func() any { return nil }
	inc["last_outgoing_mail_time"] = func() any { return nil }
	inc["marketing_status"] = func() any { return emptyOrNil(p.MarketingStatus) }
	inc["doi_status"] = func() any { return nil }
	c.putIncludes(m, inc)
	return m
}

func applyPersonV2(c *call, p *person, f fields, creating bool) *reply {
	return applyAll(
		func() *reply {
			name, present, _, rep := v2Read(f, "name", false, asString, "a string")
			if rep != nil {
				return rep
			}
			if (creating || present) && strings.TrimSpace(name) == "" {
				return badRequest("Name must be given.")
			}
			if present {
				p.Name = strings.TrimSpace(name)
				p.FirstName, p.LastName = splitName(p.Name)
			}
			return nil
		},
		v2SetUser(c, f, "owner_id", &p.OwnerID),
		v2SetRef(f, "org_id", "Organization", &c.st.orgs, &p.OrgID),
		v2Contacts(f, "emails", &p.Emails),
		v2Contacts(f, "phones", &p.Phones),
		v2Contacts(f, "im", &p.IMs),
		v2SetVisibleTo(f, &p.VisibleTo),
		v2SetLabels(f, "label_ids", &p.LabelIDs),
		func() *reply {
			if !creating {
				return nil
			}
			return v2SetTime(f, "add_time", false, &p.AddTime)()
		},
		func() *reply {
			s, present, _, rep := v2Read(f, "marketing_status", false, asString, "a string")
			if rep != nil || !present {
				return rep
			}
			switch s {
			case "no_consent", "unsubscribed", "subscribed", "archived":
				p.MarketingStatus = s
				return nil
			}
			return badRequest(`Invalid value for field "marketing_status": expected no_consent, unsubscribed, subscribed or archived`)
		},
		v2SetStr(f, "notes", &p.Notes),
		v2SetDate(f, "birthday", false, &p.Birthday),
		v2SetStr(f, "job_title", &p.JobTitle),
		v2Address(f, "postal_address", false, func(value *string, parts map[string]string) {
			addr := maps.Clone(parts)
			if value != nil {
				addr["value"] = *value
			}
			p.PostalAddress = addr
		}),
	)
}

func personsV2() *v2Resource[*person] {
	return &v2Resource[*person]{
		path:         "persons",
		noun:         "Person",
		table:        func(st *store) *table[*person] { return &st.persons },
		render:       personV2,
		include:      personIncludesV2,
		customEntity: "person",
		filter: func(c *call) (func(*person) bool, *reply) {
			base, rep := v2ListFilter(c,
				v2IntFilter[*person]{"owner_id", func(p *person) int { return p.OwnerID }},
				v2IntFilter[*person]{"org_id", func(p *person) int { return p.OrgID }},
			)
			if rep != nil {
				return nil, rep
			}
			dealID, hasDeal, rep := v2QueryInt(c.q, "deal_id")
			if rep != nil {
				return nil, rep
			}
			_, hasFilter, _ := v2QueryInt(c.q, "filter_id")
			linked := 0
			if d, found := c.st.deals.get(dealID); found && hasDeal && !hasFilter {
				linked = d.PersonID
			}
			return func(p *person) bool {
				if p.Deleted || (hasDeal && !hasFilter && p.ID != linked) {
					return false
				}
				return base(p)
			}, nil
		},
		newRow: func(c *call) *person {
			return &person{record: c.st.newRecord(), OwnerID: c.st.meID, VisibleTo: 3}
		},
		apply:  applyPersonV2,
		clone:  cloneRow[person],
		search: personsV1().search,
	}
}

func organizationV2(c *call, o *organization) map[string]any {
	m := map[string]any{
		"id":             o.ID,
		"name":           o.Name,
		"owner_id":       o.OwnerID,
		"add_time":       rfc(o.AddTime),
		"update_time":    rfc(o.UpdateTime),
		"is_deleted":     o.Deleted,
		"visible_to":     o.VisibleTo,
		"address":        addressObjV2(o.Address, o.AddrParts),
		"label_ids":      intsOrEmpty(o.LabelIDs),
		"website":        strOrNil(o.Website),
		"linkedin":       strOrNil(o.LinkedIn),
		"industry":       intPtrOrNil(o.Industry),
		"annual_revenue": intPtrOrNil(o.AnnualRevenue),
		"employee_count": intPtrOrNil(o.EmployeeCount),
		"custom_fields":  c.customFieldsV2("organization", &o.record),
	}
	inc := c.countIncludes(kOrg, o.ID)
	inc["people_count"] = func() any { return c.agg().people[o.ID] }
	c.putIncludes(m, inc)
	return m
}

func applyOrganizationV2(c *call, o *organization, f fields, creating bool) *reply {
	return applyAll(
		func() *reply {
			name, present, _, rep := v2Read(f, "name", false, asString, "a string")
			if rep != nil {
				return rep
			}
			if (creating || present) && strings.TrimSpace(name) == "" {
				return badRequest("Name must be given.")
			}
			if present {
				o.Name = strings.TrimSpace(name)
			}
			return nil
		},
		v2SetUser(c, f, "owner_id", &o.OwnerID),
		v2SetVisibleTo(f, &o.VisibleTo),
		v2SetLabels(f, "label_ids", &o.LabelIDs),
		func() *reply {
			if !creating {
				return nil
			}
			return v2SetTime(f, "add_time", false, &o.AddTime)()
		},
		v2Address(f, "address", false, func(value *string, parts map[string]string) {
			o.Address, o.AddrParts = value, parts
			if value != nil && *value != "" {
				if _, has := parts["formatted_address"]; !has {
					o.AddrParts["formatted_address"] = *value
				}
			}
		}),
		v2SetOptStr(f, "website", true, &o.Website),
		v2SetOptStr(f, "linkedin", true, &o.LinkedIn),
		v2SetOptInt(f, "industry", true, &o.Industry),
		v2SetOptInt(f, "annual_revenue", true, &o.AnnualRevenue),
		v2SetOptInt(f, "employee_count", true, &o.EmployeeCount),
	)
}

func organizationsV2() *v2Resource[*organization] {
	return &v2Resource[*organization]{
		path:         "organizations",
		noun:         "Organization",
		table:        func(st *store) *table[*organization] { return &st.orgs },
		render:       organizationV2,
		include:      orgIncludesV2,
		customEntity: "organization",
		filter: func(c *call) (func(*organization) bool, *reply) {
			base, rep := v2ListFilter(c,
				v2IntFilter[*organization]{"owner_id", func(o *organization) int { return o.OwnerID }},
			)
			if rep != nil {
				return nil, rep
			}
			return func(o *organization) bool { return !o.Deleted && base(o) }, nil
		},
		newRow: func(c *call) *organization {
			return &organization{record: c.st.newRecord(), OwnerID: c.st.meID, VisibleTo: 3}
		},
		apply:  applyOrganizationV2,
		clone:  cloneRow[organization],
		search: organizationsV1().search,
	}
}
