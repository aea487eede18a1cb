package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/gopipedrive/pipedrive"
)

// filterRef is --filter: a saved filter's id, or its name, resolved
// against the filters of the list's type before the first request.
type filterRef struct {
	v    int
	name string
	set  bool
}

func (f *filterRef) String() string {
	if f.name != "" {
		return f.name
	}
	if !f.set {
		return ""
	}
	return strconv.Itoa(f.v)
}

func (f *filterRef) Set(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return errors.New("empty filter")
	}
	f.set = true
	if n, err := strconv.Atoi(s); err == nil {
		f.v, f.name = n, ""
		return nil
	}
	f.name = s
	return nil
}

// filterTypeByName maps the CLI's words for item kinds to filter types.
var filterTypeByName = map[string]pipedrive.FilterType{
	"deals": pipedrive.FilterDeals, "deal": pipedrive.FilterDeals,
	"persons": pipedrive.FilterPersons, "person": pipedrive.FilterPersons, "people": pipedrive.FilterPersons,
	"organizations": pipedrive.FilterOrganizations, "organization": pipedrive.FilterOrganizations, "org": pipedrive.FilterOrganizations, "orgs": pipedrive.FilterOrganizations,
	"activities": pipedrive.FilterActivities, "activity": pipedrive.FilterActivities,
	"products": pipedrive.FilterProducts, "product": pipedrive.FilterProducts,
	"leads": pipedrive.FilterLeads, "lead": pipedrive.FilterLeads,
	"projects": pipedrive.FilterProjects, "project": pipedrive.FilterProjects,
}

// filterObject is the condition object a filter type tests by default.
var filterObject = map[pipedrive.FilterType]string{
	pipedrive.FilterDeals: "deal", pipedrive.FilterPersons: "person", pipedrive.FilterOrganizations: "organization",
	pipedrive.FilterActivities: "activity", pipedrive.FilterProducts: "product", pipedrive.FilterLeads: "lead", pipedrive.FilterProjects: "project",
}

func parseFilterType(s string) (pipedrive.FilterType, error) {
	t, ok := filterTypeByName[strings.ToLower(strings.TrimSpace(s))]
	if !ok {
		return "", usagef("invalid --type %q: deals, persons, organizations, activities, products, leads or projects", s)
	}
	return t, nil
}

// resolveFilter turns a --filter given by name into its id: the one
// filter of the list's type with that name.
func (a *app) resolveFilter(ctx context.Context, plural string, f *filterRef) error {
	if f.name == "" {
		return nil
	}
	cl, err := a.client(ctx)
	if err != nil {
		return err
	}
	t, err := parseFilterType(plural)
	if err != nil {
		return err
	}
	found, _, err := cl.Filters.Find(ctx, t, f.name)
	var ne *pipedrive.FilterNameError
	if errors.As(err, &ne) {
		if len(ne.IDs) == 0 {
			return usagef("no %s filter is named %q (see pipedrive filters list --type %s)", plural, f.name, plural)
		}
		return usagef("%d %s filters are named %q: pass one of their ids %v", len(ne.IDs), plural, f.name, ne.IDs)
	}
	if err != nil {
		return err
	}
	f.v = found.ID
	return nil
}

var filterView = view{singular: "filter", plural: "filters", columns: []string{"ID", "NAME", "TYPE", "OWNER", "VISIBLE TO", "UPDATED"}}

func filterCells(f *pipedrive.Filter) []string {
	return []string{itoa(f.ID), cell(f.Name), string(f.Type), idCell(f.UserID), f.VisibleTo, f.UpdateTime.String()}
}

// conditionText renders a condition for a table: "deal.12 >= 1000".
func conditionText(c pipedrive.FilterCondition) string {
	v := ""
	if c.Value != nil {
		v = " " + *c.Value
	}
	field := string(c.FieldID)
	if c.FieldCode != "" {
		field = c.FieldCode
	}
	return c.Object + "." + field + " " + string(c.Operator) + v
}

// whereOps are the operators of --where, longest first: ~ is contains,
// ^ starts with; "= null" and "!= null" test emptiness.
var whereOps = []struct {
	text string
	op   pipedrive.FilterOp
}{
	{"!^", pipedrive.OpNotStarts}, {">=", pipedrive.OpGreaterEqual}, {"<=", pipedrive.OpLessEqual}, {"!=", pipedrive.OpNotEqual},
	{"=", pipedrive.OpEqual}, {"<", pipedrive.OpLess}, {">", pipedrive.OpGreater}, {"~", pipedrive.OpContains}, {"^", pipedrive.OpStartsWith},
}

