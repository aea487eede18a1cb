package cli

import (
	"context"
	"flag"
	"strconv"
	"strings"

	"github.com/gopipedrive/pipedrive"
)

var dealColumns = []string{"ID", "TITLE", "VALUE", "STATUS", "STAGE", "PERSON", "ORG", "OWNER"}

func dealsResource() *resource {
	r := &resource{
		view:       view{singular: "deal", plural: "deals", columns: dealColumns},
		searchView: view{singular: "deal", plural: "deals", columns: []string{"ID", "TITLE", "VALUE", "STATUS", "STAGE", "PERSON", "ORG", "SCORE"}},
		summary:    "Deals: list, get, create, update, delete, search, and the pipeline funnel",
		v1:         func(c *pipedrive.Client) backend { return dealsV1{unsupported{"deals"}, c} },
		v2:         func(c *pipedrive.Client) backend { return dealsV2{unsupported{"deals"}, c} },
		verbs:      []string{"list", "get", "create", "update", "delete", "search"},
		entity:     pipedrive.EntityDeal,
		listFlags: func(fs *flag.FlagSet, q *query) {
			fs.Var(&q.status, "status", "open, won, lost, deleted or all_not_deleted (v2: comma-separated list, no all_not_deleted)")
			fs.Var(&q.stage, "stage", "only deals in this stage id")
			fs.Var(&q.pipeline, "pipeline", "only deals in this pipeline id (v2)")
			fs.Var(&q.owner, "owner", "only deals owned by this user id")
			fs.Var(&q.person, "person", "only deals of this person id (v2)")
			fs.Var(&q.org, "org", "only deals of this organization id (v2)")
			fs.Var(&q.filter, "filter", "apply this saved filter, by id or name (see filters list)")
			fs.Var(&q.sort, "sort", `sort, e.g. "add_time DESC" (v2: id, add_time or update_time)`)
		},
		searchFlags: func(fs *flag.FlagSet, q *query) {
			fs.Var(&q.status, "status", "only open, won or lost deals")
			fs.Var(&q.person, "person", "only deals of this person id")
			fs.Var(&q.org, "org", "only deals of this organization id")
		},
		writeFlags: func(fs *flag.FlagSet, in *input, create bool) {
			title := "the deal's title"
			if create {
				title += " (required)"
			}
			fs.Var(&in.title, "title", title)
			fs.Var(&in.value, "value", "the deal's value")
			fs.Var(&in.currency, "currency", "3-letter currency code, e.g. EUR")
			fs.Var(&in.person, "person", "contact person id")
			fs.Var(&in.org, "org", "organization id")
			fs.Var(&in.stage, "stage", "stage id")
			fs.Var(&in.pipeline, "pipeline", "pipeline id (its first stage, unless --stage)")
			fs.Var(&in.status, "status", "open, won or lost")
			fs.Var(&in.owner, "owner", "owner user id")
			fs.Var(&in.probability, "probability", "success probability in percent")
			fs.Var(&in.expectedClose, "expected-close", "expected close date, YYYY-MM-DD")
			fs.Var(&in.lostReason, "lost-reason", "why the deal was lost")
			fs.Var(&in.visibleTo, "visible-to", "visibility: 1, 3, 5 or 7")
			in.labels.split = true
			fs.Var(&in.labels, "label", "label ids, comma-separated")
			addSetFlag(fs, in)
		},
	}
	r.extra = []*command{funnelCommand()}
	return r
}

// dealsV1 is the deals backend on API v1.
type dealsV1 struct {
	unsupported
	c *pipedrive.Client
}

func dealV1Cells(d *pipedrive.Deal) []string {
	owner := d.UserID.Name
	if owner == "" {
		owner = d.OwnerName
	}
	return []string{itoa(d.ID), cell(d.Title), money(float64(d.Value), d.Currency), string(d.Status),
		idCell(d.StageID), refCell(d.PersonID.ID, d.PersonID.Name), refCell(d.OrgID.ID, d.OrgID.Name), refCell(d.UserID.ID, owner)}
}

func (b dealsV1) list(ctx context.Context, q *query, pos string) (page, error) {
	if err := only(apiV1, "deals list", "pipeline", q.pipeline.set, "person", q.person.set, "org", q.org.set); err != nil {
		return page{}, err
	}
	start, err := v1Start(pos)
	if err != nil {
		return page{}, err
	}
	opts := &pipedrive.DealListOptions{
		UserID: q.owner.v, FilterID: q.filter.v, StageID: q.stage.v,
		Status: pipedrive.DealStatus(q.status.v), Sort: q.sort.v,
		ListOptions: pipedrive.ListOptions{Start: start, Limit: q.limit.v},
	}
	items, resp, err := b.c.Deals.List(ctx, opts)
	if err != nil {
		return page{}, err
	}
	return page{rows: rows(items, dealV1Cells), next: v1Next(resp)}, nil
}

