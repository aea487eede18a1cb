package pipedrivetest

import (
	"net/http"
	"strings"
	"time"
)

func activityV1(c *call, a *activity) map[string]any {
	var orgName, personName, dealTitle, personBcc, dealBcc any
	if o, found := c.st.orgs.get(a.OrgID); found {
		orgName = o.Name
	}
	if p, found := c.st.persons.get(a.PersonID); found {
		personName = p.Name
		personBcc = c.ccEmail()
	}
	if d, found := c.st.deals.get(a.DealID); found {
		dealTitle = d.Title
		dealBcc = c.dealCCEmail(d.ID)
	}
	var participants, attendees any
	if len(a.Participants) > 0 {
		ps := make([]any, len(a.Participants))
		for i, p := range a.Participants {
			ps[i] = map[string]any{"person_id": p.PersonID, "primary_flag": p.PrimaryFlag}
		}
		participants = ps
	}
	if len(a.Attendees) > 0 {
		attendees = a.Attendees
	}
	var busy any
	if a.BusyFlag != nil {
		busy = *a.BusyFlag
	}
	doneTime := ""
	if !a.MarkedAsDoneTime.IsZero() {
		doneTime = a.MarkedAsDoneTime.Format(time.DateTime)
	}
	m := map[string]any{
		"id":                            a.ID,
		"company_id":                    c.st.company.ID,
		"user_id":                       a.OwnerID,
		"done":                          a.Done,
		"type":                          a.Type,
		"reference_type":                nil,
		"reference_id":                  nil,
		"conference_meeting_client":     nil,
		"conference_meeting_url":        nil,
		"conference_meeting_id":         nil,
		"due_date":                      emptyOrNil(a.DueDate),
		"due_time":                      a.DueTime,
		"duration":                      a.Duration,
		"busy_flag":                     busy,
		"add_time":                      ts(a.AddTime),
		"marked_as_done_time":           doneTime,
		"last_notification_time":        nil,
		"last_notification_user_id":     nil,
		"notification_language_id":      nil,
		"subject":                       a.Subject,
		"public_description":            a.PublicDescription,
		"calendar_sync_include_context": nil,
		"location":                      emptyOrNil(a.Location),
		"org_id":                        idOrNil(a.OrgID),
		"person_id":                     idOrNil(a.PersonID),
		"deal_id":                       idOrNil(a.DealID),
		"lead_id":                       strOrNil(a.LeadID),
		"project_id":                    intPtrOrNil(a.ProjectID),
		"active_flag":                   !a.Deleted,
		"update_time":                   ts(a.UpdateTime),
		"update_user_id":                idOrNil(a.UpdateUserID),
		"gcal_event_id":                 nil,
		"google_calendar_id":            nil,
		"google_calendar_etag":          nil,
		"source_timezone":               nil,
		"rec_rule":                      nil,
		"rec_rule_extension":            nil,
		"rec_master_activity_id":        nil,
		"series":                        []any{},
		"note":                          emptyOrNil(a.Note),
		"created_by_user_id":            a.CreatorUserID,
		"attendees":                     attendees,
		"participants":                  participants,
		"org_name":                      orgName,
		"person_name":                   personName,
		"deal_title":                    dealTitle,
		"owner_name":                    c.userName(a.OwnerID),
		"person_dropbox_bcc":            personBcc,
		"deal_dropbox_bcc":              dealBcc,
		"assigned_to_user_id":           a.OwnerID,
		"file":                          nil,
	}
	for _, part := range addressParts {
		if v, found := a.LocationParts[part]; found {
			m["location_"+part] = v
		} else {
			m["location_"+part] = nil
		}
	}
	if _, found := a.LocationParts["formatted_address"]; !found && a.Location != "" {
		m["location_formatted_address"] = a.Location
	}
	c.putCustomV1(m, "activity", &a.record)
	return m
}

func relateActivityV1(_ *call, a *activity, rel *related) {
	rel.user(a.OwnerID)
	rel.deal(a.DealID)
	rel.person(a.PersonID)
	rel.org(a.OrgID)
}

// activitySubject is the default subject of an activity type ("call" ->
// "Call").
func activitySubject(typ string) string {
	if typ == "" {
		return "Call"
	}
	return strings.ToUpper(typ[:1]) + strings.ReplaceAll(typ[1:], "_", " ")
}

