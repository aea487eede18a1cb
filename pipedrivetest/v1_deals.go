package pipedrivetest

import (
	"maps"
	"strconv"
	"strings"
	"time"
)

func dealStatusV1(d *deal) string {
	if d.Deleted {
		return "deleted"
	}
	return d.Status
}

// clockV1 renders an "HH:MM" time as v1's "HH:MM:SS" (or null).
func clockV1(hm string) any {
	if hm == "" {
		return nil
	}
	return hm + ":00"
}

// dealProbability is the probability used for weighted_value: the deal's
// own when set and the pipeline uses deal probabilities, else the stage's.
func (c *call) dealProbability(d *deal) float64 {
	p, _ := c.st.pipelines.get(d.PipelineID)
	if d.Probability != nil && p != nil && p.DealProbability {
		return *d.Probability
	}
	if s, found := c.st.stages.get(d.StageID); found {
		return float64(s.DealProbability)
	}
	return 100
}

func dealV1(c *call, d *deal) map[string]any {
	as := c.agg().activities(kDeal, d.ID)
	stageOrder := 0
	if s, found := c.st.stages.get(d.StageID); found {
		stageOrder = s.OrderNr
	}
	weighted := d.Value * c.dealProbability(d) / 100
	var personName, orgName any
	if p, found := c.st.persons.get(d.PersonID); found {
		personName = p.Name
	}
	if o, found := c.st.orgs.get(d.OrgID); found {
		orgName = o.Name
	}
	m := map[string]any{
		"id":                       d.ID,
		"creator_user_id":          c.dealUserRefV1(d.CreatorUserID),
		"user_id":                  c.dealUserRefV1(d.OwnerID),
		"person_id":                c.personRefV1(d.PersonID),
		"org_id":                   c.orgRefV1(d.OrgID),
		"stage_id":                 d.StageID,
		"title":                    d.Title,
		"value":                    d.Value,
		"currency":                 d.Currency,
		"add_time":                 ts(d.AddTime),
		"update_time":              ts(d.UpdateTime),
		"stage_change_time":        ts(d.StageChangeTime),
		"active":                   d.Status == "open" && !d.Deleted,
		"deleted":                  d.Deleted,
		"is_archived":              d.IsArchived,
		"archive_time":             ts(d.ArchiveTime),
		"status":                   dealStatusV1(d),
		"probability":              floatPtrOrNil(d.Probability),
		"lost_reason":              strOrNil(d.LostReason),
		"visible_to":               visibleToV1(d.VisibleTo),
		"close_time":               ts(d.CloseTime),
		"pipeline_id":              d.PipelineID,
		"won_time":                 ts(d.WonTime),
		"first_won_time":           ts(d.FirstWonTime),
		"lost_time":                ts(d.LostTime),
		"products_count":           0,
		"files_count":              0,
		"notes_count":              c.agg().notes[refKey{kDeal, d.ID}],
		"followers_count":          1,
		"email_messages_count":     0,
		"activities_count":         as.total,
		"done_activities_count":    as.done,
		"undone_activities_count":  as.undone,
		"participants_count":       min(1, d.PersonID),
		"expected_close_date":      emptyOrNil(d.ExpectedCloseDate),
		"last_incoming_mail_time":  nil,
		"last_outgoing_mail_time":  nil,
		"label":                    labelV1(d.LabelIDs),
		"stage_order_nr":           stageOrder,
		"person_name":              personName,
		"org_name":                 orgName,
		"formatted_value":          formatMoney(d.Value, d.Currency),
		"weighted_value":           weighted,
		"formatted_weighted_value": formatMoney(weighted, d.Currency),
		"weighted_value_currency":  d.Currency,
		"rotten_time":              nil,
		"owner_name":               c.userName(d.OwnerID),
		"cc_email":                 c.dealCCEmail(d.ID),
		"org_hidden":               false,
		"person_hidden":            false,
		"origin":                   "API",
		"origin_id":                strOrNil(d.OriginID),
		"channel":                  intPtrOrNil(d.Channel),
		"channel_id":               strOrNil(d.ChannelID),
		"arr":                      nil,
		"mrr":                      nil,
		"acv":                      nil,
		"arr_currency":             nil,
		"mrr_currency":             nil,
		"acv_currency":             nil,
	}
	putActivitySummary(m, as, true)
	c.putCustomV1(m, "deal", &d.record)
	return m
}

