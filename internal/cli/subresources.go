package cli

import (
	"context"
	"errors"
	"flag"
	"strconv"
	"strings"
	"time"

	"github.com/gopipedrive/pipedrive"
)

// Commands on what hangs off an entity (its followers, ...), declared once
// for every kind of entity that has them.

// argsCommand declares a leaf command whose positional arguments are those
// named in args ("DEAL_ID DISCOUNT_ID"); flags registers its flags (nil for
// none).
func argsCommand(name, args, summary string, flags func(fs *flag.FlagSet), run func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error) *command {
	n := len(strings.Fields(args))
	return &command{name: name, args: args, summary: summary, setup: func(fs *flag.FlagSet) runFunc {
		if flags != nil {
			flags(fs)
		}
		return func(ctx context.Context, a *app, argv []string) error {
			if err := wantArgs(argv, args, n); err != nil {
				return err
			}
			cl, err := a.client(ctx)
			if err != nil {
				return err
			}
			return run(ctx, a, cl, argv)
		}
	}}
}

// idsCommand is argsCommand for arguments that are all integer ids, named
// after what they identify ("DEAL_ID USER_ID"); run gets them parsed.
func idsCommand(name, args, summary string, run func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error) *command {
	names := strings.Fields(args)
	c := argsCommand(name, args, summary, nil, nil)
	c.setup = func(*flag.FlagSet) runFunc {
		return func(ctx context.Context, a *app, argv []string) error {
			if err := wantArgs(argv, args, len(names)); err != nil {
				return err
			}
			ids, err := parseIDs(names, argv)
			if err != nil {
				return err
			}
			cl, err := a.client(ctx)
			if err != nil {
				return err
			}
			return run(ctx, a, cl, ids)
		}
	}
	return c
}

// parseIDs parses integer arguments; names ("DEAL_ID") say what each is.
func parseIDs(names, argv []string) ([]int, error) {
	ids := make([]int, len(argv))
	for i, s := range argv {
		id, err := parseID(strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(names[i], "ID"), "_")), s)
		if err != nil {
			return nil, err
		}
		ids[i] = id
	}
	return ids, nil
}

// collect gathers every item of an iterator (the lists hanging off one
// entity are short).
func collect[T any](seq func(yield func(T, error) bool)) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func timeCell(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateTime)
}

// followersCommand is `<kind> followers list|add|delete|changelog` (API v2).
func followersCommand(kind pipedrive.FollowedType, noun string) *command {
	id := strings.ToUpper(noun) + "_ID"
	v := view{singular: "follower", plural: "followers", columns: []string{"USER", "ADDED"}}
	cells := func(f *pipedrive.V2Follower) []string { return []string{itoa(f.UserID), timeCell(f.AddTime)} }
	return &command{
		name:    "followers",
		summary: "The users following " + article(noun) + ": list, add, delete, changelog",
		subs: []*command{
			idsCommand("list", id, "List the followers of "+article(noun), func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
				fs, err := collect(cl.V2.Followers.All(ctx, kind, ids[0], nil))
				if err != nil {
					return err
				}
				return a.printPage(v, page{rows: rows(fs, cells)})
			}),
			idsCommand("add", id+" USER_ID", "Make a user follow "+article(noun), func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
				f, _, err := cl.V2.Followers.Add(ctx, kind, ids[0], ids[1])
				if err != nil {
					return err
				}
				return a.printOne(v, row{f, cells(f)})
			}),
			idsCommand("delete", id+" USER_ID", "Make a user stop following "+article(noun), func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
				if _, err := cl.V2.Followers.Delete(ctx, kind, ids[0], ids[1]); err != nil {
					return err
				}
				return a.printDeleted("follower", itoa(ids[1]))
			}),
			idsCommand("changelog", id, "Who started and stopped following "+article(noun), func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
				log, err := collect(cl.V2.Followers.ChangelogAll(ctx, kind, ids[0], nil))
				if err != nil {
					return err
				}
				lv := view{singular: "change", plural: "changes", columns: []string{"TIME", "ACTION", "FOLLOWER", "BY"}}
				return a.printPage(lv, page{rows: rows(log, func(c *pipedrive.V2FollowerChange) []string {
					return []string{timeCell(c.Time), c.Action, itoa(c.FollowerUserID), itoa(c.ActorUserID)}
				})})
			}),
		},
	}
}

