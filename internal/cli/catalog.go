package cli

import (
	"context"
	"flag"

	"github.com/gopipedrive/pipedrive"
)

// This file holds the read-mostly resources: pipelines, stages, notes and
// users.

func pipelinesResource() *resource {
	r := &resource{
		view:    view{singular: "pipeline", plural: "pipelines", columns: []string{"ID", "NAME", "ORDER", "ACTIVE", "SELECTED"}},
		summary: "Pipelines: list, get, and show a pipeline's funnel",
		v1:      func(c *pipedrive.Client) backend { return pipelinesV1{unsupported{"pipelines"}, c} },
		v2:      func(c *pipedrive.Client) backend { return pipelinesV2{unsupported{"pipelines"}, c} },
		verbs:   []string{"list", "get"},
	}
	r.extra = []*command{showCommand()}
	return r
}

type pipelinesV1 struct {
	unsupported
	c *pipedrive.Client
}

func pipelineV1Cells(p *pipedrive.Pipeline) []string {
	return []string{itoa(p.ID), cell(p.Name), itoa(p.OrderNr), boolCell(p.Active), boolCell(p.Selected)}
}

func (b pipelinesV1) list(ctx context.Context, q *query, pos string) (page, error) {
	if err := only(apiV1, "pipelines list", "limit", q.limit.set, "cursor", pos != ""); err != nil {
		return page{}, err
	}
	items, _, err := b.c.Pipelines.List(ctx)
	if err != nil {
		return page{}, err
	}
	return page{rows: rows(items, pipelineV1Cells)}, nil
}

func (b pipelinesV1) get(ctx context.Context, id int) (row, error) {
	p, _, err := b.c.Pipelines.Get(ctx, id)
	if err != nil {
		return row{}, err
	}
	return row{p, pipelineV1Cells(p)}, nil
}

type pipelinesV2 struct {
	unsupported
	c *pipedrive.Client
}

func pipelineV2Cells(p *pipedrive.V2Pipeline) []string {
	return []string{itoa(p.ID), cell(p.Name), itoa(p.OrderNr), boolCell(!p.IsDeleted), boolCell(p.IsSelected)}
}

func (b pipelinesV2) list(ctx context.Context, q *query, pos string) (page, error) {
	items, resp, err := b.c.V2.Pipelines.List(ctx, &pipedrive.V2PipelineListOptions{
		V2ListOptions: pipedrive.V2ListOptions{Cursor: pos, Limit: q.limit.v},
	})
	if err != nil {
		return page{}, err
	}
	return page{rows: rows(items, pipelineV2Cells), next: v2Next(resp)}, nil
}

func (b pipelinesV2) get(ctx context.Context, id int) (row, error) {
	p, _, err := b.c.V2.Pipelines.Get(ctx, id)
	if err != nil {
		return row{}, err
	}
	return row{p, pipelineV2Cells(p)}, nil
}

func stagesResource() *resource {
	return &resource{
		view:    view{singular: "stage", plural: "stages", columns: []string{"ID", "PIPELINE", "ORDER", "NAME", "PROBABILITY"}},
		summary: "Pipeline stages: list, get",
		v1:      func(c *pipedrive.Client) backend { return stagesV1{unsupported{"stages"}, c} },
		v2:      func(c *pipedrive.Client) backend { return stagesV2{unsupported{"stages"}, c} },
		verbs:   []string{"list", "get"},
		listFlags: func(fs *flag.FlagSet, q *query) {
			fs.Var(&q.pipeline, "pipeline", "only the stages of this pipeline id")
		},
	}
}

type stagesV1 struct {
	unsupported
	c *pipedrive.Client
}

func stageV1Cells(s *pipedrive.Stage) []string {
	return []string{itoa(s.ID), refCell(s.PipelineID, s.PipelineName), itoa(s.OrderNr), cell(s.Name), itoa(s.DealProbability) + "%"}
}

func (b stagesV1) list(ctx context.Context, q *query, pos string) (page, error) {
	start, err := v1Start(pos)
	if err != nil {
		return page{}, err
	}
	items, resp, err := b.c.Stages.List(ctx, &pipedrive.StageListOptions{
		PipelineID: q.pipeline.v, ListOptions: pipedrive.ListOptions{Start: start, Limit: q.limit.v},
	})
	if err != nil {
		return page{}, err
	}
	return page{rows: rows(items, stageV1Cells), next: v1Next(resp)}, nil
}

func (b stagesV1) get(ctx context.Context, id int) (row, error) {
	s, _, err := b.c.Stages.Get(ctx, id)
	if err != nil {
		return row{}, err
	}
	return row{s, stageV1Cells(s)}, nil
}