// parseWhere reads "[object.]FIELD OP VALUE" into a condition, FIELD
// being a field's key or name, resolved with the object's fields.
func parseWhere(ctx context.Context, cl *pipedrive.Client, t pipedrive.FilterType, expr string, fields map[string][]*pipedrive.FieldDefinition) (pipedrive.FilterCondition, error) {
	at, op := -1, pipedrive.FilterOp("")
	var opText string
	for i := range len(expr) {
		for _, w := range whereOps {
			if strings.HasPrefix(expr[i:], w.text) {
				at, op, opText = i, w.op, w.text
				break
			}
		}
		if at >= 0 {
			break
		}
	}
	if at <= 0 {
		return pipedrive.FilterCondition{}, usagef("invalid --where %q: want FIELD OP VALUE with OP one of = != < > <= >= ~ (contains) ^ (starts with) !^", expr)
	}
	field, value := strings.TrimSpace(expr[:at]), strings.TrimSpace(expr[at+len(opText):])
	object := filterObject[t]
	if obj, rest, ok := strings.Cut(field, "."); ok && (obj == "deal" || obj == "person" || obj == "organization" || obj == "product" || obj == "activity") {
		object, field = obj, rest
	}
	entity := pipedrive.FieldEntity(object)
	if fields[object] == nil {
		all, err := collect(cl.Fields.All(ctx, entity, nil))
		if err != nil {
			return pipedrive.FilterCondition{}, err
		}
		fields[object] = all
	}
	var match []*pipedrive.FieldDefinition
	for _, f := range fields[object] {
		if f.ID > 0 && (f.Key == field || strings.EqualFold(f.Name, field)) {
			match = append(match, f)
		}
	}
	switch {
	case len(match) == 0:
		return pipedrive.FilterCondition{}, usagef("invalid --where %q: %s has no field %q (see pipedrive fields list %s)", expr, object, field, object)
	case len(match) > 1:
		return pipedrive.FilterCondition{}, usagef("invalid --where %q: %d %s fields are named %q: use the field's key", expr, len(match), object, field)
	}
	if strings.EqualFold(value, "null") && (op == pipedrive.OpEqual || op == pipedrive.OpNotEqual) {
		if op == pipedrive.OpEqual {
			op = pipedrive.OpIsNull
		} else {
			op = pipedrive.OpIsNotNull
		}
	}
	return pipedrive.Cond(object, match[0].ID, op, value), nil
}

// conditionsFlags are --where (all must hold) and --any (one must).
type conditionsFlags struct{ where, any stringsFlag }

func (c *conditionsFlags) add(fs *flag.FlagSet) {
	fs.Var(&c.where, "where", `a condition every item meets: "[object.]FIELD OP VALUE", e.g. "value>=1000", "title~acme", "person.name^ann", "expected_close_date=null"; repeatable`)
	fs.Var(&c.any, "any", "a condition of which at least one holds; repeatable")
}

func (c *conditionsFlags) build(ctx context.Context, cl *pipedrive.Client, t pipedrive.FilterType) (*pipedrive.FilterConditions, error) {
	fields := map[string][]*pipedrive.FieldDefinition{}
	var all, anyOf []pipedrive.FilterCondition
	for _, w := range c.where {
		cond, err := parseWhere(ctx, cl, t, w, fields)
		if err != nil {
			return nil, err
		}
		all = append(all, cond)
	}
	for _, w := range c.any {
		cond, err := parseWhere(ctx, cl, t, w, fields)
		if err != nil {
			return nil, err
		}
		anyOf = append(anyOf, cond)
	}
	return pipedrive.MatchAll(all, anyOf), nil
}