// putActivitySummary adds the next_activity_* and last_activity_* fields;
// deals (withDetails) also get the next activity's subject, type, duration
// and note.
func putActivitySummary(m map[string]any, as actStats, withDetails bool) {
	m["next_activity_id"], m["next_activity_date"], m["next_activity_time"] = nil, nil, nil
	m["last_activity_id"], m["last_activity_date"] = nil, nil
	if withDetails {
		m["next_activity_subject"], m["next_activity_type"] = nil, nil
		m["next_activity_duration"], m["next_activity_note"] = nil, nil
	}
	if a := as.next; a != nil {
		m["next_activity_id"] = a.ID
		m["next_activity_date"] = emptyOrNil(a.DueDate)
		m["next_activity_time"] = clockV1(a.DueTime)
		if withDetails {
			m["next_activity_subject"] = a.Subject
			m["next_activity_type"] = a.Type
			m["next_activity_duration"] = clockV1(a.Duration)
			m["next_activity_note"] = emptyOrNil(a.Note)
		}
	}
	if a := as.last; a != nil {
		m["last_activity_id"] = a.ID
		m["last_activity_date"] = emptyOrNil(a.DueDate)
	}
}

// ageV1 renders a duration as v1's {y,m,d,h,i,s,total_seconds}.
func ageV1(from, to time.Time) map[string]any {
	if to.Before(from) {
		to = from
	}
	y, mo, d := 0, 0, 0
	cur := from
	for !cur.AddDate(1, 0, 0).After(to) {
		cur = cur.AddDate(1, 0, 0)
		y++
	}
	for !cur.AddDate(0, 1, 0).After(to) {
		cur = cur.AddDate(0, 1, 0)
		mo++
	}
	for !cur.AddDate(0, 0, 1).After(to) {
		cur = cur.AddDate(0, 0, 1)
		d++
	}
	rest := to.Sub(cur)
	return map[string]any{
		"y": y, "m": mo, "d": d,
		"h":             int(rest / time.Hour),
		"i":             int(rest % time.Hour / time.Minute),
		"s":             int(rest % time.Minute / time.Second),
		"total_seconds": int64(to.Sub(from) / time.Second),
	}
}

// dealDetailV1 adds the fields only GET /deals/{id} has.
func dealDetailV1(c *call, d *deal, m map[string]any) map[string]any {
	now := c.st.clock()
	m["age"] = ageV1(d.AddTime, now)
	m["average_time_to_won"] = ageV1(now, now)
	m["average_stage_progress"] = 0.0
	times := map[string]any{}
	for id, secs := range d.StageTimes {
		times[strconv.Itoa(id)] = secs
	}
	since := d.StageChangeTime
	if since.IsZero() {
		since = d.AddTime
	}
	times[strconv.Itoa(d.StageID)] = int64(now.Sub(since)/time.Second) + d.StageTimes[d.StageID]
	order := []int{}
	for _, s := range c.st.stagesOf(d.PipelineID) {
		order = append(order, s.ID)
	}
	m["stay_in_pipeline_stages"] = map[string]any{"times_in_stages": times, "order_of_stages": order}
	as := c.agg().activities(kDeal, d.ID)
	m["last_activity"], m["next_activity"] = nil, nil
	if as.last != nil {
		m["last_activity"] = activityV1(c, as.last)
	}
	if as.next != nil {
		m["next_activity"] = activityV1(c, as.next)
	}
	return map[string]any{"dropbox_email": c.dealCCEmail(d.ID)}
}

func relateDealV1(_ *call, d *deal, rel *related) {
	rel.user(d.OwnerID)
	rel.user(d.CreatorUserID)
	rel.person(d.PersonID)
	rel.org(d.OrgID)
	rel.stage(d.StageID)
	rel.pipeline(d.PipelineID)
}

func newDealV1(c *call) *deal {
	cur := "USD"
	if u, found := c.st.users.get(c.st.meID); found {
		cur = u.DefaultCurrency
	}
	return &deal{
		record:        c.st.newRecord(),
		Currency:      cur,
		OwnerID:       c.st.meID,
		CreatorUserID: c.st.meID,
		Status:        "open",
		VisibleTo:     3,
	}
}

