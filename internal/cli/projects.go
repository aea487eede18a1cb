package cli

import (
	"context"
	"flag"
	"strconv"

	"github.com/gopipedrive/pipedrive"
)

var (
	projectView = view{singular: "project", plural: "projects", columns: []string{"ID", "TITLE", "STATUS", "BOARD", "PHASE", "OWNER", "START", "END"}}
	taskView    = view{singular: "task", plural: "tasks", columns: []string{"ID", "TITLE", "PROJECT", "DONE", "DUE", "PARENT"}}
	boardView   = view{singular: "board", plural: "boards", columns: []string{"ID", "NAME", "ORDER"}}
	phaseView   = view{singular: "phase", plural: "phases", columns: []string{"ID", "NAME", "BOARD", "ORDER"}}
	planView    = view{singular: "plan item", plural: "plan items", columns: []string{"TYPE", "ID", "PHASE", "GROUP"}}
)

func projectCells(p *pipedrive.V2Project) []string {
	return []string{itoa(p.ID), cell(p.Title), string(p.Status), idCell(p.BoardID), idCell(p.PhaseID), idCell(p.OwnerID), string(p.StartDate), string(p.EndDate)}
}

func taskCells(t *pipedrive.V2Task) []string {
	return []string{itoa(t.ID), cell(t.Title), idCell(t.ProjectID), boolCell(t.IsDone), string(t.DueDate), idCell(t.ParentTaskID)}
}

func boardCells(b *pipedrive.V2ProjectBoard) []string {
	return []string{itoa(b.ID), cell(b.Name), itoa(b.OrderNr)}
}

func phaseCells(p *pipedrive.V2ProjectPhase) []string {
	return []string{itoa(p.ID), cell(p.Name), idCell(p.BoardID), itoa(p.OrderNr)}
}

// projectCommands are projects, tasks, boards, phases and templates.
func projectCommands() []*command {
	return []*command{projectsCommand(), tasksCommand(), boardsCommand(), phasesCommand(), templatesCommand()}
}

// projectFlags are the flags of projects create and update.
type projectFlags struct {
	title, description, status, start, end optString
	board, phase, owner, template, health  optInt
	deals, persons, orgs                   listFlag
}

func (p *projectFlags) add(fs *flag.FlagSet) {
	fs.Var(&p.title, "title", "the project's title")
	fs.Var(&p.description, "description", "what the project is")
	fs.Var(&p.status, "status", "open, completed or canceled")
	fs.Var(&p.board, "board", "board id (default: the first board)")
	fs.Var(&p.phase, "phase", "phase id (default: the board's first phase)")
	fs.Var(&p.owner, "owner", "owner user id")
	fs.Var(&p.start, "start", "start date, YYYY-MM-DD")
	fs.Var(&p.end, "end", "end date, YYYY-MM-DD")
	fs.Var(&p.template, "template", "create from this template id")
	fs.Var(&p.health, "health", "the health status, a number")
	for _, l := range []*listFlag{&p.deals, &p.persons, &p.orgs} {
		l.split = true
	}
	fs.Var(&p.deals, "deal", "linked deal ids, comma-separated")
	fs.Var(&p.persons, "person", "linked person ids, comma-separated")
	fs.Var(&p.orgs, "org", "linked organization ids, comma-separated")
}

func atois(ss []string) ([]int, error) {
	out := make([]int, 0, len(ss))
	for _, s := range ss {
		n, err := strconv.Atoi(s)
		if err != nil {
			return nil, usagef("%q is not an id", s)
		}
		out = append(out, n)
	}
	return out, nil
}

