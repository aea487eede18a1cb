package pipedrivetest

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// What Pipedrive keeps about a deal, person or organization beside its
// fields (API v1, current): the changelog of its fields, the flow of
// updates (changes, activities, notes), its files and mail messages, the
// users who may see it, and merging (and for deals, duplicating).

// changelogged are the resources whose field changes are logged, with the
// object name of a change in the flow.
var changelogged = map[string]string{"deals": "dealChange", "persons": "personChange", "organizations": "organizationChange"}

// notLogged are the fields Pipedrive derives rather than changes: they
// never appear in a changelog.
var notLogged = map[string]bool{
	"update_time": true, "stage_change_time": true, "last_activity_id": true, "next_activity_id": true,
	"last_activity_date": true, "next_activity_date": true, "next_activity_time": true,
}

// logChanges appends to the changelog of row id of path one entry per
// field whose value differs between the snapshots before and after (v2
// shapes; custom fields by key).
func (c *call) logChanges(path string, id int, before, after map[string]any) {
	if before == nil || after == nil {
		return
	}
	log, _ := c.st.children(path + "/" + strconv.Itoa(id) + "/changelog")
	now := c.st.clock()
	add := func(key string, old, cur any) {
		if notLogged[key] || sameJSON(old, cur) {
			return
		}
		if key == "owner_id" && path == "deals" {
			key = "user_id" // the v1 name, which changelogs use
		}
		log.seq++
		log.rows = append(log.rows, map[string]any{
			"id": log.seq, "field_key": key, "old_value": changeText(old), "new_value": changeText(cur),
			"actor_user_id": c.st.meID, "time": now, "change_source": "api",
			"change_source_user_agent": c.r.UserAgent(), "is_bulk_update_flag": false,
		})
	}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range after {
			if !yield(k) {
				return
			}
		}
	})
	for _, k := range keys {
		if k != "custom_fields" {
			add(k, before[k], after[k])
			continue
		}
		old, _ := before[k].(map[string]any)
		cur, _ := after[k].(map[string]any)
		for _, ck := range slices.Sorted(func(yield func(string) bool) {
			for ck := range cur {
				if !yield(ck) {
					return
				}
			}
		}) {
			add(ck, old[ck], cur[ck])
		}
	}
}