func (b dealsV1) get(ctx context.Context, id int) (row, error) {
	d, _, err := b.c.Deals.Get(ctx, id)
	if err != nil {
		return row{}, err
	}
	return row{d, dealV1Cells(d)}, nil
}

func (b dealsV1) create(ctx context.Context, in *input) (row, error) {
	labels, err := in.labels.ints("label")
	if err != nil {
		return row{}, err
	}
	p := &pipedrive.DealCreateParams{
		Title: in.title.v, Value: floatp(in.value), Currency: in.currency.v,
		UserID: in.owner.v, PersonID: in.person.v, OrgID: in.org.v, StageID: in.stage.v, PipelineID: in.pipeline.v,
		Status: pipedrive.DealStatus(in.status.v), Probability: floatp(in.probability),
		ExpectedCloseDate: pipedrive.Date(in.expectedClose.v), LostReason: in.lostReason.v,
		VisibleTo: pipedrive.Visibility(in.visibleTo.v), LabelIDs: labels, CustomFields: in.custom,
	}
	d, _, err := b.c.Deals.Create(ctx, p)
	if err != nil {
		return row{}, err
	}
	return row{d, dealV1Cells(d)}, nil
}

func (b dealsV1) update(ctx context.Context, id int, in *input) (row, error) {
	p := &pipedrive.DealUpdateParams{
		Title: strp(in.title), Value: floatp(in.value), Currency: strp(in.currency),
		UserID: intp(in.owner), PersonID: intp(in.person), OrgID: intp(in.org), StageID: intp(in.stage),
		PipelineID: intp(in.pipeline), Probability: floatp(in.probability), LostReason: strp(in.lostReason),
		CustomFields: in.custom,
	}
	if in.status.set {
		p.Status = pipedrive.Ptr(pipedrive.DealStatus(in.status.v))
	}
	if in.expectedClose.set {
		p.ExpectedCloseDate = pipedrive.Ptr(pipedrive.Date(in.expectedClose.v))
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
	d, _, err := b.c.Deals.Update(ctx, id, p)
	if err != nil {
		return row{}, err
	}
	return row{d, dealV1Cells(d)}, nil
}

func (b dealsV1) delete(ctx context.Context, id int) error {
	_, err := b.c.Deals.Delete(ctx, id)
	return err
}

func (b dealsV1) search(ctx context.Context, q *query, pos string) (page, error) {
	start, err := v1Start(pos)
	if err != nil {
		return page{}, err
	}
	fields := enums[pipedrive.DealSearchField](q.fields.v)
	opts := &pipedrive.DealSearchOptions{
		Term: q.term, Fields: fields, ExactMatch: q.exact, PersonID: q.person.v, OrganizationID: q.org.v,
		Status: pipedrive.DealStatus(q.status.v), ListOptions: pipedrive.ListOptions{Start: start, Limit: q.limit.v},
	}
	items, resp, err := b.c.Deals.Search(ctx, opts)
	if err != nil {
		return page{}, err
	}
	return page{rows: rows(items, func(r *pipedrive.DealSearchResult) []string {
		it := r.Item
		var person, org string
		if it.Person != nil {
			person = refCell(it.Person.ID, it.Person.Name)
		}
		if it.Organization != nil {
			org = refCell(it.Organization.ID, it.Organization.Name)
		}
		return []string{itoa(it.ID), cell(it.Title), money(float64(it.Value), it.Currency), string(it.Status),
			refCell(it.Stage.ID, it.Stage.Name), person, org, score(r.ResultScore)}
	}), next: v1Next(resp)}, nil
}

// dealsV2 is the deals backend on API v2.
type dealsV2 struct {
	unsupported
	c *pipedrive.Client
}

func dealV2Cells(d *pipedrive.V2Deal) []string {
	return []string{itoa(d.ID), cell(d.Title), money(d.Value, d.Currency), string(d.Status),
		idCell(d.StageID), idCell(d.PersonID), idCell(d.OrgID), idCell(d.OwnerID)}
}

// v2DealStatuses parses a comma-separated status list; all_not_deleted,
// v1's default, is v2's default too (no filter).
func v2DealStatuses(s string) []pipedrive.V2DealStatus {
	var out []pipedrive.V2DealStatus
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" && f != string(pipedrive.DealStatusAllNotDeleted) {
			out = append(out, pipedrive.V2DealStatus(f))
		}
	}
	return out
}

func (b dealsV2) list(ctx context.Context, q *query, pos string) (page, error) {
	by, dir := sortSpec(q.sort.v)
	opts := &pipedrive.V2DealListOptions{
		FilterID: q.filter.v, OwnerID: q.owner.v, PersonID: q.person.v, OrgID: q.org.v,
		PipelineID: q.pipeline.v, StageID: q.stage.v, Status: v2DealStatuses(q.status.v),
		SortBy: by, SortDirection: dir,
		V2ListOptions: pipedrive.V2ListOptions{Cursor: pos, Limit: q.limit.v},
	}
	items, resp, err := b.c.V2.Deals.List(ctx, opts)
	if err != nil {
		return page{}, err
	}
	return page{rows: rows(items, dealV2Cells), next: v2Next(resp)}, nil
}

