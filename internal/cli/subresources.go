package cli

import (
	"context"
	"errors"
	"flag"
	"io"
	"iter"
	"maps"
	"os"
	"slices"
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

// historyAPI is what the deals, persons and organizations services share
// of their history (API v1).
type historyAPI interface {
	ChangelogAll(ctx context.Context, id int, opts *pipedrive.ChangelogOptions) iter.Seq2[*pipedrive.ChangelogEntry, error]
	UpdatesAll(ctx context.Context, id int, opts *pipedrive.FlowOptions) iter.Seq2[*pipedrive.FlowItem, error]
	Files(ctx context.Context, id int, opts *pipedrive.FileListOptions) ([]*pipedrive.File, *pipedrive.Response, error)
	MailMessages(ctx context.Context, id int, opts *pipedrive.MailMessageOptions) ([]*pipedrive.MailMessage, *pipedrive.Response, error)
	PermittedUsers(ctx context.Context, id int) ([]int, *pipedrive.Response, error)
}

// flexText shows a changed value: empty for null.
func flexText(s *pipedrive.FlexString) string {
	if s == nil {
		return ""
	}
	return cell(string(*s))
}

// flowSummary is one line about a flow item.
func flowSummary(it *pipedrive.FlowItem) string {
	switch {
	case it.Change != nil:
		return it.Change.FieldKey + ": " + flexText(it.Change.OldValue) + " → " + flexText(it.Change.NewValue)
	case it.Activity != nil:
		return cell(it.Activity.Subject)
	case it.Note != nil:
		return cell(it.Note.Content)
	case it.File != nil:
		return cell(it.File.Name)
	case it.MailMessage != nil:
		return cell(it.MailMessage.Subject)
	}
	return ""
}

// historyCommands are `<kind> changelog|updates|files|mail|permitted-users ID`
// (API v1, current).
func historyCommands(noun string, api func(*pipedrive.Client) historyAPI) []*command {
	id := strings.ToUpper(noun) + "_ID"
	of := " of " + article(noun)
	return []*command{
		idsCommand("changelog", id, "The changes of the fields"+of+", newest first", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			log, err := collect(api(cl).ChangelogAll(ctx, ids[0], nil))
			if err != nil {
				return err
			}
			v := view{singular: "change", plural: "changes", columns: []string{"TIME", "FIELD", "OLD", "NEW", "BY"}}
			return a.printPage(v, page{rows: rows(log, func(e *pipedrive.ChangelogEntry) []string {
				return []string{timeCell(e.Time.Time), e.FieldKey, flexText(e.OldValue), flexText(e.NewValue), itoa(e.ActorUserID)}
			})})
		}),
		idsCommand("updates", id, "The flow"+of+": changes, activities, notes, files and mail, newest first", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			items, err := collect(api(cl).UpdatesAll(ctx, ids[0], nil))
			if err != nil {
				return err
			}
			v := view{singular: "update", plural: "updates", columns: []string{"TIME", "KIND", "WHAT"}}
			return a.printPage(v, page{rows: rows(items, func(it *pipedrive.FlowItem) []string {
				return []string{timeCell(it.Timestamp.Time), it.Object, flowSummary(it)}
			})})
		}),
		idsCommand("files", id, "The files attached to "+article(noun), func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			files, _, err := api(cl).Files(ctx, ids[0], &pipedrive.FileListOptions{ListOptions: pipedrive.ListOptions{Limit: 100}})
			if err != nil {
				return err
			}
			v := view{singular: "file", plural: "files", columns: []string{"ID", "NAME", "TYPE", "SIZE", "ADDED"}}
			return a.printPage(v, page{rows: rows(files, func(f *pipedrive.File) []string {
				return []string{itoa(f.ID), cell(f.Name), f.FileType, strconv.FormatInt(f.FileSize, 10), timeCell(f.AddTime.Time)}
			})})
		}),
		idsCommand("mail", id, "The mail messages linked to "+article(noun), func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			msgs, _, err := api(cl).MailMessages(ctx, ids[0], &pipedrive.MailMessageOptions{ListOptions: pipedrive.ListOptions{Limit: pipedrive.MaxLimit}})
			if err != nil {
				return err
			}
			v := view{singular: "mail message", plural: "mail messages", columns: []string{"ID", "TIME", "FROM", "SUBJECT"}}
			return a.printPage(v, page{rows: rows(msgs, func(m *pipedrive.MailMessage) []string {
				from := ""
				if len(m.From) > 0 {
					from = m.From[0].EmailAddress
				}
				return []string{itoa(m.ID), timeCell(m.MessageTime.Time), cell(from), cell(m.Subject)}
			})})
		}),
		idsCommand("permitted-users", id, "The users allowed to see "+article(noun), func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			users, _, err := api(cl).PermittedUsers(ctx, ids[0])
			if err != nil {
				return err
			}
			v := view{singular: "user", plural: "users", columns: []string{"USER"}}
			return a.printPage(v, page{rows: rows(users, func(u int) []string { return []string{itoa(u)} })})
		}),
	}
}