// changeText renders a value as changelogs show it: text, or null.
func changeText(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		return x
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// historyKinds are the v1 resources with history, with their "not found"
// noun and the id field of an activity or note that links to them.
var historyKinds = []struct{ path, noun string }{
	{"deals", "Deal"}, {"persons", "Person"}, {"organizations", "Organization"},
}

// registerHistoryV1 adds changelog, flow, files, mail messages, permitted
// users and merge for deals, persons and organizations, and deal
// duplication.
func registerHistoryV1(rt *router) {
	for _, k := range historyKinds {
		base := "/" + k.path + "/{id}"
		rt.handle("GET "+base+"/changelog", 20, func(c *call) *reply { return changelogV1(c, k.path) })
		rt.handle("GET "+base+"/flow", 40, func(c *call) *reply { return flowV1(c, k.path) })
		rt.handle("GET "+base+"/permittedUsers", 10, func(c *call) *reply { return permittedUsers(c, k.path) })
		// Files come from the files table; the fake keeps no mail, so
		// mail lists are empty, as for an account that never synced a
		// mailbox.
		rt.handle("GET "+base+"/files", 20, func(c *call) *reply {
			if _, _, found := c.st.parentOwner(k.path, c.id); !found {
				return notFound(k.noun)
			}
			return itemFiles(c, map[string]string{"deals": "deal_id", "persons": "person_id", "organizations": "org_id"}[k.path])
		})
		rt.handle("GET "+base+"/mailMessages", 20, func(c *call) *reply {
			if _, _, found := c.st.parentOwner(k.path, c.id); !found {
				return notFound(k.noun)
			}
			return emptyPage(c, v1MaxLimit)
		})
		rt.handle("PUT "+base+"/merge", 40, func(c *call) *reply { return merge(c, k.path) })
	}
	rt.handle("POST /deals/{id}/duplicate", 10, duplicateDeal)
}

// emptyPage answers an empty v1 list (the fake keeps no files and no
// mail), refusing a limit above maxLimit as Pipedrive does for files.
func emptyPage(c *call, maxLimit int) *reply {
	if limit, _, rep := queryInt(c.q, "limit"); rep != nil || limit > maxLimit {
		return badRequest(fmt.Sprintf("limit must be from 1 to %d", maxLimit))
	}
	_, _, additional, rep := paginate(c.q, 0)
	if rep != nil {
		return rep
	}
	return ok(http.StatusOK, []any{}, additional, nil)
}

// changelogV1 lists the field changes of an entity, newest first, paged
// by cursor.
func changelogV1(c *call, path string) *reply {
	if _, _, found := c.st.parentOwner(path, c.id); !found {
		return notFound(nounOf(path))
	}
	log, _ := c.st.children(path + "/" + strconv.Itoa(c.id) + "/changelog")
	rows := slices.Clone(log.rows)
	slices.Reverse(rows)
	start, end, next, rep := cursorPage(c.q, len(rows), 500)
	if rep != nil {
		return rep
	}
	data := make([]map[string]any, 0, end-start)
	for _, r := range rows[start:end] {
		e := map[string]any{}
		for _, k := range []string{"field_key", "old_value", "new_value", "actor_user_id", "change_source", "change_source_user_agent", "is_bulk_update_flag"} {
			e[k] = r[k]
		}
		e["time"] = ts(r["time"].(time.Time))
		data = append(data, e)
	}
	return ok(http.StatusOK, data, map[string]any{"next_cursor": next}, nil)
}

// flowV1 is an entity's updates: its field changes, activities and notes,
// newest first. items limits the kinds (comma-separated objects).
func flowV1(c *call, path string) *reply {
	if _, _, found := c.st.parentOwner(path, c.id); !found {
		return notFound(nounOf(path))
	}
	want := map[string]bool{}
	for _, it := range commaList(c.q.Get("items")) {
		want[it] = true
	}
	type item struct {
		object string
		at     time.Time
		data   map[string]any
	}
	var items []item
	keep := func(object string) bool { return len(want) == 0 || want[object] }
	links := func(dealID, personID, orgID int) bool {
		switch path {
		case "deals":
			return dealID == c.id
		case "persons":
			return personID == c.id
		}
		return orgID == c.id
	}
	if object := changelogged[path]; keep(object) {
		log, _ := c.st.children(path + "/" + strconv.Itoa(c.id) + "/changelog")
		for _, r := range log.rows {
			at := r["time"].(time.Time)
			items = append(items, item{object, at, map[string]any{
				"id": r["id"], "item_id": c.id, "user_id": r["actor_user_id"], "field_key": r["field_key"],
				"old_value": r["old_value"], "new_value": r["new_value"], "is_bulk_update_flag": r["is_bulk_update_flag"],
				"log_time": ts(at), "change_source": r["change_source"], "change_source_user_agent": r["change_source_user_agent"],
				"additional_data": []any{},
			}})
		}
	}
	if keep("activity") {
		for _, a := range c.st.activities.rows {
			if !a.Deleted && links(a.DealID, a.PersonID, a.OrgID) {
				items = append(items, item{"activity", a.AddTime, activityV1(c, a)})
			}
		}
	}
	if keep("note") {
		for _, n := range c.st.notes.rows {
			if !n.Deleted && links(n.DealID, n.PersonID, n.OrgID) {
				items = append(items, item{"note", n.AddTime, noteV1(c, n)})
			}
		}
	}
	slices.SortStableFunc(items, func(a, b item) int { return b.at.Compare(a.at) })
	start, end, additional, rep := paginate(c.q, len(items))
	if rep != nil {
		return rep
	}
	data := make([]map[string]any, 0, end-start)
	for _, it := range items[start:end] {
		data = append(data, map[string]any{"object": it.object, "timestamp": ts(it.at), "data": it.data})
	}
	return ok(http.StatusOK, data, additional, nil)
}

// permittedUsers lists the ids of the users who may see an entity: every
// active user when it is visible to the company (Pipedrive's default),
// else its owner and the admins.
func permittedUsers(c *call, path string) *reply {
	owner, _, found := c.st.parentOwner(path, c.id)
	if !found {
		return notFound(nounOf(path))
	}
	visibleTo := 3
	switch path {
	case "deals":
		visibleTo = c.st.deals.byID[c.id].VisibleTo
	case "persons":
		visibleTo = c.st.persons.byID[c.id].VisibleTo
	case "organizations":
		visibleTo = c.st.orgs.byID[c.id].VisibleTo
	}
	ids := []int{}
	for _, u := range c.st.users.rows {
		if u.Deleted {
			continue
		}
		if visibleTo != 1 || u.ID == owner || u.Admin {
			ids = append(ids, u.ID)
		}
	}
	return ok(http.StatusOK, ids, nil, nil)
}

// renderV1 renders row id of path in its v1 shape.
func renderV1(c *call, path string, id int) map[string]any {
	apis.once.Do(func() { apis.v1, apis.v2 = newV1Router(), newV2Router() })
	renderers.Lock()
	fn := renderers.v1[path]
	renderers.Unlock()
	return fn(c, id)
}

// merge merges entity c.id into merge_with_id: what pointed at it (its
// activities and notes; a person's or organization's deals; an
// organization's persons; its followers) moves to the other one, and it
// is deleted. The answer is the entity that remains.
func merge(c *call, path string) *reply {
	f, rep := c.fields()
	if rep != nil {
		return rep
	}
	into, present, err := f.integer("merge_with_id")
	switch {
	case !present:
		return badRequest(`Parameter "merge_with_id" is required`)
	case err != nil || into <= 0:
		return badRequest(`Invalid value for field "merge_with_id": expected a positive integer`)
	case into == c.id:
		return badRequest("An item cannot be merged with itself")
	}
	for _, id := range []int{c.id, into} {
		if _, _, found := c.st.parentOwner(path, id); !found {
			return notFound(nounOf(path))
		}
	}
	from := c.id
	before := c.snapshot(path, from)
	targetBefore := c.snapshot(path, into)
	move := func(ref *int) {
		if *ref == from {
			*ref = into
		}
	}
	for _, a := range c.st.activities.rows {
		switch path {
		case "deals":
			move(&a.DealID)
		case "persons":
			move(&a.PersonID)
		default:
			move(&a.OrgID)
		}
	}
	for _, n := range c.st.notes.rows {
		switch path {
		case "deals":
			move(&n.DealID)
		case "persons":
			move(&n.PersonID)
		default:
			move(&n.OrgID)
		}
	}
	now := c.st.clock()
	switch path {
	case "deals":
		d := c.st.deals.byID[from]
		d.Deleted, d.UpdateTime = true, now
	case "persons":
		for _, d := range c.st.deals.rows {
			move(&d.PersonID)
		}
		p := c.st.persons.byID[from]
		p.Deleted, p.UpdateTime = true, now
	case "organizations":
		for _, d := range c.st.deals.rows {
			move(&d.OrgID)
		}
		for _, p := range c.st.persons.rows {
			move(&p.OrgID)
		}
		o := c.st.orgs.byID[from]
		o.Deleted, o.UpdateTime = true, now
	}
	// Followers of the merged entity follow the remaining one.
	if src := c.st.crud[path+"/"+strconv.Itoa(from)+"/followers"]; src != nil {
		c.id = into
		dst, _, _ := followers(c, path)
		for _, r := range src.rows {
			if !slices.ContainsFunc(dst.rows, func(d map[string]any) bool { return d["user_id"] == r["user_id"] }) {
				dst.seq++
				dst.rows = append(dst.rows, map[string]any{"id": dst.seq, "user_id": r["user_id"], "add_time": r["add_time"]})
			}
		}
		c.id = from
	}
	c.emit(path, "delete", from, before)
	c.emit(path, "change", into, targetBefore)
	return ok(http.StatusOK, flatRefs(renderV1(c, path, into)), nil, nil)
}

// flatRefs replaces the reference objects of a v1 rendering ({"name":..,
// "value": 5}) by their ids, as the merge and duplicate answers have them.
func flatRefs(m map[string]any) map[string]any {
	for k, v := range m {
		if ref, ok := v.(map[string]any); ok {
			if id, ok := ref["value"]; ok {
				m[k] = id
			}
		}
	}
	return m
}

// duplicateDeal copies a deal (fields, custom fields, links) into a new
// one.
func duplicateDeal(c *call) *reply {
	src, found := c.st.deals.live(c.id)
	if !found {
		return notFound("Deal")
	}
	d := cloneRow(src)
	d.record = c.st.newRecord()
	d.Custom = maps.Clone(src.Custom)
	d.CreatorUserID = c.st.meID
	c.st.deals.insert(d)
	c.emit("deals", "create", d.ID, nil)
	return ok(http.StatusOK, flatRefs(renderV1(c, "deals", d.ID)), nil, nil)
}
