package cli

import (
	"context"
	"flag"
	"slices"
	"strconv"
	"strings"

	"github.com/gopipedrive/pipedrive"
)

// adminCommands are goals, mailbox, meetings, roles and permission sets
// (API v1).
func adminCommands() []*command {
	return []*command{goalsCommand(), mailboxCommand(), meetingsCommand(), rolesCommand(), permissionSetsCommand()}
}

func floatCell(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// printSettings prints a map of settings: a KEY/VALUE table, or its JSON.
func printSettings[V any](a *app, settings map[string]V, cell func(V) string) error {
	if a.g.output != formatTable {
		return a.printOne(view{}, row{settings, nil})
	}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range settings {
			if !yield(k) {
				return
			}
		}
	})
	return a.printPage(view{singular: "setting", plural: "settings", columns: []string{"SETTING", "VALUE"}},
		page{rows: rows(keys, func(k string) []string { return []string{k, cell(settings[k])} })})
}

// goalsCommand is `goals list|create|update|delete|result`.
func goalsCommand() *command {
	v := view{singular: "goal", plural: "goals", columns: []string{"ID", "TITLE", "TYPE", "ASSIGNEE", "TARGET", "INTERVAL", "START", "END", "ACTIVE"}}
	cells := func(g *pipedrive.Goal) []string {
		return []string{g.ID, cell(g.Title), string(g.Type.Name), string(g.Assignee.Type) + " " + itoa(g.Assignee.ID),
			floatCell(g.ExpectedOutcome.Target) + " " + string(g.ExpectedOutcome.TrackingMetric), string(g.Interval),
			string(g.Duration.Start), string(g.Duration.End), boolCell(g.IsActive)}
	}

	var find pipedrive.GoalFindOptions
	var inactive bool
	var findPipelines listFlag
	list := argsCommand("list", "", "Find goals (yours, unless a filter searches everyone's)", func(fs *flag.FlagSet) {
		fs.Func("type", "deals_won, deals_progressed, activities_completed, activities_added or deals_started", func(s string) error {
			find.TypeName = pipedrive.GoalTypeName(s)
			return nil
		})
		fs.StringVar(&find.Title, "title", "", "the exact title")
		fs.IntVar(&find.AssigneeID, "assignee", 0, "the assignee's id")
		fs.Func("assignee-type", "person, company or team", func(s string) error {
			find.AssigneeType = pipedrive.GoalAssigneeType(s)
			return nil
		})
		fs.Var(&findPipelines, "pipeline", "a pipeline id the goal tracks; repeatable")
		fs.BoolVar(&inactive, "inactive", false, "list the inactive goals instead of the active ones")
		fs.Func("from", "with --to: goals whose duration overlaps the period (YYYY-MM-DD)", func(s string) error {
			find.PeriodStart = pipedrive.Date(s)
			return nil
		})
		fs.Func("to", "the period's end (YYYY-MM-DD)", func(s string) error { find.PeriodEnd = pipedrive.Date(s); return nil })
	}, func(ctx context.Context, a *app, cl *pipedrive.Client, _ []string) error {
		ids, err := findPipelines.ints("pipeline")
		if err != nil {
			return err
		}
		find.PipelineIDs = ids
		if inactive {
			find.IsActive = pipedrive.Ptr(false)
		}
		gs, _, err := cl.Goals.Find(ctx, &find)
		if err != nil {
			return err
		}
		return a.printPage(v, page{rows: rows(gs, cells)})
	})

	// create and update share their flags.
	type goalFlags struct {
		title, typ, assigneeType, metric, start, end, interval string
		assignee, currency, stage                              int
		target                                                 optFloat
		pipelines, activityTypes                               listFlag
	}
	register := func(f *goalFlags, create bool) func(fs *flag.FlagSet) {
		return func(fs *flag.FlagSet) {
			fs.StringVar(&f.title, "title", "", "the goal's title")
			fs.Var(&f.target, "target", "the target: a count, or a sum with --metric sum")
			fs.StringVar(&f.metric, "metric", "", "quantity or sum (sum: also --currency)")
			fs.IntVar(&f.currency, "currency", 0, "the currency id of a sum goal")
			fs.StringVar(&f.start, "start", "", "the first day, YYYY-MM-DD")
			fs.StringVar(&f.end, "end", "", "the last day, YYYY-MM-DD (none: open-ended)")
			fs.StringVar(&f.interval, "interval", "", "weekly, monthly, quarterly or yearly")
			if !create {
				return
			}
			fs.StringVar(&f.typ, "type", "", "deals_won, deals_progressed, deals_started, activities_completed, activities_added or revenue_forecast")
			fs.IntVar(&f.assignee, "assignee", 0, "the assignee's id (default: you, or the company with --assignee-type company)")
			fs.StringVar(&f.assigneeType, "assignee-type", "person", "person, company or team")
			fs.Var(&f.pipelines, "pipeline", "a pipeline id to track (default: every pipeline); repeatable")
			fs.IntVar(&f.stage, "stage", 0, "the stage deals reach (deals_progressed)")
			fs.Var(&f.activityTypes, "activity-type", "an activity type id to count (default: every type); repeatable")
		}
	}
	params := func(f *goalFlags, create bool) (*pipedrive.GoalParams, error) {
		p := &pipedrive.GoalParams{Title: f.title, Interval: pipedrive.GoalInterval(f.interval)}
		switch {
		case f.target.set:
			metric := pipedrive.GoalMetric(f.metric)
			if metric == "" && create {
				metric = pipedrive.GoalQuantity
			}
			if metric == "" {
				return nil, usagef("--target needs --metric (quantity or sum): the target is replaced whole")
			}
			p.ExpectedOutcome = &pipedrive.GoalOutcome{Target: f.target.v, TrackingMetric: metric, CurrencyID: f.currency}
		case f.metric != "" || f.currency != 0:
			return nil, usagef("--metric and --currency go with --target")
		}
		switch {
		case f.start != "":
			p.Duration = &pipedrive.GoalDuration{Start: pipedrive.Date(f.start), End: pipedrive.Date(f.end)}
		case f.end != "":
			return nil, usagef("--end needs --start: the duration is replaced whole")
		}
		if create {
			activities, err := f.activityTypes.ints("activity-type")
			if err != nil {
				return nil, err
			}
			pipelines, err := f.pipelines.ints("pipeline")
			if err != nil {
				return nil, err
			}
			// No id given: every pipeline, every activity type (null).
			if len(pipelines) == 0 {
				pipelines = nil
			}
			if len(activities) == 0 {
				activities = nil
			}
			p.Type = &pipedrive.GoalType{Name: pipedrive.GoalTypeName(f.typ), Params: pipedrive.GoalTypeParams{
				PipelineIDs: pipelines, StageID: f.stage, ActivityTypeIDs: activities}}
			p.Assignee = &pipedrive.GoalAssignee{ID: f.assignee, Type: pipedrive.GoalAssigneeType(f.assigneeType)}
		}
		return p, nil
	}
	var cf, uf goalFlags
	create := argsCommand("create", "", "Create a goal (--type, --target and --start required)", register(&cf, true),
		func(ctx context.Context, a *app, cl *pipedrive.Client, _ []string) error {
			p, err := params(&cf, true)
			if err != nil {
				return err
			}
			if p.Interval == "" {
				p.Interval = pipedrive.GoalMonthly
			}
			if p.Assignee.ID == 0 {
				// The assignee defaults to the authorizing user, or their
				// company.
				me, _, err := cl.Users.Me(ctx)
				if err != nil {
					return err
				}
				p.Assignee.ID = me.ID
				if p.Assignee.Type == pipedrive.GoalAssigneeCompany {
					p.Assignee.ID = me.CompanyID
				}
			}
			g, _, err := cl.Goals.Create(ctx, p)
			if err != nil {
				return err
			}
			return a.printOne(v, row{g, cells(g)})
		})
	update := argsCommand("update", "GOAL_ID", "Change a goal's title, target, duration or interval", register(&uf, false),
		func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			p, err := params(&uf, false)
			if err != nil {
				return err
			}
			g, _, err := cl.Goals.Update(ctx, argv[0], p)
			if err != nil {
				return err
			}
			return a.printOne(v, row{g, cells(g)})
		})
	var from, to string
	result := argsCommand("result", "GOAL_ID", "A goal's progress over a period (--from and --to required)", func(fs *flag.FlagSet) {
		fs.StringVar(&from, "from", "", "the period's first day, YYYY-MM-DD (within the goal's duration)")
		fs.StringVar(&to, "to", "", "the period's last day, YYYY-MM-DD")
	}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
		r, _, err := cl.Goals.Result(ctx, argv[0], pipedrive.Date(from), pipedrive.Date(to))
		if err != nil {
			return err
		}
		rv := view{singular: "result", plural: "results", columns: []string{"GOAL", "TITLE", "PROGRESS", "TARGET"}}
		var title, target string
		if r.Goal != nil {
			title, target = r.Goal.Title, floatCell(r.Goal.ExpectedOutcome.Target)
		}
		return a.printOne(rv, row{r, []string{argv[0], cell(title), itoa(r.Progress), target}})
	})
	return &command{name: "goals", summary: "Goals: list, create, update, delete, result", subs: []*command{
		list, create, update,
		argsCommand("delete", "GOAL_ID", "Delete a goal", nil, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			if _, err := cl.Goals.Delete(ctx, argv[0]); err != nil {
				return err
			}
			return a.printDeleted("goal", argv[0])
		}),
		result,
	}}
}

