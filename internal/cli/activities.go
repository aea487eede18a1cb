package cli

import (
	"context"
	"flag"
	"sort"
	"strings"

	"github.com/gopipedrive/pipedrive"
)

func activitiesResource() *resource {
	return &resource{
		view:    view{singular: "activity", plural: "activities", columns: []string{"ID", "TYPE", "SUBJECT", "DUE", "DONE", "DEAL", "PERSON", "ORG"}},
		summary: "Activities (calls, meetings, tasks ...): list, get, create, update, delete",
		v1:      func(c *pipedrive.Client) backend { return activitiesV1{unsupported{"activities"}, c} },
		v2:      func(c *pipedrive.Client) backend { return activitiesV2{unsupported{"activities"}, c} },
		verbs:   []string{"list", "get", "create", "update", "delete"},
		// API v2 activities have no custom fields.
		entity: pipedrive.EntityActivity, noV2Custom: true,
		checkInput: func(ctx context.Context, a *app, in *input) error {
			if !in.typ.set {
				return nil
			}
			return a.checkActivityTypes(ctx, in.typ.v)
		},
		checkQuery: func(ctx context.Context, a *app, q *query) error { return a.checkActivityTypes(ctx, q.types.v...) },
		listFlags: func(fs *flag.FlagSet, q *query) {
			fs.Var(&q.owner, "owner", "only activities of this user id (v1: 0 means every user)")
			fs.Var(&q.filter, "filter", "apply this saved filter, by id or name (see filters list)")
			fs.Var(&q.done, "done", "only done (--done) or not done (--done=false) activities")
			q.types.split = true
			fs.Var(&q.types, "type", "only these types, comma-separated, e.g. call,meeting (v1)")
			fs.Var(&q.from, "from", "only activities due on or after this date, YYYY-MM-DD (v1)")
			fs.Var(&q.to, "to", "only activities due on or before this date, YYYY-MM-DD (v1)")
			fs.Var(&q.deal, "deal", "only activities of this deal id (v2)")
			fs.Var(&q.person, "person", "only activities of this person id (v2)")
			fs.Var(&q.org, "org", "only activities of this organization id (v2)")
			fs.Var(&q.sort, "sort", `sort, e.g. "due_date DESC" (v2)`)
		},
		writeFlags: func(fs *flag.FlagSet, in *input, create bool) {
			fs.Var(&in.subject, "subject", "what the activity is about")
			fs.Var(&in.typ, "type", "activity type key, e.g. call, meeting, task")
			fs.Var(&in.dueDate, "due-date", "due date, YYYY-MM-DD")
			fs.Var(&in.dueTime, "due-time", "due time, HH:MM (UTC)")
			fs.Var(&in.duration, "duration", "duration, HH:MM")
			fs.Var(&in.deal, "deal", "deal id")
			fs.Var(&in.person, "person", "person id")
			fs.Var(&in.org, "org", "organization id")
			fs.Var(&in.owner, "owner", "user id the activity is assigned to")
			fs.Var(&in.note, "note", "note (HTML allowed)")
			fs.Var(&in.location, "location", "location address")
			fs.Var(&in.done, "done", "mark done (--done) or not done (--done=false)")
			fs.Var(&in.busy, "busy", "mark the time as busy in calendars")
			addSetFlag(fs, in)
		},
	}
}

func dueCell(date pipedrive.Date, clock string) string {
	return strings.TrimSpace(string(date) + " " + clock)
}

type activitiesV1 struct {
	unsupported
	c *pipedrive.Client
}

func activityV1Cells(a *pipedrive.Activity) []string {
	return []string{itoa(a.ID), cell(a.Type), cell(a.Subject), dueCell(a.DueDate, a.DueTime), boolCell(a.Done),
		refCell(a.DealID, a.DealTitle), refCell(a.PersonID, a.PersonName), refCell(a.OrgID, a.OrgName)}
}