// refField validates an optional reference field: 0/null unlinks, any other
// ID must name an existing, not deleted row.
func refField[E entity](f fields, key, noun string, tbl *table[E], dst *int) *reply {
	id, present, err := f.integer(key)
	if err != nil {
		return badRequest(err.Error())
	}
	if !present {
		return nil
	}
	if id != 0 {
		if _, found := tbl.live(id); !found {
			return badRequest(noun + " not found")
		}
	}
	*dst = id
	return nil
}

// userField validates an owner/user field; null/0 keeps the current value.
func userField(c *call, f fields, key string, dst *int) *reply {
	id, present, err := f.integer(key)
	if err != nil {
		return badRequest(err.Error())
	}
	if !present || id == 0 {
		return nil
	}
	if _, found := c.st.users.live(id); !found {
		return badRequest("User not found")
	}
	*dst = id
	return nil
}

// applyAll runs setters in order and stops at the first error.
func applyAll(steps ...func() *reply) *reply {
	for _, step := range steps {
		if rep := step(); rep != nil {
			return rep
		}
	}
	return nil
}

func setStr(f fields, key string, dst *string) func() *reply {
	return func() *reply {
		s, present, err := f.str(key)
		if err != nil {
			return badRequest(err.Error())
		}
		if present || f.isNull(key) {
			*dst = s
		}
		return nil
	}
}

func setOptStr(f fields, key string, dst **string) func() *reply {
	return func() *reply {
		if !f.has(key) {
			return nil
		}
		s, err := f.optStr(key)
		if err != nil {
			return badRequest(err.Error())
		}
		*dst = s
		return nil
	}
}

func setOptInt(f fields, key string, dst **int) func() *reply {
	return func() *reply {
		if !f.has(key) {
			return nil
		}
		n, err := f.optInt(key)
		if err != nil {
			return badRequest(err.Error())
		}
		*dst = n
		return nil
	}
}

func setBool(f fields, key string, dst *bool) func() *reply {
	return func() *reply {
		b, present, err := f.boolean(key)
		if err != nil {
			return badRequest(err.Error())
		}
		if present {
			*dst = b
		}
		return nil
	}
}

func setTime(f fields, key string, dst *time.Time) func() *reply {
	return func() *reply {
		t, present, err := f.timestamp(key)
		if err != nil {
			return badRequest(err.Error())
		}
		if present || f.isNull(key) {
			*dst = t
		}
		return nil
	}
}

func setVisibleTo(f fields, dst *int) func() *reply {
	return func() *reply {
		v, present, err := f.visibleTo("visible_to")
		if err != nil {
			return badRequest(err.Error())
		}
		if present {
			*dst = v
		}
		return nil
	}
}

func setLabels(f fields, key string, dst *[]int) func() *reply {
	return func() *reply {
		ids, present, err := f.intList(key)
		if err != nil {
			return badRequest(err.Error())
		}
		if present {
			*dst = ids
		}
		return nil
	}
}

func applyDealV1(c *call, d *deal, f fields, creating bool) *reply {
	now := c.st.clock()
	if rep := checkDealWrite(d, f, creating); rep != nil {
		return rep
	}
	return applyAll(
		func() *reply {
			title, present, err := f.str("title")
			if err != nil {
				return badRequest(err.Error())
			}
			if (creating || present || f.isNull("title")) && strings.TrimSpace(title) == "" {
				return badRequest("Deal title must be given.")
			}
			if present {
				d.Title = title
			}
			return nil
		},
		func() *reply {
			v, present, err := f.number("value")
			if err != nil {
				return badRequest(err.Error())
			}
			if present || f.isNull("value") {
				d.Value = v
			}
			return nil
		},
		func() *reply {
			cur, present, err := f.str("currency")
			if err != nil {
				return badRequest(err.Error())
			}
			if present && cur != "" {
				d.Currency = strings.ToUpper(cur)
			}
			return nil
		},
		func() *reply { return userField(c, f, "user_id", &d.OwnerID) },
		func() *reply { return refField(f, "person_id", "Person", &c.st.persons, &d.PersonID) },
		func() *reply { return refField(f, "org_id", "Organization", &c.st.orgs, &d.OrgID) },
		func() *reply { return applyDealStage(c, d, f, creating, now) },
		func() *reply { return applyDealStatus(d, f, now) },
		setTime(f, "won_time", &d.WonTime),
		setTime(f, "lost_time", &d.LostTime),
		setTime(f, "close_time", &d.CloseTime),
		func() *reply {
			s, present, err := f.date("expected_close_date")
			if err != nil {
				return badRequest(err.Error())
			}
			if present {
				d.ExpectedCloseDate = s
			}
			return nil
		},
		func() *reply {
			if !f.has("probability") {
				return nil
			}
			p, err := f.optNumber("probability")
			if err != nil {
				return badRequest(err.Error())
			}
			d.Probability = p
			return nil
		},
		setOptStr(f, "lost_reason", &d.LostReason),
		setVisibleTo(f, &d.VisibleTo),
		setLabels(f, "label", &d.LabelIDs),
		func() *reply {
			if !creating {
				return nil
			}
			return applyAll(setTime(f, "add_time", &d.AddTime), setOptStr(f, "origin_id", &d.OriginID))
		},
		setBool(f, "is_archived", &d.IsArchived),
		setTime(f, "archive_time", &d.ArchiveTime),
		func() *reply {
			if d.IsArchived && d.ArchiveTime.IsZero() {
				d.ArchiveTime = now
			}
			if !d.IsArchived {
				d.ArchiveTime = time.Time{}
			}
			return nil
		},
		setOptInt(f, "channel", &d.Channel),
		setOptStr(f, "channel_id", &d.ChannelID),
	)
}

