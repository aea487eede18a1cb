package pipedrivetest

import (
	"net/http"
	"slices"
	"time"
)

// Small workspace operations (API v1): recent changes across item types
// (the building block of incremental sync), note fields, the user's
// settings and connections, and the company's add-ons.

// recentKinds maps the items of /recents to resource paths with a v1
// renderer, and how to read each row's update time.
var recentKinds = []struct {
	item, path string
	rows       func(st *store) []recentRow
}{
	{"deal", "deals", func(st *store) []recentRow { return recentRows(st.deals.rows) }},
	{"person", "persons", func(st *store) []recentRow { return recentRows(st.persons.rows) }},
	{"organization", "organizations", func(st *store) []recentRow { return recentRows(st.orgs.rows) }},
	{"activity", "activities", func(st *store) []recentRow { return recentRows(st.activities.rows) }},
	{"note", "notes", func(st *store) []recentRow { return recentRows(st.notes.rows) }},
	{"pipeline", "pipelines", func(st *store) []recentRow { return recentRows(st.pipelines.rows) }},
	{"stage", "stages", func(st *store) []recentRow { return recentRows(st.stages.rows) }},
}

type recentRow struct {
	id      int
	updated time.Time
}

func recentRows[E entity](rows []E) []recentRow {
	out := make([]recentRow, 0, len(rows))
	for _, r := range rows {
		rec := r.rec()
		out = append(out, recentRow{rec.ID, rec.UpdateTime})
	}
	return out
}

func registerWorkspaceV1(rt *router) {
	rt.handle("GET /recents", 20, func(c *call) *reply {
		since, err := time.Parse(time.DateTime, c.q.Get("since_timestamp"))
		if err != nil {
			return badRequest(`Parameter "since_timestamp" is required: YYYY-MM-DD HH:MM:SS (UTC)`)
		}
		want := commaList(c.q.Get("items"))
		type hit struct {
			item, path string
			id         int
			at         time.Time
		}
		var hits []hit
		for _, k := range recentKinds {
			if len(want) > 0 && !slices.Contains(want, k.item) {
				continue
			}
			for _, r := range k.rows(c.st) {
				if !r.updated.Before(since) {
					hits = append(hits, hit{k.item, k.path, r.id, r.updated})
				}
			}
		}
		slices.SortStableFunc(hits, func(a, b hit) int { return a.at.Compare(b.at) })
		start, end, additional, rep := paginate(c.q, len(hits))
		if rep != nil {
			return rep
		}
		data := make([]map[string]any, 0, end-start)
		last := since
		for _, h := range hits[start:end] {
			row := renderV1(c, h.path, h.id)
			if h.item != "organization" { // organizations keep their owner object
				row = flatRefs(row)
			}
			data = append(data, map[string]any{"item": h.item, "id": h.id, "data": row})
			last = h.at
		}
		additional["since_timestamp"] = ts(since)
		additional["last_timestamp_on_page"] = ts(last)
		return ok(http.StatusOK, data, additional, nil)
	})
	rt.handle("GET /noteFields", 20, func(c *call) *reply {
		yesNo := []map[string]any{{"id": 0, "label": "No"}, {"id": 1, "label": "Yes"}}
		data := []map[string]any{
			{"id": 1, "key": "content", "name": "Content", "field_type": "text", "active_flag": true, "edit_flag": false, "bulk_edit_allowed": true, "mandatory_flag": true},
		}
		for i, k := range []struct{ key, name string }{{"pinned_to_deal_flag", "Note is pinned to deal"},
			{"pinned_to_person_flag", "Note is pinned to person"}, {"pinned_to_organization_flag", "Note is pinned to organization"},
			{"pinned_to_lead_flag", "Note is pinned to lead"}} {
			data = append(data, map[string]any{"id": i + 2, "key": k.key, "name": k.name, "field_type": "enum", "active_flag": true,
				"edit_flag": true, "bulk_edit_allowed": true, "mandatory_flag": false, "options": yesNo})
		}
		start, end, additional, rep := paginate(c.q, len(data))
		if rep != nil {
			return rep
		}
		return ok(http.StatusOK, data[start:end], additional, nil)
	})
	rt.handle("GET /userSettings", 2, func(c *call) *reply {
		return ok(http.StatusOK, map[string]any{"marketplace_team": false, "list_limit": 100, "beta_app": false,
			"prevent_salesphone_callto_override": false, "file_upload_destination": "s3",
			"callto_link_syntax": "callto:[number]", "autofill_deal_expected_close_date": false,
			"person_duplicate_condition": "name && (org_id || email || phone)"}, nil, nil)
	})
	rt.handle("GET /userConnections", 20, func(c *call) *reply {
		// The fake user has connected no calendar or mailbox.
		return ok(http.StatusOK, map[string]any{}, nil, nil)
	})
	rt.handle("GET /billing/subscriptions/addons", 20, func(c *call) *reply {
		return ok(http.StatusOK, []map[string]any{{"code": "leadbooster_v2"}, {"code": "smart_docs_v2"}}, nil, nil)
	})
}