func (b dealsV2) get(ctx context.Context, id int) (row, error) {
	d, _, err := b.c.V2.Deals.Get(ctx, id)
	if err != nil {
		return row{}, err
	}
	return row{d, dealV2Cells(d)}, nil
}

func (b dealsV2) create(ctx context.Context, in *input) (row, error) {
	labels, err := in.labels.ints("label")
	if err != nil {
		return row{}, err
	}
	p := &pipedrive.V2DealCreateParams{
		Title: in.title.v, OwnerID: in.owner.v, PersonID: in.person.v, OrgID: in.org.v,
		PipelineID: in.pipeline.v, StageID: in.stage.v, Value: in.value.v, Currency: in.currency.v,
		Status: pipedrive.V2DealStatus(in.status.v), Probability: floatp(in.probability),
		LostReason: in.lostReason.v, VisibleTo: pipedrive.V2Visibility(in.visibleTo.v),
		ExpectedCloseDate: pipedrive.Date(in.expectedClose.v), LabelIDs: labels, CustomFields: in.custom,
	}
	d, _, err := b.c.V2.Deals.Create(ctx, p)
	if err != nil {
		return row{}, err
	}
	return row{d, dealV2Cells(d)}, nil
}

func (b dealsV2) update(ctx context.Context, id int, in *input) (row, error) {
	p := &pipedrive.V2DealUpdateParams{
		Title: fstr(in.title), OwnerID: fint(in.owner), PersonID: fint(in.person), OrgID: fint(in.org),
		PipelineID: fint(in.pipeline), StageID: fint(in.stage), Value: ffloat(in.value),
		Currency: fstr(in.currency), Probability: ffloat(in.probability), LostReason: fstr(in.lostReason),
		CustomFields: in.custom,
	}
	if in.status.set {
		p.Status = pipedrive.Set(pipedrive.V2DealStatus(in.status.v))
	}
	if in.visibleTo.set {
		p.VisibleTo = pipedrive.Set(pipedrive.V2Visibility(in.visibleTo.v))
	}
	if in.expectedClose.set {
		p.ExpectedCloseDate = pipedrive.Set(pipedrive.Date(in.expectedClose.v))
	}
	if in.labels.set {
		labels, err := in.labels.ints("label")
		if err != nil {
			return row{}, err
		}
		p.LabelIDs = pipedrive.Set(labels)
	}
	d, _, err := b.c.V2.Deals.Update(ctx, id, p)
	if err != nil {
		return row{}, err
	}
	return row{d, dealV2Cells(d)}, nil
}

func (b dealsV2) delete(ctx context.Context, id int) error {
	_, err := b.c.V2.Deals.Delete(ctx, id)
	return err
}

func (b dealsV2) search(ctx context.Context, q *query, pos string) (page, error) {
	opts := &pipedrive.V2DealSearchOptions{
		Term: q.term, Fields: enums[pipedrive.V2SearchField](q.fields.v), ExactMatch: q.exact,
		PersonID: q.person.v, OrganizationID: q.org.v, Status: pipedrive.V2DealStatus(q.status.v),
		V2ListOptions: pipedrive.V2ListOptions{Cursor: pos, Limit: q.limit.v},
	}
	items, resp, err := b.c.V2.Deals.Search(ctx, opts)
	if err != nil {
		return page{}, err
	}
	return page{rows: rows(items, func(r *pipedrive.V2DealSearchResult) []string {
		it := r.Item
		return []string{itoa(it.ID), cell(it.Title), money(it.Value, it.Currency), string(it.Status),
			refCell(it.Stage.ID, it.Stage.Name), refCell(it.Person.ID, it.Person.Name),
			refCell(it.Organization.ID, it.Organization.Name), score(r.ResultScore)}
	}), next: v2Next(resp)}, nil
}

// fstr, fint, ffloat and fbool turn a flag into an API v2 update field:
// unset when the flag was not given.
func fstr(o optString) pipedrive.Field[string] {
	if !o.set {
		return pipedrive.Field[string]{}
	}
	return pipedrive.Set(o.v)
}

func fint(o optInt) pipedrive.Field[int] {
	if !o.set {
		return pipedrive.Field[int]{}
	}
	return pipedrive.Set(o.v)
}

func ffloat(o optFloat) pipedrive.Field[float64] {
	if !o.set {
		return pipedrive.Field[float64]{}
	}
	return pipedrive.Set(o.v)
}

func fbool(o optBool) pipedrive.Field[bool] {
	if !o.set {
		return pipedrive.Field[bool]{}
	}
	return pipedrive.Set(o.v)
}

// score renders a search result score.
func score(s float64) string {
	return strconv.FormatFloat(s, 'f', -1, 64)
}
