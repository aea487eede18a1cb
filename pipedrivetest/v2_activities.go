package pipedrivetest

import (
	"strings"
	"time"
)

func activityV2(c *call, a *activity) map[string]any {
	participants := make([]any, 0, len(a.Participants))
	for _, p := range a.Participants {
		participants = append(participants, map[string]any{"person_id": p.PersonID, "primary": p.PrimaryFlag})
	}
	var location *string
	if a.Location != "" {
		location = &a.Location
	}
	busy := false
	if a.BusyFlag != nil {
		busy = *a.BusyFlag
	}
	m := map[string]any{
		"id":                        a.ID,
		"subject":                   a.Subject,
		"type":                      a.Type,
		"owner_id":                  a.OwnerID,
		"creator_user_id":           a.CreatorUserID,
		"is_deleted":                a.Deleted,
		"add_time":                  rfc(a.AddTime),
		"update_time":               rfc(a.UpdateTime),
		"deal_id":                   idOrNil(a.DealID),
		"lead_id":                   strOrNil(a.LeadID),
		"person_id":                 idOrNil(a.PersonID),
		"org_id":                    idOrNil(a.OrgID),
		"project_id":                intPtrOrNil(a.ProjectID),
		"due_date":                  emptyOrNil(a.DueDate),
		"due_time":                  emptyOrNil(a.DueTime),
		"duration":                  emptyOrNil(a.Duration),
		"busy":                      busy,
		"done":                      a.Done,
		"marked_as_done_time":       rfc(a.MarkedAsDoneTime),
		"location":                  addressObjV2(location, a.LocationParts),
		"participants":              participants,
		"conference_meeting_client": nil,
		"conference_meeting_url":    nil,
		"conference_meeting_id":     nil,
		"public_description":        emptyOrNil(a.PublicDescription),
		"priority":                  intPtrOrNil(a.Priority),
		"note":                      emptyOrNil(a.Note),
	}
	if c.includes("attendees") {
		attendees := a.Attendees
		if attendees == nil {
			attendees = []any{}
		}
		m["attendees"] = attendees
	}
	return m
}

// v2Participants parses participants: [{person_id, primary}].
func v2Participants(c *call, f fields, dst *[]participant) func() *reply {
	return func() *reply {
		v, present := f["participants"]
		if !present {
			return nil
		}
		list, isList := v.([]any)
		if !isList {
			return badRequest(fieldErr("participants", "an array of {person_id, primary}").Error())
		}
		out := []participant{}
		for _, it := range list {
			obj, isObj := it.(map[string]any)
			if !isObj {
				return badRequest(fieldErr("participants", "an array of {person_id, primary}").Error())
			}
			id, okay := strictInt(obj["person_id"])
			if !okay {
				return badRequest(fieldErr("participants", "objects with an integer person_id").Error())
			}
			if _, found := c.st.persons.live(id); !found {
				return badRequest("Person not found")
			}
			primary := false
			if raw, has := obj["primary"]; has && raw != nil {
				b, isBool := raw.(bool)
				if !isBool {
					return badRequest(fieldErr("participants", "objects whose primary is a boolean").Error())
				}
				primary = b
			}
			out = append(out, participant{PersonID: id, PrimaryFlag: primary})
		}
		*dst = out
		return nil
	}
}

// v2Attendees parses attendees: [{email, name, status, is_organizer,
// person_id, user_id}], kept as received.
func v2Attendees(f fields, dst *[]any) func() *reply {
	return func() *reply {
		v, present := f["attendees"]
		if !present {
			return nil
		}
		list, isList := v.([]any)
		if !isList {
			return badRequest(fieldErr("attendees", "an array of objects").Error())
		}
		for _, it := range list {
			if _, isObj := it.(map[string]any); !isObj {
				return badRequest(fieldErr("attendees", "an array of objects").Error())
			}
		}
		*dst = list
		return nil
	}
}

