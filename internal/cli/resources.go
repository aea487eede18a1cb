package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/gopipedrive/pipedrive"
)

// query holds the flags of list and search commands. Each resource
// registers the flags it supports; a backend refuses the ones its API
// version lacks (see only).
type query struct {
	limit  optInt
	cursor string
	all    bool

	status, sort, firstChar optString
	from, to                optString
	types                   listFlag
	owner, stage            optInt
	filter                  filterRef
	pipeline, person, org   optInt
	deal                    optInt
	done                    optBool

	term   string
	exact  bool
	fields listFlag
}

// input holds the flags of create and update commands. Only the flags
// given are sent on update.
type input struct {
	title, name, subject, content     optString
	currency, status, typ, lostReason optString
	dueDate, dueTime, duration, note  optString
	location, address, expectedClose  optString
	value, probability                optFloat
	owner, person, org, deal          optInt
	stage, pipeline, visibleTo        optInt
	emails, phones, labels            listFlag
	done, busy, pinned                optBool
	set                               listFlag
	// custom holds the --set values ready for the SDK's CustomFields:
	// raw keys after prepareInput, field names too after
	// resolveCustomFields.
	custom map[string]any
	// named holds the --set arguments that name a field, until
	// resolveCustomFields resolves them.
	named []string
}

// backend is one API version's implementation of a resource: every
// method returns rows for the printers. Versions and resources without an
// operation embed unsupported.
type backend interface {
	list(ctx context.Context, q *query, pos string) (page, error)
	get(ctx context.Context, id int) (row, error)
	create(ctx context.Context, in *input) (row, error)
	update(ctx context.Context, id int, in *input) (row, error)
	delete(ctx context.Context, id int) error
	search(ctx context.Context, q *query, pos string) (page, error)
}

// unsupported implements every backend method with a usage error; real
// backends embed it and override what they offer.
type unsupported struct{ what string }

func (u unsupported) err(op string) error {
	return usagef("%s %s is not available in this API version", u.what, op)
}

func (u unsupported) list(context.Context, *query, string) (page, error) {
	return page{}, u.err("list")
}
func (u unsupported) get(context.Context, int) (row, error)       { return row{}, u.err("get") }
func (u unsupported) create(context.Context, *input) (row, error) { return row{}, u.err("create") }
func (u unsupported) update(context.Context, int, *input) (row, error) {
	return row{}, u.err("update")
}
func (u unsupported) delete(context.Context, int) error { return u.err("delete") }
func (u unsupported) search(context.Context, *query, string) (page, error) {
	return page{}, u.err("search")
}

// resource describes one resource command group ("deals", "notes" ...).
type resource struct {
	view
	summary    string
	searchView view
	// v1 and v2 build the backends; v2 is nil for v1-only resources.
	v1, v2 func(*pipedrive.Client) backend
	verbs  []string
	// listFlags, searchFlags and writeFlags register the resource's own
	// flags of those commands.
	listFlags   func(fs *flag.FlagSet, q *query)
	searchFlags func(fs *flag.FlagSet, q *query)
	writeFlags  func(fs *flag.FlagSet, in *input, create bool)
	extra       []*command
	// entity is the resource's kind of record with custom fields ("" for
	// none): --set resolves field names against its schema, and get,
	// create and update show its custom field values by name.
	entity pipedrive.FieldEntity
	// noV2Custom: API v2 has no custom fields for this resource, so --set
	// needs --api v1.
	noV2Custom bool
	// checkInput and checkQuery check flags against the account before
	// the request (activity types); nil for none.
	checkInput func(ctx context.Context, a *app, in *input) error
	checkQuery func(ctx context.Context, a *app, q *query) error
}

// backend returns the resource's backend for the selected API version.
func (a *app) backend(ctx context.Context, r *resource) (backend, error) {
	cl, err := a.client(ctx)
	if err != nil {
		return nil, err
	}
	if a.usesV2(r) {
		return r.v2(cl), nil
	}
	return r.v1(cl), nil
}

