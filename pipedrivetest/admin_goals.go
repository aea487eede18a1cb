package pipedrivetest

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Goals (API v1), declared on the generic store: ids are 32 hexadecimal
// digits, answers wrap the goal ({"goal": ...}, {"goals": [...]}), the
// list is GET /goals/find with Pipedrive's dotted filters, and a goal's
// result is computed from the company's deals and activities.

var (
	goalTypes     = []string{"deals_won", "deals_progressed", "activities_completed", "activities_added", "deals_started", "revenue_forecast"}
	goalFindTypes = goalTypes[:5] // GET /goals/find leaves revenue_forecast out
	goalAssignees = []string{"person", "company", "team"}
	goalMetrics   = []string{"quantity", "sum"}
	goalIntervals = []string{"weekly", "monthly", "quarterly", "yearly"}
)

// hexID is a deterministic id of n hexadecimal digits for the seq-th row
// of kind in a company.
func hexID(c *call, kind string, seq, n int) string {
	sum := sha1.Sum(fmt.Appendf(nil, "%s\x00%d\x00%d", kind, c.st.company.ID, seq))
	return hex.EncodeToString(sum[:])[:n]
}

// jsonInt reads an integer from a JSON number or a numeric string (the
// goal bodies' documented examples quote their numbers).
func jsonInt(v any) (int, bool) {
	switch x := v.(type) {
	case json.Number:
		n, err := strconv.Atoi(x.String())
		return n, err == nil
	case string:
		n, err := strconv.Atoi(strings.TrimSpace(x))
		return n, err == nil
	}
	return 0, false
}