func (b activitiesV1) list(ctx context.Context, q *query, pos string) (page, error) {
	if err := only(apiV1, "activities list", "deal", q.deal.set, "person", q.person.set, "org", q.org.set, "sort", q.sort.set); err != nil {
		return page{}, err
	}
	start, err := v1Start(pos)
	if err != nil {
		return page{}, err
	}
	opts := &pipedrive.ActivityListOptions{
		UserID: intp(q.owner), FilterID: q.filter.v, Types: q.types.v,
		StartDate: pipedrive.Date(q.from.v), EndDate: pipedrive.Date(q.to.v),
		ListOptions: pipedrive.ListOptions{Start: start, Limit: q.limit.v},
	}
	if q.done.set {
		opts.Done = pipedrive.ActivityUndoneOnly
		if q.done.v {
			opts.Done = pipedrive.ActivityDoneOnly
		}
	}
	items, resp, err := b.c.Activities.List(ctx, opts)
	if err != nil {
		return page{}, err
	}
	return page{rows: rows(items, activityV1Cells), next: v1Next(resp)}, nil
}

func (b activitiesV1) get(ctx context.Context, id int) (row, error) {
	a, _, err := b.c.Activities.Get(ctx, id)
	if err != nil {
		return row{}, err
	}
	return row{a, activityV1Cells(a)}, nil
}

func (b activitiesV1) create(ctx context.Context, in *input) (row, error) {
	a, _, err := b.c.Activities.Create(ctx, &pipedrive.ActivityCreateParams{
		Subject: in.subject.v, Type: in.typ.v, DueDate: pipedrive.Date(in.dueDate.v), DueTime: in.dueTime.v,
		Duration: in.duration.v, DealID: in.deal.v, PersonID: in.person.v, OrgID: in.org.v, UserID: in.owner.v,
		Note: in.note.v, Location: in.location.v, BusyFlag: boolp(in.busy), Done: in.done.v, CustomFields: in.custom,
	})
	if err != nil {
		return row{}, err
	}
	return row{a, activityV1Cells(a)}, nil
}

func (b activitiesV1) update(ctx context.Context, id int, in *input) (row, error) {
	p := &pipedrive.ActivityUpdateParams{
		Subject: strp(in.subject), Type: strp(in.typ), DueTime: strp(in.dueTime), Duration: strp(in.duration),
		DealID: intp(in.deal), PersonID: intp(in.person), OrgID: intp(in.org), UserID: intp(in.owner),
		Note: strp(in.note), Location: strp(in.location), BusyFlag: boolp(in.busy), Done: boolp(in.done),
		CustomFields: in.custom,
	}
	if in.dueDate.set {
		p.DueDate = pipedrive.Ptr(pipedrive.Date(in.dueDate.v))
	}
	a, _, err := b.c.Activities.Update(ctx, id, p)
	if err != nil {
		return row{}, err
	}
	return row{a, activityV1Cells(a)}, nil
}

func (b activitiesV1) delete(ctx context.Context, id int) error {
	_, err := b.c.Activities.Delete(ctx, id)
	return err
}

type activitiesV2 struct {
	unsupported
	c *pipedrive.Client
}

func activityV2Cells(a *pipedrive.V2Activity) []string {
	return []string{itoa(a.ID), cell(a.Type), cell(a.Subject), dueCell(a.DueDate, a.DueTime), boolCell(a.Done),
		idCell(a.DealID), idCell(a.PersonID), idCell(a.OrgID)}
}

func (b activitiesV2) list(ctx context.Context, q *query, pos string) (page, error) {
	if err := only(apiV2, "activities list", "type", q.types.set, "from", q.from.set, "to", q.to.set); err != nil {
		return page{}, err
	}
	by, dir := sortSpec(q.sort.v)
	items, resp, err := b.c.V2.Activities.List(ctx, &pipedrive.V2ActivityListOptions{
		FilterID: q.filter.v, OwnerID: q.owner.v, DealID: q.deal.v, PersonID: q.person.v, OrgID: q.org.v,
		Done: boolp(q.done), SortBy: by, SortDirection: dir,
		V2ListOptions: pipedrive.V2ListOptions{Cursor: pos, Limit: q.limit.v},
	})
	if err != nil {
		return page{}, err
	}
	return page{rows: rows(items, activityV2Cells), next: v2Next(resp)}, nil
}