func projectsCommand() *command {
	lq := &pipedrive.V2ProjectListOptions{}
	var statuses listFlag
	statuses.split = true
	var filter filterRef
	var archivedOnly bool
	list := v2ListCommand("list", "List projects (one page, or every page with --all)", projectView, projectCells, func(fs *flag.FlagSet) {
		fs.Var(&statuses, "status", "only these statuses, comma-separated: open, completed, canceled, deleted")
		fs.IntVar(&lq.PhaseID, "phase", 0, "only projects in this phase id")
		fs.IntVar(&lq.DealID, "deal", 0, "only projects linked to this deal id")
		fs.IntVar(&lq.PersonID, "person", 0, "only projects linked to this person id")
		fs.IntVar(&lq.OrgID, "org", 0, "only projects linked to this organization id")
		fs.Var(&filter, "filter", "apply this saved filter, by id or name")
		fs.BoolVar(&archivedOnly, "archived", false, "the archived projects instead")
	}, func(ctx context.Context, cl *pipedrive.Client, pg pipedrive.V2ListOptions) ([]*pipedrive.V2Project, *pipedrive.Response, error) {
		o := *lq
		o.V2ListOptions = pg
		for _, s := range statuses.v {
			o.Status = append(o.Status, pipedrive.V2ProjectStatus(s))
		}
		if filter.name != "" {
			f, _, err := cl.Filters.Find(ctx, pipedrive.FilterProjects, filter.name)
			if err != nil {
				return nil, nil, err
			}
			filter.v, filter.name = f.ID, ""
		}
		o.FilterID = filter.v
		if archivedOnly {
			return cl.V2.Projects.Archived(ctx, &o)
		}
		return cl.V2.Projects.List(ctx, &o)
	})
	get := idsCommand("get", "PROJECT_ID", "Show a project", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
		p, _, err := cl.V2.Projects.Get(ctx, ids[0])
		if err != nil {
			return err
		}
		return a.printOne(projectView, row{p, projectCells(p)}, [2]string{"DESCRIPTION", p.Description})
	})
	cf := &projectFlags{}
	create := argsCommand("create", "TITLE", "Create a project", cf.add, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
		deals, err := atois(cf.deals.v)
		if err != nil {
			return err
		}
		persons, err := atois(cf.persons.v)
		if err != nil {
			return err
		}
		orgs, err := atois(cf.orgs.v)
		if err != nil {
			return err
		}
		cp := &pipedrive.V2ProjectCreateParams{Title: argv[0], Description: cf.description.v,
			Status: pipedrive.V2ProjectStatus(cf.status.v), BoardID: cf.board.v, PhaseID: cf.phase.v, OwnerID: cf.owner.v,
			StartDate: pipedrive.Date(cf.start.v), EndDate: pipedrive.Date(cf.end.v), TemplateID: cf.template.v,
			DealIDs: deals, PersonIDs: persons, OrgIDs: orgs}
		if cf.health.set {
			cp.HealthStatus = &cf.health.v
		}
		p, _, err := cl.V2.Projects.Create(ctx, cp)
		if err != nil {
			return err
		}
		return a.printOne(projectView, row{p, projectCells(p)})
	})
	uf := &projectFlags{}
	update := argsCommand("update", "PROJECT_ID", "Change the fields given as flags", uf.add, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
		ids, err := parseIDs([]string{"PROJECT_ID"}, argv)
		if err != nil {
			return err
		}
		p := &pipedrive.V2ProjectUpdateParams{}
		if uf.title.set {
			p.Title = pipedrive.Set(uf.title.v)
		}
		if uf.description.set {
			p.Description = pipedrive.Set(uf.description.v)
		}
		if uf.status.set {
			p.Status = pipedrive.Set(pipedrive.V2ProjectStatus(uf.status.v))
		}
		if uf.phase.set {
			p.PhaseID = pipedrive.Set(uf.phase.v)
		}
		if uf.board.set {
			p.BoardID = pipedrive.Set(uf.board.v)
		}
		if uf.owner.set {
			p.OwnerID = pipedrive.Set(uf.owner.v)
		}
		if uf.start.set {
			p.StartDate = pipedrive.Set(pipedrive.Date(uf.start.v))
		}
		if uf.end.set {
			p.EndDate = pipedrive.Set(pipedrive.Date(uf.end.v))
		}
		if uf.health.set {
			p.HealthStatus = pipedrive.Set(uf.health.v)
		}
		if uf.deals.set || uf.persons.set || uf.orgs.set {
			for _, l := range []struct {
				f   *listFlag
				dst *pipedrive.Field[[]int]
			}{{&uf.deals, &p.DealIDs}, {&uf.persons, &p.PersonIDs}, {&uf.orgs, &p.OrgIDs}} {
				if !l.f.set {
					continue
				}
				ids, err := atois(l.f.v)
				if err != nil {
					return err
				}
				*l.dst = pipedrive.Set(ids)
			}
		}
		got, _, err := cl.V2.Projects.Update(ctx, ids[0], p)
		if err != nil {
			return err
		}
		return a.printOne(projectView, row{got, projectCells(got)})
	})
	so := &pipedrive.V2ProjectSearchOptions{}
	var searchIn listFlag
	searchIn.split = true
	search := argsCommand("search", "TERM", "Find projects by title, description, notes or custom fields (every page)", func(fs *flag.FlagSet) {
		fs.Var(&searchIn, "in", "where to look, comma-separated: title, description, notes, custom_fields")
		fs.BoolVar(&so.ExactMatch, "exact", false, "whole, exact matches only")
		fs.IntVar(&so.PersonID, "person", 0, "only projects linked to this person id")
		fs.IntVar(&so.OrganizationID, "org", 0, "only projects linked to this organization id")
	}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
		o := *so
		o.Term = argv[0]
		for _, f := range searchIn.v {
			o.Fields = append(o.Fields, pipedrive.V2SearchField(f))
		}
		found, err := collect(cl.V2.Projects.SearchAll(ctx, &o))
		if err != nil {
			return err
		}
		return a.printPage(view{singular: "project", plural: "projects", columns: []string{"ID", "TITLE", "STATUS", "SCORE"}},
			page{rows: rows(found, func(r *pipedrive.V2ProjectSearchResult) []string {
				return []string{itoa(r.Item.ID), cell(r.Item.Title), string(r.Item.Status), strconv.FormatFloat(r.ResultScore, 'f', 2, 64)}
			})})
	})
	var placePhase, placeGroup, placeActivity, placeTask int
	place := argsCommand("place", "PROJECT_ID", "Move an activity (--activity) or a task (--task) of the plan to a phase or group", func(fs *flag.FlagSet) {
		fs.IntVar(&placeActivity, "activity", 0, "the activity id")
		fs.IntVar(&placeTask, "task", 0, "the task id")
		fs.IntVar(&placePhase, "phase", 0, "the phase id")
		fs.IntVar(&placeGroup, "group", 0, "the group id")
	}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
		ids, err := parseIDs([]string{"PROJECT_ID"}, argv)
		if err != nil {
			return err
		}
		to := &pipedrive.ProjectPlacement{PhaseID: placePhase, GroupID: placeGroup}
		var item *pipedrive.ProjectPlanItem
		switch {
		case placeActivity != 0 && placeTask == 0:
			item, _, err = cl.Projects.PlaceActivity(ctx, ids[0], placeActivity, to)
		case placeTask != 0 && placeActivity == 0:
			item, _, err = cl.Projects.PlaceTask(ctx, ids[0], placeTask, to)
		default:
			return usagef("give exactly one of --activity or --task")
		}
		if err != nil {
			return err
		}
		return a.printOne(planView, row{item, planCells(item)})
	})
	return &command{name: "projects", summary: "Projects: list, get, create, update, delete, archive, search, changelog, users, plan, groups, activities, tasks, place", subs: []*command{
		list, get, create, update,
		idsCommand("delete", "PROJECT_ID", "Delete a project and its tasks", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			if _, err := cl.V2.Projects.Delete(ctx, ids[0]); err != nil {
				return err
			}
			return a.printDeleted("project", itoa(ids[0]))
		}),
		idsCommand("archive", "PROJECT_ID", "Archive a project", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			p, _, err := cl.V2.Projects.Archive(ctx, ids[0])
			if err != nil {
				return err
			}
			return a.printOne(projectView, row{p, projectCells(p)})
		}),
		search,
		idsCommand("changelog", "PROJECT_ID", "The changes of a project's fields, newest first", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			all, err := collect(cl.V2.Projects.ChangelogAll(ctx, ids[0], nil))
			if err != nil {
				return err
			}
			return a.printPage(view{singular: "change", plural: "changes", columns: []string{"TIME", "USER", "FIELDS"}},
				page{rows: rows(all, func(c *pipedrive.V2ProjectChange) []string {
					keys := ""
					for k := range c.NewValues {
						if keys != "" {
							keys += ","
						}
						keys += k
					}
					return []string{c.Time.String(), idCell(c.ActorUserID), keys}
				})})
		}),
		idsCommand("users", "PROJECT_ID", "The users who can see a project", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			us, _, err := cl.V2.Projects.PermittedUsers(ctx, ids[0])
			if err != nil {
				return err
			}
			return a.printPage(view{singular: "user", plural: "users", columns: []string{"USER"}},
				page{rows: rows(us, func(id int) []string { return []string{itoa(id)} })})
		}),
		idsCommand("plan", "PROJECT_ID", "Where each activity and task of a project stands", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			items, _, err := cl.Projects.Plan(ctx, ids[0])
			if err != nil {
				return err
			}
			return a.printPage(planView, page{rows: rows(items, planCells)})
		}),
		idsCommand("groups", "PROJECT_ID", "The groups of a project's plan", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			gs, _, err := cl.Projects.Groups(ctx, ids[0])
			if err != nil {
				return err
			}
			return a.printPage(view{singular: "group", plural: "groups", columns: []string{"ID", "NAME", "ORDER"}},
				page{rows: rows(gs, func(g *pipedrive.ProjectGroup) []string { return []string{itoa(g.ID), cell(g.Name), itoa(g.OrderNr)} })})
		}),
		idsCommand("activities", "PROJECT_ID", "The activities of a project's plan", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			as, _, err := cl.Projects.Activities(ctx, ids[0])
			if err != nil {
				return err
			}
			return a.printPage(view{singular: "activity", plural: "activities", columns: []string{"ID", "TYPE", "SUBJECT", "DUE", "DONE"}},
				page{rows: rows(as, func(x *pipedrive.Activity) []string {
					return []string{itoa(x.ID), x.Type, cell(x.Subject), string(x.DueDate), boolCell(x.Done)}
				})})
		}),
		idsCommand("tasks", "PROJECT_ID", "A project's tasks as API v1 lists them (tasks list --project pages them)", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			ts, _, err := cl.Projects.Tasks(ctx, ids[0])
			if err != nil {
				return err
			}
			return a.printPage(taskView, page{rows: rows(ts, func(t *pipedrive.ProjectTask) []string {
				return []string{itoa(t.ID), cell(t.Title), idCell(t.ProjectID), boolCell(bool(t.Done)), string(t.DueDate), idCell(t.ParentTaskID)}
			})})
		}),
		place,
	}}
}