// applyDealStage resolves stage_id/pipeline_id (stage wins; a pipeline alone
// means its first stage; a new deal without either goes to the first stage
// of the default pipeline) and tracks the time spent per stage.
func applyDealStage(c *call, d *deal, f fields, creating bool, now time.Time) *reply {
	stageID, hasStage, err := f.integer("stage_id")
	if err != nil {
		return badRequest(err.Error())
	}
	pipelineID, hasPipeline, err := f.integer("pipeline_id")
	if err != nil {
		return badRequest(err.Error())
	}
	var target *stage
	switch {
	case hasStage && stageID != 0:
		s, found := c.st.stages.live(stageID)
		if !found {
			return badRequest("Stage not found")
		}
		target = s
	case hasPipeline && pipelineID != 0:
		if _, found := c.st.pipelines.live(pipelineID); !found {
			return badRequest("Pipeline not found")
		}
		if !creating && d.PipelineID == pipelineID {
			return nil
		}
		target = c.st.firstStage(pipelineID)
		if target == nil {
			return badRequest("Pipeline has no stages")
		}
	case creating:
		target = c.st.defaultStage()
		if target == nil {
			return badRequest("No pipeline with stages exists. Add a pipeline first.")
		}
	default:
		return nil
	}
	if creating {
		d.StageID, d.PipelineID = target.ID, target.PipelineID
		return nil
	}
	if target.ID == d.StageID {
		return nil
	}
	since := d.StageChangeTime
	if since.IsZero() {
		since = d.AddTime
	}
	times := maps.Clone(d.StageTimes)
	if times == nil {
		times = map[int]int64{}
	}
	times[d.StageID] += int64(now.Sub(since) / time.Second)
	d.StageTimes = times
	d.StageID, d.PipelineID, d.StageChangeTime = target.ID, target.PipelineID, now
	return nil
}

// applyDealStatus handles status transitions and their timestamps.
func applyDealStatus(d *deal, f fields, now time.Time) *reply {
	status, present, err := f.str("status")
	if err != nil {
		return badRequest(err.Error())
	}
	if !present {
		return nil
	}
	switch status {
	case "deleted":
		d.Deleted = true
		return nil
	case "open", "won", "lost":
	default:
		return badRequest(`Invalid value for field "status": expected one of open, won, lost, deleted`)
	}
	d.Deleted = false
	if status == d.Status {
		return nil
	}
	d.Status = status
	d.WonTime, d.LostTime, d.CloseTime = time.Time{}, time.Time{}, time.Time{}
	switch status {
	case "won":
		d.WonTime, d.CloseTime = now, now
		if d.FirstWonTime.IsZero() {
			d.FirstWonTime = now
		}
	case "lost":
		d.LostTime, d.CloseTime = now, now
	}
	return nil
}

