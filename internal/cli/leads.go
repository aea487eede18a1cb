package cli

import (
	"context"
	"errors"
	"flag"
	"time"

	"github.com/gopipedrive/pipedrive"
)

// leadsCommand is `pipedrive leads`: the lead labels and sources (API v1).
func leadsCommand() *command {
	labelView := view{singular: "lead label", plural: "lead labels", columns: []string{"ID", "NAME", "COLOR"}}
	labelCells := func(l *pipedrive.LeadLabel) []string { return []string{l.ID, cell(l.Name), string(l.Color)} }
	return &command{
		name:    "leads",
		summary: "Leads (API v1): list, get, create, update, delete; their labels and sources",
		subs: append(leadCommands(),
			&command{
				name: "labels", summary: "Lead labels: list, create, update, delete",
				subs: []*command{
					noArgs("list", "List the lead labels", func(ctx context.Context, a *app, cl *pipedrive.Client) error {
						ls, _, err := cl.LeadLabels.List(ctx)
						if err != nil {
							return err
						}
						return a.printPage(labelView, page{rows: rows(ls, labelCells)})
					}),
					labelWrite("create", "", "Create a lead label", func(ctx context.Context, cl *pipedrive.Client, _ string, p *pipedrive.LeadLabelParams) (*pipedrive.LeadLabel, error) {
						l, _, err := cl.LeadLabels.Create(ctx, p)
						return l, err
					}, labelView, labelCells),
					labelWrite("update", "ID", "Change a lead label's name or color", func(ctx context.Context, cl *pipedrive.Client, id string, p *pipedrive.LeadLabelParams) (*pipedrive.LeadLabel, error) {
						l, _, err := cl.LeadLabels.Update(ctx, id, p)
						return l, err
					}, labelView, labelCells),
					deleteCommand("lead label", func(ctx context.Context, cl *pipedrive.Client, id string) error {
						_, err := cl.LeadLabels.Delete(ctx, id)
						return err
					}),
				},
			},
			noArgs("sources", "List the lead sources", func(ctx context.Context, a *app, cl *pipedrive.Client) error {
				ss, _, err := cl.LeadSources.List(ctx)
				if err != nil {
					return err
				}
				v := view{singular: "lead source", plural: "lead sources", columns: []string{"NAME"}}
				return a.printPage(v, page{rows: rows(ss, func(s *pipedrive.LeadSource) []string { return []string{cell(s.Name)} })})
			}),
		),
	}
}

// noArgs declares a command without arguments or flags of its own.
func noArgs(name, summary string, run func(context.Context, *app, *pipedrive.Client) error) *command {
	return &command{name: name, summary: summary, setup: func(*flag.FlagSet) runFunc {
		return func(ctx context.Context, a *app, args []string) error {
			if err := wantArgs(args, "", 0); err != nil {
				return err
			}
			cl, err := a.client(ctx)
			if err != nil {
				return err
			}
			return run(ctx, a, cl)
		}
	}}
}

// deleteCommand declares `delete ID` for a resource: del removes the
// entity with the id as given (the SDK checks its form).
func deleteCommand(noun string, del func(ctx context.Context, cl *pipedrive.Client, id string) error) *command {
	return &command{name: "delete", args: "ID", summary: "Delete " + article(noun), setup: func(*flag.FlagSet) runFunc {
		return func(ctx context.Context, a *app, args []string) error {
			if err := wantArgs(args, "ID", 1); err != nil {
				return err
			}
			cl, err := a.client(ctx)
			if err != nil {
				return err
			}
			if err := del(ctx, cl, args[0]); err != nil {
				return err
			}
			return a.printDeleted(noun, args[0])
		}
	}}
}

// labelWrite declares lead label create (no ID) and update (ID).
func labelWrite(name, idArg, summary string, do func(context.Context, *pipedrive.Client, string, *pipedrive.LeadLabelParams) (*pipedrive.LeadLabel, error),
	v view, cells func(*pipedrive.LeadLabel) []string) *command {
	return &command{name: name, args: idArg, summary: summary, setup: func(fs *flag.FlagSet) runFunc {
		p := &pipedrive.LeadLabelParams{}
		fs.StringVar(&p.Name, "name", "", "the label's name")
		fs.Func("color", "blue, brown, dark-gray, gray, green, orange, pink, purple, red or yellow", func(s string) error {
			p.Color = pipedrive.LeadLabelColor(s)
			return nil
		})
		return func(ctx context.Context, a *app, args []string) error {
			n := 0
			if idArg != "" {
				n = 1
			}
			if err := wantArgs(args, idArg, n); err != nil {
				return err
			}
			id := ""
			if n == 1 {
				id = args[0]
			}
			cl, err := a.client(ctx)
			if err != nil {
				return err
			}
			l, err := do(ctx, cl, id, p)
			if err != nil {
				return err
			}
			return a.printOne(v, row{l, cells(l)})
		}
	}}
}

var leadView = view{singular: "lead", plural: "leads", columns: []string{"ID", "TITLE", "VALUE", "PERSON", "ORG", "OWNER", "ARCHIVED"}}

func leadCells(l *pipedrive.Lead) []string {
	value := ""
	if l.Value != nil {
		value = money(l.Value.Amount, l.Value.Currency)
	}
	return []string{l.ID, cell(l.Title), value, idCell(l.PersonID), idCell(l.OrganizationID), idCell(l.OwnerID), boolCell(l.IsArchived)}
}