// mailboxCommand is `mailbox threads|thread|messages|message|update|delete`.
func mailboxCommand() *command {
	tv := view{singular: "thread", plural: "threads", columns: []string{"ID", "SUBJECT", "FROM", "MESSAGES", "READ", "LAST MESSAGE"}}
	tcells := func(t *pipedrive.MailThread) []string {
		from := ""
		if len(t.Parties.From) > 0 {
			from = t.Parties.From[0].EmailAddress
		}
		return []string{itoa(t.ID), cell(t.Subject), from, itoa(t.MessageCount), boolCell(bool(t.ReadFlag)), timeCell(t.LastMessageTimestamp.Time)}
	}
	mv := view{singular: "message", plural: "messages", columns: []string{"ID", "THREAD", "SUBJECT", "FROM", "TIME"}}
	mcells := func(m *pipedrive.MailboxMessage) []string {
		from := ""
		if len(m.From) > 0 {
			from = m.From[0].EmailAddress
		}
		return []string{itoa(m.ID), itoa(m.MailThreadID), cell(m.Subject), from, timeCell(m.MessageTime.Time)}
	}
	var folder string
	var body bool
	var up pipedrive.MailThreadUpdateParams
	var read, shared, archived optBool
	return &command{name: "mailbox", summary: "Mail threads and messages: list, show, link to a deal, archive, delete", subs: []*command{
		argsCommand("threads", "", "List the threads of a folder, most recent first", func(fs *flag.FlagSet) {
			fs.StringVar(&folder, "folder", "inbox", "inbox, drafts, sent or archive")
		}, func(ctx context.Context, a *app, cl *pipedrive.Client, _ []string) error {
			ts, err := collect(cl.Mailbox.ThreadsAll(ctx, &pipedrive.MailThreadListOptions{Folder: pipedrive.MailFolder(folder)}))
			if err != nil {
				return err
			}
			return a.printPage(tv, page{rows: rows(ts, tcells)})
		}),
		idsCommand("thread", "THREAD_ID", "Show a mail thread", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			t, _, err := cl.Mailbox.Thread(ctx, ids[0])
			if err != nil {
				return err
			}
			return a.printOne(tv, row{t, tcells(t)}, [2]string{"FOLDERS", strings.Join(t.Folders, ", ")}, [2]string{"DEAL", idCell(t.DealID)})
		}),
		idsCommand("messages", "THREAD_ID", "List the messages of a thread", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			ms, _, err := cl.Mailbox.ThreadMessages(ctx, ids[0])
			if err != nil {
				return err
			}
			return a.printPage(mv, page{rows: rows(ms, mcells)})
		}),
		argsCommand("message", "MESSAGE_ID", "Show a mail message (--body adds its body)", func(fs *flag.FlagSet) {
			fs.BoolVar(&body, "body", false, "include the message's body")
		}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			ids, err := parseIDs([]string{"MESSAGE_ID"}, argv)
			if err != nil {
				return err
			}
			m, _, err := cl.Mailbox.Message(ctx, ids[0], body)
			if err != nil {
				return err
			}
			return a.printOne(mv, row{m, mcells(m)}, [2]string{"BODY", m.Body})
		}),
		argsCommand("update", "THREAD_ID", "Link a thread to a deal or a lead; mark it read, shared or archived", func(fs *flag.FlagSet) {
			fs.IntVar(&up.DealID, "deal", 0, "link the thread to this deal")
			fs.StringVar(&up.LeadID, "lead", "", "link the thread to this lead (UUID)")
			fs.Var(&read, "read", "mark the thread read (--read=false: unread)")
			fs.Var(&shared, "shared", "share the thread with the company (--shared=false: stop)")
			fs.Var(&archived, "archived", "archive an inbox thread (--archived=false: back to the inbox)")
		}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			ids, err := parseIDs([]string{"THREAD_ID"}, argv)
			if err != nil {
				return err
			}
			for _, f := range []struct {
				v   optBool
				dst **bool
			}{{read, &up.Read}, {shared, &up.Shared}, {archived, &up.Archived}} {
				if f.v.set {
					*f.dst = pipedrive.Ptr(f.v.v)
				}
			}
			t, _, err := cl.Mailbox.UpdateThread(ctx, ids[0], &up)
			if err != nil {
				return err
			}
			return a.printOne(tv, row{t, tcells(t)}, [2]string{"FOLDERS", strings.Join(t.Folders, ", ")}, [2]string{"DEAL", idCell(t.DealID)})
		}),
		idsCommand("delete", "THREAD_ID", "Delete a mail thread", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			if _, err := cl.Mailbox.DeleteThread(ctx, ids[0]); err != nil {
				return err
			}
			return a.printDeleted("thread", itoa(ids[0]))
		}),
	}}
}