func participantsField(f fields, dst *[]participant) *reply {
	v, present := f["participants"]
	if !present {
		return nil
	}
	items, isList := v.([]any)
	if v != nil && !isList {
		return badRequest(fieldErr("participants", "an array of {person_id, primary_flag}").Error())
	}
	out := []participant{}
	for _, it := range items {
		obj, isObj := it.(map[string]any)
		if !isObj {
			return badRequest(fieldErr("participants", "an array of {person_id, primary_flag}").Error())
		}
		id, okay := toInt(obj["person_id"])
		if !okay {
			return badRequest(fieldErr("participants", "objects with an integer person_id").Error())
		}
		primary, _ := toBool(obj["primary_flag"])
		out = append(out, participant{PersonID: id, PrimaryFlag: primary})
	}
	*dst = out
	return nil
}

func applyActivityV1(c *call, a *activity, f fields, creating bool) *reply {
	now := c.st.clock()
	wasDone := a.Done
	rep := applyAll(
		setStr(f, "subject", &a.Subject),
		func() *reply {
			typ, present, err := f.str("type")
			if err != nil {
				return badRequest(err.Error())
			}
			if present && typ != "" {
				a.Type = typ
			}
			return nil
		},
		setBool(f, "done", &a.Done),
		func() *reply {
			s, present, err := f.date("due_date")
			if err != nil {
				return badRequest(err.Error())
			}
			if present {
				a.DueDate = s
			}
			return nil
		},
		func() *reply {
			for _, k := range []string{"due_time", "duration"} {
				s, present, err := f.clockTime(k)
				if err != nil {
					return badRequest(err.Error())
				}
				if present && k == "due_time" {
					a.DueTime = s
				} else if present {
					a.Duration = s
				}
			}
			return nil
		},
		func() *reply { return refField(f, "deal_id", "Deal", &c.st.deals, &a.DealID) },
		func() *reply { return refField(f, "person_id", "Person", &c.st.persons, &a.PersonID) },
		func() *reply { return refField(f, "org_id", "Organization", &c.st.orgs, &a.OrgID) },
		setOptStr(f, "lead_id", &a.LeadID),
		setOptInt(f, "project_id", &a.ProjectID),
		func() *reply {
			if f.has("location") {
				a.LocationParts = nil
			}
			return setStr(f, "location", &a.Location)()
		},
		setStr(f, "public_description", &a.PublicDescription),
		setStr(f, "note", &a.Note),
		func() *reply { return userField(c, f, "user_id", &a.OwnerID) },
		func() *reply { return participantsField(f, &a.Participants) },
		func() *reply {
			if !f.has("busy_flag") {
				return nil
			}
			if f.isNull("busy_flag") {
				a.BusyFlag = nil
				return nil
			}
			b, _, err := f.boolean("busy_flag")
			if err != nil {
				return badRequest(err.Error())
			}
			a.BusyFlag = &b
			return nil
		},
		func() *reply {
			v, present := f["attendees"]
			if !present {
				return nil
			}
			list, isList := v.([]any)
			if v != nil && !isList {
				return badRequest(fieldErr("attendees", "an array").Error())
			}
			a.Attendees = list
			return nil
		},
	)
	if rep != nil {
		return rep
	}
	if a.Subject == "" && creating {
		a.Subject = activitySubject(a.Type)
	}
	if creating && len(a.Participants) == 0 && a.PersonID != 0 {
		a.Participants = []participant{{PersonID: a.PersonID, PrimaryFlag: true}}
	}
	if creating && a.OrgID == 0 && a.PersonID != 0 {
		if p, found := c.st.persons.get(a.PersonID); found {
			a.OrgID = p.OrgID
		}
	}
	switch {
	case a.Done && (!wasDone || creating):
		a.MarkedAsDoneTime = now
	case !a.Done:
		a.MarkedAsDoneTime = time.Time{}
	}
	if !creating {
		a.UpdateUserID = c.st.meID
	}
	return nil
}

