package cli

import (
	"context"
	"flag"
	"strings"

	"github.com/gopipedrive/pipedrive"
)

func personsResource() *resource {
	return &resource{
		view:       view{singular: "person", plural: "persons", columns: []string{"ID", "NAME", "EMAIL", "PHONE", "ORG", "OWNER"}},
		searchView: view{singular: "person", plural: "persons", columns: []string{"ID", "NAME", "EMAIL", "PHONE", "ORG", "SCORE"}},
		summary:    "Persons (contacts): list, get, create, update, delete, search",
		v1:         func(c *pipedrive.Client) backend { return personsV1{unsupported{"persons"}, c} },
		v2:         func(c *pipedrive.Client) backend { return personsV2{unsupported{"persons"}, c} },
		verbs:      []string{"list", "get", "create", "update", "delete", "search"},
		entity:     pipedrive.EntityPerson,
		listFlags: func(fs *flag.FlagSet, q *query) {
			fs.Var(&q.owner, "owner", "only persons owned by this user id")
			fs.Var(&q.filter, "filter", "apply this saved filter, by id or name (see filters list)")
			fs.Var(&q.firstChar, "first-char", "only names starting with this letter (v1)")
			fs.Var(&q.org, "org", "only persons of this organization id (v2)")
			fs.Var(&q.deal, "deal", "only persons of this deal id (v2)")
			fs.Var(&q.sort, "sort", `sort, e.g. "name ASC" (v2: id, add_time or update_time)`)
		},
		searchFlags: func(fs *flag.FlagSet, q *query) {
			fs.Var(&q.org, "org", "only persons of this organization id")
		},
		writeFlags: func(fs *flag.FlagSet, in *input, create bool) {
			name := "the person's name"
			if create {
				name += " (required)"
			}
			fs.Var(&in.name, "name", name)
			fs.Var(&in.emails, "email", "email address, the first one primary; repeatable")
			fs.Var(&in.phones, "phone", "phone number, the first one primary; repeatable")
			fs.Var(&in.org, "org", "organization id")
			fs.Var(&in.owner, "owner", "owner user id")
			fs.Var(&in.visibleTo, "visible-to", "visibility: 1, 3, 5 or 7")
			in.labels.split = true
			fs.Var(&in.labels, "label", "label ids, comma-separated")
			addSetFlag(fs, in)
		},
	}
}

// primary returns the primary contact detail, else the first.
func primary(cs []pipedrive.ContactDetail) string {
	for _, c := range cs {
		if c.Primary {
			return c.Value
		}
	}
	if len(cs) > 0 {
		return cs[0].Value
	}
	return ""
}

type personsV1 struct {
	unsupported
	c *pipedrive.Client
}

func personV1Cells(p *pipedrive.Person) []string {
	owner := p.OwnerID.Name
	if owner == "" {
		owner = p.OwnerName
	}
	org := p.OrgID.Name
	if org == "" {
		org = p.OrgName
	}
	return []string{itoa(p.ID), cell(p.Name), cell(primary(p.Emails)), cell(primary(p.Phones)),
		refCell(p.OrgID.ID, org), refCell(p.OwnerID.ID, owner)}
}

func (b personsV1) list(ctx context.Context, q *query, pos string) (page, error) {
	if err := only(apiV1, "persons list", "org", q.org.set, "deal", q.deal.set); err != nil {
		return page{}, err
	}
	start, err := v1Start(pos)
	if err != nil {
		return page{}, err
	}
	items, resp, err := b.c.Persons.List(ctx, &pipedrive.PersonListOptions{
		UserID: q.owner.v, FilterID: q.filter.v, FirstChar: q.firstChar.v, Sort: q.sort.v,
		ListOptions: pipedrive.ListOptions{Start: start, Limit: q.limit.v},
	})
	if err != nil {
		return page{}, err
	}
	return page{rows: rows(items, personV1Cells), next: v1Next(resp)}, nil
}

func (b personsV1) get(ctx context.Context, id int) (row, error) {
	p, _, err := b.c.Persons.Get(ctx, id)
	if err != nil {
		return row{}, err
	}
	return row{p, personV1Cells(p)}, nil
}

func (b personsV1) create(ctx context.Context, in *input) (row, error) {
	labels, err := in.labels.ints("label")
	if err != nil {
		return row{}, err
	}
	p, _, err := b.c.Persons.Create(ctx, &pipedrive.PersonCreateParams{
		Name: in.name.v, OwnerID: in.owner.v, OrgID: in.org.v,
		Emails: pipedrive.Contacts(in.emails.v...), Phones: pipedrive.Contacts(in.phones.v...),
		LabelIDs: labels, VisibleTo: pipedrive.Visibility(in.visibleTo.v), CustomFields: in.custom,
	})
	if err != nil {
		return row{}, err
	}
	return row{p, personV1Cells(p)}, nil
}

func (b personsV1) update(ctx context.Context, id int, in *input) (row, error) {
	params := &pipedrive.PersonUpdateParams{
		Name: strp(in.name), OwnerID: intp(in.owner), OrgID: intp(in.org), CustomFields: in.custom,
	}
	if in.emails.set {
		params.Emails = pipedrive.Ptr(pipedrive.Contacts(in.emails.v...))
	}
	if in.phones.set {
		params.Phones = pipedrive.Ptr(pipedrive.Contacts(in.phones.v...))
	}
	if in.visibleTo.set {
		params.VisibleTo = pipedrive.Ptr(pipedrive.Visibility(in.visibleTo.v))
	}
	if in.labels.set {
		labels, err := in.labels.ints("label")
		if err != nil {
			return row{}, err
		}
		params.LabelIDs = &labels
	}
	p, _, err := b.c.Persons.Update(ctx, id, params)
	if err != nil {
		return row{}, err
	}
	return row{p, personV1Cells(p)}, nil
}