// meetingsCommand is `meetings link|unlink`: what a video-calling app
// tells Pipedrive when a user installs or removes it.
func meetingsCommand() *command {
	v := view{singular: "result", plural: "results", columns: []string{"MESSAGE"}}
	var p pipedrive.UserProviderLinkParams
	return &command{name: "meetings", summary: "Video-calling apps: link or unlink a user", subs: []*command{
		argsCommand("link", "LINK_UUID", "Link a user to your video-calling app (--user, --company, --client-id required)", func(fs *flag.FlagSet) {
			fs.IntVar(&p.UserID, "user", 0, "the Pipedrive user id")
			fs.IntVar(&p.CompanyID, "company", 0, "the Pipedrive company id")
			fs.StringVar(&p.MarketplaceClientID, "client-id", "", "your app's Marketplace client id")
		}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			p.UserProviderID = argv[0]
			r, _, err := cl.Meetings.LinkUserProvider(ctx, &p)
			if err != nil {
				return err
			}
			return a.printOne(v, row{r, []string{r.Message}})
		}),
		argsCommand("unlink", "LINK_UUID", "Remove a user's link to your video-calling app", nil, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			r, _, err := cl.Meetings.UnlinkUserProvider(ctx, argv[0])
			if err != nil {
				return err
			}
			return a.printOne(v, row{r, []string{r.Message}})
		}),
	}}
}