// mergeCommand is `<kind> merge ID INTO_ID`: merge moves everything to
// the entity INTO_ID, whose id and name it returns.
func mergeCommand[T any](noun string, merge func(ctx context.Context, cl *pipedrive.Client, id, into int) (*T, error), cells func(*T) []string) *command {
	id := strings.ToUpper(noun) + "_ID"
	return idsCommand("merge", id+" INTO_ID", "Merge "+article(noun)+" into another one (cannot be undone)", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
		got, err := merge(ctx, cl, ids[0], ids[1])
		if err != nil {
			return err
		}
		return a.printOne(view{singular: noun, plural: noun + "s", columns: []string{"ID", "NAME"}}, row{got, cells(got)})
	})
}

// entityExtras are the history, merge (and for deals, duplicate) commands
// of deals, persons and organizations.
func entityExtras(kind pipedrive.FollowedType) []*command {
	switch kind {
	case pipedrive.FollowedDeal:
		cells := func(d *pipedrive.Deal) []string { return []string{itoa(d.ID), cell(d.Title)} }
		return append(historyCommands("deal", func(c *pipedrive.Client) historyAPI { return c.Deals }),
			mergeCommand("deal", func(ctx context.Context, cl *pipedrive.Client, id, into int) (*pipedrive.Deal, error) {
				d, _, err := cl.Deals.Merge(ctx, id, into)
				return d, err
			}, cells),
			idsCommand("duplicate", "DEAL_ID", "Copy a deal into a new one", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
				d, _, err := cl.Deals.Duplicate(ctx, ids[0])
				if err != nil {
					return err
				}
				return a.printOne(view{singular: "deal", plural: "deals", columns: []string{"ID", "NAME"}}, row{d, cells(d)})
			}))
	case pipedrive.FollowedPerson:
		return append(historyCommands("person", func(c *pipedrive.Client) historyAPI { return c.Persons }),
			mergeCommand("person", func(ctx context.Context, cl *pipedrive.Client, id, into int) (*pipedrive.Person, error) {
				p, _, err := cl.Persons.Merge(ctx, id, into)
				return p, err
			}, func(p *pipedrive.Person) []string { return []string{itoa(p.ID), cell(p.Name)} }))
	}
	return append(historyCommands("organization", func(c *pipedrive.Client) historyAPI { return c.Organizations }),
		mergeCommand("organization", func(ctx context.Context, cl *pipedrive.Client, id, into int) (*pipedrive.Organization, error) {
			o, _, err := cl.Organizations.Merge(ctx, id, into)
			return o, err
		}, func(o *pipedrive.Organization) []string { return []string{itoa(o.ID), cell(o.Name)} }))
}

