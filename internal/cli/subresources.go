package cli

import (
	"context"
	"flag"
	"strings"
	"time"

	"github.com/gopipedrive/pipedrive"
)

// Commands on what hangs off an entity (its followers, ...), declared once
// for every kind of entity that has them.

// idsCommand declares a leaf command whose positional arguments are the
// ids named in args ("ID USER_ID"); run gets them parsed.
func idsCommand(name, args, summary string, run func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error) *command {
	names := strings.Fields(args)
	return &command{name: name, args: args, summary: summary, setup: func(*flag.FlagSet) runFunc {
		return func(ctx context.Context, a *app, argv []string) error {
			if err := wantArgs(argv, args, len(names)); err != nil {
				return err
			}
			ids := make([]int, len(names))
			for i, s := range argv {
				id, err := parseID(strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(names[i], "ID"), "_")), s)
				if err != nil {
					return err
				}
				ids[i] = id
			}
			cl, err := a.client(ctx)
			if err != nil {
				return err
			}
			return run(ctx, a, cl, ids)
		}
	}}
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
