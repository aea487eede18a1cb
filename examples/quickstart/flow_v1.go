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

// v1flow is the seed's sales flow on API v1, whose deal, person,
// organization, activity, pipeline and stage endpoints Pipedrive retired on
// 2026-08-01. -v1 replays it against pipedrivetest.
type v1flow struct {
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

// account shows who the client acts as and the pipelines with their stages,
// and picks the first pipeline for the deal.
func (f *v1flow) account(ctx context.Context) error {
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
func (f *v1flow) createOrganization(ctx context.Context) error {
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
func (f *v1flow) createPerson(ctx context.Context) error {
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
func (f *v1flow) createDeal(ctx context.Context) error {
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
	f.out.row("deal", "#%d %s: %s, stage %s", deal.ID, deal.Title, moneyV1(deal), f.stageName[deal.StageID])
	return nil
}

// scheduleActivity plans a call for tomorrow.
func (f *v1flow) scheduleActivity(ctx context.Context) error {
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
func (f *v1flow) addNote(ctx context.Context) error {
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
func (f *v1flow) moveThroughStages(ctx context.Context) error {
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
func (f *v1flow) win(ctx context.Context) error {
	deal, _, err := f.client.Deals.Update(ctx, f.deal.ID, &pipedrive.DealUpdateParams{
		Status: pipedrive.Ptr(pipedrive.DealStatusWon),
	})
	if err != nil {
		return err
	}
	f.deal = deal
	f.out.row(string(deal.Status), "#%d %s, %s, on %s UTC", deal.ID, deal.Title, moneyV1(deal), deal.WonTime)
	return nil
}

// search looks the deal up by a word of its title. Live, Pipedrive's search
// index can lag a few seconds behind a write.
func (f *v1flow) search(ctx context.Context) error {
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

// addMoreDeals opens a few more deals, so that there is something to search
// and the open deals span several pages.
func (f *v1flow) addMoreDeals(ctx context.Context) error {
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
func (f *v1flow) listOpenDeals(ctx context.Context) error {
	f.out.section(fmt.Sprintf("Open deals, %d per page", pageSize))

	const maxItems = 3 * pageSize // a real account can have thousands
	opts := &pipedrive.DealListOptions{Status: pipedrive.DealStatusOpen, ListOptions: pipedrive.ListOptions{Limit: pageSize}}
	label, n := "Deals.All", 0
	for deal, err := range f.client.Deals.All(ctx, opts) {
		if err != nil {
			return err
		}
		f.out.row(label, "#%-3d %-22s %s", deal.ID, truncate(deal.Title, 22), moneyV1(deal))
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

// pushDeal registers a deal for deletion at the end.
func (f *v1flow) pushDeal(id int) {
	f.undo.push("deal", id, func(ctx context.Context) error {
		_, err := f.client.Deals.Delete(ctx, id)
		return err
	})
}

// moneyV1 is a v1 deal's value as Pipedrive formats it.
func moneyV1(d *pipedrive.Deal) string {
	if d.FormattedValue != "" {
		return d.FormattedValue
	}
	return fmt.Sprintf("%s %.2f", d.Currency, float64(d.Value))
}