func activityFilterV1(c *call) (func(*activity) bool, *reply) {
	owner := c.st.meID // omitted user_id: only the authorizing user's activities
	if id, has, rep := queryInt(c.q, "user_id"); rep != nil {
		return nil, rep
	} else if has {
		owner = id // 0 = all users
	}
	if _, _, rep := queryInt(c.q, "filter_id"); rep != nil {
		return nil, rep
	}
	var types []string
	for _, t := range strings.Split(c.q.Get("type"), ",") {
		if t = strings.TrimSpace(t); t != "" {
			types = append(types, t)
		}
	}
	from, rep := queryDate(c.q, "start_date")
	if rep != nil {
		return nil, rep
	}
	to, rep := queryDate(c.q, "end_date")
	if rep != nil {
		return nil, rep
	}
	done, hasDone, rep := queryBool(c.q, "done")
	if rep != nil {
		return nil, rep
	}
	return func(a *activity) bool {
		if a.Deleted || (owner != 0 && a.OwnerID != owner) ||
			(len(types) > 0 && !contains(types, a.Type)) ||
			(hasDone && a.Done != done) {
			return false
		}
		if from != "" && (a.DueDate == "" || a.DueDate < from) {
			return false
		}
		if to != "" && (a.DueDate == "" || a.DueDate > to) {
			return false
		}
		return true
	}, nil
}

func activitiesV1() *v1Resource[*activity] {
	return &v1Resource[*activity]{
		path:         "activities",
		customEntity: "activity",
		noun:         "Activity",
		table:        func(st *store) *table[*activity] { return &st.activities },
		render:       activityV1,
		relate:       relateActivityV1,
		filter:       activityFilterV1,
		paginated:    true,
		newRow: func(c *call) *activity {
			return &activity{
				record:        c.st.newRecord(),
				Type:          "call",
				OwnerID:       c.st.meID,
				CreatorUserID: c.st.meID,
			}
		},
		apply: applyActivityV1,
		clone: cloneRow[activity],
		createAdditional: func(c *call, _ *activity) map[string]any {
			return map[string]any{"updates_story_id": c.st.nextStoryID()}
		},
		softDelete: true,
		bulkDelete: true,
	}
}

// noteV1 renders a note.
func noteV1(c *call, n *note) map[string]any {
	var dealRef, orgRef, personRef, userRef any
	if d, found := c.st.deals.get(n.DealID); found {
		dealRef = map[string]any{"title": d.Title}
	}
	if o, found := c.st.orgs.get(n.OrgID); found {
		orgRef = map[string]any{"name": o.Name}
	}
	if p, found := c.st.persons.get(n.PersonID); found {
		personRef = map[string]any{"name": p.Name}
	}
	if u, found := c.st.users.get(n.UserID); found {
		userRef = map[string]any{
			"email": u.Email, "icon_url": strOrNil(u.IconURL), "is_you": u.ID == c.st.meID, "name": u.Name,
		}
	}
	return map[string]any{
		"id":                          n.ID,
		"active_flag":                 !n.Deleted,
		"add_time":                    ts(n.AddTime),
		"update_time":                 ts(n.UpdateTime),
		"content":                     n.Content,
		"deal_id":                     idOrNil(n.DealID),
		"person_id":                   idOrNil(n.PersonID),
		"org_id":                      idOrNil(n.OrgID),
		"lead_id":                     emptyOrNil(n.LeadID),
		"project_id":                  idOrNil(n.ProjectID),
		"user_id":                     n.UserID,
		"last_update_user_id":         idOrNil(n.LastUpdateUserID),
		"pinned_to_lead_flag":         n.PinnedLead,
		"pinned_to_deal_flag":         n.PinnedDeal,
		"pinned_to_organization_flag": n.PinnedOrg,
		"pinned_to_person_flag":       n.PinnedPerson,
		"pinned_to_project_flag":      n.PinnedProject,
		"deal":                        dealRef,
		"organization":                orgRef,
		"person":                      personRef,
		"project":                     nil,
		"user":                        userRef,
	}
}

