package pipedrivetest

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Projects (API v2), declared on the generic store: boards and their
// phases, projects on a board's phase (linked to deals, persons and
// organizations; archived apart; their field changes logged), tasks of a
// project (subtasks one level deep), read-only templates. API v1 adds a
// project's plan (where its activities and tasks stand: a phase and a
// group), its groups, activities and tasks.
//
// A deleted project is marked deleted (status "deleted"), as Pipedrive
// does: the lists show it only when their status filter names "deleted";
// everything else answers 404 for it.

var seedTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)

func boardsV2() *crudResource {
	r := &crudResource{
		path: "boards", noun: "Project board", update: "PATCH", times: true, cursor: true, createStatus: http.StatusOK,
		cost: struct{ list, get, create, update, delete int }{10, 10, 5, 5, 3},
		fields: []crudField{
			{name: "name", kind: crudString, required: true},
			{name: "order_nr", kind: crudInt, positive: true},
		},
		seed: []map[string]any{{"id": 1, "name": "Delivery", "order_nr": 1, "add_time": seedTime, "update_time": seedTime}},
		check: func(c *call, row map[string]any) *reply {
			if strings.TrimSpace(fmt.Sprint(row["name"])) == "" {
				return badRequest("A board needs a name")
			}
			if row["order_nr"] == nil {
				row["order_nr"] = len(boardsRes.table(c.st).rows) + 1
			}
			return nil
		},
		canDelete: func(c *call, row map[string]any) *reply {
			for _, p := range projectsRes.table(c.st).rows {
				if p["board_id"] == row["id"] && !projectDeleted(p) {
					return badRequest("The board has projects: move or delete them first")
				}
			}
			return nil
		},
		afterWrite: func(c *call) {
			// A deleted board takes its phases along.
			t := phasesRes.table(c.st)
			t.rows = slices.DeleteFunc(t.rows, func(p map[string]any) bool { return boardsRes.table(c.st).find(p["board_id"]) < 0 })
		},
	}
	return r
}

func phasesV2() *crudResource {
	return &crudResource{
		path: "phases", noun: "Project phase", update: "PATCH", times: true, cursor: true, createStatus: http.StatusOK,
		cost: struct{ list, get, create, update, delete int }{10, 10, 5, 5, 3},
		fields: []crudField{
			{name: "name", kind: crudString, required: true},
			{name: "board_id", kind: crudInt, required: true, positive: true},
			{name: "order_nr", kind: crudInt, positive: true},
		},
		seed: []map[string]any{
			{"id": 1, "name": "Planning", "board_id": 1, "order_nr": 1, "add_time": seedTime, "update_time": seedTime},
			{"id": 2, "name": "In progress", "board_id": 1, "order_nr": 2, "add_time": seedTime, "update_time": seedTime},
			{"id": 3, "name": "Done", "board_id": 1, "order_nr": 3, "add_time": seedTime, "update_time": seedTime},
		},
		check: func(c *call, row map[string]any) *reply {
			if strings.TrimSpace(fmt.Sprint(row["name"])) == "" {
				return badRequest("A phase needs a name")
			}
			if boardsRes.table(c.st).find(row["board_id"]) < 0 {
				return notFound("Project board")
			}
			if row["order_nr"] == nil {
				n := 1
				for _, p := range phasesRes.table(c.st).rows {
					if p["board_id"] == row["board_id"] {
						n++
					}
				}
				row["order_nr"] = n
			}
			return nil
		},
		canDelete: func(c *call, row map[string]any) *reply {
			for _, p := range projectsRes.table(c.st).rows {
				if p["phase_id"] == row["id"] && !projectDeleted(p) {
					return badRequest("The phase has projects: move them first")
				}
			}
			return nil
		},
		filter: func(c *call) (func(map[string]any) bool, *reply) {
			board, has, rep := v2QueryInt(c.q, "board_id")
			if rep != nil {
				return nil, rep
			}
			if !has {
				return nil, badRequest(`Parameter "board_id" is required`)
			}
			return func(row map[string]any) bool { return row["board_id"] == board }, nil
		},
	}
}