// usesV2 reports whether the resource runs on API v2: it has a v2 backend
// and v2 is selected.
func (a *app) usesV2(r *resource) bool { return r.v2 != nil && a.api == apiV2 }

// group builds the command group of a resource.
func (r *resource) group() *command {
	g := &command{name: r.plural, summary: r.summary}
	if r.v2 != nil {
		g.long = "Uses Pipedrive API v2 by default; --api v1 selects the retired v1 endpoints."
	} else {
		g.long = "Pipedrive API v1 only (--api is ignored)."
	}
	for _, verb := range r.verbs {
		switch verb {
		case "list":
			g.subs = append(g.subs, r.listCommand())
		case "get":
			g.subs = append(g.subs, r.getCommand())
		case "create":
			g.subs = append(g.subs, r.createCommand())
		case "update":
			g.subs = append(g.subs, r.updateCommand())
		case "delete":
			g.subs = append(g.subs, r.deleteCommand())
		case "search":
			g.subs = append(g.subs, r.searchCommand())
		}
	}
	g.subs = append(g.subs, r.extra...)
	return g
}

func addPageFlags(fs *flag.FlagSet, q *query) {
	fs.Var(limitValue{&q.limit}, "limit", "page size, 1 to 500 (default 100)")
	fs.StringVar(&q.cursor, "cursor", "", "start at this page position, as printed after the previous page (an offset in v1, a cursor in v2)")
	fs.BoolVar(&q.all, "all", false, "fetch every page, streaming (use -o ndjson for one object per line)")
}

func (r *resource) listCommand() *command {
	return &command{
		name: "list", summary: "List " + r.plural + " (one page, or every page with --all)",
		setup: func(fs *flag.FlagSet) runFunc {
			q := &query{}
			addPageFlags(fs, q)
			if r.listFlags != nil {
				r.listFlags(fs, q)
			}
			return func(ctx context.Context, a *app, args []string) error {
				if err := wantArgs(args, "", 0); err != nil {
					return err
				}
				b, err := a.backend(ctx, r)
				if err != nil {
					return err
				}
				if err := a.resolveFilter(ctx, r.plural, &q.filter); err != nil {
					return err
				}
				if r.checkQuery != nil {
					if err := r.checkQuery(ctx, a, q); err != nil {
						return err
					}
				}
				return a.runList(ctx, r.view, q, func(ctx context.Context, pos string) (page, error) {
					return b.list(ctx, q, pos)
				})
			}
		},
	}
}

// runList prints one page, or streams every page with --all.
func (a *app) runList(ctx context.Context, v view, q *query, fetch fetchFunc) error {
	if q.all {
		return a.stream(ctx, v, q.cursor, fetch)
	}
	p, err := fetch(ctx, q.cursor)
	if err != nil {
		return err
	}
	return a.printPage(v, p)
}

func (r *resource) searchCommand() *command {
	return &command{
		name: "search", args: "TERM", summary: "Search " + r.plural + " (at least 2 characters, or 1 with --exact)",
		setup: func(fs *flag.FlagSet) runFunc {
			q := &query{}
			addPageFlags(fs, q)
			fs.BoolVar(&q.exact, "exact", false, "only full, case-insensitive matches")
			q.fields.split = true
			fs.Var(&q.fields, "fields", "comma-separated fields to search in (default all)")
			if r.searchFlags != nil {
				r.searchFlags(fs, q)
			}
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) == 0 {
					return usagef("missing argument: TERM")
				}
				q.term = strings.Join(args, " ")
				b, err := a.backend(ctx, r)
				if err != nil {
					return err
				}
				return a.runList(ctx, r.searchView, q, func(ctx context.Context, pos string) (page, error) {
					return b.search(ctx, q, pos)
				})
			}
		},
	}
}