func (b personsV1) delete(ctx context.Context, id int) error {
	_, err := b.c.Persons.Delete(ctx, id)
	return err
}

func (b personsV1) search(ctx context.Context, q *query, pos string) (page, error) {
	start, err := v1Start(pos)
	if err != nil {
		return page{}, err
	}
	fields := enums[pipedrive.PersonSearchField](q.fields.v)
	items, resp, err := b.c.Persons.Search(ctx, &pipedrive.PersonSearchOptions{
		Term: q.term, Fields: fields, ExactMatch: q.exact, OrganizationID: q.org.v,
		ListOptions: pipedrive.ListOptions{Start: start, Limit: q.limit.v},
	})
	if err != nil {
		return page{}, err
	}
	return page{rows: rows(items, func(r *pipedrive.PersonSearchResult) []string {
		it := r.Item
		org := ""
		if it.Organization != nil {
			org = refCell(it.Organization.ID, it.Organization.Name)
		}
		return []string{itoa(it.ID), cell(it.Name), cell(primary(it.Emails)), cell(primary(it.Phones)), org, score(r.ResultScore)}
	}), next: v1Next(resp)}, nil
}

type personsV2 struct {
	unsupported
	c *pipedrive.Client
}

func personV2Cells(p *pipedrive.V2Person) []string {
	return []string{itoa(p.ID), cell(p.Name), cell(primary(p.Emails)), cell(primary(p.Phones)),
		idCell(p.OrgID), idCell(p.OwnerID)}
}

func (b personsV2) list(ctx context.Context, q *query, pos string) (page, error) {
	if err := only(apiV2, "persons list", "first-char", q.firstChar.set); err != nil {
		return page{}, err
	}
	by, dir := sortSpec(q.sort.v)
	items, resp, err := b.c.V2.Persons.List(ctx, &pipedrive.V2PersonListOptions{
		FilterID: q.filter.v, OwnerID: q.owner.v, OrgID: q.org.v, DealID: q.deal.v,
		SortBy: by, SortDirection: dir,
		V2ListOptions: pipedrive.V2ListOptions{Cursor: pos, Limit: q.limit.v},
	})
	if err != nil {
		return page{}, err
	}
	return page{rows: rows(items, personV2Cells), next: v2Next(resp)}, nil
}

func (b personsV2) get(ctx context.Context, id int) (row, error) {
	p, _, err := b.c.V2.Persons.Get(ctx, id)
	if err != nil {
		return row{}, err
	}
	return row{p, personV2Cells(p)}, nil
}

func (b personsV2) create(ctx context.Context, in *input) (row, error) {
	labels, err := in.labels.ints("label")
	if err != nil {
		return row{}, err
	}
	p, _, err := b.c.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{
		Name: in.name.v, OwnerID: in.owner.v, OrgID: in.org.v,
		Emails: pipedrive.Contacts(in.emails.v...), Phones: pipedrive.Contacts(in.phones.v...),
		VisibleTo: pipedrive.V2Visibility(in.visibleTo.v), LabelIDs: labels, CustomFields: in.custom,
	})
	if err != nil {
		return row{}, err
	}
	return row{p, personV2Cells(p)}, nil
}

func (b personsV2) update(ctx context.Context, id int, in *input) (row, error) {
	params := &pipedrive.V2PersonUpdateParams{
		Name: fstr(in.name), OwnerID: fint(in.owner), OrgID: fint(in.org), CustomFields: in.custom,
	}
	if in.emails.set {
		params.Emails = pipedrive.Set(pipedrive.Contacts(in.emails.v...))
	}
	if in.phones.set {
		params.Phones = pipedrive.Set(pipedrive.Contacts(in.phones.v...))
	}
	if in.visibleTo.set {
		params.VisibleTo = pipedrive.Set(pipedrive.V2Visibility(in.visibleTo.v))
	}
	if in.labels.set {
		labels, err := in.labels.ints("label")
		if err != nil {
			return row{}, err
		}
		params.LabelIDs = pipedrive.Set(labels)
	}
	p, _, err := b.c.V2.Persons.Update(ctx, id, params)
	if err != nil {
		return row{}, err
	}
	return row{p, personV2Cells(p)}, nil
}

func (b personsV2) delete(ctx context.Context, id int) error {
	_, err := b.c.V2.Persons.Delete(ctx, id)
	return err
}

func (b personsV2) search(ctx context.Context, q *query, pos string) (page, error) {
	items, resp, err := b.c.V2.Persons.Search(ctx, &pipedrive.V2PersonSearchOptions{
		Term: q.term, Fields: enums[pipedrive.V2SearchField](q.fields.v), ExactMatch: q.exact, OrganizationID: q.org.v,
		V2ListOptions: pipedrive.V2ListOptions{Cursor: pos, Limit: q.limit.v},
	})
	if err != nil {
		return page{}, err
	}
	return page{rows: rows(items, func(r *pipedrive.V2PersonSearchResult) []string {
		it := r.Item
		return []string{itoa(it.ID), cell(it.Name), cell(first(it.Emails)), cell(first(it.Phones)),
			refCell(it.Organization.ID, it.Organization.Name), score(r.ResultScore)}
	}), next: v2Next(resp)}, nil
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return strings.TrimSpace(s[0])
}