type stagesV2 struct {
	unsupported
	c *pipedrive.Client
}

func stageV2Cells(s *pipedrive.V2Stage) []string {
	return []string{itoa(s.ID), idCell(s.PipelineID), itoa(s.OrderNr), cell(s.Name), itoa(s.DealProbability) + "%"}
}

func (b stagesV2) list(ctx context.Context, q *query, pos string) (page, error) {
	items, resp, err := b.c.V2.Stages.List(ctx, &pipedrive.V2StageListOptions{
		PipelineID: q.pipeline.v, V2ListOptions: pipedrive.V2ListOptions{Cursor: pos, Limit: q.limit.v},
	})
	if err != nil {
		return page{}, err
	}
	return page{rows: rows(items, stageV2Cells), next: v2Next(resp)}, nil
}

func (b stagesV2) get(ctx context.Context, id int) (row, error) {
	s, _, err := b.c.V2.Stages.Get(ctx, id)
	if err != nil {
		return row{}, err
	}
	return row{s, stageV2Cells(s)}, nil
}

func notesResource() *resource {
	return &resource{
		view: view{singular: "note", plural: "notes", columns: []string{"ID", "CONTENT", "DEAL", "PERSON", "ORG", "ADDED"},
			detail: []string{"PINNED TO DEAL", "PINNED TO PERSON", "PINNED TO ORG"}},
		summary: "Notes on deals, persons and organizations: list, get, create, update, delete",
		v1:      func(c *pipedrive.Client) backend { return notesV1{unsupported{"notes"}, c} },
		verbs:   []string{"list", "get", "create", "update", "delete"},
		listFlags: func(fs *flag.FlagSet, q *query) {
			fs.Var(&q.deal, "deal", "only the notes of this deal id")
			fs.Var(&q.person, "person", "only the notes of this person id")
			fs.Var(&q.org, "org", "only the notes of this organization id")
			fs.Var(&q.owner, "owner", "only the notes written by this user id")
			fs.Var(&q.from, "from", "only notes added on or after this date, YYYY-MM-DD")
			fs.Var(&q.to, "to", "only notes added on or before this date, YYYY-MM-DD")
			fs.Var(&q.sort, "sort", `sort, e.g. "add_time DESC"`)
		},
		writeFlags: func(fs *flag.FlagSet, in *input, create bool) {
			content := "the note's text (HTML allowed); - reads it from stdin"
			if create {
				content += " (required)"
			}
			fs.Var(&in.content, "content", content)
			fs.Var(&in.deal, "deal", "attach to this deal id")
			fs.Var(&in.person, "person", "attach to this person id")
			fs.Var(&in.org, "org", "attach to this organization id")
			fs.Var(&in.owner, "owner", "author user id")
			fs.Var(&in.pinned, "pinned", "pin the note to the deal, person and organization it is attached to (--pinned=false unpins)")
		},
	}
}

type notesV1 struct {
	unsupported
	c *pipedrive.Client
}

func noteCells(n *pipedrive.Note) []string {
	var deal, person, org string
	if n.Deal != nil {
		deal = n.Deal.Title
	}
	if n.Person != nil {
		person = n.Person.Name
	}
	if n.Organization != nil {
		org = n.Organization.Name
	}
	return []string{itoa(n.ID), cell(stripTags(n.Content)), refCell(n.DealID, deal), refCell(n.PersonID, person),
		refCell(n.OrgID, org), n.AddTime.String()}
}

func (b notesV1) list(ctx context.Context, q *query, pos string) (page, error) {
	start, err := v1Start(pos)
	if err != nil {
		return page{}, err
	}
	items, resp, err := b.c.Notes.List(ctx, &pipedrive.NoteListOptions{
		UserID: q.owner.v, DealID: q.deal.v, PersonID: q.person.v, OrgID: q.org.v, Sort: q.sort.v,
		StartDate: pipedrive.Date(q.from.v), EndDate: pipedrive.Date(q.to.v),
		ListOptions: pipedrive.ListOptions{Start: start, Limit: q.limit.v},
	})
	if err != nil {
		return page{}, err
	}
	return page{rows: rows(items, noteCells), next: v1Next(resp)}, nil
}

// fullNote is a note's row for `notes get`: the whole text, on one line.
func fullNote(n *pipedrive.Note) row {
	cells := noteCells(n)
	cells[1] = oneLine(stripTags(n.Content))
	return row{n, append(cells, boolCell(n.PinnedToDealFlag), boolCell(n.PinnedToPersonFlag), boolCell(n.PinnedToOrganizationFlag))}
}

