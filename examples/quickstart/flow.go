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

// flow is the sales flow on today's API: API v2 for organizations,
// persons, deals, activities, pipelines and stages; API v1 for users and
// notes, which are v1-only and current.
type flow struct {
	client *pipedrive.Client
	out    *printer
	undo   undo

	pipeline  *pipedrive.V2Pipeline
	stages    []*pipedrive.V2Stage // of pipeline, in order
	stageName map[int]string       // every stage of the account, by id
	org       *pipedrive.V2Organization
	person    *pipedrive.V2Person
	deal      *pipedrive.V2Deal
}

// step is one named part of a flow; the name prefixes its error.
type step struct {
	name string
	run  func(context.Context) error
}

// runSteps runs the steps in order and stops at the first error.
func runSteps(ctx context.Context, steps []step) error {
	for _, s := range steps {
		if err := s.run(ctx); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return nil
}

// account shows who the client acts as (Users.Me, API v1) and the
// pipelines with their stages (API v2), and picks the first pipeline for
// the deal.
func (f *flow) account(ctx context.Context) error {
	me, _, err := f.client.Users.Me(ctx)
	if err != nil {
		return err
	}
	var pipelines []*pipedrive.V2Pipeline
	for p, err := range f.client.V2.Pipelines.All(ctx, nil) {
		if err != nil {
			return err
		}
		pipelines = append(pipelines, p)
	}
	if len(pipelines) == 0 {
		return fmt.Errorf("the account has no pipeline: create one in Pipedrive first")
	}
	byPipeline := map[int][]*pipedrive.V2Stage{}
	f.stageName = map[int]string{}
	for s, err := range f.client.V2.Stages.All(ctx, nil) {
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
		slices.SortFunc(stages, func(a, b *pipedrive.V2Stage) int { return cmp.Compare(a.OrderNr, b.OrderNr) })
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
	org, _, err := f.client.V2.Organizations.Create(ctx, &pipedrive.V2OrganizationCreateParams{Name: "Acme Robotics"})
	if err != nil {
		return err
	}
	f.org = org
	f.undo.push("organization", org.ID, func(ctx context.Context) error {
		_, err := f.client.V2.Organizations.Delete(ctx, org.ID)
		return err
	})
	f.out.section("A sales flow")
	f.out.row("organization", "#%d %s", org.ID, org.Name)
	return nil
}

// createPerson adds the contact, with two email addresses (the first one is
// primary), working at the organization.
func (f *flow) createPerson(ctx context.Context) error {
	person, _, err := f.client.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{
		Name:   "Ada Lovelace",
		OrgID:  f.org.ID,
		Emails: pipedrive.Contacts("ada@acme.example", "ada.lovelace@example.org"),
	})
	if err != nil {
		return err
	}
	f.person = person
	f.undo.push("person", person.ID, func(ctx context.Context) error {
		_, err := f.client.V2.Persons.Delete(ctx, person.ID)
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
	deal, _, err := f.client.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{
		Title:    "40 robot arms",
		Value:    48000,
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
	f.out.row("deal", "#%d %s: %s, stage %s", deal.ID, deal.Title, money(deal.Value, deal.Currency), f.stageName[deal.StageID])
	return nil
}

// scheduleActivity plans a call for tomorrow.
func (f *flow) scheduleActivity(ctx context.Context) error {
	tomorrow := pipedrive.DateOf(time.Now().UTC().AddDate(0, 0, 1))
	act, _, err := f.client.V2.Activities.Create(ctx, &pipedrive.V2ActivityCreateParams{
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
		_, err := f.client.V2.Activities.Delete(ctx, act.ID)
		return err
	})
	f.out.row("activity", "#%d %s %q", act.ID, act.Type, act.Subject)
	f.out.more("due %s %s UTC (tomorrow)", act.DueDate, act.DueTime)
	return nil
}

// addNote pins a note to the deal (notes are API v1, current).
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

// moveThroughStages moves the deal stage by stage with PATCH: only the
// fields set with pipedrive.Set are sent.
func (f *flow) moveThroughStages(ctx context.Context) error {
	for _, next := range f.stages[1:] {
		from := f.stageName[f.deal.StageID]
		deal, _, err := f.client.V2.Deals.Update(ctx, f.deal.ID, &pipedrive.V2DealUpdateParams{StageID: pipedrive.Set(next.ID)})
		if err != nil {
			return err
		}
		f.deal = deal
		f.out.row("moved", "%s → %s", from, f.stageName[deal.StageID])
	}
	return nil
}

// win marks the deal won.
func (f *flow) win(ctx context.Context) error {
	deal, _, err := f.client.V2.Deals.Update(ctx, f.deal.ID, &pipedrive.V2DealUpdateParams{
		Status: pipedrive.Set(pipedrive.V2DealStatusWon),
	})
	if err != nil {
		return err
	}
	f.deal = deal
	f.out.row(string(deal.Status), "#%d %s, %s, on %s UTC", deal.ID, deal.Title, money(deal.Value, deal.Currency),
		deal.WonTime.UTC().Format(time.DateTime))
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
		deal, _, err := f.client.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{
			Title: d.title, Value: d.value, Currency: "EUR", StageID: f.stages[0].ID,
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

// search looks the deal up by a word of its title. Live, Pipedrive's search
// index can lag a few seconds behind a write.
func (f *flow) search(ctx context.Context) error {
	const term = "robot arms"
	results, _, err := f.client.V2.Deals.Search(ctx, &pipedrive.V2DealSearchOptions{
		Term:   term,
		Fields: []pipedrive.V2SearchField{pipedrive.V2SearchFieldTitle},
	})
	if err != nil {
		return err
	}
	f.out.section(fmt.Sprintf("Search %q (V2.Deals.Search)", term))
	if len(results) == 0 {
		f.out.row("", "no hits yet: the search index may lag behind writes")
	}
	label := "hits"
	for _, r := range results {
		it := r.Item
		f.out.row(label, "#%-3d %-22s %-5s %s", it.ID, truncate(it.Title, 22), it.Status, it.Organization.Name)
		label = ""
	}
	return nil
}

// listOpenDeals lists the open deals twice: with the V2.Deals.All
// iterator, which fetches pages as the loop needs them, and with
// V2.Deals.List page by page, following the cursor each page returns.
func (f *flow) listOpenDeals(ctx context.Context) error {
	f.out.section(fmt.Sprintf("Open deals, %d per page", pageSize))

	const maxItems = 3 * pageSize // a real account can have thousands
	opts := &pipedrive.V2DealListOptions{
		Status:        []pipedrive.V2DealStatus{pipedrive.V2DealStatusOpen},
		V2ListOptions: pipedrive.V2ListOptions{Limit: pageSize},
	}
	label, n := "V2.Deals.All", 0
	for deal, err := range f.client.V2.Deals.All(ctx, opts) {
		if err != nil {
			return err
		}
		f.out.row(label, "#%-3d %-22s %s", deal.ID, truncate(deal.Title, 22), money(deal.Value, deal.Currency))
		label, n = "", n+1
		if n == maxItems {
			break // leaving the loop stops the fetching
		}
	}

	label = "V2.Deals.List"
	for page := 1; page <= maxItems/pageSize; page++ {
		deals, resp, err := f.client.V2.Deals.List(ctx, opts)
		if err != nil {
			return err
		}
		ids := make([]string, len(deals))
		for i, d := range deals {
			ids[i] = fmt.Sprintf("#%d", d.ID)
		}
		more := "last page"
		if resp.NextCursor != "" {
			more = "next_cursor " + truncate(resp.NextCursor, 16)
		}
		f.out.row(label, "page %d: %-12s %s", page, strings.Join(ids, " "), more)
		label = ""
		if resp.NextCursor == "" {
			break
		}
		opts.Cursor = resp.NextCursor
	}
	return nil
}

// firstPageOfDeals shows one page of deals (read-only mode).
func (f *flow) firstPageOfDeals(ctx context.Context) error {
	const limit = 5
	deals, resp, err := f.client.V2.Deals.List(ctx, &pipedrive.V2DealListOptions{V2ListOptions: pipedrive.V2ListOptions{Limit: limit}})
	if err != nil {
		return err
	}
	f.out.section(fmt.Sprintf("Deals (V2.Deals.List, first %d)", limit))
	if len(deals) == 0 {
		f.out.row("", "none yet")
	}
	for _, d := range deals {
		f.out.row("", "#%-5d %-22s %-5s %s", d.ID, truncate(d.Title, 22), d.Status, money(d.Value, d.Currency))
	}
	if resp.NextCursor != "" {
		f.out.row("", "… more after the cursor (V2.Deals.All iterates them all)")
	}
	return nil
}

// listConnections shows the account's Pipedrive connections on Maton.
func listConnections(ctx context.Context, client *pipedrive.Client, out *printer) error {
	conns, _, err := client.Connections.List(ctx, &pipedrive.ConnectionListOptions{App: "pipedrive"})
	if err != nil {
		return err
	}
	out.section("Maton connections (Connections.List)")
	if len(conns) == 0 {
		out.row("", "none: create one with Connections.Create (see examples/connections)")
	}
	for _, c := range conns {
		mark := ""
		if c.ID == client.Connection() {
			mark = "  ← this client"
		}
		out.row(c.App, "%s %-7s%s", c.ID, c.Status, mark)
	}
	return nil
}

// pushDeal registers a deal for deletion at the end.
func (f *flow) pushDeal(id int) {
	f.undo.push("deal", id, func(ctx context.Context) error {
		_, err := f.client.V2.Deals.Delete(ctx, id)
		return err
	})
}

// symbols are the currency signs money uses; other codes are written out.
var symbols = map[string]string{"EUR": "€", "USD": "$", "GBP": "£"}

// money formats an amount as Pipedrive does: "€48,000", "CHF 1,250.50".
func money(v float64, currency string) string {
	text := fmt.Sprintf("%.2f", v)
	intPart, frac, _ := strings.Cut(text, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 && r != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "00" {
		b.WriteString("." + frac)
	}
	if sym, ok := symbols[currency]; ok {
		return sym + b.String()
	}
	return currency + " " + b.String()
}

// truncate shortens s to n characters, marking the cut with "…".
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
