package pipedrivetest

import (
	"maps"
	"strings"
	"time"
)

// dealIncludesV2 are the include_fields values of v2 deals.
var dealIncludesV2 = []string{
	"next_activity_id", "last_activity_id", "first_won_time", "products_count", "files_count",
	"notes_count", "followers_count", "email_messages_count", "activities_count",
	"done_activities_count", "undone_activities_count", "participants_count",
	"last_incoming_mail_time", "last_outgoing_mail_time", "smart_bcc_email", "source_lead_id",
}

// localDate renders the date part of a time (v2 local_*_date) or null.
func localDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.DateOnly)
}

// putIncludes adds the include_fields the request asked for, from values.
func (c *call) putIncludes(m map[string]any, values map[string]func() any) {
	for name := range c.view().include {
		if get, found := values[name]; found {
			m[name] = get()
		}
	}
}

// activityRefs returns the next and last activity IDs (or null).
func activityRefs(as actStats) (next, last any) {
	if as.next != nil {
		next = as.next.ID
	}
	if as.last != nil {
		last = as.last.ID
	}
	return next, last
}

func dealV2(c *call, d *deal) map[string]any {
	m := map[string]any{
		"id":                  d.ID,
		"title":               d.Title,
		"creator_user_id":     d.CreatorUserID,
		"owner_id":            d.OwnerID,
		"person_id":           idOrNil(d.PersonID),
		"org_id":              idOrNil(d.OrgID),
		"pipeline_id":         d.PipelineID,
		"stage_id":            d.StageID,
		"value":               d.Value,
		"currency":            d.Currency,
		"add_time":            rfc(d.AddTime),
		"update_time":         rfc(d.UpdateTime),
		"stage_change_time":   rfc(d.StageChangeTime),
		"is_deleted":          d.Deleted,
		"is_archived":         d.IsArchived,
		"archive_time":        rfc(d.ArchiveTime),
		"status":              d.Status,
		"probability":         floatPtrOrNil(d.Probability),
		"lost_reason":         strOrNil(d.LostReason),
		"visible_to":          d.VisibleTo,
		"close_time":          rfc(d.CloseTime),
		"won_time":            rfc(d.WonTime),
		"lost_time":           rfc(d.LostTime),
		"local_won_date":      localDate(d.WonTime),
		"local_lost_date":     localDate(d.LostTime),
		"local_close_date":    localDate(d.CloseTime),
		"expected_close_date": emptyOrNil(d.ExpectedCloseDate),
		"label_ids":           intsOrEmpty(d.LabelIDs),
		"origin":              "API",
		"origin_id":           strOrNil(d.OriginID),
		"channel":             intPtrOrNil(d.Channel),
		"channel_id":          strOrNil(d.ChannelID),
		"arr":                 nil,
		"mrr":                 nil,
		"acv":                 nil,
		"custom_fields":       c.customFieldsV2("deal", &d.record),
	}
	as := c.agg().activities(kDeal, d.ID)
	next, last := activityRefs(as)
	c.putIncludes(m, map[string]func() any{
		"next_activity_id":        func() any { return next },
		"last_activity_id":        func() any { return last },
		"first_won_time":          func() any { return rfc(d.FirstWonTime) },
		"products_count":          func() any { return 0 },
		"files_count":             func() any { return 0 },
		"notes_count":             func() any { return c.agg().notes[refKey{kDeal, d.ID}] },
		"followers_count":         func() any { return 1 },
		"email_messages_count":    func() any { return 0 },
		"activities_count":        func() any { return as.total },
		"done_activities_count":   func() any { return as.done },
		"undone_activities_count": func() any { return as.undone },
		"participants_count":      func() any { return min(1, d.PersonID) },
		"last_incoming_mail_time": func() any { return nil },
		"last_outgoing_mail_time": func() any { return nil },
		"smart_bcc_email":         func() any { return c.dealCCEmail(d.ID) },
		"source_lead_id":          func() any { return nil },
	})
	return m
}