func planCells(p *pipedrive.ProjectPlanItem) []string {
	return []string{p.ItemType, itoa(p.ItemID), idCell(p.PhaseID), idCell(p.GroupID)}
}

func tasksCommand() *command {
	var project, assignee int
	var done optBool
	list := v2ListCommand("list", "List tasks (one page, or every page with --all)", taskView, taskCells, func(fs *flag.FlagSet) {
		fs.IntVar(&project, "project", 0, "only the tasks of this project id")
		fs.IntVar(&assignee, "assignee", 0, "only the tasks of this user id")
		fs.Var(&done, "done", "only done (--done) or open (--done=false) tasks")
	}, func(ctx context.Context, cl *pipedrive.Client, pg pipedrive.V2ListOptions) ([]*pipedrive.V2Task, *pipedrive.Response, error) {
		o := &pipedrive.V2TaskListOptions{ProjectID: project, AssigneeID: assignee, V2ListOptions: pg}
		if done.set {
			o.IsDone = &done.v
		}
		return cl.V2.Tasks.List(ctx, o)
	})
	var cp pipedrive.V2TaskParams
	var cProject, cParent int
	var cDue, cDesc string
	create := argsCommand("create", "TITLE", "Add a task to a project (--project required)", func(fs *flag.FlagSet) {
		fs.IntVar(&cProject, "project", 0, "the project id (required)")
		fs.IntVar(&cParent, "parent", 0, "make it a subtask of this task id")
		fs.StringVar(&cDue, "due", "", "due date, YYYY-MM-DD")
		fs.StringVar(&cDesc, "description", "", "what the task is")
	}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
		cp.Title = pipedrive.Set(argv[0])
		if cProject != 0 {
			cp.ProjectID = pipedrive.Set(cProject)
		}
		if cParent != 0 {
			cp.ParentTaskID = pipedrive.Set(cParent)
		}
		if cDue != "" {
			cp.DueDate = pipedrive.Set(pipedrive.Date(cDue))
		}
		if cDesc != "" {
			cp.Description = pipedrive.Set(cDesc)
		}
		t, _, err := cl.V2.Tasks.Create(ctx, &cp)
		if err != nil {
			return err
		}
		return a.printOne(taskView, row{t, taskCells(t)})
	})
	var uTitle, uDue optString
	var uDone optBool
	update := argsCommand("update", "TASK_ID", "Change a task: --title, --due, --done", func(fs *flag.FlagSet) {
		fs.Var(&uTitle, "title", "the new title")
		fs.Var(&uDue, "due", "due date, YYYY-MM-DD")
		fs.Var(&uDone, "done", "mark done (--done) or open (--done=false)")
	}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
		ids, err := parseIDs([]string{"TASK_ID"}, argv)
		if err != nil {
			return err
		}
		p := &pipedrive.V2TaskParams{}
		if uTitle.set {
			p.Title = pipedrive.Set(uTitle.v)
		}
		if uDue.set {
			p.DueDate = pipedrive.Set(pipedrive.Date(uDue.v))
		}
		if uDone.set {
			p.Done = pipedrive.Set(uDone.v)
		}
		t, _, err := cl.V2.Tasks.Update(ctx, ids[0], p)
		if err != nil {
			return err
		}
		return a.printOne(taskView, row{t, taskCells(t)})
	})
	return &command{name: "tasks", summary: "Project tasks: list, get, create, update, delete", subs: []*command{
		list,
		idsCommand("get", "TASK_ID", "Show a task", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			t, _, err := cl.V2.Tasks.Get(ctx, ids[0])
			if err != nil {
				return err
			}
			return a.printOne(taskView, row{t, taskCells(t)})
		}),
		create, update,
		idsCommand("delete", "TASK_ID", "Delete a task and its subtasks", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			if _, err := cl.V2.Tasks.Delete(ctx, ids[0]); err != nil {
				return err
			}
			return a.printDeleted("task", itoa(ids[0]))
		}),
	}}
}