func templatesV2() *crudResource {
	return &crudResource{
		path: "projectTemplates", noun: "Project template", readOnly: true, cursor: true,
		cost: struct{ list, get, create, update, delete int }{10, 1, 0, 0, 0},
		seed: []map[string]any{
			{"id": 1, "title": "Customer onboarding", "description": "Kick-off, set-up and training", "projects_board_id": 1, "add_time": seedTime, "update_time": seedTime},
			{"id": 2, "title": "Renewal", "description": "Review, offer and signature", "projects_board_id": 1, "add_time": seedTime, "update_time": seedTime},
		},
		render: func(c *call, row map[string]any) map[string]any {
			row["owner_id"] = c.st.meID
			return row
		},
	}
}

// normIDList checks a list of positive ids.
func normIDList(_ *call, v any) (any, *reply) {
	arr, ok := v.([]any)
	if !ok {
		return nil, badRequest("Expected an array of ids")
	}
	out := make([]any, 0, len(arr))
	for _, x := range arr {
		n, ok := toInt(x)
		if !ok || n <= 0 {
			return nil, badRequest("Expected an array of positive integer ids")
		}
		out = append(out, n)
	}
	return out, nil
}

// normDate checks a YYYY-MM-DD date.
func normDate(_ *call, v any) (any, *reply) {
	if v == nil {
		return nil, nil
	}
	s, ok := v.(string)
	if _, err := time.Parse(time.DateOnly, s); !ok || err != nil {
		return nil, badRequest(fmt.Sprintf("Invalid date %v: expected YYYY-MM-DD", v))
	}
	return s, nil
}

func projectsV2() *crudResource {
	return &crudResource{
		path: "projects", noun: "Project", update: "PATCH", times: true, cursor: true,
		cost: struct{ list, get, create, update, delete int }{10, 1, 5, 5, 3},
		fields: []crudField{
			{name: "title", kind: crudString, required: true},
			{name: "description", kind: crudString, def: ""},
			{name: "status", kind: crudString, enum: []string{"open", "completed", "canceled"}, def: "open"},
			{name: "board_id", kind: crudInt, positive: true},
			{name: "phase_id", kind: crudInt, positive: true},
			{name: "owner_id", kind: crudInt, positive: true},
			{name: "start_date", kind: crudRaw, norm: normDate},
			{name: "end_date", kind: crudRaw, norm: normDate},
			{name: "deal_ids", kind: crudRaw, norm: normIDList, def: []any{}},
			{name: "person_ids", kind: crudRaw, norm: normIDList, def: []any{}},
			{name: "org_ids", kind: crudRaw, norm: normIDList, def: []any{}},
			{name: "label_ids", kind: crudRaw, norm: normIDList, def: []any{}},
			{name: "health_status", kind: crudInt, nullable: true},
			{name: "template_id", kind: crudInt, positive: true},
			{name: "custom_fields", kind: crudRaw, norm: normProjectCustom, def: map[string]any{}},
		},
		check:      checkProject,
		canDelete:  func(*call, map[string]any) *reply { return nil },
		afterWrite: purgeProjectItems,
		filter:     projectFilter(false),
		render: func(c *call, row map[string]any) map[string]any {
			// Values of deleted custom fields are gone.
			cf := map[string]any{}
			for k, v := range row["custom_fields"].(map[string]any) {
				if d := c.st.fieldByCode("project", k); d != nil && d.custom {
					cf[k] = v
				}
			}
			row["custom_fields"] = cf
			for _, k := range []string{"start_date", "end_date", "template_id"} {
				if row[k] == nil {
					delete(row, k)
				}
			}
			delete(row, "template_id")
			return row
		},
	}
}

// normProjectCustom checks custom_fields: an object keyed by the codes of
// project custom fields, where null clears a value (an empty array does
// not clear a set field: Pipedrive refuses it).
func normProjectCustom(c *call, v any) (any, *reply) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, badRequest(`Invalid value for field "custom_fields": expected an object`)
	}
	out := make(map[string]any, len(m))
	for k, x := range m {
		d := c.st.fieldByCode("project", k)
		if d == nil || !d.custom {
			return nil, badRequest(fmt.Sprintf("Unknown custom field %q", k))
		}
		if arr, isArr := x.([]any); isArr && len(arr) == 0 && d.typ == "set" {
			return nil, badRequest(fmt.Sprintf("Custom field %q: clear a set field with null, not []", k))
		}
		out[k] = x
	}
	return out, nil
}