// participantsCommand is `deals participants list|add|delete|changelog`
// (API v1, current).
func participantsCommand() *command {
	v := view{singular: "participant", plural: "participants", columns: []string{"ID", "PERSON", "NAME", "ADDED"}}
	cells := func(p *pipedrive.DealParticipant) []string {
		return []string{itoa(p.ID), itoa(p.PersonID.ID), cell(p.PersonID.Name), timeCell(p.AddTime.Time)}
	}
	return &command{
		name:    "participants",
		summary: "The persons taking part in a deal: list, add, delete, changelog",
		subs: []*command{
			idsCommand("list", "DEAL_ID", "List the participants of a deal", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
				ps, err := collect(cl.Deals.ParticipantsAll(ctx, ids[0], nil))
				if err != nil {
					return err
				}
				return a.printPage(v, page{rows: rows(ps, cells)})
			}),
			idsCommand("add", "DEAL_ID PERSON_ID", "Make a person a participant of a deal", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
				p, _, err := cl.Deals.AddParticipant(ctx, ids[0], ids[1])
				if err != nil {
					return err
				}
				return a.printOne(v, row{p, cells(p)})
			}),
			idsCommand("delete", "DEAL_ID PARTICIPANT_ID", "Remove a participant (its ID, as list shows it) from a deal", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
				if _, err := cl.Deals.DeleteParticipant(ctx, ids[0], ids[1]); err != nil {
					return err
				}
				return a.printDeleted("participant", itoa(ids[1]))
			}),
			idsCommand("changelog", "DEAL_ID", "Who was added to and removed from a deal's participants", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
				log, err := collect(cl.Deals.ParticipantsChangelogAll(ctx, ids[0], nil))
				if err != nil {
					return err
				}
				lv := view{singular: "change", plural: "changes", columns: []string{"TIME", "ACTION", "PERSON", "BY"}}
				return a.printPage(lv, page{rows: rows(log, func(c *pipedrive.DealParticipantChange) []string {
					return []string{timeCell(c.Time.Time), c.Action, itoa(c.PersonID), itoa(c.ActorUserID)}
				})})
			}),
		},
	}
}

// summaryCommand is `deals summary` (API v1, current).
func summaryCommand() *command {
	opts := &pipedrive.DealsSummaryOptions{}
	return argsCommand("summary", "", "Total value of the deals by currency (not archived)", func(fs *flag.FlagSet) {
		fs.StringVar(&opts.Status, "status", "", "only open, won or lost deals")
		fs.IntVar(&opts.UserID, "owner", 0, "only deals owned by this user id")
		fs.IntVar(&opts.PipelineID, "pipeline", 0, "only deals in this pipeline id")
		fs.IntVar(&opts.StageID, "stage", 0, "only deals in this stage id")
		fs.IntVar(&opts.FilterID, "filter", 0, "apply this saved filter id")
	}, func(ctx context.Context, a *app, cl *pipedrive.Client, _ []string) error {
		sum, _, err := cl.Deals.Summary(ctx, opts)
		if err != nil {
			return err
		}
		if a.g.output != formatTable {
			return a.printOne(view{}, row{sum, nil})
		}
		curs := slices.Sorted(maps.Keys(sum.ValuesTotal))
		v := view{singular: "currency", plural: "currencies", columns: []string{"CURRENCY", "DEALS", "VALUE", "WEIGHTED", "CONVERTED"}}
		return a.printPage(v, page{rows: rows(curs, func(c string) []string {
			t := sum.ValuesTotal[c]
			return []string{c, itoa(t.Count), money(t.Value, c), money(sum.WeightedValuesTotal[c].Value, c), t.ValueConvertedFormatted}
		})})
	})
}

// timelineCommand is `deals timeline` (API v1, current).
func timelineCommand() *command {
	opts := &pipedrive.DealsTimelineOptions{Interval: pipedrive.TimelineMonth, Amount: 3, FieldKey: "add_time"}
	return argsCommand("timeline", "", "Open and won deals grouped by period of a date field", func(fs *flag.FlagSet) {
		fs.Func("start", "first day of the first period, YYYY-MM-DD (required)", func(s string) error { opts.StartDate = pipedrive.Date(s); return nil })
		fs.Func("interval", "day, week, month or quarter (default month)", func(s string) error { opts.Interval = pipedrive.TimelineInterval(s); return nil })
		fs.IntVar(&opts.Amount, "periods", 3, "how many periods")
		fs.StringVar(&opts.FieldKey, "field", "add_time", "the date field deals are grouped by (a key)")
		fs.IntVar(&opts.PipelineID, "pipeline", 0, "only deals in this pipeline id")
		fs.IntVar(&opts.UserID, "owner", 0, "only deals owned by this user id")
	}, func(ctx context.Context, a *app, cl *pipedrive.Client, _ []string) error {
		opts.ExcludeDeals = a.g.output == formatTable
		periods, _, err := cl.Deals.Timeline(ctx, opts)
		if err != nil {
			return err
		}
		v := view{singular: "period", plural: "periods", columns: []string{"FROM", "TO", "DEALS", "OPEN", "WON", "VALUES"}}
		return a.printPage(v, page{rows: rows(periods, func(p *pipedrive.DealsTimelinePeriod) []string {
			var vals []string
			for _, c := range slices.Sorted(maps.Keys(p.Totals.Values)) {
				vals = append(vals, money(p.Totals.Values[c], c))
			}
			return []string{p.PeriodStart.Format(time.DateOnly), p.PeriodEnd.Format(time.DateOnly), itoa(p.Totals.Count),
				itoa(p.Totals.OpenCount), itoa(p.Totals.WonCount), strings.Join(vals, ", ")}
		})})
	})
}