func applyNoteV1(c *call, n *note, f fields, creating bool) *reply {
	rep := applyAll(
		func() *reply {
			content, present, err := f.str("content")
			if err != nil {
				return badRequest(err.Error())
			}
			if (creating || present || f.isNull("content")) && strings.TrimSpace(content) == "" {
				return badRequest("Content must be given.")
			}
			if present {
				n.Content = content
			}
			return nil
		},
		func() *reply { return refField(f, "deal_id", "Deal", &c.st.deals, &n.DealID) },
		func() *reply { return refField(f, "person_id", "Person", &c.st.persons, &n.PersonID) },
		func() *reply { return refField(f, "org_id", "Organization", &c.st.orgs, &n.OrgID) },
		setStr(f, "lead_id", &n.LeadID),
		func() *reply {
			id, present, err := f.integer("project_id")
			if err != nil {
				return badRequest(err.Error())
			}
			if present {
				n.ProjectID = id
			}
			return nil
		},
		func() *reply { return userField(c, f, "user_id", &n.UserID) },
		setBool(f, "pinned_to_lead_flag", &n.PinnedLead),
		setBool(f, "pinned_to_deal_flag", &n.PinnedDeal),
		setBool(f, "pinned_to_organization_flag", &n.PinnedOrg),
		setBool(f, "pinned_to_person_flag", &n.PinnedPerson),
		setBool(f, "pinned_to_project_flag", &n.PinnedProject),
		func() *reply {
			if !creating {
				return nil
			}
			return setTime(f, "add_time", &n.AddTime)()
		},
	)
	if rep != nil {
		return rep
	}
	if n.DealID == 0 && n.PersonID == 0 && n.OrgID == 0 && n.LeadID == "" && n.ProjectID == 0 {
		return badRequest("Note must be attached to a deal, person, organization, lead or project " +
			"(deal_id, person_id, org_id, lead_id or project_id).")
	}
	n.LastUpdateUserID = c.st.meID
	return nil
}

func noteFilterV1(c *call) (func(*note) bool, *reply) {
	type intFilter struct {
		key string
		get func(*note) int
	}
	var checks []func(*note) bool
	for _, fl := range []intFilter{
		{"user_id", func(n *note) int { return n.UserID }},
		{"deal_id", func(n *note) int { return n.DealID }},
		{"person_id", func(n *note) int { return n.PersonID }},
		{"org_id", func(n *note) int { return n.OrgID }},
		{"project_id", func(n *note) int { return n.ProjectID }},
	} {
		want, has, rep := queryInt(c.q, fl.key)
		if rep != nil {
			return nil, rep
		}
		if has {
			get := fl.get
			checks = append(checks, func(n *note) bool { return get(n) == want })
		}
	}
	if lead := c.q.Get("lead_id"); lead != "" {
		checks = append(checks, func(n *note) bool { return n.LeadID == lead })
	}
	type boolFilter struct {
		key string
		get func(*note) bool
	}
	for _, fl := range []boolFilter{
		{"pinned_to_lead_flag", func(n *note) bool { return n.PinnedLead }},
		{"pinned_to_deal_flag", func(n *note) bool { return n.PinnedDeal }},
		{"pinned_to_organization_flag", func(n *note) bool { return n.PinnedOrg }},
		{"pinned_to_person_flag", func(n *note) bool { return n.PinnedPerson }},
		{"pinned_to_project_flag", func(n *note) bool { return n.PinnedProject }},
	} {
		want, has, rep := queryBool(c.q, fl.key)
		if rep != nil {
			return nil, rep
		}
		if has {
			get := fl.get
			checks = append(checks, func(n *note) bool { return get(n) == want })
		}
	}
	from, rep := queryDate(c.q, "start_date")
	if rep != nil {
		return nil, rep
	}
	to, rep := queryDate(c.q, "end_date")
	if rep != nil {
		return nil, rep
	}
	return func(n *note) bool {
		day := n.AddTime.Format(time.DateOnly)
		if (from != "" && day < from) || (to != "" && day > to) {
			return false
		}
		for _, ch := range checks {
			if !ch(n) {
				return false
			}
		}
		return true
	}, nil
}

func notesV1() *v1Resource[*note] {
	return &v1Resource[*note]{
		path:      "notes",
		noun:      "Note",
		table:     func(st *store) *table[*note] { return &st.notes },
		render:    noteV1,
		filter:    noteFilterV1,
		paginated: true,
		newRow: func(c *call) *note {
			return &note{record: c.st.newRecord(), UserID: c.st.meID}
		},
		apply:        applyNoteV1,
		clone:        cloneRow[note],
		createStatus: http.StatusOK,
		deleteData:   func(int) any { return true },
	}
}