// checkProject applies the rules of a project about to be stored.
func checkProject(c *call, row map[string]any) *reply {
	if strings.TrimSpace(fmt.Sprint(row["title"])) == "" {
		return badRequest("A project needs a title")
	}
	if row["owner_id"] == nil {
		row["owner_id"] = c.st.meID
	}
	if row["board_id"] == nil {
		if t := boardsRes.table(c.st); len(t.rows) > 0 {
			row["board_id"] = t.rows[0]["id"]
		}
	}
	if boardsRes.table(c.st).find(row["board_id"]) < 0 {
		return notFound("Project board")
	}
	phases := phasesRes.table(c.st)
	if row["phase_id"] == nil {
		for _, p := range phases.rows {
			if p["board_id"] == row["board_id"] {
				row["phase_id"] = p["id"]
				break
			}
		}
	}
	if i := phases.find(row["phase_id"]); i < 0 || phases.rows[i]["board_id"] != row["board_id"] {
		return badRequest("The phase is not on the project's board")
	}
	if tpl, ok := row["template_id"].(int); ok && templatesRes.table(c.st).find(tpl) < 0 {
		return notFound("Project template")
	}
	for key, path := range map[string]string{"deal_ids": "deals", "person_ids": "persons", "org_ids": "organizations"} {
		ids, _ := row[key].([]any)
		for _, id := range ids {
			if _, _, found := c.st.parentOwner(path, id.(int)); !found {
				return notFound(nounOf(path))
			}
		}
	}
	if s, e := fmt.Sprint(row["start_date"]), fmt.Sprint(row["end_date"]); row["start_date"] != nil && row["end_date"] != nil && e < s {
		return badRequest("end_date is before start_date")
	}
	now := c.st.clock().Format(time.RFC3339)
	if id, ok := row["id"].(int); ok {
		t := projectsRes.table(c.st)
		if i := t.find(id); i >= 0 {
			if t.rows[i]["status"] != row["status"] {
				row["status_change_time"] = now
			}
			// An update changes the custom fields it names only.
			merged := cloneMap(t.rows[i]["custom_fields"].(map[string]any))
			maps.Copy(merged, row["custom_fields"].(map[string]any))
			row["custom_fields"] = merged
		}
	} else {
		row["status_change_time"], row["archive_time"] = now, nil
	}
	return nil
}

// purgeProjectItems drops the tasks of deleted projects.
func purgeProjectItems(c *call) {
	t := tasksRes.table(c.st)
	t.rows = slices.DeleteFunc(t.rows, func(r map[string]any) bool { return liveProject(c, r["project_id"]) < 0 })
}

// projectDeleted reports whether a project row is marked deleted.
func projectDeleted(r map[string]any) bool { return r["status"] == "deleted" }

// liveProject is the index of a project that is not deleted, or -1.
func liveProject(c *call, id any) int {
	t := projectsRes.table(c.st)
	if i := t.find(id); i >= 0 && !projectDeleted(t.rows[i]) {
		return i
	}
	return -1
}

// projectFilter parses the filters of the project lists.
func projectFilter(archived bool) func(c *call) (func(map[string]any) bool, *reply) {
	return func(c *call) (func(map[string]any) bool, *reply) {
		keep := func(map[string]any) bool { return true }
		if id, has, rep := v2QueryInt(c.q, "filter_id"); rep != nil {
			return nil, rep
		} else if has {
			saved, rep := savedFilter(c, "projects", id)
			if rep != nil {
				return nil, rep
			}
			keep = func(r map[string]any) bool { return saved(r["id"].(int)) }
		}
		var statuses []string
		for s := range strings.SplitSeq(c.q.Get("status"), ",") {
			if s = strings.TrimSpace(s); s != "" {
				statuses = append(statuses, s)
			}
		}
		want := map[string]int{}
		for _, k := range []string{"phase_id", "deal_id", "person_id", "org_id"} {
			n, has, rep := v2QueryInt(c.q, k)
			if rep != nil {
				return nil, rep
			}
			if has {
				want[k] = n
			}
		}
		for _, s := range statuses {
			if !slices.Contains([]string{"open", "completed", "canceled", "deleted"}, s) {
				return nil, badRequest(fmt.Sprintf(`Invalid value for parameter "status": %q (allowed: open, completed, canceled, deleted)`, s))
			}
		}
		return func(r map[string]any) bool {
			if (r["archive_time"] != nil) != archived || !keep(r) {
				return false
			}
			if projectDeleted(r) && !slices.Contains(statuses, "deleted") {
				return false
			}
			if len(statuses) > 0 && !slices.Contains(statuses, fmt.Sprint(r["status"])) {
				return false
			}
			for k, n := range want {
				if k == "phase_id" {
					if r[k] != n {
						return false
					}
					continue
				}
				list, _ := r[strings.TrimSuffix(k, "_id")+"_ids"].([]any)
				if !slices.Contains(list, any(n)) {
					return false
				}
			}
			return true
		}, nil
	}
}

