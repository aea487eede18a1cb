package cli

import (
	"context"
	"flag"

	"github.com/gopipedrive/pipedrive"
)

func organizationsResource() *resource {
	return &resource{
		view:       view{singular: "organization", plural: "organizations", columns: []string{"ID", "NAME", "ADDRESS", "OWNER"}},
		searchView: view{singular: "organization", plural: "organizations", columns: []string{"ID", "NAME", "ADDRESS", "SCORE"}},
		summary:    "Organizations: list, get, create, update, delete, search",
		v1:         func(c *pipedrive.Client) backend { return orgsV1{unsupported{"organizations"}, c} },
		v2:         func(c *pipedrive.Client) backend { return orgsV2{unsupported{"organizations"}, c} },
		verbs:      []string{"list", "get", "create", "update", "delete", "search"},
		entity:     pipedrive.EntityOrganization,
		listFlags: func(fs *flag.FlagSet, q *query) {
			fs.Var(&q.owner, "owner", "only organizations owned by this user id")
			fs.Var(&q.filter, "filter", "apply this saved filter, by id or name (see filters list)")
			fs.Var(&q.firstChar, "first-char", "only names starting with this letter (v1)")
			fs.Var(&q.sort, "sort", `sort, e.g. "name ASC" (v2: id, add_time or update_time)`)
		},
		writeFlags: func(fs *flag.FlagSet, in *input, create bool) {
			name := "the organization's name"
			if create {
				name += " (required)"
			}
			fs.Var(&in.name, "name", name)
			fs.Var(&in.address, "address", "postal address")
			fs.Var(&in.owner, "owner", "owner user id")
			fs.Var(&in.visibleTo, "visible-to", "visibility: 1, 3, 5 or 7")
			in.labels.split = true
			fs.Var(&in.labels, "label", "label ids, comma-separated")
			addSetFlag(fs, in)
		},
	}
}

type orgsV1 struct {
	unsupported
	c *pipedrive.Client
}

func orgV1Cells(o *pipedrive.Organization) []string {
	owner := o.OwnerID.Name
	if owner == "" {
		owner = o.OwnerName
	}
	return []string{itoa(o.ID), cell(o.Name), cell(o.Address), refCell(o.OwnerID.ID, owner)}
}

func (b orgsV1) list(ctx context.Context, q *query, pos string) (page, error) {
	start, err := v1Start(pos)
	if err != nil {
		return page{}, err
	}
	items, resp, err := b.c.Organizations.List(ctx, &pipedrive.OrganizationListOptions{
		UserID: q.owner.v, FilterID: q.filter.v, FirstChar: q.firstChar.v, Sort: q.sort.v,
		ListOptions: pipedrive.ListOptions{Start: start, Limit: q.limit.v},
	})
	if err != nil {
		return page{}, err
	}
	return page{rows: rows(items, orgV1Cells), next: v1Next(resp)}, nil
}

func (b orgsV1) get(ctx context.Context, id int) (row, error) {
	o, _, err := b.c.Organizations.Get(ctx, id)
	if err != nil {
		return row{}, err
	}
	return row{o, orgV1Cells(o)}, nil
}

func (b orgsV1) create(ctx context.Context, in *input) (row, error) {
	labels, err := in.labels.ints("label")
	if err != nil {
		return row{}, err
	}
	o, _, err := b.c.Organizations.Create(ctx, &pipedrive.OrganizationCreateParams{
		Name: in.name.v, OwnerID: in.owner.v, Address: in.address.v, LabelIDs: labels,
		VisibleTo: pipedrive.Visibility(in.visibleTo.v), CustomFields: in.custom,
	})
	if err != nil {
		return row{}, err
	}
	return row{o, orgV1Cells(o)}, nil
}

func (b orgsV1) update(ctx context.Context, id int, in *input) (row, error) {
	p := &pipedrive.OrganizationUpdateParams{
		Name: strp(in.name), OwnerID: intp(in.owner), Address: strp(in.address), CustomFields: in.custom,
	}
	if in.visibleTo.set {
		p.VisibleTo = pipedrive.Ptr(pipedrive.Visibility(in.visibleTo.v))
	}
	if in.labels.set {
		labels, err := in.labels.ints("label")
		if err != nil {
			return row{}, err
		}
		p.LabelIDs = &labels
	}
	o, _, err := b.c.Organizations.Update(ctx, id, p)
	if err != nil {
		return row{}, err
	}
	return row{o, orgV1Cells(o)}, nil
}

func (b orgsV1) delete(ctx context.Context, id int) error {
	_, err := b.c.Organizations.Delete(ctx, id)
	return err
}