// leadCommands are `pipedrive leads list|get|create|update|delete`.
func leadCommands() []*command {
	opts := &pipedrive.LeadListOptions{}
	var archived bool
	list := v1ListCommand("list", "List leads (one page, or every page with --all)", leadView, leadCells, func(fs *flag.FlagSet) {
		fs.IntVar(&opts.OwnerID, "owner", 0, "only the leads of this user id")
		fs.IntVar(&opts.PersonID, "person", 0, "only the leads of this person id")
		fs.IntVar(&opts.OrganizationID, "org", 0, "only the leads of this organization id")
		fs.BoolVar(&archived, "archived", false, "the archived leads instead")
	}, func(ctx context.Context, cl *pipedrive.Client, lo pipedrive.ListOptions) ([]*pipedrive.Lead, *pipedrive.Response, error) {
		o := *opts
		o.ListOptions = lo
		if archived {
			return cl.Leads.Archived(ctx, &o)
		}
		return cl.Leads.List(ctx, &o)
	})
	get := &command{name: "get", args: "ID", summary: "Show one lead", setup: func(*flag.FlagSet) runFunc {
		return func(ctx context.Context, a *app, args []string) error {
			if err := wantArgs(args, "ID", 1); err != nil {
				return err
			}
			cl, err := a.client(ctx)
			if err != nil {
				return err
			}
			l, _, err := cl.Leads.Get(ctx, args[0])
			if err != nil {
				return err
			}
			return a.printOne(leadView, row{l, leadCells(l)})
		}
	}}
	create := &command{name: "create", summary: "Create a lead (linked to --person or --org)", setup: func(fs *flag.FlagSet) runFunc {
		p := &pipedrive.LeadCreateParams{}
		fs.StringVar(&p.Title, "title", "", "the lead's title (required)")
		fs.IntVar(&p.PersonID, "person", 0, "link to this person id")
		fs.IntVar(&p.OrganizationID, "org", 0, "link to this organization id")
		fs.IntVar(&p.OwnerID, "owner", 0, "owner user id (default: you)")
		var value optFloat
		fs.Var(&value, "value", "the potential value (with --currency)")
		currency := fs.String("currency", "", "the value's currency, e.g. EUR")
		return func(ctx context.Context, a *app, args []string) error {
			if err := wantArgs(args, "", 0); err != nil {
				return err
			}
			if value.set {
				p.Value = &pipedrive.LeadValue{Amount: value.v, Currency: *currency}
			}
			cl, err := a.client(ctx)
			if err != nil {
				return err
			}
			l, _, err := cl.Leads.Create(ctx, p)
			if err != nil {
				return err
			}
			return a.printOne(leadView, row{l, leadCells(l)})
		}
	}}
	update := &command{name: "update", args: "ID", summary: "Change the fields given as flags on a lead", setup: func(fs *flag.FlagSet) runFunc {
		var title optString
		var archived optBool
		fs.Var(&title, "title", "the lead's title")
		fs.Var(&archived, "archived", "archive (true) or unarchive (false) the lead")
		return func(ctx context.Context, a *app, args []string) error {
			if err := wantArgs(args, "ID", 1); err != nil {
				return err
			}
			p := &pipedrive.LeadUpdateParams{}
			if title.set {
				p.Title = pipedrive.Set(title.v)
			}
			if archived.set {
				p.IsArchived = pipedrive.Set(archived.v)
			}
			cl, err := a.client(ctx)
			if err != nil {
				return err
			}
			l, _, err := cl.Leads.Update(ctx, args[0], p)
			if err != nil {
				return err
			}
			return a.printOne(leadView, row{l, leadCells(l)})
		}
	}}
	del := deleteCommand("lead", func(ctx context.Context, cl *pipedrive.Client, id string) error {
		_, err := cl.Leads.Delete(ctx, id)
		return err
	})
	convert := &command{name: "convert", args: "ID", summary: "Convert a lead into a deal, waiting until it is done (API v2)", setup: func(fs *flag.FlagSet) runFunc {
		p := &pipedrive.V2ConvertToDealParams{}
		fs.IntVar(&p.StageID, "stage", 0, "the deal's stage id (default: the first stage of the default pipeline)")
		fs.IntVar(&p.PipelineID, "pipeline", 0, "the deal's pipeline id (its first stage), when --stage is not given")
		return func(ctx context.Context, a *app, args []string) error {
			if err := wantArgs(args, "ID", 1); err != nil {
				return err
			}
			cl, err := a.client(ctx)
			if err != nil {
				return err
			}
			job, _, err := cl.V2.Leads.ConvertToDeal(ctx, args[0], p)
			if err != nil {
				return err
			}
			st, err := pollConversion(ctx, func() (*pipedrive.V2ConversionStatus, error) {
				st, _, err := cl.V2.Leads.ConversionStatus(ctx, args[0], job.ConversionID)
				return st, err
			})
			if err != nil {
				return err
			}
			v := view{singular: "conversion", columns: []string{"CONVERSION", "STATUS", "DEAL"}}
			return a.printOne(v, row{st, []string{st.ConversionID, st.Status, idCell(st.DealID)}})
		}
	}}
	return []*command{list, get, create, update, del, convert}
}

// pollConversion asks for a conversion's status until it is done: every
// 500 ms, for at most a minute.
func pollConversion(ctx context.Context, status func() (*pipedrive.V2ConversionStatus, error)) (*pipedrive.V2ConversionStatus, error) {
	for range 120 {
		st, err := status()
		if err != nil || st.Done() {
			return st, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
	return nil, errors.New("the conversion did not finish within a minute: check its status later")
}