func boardsCommand() *command {
	var cOrder, uOrder int
	var uName string
	return &command{name: "boards", summary: "Project boards: list, get, create, update, delete", subs: []*command{
		noArgs("list", "List the project boards", func(ctx context.Context, a *app, cl *pipedrive.Client) error {
			bs, _, err := cl.V2.ProjectBoards.List(ctx)
			if err != nil {
				return err
			}
			return a.printPage(boardView, page{rows: rows(bs, boardCells)})
		}),
		idsCommand("get", "BOARD_ID", "Show a board", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			b, _, err := cl.V2.ProjectBoards.Get(ctx, ids[0])
			if err != nil {
				return err
			}
			return a.printOne(boardView, row{b, boardCells(b)})
		}),
		argsCommand("create", "NAME", "Add a board", func(fs *flag.FlagSet) { fs.IntVar(&cOrder, "order", 0, "its position, from 1") },
			func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
				b, _, err := cl.V2.ProjectBoards.Create(ctx, &pipedrive.V2ProjectBoardParams{Name: argv[0], OrderNr: cOrder})
				if err != nil {
					return err
				}
				return a.printOne(boardView, row{b, boardCells(b)})
			}),
		argsCommand("update", "BOARD_ID", "Rename (--name) or move (--order) a board", func(fs *flag.FlagSet) {
			fs.StringVar(&uName, "name", "", "the new name")
			fs.IntVar(&uOrder, "order", 0, "the new position, from 1")
		}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			ids, err := parseIDs([]string{"BOARD_ID"}, argv)
			if err != nil {
				return err
			}
			b, _, err := cl.V2.ProjectBoards.Update(ctx, ids[0], &pipedrive.V2ProjectBoardParams{Name: uName, OrderNr: uOrder})
			if err != nil {
				return err
			}
			return a.printOne(boardView, row{b, boardCells(b)})
		}),
		idsCommand("delete", "BOARD_ID", "Delete a board without projects, and its phases", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			if _, err := cl.V2.ProjectBoards.Delete(ctx, ids[0]); err != nil {
				return err
			}
			return a.printDeleted("board", itoa(ids[0]))
		}),
	}}
}