func (b activitiesV2) get(ctx context.Context, id int) (row, error) {
	a, _, err := b.c.V2.Activities.Get(ctx, id)
	if err != nil {
		return row{}, err
	}
	return row{a, activityV2Cells(a)}, nil
}

// noCustom refuses --set where API v2 has no custom fields.
func noCustom(in *input, cmd string) error {
	return only(apiV2, cmd, "set", len(in.custom) > 0)
}

func (b activitiesV2) create(ctx context.Context, in *input) (row, error) {
	if err := noCustom(in, "activities create"); err != nil {
		return row{}, err
	}
	p := &pipedrive.V2ActivityCreateParams{
		Subject: in.subject.v, Type: in.typ.v, OwnerID: in.owner.v, DealID: in.deal.v, PersonID: in.person.v,
		OrgID: in.org.v, DueDate: pipedrive.Date(in.dueDate.v), DueTime: in.dueTime.v, Duration: in.duration.v,
		Busy: boolp(in.busy), Done: in.done.v, Note: in.note.v,
	}
	if in.location.set {
		p.Location = &pipedrive.V2Address{Value: in.location.v}
	}
	a, _, err := b.c.V2.Activities.Create(ctx, p)
	if err != nil {
		return row{}, err
	}
	return row{a, activityV2Cells(a)}, nil
}

func (b activitiesV2) update(ctx context.Context, id int, in *input) (row, error) {
	if err := noCustom(in, "activities update"); err != nil {
		return row{}, err
	}
	p := &pipedrive.V2ActivityUpdateParams{
		Subject: fstr(in.subject), Type: fstr(in.typ), OwnerID: fint(in.owner), DealID: fint(in.deal),
		PersonID: fint(in.person), OrgID: fint(in.org), DueTime: fstr(in.dueTime), Duration: fstr(in.duration),
		Busy: fbool(in.busy), Done: fbool(in.done), Note: fstr(in.note),
	}
	if in.dueDate.set {
		p.DueDate = pipedrive.Set(pipedrive.Date(in.dueDate.v))
	}
	if in.location.set {
		p.Location = pipedrive.Set(pipedrive.V2Address{Value: in.location.v})
	}
	a, _, err := b.c.V2.Activities.Update(ctx, id, p)
	if err != nil {
		return row{}, err
	}
	return row{a, activityV2Cells(a)}, nil
}

func (b activitiesV2) delete(ctx context.Context, id int) error {
	_, err := b.c.V2.Activities.Delete(ctx, id)
	return err
}

// checkActivityTypes refuses --type values that are not the key of one
// of the account's active activity types. The types are listed once per
// run (one request), before anything is written.
func (a *app) checkActivityTypes(ctx context.Context, keys ...string) error {
	if len(keys) == 0 {
		return nil
	}
	if a.activityTypes == nil {
		cl, err := a.client(ctx)
		if err != nil {
			return err
		}
		ts, _, err := cl.ActivityTypes.List(ctx)
		if err != nil {
			return err
		}
		a.activityTypes = map[string]bool{}
		for _, t := range ts {
			a.activityTypes[t.KeyString] = bool(t.ActiveFlag)
		}
	}
	for _, k := range keys {
		active, found := a.activityTypes[k]
		if found && active {
			continue
		}
		var valid []string
		for key, on := range a.activityTypes {
			if on {
				valid = append(valid, key)
			}
		}
		sort.Strings(valid)
		why := "not an activity type of this account"
		if found {
			why = "a deactivated activity type"
		}
		return usagef("invalid --type %q: %s (one of %s; see pipedrive activities types list)", k, why, strings.Join(valid, ", "))
	}
	return nil
}