func applyDealV2(c *call, d *deal, f fields, creating bool) *reply {
	now := c.st.clock()
	if rep := checkDealWrite(d, f, creating); rep != nil {
		return rep
	}
	return applyAll(
		func() *reply {
			title, present, _, rep := v2Read(f, "title", false, asString, "a string")
			if rep != nil {
				return rep
			}
			if (creating || present) && strings.TrimSpace(title) == "" {
				return badRequest("Deal title must be given.")
			}
			if present {
				d.Title = title
			}
			return nil
		},
		v2SetUser(c, f, "owner_id", &d.OwnerID),
		v2SetRef(f, "person_id", "Person", &c.st.persons, &d.PersonID),
		v2SetRef(f, "org_id", "Organization", &c.st.orgs, &d.OrgID),
		func() *reply {
			for _, k := range []string{"stage_id", "pipeline_id"} {
				if _, _, _, rep := v2Read(f, k, false, strictInt, "an integer"); rep != nil {
					return rep
				}
			}
			return applyDealStage(c, d, f, creating, now)
		},
		func() *reply {
			v, present, _, rep := v2Read(f, "value", false, strictNumber, "a number")
			if rep == nil && present {
				d.Value = v
			}
			return rep
		},
		func() *reply {
			cur, present, _, rep := v2Read(f, "currency", false, asString, "a currency code")
			if rep == nil && present && cur != "" {
				d.Currency = strings.ToUpper(cur)
			}
			return rep
		},
		func() *reply {
			st, present, _, rep := v2Read(f, "status", false, asString, "one of open, won, lost")
			if rep != nil || !present {
				return rep
			}
			if st != "open" && st != "won" && st != "lost" {
				return badRequest(`Invalid value for field "status": expected one of open, won, lost`)
			}
			wasDeleted := d.Deleted
			rep = applyDealStatus(d, f, now)
			d.Deleted = wasDeleted // v2 deletes with DELETE and restores with is_deleted
			return rep
		},
		v2SetTime(f, "won_time", false, &d.WonTime),
		v2SetTime(f, "lost_time", false, &d.LostTime),
		v2SetTime(f, "close_time", true, &d.CloseTime),
		v2SetDate(f, "expected_close_date", false, &d.ExpectedCloseDate),
		func() *reply {
			p, present, null, rep := v2Read(f, "probability", true, strictNumber, "a number")
			if rep != nil || !present {
				return rep
			}
			if null {
				d.Probability = nil
				return nil
			}
			if p < 0 || p > 100 {
				return badRequest(fieldErr("probability", "a number from 0 to 100").Error())
			}
			d.Probability = &p
			return nil
		},
		v2SetOptStr(f, "lost_reason", true, &d.LostReason),
		v2SetVisibleTo(f, &d.VisibleTo),
		v2SetLabels(f, "label_ids", &d.LabelIDs),
		v2SetBool(f, "is_deleted", &d.Deleted),
		v2SetBool(f, "is_archived", &d.IsArchived),
		func() *reply {
			t, present, _, rep := v2Read(f, "archive_time", false, asDateTime, "a time YYYY-MM-DD HH:MM:SS")
			if rep == nil && present {
				d.ArchiveTime = t
			}
			return rep
		},
		func() *reply {
			if d.IsArchived && d.ArchiveTime.IsZero() {
				d.ArchiveTime = now
			}
			if !d.IsArchived {
				d.ArchiveTime = time.Time{}
			}
			return nil
		},
	)
}

// dealFilterV2 parses the filters of GET /deals (archived false) and GET
// /deals/archived (archived true).
func dealFilterV2(archived bool) func(*call) (func(*deal) bool, *reply) {
	return func(c *call) (func(*deal) bool, *reply) {
		base, rep := v2ListFilter(c,
			v2IntFilter[*deal]{"owner_id", func(d *deal) int { return d.OwnerID }},
			v2IntFilter[*deal]{"person_id", func(d *deal) int { return d.PersonID }},
			v2IntFilter[*deal]{"org_id", func(d *deal) int { return d.OrgID }},
			v2IntFilter[*deal]{"pipeline_id", func(d *deal) int { return d.PipelineID }},
			v2IntFilter[*deal]{"stage_id", func(d *deal) int { return d.StageID }},
		)
		if rep != nil {
			return nil, rep
		}
		statuses := commaList(c.q.Get("status"))
		for _, s := range statuses {
			if s != "open" && s != "won" && s != "lost" && s != "deleted" {
				return nil, badRequest(`Invalid value for parameter "status": expected open, won, lost or deleted (comma-separated)`)
			}
		}
		return func(d *deal) bool {
			if d.IsArchived != archived {
				return false
			}
			if len(statuses) == 0 {
				if d.Deleted {
					return false
				}
			} else {
				match := false
				for _, s := range statuses {
					if (s == "deleted" && d.Deleted) || (s == d.Status && !d.Deleted) {
						match = true
					}
				}
				if !match {
					return false
				}
			}
			return base(d)
		}, nil
	}
}

func dealsV2() *v2Resource[*deal] {
	return &v2Resource[*deal]{
		path:         "deals",
		noun:         "Deal",
		table:        func(st *store) *table[*deal] { return &st.deals },
		render:       dealV2,
		include:      dealIncludesV2,
		customEntity: "deal",
		filter:       dealFilterV2(false),
		newRow:       newDealV1,
		apply:        applyDealV2,
		clone: func(d *deal) *deal {
			x := cloneRow(d)
			x.StageTimes = maps.Clone(d.StageTimes)
			return x
		},
		search: dealsV1().search,
		extra: func(res *v2Resource[*deal], rt *router) {
			rt.handle("GET /deals/archived", 20, func(c *call) *reply {
				if rep := c.parseView(res.include, true); rep != nil {
					return rep
				}
				keep, rep := dealFilterV2(true)(c)
				if rep != nil {
					return rep
				}
				var rows []*deal
				for _, d := range c.st.deals.rows {
					if keep(d) {
						rows = append(rows, d)
					}
				}
				if rep := sortRowsV2(c.q, rows, nil); rep != nil {
					return rep
				}
				return res.page(c, rows)
			})
		},
	}
}
