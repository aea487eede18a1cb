package pipedrivetest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// firstChar is v1's first_char: the lower-cased first letter of a name.
func firstChar(name string) string {
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(name))
	if r == utf8.RuneError {
		return ""
	}
	return string(unicode.ToLower(r))
}

// dealCountsV1 adds the *_deals_count fields of persons and organizations.
func dealCountsV1(m map[string]any, ds dealStats) {
	m["open_deals_count"], m["related_open_deals_count"] = ds.open, ds.open
	m["closed_deals_count"], m["related_closed_deals_count"] = ds.won+ds.lost, ds.won+ds.lost
	m["won_deals_count"], m["related_won_deals_count"] = ds.won, ds.won
	m["lost_deals_count"], m["related_lost_deals_count"] = ds.lost, ds.lost
}

func personV1(c *call, p *person) map[string]any {
	as := c.agg().activities(kPerson, p.ID)
	var orgName any
	if o, found := c.st.orgs.get(p.OrgID); found {
		orgName = o.Name
	}
	m := map[string]any{
		"id":                             p.ID,
		"company_id":                     c.st.company.ID,
		"owner_id":                       c.userRefV1(p.OwnerID),
		"org_id":                         c.orgRefV1(p.OrgID),
		"name":                           p.Name,
		"first_name":                     p.FirstName,
		"last_name":                      p.LastName,
		"participant_open_deals_count":   0,
		"participant_closed_deals_count": 0,
		"email_messages_count":           0,
		"activities_count":               as.total,
		"done_activities_count":          as.done,
		"undone_activities_count":        as.undone,
		"files_count":                    0,
		"notes_count":                    c.agg().notes[refKey{kPerson, p.ID}],
		"followers_count":                1,
		"active_flag":                    !p.Deleted,
		"phone":                          contactsV1(p.Phones),
		"email":                          contactsV1(p.Emails),
		"primary_email":                  emptyOrNil(primaryValue(p.Emails)),
		"first_char":                     firstChar(p.Name),
		"add_time":                       ts(p.AddTime),
		"update_time":                    ts(p.UpdateTime),
		"visible_to":                     visibleToV1(p.VisibleTo),
		"picture_id":                     c.personPictureV1(p.ID),
		"last_incoming_mail_time":        nil,
		"last_outgoing_mail_time":        nil,
		"label":                          firstLabel(p.LabelIDs),
		"label_ids":                      intsOrEmpty(p.LabelIDs),
		"org_name":                       orgName,
		"owner_name":                     c.userName(p.OwnerID),
		"cc_email":                       c.ccEmail(),
	}
	if p.MarketingStatus != "" {
		m["marketing_status"] = p.MarketingStatus
	}
	dealCountsV1(m, c.agg().dealCounts(kPerson, p.ID))
	putActivitySummary(m, as, false)
	c.putCustomV1(m, "person", &p.record)
	return m
}

func relatePersonV1(_ *call, p *person, rel *related) {
	rel.user(p.OwnerID)
	rel.org(p.OrgID)
}

// contactsField parses email/phone: a string, an array of strings, an object
// {value, primary, label} or an array of such objects. Exactly one entry
// ends up primary; entries without a value are dropped.
func contactsField(f fields, key string, dst *[]contact) *reply {
	v, present := f[key]
	if !present {
		return nil
	}
	var items []any
	switch x := v.(type) {
	case nil:
	case []any:
		items = x
	default:
		items = []any{x}
	}
	out := []contact{}
	hasPrimary := false
	for _, it := range items {
		var ct contact
		switch x := it.(type) {
		case string:
			ct.Value = x
		case map[string]any:
			s, isStr := x["value"].(string)
			if !isStr && x["value"] != nil {
				return badRequest(fieldErr(key, "objects with a string value").Error())
			}
			ct.Value = s
			if b, okay := toBool(x["primary"]); okay {
				ct.Primary = b
			}
			ct.Label, _ = x["label"].(string)
		default:
			return badRequest(fieldErr(key, "a string or an array of {value, primary, label}").Error())
		}
		ct.Value = strings.TrimSpace(ct.Value)
		if ct.Value == "" {
			continue
		}
		if ct.Label == "" {
			ct.Label = "work"
		}
		if ct.Primary && hasPrimary {
			ct.Primary = false
		}
		hasPrimary = hasPrimary || ct.Primary
		out = append(out, ct)
	}
	if !hasPrimary && len(out) > 0 {
		out[0].Primary = true
	}
	*dst = out
	return nil
}

// applyLabels handles label (single ID) and label_ids (list): label_ids
// wins; setting label replaces label_ids with it.
func applyLabels(f fields, dst *[]int) *reply {
	if f.has("label_ids") {
		return setLabels(f, "label_ids", dst)()
	}
	if f.has("label") {
		n, err := f.optInt("label")
		if err != nil {
			return badRequest(err.Error())
		}
		if n == nil {
			*dst = []int{}
		} else {
			*dst = []int{*n}
		}
	}
	return nil
}