func (b notesV1) get(ctx context.Context, id int) (row, error) {
	n, _, err := b.c.Notes.Get(ctx, id)
	if err != nil {
		return row{}, err
	}
	return fullNote(n), nil
}

// errPinNothing is --pinned without a deal, person or organization.
var errPinNothing = usagef("--pinned pins the note to its deal, person or organization: give --deal, --person or --org")

func (b notesV1) create(ctx context.Context, in *input) (row, error) {
	p := &pipedrive.NoteCreateParams{
		Content: in.content.v, DealID: in.deal.v, PersonID: in.person.v, OrgID: in.org.v, UserID: in.owner.v,
	}
	if in.pinned.set && in.pinned.v {
		if !in.deal.set && !in.person.set && !in.org.set {
			return row{}, errPinNothing
		}
		p.PinnedToDealFlag, p.PinnedToPersonFlag, p.PinnedToOrganizationFlag = in.deal.set, in.person.set, in.org.set
	}
	n, _, err := b.c.Notes.Create(ctx, p)
	if err != nil {
		return row{}, err
	}
	return fullNote(n), nil
}

func (b notesV1) update(ctx context.Context, id int, in *input) (row, error) {
	p := &pipedrive.NoteUpdateParams{
		Content: strp(in.content), DealID: intp(in.deal), PersonID: intp(in.person), OrgID: intp(in.org), UserID: intp(in.owner),
	}
	if in.pinned.set {
		deal, person, org := in.deal.set, in.person.set, in.org.set
		if !deal && !person && !org {
			// Pin to (or unpin from) whatever the note is attached to.
			n, _, err := b.c.Notes.Get(ctx, id)
			if err != nil {
				return row{}, err
			}
			deal, person, org = n.DealID != 0, n.PersonID != 0, n.OrgID != 0
		}
		if !deal && !person && !org {
			return row{}, errPinNothing
		}
		pin := in.pinned.v
		set := func(on bool) *bool {
			if on {
				return &pin
			}
			return nil
		}
		p.PinnedToDealFlag, p.PinnedToPersonFlag, p.PinnedToOrganizationFlag = set(deal), set(person), set(org)
	}
	n, _, err := b.c.Notes.Update(ctx, id, p)
	if err != nil {
		return row{}, err
	}
	return fullNote(n), nil
}

func (b notesV1) delete(ctx context.Context, id int) error {
	_, err := b.c.Notes.Delete(ctx, id)
	return err
}

func usersResource() *resource {
	r := &resource{
		view:    view{singular: "user", plural: "users", columns: []string{"ID", "NAME", "EMAIL", "ACTIVE", "YOU"}},
		summary: "Users of the Pipedrive company: list, get, and the authorizing user (me)",
		v1:      func(c *pipedrive.Client) backend { return usersV1{unsupported{"users"}, c} },
		verbs:   []string{"list", "get"},
	}
	r.extra = []*command{{
		name: "me", summary: "Show the user who authorized the connection, and the company",
		setup: func(fs *flag.FlagSet) runFunc {
			return func(ctx context.Context, a *app, args []string) error {
				if err := wantArgs(args, "", 0); err != nil {
					return err
				}
				cl, err := a.client(ctx)
				if err != nil {
					return err
				}
				me, _, err := cl.Users.Me(ctx)
				if err != nil {
					return err
				}
				v := view{singular: "user", columns: append(append([]string{}, r.columns...), "COMPANY")}
				return a.printOne(v, row{me, append(userCells(&me.User), cell(me.CompanyName))})
			}
		},
	}}
	return r
}

type usersV1 struct {
	unsupported
	c *pipedrive.Client
}

func userCells(u *pipedrive.User) []string {
	return []string{itoa(u.ID), cell(u.Name), cell(u.Email), boolCell(u.ActiveFlag), boolCell(u.IsYou)}
}

func (b usersV1) list(ctx context.Context, q *query, pos string) (page, error) {
	if err := refuse("users list", "limit", q.limit.set, "cursor", pos != ""); err != nil {
		return page{}, err
	}
	items, _, err := b.c.Users.List(ctx)
	if err != nil {
		return page{}, err
	}
	return page{rows: rows(items, userCells)}, nil
}

func (b usersV1) get(ctx context.Context, id int) (row, error) {
	u, _, err := b.c.Users.Get(ctx, id)
	if err != nil {
		return row{}, err
	}
	return row{u, userCells(u)}, nil
}

// stripTags removes HTML tags from a note for the table view.
func stripTags(s string) string {
	out := make([]rune, 0, len(s))
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
			out = append(out, ' ')
		case r == '>' && in:
			in = false
		case !in:
			out = append(out, r)
		}
	}
	return string(out)
}