// rolesCommand is `roles list|get|create|update|delete|assignments|assign|
// unassign|settings|set-setting|pipelines|set-pipelines`.
func rolesCommand() *command {
	v := view{singular: "role", plural: "roles", columns: []string{"ID", "NAME", "PARENT", "USERS", "SUB-ROLES", "LEVEL"}}
	cells := func(r *pipedrive.Role) []string {
		return []string{itoa(r.ID), cell(r.Name), idCell(r.ParentRoleID), itoa(int(r.AssignmentCount)), itoa(int(r.SubRoleCount)), idCell(r.Level)}
	}
	av := view{singular: "assignment", plural: "assignments", columns: []string{"USER", "ROLE", "NAME", "ACTIVE"}}
	acells := func(r *pipedrive.RoleAssignment) []string {
		return []string{itoa(r.UserID), itoa(r.RoleID), cell(r.Name), boolCell(bool(r.ActiveFlag))}
	}
	pv := view{singular: "pipelines", plural: "pipelines", columns: []string{"VISIBLE", "PIPELINES"}}
	pcells := func(p *pipedrive.RolePipelines) []string {
		ids := make([]string, len(p.PipelineIDs))
		for i, id := range p.PipelineIDs {
			ids[i] = itoa(id)
		}
		return []string{boolCell(p.Visible), strings.Join(ids, ", ")}
	}
	show := func(ctx context.Context, a *app, cl *pipedrive.Client, id int) error {
		r, _, err := cl.Roles.Get(ctx, id)
		if err != nil {
			return err
		}
		return a.printOne(v, row{r, cells(r)})
	}
	settings := func(ctx context.Context, a *app, cl *pipedrive.Client, id int) error {
		s, _, err := cl.Roles.Settings(ctx, id)
		if err != nil {
			return err
		}
		return printSettings(a, s, func(n pipedrive.FlexInt) string { return itoa(int(n)) })
	}
	var newParent, upParent int
	var upName string
	var hidden bool
	showIDs, hideIDs := listFlag{split: true}, listFlag{split: true}
	return &command{name: "roles", summary: "Roles: the tree, assignments, visibility settings and pipelines", subs: []*command{
		noArgs("list", "List the roles", func(ctx context.Context, a *app, cl *pipedrive.Client) error {
			rs, err := collect(cl.Roles.All(ctx, &pipedrive.ListOptions{Limit: pipedrive.MaxLimit}))
			if err != nil {
				return err
			}
			return a.printPage(v, page{rows: rows(rs, cells)})
		}),
		idsCommand("get", "ROLE_ID", "Show a role", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			return show(ctx, a, cl, ids[0])
		}),
		argsCommand("create", "NAME", "Create a role (--parent puts it under another)", func(fs *flag.FlagSet) {
			fs.IntVar(&newParent, "parent", 0, "the parent role's id")
		}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			id, _, err := cl.Roles.Create(ctx, &pipedrive.RoleParams{Name: argv[0], ParentRoleID: newParent})
			if err != nil {
				return err
			}
			return show(ctx, a, cl, id)
		}),
		argsCommand("update", "ROLE_ID", "Rename a role (--name) or move it (--parent)", func(fs *flag.FlagSet) {
			fs.StringVar(&upName, "name", "", "the new name")
			fs.IntVar(&upParent, "parent", 0, "the new parent role's id")
		}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			ids, err := parseIDs([]string{"ROLE_ID"}, argv)
			if err != nil {
				return err
			}
			if _, err := cl.Roles.Update(ctx, ids[0], &pipedrive.RoleParams{Name: upName, ParentRoleID: upParent}); err != nil {
				return err
			}
			return show(ctx, a, cl, ids[0])
		}),
		idsCommand("delete", "ROLE_ID", "Delete a role (its users move to the default role)", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			if _, err := cl.Roles.Delete(ctx, ids[0]); err != nil {
				return err
			}
			return a.printDeleted("role", itoa(ids[0]))
		}),
		idsCommand("assignments", "ROLE_ID", "List the users assigned to a role", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			as, err := collect(cl.Roles.AssignmentsAll(ctx, ids[0], &pipedrive.ListOptions{Limit: pipedrive.MaxLimit}))
			if err != nil {
				return err
			}
			return a.printPage(av, page{rows: rows(as, acells)})
		}),
		idsCommand("assign", "ROLE_ID USER_ID", "Assign a user to a role", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			r, _, err := cl.Roles.Assign(ctx, ids[0], ids[1])
			if err != nil {
				return err
			}
			return a.printOne(av, row{r, acells(r)})
		}),
		idsCommand("unassign", "ROLE_ID USER_ID", "Remove a user from a role (back to the default role)", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			if _, err := cl.Roles.Unassign(ctx, ids[0], ids[1]); err != nil {
				return err
			}
			return a.printDeleted("assignment of user", itoa(ids[1]))
		}),
		idsCommand("settings", "ROLE_ID", "A role's default visibility settings", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			return settings(ctx, a, cl, ids[0])
		}),
		argsCommand("set-setting", "ROLE_ID KEY VALUE", "Set a default visibility: KEY deal_default_visibility..., VALUE 1, 3, 5 or 7", nil,
			func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
				ids, err := parseIDs([]string{"ROLE_ID"}, argv[:1])
				if err != nil {
					return err
				}
				value, err := strconv.Atoi(argv[2])
				if err != nil {
					return usagef("%q is not a visibility (1, 3, 5 or 7)", argv[2])
				}
				if _, err := cl.Roles.SetSetting(ctx, ids[0], pipedrive.RoleSettingKey(argv[1]), pipedrive.Visibility(value)); err != nil {
					return err
				}
				return settings(ctx, a, cl, ids[0])
			}),
		argsCommand("pipelines", "ROLE_ID", "The pipelines a role sees (--hidden: those it does not)", func(fs *flag.FlagSet) {
			fs.BoolVar(&hidden, "hidden", false, "list the hidden pipelines instead")
		}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			ids, err := parseIDs([]string{"ROLE_ID"}, argv)
			if err != nil {
				return err
			}
			p, _, err := cl.Roles.Pipelines(ctx, ids[0], !hidden)
			if err != nil {
				return err
			}
			return a.printOne(pv, row{p, pcells(p)})
		}),
		argsCommand("set-pipelines", "ROLE_ID", "Show (--show) and hide (--hide) pipelines for a role", func(fs *flag.FlagSet) {
			fs.Var(&showIDs, "show", "pipeline ids to show, comma-separated; repeatable")
			fs.Var(&hideIDs, "hide", "pipeline ids to hide, comma-separated; repeatable")
		}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			ids, err := parseIDs([]string{"ROLE_ID"}, argv)
			if err != nil {
				return err
			}
			add, err := showIDs.ints("show")
			if err != nil {
				return err
			}
			remove, err := hideIDs.ints("hide")
			if err != nil {
				return err
			}
			p, _, err := cl.Roles.SetPipelines(ctx, ids[0], &pipedrive.RolePipelinesParams{Add: add, Remove: remove})
			if err != nil {
				return err
			}
			return a.printOne(pv, row{p, pcells(p)})
		}),
	}}
}

