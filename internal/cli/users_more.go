package cli

import (
	"context"
	"flag"
	"slices"
	"strings"
	"time"

	"github.com/gopipedrive/pipedrive"
)

// usersExtras are `users find|followers|permissions|roles|create|activate|deactivate`
// (API v1, current).
func usersExtras() []*command {
	uv := view{singular: "user", plural: "users", columns: []string{"ID", "NAME", "EMAIL", "ACTIVE"}}
	ucells := func(u *pipedrive.User) []string {
		return []string{itoa(u.ID), cell(u.Name), cell(u.Email), boolCell(u.ActiveFlag)}
	}
	var byEmail, admin bool
	setActive := func(name string, active bool) *command {
		return idsCommand(name, "USER_ID", strings.ToUpper(name[:1])+name[1:]+" a user (admins only)", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			u, _, err := cl.Users.SetActive(ctx, ids[0], active)
			if err != nil {
				return err
			}
			return a.printOne(uv, row{u, ucells(u)})
		})
	}
	return []*command{
		argsCommand("find", "TERM", "Find users by name (or --email)", func(fs *flag.FlagSet) {
			fs.BoolVar(&byEmail, "email", false, "search the email addresses instead of the names")
		}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			us, _, err := cl.Users.Find(ctx, &pipedrive.UserFindOptions{Term: argv[0], ByEmail: byEmail})
			if err != nil {
				return err
			}
			return a.printPage(uv, page{rows: rows(us, ucells)})
		}),
		idsCommand("followers", "USER_ID", "The users following a user", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			fs, _, err := cl.Users.Followers(ctx, ids[0])
			if err != nil {
				return err
			}
			return a.printPage(view{singular: "follower", plural: "followers", columns: []string{"USER"}},
				page{rows: rows(fs, func(id int) []string { return []string{itoa(id)} })})
		}),
		idsCommand("permissions", "USER_ID", "A user's permissions", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			p, _, err := cl.Users.Permissions(ctx, ids[0])
			if err != nil {
				return err
			}
			if a.g.output != formatTable {
				return a.printOne(view{}, row{p, nil})
			}
			names := slices.Sorted(func(yield func(string) bool) {
				for k := range p {
					if !yield(k) {
						return
					}
				}
			})
			return a.printPage(view{singular: "permission", plural: "permissions", columns: []string{"PERMISSION", "ALLOWED"}},
				page{rows: rows(names, func(k string) []string { return []string{k, boolCell(p[k])} })})
		}),
		idsCommand("roles", "USER_ID", "A user's roles and their default visibility settings", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			rs, _, err := cl.Users.RoleAssignments(ctx, ids[0], nil)
			if err != nil {
				return err
			}
			return a.printPage(view{singular: "role", plural: "roles", columns: []string{"ROLE", "NAME", "ACTIVE"}},
				page{rows: rows(rs, func(r *pipedrive.RoleAssignment) []string {
					return []string{itoa(r.RoleID), cell(r.Name), boolCell(bool(r.ActiveFlag))}
				})})
		}),
		argsCommand("create", "EMAIL", "Add a user to the company (admins only)", func(fs *flag.FlagSet) {
			fs.BoolVar(&admin, "admin", false, "make the user an admin of the sales app")
		}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			u, _, err := cl.Users.Create(ctx, &pipedrive.UserCreateParams{Email: argv[0],
				Access: []pipedrive.UserAccess{{App: pipedrive.UserAppSales, Admin: admin}}})
			if err != nil {
				return err
			}
			return a.printOne(uv, row{u, ucells(u)})
		}),
		setActive("activate", true),
		setActive("deactivate", false),
	}
}