func tasksV2() *crudResource {
	return &crudResource{
		path: "tasks", noun: "Task", update: "PATCH", times: true, cursor: true,
		cost: struct{ list, get, create, update, delete int }{10, 1, 5, 5, 3},
		fields: []crudField{
			{name: "title", kind: crudString, required: true},
			{name: "project_id", kind: crudInt, required: true, positive: true},
			{name: "parent_task_id", kind: crudInt, nullable: true, positive: true},
			{name: "description", kind: crudString, nullable: true},
			{name: "done", kind: crudInt, ints: []int{0, 1}, def: 0},
			{name: "milestone", kind: crudInt, ints: []int{0, 1}, def: 0},
			{name: "due_date", kind: crudRaw, norm: normDate},
			{name: "start_date", kind: crudRaw, norm: normDate},
			{name: "assignee_id", kind: crudInt, nullable: true, positive: true},
			{name: "assignee_ids", kind: crudRaw, norm: normIDList, def: []any{}},
			{name: "priority", kind: crudInt, nullable: true},
		},
		check: func(c *call, row map[string]any) *reply {
			if title := strings.TrimSpace(fmt.Sprint(row["title"])); title == "" || len([]rune(title)) > 255 {
				return badRequest("A task's title is 1 to 255 characters")
			}
			if liveProject(c, row["project_id"]) < 0 {
				return notFound("Project")
			}
			if parent, ok := row["parent_task_id"].(int); ok {
				t := tasksRes.table(c.st)
				i := t.find(parent)
				switch {
				case i < 0:
					return notFound("Task")
				case t.rows[i]["parent_task_id"] != nil:
					return badRequest("The parent task is a subtask: subtasks are one level deep")
				case t.rows[i]["project_id"] != row["project_id"]:
					return badRequest("The parent task is in another project")
				case parent == row["id"]:
					return badRequest("A task cannot be its own parent")
				}
			}
			switch {
			case row["done"] == 1 && row["marked_as_done_time"] == nil:
				row["marked_as_done_time"] = c.st.clock().Format(time.RFC3339)
			case row["done"] == 0:
				row["marked_as_done_time"] = nil
			}
			return nil
		},
		onCreate: func(c *call, row map[string]any) { row["creator_id"] = c.st.meID },
		afterWrite: func(c *call) {
			// A deleted task takes its subtasks along.
			t := tasksRes.table(c.st)
			t.rows = slices.DeleteFunc(t.rows, func(r map[string]any) bool {
				p, ok := r["parent_task_id"].(int)
				return ok && t.find(p) < 0
			})
		},
		filter: func(c *call) (func(map[string]any) bool, *reply) {
			want := map[string]any{}
			for _, k := range []string{"project_id", "assignee_id"} {
				n, has, rep := v2QueryInt(c.q, k)
				if rep != nil {
					return nil, rep
				}
				if has {
					want[k] = n
				}
			}
			for k, key := range map[string]string{"is_done": "done", "is_milestone": "milestone"} {
				b, has, rep := v2QueryBool(c.q, k)
				if rep != nil {
					return nil, rep
				}
				if has {
					want[key] = map[bool]int{false: 0, true: 1}[b]
				}
			}
			parent := c.q.Get("parent_task_id")
			return func(r map[string]any) bool {
				for k, v := range want {
					if k == "assignee_id" {
						if r[k] != v && !slices.Contains(assignees(r), v.(int)) {
							return false
						}
						continue
					}
					if r[k] != v {
						return false
					}
				}
				switch parent {
				case "":
				case "null":
					return r["parent_task_id"] == nil
				default:
					return fmt.Sprint(r["parent_task_id"]) == parent
				}
				return true
			}, nil
		},
		render: func(c *call, row map[string]any) map[string]any {
			row["is_done"], row["is_milestone"] = row["done"] == 1, row["milestone"] == 1
			ids := []any{}
			for _, id := range assignees(row) {
				ids = append(ids, id)
			}
			row["assignee_ids"] = ids
			delete(row, "done")
			delete(row, "milestone")
			delete(row, "assignee_id")
			return row
		},
	}
}