// jsonFloat reads a number from a JSON number or a numeric string.
func jsonFloat(v any) (float64, bool) {
	var s string
	switch x := v.(type) {
	case json.Number:
		s = x.String()
	case string:
		s = strings.TrimSpace(x)
	default:
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil && !math.IsNaN(f) && !math.IsInf(f, 0)
}

// jsonIDs reads a list of positive ids: null (nil, every one), an array,
// or a string holding a JSON array ("[1, 2]", as the spec's examples
// write them).
func jsonIDs(v any) ([]int, bool) {
	if s, ok := v.(string); ok {
		var arr []any
		dec := json.NewDecoder(strings.NewReader(s))
		dec.UseNumber()
		if dec.Decode(&arr) != nil {
			return nil, false
		}
		v = arr
	}
	switch x := v.(type) {
	case nil:
		return nil, true
	case []any:
		ids := make([]int, 0, len(x))
		for _, e := range x {
			n, ok := jsonInt(e)
			if !ok || n <= 0 {
				return nil, false
			}
			ids = append(ids, n)
		}
		return ids, true
	}
	return nil, false
}

func anyIDs(ids []int) any {
	if ids == nil {
		return nil
	}
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

func goalsV1() *crudResource {
	obj := func(name string, v any) (map[string]any, *reply) {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, badRequest(fmt.Sprintf("Invalid value for field %q: expected an object", name))
		}
		return m, nil
	}
	r := &crudResource{
		path: "goals", noun: "Goal", uuidIDs: true, update: "PUT", createStatus: http.StatusOK, noList: true,
		fields: []crudField{
			{name: "title", kind: crudString},
			{name: "assignee", kind: crudRaw, required: true, norm: func(c *call, v any) (any, *reply) {
				m, rep := obj("assignee", v)
				if rep != nil {
					return nil, rep
				}
				id, ok := jsonInt(m["id"])
				typ, _ := m["type"].(string)
				switch {
				case !ok || id <= 0:
					return nil, badRequest(`Invalid value for field "assignee.id": expected a positive integer`)
				case !slices.Contains(goalAssignees, typ):
					return nil, badRequest(`Invalid value for field "assignee.type": expected person, company or team`)
				}
				if _, found := c.st.users.get(id); typ == "person" && !found {
					return nil, notFound("User")
				}
				return map[string]any{"id": id, "type": typ}, nil
			}},
			{name: "type", kind: crudRaw, required: true, norm: func(c *call, v any) (any, *reply) {
				m, rep := obj("type", v)
				if rep != nil {
					return nil, rep
				}
				name, _ := m["name"].(string)
				if !slices.Contains(goalTypes, name) {
					return nil, badRequest(fmt.Sprintf(`Invalid value for field "type.name": expected one of %s`, strings.Join(goalTypes, ", ")))
				}
				params := map[string]any{}
				if m["params"] != nil {
					if params, rep = obj("type.params", m["params"]); rep != nil {
						return nil, rep
					}
				}
				out := map[string]any{}
				pipelines, ok := jsonIDs(params["pipeline_id"])
				if !ok {
					return nil, badRequest(`Invalid value for field "type.params.pipeline_id": expected an array of ids or null`)
				}
				for _, id := range pipelines {
					if _, found := c.st.pipelines.live(id); !found {
						return nil, notFound("Pipeline")
					}
				}
				out["pipeline_id"] = anyIDs(pipelines)
				types, ok := jsonIDs(params["activity_type_id"])
				activities := strings.HasPrefix(name, "activities_")
				switch {
				case !ok:
					return nil, badRequest(`Invalid value for field "type.params.activity_type_id": expected an array of ids or null`)
				case len(types) > 0 && !activities:
					return nil, badRequest(`"type.params.activity_type_id" applies to activities_completed and activities_added goals only`)
				}
				at := activityTypesV1().table(c.st)
				for _, id := range types {
					if at.find(id) < 0 {
						return nil, notFound("Activity type")
					}
				}
				out["activity_type_id"] = anyIDs(types)
				if s, present := params["stage_id"]; present && s != nil {
					id, ok := jsonInt(s)
					switch {
					case !ok || id <= 0:
						return nil, badRequest(`Invalid value for field "type.params.stage_id": expected a positive integer`)
					case name != "deals_progressed":
						return nil, badRequest(`"type.params.stage_id" applies to deals_progressed goals only`)
					}
					if _, found := c.st.stages.live(id); !found {
						return nil, notFound("Stage")
					}
					out["stage_id"] = id
				}
				return map[string]any{"name": name, "params": out}, nil
			}},
			{name: "expected_outcome", kind: crudRaw, required: true, norm: func(c *call, v any) (any, *reply) {
				m, rep := obj("expected_outcome", v)
				if rep != nil {
					return nil, rep
				}
				target, ok := jsonFloat(m["target"])
				metric, _ := m["tracking_metric"].(string)
				switch {
				case !ok || target <= 0:
					return nil, badRequest(`Invalid value for field "expected_outcome.target": expected a number above 0`)
				case !slices.Contains(goalMetrics, metric):
					return nil, badRequest(`Invalid value for field "expected_outcome.tracking_metric": expected quantity or sum`)
				}
				out := map[string]any{"target": target, "tracking_metric": metric}
				if target == math.Trunc(target) {
					out["target"] = int(target)
				}
				if cur, present := m["currency_id"]; present && cur != nil {
					id, ok := jsonInt(cur)
					switch {
					case metric != "sum":
						return nil, badRequest(`"expected_outcome.currency_id" applies to sum goals only`)
					case !ok || id <= 0:
						return nil, badRequest(`Invalid value for field "expected_outcome.currency_id": expected a positive integer`)
					}
					out["currency_id"] = id
				}
				return out, nil
			}},
			{name: "duration", kind: crudRaw, required: true, norm: func(c *call, v any) (any, *reply) {
				m, rep := obj("duration", v)
				if rep != nil {
					return nil, rep
				}
				start, _ := m["start"].(string)
				if _, err := time.Parse(time.DateOnly, start); err != nil {
					return nil, badRequest(`Invalid value for field "duration.start": expected a date YYYY-MM-DD`)
				}
				var end any
				if m["end"] != nil {
					e, _ := m["end"].(string)
					if _, err := time.Parse(time.DateOnly, e); err != nil {
						return nil, badRequest(`Invalid value for field "duration.end": expected a date YYYY-MM-DD or null`)
					}
					if e < start {
						return nil, badRequest(`"duration.end" is before "duration.start"`)
					}
					end = e
				}
				return map[string]any{"start": start, "end": end}, nil
			}},
			{name: "interval", kind: crudString, required: true, enum: goalIntervals},
		},
		newID: func(c *call, t *crudTable) any { return hexID(c, "goal", t.seq, 32) },
		onCreate: func(c *call, row map[string]any) {
			row["owner_id"] = c.st.meID
			row["report_ids"] = []any{hexID(c, "report of "+row["id"].(string), 0, 32)}
			if row["title"] == nil || row["title"] == "" {
				name := row["type"].(map[string]any)["name"].(string)
				row["title"] = strings.ToUpper(name[:1]) + strings.ReplaceAll(name[1:], "_", " ")
			}
		},
		deleteData: func(any) any { return nil },
	}
	r.render = func(c *call, row map[string]any) map[string]any { return map[string]any{"goal": goalOut(c, row)} }
	r.cost.create, r.cost.update, r.cost.delete = 10, 10, 6
	return r
}

// goalOut is a goal as answers show it: is_active says whether today is
// within its duration.
func goalOut(c *call, row map[string]any) map[string]any {
	out := cloneMap(row)
	today := c.st.clock().Format(time.DateOnly)
	d := row["duration"].(map[string]any)
	end, open := d["end"].(string)
	out["is_active"] = d["start"].(string) <= today && (!open || today <= end)
	return out
}

func registerGoalsV1(rt *router) {
	res := goalsV1()
	res.register(rt)
	rt.handle("GET /goals/find", 20, func(c *call) *reply {
		keep, rep := goalFilter(c)
		if rep != nil {
			return rep
		}
		goals := []any{}
		for _, row := range res.table(c.st).rows {
			if g := goalOut(c, row); keep(g) {
				goals = append(goals, g)
			}
		}
		return ok(http.StatusOK, map[string]any{"goals": goals}, nil, nil)
	})
	rt.handle("GET /goals/{code}/results", 20, func(c *call) *reply {
		t := res.table(c.st)
		i := t.find(c.code)
		if i < 0 {
			return notFound("Goal")
		}
		start, rep := queryDate(c.q, "period.start")
		if rep != nil {
			return rep
		}
		end, rep := queryDate(c.q, "period.end")
		if rep != nil {
			return rep
		}
		g := goalOut(c, t.rows[i])
		d := g["duration"].(map[string]any)
		switch {
		case start == "" || end == "":
			return badRequest(`Parameters "period.start" and "period.end" are required`)
		case end < start:
			return badRequest(`"period.end" is before "period.start"`)
		case start < d["start"].(string):
			return badRequest(`"period.start" is before the goal's start`)
		case d["end"] != nil && end > d["end"].(string):
			return badRequest(`"period.end" is after the goal's end`)
		}
		return ok(http.StatusOK, map[string]any{"progress": goalProgress(c, g, start, end), "goal": g}, nil, nil)
	})
}

// goalFilter parses GET /goals/find's filters. Without any filter that
// searches everyone's goals, only the authorizing user's are kept.
func goalFilter(c *call) (func(g map[string]any) bool, *reply) {
	var checks []func(g map[string]any) bool
	everyone := false
	enum := func(key string, allowed []string, get func(g map[string]any) any) *reply {
		v := c.q.Get(key)
		if v == "" {
			return nil
		}
		if !slices.Contains(allowed, v) {
			return badRequest(fmt.Sprintf("Invalid value for parameter %q: expected one of %s", key, strings.Join(allowed, ", ")))
		}
		everyone = true
		checks = append(checks, func(g map[string]any) bool { return get(g) == v })
		return nil
	}
	typ := func(g map[string]any) map[string]any { return g["type"].(map[string]any) }
	params := func(g map[string]any) map[string]any { return typ(g)["params"].(map[string]any) }
	assignee := func(g map[string]any) map[string]any { return g["assignee"].(map[string]any) }
	outcome := func(g map[string]any) map[string]any { return g["expected_outcome"].(map[string]any) }
	for _, rep := range []*reply{
		enum("type.name", goalFindTypes, func(g map[string]any) any { return typ(g)["name"] }),
		enum("assignee.type", goalAssignees, func(g map[string]any) any { return assignee(g)["type"] }),
		enum("expected_outcome.tracking_metric", goalMetrics, func(g map[string]any) any { return outcome(g)["tracking_metric"] }),
	} {
		if rep != nil {
			return nil, rep
		}
	}
	for _, f := range []struct {
		key string
		get func(g map[string]any) any
	}{
		{"assignee.id", func(g map[string]any) any { return assignee(g)["id"] }},
		{"expected_outcome.currency_id", func(g map[string]any) any { return outcome(g)["currency_id"] }},
		{"type.params.stage_id", func(g map[string]any) any { return params(g)["stage_id"] }},
	} {
		get := f.get
		n, has, rep := queryInt(c.q, f.key)
		if rep != nil {
			return nil, rep
		}
		if has {
			everyone = true
			checks = append(checks, func(g map[string]any) bool { return get(g) == n })
		}
	}
	if s := c.q.Get("expected_outcome.target"); s != "" {
		want, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, badRequest(`Invalid value for parameter "expected_outcome.target": expected a number`)
		}
		everyone = true
		checks = append(checks, func(g map[string]any) bool { f, _ := toFloat(outcome(g)["target"]); return f == want })
	}
	for _, key := range []string{"type.params.pipeline_id", "type.params.activity_type_id"} {
		if !c.q.Has(key) {
			continue
		}
		var want []int
		for _, s := range c.q[key] {
			n, err := strconv.Atoi(s)
			if err != nil || n <= 0 {
				return nil, badRequest(fmt.Sprintf("Invalid value for parameter %q: expected ids", key))
			}
			want = append(want, n)
		}
		everyone = true
		name := strings.TrimPrefix(key, "type.params.")
		checks = append(checks, func(g map[string]any) bool {
			have, _ := params(g)[name].([]any)
			for _, id := range want {
				if !slices.Contains(have, any(id)) {
					return false
				}
			}
			return true
		})
	}
	if title := c.q.Get("title"); title != "" {
		checks = append(checks, func(g map[string]any) bool { return g["title"] == title })
	}
	active := true
	if s := c.q.Get("is_active"); s != "" {
		b, okay := toBool(s)
		if !okay {
			return nil, badRequest(`Invalid value for parameter "is_active": expected true or false`)
		}
		active = b
	}
	checks = append(checks, func(g map[string]any) bool { return g["is_active"] == active })
	start, rep := queryDate(c.q, "period.start")
	if rep != nil {
		return nil, rep
	}
	end, rep := queryDate(c.q, "period.end")
	if rep != nil {
		return nil, rep
	}
	switch {
	case (start == "") != (end == ""):
		return nil, badRequest(`"period.start" and "period.end" go together`)
	case start != "":
		checks = append(checks, func(g map[string]any) bool {
			d := g["duration"].(map[string]any)
			e, open := d["end"].(string)
			return d["start"].(string) <= end && (!open || e >= start)
		})
	}
	if !everyone {
		me := c.st.meID
		checks = append(checks, func(g map[string]any) bool {
			a := assignee(g)
			return g["owner_id"] == me || (a["type"] == "person" && a["id"] == me)
		})
	}
	return func(g map[string]any) bool {
		for _, ok := range checks {
			if !ok(g) {
				return false
			}
		}
		return true
	}, nil
}