// commentsCommand is `notes comments list|get|add|update|delete`.
func commentsCommand() *command {
	v := view{singular: "comment", plural: "comments", columns: []string{"ID", "CONTENT", "USER", "ADDED"}}
	cells := func(c *pipedrive.NoteComment) []string {
		return []string{c.UUID, cell(c.Content), itoa(c.UserID), timeCell(c.AddTime.Time)}
	}
	noteID := func(argv []string) (int, error) {
		ids, err := parseIDs([]string{"NOTE_ID"}, argv[:1])
		if err != nil {
			return 0, err
		}
		return ids[0], nil
	}
	one := func(name, args, summary string, do func(ctx context.Context, cl *pipedrive.Client, note int, argv []string) (*pipedrive.NoteComment, error)) *command {
		return argsCommand(name, args, summary, nil, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			n, err := noteID(argv)
			if err != nil {
				return err
			}
			c, err := do(ctx, cl, n, argv[1:])
			if err != nil {
				return err
			}
			return a.printOne(v, row{c, cells(c)})
		})
	}
	return &command{
		name:    "comments",
		summary: "Comments on a note: list, get, add, update, delete",
		subs: []*command{
			idsCommand("list", "NOTE_ID", "List the comments on a note", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
				cs, _, err := cl.Notes.Comments(ctx, ids[0], &pipedrive.ListOptions{Limit: pipedrive.MaxLimit})
				if err != nil {
					return err
				}
				return a.printPage(v, page{rows: rows(cs, cells)})
			}),
			one("get", "NOTE_ID COMMENT_ID", "Show a comment", func(ctx context.Context, cl *pipedrive.Client, note int, argv []string) (*pipedrive.NoteComment, error) {
				c, _, err := cl.Notes.Comment(ctx, note, argv[0])
				return c, err
			}),
			one("add", "NOTE_ID TEXT", "Comment on a note", func(ctx context.Context, cl *pipedrive.Client, note int, argv []string) (*pipedrive.NoteComment, error) {
				c, _, err := cl.Notes.AddComment(ctx, note, argv[0])
				return c, err
			}),
			one("update", "NOTE_ID COMMENT_ID TEXT", "Replace a comment's text", func(ctx context.Context, cl *pipedrive.Client, note int, argv []string) (*pipedrive.NoteComment, error) {
				c, _, err := cl.Notes.UpdateComment(ctx, note, argv[0], argv[1])
				return c, err
			}),
			argsCommand("delete", "NOTE_ID COMMENT_ID", "Delete a comment", nil, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
				n, err := noteID(argv)
				if err != nil {
					return err
				}
				if _, err := cl.Notes.DeleteComment(ctx, n, argv[1]); err != nil {
					return err
				}
				return a.printDeleted("comment", argv[1])
			}),
		},
	}
}

// leadFieldsCommand is `leads fields`.
func leadFieldsCommand() *command {
	return noArgs("fields", "List the lead fields (the lead's own and the deal custom fields)", func(ctx context.Context, a *app, cl *pipedrive.Client) error {
		fs, _, err := cl.Leads.Fields(ctx, &pipedrive.ListOptions{Limit: pipedrive.MaxLimit})
		if err != nil {
			return err
		}
		v := view{singular: "field", plural: "fields", columns: []string{"KEY", "NAME", "TYPE"}}
		return a.printPage(v, page{rows: rows(fs, func(f *pipedrive.FieldDefinition) []string {
			return []string{f.Key, cell(f.Name), string(f.FieldType)}
		})})
	})
}

