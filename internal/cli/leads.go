package cli

import (
	"context"
	"flag"

	"github.com/gopipedrive/pipedrive"
)

// leadsCommand is `pipedrive leads`: the lead labels and sources (API v1).
func leadsCommand() *command {
	labelView := view{singular: "lead label", plural: "lead labels", columns: []string{"ID", "NAME", "COLOR"}}
	labelCells := func(l *pipedrive.LeadLabel) []string { return []string{l.ID, cell(l.Name), string(l.Color)} }
	return &command{
		name:    "leads",
		summary: "Leads' labels and sources (API v1)",
		subs: []*command{
			{
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
		},
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