func applyName(f fields, creating bool, dst *string) *reply {
	name, present, err := f.str("name")
	if err != nil {
		return badRequest(err.Error())
	}
	if (creating || present || f.isNull("name")) && strings.TrimSpace(name) == "" {
		return badRequest("Name must be given.")
	}
	if present {
		*dst = strings.TrimSpace(name)
	}
	return nil
}

func applyPersonV1(c *call, p *person, f fields, creating bool) *reply {
	return applyAll(
		func() *reply {
			if rep := applyName(f, creating, &p.Name); rep != nil {
				return rep
			}
			p.FirstName, p.LastName = splitName(p.Name)
			return nil
		},
		func() *reply { return userField(c, f, "owner_id", &p.OwnerID) },
		func() *reply { return refField(f, "org_id", "Organization", &c.st.orgs, &p.OrgID) },
		func() *reply { return contactsField(f, "email", &p.Emails) },
		func() *reply { return contactsField(f, "phone", &p.Phones) },
		func() *reply { return applyLabels(f, &p.LabelIDs) },
		setVisibleTo(f, &p.VisibleTo),
		func() *reply {
			s, present, err := f.str("marketing_status")
			if err != nil {
				return badRequest(err.Error())
			}
			if !present {
				return nil
			}
			switch s {
			case "no_consent", "unsubscribed", "subscribed", "archived":
				p.MarketingStatus = s
				return nil
			}
			return badRequest(`Invalid value for field "marketing_status"`)
		},
		func() *reply {
			if !creating {
				return nil
			}
			return setTime(f, "add_time", &p.AddTime)()
		},
	)
}

// ownerFilter parses the user_id/filter_id/first_char list parameters shared
// by persons and organizations.
func ownerFilter(c *call) (owner int, char string, rep *reply) {
	userID, hasUser, rep := queryInt(c.q, "user_id")
	if rep != nil {
		return 0, "", rep
	}
	_, hasFilter, rep := queryInt(c.q, "filter_id")
	if rep != nil {
		return 0, "", rep
	}
	if hasUser && !hasFilter { // filter_id (not emulated: matches all) wins over user_id
		owner = userID
	}
	return owner, firstChar(c.q.Get("first_char")), nil
}

func contactValues(cs []contact) []string {
	out := []string{}
	for _, x := range cs {
		out = append(out, x.Value)
	}
	return out
}

func personsV1() *v1Resource[*person] {
	return &v1Resource[*person]{
		path:         "persons",
		customEntity: "person",
		noun:         "Person",
		table:        func(st *store) *table[*person] { return &st.persons },
		render:       personV1,
		relate:       relatePersonV1,
		filter: func(c *call) (func(*person) bool, *reply) {
			owner, char, rep := ownerFilter(c)
			if rep != nil {
				return nil, rep
			}
			return func(p *person) bool {
				return !p.Deleted && (owner == 0 || p.OwnerID == owner) &&
					(char == "" || firstChar(p.Name) == char)
			}, nil
		},
		paginated: true,
		newRow: func(c *call) *person {
			return &person{record: c.st.newRecord(), OwnerID: c.st.meID, VisibleTo: 3}
		},
		apply: applyPersonV1,
		clone: cloneRow[person],
		detail: func(c *call, _ *person, _ map[string]any) map[string]any {
			return map[string]any{"dropbox_email": c.ccEmail()}
		},
		softDelete: true,
		bulkDelete: true,
		search: &searchSpec[*person]{
			fields:  []string{"custom_fields", "email", "notes", "phone", "name"},
			primary: "name",
			text: func(c *call, p *person, field string) []string {
				switch field {
				case "name":
					return []string{p.Name}
				case "email":
					return contactValues(p.Emails)
				case "phone":
					return contactValues(p.Phones)
				case "notes":
					return notesText(c, kPerson, p.ID)
				}
				return c.st.customText("person", &p.record)
			},
			filter: func(c *call) (func(*person) bool, *reply) {
				oid, has, rep := queryInt(c.q, "organization_id")
				if rep != nil {
					return nil, rep
				}
				return func(p *person) bool { return !has || p.OrgID == oid }, nil
			},
			item: func(c *call, p *person, hits map[string][]string) map[string]any {
				var org any
				if o, found := c.st.orgs.get(p.OrgID); found {
					org = map[string]any{"id": o.ID, "name": o.Name, "address": strOrNil(o.Address)}
				}
				return map[string]any{
					"id":            p.ID,
					"type":          "person",
					"name":          p.Name,
					"phones":        contactValues(p.Phones),
					"emails":        contactValues(p.Emails),
					"visible_to":    p.VisibleTo,
					"owner":         map[string]any{"id": p.OwnerID},
					"organization":  org,
					"custom_fields": nonNil(hits["custom_fields"]),
					"notes":         nonNil(hits["notes"]),
				}
			},
		},
	}
}