// activityTypesCommand is `activities types list|create|update|delete`.
func activityTypesCommand() *command {
	v := view{singular: "activity type", plural: "activity types", columns: []string{"ID", "KEY", "NAME", "ICON", "ACTIVE", "CUSTOM"}}
	cells := func(t *pipedrive.ActivityType) []string {
		return []string{itoa(t.ID), t.KeyString, cell(t.Name), t.IconKey, boolCell(bool(t.ActiveFlag)), boolCell(bool(t.IsCustomFlag))}
	}
	params := func(p *pipedrive.ActivityTypeParams) func(fs *flag.FlagSet) {
		return func(fs *flag.FlagSet) {
			fs.StringVar(&p.IconKey, "icon", "", "the icon: task, email, meeting, call, camera...")
			fs.StringVar(&p.Color, "color", "", "the color, RRGGBB")
		}
	}
	create, update := &pipedrive.ActivityTypeParams{}, &pipedrive.ActivityTypeParams{}
	var rename string
	return &command{
		name:    "types",
		summary: "Activity types: list, create, update, delete (deactivate)",
		subs: []*command{
			noArgs("list", "List the activity types", func(ctx context.Context, a *app, cl *pipedrive.Client) error {
				ts, _, err := cl.ActivityTypes.List(ctx)
				if err != nil {
					return err
				}
				return a.printPage(v, page{rows: rows(ts, cells)})
			}),
			argsCommand("create", "NAME", "Create an activity type (--icon required)", params(create), func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
				create.Name = argv[0]
				t, _, err := cl.ActivityTypes.Create(ctx, create)
				if err != nil {
					return err
				}
				return a.printOne(v, row{t, cells(t)})
			}),
			argsCommand("update", "TYPE_ID", "Change an activity type", func(fs *flag.FlagSet) {
				params(update)(fs)
				fs.StringVar(&rename, "name", "", "the new name")
			}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
				ids, err := parseIDs([]string{"TYPE_ID"}, argv)
				if err != nil {
					return err
				}
				update.Name = rename
				t, _, err := cl.ActivityTypes.Update(ctx, ids[0], update)
				if err != nil {
					return err
				}
				return a.printOne(v, row{t, cells(t)})
			}),
			idsCommand("delete", "TYPE_ID", "Deactivate a custom activity type", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
				if _, _, err := cl.ActivityTypes.Delete(ctx, ids[0]); err != nil {
					return err
				}
				return a.printDeleted("activity type", itoa(ids[0]))
			}),
		},
	}
}

// recentsCommand is `pipedrive recents --since TIME`: what changed since a
// time, streamed (the building block of incremental sync).
func recentsCommand() *command {
	var since string
	var items stringsFlag
	return argsCommand("recents", "", "What changed since a time, across item types (use -o ndjson to sync)", func(fs *flag.FlagSet) {
		fs.StringVar(&since, "since", "", "RFC 3339 time, such as 2026-12-01T00:00:00Z (required)")
		fs.Var(&items, "item", "only this item type (deal, person, organization, activity, note...); repeatable")
	}, func(ctx context.Context, a *app, cl *pipedrive.Client, _ []string) error {
		t, err := time.Parse(time.RFC3339, since)
		if err != nil {
			return usagef("invalid --since %q: want an RFC 3339 time such as 2026-12-01T00:00:00Z", since)
		}
		v := view{singular: "change", plural: "changes", columns: []string{"ITEM", "ID", "WHAT"}}
		opts := &pipedrive.RecentsOptions{Since: t, Items: items}
		if a.g.output == formatNDJSON {
			// One object per line as pages arrive: constant memory.
			for it, err := range cl.Recents.All(ctx, opts) {
				if err != nil {
					return err
				}
				if err := writeJSON(a.stdout, it, false); err != nil {
					return err
				}
			}
			return nil
		}
		all, err := collect(cl.Recents.All(ctx, opts))
		if err != nil {
			return err
		}
		return a.printPage(v, page{rows: rows(all, func(it *pipedrive.RecentItem) []string {
			what := ""
			switch {
			case it.Deal != nil:
				what = it.Deal.Title
			case it.Person != nil:
				what = it.Person.Name
			case it.Organization != nil:
				what = it.Organization.Name
			case it.Activity != nil:
				what = it.Activity.Subject
			case it.Note != nil:
				what = it.Note.Content
			}
			return []string{it.Item, itoa(it.ID), cell(what)}
		})})
	})
}