func (r *resource) getCommand() *command {
	return &command{
		name: "get", args: "ID", summary: "Show one " + r.singular,
		setup: func(fs *flag.FlagSet) runFunc {
			return func(ctx context.Context, a *app, args []string) error {
				if err := wantArgs(args, "ID", 1); err != nil {
					return err
				}
				id, err := parseID(r.singular, args[0])
				if err != nil {
					return err
				}
				b, err := a.backend(ctx, r)
				if err != nil {
					return err
				}
				got, err := b.get(ctx, id)
				if err != nil {
					return err
				}
				return a.printEntity(ctx, r, got)
			}
		},
	}
}

func (r *resource) createCommand() *command {
	return &command{
		name: "create", summary: "Create " + article(r.singular),
		long: r.writeHelp(),
		setup: func(fs *flag.FlagSet) runFunc {
			in := &input{}
			r.writeFlags(fs, in, true)
			return func(ctx context.Context, a *app, args []string) error {
				if err := wantArgs(args, "", 0); err != nil {
					return err
				}
				if err := a.prepareInput(in); err != nil {
					return err
				}
				b, err := a.backend(ctx, r)
				if err != nil {
					return err
				}
				if err := a.resolveCustomFields(ctx, r, "create", in); err != nil {
					return err
				}
				if r.checkInput != nil {
					if err := r.checkInput(ctx, a, in); err != nil {
						return err
					}
				}
				got, err := b.create(ctx, in)
				if err != nil {
					return err
				}
				return a.printEntity(ctx, r, got)
			}
		},
	}
}

func (r *resource) updateCommand() *command {
	return &command{
		name: "update", args: "ID", summary: "Change the fields given as flags on " + article(r.singular),
		long: r.writeHelp(),
		setup: func(fs *flag.FlagSet) runFunc {
			in := &input{}
			r.writeFlags(fs, in, false)
			return func(ctx context.Context, a *app, args []string) error {
				if err := wantArgs(args, "ID", 1); err != nil {
					return err
				}
				id, err := parseID(r.singular, args[0])
				if err != nil {
					return err
				}
				if err := a.prepareInput(in); err != nil {
					return err
				}
				b, err := a.backend(ctx, r)
				if err != nil {
					return err
				}
				if err := a.resolveCustomFields(ctx, r, "update", in); err != nil {
					return err
				}
				if r.checkInput != nil {
					if err := r.checkInput(ctx, a, in); err != nil {
						return err
					}
				}
				got, err := b.update(ctx, id, in)
				if err != nil {
					return err
				}
				return a.printEntity(ctx, r, got)
			}
		},
	}
}

func (r *resource) deleteCommand() *command {
	return &command{
		name: "delete", args: "ID", summary: "Delete " + article(r.singular),
		setup: func(fs *flag.FlagSet) runFunc {
			return func(ctx context.Context, a *app, args []string) error {
				if err := wantArgs(args, "ID", 1); err != nil {
					return err
				}
				id, err := parseID(r.singular, args[0])
				if err != nil {
					return err
				}
				b, err := a.backend(ctx, r)
				if err != nil {
					return err
				}
				if err := b.delete(ctx, id); err != nil {
					return err
				}
				return a.printDeleted(r.singular, strconv.Itoa(id))
			}
		},
	}
}

// writeHelp is the help under the usage line of create and update.
func (r *resource) writeHelp() string {
	if r.entity == "" {
		return ""
	}
	if r.noV2Custom {
		return setHelp + "\nCustom " + string(r.entity) + " fields need --api v1."
	}
	return setHelp
}

// printDeleted confirms a deletion.
func (a *app) printDeleted(singular, id string) error {
	if a.g.output == formatTable {
		_, err := fmt.Fprintf(a.stdout, "deleted %s %s\n", singular, id)
		return err
	}
	var idv any = id
	if n, err := strconv.Atoi(id); err == nil {
		idv = n
	}
	return writeJSON(a.stdout, map[string]any{"id": idv, "deleted": true}, a.g.output == formatJSON)
}

