package pipedrive_test

import (
	"context"
	"fmt"
	"log"

	"github.com/gopipedrive/pipedrive"
	"github.com/gopipedrive/pipedrive/pipedrivetest"
)

// newExampleClient starts a pipedrivetest server with the "Sales" pipeline
// and returns a client for it; against your account,
// pipedrive.NewClientFromEnv() replaces both.
func newExampleClient() (*pipedrive.Client, *pipedrivetest.Server) {
	srv := pipedrivetest.NewServer(pipedrivetest.WithSeedData())
	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	return client, srv
}

// Create a deal (API v2) in the first stage of the seeded "Sales" pipeline.
func ExampleV2DealsService_Create() {
	client, srv := newExampleClient()
	defer srv.Close()

	deal, _, err := client.V2.Deals.Create(context.Background(), &pipedrive.V2DealCreateParams{
		Title:    "40 robot arms",
		Value:    48000,
		Currency: "EUR",
		StageID:  1,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(deal.ID, deal.Title, deal.Value, deal.Currency, deal.Status, "stage", deal.StageID, "owner", deal.OwnerID)
	// Output:
	// 1 40 robot arms 48000 EUR open stage 1 owner 1
}

// Get returns one deal; a missing one is pipedrive.ErrNotFound.
func ExampleV2DealsService_Get() {
	client, srv := newExampleClient()
	defer srv.Close()
	ctx := context.Background()
	created, _, err := client.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "Conveyor belts", Value: 12500, Currency: "EUR"})
	if err != nil {
		log.Fatal(err)
	}

	deal, _, err := client.V2.Deals.Get(ctx, created.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(deal.ID, deal.Title, deal.Value, deal.Currency)
	// Output:
	// 1 Conveyor belts 12500 EUR
}

// List returns one page and the cursor of the next (Response.NextCursor,
// "" on the last page).
func ExampleV2DealsService_List() {
	client, srv := newExampleClient()
	defer srv.Close()
	ctx := context.Background()
	for _, title := range []string{"Alpha", "Bravo", "Charlie"} {
		if _, _, err := client.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: title}); err != nil {
			log.Fatal(err)
		}
	}

	opts := &pipedrive.V2DealListOptions{V2ListOptions: pipedrive.V2ListOptions{Limit: 2}}
	for page := 1; ; page++ {
		deals, resp, err := client.V2.Deals.List(ctx, opts)
		if err != nil {
			log.Fatal(err)
		}
		for _, d := range deals {
			fmt.Println("page", page, d.ID, d.Title)
		}
		if resp.NextCursor == "" {
			break
		}
		opts.Cursor = resp.NextCursor
	}
	// Output:
	// page 1 1 Alpha
	// page 1 2 Bravo
	// page 2 3 Charlie
}

// All returns an iterator that fetches pages as the loop needs them;
// breaking out of the loop stops the fetching. The sequence can be ranged
// again, from the start.
func ExampleV2DealsService_All() {
	client, srv := newExampleClient()
	defer srv.Close()
	ctx := context.Background()
	for _, title := range []string{"Alpha", "Bravo", "Charlie", "Delta", "Echo"} {
		if _, _, err := client.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: title}); err != nil {
			log.Fatal(err)
		}
	}

	open := client.V2.Deals.All(ctx, &pipedrive.V2DealListOptions{
		Status:        []pipedrive.V2DealStatus{pipedrive.V2DealStatusOpen},
		V2ListOptions: pipedrive.V2ListOptions{Limit: 2}, // 3 pages of at most 2
	})
	for deal, err := range open {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(deal.ID, deal.Title)
	}
	// Output:
	// 1 Alpha
	// 2 Bravo
	// 3 Charlie
	// 4 Delta
	// 5 Echo
}