// goalProgress counts (or sums) what a goal tracks from start to end,
// both days included: won, started, progressed deals, the forecast of
// open deals expected to close then, completed or added activities. A
// person's goal counts what that user owns.
func goalProgress(c *call, g map[string]any, start, end string) int {
	from, _ := time.Parse(time.DateOnly, start)
	to, _ := time.Parse(time.DateOnly, end)
	to = to.AddDate(0, 0, 1)
	in := func(t time.Time) bool { return !t.IsZero() && !t.Before(from) && t.Before(to) }
	typ := g["type"].(map[string]any)
	params := typ["params"].(map[string]any)
	a := g["assignee"].(map[string]any)
	owner := 0
	if a["type"] == "person" {
		owner = a["id"].(int)
	}
	ids := func(key string) []any { l, _ := params[key].([]any); return l }
	pipelines, actTypes := ids("pipeline_id"), ids("activity_type_id")
	sum := g["expected_outcome"].(map[string]any)["tracking_metric"] == "sum"
	total := 0.0
	switch name := typ["name"].(string); name {
	case "activities_completed", "activities_added":
		keys := map[string]bool{}
		for _, row := range activityTypesV1().table(c.st).rows {
			if slices.Contains(actTypes, row["id"]) {
				keys[fmt.Sprint(row["key_string"])] = true
			}
		}
		for _, act := range c.st.activities.rows {
			switch {
			case act.Deleted, owner != 0 && act.OwnerID != owner, len(actTypes) > 0 && !keys[act.Type]:
				continue
			case name == "activities_completed" && act.Done && in(act.MarkedAsDoneTime),
				name == "activities_added" && in(act.AddTime):
				total++
			}
		}
	default:
		for _, d := range c.st.deals.rows {
			if d.Deleted || owner != 0 && d.OwnerID != owner || len(pipelines) > 0 && !slices.Contains(pipelines, any(d.PipelineID)) {
				continue
			}
			var counted bool
			switch name {
			case "deals_won":
				counted = d.Status == "won" && in(d.WonTime)
			case "deals_started":
				counted = in(d.AddTime)
			case "deals_progressed":
				counted = in(d.StageChangeTime) && (params["stage_id"] == nil || params["stage_id"] == d.StageID)
			case "revenue_forecast":
				counted = d.Status == "open" && d.ExpectedCloseDate >= start && d.ExpectedCloseDate <= end && d.ExpectedCloseDate != ""
			}
			switch {
			case !counted:
			case sum:
				total += d.Value
			default:
				total++
			}
		}
	}
	return int(math.Round(total))
}