// pipelineStatsCommands are `pipelines conversion|movements ID`.
func pipelineStatsCommands() []*command {
	period := func(o *pipedrive.PipelineStatsOptions) func(fs *flag.FlagSet) {
		return func(fs *flag.FlagSet) {
			fs.Func("from", "first day, YYYY-MM-DD (required)", func(s string) error { o.StartDate = pipedrive.Date(s); return nil })
			fs.Func("to", "last day, YYYY-MM-DD (required)", func(s string) error { o.EndDate = pipedrive.Date(s); return nil })
			fs.IntVar(&o.UserID, "owner", 0, "only deals owned by this user id")
		}
	}
	conv, moves := &pipedrive.PipelineStatsOptions{}, &pipedrive.PipelineStatsOptions{}
	return []*command{
		argsCommand("conversion", "PIPELINE_ID", "Stage-to-stage conversion rates of the deals added in a period", period(conv),
			func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
				ids, err := parseIDs([]string{"PIPELINE_ID"}, argv)
				if err != nil {
					return err
				}
				st, _, err := cl.Pipelines.ConversionStatistics(ctx, ids[0], conv)
				if err != nil {
					return err
				}
				if a.g.output != formatTable {
					return a.printOne(view{}, row{st, nil})
				}
				v := view{singular: "conversion", plural: "conversions", columns: []string{"FROM STAGE", "TO STAGE", "RATE"}}
				out := append(rows(st.StageConversions, func(c pipedrive.StageConversion) []string {
					return []string{itoa(c.FromStageID), itoa(c.ToStageID), itoa(c.ConversionRate) + "%"}
				}), row{nil, []string{"", "won", itoa(st.WonConversion) + "%"}}, row{nil, []string{"", "lost", itoa(st.LostConversion) + "%"}})
				return a.printPage(v, page{rows: out})
			}),
		argsCommand("movements", "PIPELINE_ID", "How the pipeline's deals moved in a period", period(moves),
			func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
				ids, err := parseIDs([]string{"PIPELINE_ID"}, argv)
				if err != nil {
					return err
				}
				st, _, err := cl.Pipelines.MovementStatistics(ctx, ids[0], moves)
				if err != nil {
					return err
				}
				if a.g.output != formatTable {
					return a.printOne(view{}, row{st, nil})
				}
				v := view{singular: "figure", plural: "figures", columns: []string{"WHAT", "COUNT"}}
				return a.printPage(v, page{rows: []row{
					{nil, []string{"new deals", itoa(st.NewDeals.Count)}},
					{nil, []string{"left open", itoa(st.DealsLeftOpen.Count)}},
					{nil, []string{"won", itoa(st.WonDeals.Count)}},
					{nil, []string{"lost", itoa(st.LostDeals.Count)}},
					{nil, []string{"moves between stages", itoa(st.MovementsBetweenStages.Count)}},
					{nil, []string{"average age (days)", itoa(st.AverageAgeInDays.AcrossAllStages)}},
				}})
			}),
	}
}

