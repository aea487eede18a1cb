package cli

import (
	"context"
	"slices"
	"strconv"

	"github.com/gopipedrive/pipedrive"
)

// refColumns are the table columns that hold a reference; API v2 answers
// carry bare ids there, which tables show as names.
var refColumns = map[string]string{
	"STAGE": "stage", "PIPELINE": "pipeline", "PERSON": "person", "ORG": "org", "OWNER": "user",
}

// names resolves ids to names once per run: users, stages and pipelines
// are listed whole on first need (one or two requests each); persons and
// organizations are fetched by id, one request per page of a list (at most
// 100 ids each). An id that cannot be resolved stays an id.
type names struct {
	byKind map[string]map[int]string
	whole  map[string]bool // kinds listed whole already
}

// resolve replaces, in the reference columns of rows, the cells that are
// bare ids by names. It runs for table output only.
func (a *app) resolveNames(ctx context.Context, columns []string, rows []row) {
	if a.g.output != formatTable || len(rows) == 0 || ctx == nil {
		return
	}
	want := map[string][]int{}
	for i, c := range columns {
		kind := refColumns[c]
		if kind == "" {
			continue
		}
		for _, r := range rows {
			if i < len(r.cells) {
				if id, err := strconv.Atoi(r.cells[i]); err == nil && id > 0 {
					want[kind] = append(want[kind], id)
				}
			}
		}
	}
	if len(want) == 0 {
		return
	}
	cl, err := a.client(ctx)
	if err != nil {
		return
	}
	if a.names == nil {
		a.names = &names{byKind: map[string]map[int]string{}, whole: map[string]bool{}}
	}
	for kind, ids := range want {
		a.names.load(ctx, cl, kind, ids)
	}
	for i, c := range columns {
		kind := refColumns[c]
		if kind == "" {
			continue
		}
		for _, r := range rows {
			if i < len(r.cells) {
				if id, err := strconv.Atoi(r.cells[i]); err == nil {
					if n := a.names.byKind[kind][id]; n != "" {
						r.cells[i] = cell(n)
					}
				}
			}
		}
	}
}

// load makes sure the names of ids of kind are known, as far as the API
// tells.
func (n *names) load(ctx context.Context, cl *pipedrive.Client, kind string, ids []int) {
	m := n.byKind[kind]
	if m == nil {
		m = map[int]string{}
		n.byKind[kind] = m
	}
	var missing []int
	for _, id := range ids {
		if _, ok := m[id]; !ok && !slices.Contains(missing, id) {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 || n.whole[kind] {
		return
	}
	switch kind {
	case "user":
		n.whole[kind] = true
		if us, _, err := cl.Users.List(ctx); err == nil {
			for _, u := range us {
				m[u.ID] = u.Name
			}
		}
	case "stage":
		n.whole[kind] = true
		for s, err := range cl.V2.Stages.All(ctx, nil) {
			if err != nil {
				break
			}
			m[s.ID] = s.Name
		}
	case "pipeline":
		n.whole[kind] = true
		for p, err := range cl.V2.Pipelines.All(ctx, nil) {
			if err != nil {
				break
			}
			m[p.ID] = p.Name
		}
	case "person":
		byIDs(missing, m, func(ids []int) ([]*pipedrive.V2Person, error) {
			ps, _, err := cl.V2.Persons.List(ctx, &pipedrive.V2PersonListOptions{IDs: ids, V2ListOptions: pipedrive.V2ListOptions{Limit: len(ids)}})
			return ps, err
		}, func(p *pipedrive.V2Person) (int, string) { return p.ID, p.Name })
	case "org":
		byIDs(missing, m, func(ids []int) ([]*pipedrive.V2Organization, error) {
			os, _, err := cl.V2.Organizations.List(ctx, &pipedrive.V2OrganizationListOptions{IDs: ids, V2ListOptions: pipedrive.V2ListOptions{Limit: len(ids)}})
			return os, err
		}, func(o *pipedrive.V2Organization) (int, string) { return o.ID, o.Name })
	}
	for _, id := range missing {
		if _, ok := m[id]; !ok {
			m[id] = "" // asked once: not asked again
		}
	}
}

// byIDs fetches the names of ids, 100 per request (the API's limit for an
// ids filter), into m; it stops at the first error.
func byIDs[T any](ids []int, m map[int]string, list func([]int) ([]T, error), name func(T) (int, string)) {
	for chunk := range slices.Chunk(ids, 100) {
		items, err := list(chunk)
		if err != nil {
			return
		}
		for _, it := range items {
			id, n := name(it)
			m[id] = n
		}
	}
}