// Update sends only the fields given with Set; Null clears a field that
// Pipedrive lets clear. Fields left out keep their value.
func ExampleV2DealsService_Update() {
	client, srv := newExampleClient()
	defer srv.Close()
	ctx := context.Background()
	deal, _, err := client.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "Pilot", Value: 9900, Currency: "EUR", Probability: pipedrive.Ptr(40.0)})
	if err != nil {
		log.Fatal(err)
	}

	deal, _, err = client.V2.Deals.Update(ctx, deal.ID, &pipedrive.V2DealUpdateParams{
		Title:       pipedrive.Set("Pilot project"),
		StageID:     pipedrive.Set(3),
		Probability: pipedrive.Null[float64](),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(deal.Title, deal.Value, "stage", deal.StageID, "probability set:", deal.Probability != nil)
	// Output:
	// Pilot project 9900 stage 3 probability set: false
}

// Search looks in titles, notes and custom fields; Fields narrows it down.
func ExampleV2DealsService_Search() {
	client, srv := newExampleClient()
	defer srv.Close()
	ctx := context.Background()
	for _, title := range []string{"40 robot arms", "Conveyor belts", "Spare robot grippers"} {
		if _, _, err := client.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: title}); err != nil {
			log.Fatal(err)
		}
	}

	results, _, err := client.V2.Deals.Search(ctx, &pipedrive.V2DealSearchOptions{
		Term:   "robot",
		Fields: []pipedrive.V2SearchField{pipedrive.V2SearchFieldTitle},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range results {
		fmt.Println(r.Item.ID, r.Item.Title, r.Item.Stage.Name)
	}
	// Unordered output:
	// 1 40 robot arms Qualified
	// 3 Spare robot grippers Qualified
}

// Contacts turns plain strings into a person's email addresses or phone
// numbers, the first one primary.
func ExampleV2PersonsService_Create() {
	client, srv := newExampleClient()
	defer srv.Close()
	ctx := context.Background()

	org, _, err := client.V2.Organizations.Create(ctx, &pipedrive.V2OrganizationCreateParams{Name: "Acme Robotics"})
	if err != nil {
		log.Fatal(err)
	}
	person, _, err := client.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{
		Name:   "Ada Lovelace",
		OrgID:  org.ID,
		Emails: pipedrive.Contacts("ada@acme.example", "ada@home.example"),
		Phones: pipedrive.Contacts("+1 555 0100"),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(person.ID, person.Name, "at organization", person.OrgID)
	for _, e := range person.Emails {
		fmt.Println(e.Value, "primary:", e.Primary)
	}
	// Output:
	// 1 Ada Lovelace at organization 1
	// ada@acme.example primary: true
	// ada@home.example primary: false
}

// Activities link to a deal, a person and an organization.
func ExampleV2ActivitiesService_Create() {
	client, srv := newExampleClient()
	defer srv.Close()
	ctx := context.Background()
	deal, _, err := client.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "40 robot arms"})
	if err != nil {
		log.Fatal(err)
	}

	act, _, err := client.V2.Activities.Create(ctx, &pipedrive.V2ActivityCreateParams{
		Subject: "Discovery call", Type: "call", DealID: deal.ID,
		DueDate: "2026-12-07", DueTime: "09:30", Duration: "00:30",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(act.ID, act.Type, act.Subject, "deal", act.DealID, act.DueDate, act.DueTime)
	// Output:
	// 1 call Discovery call deal 1 2026-12-07 09:30
}

// Custom fields by name: FieldSchema maps names to Pipedrive's 40-hex keys
// and option labels to ids, to write (SetV2) and read (Option, Monetary)
// a v2 deal's custom fields.
func ExampleFieldSchema_SetV2() {
	client, srv := newExampleClient() // seeds "Region" (EMEA, Americas, APAC) and "Contract value"
	defer srv.Close()
	ctx := context.Background()
	schema, err := client.FieldSchema(ctx, pipedrive.EntityDeal)
	if err != nil {
		log.Fatal(err)
	}

	params := &pipedrive.V2DealCreateParams{Title: "Renewal", CustomFields: map[string]any{}}
	if err := schema.SetV2(params.CustomFields, "Region", "EMEA"); err != nil {
		log.Fatal(err)
	}
	if err := schema.SetV2(params.CustomFields, "Contract value", pipedrive.MonetaryValue{Value: 1500, Currency: "EUR"}); err != nil {
		log.Fatal(err)
	}
	deal, _, err := client.V2.Deals.Create(ctx, params)
	if err != nil {
		log.Fatal(err)
	}

	region, _ := schema.Option(deal.CustomFields, "Region")
	value, _ := schema.Monetary(deal.CustomFields, "Contract value")
	fmt.Println(deal.Title, region, value)
	_, err = schema.Option(deal.CustomFields, "Regoin")
	fmt.Println(err)
	// Output:
	// Renewal EMEA 1500 EUR
	// pipedrive: deal field "Regoin": no custom deal field has this name; did you mean "Region"?
}

// Users are API v1, and current: Me is the user who authorized the
// connection.
func ExampleUsersService_Me() {
	client, srv := newExampleClient()
	defer srv.Close()
	me, _, err := client.Users.Me(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(me.Name, me.Email, "you:", me.IsYou, "company:", me.CompanyName)
	// Output:
	// Alice Admin alice@example.com you: true company: Emulated Company
}

// Subscribe to deal changes; pipedrivetest delivers them to the URL, so a
// receiver (the webhook package) can be tested offline.
func ExampleWebhooksService_Create() {
	client, srv := newExampleClient()
	defer srv.Close()
	w, _, err := client.Webhooks.Create(context.Background(), &pipedrive.WebhookCreateParams{
		SubscriptionURL:  "https://crm-sync.example.com/hooks/pipedrive",
		EventAction:      pipedrive.WebhookChange,
		EventObject:      pipedrive.WebhookDeal,
		Name:             "CRM sync",
		HTTPAuthUser:     "pipedrive",
		HTTPAuthPassword: "a-long-random-password", // webhook.NewCredentials makes one
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(w.ID, w.EventAction, w.EventObject, w.Version)
	fmt.Println(w) // never prints the password
	// Output:
	// 1 change deal 2.0
	// webhook 1 change.deal → https://crm-sync.example.com/hooks/pipedrive
}