// pictureCommand is `persons picture set|get|delete`.
func pictureCommand() *command {
	v := view{singular: "picture", plural: "pictures", columns: []string{"ID", "PERSON", "128", "512"}}
	var crop string
	return &command{
		name:    "picture",
		summary: "A person's picture: set (from a file, or - for stdin), get, delete",
		subs: []*command{
			argsCommand("set", "PERSON_ID FILE", "Upload a person's picture (streamed; JPEG, PNG or GIF)", func(fs *flag.FlagSet) {
				fs.StringVar(&crop, "crop", "", "crop to X,Y,WIDTH,HEIGHT pixels of the image")
			}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
				ids, err := parseIDs([]string{"PERSON_ID"}, argv[:1])
				if err != nil {
					return err
				}
				var c *pipedrive.PictureCrop
				if crop != "" {
					var n [4]int
					parts := strings.Split(crop, ",")
					if len(parts) != 4 {
						return usagef("invalid --crop %q: want X,Y,WIDTH,HEIGHT", crop)
					}
					for i, p := range parts {
						if n[i], err = strconv.Atoi(strings.TrimSpace(p)); err != nil {
							return usagef("invalid --crop %q: want four integers", crop)
						}
					}
					c = &pipedrive.PictureCrop{X: n[0], Y: n[1], Width: n[2], Height: n[3]}
				}
				var r io.Reader = a.stdin
				name := "stdin"
				if argv[1] != "-" {
					f, err := os.Open(argv[1])
					if err != nil {
						return usagef("cannot read the picture: %v", err)
					}
					defer f.Close()
					r, name = f, argv[1]
				}
				p, _, err := cl.Persons.AddPicture(ctx, ids[0], name, r, c)
				if err != nil {
					return err
				}
				return a.printOne(v, row{p, []string{itoa(p.ID), itoa(p.ItemID), p.Pictures.Size128, p.Pictures.Size512}})
			}),
			idsCommand("get", "PERSON_ID", "Show a person's picture", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
				p, _, err := cl.V2.Persons.Picture(ctx, ids[0])
				if err != nil {
					return err
				}
				return a.printOne(v, row{p, []string{itoa(p.ID), itoa(p.ItemID), p.Pictures.Size128, p.Pictures.Size512}})
			}),
			idsCommand("delete", "PERSON_ID", "Remove a person's picture", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
				if _, err := cl.Persons.DeletePicture(ctx, ids[0]); err != nil {
					return err
				}
				return a.printDeleted("picture of person", itoa(ids[0]))
			}),
		},
	}
}

// pagedList is a paged list command: --limit, --cursor and --all, plus
// the command's own flags; fetch gets the page at pos and says where the
// next one starts ("" at the end).
func pagedList[T any](name, summary string, v view, cells func(T) []string, flags func(fs *flag.FlagSet),
	fetch func(ctx context.Context, cl *pipedrive.Client, pos string, limit int) ([]T, string, error)) *command {
	return &command{name: name, summary: summary, setup: func(fs *flag.FlagSet) runFunc {
		q := &query{}
		addPageFlags(fs, q)
		if flags != nil {
			flags(fs)
		}
		return func(ctx context.Context, a *app, args []string) error {
			if err := wantArgs(args, "", 0); err != nil {
				return err
			}
			cl, err := a.client(ctx)
			if err != nil {
				return err
			}
			return a.runList(ctx, v, q, func(ctx context.Context, pos string) (page, error) {
				items, next, err := fetch(ctx, cl, pos, q.limit.v)
				if err != nil {
					return page{}, err
				}
				return page{rows: rows(items, cells), next: next}, nil
			})
		}
	}}
}

// v1ListCommand is a paged API v1 list (the position is a start offset).
func v1ListCommand[T any](name, summary string, v view, cells func(T) []string, flags func(fs *flag.FlagSet),
	fetch func(ctx context.Context, cl *pipedrive.Client, opts pipedrive.ListOptions) ([]T, *pipedrive.Response, error)) *command {
	return pagedList(name, summary, v, cells, flags, func(ctx context.Context, cl *pipedrive.Client, pos string, limit int) ([]T, string, error) {
		start, err := v1Start(pos)
		if err != nil {
			return nil, "", err
		}
		items, resp, err := fetch(ctx, cl, pipedrive.ListOptions{Start: start, Limit: limit})
		return items, v1Next(resp), err
	})
}

// v2ListCommand is a paged API v2 list (the position is a cursor).
func v2ListCommand[T any](name, summary string, v view, cells func(T) []string, flags func(fs *flag.FlagSet),
	fetch func(ctx context.Context, cl *pipedrive.Client, page pipedrive.V2ListOptions) ([]T, *pipedrive.Response, error)) *command {
	return pagedList(name, summary, v, cells, flags, func(ctx context.Context, cl *pipedrive.Client, pos string, limit int) ([]T, string, error) {
		items, resp, err := fetch(ctx, cl, pipedrive.V2ListOptions{Cursor: pos, Limit: limit})
		next := ""
		if resp != nil {
			next = resp.NextCursor
		}
		return items, next, err
	})
}