func (b orgsV1) search(ctx context.Context, q *query, pos string) (page, error) {
	start, err := v1Start(pos)
	if err != nil {
		return page{}, err
	}
	fields := enums[pipedrive.OrganizationSearchField](q.fields.v)
	items, resp, err := b.c.Organizations.Search(ctx, &pipedrive.OrganizationSearchOptions{
		Term: q.term, Fields: fields, ExactMatch: q.exact,
		ListOptions: pipedrive.ListOptions{Start: start, Limit: q.limit.v},
	})
	if err != nil {
		return page{}, err
	}
	return page{rows: rows(items, func(r *pipedrive.OrganizationSearchResult) []string {
		return []string{itoa(r.Item.ID), cell(r.Item.Name), cell(r.Item.Address), score(r.ResultScore)}
	}), next: v1Next(resp)}, nil
}

type orgsV2 struct {
	unsupported
	c *pipedrive.Client
}

func orgV2Cells(o *pipedrive.V2Organization) []string {
	addr := ""
	if o.Address != nil {
		addr = o.Address.Value
		if addr == "" {
			addr = o.Address.FormattedAddress
		}
	}
	return []string{itoa(o.ID), cell(o.Name), cell(addr), idCell(o.OwnerID)}
}

func (b orgsV2) list(ctx context.Context, q *query, pos string) (page, error) {
	if err := only(apiV2, "organizations list", "first-char", q.firstChar.set); err != nil {
		return page{}, err
	}
	by, dir := sortSpec(q.sort.v)
	items, resp, err := b.c.V2.Organizations.List(ctx, &pipedrive.V2OrganizationListOptions{
		FilterID: q.filter.v, OwnerID: q.owner.v, SortBy: by, SortDirection: dir,
		V2ListOptions: pipedrive.V2ListOptions{Cursor: pos, Limit: q.limit.v},
	})
	if err != nil {
		return page{}, err
	}
	return page{rows: rows(items, orgV2Cells), next: v2Next(resp)}, nil
}

func (b orgsV2) get(ctx context.Context, id int) (row, error) {
	o, _, err := b.c.V2.Organizations.Get(ctx, id)
	if err != nil {
		return row{}, err
	}
	return row{o, orgV2Cells(o)}, nil
}

func (b orgsV2) create(ctx context.Context, in *input) (row, error) {
	labels, err := in.labels.ints("label")
	if err != nil {
		return row{}, err
	}
	p := &pipedrive.V2OrganizationCreateParams{
		Name: in.name.v, OwnerID: in.owner.v, VisibleTo: pipedrive.V2Visibility(in.visibleTo.v),
		LabelIDs: labels, CustomFields: in.custom,
	}
	if in.address.set {
		p.Address = &pipedrive.V2Address{Value: in.address.v}
	}
	o, _, err := b.c.V2.Organizations.Create(ctx, p)
	if err != nil {
		return row{}, err
	}
	return row{o, orgV2Cells(o)}, nil
}

func (b orgsV2) update(ctx context.Context, id int, in *input) (row, error) {
	p := &pipedrive.V2OrganizationUpdateParams{Name: fstr(in.name), OwnerID: fint(in.owner), CustomFields: in.custom}
	if in.address.set {
		p.Address = pipedrive.Set(pipedrive.V2Address{Value: in.address.v})
	}
	if in.visibleTo.set {
		p.VisibleTo = pipedrive.Set(pipedrive.V2Visibility(in.visibleTo.v))
	}
	if in.labels.set {
		labels, err := in.labels.ints("label")
		if err != nil {
			return row{}, err
		}
		p.LabelIDs = pipedrive.Set(labels)
	}
	o, _, err := b.c.V2.Organizations.Update(ctx, id, p)
	if err != nil {
		return row{}, err
	}
	return row{o, orgV2Cells(o)}, nil
}

func (b orgsV2) delete(ctx context.Context, id int) error {
	_, err := b.c.V2.Organizations.Delete(ctx, id)
	return err
}

func (b orgsV2) search(ctx context.Context, q *query, pos string) (page, error) {
	items, resp, err := b.c.V2.Organizations.Search(ctx, &pipedrive.V2OrganizationSearchOptions{
		Term: q.term, Fields: enums[pipedrive.V2SearchField](q.fields.v), ExactMatch: q.exact,
		V2ListOptions: pipedrive.V2ListOptions{Cursor: pos, Limit: q.limit.v},
	})
	if err != nil {
		return page{}, err
	}
	return page{rows: rows(items, func(r *pipedrive.V2OrganizationSearchResult) []string {
		return []string{itoa(r.Item.ID), cell(r.Item.Name), cell(r.Item.Address), score(r.ResultScore)}
	}), next: v2Next(resp)}, nil
}