// withSubs adds commands to a group.
func withSubs(g *command, subs ...*command) *command {
	g.subs = append(g.subs, subs...)
	return g
}

// discountsCommand is `deals discounts list|add|update|delete` (API v2).
func discountsCommand() *command {
	v := view{singular: "discount", plural: "discounts", columns: []string{"ID", "DESCRIPTION", "AMOUNT", "TYPE"}}
	cells := func(d *pipedrive.V2DealDiscount) []string {
		return []string{d.ID, cell(d.Description), strconv.FormatFloat(d.Amount, 'f', -1, 64), string(d.Type)}
	}
	params := func(p *pipedrive.V2DealDiscountParams) func(fs *flag.FlagSet) {
		return func(fs *flag.FlagSet) {
			fs.StringVar(&p.Description, "description", "", "what the discount is for")
			fs.Float64Var(&p.Amount, "amount", 0, "the discount: a percentage (up to 100) or an amount in the deal's currency")
			fs.Func("type", "percentage or amount", func(s string) error {
				if s != string(pipedrive.V2DiscountPercentage) && s != string(pipedrive.V2DiscountAmount) {
					return errors.New("want percentage or amount")
				}
				p.Type = pipedrive.V2DiscountType(s)
				return nil
			})
		}
	}
	write := func(name, args, summary string, do func(ctx context.Context, cl *pipedrive.Client, dealID int, id string, p *pipedrive.V2DealDiscountParams) (*pipedrive.V2DealDiscount, error)) *command {
		p := &pipedrive.V2DealDiscountParams{}
		return argsCommand(name, args, summary, params(p), func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			ids, err := parseIDs([]string{"DEAL_ID"}, argv[:1])
			if err != nil {
				return err
			}
			id := ""
			if len(argv) > 1 {
				id = argv[1]
			}
			d, err := do(ctx, cl, ids[0], id, p)
			if err != nil {
				return err
			}
			return a.printOne(v, row{d, cells(d)})
		})
	}
	return &command{
		name:    "discounts",
		summary: "A deal's additional discounts: list, add, update, delete",
		subs: []*command{
			idsCommand("list", "DEAL_ID", "List the discounts of a deal", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
				ds, _, err := cl.V2.Deals.Discounts(ctx, ids[0])
				if err != nil {
					return err
				}
				return a.printPage(v, page{rows: rows(ds, cells)})
			}),
			write("add", "DEAL_ID", "Add a discount to a deal (--description, --amount and --type)",
				func(ctx context.Context, cl *pipedrive.Client, dealID int, _ string, p *pipedrive.V2DealDiscountParams) (*pipedrive.V2DealDiscount, error) {
					d, _, err := cl.V2.Deals.AddDiscount(ctx, dealID, p)
					return d, err
				}),
			write("update", "DEAL_ID DISCOUNT_ID", "Change a discount of a deal",
				func(ctx context.Context, cl *pipedrive.Client, dealID int, id string, p *pipedrive.V2DealDiscountParams) (*pipedrive.V2DealDiscount, error) {
					d, _, err := cl.V2.Deals.UpdateDiscount(ctx, dealID, id, p)
					return d, err
				}),
			argsCommand("delete", "DEAL_ID DISCOUNT_ID", "Remove a discount from a deal", nil, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
				ids, err := parseIDs([]string{"DEAL_ID"}, argv[:1])
				if err != nil {
					return err
				}
				if _, err := cl.V2.Deals.DeleteDiscount(ctx, ids[0], argv[1]); err != nil {
					return err
				}
				return a.printDeleted("discount", argv[1])
			}),
		},
	}
}