// assignees are a task's assignee_id and assignee_ids, once each.
func assignees(r map[string]any) []int {
	var out []int
	if id, ok := r["assignee_id"].(int); ok {
		out = append(out, id)
	}
	list, _ := r["assignee_ids"].([]any)
	for _, x := range list {
		if id := x.(int); !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// The project resources refer to each other's tables; they are built in
// init, apart from their declarations, to keep them out of an
// initialization cycle.
var boardsRes, phasesRes, templatesRes, projectsRes, tasksRes *crudResource

func init() {
	boardsRes, phasesRes, templatesRes, projectsRes, tasksRes = boardsV2(), phasesV2(), templatesV2(), projectsV2(), tasksV2()
}

// registerProjectsV2 serves projects, tasks, boards, phases and templates
// (API v2).
func registerProjectsV2(rt *router) {
	for _, res := range []*crudResource{boardsRes, phasesRes, templatesRes, tasksRes} {
		res.register(rt)
	}
	archived := *projectsRes
	archived.filter = projectFilter(true)
	rt.handle("GET /projects", 10, projectsRes.list)
	rt.handle("GET /projects/archived", 10, archived.list)
	rt.handle("GET /projects/{id}", 1, func(c *call) *reply {
		if liveProject(c, c.id) < 0 {
			return notFound("Project")
		}
		return projectsRes.get(c)
	})
	rt.handle("POST /projects", 5, projectsRes.create)
	rt.handle("DELETE /projects/{id}", 3, func(c *call) *reply {
		// Pipedrive marks the project deleted; its tasks go.
		t := projectsRes.table(c.st)
		i := liveProject(c, c.id)
		if i < 0 {
			return notFound("Project")
		}
		row := cloneMap(t.rows[i])
		now := c.st.clock().Format(time.RFC3339)
		row["status"], row["status_change_time"], row["update_time"] = "deleted", now, now
		t.rows[i] = row
		purgeProjectItems(c)
		return okV2(map[string]any{"id": c.id})
	})
	rt.handle("PATCH /projects/{id}", 5, func(c *call) *reply {
		t := projectsRes.table(c.st)
		i := liveProject(c, c.id)
		if i < 0 {
			return notFound("Project")
		}
		old := cloneMap(t.rows[i])
		rep := projectsRes.change(c)
		if rep.status == http.StatusOK {
			logProjectChange(c, old, t.rows[t.find(c.id)])
		}
		return rep
	})
	rt.handle("POST /projects/{id}/archive", 3, func(c *call) *reply {
		t := projectsRes.table(c.st)
		i := liveProject(c, c.id)
		if i < 0 {
			return notFound("Project")
		}
		row := cloneMap(t.rows[i])
		if row["archive_time"] == nil {
			now := c.st.clock().Format(time.RFC3339)
			row["archive_time"], row["update_time"] = now, now
			logProjectChange(c, t.rows[i], row)
			t.rows[i] = row
		}
		return okV2(projectsRes.out(c, row))
	})
	rt.handle("GET /projects/{id}/permittedUsers", 5, func(c *call) *reply {
		t := projectsRes.table(c.st)
		i := liveProject(c, c.id)
		if i < 0 {
			return notFound("Project")
		}
		ids := []any{c.st.meID}
		if owner := t.rows[i]["owner_id"]; owner != c.st.meID {
			ids = append(ids, owner)
		}
		return okV2(ids)
	})
	rt.handle("GET /projects/{id}/changelog", 10, func(c *call) *reply {
		if liveProject(c, c.id) < 0 {
			return notFound("Project")
		}
		log, _ := c.st.children("projects/" + strconv.Itoa(c.id) + "/changelog")
		rows := slices.Clone(log.rows)
		slices.Reverse(rows) // newest first
		start, end, next, rep := cursorPage(c.q, len(rows), v2MaxLimit)
		if rep != nil {
			return rep
		}
		return okV2List(rows[start:end], next)
	})
	rt.handle("GET /projects/search", 20, searchProjects)
}

// logProjectChange records the fields an update changed.
func logProjectChange(c *call, old, cur map[string]any) {
	oldV, newV := map[string]any{}, map[string]any{}
	for k, v := range cur {
		if k == "update_time" || k == "status_change_time" {
			continue
		}
		if fmt.Sprint(old[k]) != fmt.Sprint(v) {
			oldV[k], newV[k] = old[k], v
		}
	}
	if len(newV) == 0 {
		return
	}
	log, _ := c.st.children("projects/" + fmt.Sprint(cur["id"]) + "/changelog")
	log.rows = append(log.rows, map[string]any{"time": c.st.clock().Format(time.RFC3339), "actor_user_id": c.st.meID,
		"change_source": "api", "change_source_user_agent": nil, "old_values": oldV, "new_values": newV})
}

// searchProjects finds projects by title, description, custom field
// values or the notes attached to them.
func searchProjects(c *call) *reply {
	term := strings.TrimSpace(c.q.Get("term"))
	exact := c.q.Get("exact_match") == "true"
	if len([]rune(term)) < 2 && !(exact && term != "") {
		return badRequest("The search term must be at least 2 characters long (1 with exact_match)")
	}
	fieldsWanted := []string{"title", "description", "custom_fields", "notes"}
	if f := c.q.Get("fields"); f != "" {
		fieldsWanted = strings.Split(f, ",")
		for _, w := range fieldsWanted {
			if !slices.Contains([]string{"title", "description", "custom_fields", "notes"}, w) {
				return badRequest(fmt.Sprintf(`Invalid value for parameter "fields": %q (allowed: custom_fields, notes, title, description)`, w))
			}
		}
	}
	person, hasPerson, rep := v2QueryInt(c.q, "person_id")
	if rep != nil {
		return rep
	}
	org, hasOrg, rep := v2QueryInt(c.q, "organization_id")
	if rep != nil {
		return rep
	}
	match := func(s string) bool {
		if exact {
			return strings.EqualFold(s, term)
		}
		return strings.Contains(strings.ToLower(s), strings.ToLower(term))
	}
	var items []any
	for _, r := range projectsRes.table(c.st).rows {
		if projectDeleted(r) {
			continue
		}
		if (hasPerson && !slices.Contains(r["person_ids"].([]any), any(person))) || (hasOrg && !slices.Contains(r["org_ids"].([]any), any(org))) {
			continue
		}
		hit := false
		hits := map[string][]string{}
		for _, f := range fieldsWanted {
			switch f {
			case "title", "description":
				hit = hit || match(fmt.Sprint(r[f]))
			case "custom_fields":
				cf, _ := r["custom_fields"].(map[string]any)
				for _, v := range cf {
					if s, ok := v.(string); ok && match(s) {
						hit, hits[f] = true, append(hits[f], s)
					}
				}
			case "notes":
				for _, n := range c.st.notes.rows {
					if !n.Deleted && n.ProjectID == r["id"] && match(n.Content) {
						hit, hits[f] = true, append(hits[f], n.Content)
					}
				}
			}
		}
		if !hit {
			continue
		}
		// The first linked person, organization and deal, as item search
		// shows them.
		var personRef, orgRef, dealRef any
		if ids, _ := r["person_ids"].([]any); len(ids) > 0 {
			if p, found := c.st.persons.get(ids[0].(int)); found {
				personRef = map[string]any{"id": p.ID, "name": p.Name}
			}
		}
		if ids, _ := r["org_ids"].([]any); len(ids) > 0 {
			if o, found := c.st.orgs.get(ids[0].(int)); found {
				orgRef = map[string]any{"id": o.ID, "name": o.Name, "address": strOrNil(o.Address)}
			}
		}
		if ids, _ := r["deal_ids"].([]any); len(ids) > 0 {
			if d, found := c.st.deals.get(ids[0].(int)); found {
				dealRef = map[string]any{"id": d.ID, "title": d.Title}
			}
		}
		var phase any
		if i := phasesRes.table(c.st).find(r["phase_id"]); i >= 0 {
			p := phasesRes.table(c.st).rows[i]
			phase = map[string]any{"id": p["id"], "name": p["name"]}
		}
		score := 0.5
		if strings.EqualFold(fmt.Sprint(r["title"]), term) {
			score = 1
		}
		item := map[string]any{"id": r["id"], "type": "project", "title": r["title"], "status": r["status"],
			"owner": map[string]any{"id": r["owner_id"]}, "board_id": r["board_id"], "phase": phase,
			"person": personRef, "organization": orgRef, "deal": dealRef, "deal_count": len(r["deal_ids"].([]any)),
			"description": r["description"], "end_date": r["end_date"], "custom_fields": nonNil(hits["custom_fields"]), "notes": nonNil(hits["notes"])}
		items = append(items, map[string]any{"result_score": score, "item": item})
	}
	start, end, next, rep := cursorPage(c.q, len(items), v2MaxLimit)
	if rep != nil {
		return rep
	}
	return jsonReply(http.StatusOK, map[string]any{"success": true, "data": map[string]any{"items": append([]any{}, items[start:end]...)},
		"additional_data": map[string]any{"next_cursor": next}})
}

// ---- API v1: plan, groups, activities, tasks ----

// projectGroups returns a project's groups, creating the default one.
func projectGroups(c *call, id int) *crudTable {
	t, _ := c.st.children("projects/" + strconv.Itoa(id) + "/groups")
	if len(t.rows) == 0 {
		t.rows = append(t.rows, map[string]any{"id": 1, "name": "Tasks", "order_nr": 1})
	}
	return t
}

// projectPlan is a project's plan: its tasks, then the activities linked
// to it (by project_id) or placed in it, each in a phase and a group (the
// project's phase and the first group until placed).
func projectPlan(c *call, id int) []map[string]any {
	placed, _ := c.st.children("projects/" + strconv.Itoa(id) + "/plan")
	p := projectsRes.table(c.st).rows[liveProject(c, id)]
	find := func(kind string, itemID any) map[string]any {
		for _, r := range placed.rows {
			if r["item_type"] == kind && r["item_id"] == itemID {
				return r
			}
		}
		return nil
	}
	var out []map[string]any
	add := func(kind string, itemID any) {
		if r := find(kind, itemID); r != nil {
			out = append(out, cloneMap(r))
			return
		}
		out = append(out, map[string]any{"item_id": itemID, "item_type": kind, "phase_id": p["phase_id"], "group_id": 1})
	}
	for _, task := range tasksRes.table(c.st).rows {
		if task["project_id"] == id {
			add("task", task["id"])
		}
	}
	for _, a := range c.st.activities.rows {
		if a.Deleted {
			continue
		}
		if (a.ProjectID != nil && *a.ProjectID == id) || find("activity", a.ID) != nil {
			add("activity", a.ID)
		}
	}
	return out
}

// projectActivityV1 is an activity as a project's activity list shows it:
// API v1's activity, without the fields the answer's schema leaves out
// and with no null where it allows none.
func projectActivityV1(c *call, a *activity, project int) map[string]any {
	doneTime := ""
	if !a.MarkedAsDoneTime.IsZero() {
		doneTime = a.MarkedAsDoneTime.Format(time.DateTime)
	}
	m := map[string]any{"id": a.ID, "subject": a.Subject, "type": a.Type, "done": a.Done, "project_id": project,
		"lead_id": strOrNil(a.LeadID), "user_id": a.OwnerID, "company_id": c.st.company.ID, "active_flag": true,
		"public_description": a.PublicDescription, "marked_as_done_time": doneTime,
		"add_time": ts(a.AddTime), "update_time": ts(a.UpdateTime)}
	for k, v := range map[string]string{"due_date": a.DueDate, "due_time": a.DueTime, "duration": a.Duration, "location": a.Location} {
		if v != "" {
			m[k] = v
		}
	}
	for k, v := range map[string]int{"deal_id": a.DealID, "person_id": a.PersonID, "org_id": a.OrgID, "update_user_id": a.UpdateUserID} {
		if v > 0 {
			m[k] = v
		}
	}
	if a.BusyFlag != nil {
		m["busy_flag"] = *a.BusyFlag
	}
	for _, part := range addressParts {
		if v, found := a.LocationParts[part]; found {
			m["location_"+part] = v
		}
	}
	return m
}

func registerProjectsV1(rt *router) {
	project := func(c *call) *reply {
		if liveProject(c, c.id) < 0 {
			return notFound("Project")
		}
		return nil
	}
	rt.handle("GET /projects/{id}/groups", 20, func(c *call) *reply {
		if rep := project(c); rep != nil {
			return rep
		}
		return ok(http.StatusOK, projectGroups(c, c.id).rows, nil, nil)
	})
	rt.handle("GET /projects/{id}/plan", 20, func(c *call) *reply {
		if rep := project(c); rep != nil {
			return rep
		}
		return ok(http.StatusOK, projectPlan(c, c.id), nil, nil)
	})
	place := func(kind string) func(c *call) *reply {
		return func(c *call) *reply {
			if rep := project(c); rep != nil {
				return rep
			}
			switch kind {
			case "activity":
				if _, found := c.st.activities.live(c.sub); !found {
					return notFound("Activity")
				}
			case "task":
				t := tasksRes.table(c.st)
				if i := t.find(c.sub); i < 0 || t.rows[i]["project_id"] != c.id {
					return notFound("Task")
				}
			}
			f, rep := c.fields()
			if rep != nil {
				return rep
			}
			phase, hasPhase, err := f.integer("phase_id")
			group, hasGroup, err2 := f.integer("group_id")
			if err != nil || err2 != nil || (!hasPhase && !hasGroup) {
				return badRequest("Give phase_id or group_id as integers")
			}
			var cur map[string]any
			for _, r := range projectPlan(c, c.id) {
				if r["item_type"] == kind && r["item_id"] == c.sub {
					cur = cloneMap(r)
				}
			}
			if cur == nil {
				p := projectsRes.table(c.st).rows[projectsRes.table(c.st).find(c.id)]
				cur = map[string]any{"item_id": c.sub, "item_type": kind, "phase_id": p["phase_id"], "group_id": 1}
			}
			if hasPhase {
				if phasesRes.table(c.st).find(phase) < 0 {
					return notFound("Project phase")
				}
				cur["phase_id"] = phase
			}
			if hasGroup {
				if projectGroups(c, c.id).find(group) < 0 {
					return notFound("Group")
				}
				cur["group_id"] = group
			}
			placed, _ := c.st.children("projects/" + strconv.Itoa(c.id) + "/plan")
			placed.rows = slices.DeleteFunc(placed.rows, func(r map[string]any) bool { return r["item_type"] == kind && r["item_id"] == c.sub })
			placed.rows = append(placed.rows, cur)
			return ok(http.StatusOK, cur, nil, nil)
		}
	}
	rt.handle("PUT /projects/{id}/plan/activities/{sub}", 10, place("activity"))
	rt.handle("PUT /projects/{id}/plan/tasks/{sub}", 10, place("task"))
	rt.handle("GET /projects/{id}/activities", 20, func(c *call) *reply {
		if rep := project(c); rep != nil {
			return rep
		}
		data := []any{}
		for _, r := range projectPlan(c, c.id) {
			if r["item_type"] != "activity" {
				continue
			}
			if a, found := c.st.activities.live(r["item_id"].(int)); found {
				data = append(data, projectActivityV1(c, a, c.id))
			}
		}
		return ok(http.StatusOK, data, nil, nil)
	})
	rt.handle("GET /projects/{id}/tasks", 20, func(c *call) *reply {
		if rep := project(c); rep != nil {
			return rep
		}
		data := []any{}
		for _, r := range tasksRes.table(c.st).rows {
			if r["project_id"] != c.id {
				continue
			}
			m := map[string]any{"id": r["id"], "title": r["title"], "project_id": c.id, "description": cmpStr(r["description"]),
				"assignee_ids": assigneesAny(r), "done": r["done"], "creator_id": r["creator_id"],
				"add_time": v1Stamp(r["add_time"]), "update_time": v1Stamp(r["update_time"])}
			for _, k := range []string{"parent_task_id", "assignee_id", "due_date"} {
				if r[k] != nil {
					m[k] = r[k]
				}
			}
			if r["marked_as_done_time"] != nil {
				m["marked_as_done_time"] = v1Stamp(r["marked_as_done_time"])
			}
			data = append(data, m)
		}
		return ok(http.StatusOK, data, nil, nil)
	})
}

func cmpStr(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

func assigneesAny(r map[string]any) []any {
	out := []any{}
	for _, id := range assignees(r) {
		out = append(out, id)
	}
	return out
}