func dealFilterV1(c *call) (func(*deal) bool, *reply) {
	status := c.q.Get("status")
	switch status {
	case "":
		status = "all_not_deleted"
	case "open", "won", "lost", "deleted", "all_not_deleted":
	default:
		return nil, badRequest(`Invalid value for parameter "status"`)
	}
	stageID, hasStage, rep := queryInt(c.q, "stage_id")
	if rep != nil {
		return nil, rep
	}
	userID, hasUser, rep := queryInt(c.q, "user_id")
	if rep != nil {
		return nil, rep
	}
	mine, _, rep := queryBool(c.q, "owned_by_you")
	if rep != nil {
		return nil, rep
	}
	_, hasFilter, rep := queryInt(c.q, "filter_id")
	if rep != nil {
		return nil, rep
	}
	owner := 0 // precedence: filter_id (not emulated: matches all) > owned_by_you > user_id
	switch {
	case hasFilter:
	case mine:
		owner = c.st.meID
	case hasUser:
		owner = userID
	}
	return func(d *deal) bool {
		switch status {
		case "deleted":
			if !d.Deleted {
				return false
			}
		case "all_not_deleted":
			if d.Deleted {
				return false
			}
		default:
			if d.Deleted || d.Status != status {
				return false
			}
		}
		return !d.IsArchived &&
			(!hasStage || d.StageID == stageID) &&
			(owner == 0 || d.OwnerID == owner)
	}, nil
}

// notesText returns the contents of the notes attached to an entity.
func notesText(c *call, k kind, id int) []string {
	var out []string
	for _, n := range c.st.notes.rows {
		if (k == kDeal && n.DealID == id) || (k == kPerson && n.PersonID == id) || (k == kOrg && n.OrgID == id) {
			out = append(out, n.Content)
		}
	}
	return out
}

func dealsV1() *v1Resource[*deal] {
	return &v1Resource[*deal]{
		path:         "deals",
		customEntity: "deal",
		noun:         "Deal",
		table:        func(st *store) *table[*deal] { return &st.deals },
		render:       dealV1,
		relate:       relateDealV1,
		filter:       dealFilterV1,
		paginated:    true,
		newRow:       newDealV1,
		apply:        applyDealV1,
		clone: func(d *deal) *deal {
			x := cloneRow(d)
			x.StageTimes = maps.Clone(d.StageTimes)
			return x
		},
		detail:     dealDetailV1,
		softDelete: true,
		bulkDelete: true,
		search: &searchSpec[*deal]{
			fields:  []string{"custom_fields", "notes", "title"},
			primary: "title",
			text: func(c *call, d *deal, field string) []string {
				switch field {
				case "title":
					return []string{d.Title}
				case "notes":
					return notesText(c, kDeal, d.ID)
				}
				return c.st.customText("deal", &d.record)
			},
			filter: func(c *call) (func(*deal) bool, *reply) {
				pid, hasP, rep := queryInt(c.q, "person_id")
				if rep != nil {
					return nil, rep
				}
				oid, hasO, rep := queryInt(c.q, "organization_id")
				if rep != nil {
					return nil, rep
				}
				status := c.q.Get("status")
				if status != "" && status != "open" && status != "won" && status != "lost" {
					return nil, badRequest(`Invalid value for parameter "status"`)
				}
				return func(d *deal) bool {
					return (!hasP || d.PersonID == pid) && (!hasO || d.OrgID == oid) &&
						(status == "" || d.Status == status)
				}, nil
			},
			item: func(c *call, d *deal, hits map[string][]string) map[string]any {
				var stageRef, personRef, orgRef any
				if s, found := c.st.stages.get(d.StageID); found {
					stageRef = map[string]any{"id": s.ID, "name": s.Name}
				}
				if p, found := c.st.persons.get(d.PersonID); found {
					personRef = map[string]any{"id": p.ID, "name": p.Name}
				}
				if o, found := c.st.orgs.get(d.OrgID); found {
					orgRef = map[string]any{"id": o.ID, "name": o.Name}
				}
				return map[string]any{
					"id":            d.ID,
					"type":          "deal",
					"title":         d.Title,
					"value":         d.Value,
					"currency":      d.Currency,
					"status":        d.Status,
					"visible_to":    d.VisibleTo,
					"owner":         map[string]any{"id": d.OwnerID},
					"stage":         stageRef,
					"person":        personRef,
					"organization":  orgRef,
					"custom_fields": nonNil(hits["custom_fields"]),
					"notes":         nonNil(hits["notes"]),
					"is_archived":   d.IsArchived,
				}
			},
		},
	}
}
