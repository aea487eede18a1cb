package main

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gopipedrive/pipedrive"
)

// flow holds the client and what the steps have created so far.
type flow struct {
	client *pipedrive.Client
	out    *printer
	undo   undo

	pipeline  *pipedrive.Pipeline
	stages    []*pipedrive.Stage // of pipeline, in order
	stageName map[int]string     // every stage of the account, by id
	org       *pipedrive.Organization
	person    *pipedrive.Person
	deal      *pipedrive.Deal
}

// step is one named part of a flow; the name prefixes its error.
type step struct {
	name string
	run  func(context.Context) error
}

// steps runs the steps in order and stops at the first error.
func (f *flow) steps(ctx context.Context, steps []step) error {
	for _, s := range steps {
		if err := s.run(ctx); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return nil
}

// account shows who the client acts as and the pipelines with their stages,
// and picks the first pipeline for the deal.
func (f *flow) account(ctx context.Context) error {
	me, _, err := f.client.Users.Me(ctx)
	if err != nil {
		return err
	}
	pipelines, _, err := f.client.Pipelines.List(ctx)
	if err != nil {
		return err
	}
	if len(pipelines) == 0 {
		return fmt.Errorf("the account has no pipeline: create one in Pipedrive first")
	}
	byPipeline := map[int][]*pipedrive.Stage{}
	f.stageName = map[int]string{}
	for s, err := range f.client.Stages.All(ctx, nil) {
		if err != nil {
			return err
		}
		byPipeline[s.PipelineID] = append(byPipeline[s.PipelineID], s)
		f.stageName[s.ID] = s.Name
	}

	f.out.section("Account")
	who := fmt.Sprintf("%s <%s>", me.Name, me.Email)
	if me.CompanyName != "" {
		who += ", " + me.CompanyName
	}
	f.out.row("you", "%s", who)
	for _, p := range pipelines {
		stages := byPipeline[p.ID]
		slices.SortFunc(stages, func(a, b *pipedrive.Stage) int { return cmp.Compare(a.OrderNr, b.OrderNr) })
		names := make([]string, len(stages))
		for i, s := range stages {
			names[i] = s.Name
		}
		f.out.wrapped("pipeline", p.Name+": ", " → ", names)
		if f.pipeline == nil && len(stages) > 0 {
			f.pipeline, f.stages = p, stages
		}
	}
	if f.pipeline == nil {
		return fmt.Errorf("no pipeline has stages: add one in Pipedrive first")
	}
	return nil
}

// createOrganization adds the company the deal is with.
func (f *flow) createOrganization(ctx context.Context) error {
	org, _, err := f.client.Organizations.Create(ctx, &pipedrive.OrganizationCreateParams{
		Name: "Acme Robotics",
	})
	if err != nil {
		return err
	}
	f.org = org
	f.undo.push("organization", org.ID, func(ctx context.Context) error {
		_, err := f.client.Organizations.Delete(ctx, org.ID)
		return err
	})
	f.out.section("A sales flow")
	f.out.row("organization", "#%d %s", org.ID, org.Name)
	return nil
}

// createPerson adds the contact, with two email addresses (the first one is
// primary), working at the organization.
func (f *flow) createPerson(ctx context.Context) error {
	person, _, err := f.client.Persons.Create(ctx, &pipedrive.PersonCreateParams{
		Name:   "Ada Lovelace",
		OrgID:  f.org.ID,
		Emails: pipedrive.Contacts("ada@acme.example", "ada.lovelace@example.org"),
	})
	if err != nil {
		return err
	}
	f.person = person
	f.undo.push("person", person.ID, func(ctx context.Context) error {
		_, err := f.client.Persons.Delete(ctx, person.ID)
		return err
	})
	f.out.row("person", "#%d %s at %s", person.ID, person.Name, f.org.Name)
	var emails []string
	for _, e := range person.Emails {
		if e.Primary {
			emails = append(emails, e.Value+" (primary)")
		} else {
			emails = append(emails, e.Value)
		}
	}
	f.out.more("%s", strings.Join(emails, ", "))
	return nil
}

// createDeal opens the deal in the pipeline's first stage.
func (f *flow) createDeal(ctx context.Context) error {
	deal, _, err := f.client.Deals.Create(ctx, &pipedrive.DealCreateParams{
		Title:    "40 robot arms",
		Value:    pipedrive.Ptr(48000.0),
		Currency: "EUR",
		OrgID:    f.org.ID,
		PersonID: f.person.ID,
		StageID:  f.stages[0].ID,
	})
	if err != nil {
		return err
	}
	f.deal = deal
	f.pushDeal(deal.ID)
	f.out.row("deal", "#%d %s: %s, stage %s", deal.ID, deal.Title, money(deal), f.stageName[deal.StageID])
	return nil
}

// scheduleActivity plans a call for tomorrow.
func (f *flow) scheduleActivity(ctx context.Context) error {
	tomorrow := pipedrive.DateOf(time.Now().UTC().AddDate(0, 0, 1))
	act, _, err := f.client.Activities.Create(ctx, &pipedrive.ActivityCreateParams{
		Subject:  "Discovery call with Ada",
		Type:     "call",
		DueDate:  tomorrow,
		DueTime:  "09:30",
		Duration: "00:30",
		DealID:   f.deal.ID,
		PersonID: f.person.ID,
		OrgID:    f.org.ID,
	})
	if err != nil {
		return err
	}
	f.undo.push("activity", act.ID, func(ctx context.Context) error {
		_, err := f.client.Activities.Delete(ctx, act.ID)
		return err
	})
	f.out.row("activity", "#%d %s %q", act.ID, act.Type, act.Subject)
	f.out.more("due %s %s UTC (tomorrow)", act.DueDate, act.DueTime)
	return nil
}

// addNote pins a note to the deal.
func (f *flow) addNote(ctx context.Context) error {
	note, _, err := f.client.Notes.Create(ctx, &pipedrive.NoteCreateParams{
		Content:          "Budget approved by the CFO.",
		DealID:           f.deal.ID,
		PinnedToDealFlag: true,
	})
	if err != nil {
		return err
	}
	f.undo.push("note", note.ID, func(ctx context.Context) error {
		_, err := f.client.Notes.Delete(ctx, note.ID)
		return err
	})
	pinned := ""
	if note.PinnedToDealFlag {
		pinned = "pinned to "
	}
	f.out.row("note", "#%d %sdeal #%d: %s", note.ID, pinned, note.DealID, note.Content)
	return nil
}

// moveThroughStages moves the deal stage by stage. The name of the new stage
// comes from the response's related objects, the old one from Stages.List.
func (f *flow) moveThroughStages(ctx context.Context) error {
	for _, next := range f.stages[1:] {
		from := f.stageName[f.deal.StageID]
		deal, resp, err := f.client.Deals.Update(ctx, f.deal.ID, &pipedrive.DealUpdateParams{StageID: &next.ID})
		if err != nil {
			return err
		}
		to := f.stageName[deal.StageID]
		if rel := resp.RelatedObjects; rel != nil && rel.Stages[deal.StageID].Name != "" {
			to = rel.Stages[deal.StageID].Name
		}
		f.deal = deal
		f.out.row("moved", "%s → %s", from, to)
	}
	return nil
}

// win marks the deal won.
func (f *flow) win(ctx context.Context) error {
	deal, _, err := f.client.Deals.Update(ctx, f.deal.ID, &pipedrive.DealUpdateParams{
		Status: pipedrive.Ptr(pipedrive.DealStatusWon),
	})
	if err != nil {
		return err
	}
	f.deal = deal
	f.out.row(string(deal.Status), "#%d %s, %s, on %s UTC", deal.ID, deal.Title, money(deal), deal.WonTime)
	return nil
}

// search looks the deal up by a word of its title. Live, Pipedrive's search
// index can lag a few seconds behind a write.
func (f *flow) search(ctx context.Context) error {
	const term = "robot arms"
	results, _, err := f.client.Deals.Search(ctx, &pipedrive.DealSearchOptions{
		Term:   term,
		Fields: []pipedrive.DealSearchField{pipedrive.DealSearchTitle},
	})
	if err != nil {
		return err
	}
	f.out.section(fmt.Sprintf("Search %q (Deals.Search)", term))
	if len(results) == 0 {
		f.out.row("", "no hits yet: the search index may lag behind writes")
	}
	label := "hits"
	for _, r := range results {
		it := r.Item
		org := ""
		if it.Organization != nil {
			org = it.Organization.Name
		}
		f.out.row(label, "#%-3d %-22s %-5s %s", it.ID, truncate(it.Title, 22), it.Status, org)
		label = ""
	}
	return nil
}

// fillers are the deals addMoreDeals opens.
var fillers = []struct {
	title string
	value float64
}{
	{"Conveyor belts", 12500},
	{"Maintenance plan", 6000},
	{"Pilot project", 9900},
	{"2 robot arms", 2400},
}

// pageSize is small on purpose: it shows the paging.
const pageSize = 2

// addMoreDeals opens a few more deals, so that there is something to search
// and the open deals span several pages.
func (f *flow) addMoreDeals(ctx context.Context) error {
	var ids []string
	for _, d := range fillers {
		deal, _, err := f.client.Deals.Create(ctx, &pipedrive.DealCreateParams{
			Title: d.title, Value: pipedrive.Ptr(d.value), Currency: "EUR", StageID: f.stages[0].ID,
		})
		if err != nil {
			return err
		}
		f.pushDeal(deal.ID)
		ids = append(ids, fmt.Sprintf("#%d", deal.ID))
	}
	f.out.row("more deals", "%s, open in %s", strings.Join(ids, " "), f.stages[0].Name)
	return nil
}

// listOpenDeals lists the open deals twice: with the Deals.All iterator,
// which fetches pages as the loop needs them, and with Deals.List page by
// page, which shows where each page starts.
func (f *flow) listOpenDeals(ctx context.Context) error {
	f.out.section(fmt.Sprintf("Open deals, %d per page", pageSize))

	const maxItems = 3 * pageSize // a real account can have thousands
	opts := &pipedrive.DealListOptions{Status: pipedrive.DealStatusOpen, ListOptions: pipedrive.ListOptions{Limit: pageSize}}
	label, n := "Deals.All", 0
	for deal, err := range f.client.Deals.All(ctx, opts) {
		if err != nil {
			return err
		}
		f.out.row(label, "#%-3d %-22s %s", deal.ID, truncate(deal.Title, 22), money(deal))
		label, n = "", n+1
		if n == maxItems {
			break // leaving the loop stops the fetching
		}
	}

	label = "Deals.List"
	for page := 1; page <= maxItems/pageSize; page++ {
		deals, resp, err := f.client.Deals.List(ctx, opts)
		if err != nil {
			return err
		}
		ids := make([]string, len(deals))
		for i, d := range deals {
			ids[i] = fmt.Sprintf("#%d", d.ID)
		}
		p := resp.Pagination
		more := "last page"
		if p != nil && p.MoreItems {
			more = fmt.Sprintf("next_start %d", p.NextStart)
		}
		f.out.row(label, "page %d, start %d: %-12s %s", page, opts.Start, strings.Join(ids, " "), more)
		label = ""
		if p == nil || !p.MoreItems {
			break
		}
		opts.Start = p.NextStart
	}
	return nil
}

// firstPageOfDeals shows one page of deals (read-only mode).
func (f *flow) firstPageOfDeals(ctx context.Context) error {
	const limit = 5
	deals, resp, err := f.client.Deals.List(ctx, &pipedrive.DealListOptions{ListOptions: pipedrive.ListOptions{Limit: limit}})
	if err != nil {
		return err
	}
	f.out.section(fmt.Sprintf("Deals (Deals.List, first %d)", limit))
	if len(deals) == 0 {
		f.out.row("", "none yet")
	}
	for _, d := range deals {
		f.out.row("", "#%-5d %-22s %-5s %s", d.ID, truncate(d.Title, 22), d.Status, money(d))
	}
	if p := resp.Pagination; p != nil && p.MoreItems {
		f.out.row("", "… more from start=%d (Deals.All iterates them all)", p.NextStart)
	}
	return nil
}

// listConnections shows the account's Pipedrive connections on Maton.
func (f *flow) listConnections(ctx context.Context) error {
	conns, _, err := f.client.Connections.List(ctx, &pipedrive.ConnectionListOptions{App: "pipedrive"})
	if err != nil {
		return err
	}
	f.out.section("Maton connections (Connections.List)")
	if len(conns) == 0 {
		f.out.row("", "none: create one with Connections.Create (see examples/connections)")
	}
	for _, c := range conns {
		mark := ""
		if c.ID == f.client.Connection() {
			mark = "  ← this client"
		}
		f.out.row(c.App, "%s %-7s%s", c.ID, c.Status, mark)
	}
	return nil
}

// pushDeal registers a deal for deletion at the end.
func (f *flow) pushDeal(id int) {
	f.undo.push("deal", id, func(ctx context.Context) error {
		_, err := f.client.Deals.Delete(ctx, id)
		return err
	})
}

// money is a deal's value as Pipedrive formats it.
func money(d *pipedrive.Deal) string {
	if d.FormattedValue != "" {
		return d.FormattedValue
	}
	return fmt.Sprintf("%s %.2f", d.Currency, float64(d.Value))
}

// truncate shortens s to n characters, marking the cut with "…".
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