// permissionSetsCommand is `permission-sets list|get|assignments`.
func permissionSetsCommand() *command {
	v := view{singular: "permission set", plural: "permission sets", columns: []string{"ID", "NAME", "APP", "TYPE", "USERS"}}
	cells := func(p *pipedrive.PermissionSet) []string {
		return []string{p.ID, cell(p.Name), string(p.App), p.Type, itoa(p.AssignmentCount)}
	}
	var appName string
	return &command{name: "permission-sets", summary: "Permission sets: list, get, assignments", subs: []*command{
		argsCommand("list", "", "List the permission sets (--app: of one app)", func(fs *flag.FlagSet) {
			fs.StringVar(&appName, "app", "", "sales, projects, campaigns, global, account_settings, partnership or nova")
		}, func(ctx context.Context, a *app, cl *pipedrive.Client, _ []string) error {
			ps, _, err := cl.PermissionSets.List(ctx, pipedrive.PermissionSetApp(appName))
			if err != nil {
				return err
			}
			return a.printPage(v, page{rows: rows(ps, cells)})
		}),
		argsCommand("get", "SET_ID", "Show a permission set and its permissions", nil, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			p, _, err := cl.PermissionSets.Get(ctx, argv[0])
			if err != nil {
				return err
			}
			return a.printOne(v, row{p, cells(p)}, [2]string{"PERMISSIONS", strings.Join(p.Contents, ", ")})
		}),
		argsCommand("assignments", "SET_ID", "List the users a permission set is assigned to", nil, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			as, err := collect(cl.PermissionSets.AssignmentsAll(ctx, argv[0], &pipedrive.ListOptions{Limit: pipedrive.MaxLimit}))
			if err != nil {
				return err
			}
			return a.printPage(view{singular: "assignment", plural: "assignments", columns: []string{"USER", "SET", "NAME"}},
				page{rows: rows(as, func(x *pipedrive.PermissionSetAssignment) []string {
					return []string{itoa(x.UserID), x.PermissionSetID, cell(x.Name)}
				})})
		}),
	}}
}