// filtersCommand is `pipedrive filters list|get|create|update|delete|helpers`.
func filtersCommand() *command {
	var listType string
	list := argsCommand("list", "", "List saved filters (--type deals, persons, organizations...)", func(fs *flag.FlagSet) {
		fs.StringVar(&listType, "type", "", "only filters of this type: deals, persons, organizations, activities, products, leads, projects")
	}, func(ctx context.Context, a *app, cl *pipedrive.Client, _ []string) error {
		opts := &pipedrive.FilterListOptions{}
		if listType != "" {
			t, err := parseFilterType(listType)
			if err != nil {
				return err
			}
			opts.Type = t
		}
		fs, _, err := cl.Filters.List(ctx, opts)
		if err != nil {
			return err
		}
		return a.printPage(filterView, page{rows: rows(fs, filterCells)})
	})
	get := idsCommand("get", "FILTER_ID", "Show a filter and its conditions", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
		f, _, err := cl.Filters.Get(ctx, ids[0], &pipedrive.FilterGetOptions{IncludeFieldCode: true})
		if err != nil {
			return err
		}
		var extra [][2]string
		if f.Conditions != nil {
			for _, g := range f.Conditions.Conditions {
				for _, c := range g.Conditions {
					extra = append(extra, [2]string{strings.ToUpper(g.Glue), conditionText(c)})
				}
			}
		}
		return a.printOne(filterView, row{f, filterCells(f)}, extra...)
	})
	var createType string
	var createConds conditionsFlags
	create := argsCommand("create", "NAME", "Save a filter (--type, and --where/--any conditions)", func(fs *flag.FlagSet) {
		fs.StringVar(&createType, "type", "deals", "what it filters: deals, persons, organizations, activities, products, leads, projects")
		createConds.add(fs)
	}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
		t, err := parseFilterType(createType)
		if err != nil {
			return err
		}
		conds, err := createConds.build(ctx, cl, t)
		if err != nil {
			return err
		}
		f, _, err := cl.Filters.Create(ctx, &pipedrive.FilterCreateParams{Name: argv[0], Type: t, Conditions: conds})
		if err != nil {
			return err
		}
		return a.printOne(filterView, row{f, filterCells(f)})
	})
	var rename string
	var updateConds conditionsFlags
	update := argsCommand("update", "FILTER_ID", "Replace a filter's conditions (and rename it with --name)", func(fs *flag.FlagSet) {
		fs.StringVar(&rename, "name", "", "the new name")
		updateConds.add(fs)
	}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
		ids, err := parseIDs([]string{"FILTER_ID"}, argv)
		if err != nil {
			return err
		}
		cur, _, err := cl.Filters.Get(ctx, ids[0], nil)
		if err != nil {
			return err
		}
		conds, err := updateConds.build(ctx, cl, cur.Type)
		if err != nil {
			return err
		}
		f, _, err := cl.Filters.Update(ctx, ids[0], &pipedrive.FilterUpdateParams{Name: rename, Conditions: conds})
		if err != nil {
			return err
		}
		return a.printOne(filterView, row{f, filterCells(f)})
	})
	del := &command{name: "delete", args: "FILTER_ID...", summary: "Delete filters (several at once in one request)", setup: func(*flag.FlagSet) runFunc {
		return func(ctx context.Context, a *app, args []string) error {
			if len(args) == 0 {
				return usagef("missing argument: FILTER_ID")
			}
			names := make([]string, len(args))
			for i := range names {
				names[i] = "FILTER_ID"
			}
			ids, err := parseIDs(names, args)
			if err != nil {
				return err
			}
			cl, err := a.client(ctx)
			if err != nil {
				return err
			}
			if len(ids) == 1 {
				_, err = cl.Filters.Delete(ctx, ids[0])
			} else {
				_, _, err = cl.Filters.DeleteMany(ctx, ids...)
			}
			if err != nil {
				return err
			}
			for _, id := range ids {
				if err := a.printDeleted("filter", itoa(id)); err != nil {
					return err
				}
			}
			return nil
		}
	}}
	helpers := noArgs("helpers", "The operators each field type takes in conditions", func(ctx context.Context, a *app, cl *pipedrive.Client) error {
		h, _, err := cl.Filters.Helpers(ctx)
		if err != nil {
			return err
		}
		if a.g.output != formatTable {
			return writeJSON(a.stdout, h.Raw, a.g.output == formatJSON)
		}
		types := make([]string, 0, len(h.Operators))
		for t := range h.Operators {
			types = append(types, t)
		}
		sort.Strings(types)
		var out []row
		for _, t := range types {
			ops := make([]string, 0, len(h.Operators[t]))
			for op, label := range h.Operators[t] {
				ops = append(ops, fmt.Sprintf("%s (%s)", op, label))
			}
			sort.Strings(ops)
			out = append(out, row{value: t, cells: []string{t, strings.Join(ops, ", ")}})
		}
		return a.printPage(view{singular: "field type", plural: "field types", columns: []string{"FIELD TYPE", "OPERATORS"}}, page{rows: out})
	})
	return &command{name: "filters", summary: "Saved filters: list, get, create, update, delete, helpers (lists take --filter NAME|ID)",
		subs: []*command{list, get, create, update, del, helpers}}
}