// prepareInput parses --set (field names wait for resolveCustomFields)
// and reads --content - from stdin.
func (a *app) prepareInput(in *input) error {
	custom, named, err := parseCustomFields(in.set.v)
	if err != nil {
		return err
	}
	in.custom, in.named = custom, named
	if in.content.set && in.content.v == "-" {
		b, err := readLimited(a.stdin)
		if err != nil {
			return fmt.Errorf("reading the content from stdin: %w", err)
		}
		in.content.v = strings.TrimRight(string(b), "\n")
	}
	return nil
}

// maxInput caps what is read from stdin or a file (16 MiB).
const maxInput = 16 << 20

// readLimited reads r up to maxInput bytes.
func readLimited(r io.Reader) ([]byte, error) {
	if r == nil {
		return nil, nil
	}
	b, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxInput {
		return nil, usagef("input larger than %d bytes", maxInput)
	}
	return b, nil
}

// only refuses flags the selected API version does not support. pairs
// alternate a flag name and whether it was given.
func only(api, cmd string, pairs ...any) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if set, _ := pairs[i+1].(bool); set {
			other := apiV1
			if api == apiV1 {
				other = apiV2
			}
			return usagef("--%s is not supported by `%s` with API %s; try --api %s", pairs[i], cmd, api, other)
		}
	}
	return nil
}

// refuse refuses flags a command cannot honour; pairs alternate a flag
// name and whether it was given.
func refuse(cmd string, pairs ...any) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if set, _ := pairs[i+1].(bool); set {
			return usagef("--%s is not supported by `%s`", pairs[i], cmd)
		}
	}
	return nil
}

// v1Start parses a v1 page position (an offset).
func v1Start(pos string) (int, error) {
	if pos == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(pos)
	if err != nil || n < 0 {
		return 0, usagef("--cursor %q: API v1 pages by offset, a number such as 100", pos)
	}
	return n, nil
}

// v1Next is the position of the next v1 page, "" on the last.
func v1Next(resp *pipedrive.Response) string {
	if resp == nil || resp.Pagination == nil || !resp.Pagination.MoreItems {
		return ""
	}
	return strconv.Itoa(resp.Pagination.NextStart)
}

// v2Next is the position of the next v2 page, "" on the last.
func v2Next(resp *pipedrive.Response) string {
	if resp == nil {
		return ""
	}
	return resp.NextCursor
}

// rows maps SDK values to rows.
func rows[T any](items []T, cells func(T) []string) []row {
	out := make([]row, len(items))
	for i, it := range items {
		out[i] = row{value: it, cells: cells(it)}
	}
	return out
}

// strp returns a pointer to the flag's value when it was given.
func strp(o optString) *string {
	if !o.set {
		return nil
	}
	return &o.v
}

func intp(o optInt) *int {
	if !o.set {
		return nil
	}
	return &o.v
}

func floatp(o optFloat) *float64 {
	if !o.set {
		return nil
	}
	return &o.v
}

func boolp(o optBool) *bool {
	if !o.set {
		return nil
	}
	return &o.v
}

// sortSpec splits "--sort 'add_time DESC'" into a v2 field and direction.
func sortSpec(s string) (pipedrive.V2SortBy, pipedrive.V2SortDirection) {
	f := strings.Fields(strings.ReplaceAll(s, ",", " "))
	if len(f) == 0 {
		return "", ""
	}
	var dir pipedrive.V2SortDirection
	if len(f) > 1 {
		dir = pipedrive.V2SortDirection(strings.ToLower(f[1]))
	}
	return pipedrive.V2SortBy(f[0]), dir
}

// enums converts flag strings to an SDK enum type (the SDK validates them).
func enums[E ~string](values []string) []E {
	out := make([]E, len(values))
	for i, v := range values {
		out[i] = E(v)
	}
	return out
}