func phasesCommand() *command {
	var cBoard, cOrder, uBoard, uOrder int
	var uName string
	return &command{name: "phases", summary: "Phases of project boards: list, get, create, update, delete", subs: []*command{
		idsCommand("list", "BOARD_ID", "List a board's phases", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			ps, _, err := cl.V2.ProjectPhases.List(ctx, ids[0])
			if err != nil {
				return err
			}
			return a.printPage(phaseView, page{rows: rows(ps, phaseCells)})
		}),
		idsCommand("get", "PHASE_ID", "Show a phase", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			p, _, err := cl.V2.ProjectPhases.Get(ctx, ids[0])
			if err != nil {
				return err
			}
			return a.printOne(phaseView, row{p, phaseCells(p)})
		}),
		argsCommand("create", "NAME", "Add a phase to a board (--board required)", func(fs *flag.FlagSet) {
			fs.IntVar(&cBoard, "board", 0, "the board id (required)")
			fs.IntVar(&cOrder, "order", 0, "its position on the board, from 1")
		}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			p, _, err := cl.V2.ProjectPhases.Create(ctx, &pipedrive.V2ProjectPhaseParams{Name: argv[0], BoardID: cBoard, OrderNr: cOrder})
			if err != nil {
				return err
			}
			return a.printOne(phaseView, row{p, phaseCells(p)})
		}),
		argsCommand("update", "PHASE_ID", "Rename or move a phase", func(fs *flag.FlagSet) {
			fs.StringVar(&uName, "name", "", "the new name")
			fs.IntVar(&uBoard, "board", 0, "move it to this board id")
			fs.IntVar(&uOrder, "order", 0, "the new position, from 1")
		}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			ids, err := parseIDs([]string{"PHASE_ID"}, argv)
			if err != nil {
				return err
			}
			p, _, err := cl.V2.ProjectPhases.Update(ctx, ids[0], &pipedrive.V2ProjectPhaseParams{Name: uName, BoardID: uBoard, OrderNr: uOrder})
			if err != nil {
				return err
			}
			return a.printOne(phaseView, row{p, phaseCells(p)})
		}),
		idsCommand("delete", "PHASE_ID", "Delete a phase without projects", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			if _, err := cl.V2.ProjectPhases.Delete(ctx, ids[0]); err != nil {
				return err
			}
			return a.printDeleted("phase", itoa(ids[0]))
		}),
	}}
}

func templatesCommand() *command {
	v := view{singular: "template", plural: "templates", columns: []string{"ID", "TITLE", "BOARD", "DESCRIPTION"}}
	cells := func(t *pipedrive.V2ProjectTemplate) []string {
		return []string{itoa(t.ID), cell(t.Title), idCell(t.ProjectsBoardID), cell(t.Description)}
	}
	return &command{name: "project-templates", summary: "Project templates: list, get", subs: []*command{
		v2ListCommand("list", "List project templates", v, cells, nil, func(ctx context.Context, cl *pipedrive.Client, pg pipedrive.V2ListOptions) ([]*pipedrive.V2ProjectTemplate, *pipedrive.Response, error) {
			return cl.V2.ProjectTemplates.List(ctx, &pg)
		}),
		idsCommand("get", "TEMPLATE_ID", "Show a project template", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			t, _, err := cl.V2.ProjectTemplates.Get(ctx, ids[0])
			if err != nil {
				return err
			}
			return a.printOne(v, row{t, cells(t)})
		}),
	}}
}