func applyActivityV2(c *call, a *activity, f fields, creating bool) *reply {
	now := c.st.clock()
	wasDone := a.Done
	rep := applyAll(
		v2SetStr(f, "subject", &a.Subject),
		func() *reply {
			typ, present, _, rep := v2Read(f, "type", false, asString, "a string")
			if rep == nil && present && typ != "" {
				a.Type = typ
			}
			return rep
		},
		v2SetUser(c, f, "owner_id", &a.OwnerID),
		v2SetRef(f, "deal_id", "Deal", &c.st.deals, &a.DealID),
		v2SetOptStr(f, "lead_id", false, &a.LeadID),
		v2SetRef(f, "person_id", "Person", &c.st.persons, &a.PersonID),
		v2SetRef(f, "org_id", "Organization", &c.st.orgs, &a.OrgID),
		v2SetOptInt(f, "project_id", false, &a.ProjectID),
		v2SetDate(f, "due_date", false, &a.DueDate),
		func() *reply {
			s, present, _, rep := v2Read(f, "due_time", false, asClock, "a time HH:MM")
			if rep != nil {
				return rep
			}
			if present {
				a.DueTime = s
			}
			s, present, _, rep = v2Read(f, "duration", false, asDuration, "a duration HH:MM")
			if rep == nil && present {
				a.Duration = s
			}
			return rep
		},
		func() *reply {
			b, present, _, rep := v2Read(f, "busy", false, asBool, "a boolean (true or false)")
			if rep == nil && present {
				a.BusyFlag = &b
			}
			return rep
		},
		v2SetBool(f, "done", &a.Done),
		v2Address(f, "location", false, func(value *string, parts map[string]string) {
			a.Location, a.LocationParts = "", parts
			if value != nil {
				a.Location = *value
			}
		}),
		v2Participants(c, f, &a.Participants),
		v2Attendees(f, &a.Attendees),
		v2SetStr(f, "public_description", &a.PublicDescription),
		v2SetOptInt(f, "priority", false, &a.Priority),
		v2SetStr(f, "note", &a.Note),
	)
	if rep != nil {
		return rep
	}
	if a.Subject == "" && creating {
		a.Subject = activitySubject(a.Type)
	}
	if strings.TrimSpace(a.Subject) == "" {
		return badRequest("Subject must be given.")
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

// activityDueCompare orders activities by due date and time, undated last.
func activityDueCompare(a, b *activity) int {
	ka, kb := a.DueDate+" "+a.DueTime, b.DueDate+" "+b.DueTime
	if a.DueDate == "" {
		ka = "~"
	}
	if b.DueDate == "" {
		kb = "~"
	}
	return strings.Compare(ka, kb)
}

func activitiesV2() *v2Resource[*activity] {
	return &v2Resource[*activity]{
		path:    "activities",
		noun:    "Activity",
		table:   func(st *store) *table[*activity] { return &st.activities },
		render:  activityV2,
		include: []string{"attendees"},
		// v2 activities have no custom_fields (the v2 spec declares none);
		// activity custom fields are v1-only here.
		filter: func(c *call) (func(*activity) bool, *reply) {
			base, rep := v2ListFilter(c,
				v2IntFilter[*activity]{"owner_id", func(a *activity) int { return a.OwnerID }},
				v2IntFilter[*activity]{"deal_id", func(a *activity) int { return a.DealID }},
				v2IntFilter[*activity]{"person_id", func(a *activity) int { return a.PersonID }},
				v2IntFilter[*activity]{"org_id", func(a *activity) int { return a.OrgID }},
			)
			if rep != nil {
				return nil, rep
			}
			done, hasDone, rep := v2QueryBool(c.q, "done")
			if rep != nil {
				return nil, rep
			}
			lead := c.q.Get("lead_id")
			return func(a *activity) bool {
				if a.Deleted || (hasDone && a.Done != done) {
					return false
				}
				if lead != "" && (a.LeadID == nil || *a.LeadID != lead) {
					return false
				}
				return base(a)
			}, nil
		},
		sortExtra: map[string]func(a, b *activity) int{"due_date": activityDueCompare},
		newRow: func(c *call) *activity {
			return &activity{
				record:        c.st.newRecord(),
				Type:          "call",
				OwnerID:       c.st.meID,
				CreatorUserID: c.st.meID,
			}
		},
		apply: applyActivityV2,
		clone: cloneRow[activity],
	}
}
