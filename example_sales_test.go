package pipedrive_test

import (
	"context"
	"fmt"
	"log"

	"github.com/gopipedrive/pipedrive"
)

// Capture an inbound lead, label it, then convert it into a deal once it
// is qualified (the conversion runs as a job: poll its status).
func ExampleLeadsService_Create() {
	client, srv := newExampleClient()
	defer srv.Close()
	ctx := context.Background()

	person, _, err := client.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{Name: "Ada Buyer"})
	if err != nil {
		log.Fatal(err)
	}
	labels, _, err := client.LeadLabels.List(ctx)
	if err != nil {
		log.Fatal(err)
	}
	lead, _, err := client.Leads.Create(ctx, &pipedrive.LeadCreateParams{
		Title:    "Inbound: 40 robot arms",
		PersonID: person.ID,
		Value:    &pipedrive.LeadValue{Amount: 48000, Currency: "EUR"},
		LabelIDs: []string{labels[0].ID},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(lead.Title, lead.Value.Amount, lead.Value.Currency, "from", lead.SourceName)

	job, _, err := client.V2.Leads.ConvertToDeal(ctx, lead.ID, nil)
	if err != nil {
		log.Fatal(err)
	}
	for {
		st, _, err := client.V2.Leads.ConversionStatus(ctx, lead.ID, job.ConversionID)
		if err != nil {
			log.Fatal(err)
		}
		if st.Status == "completed" {
			deal, _, err := client.V2.Deals.Get(ctx, st.DealID)
			if err != nil {
				log.Fatal(err)
			}
			fmt.Println("deal", deal.ID, deal.Title, deal.Value, deal.Currency)
			break
		}
	}
	// Output:
	// Inbound: 40 robot arms 48000 EUR from API
	// deal 1 Inbound: 40 robot arms 48000 EUR
}

// Put products on a deal: its value follows the lines (quantity, price,
// discount, tax), less the deal's additional discounts.
func ExampleV2DealsService_AddProduct() {
	client, srv := newExampleClient()
	defer srv.Close()
	ctx := context.Background()

	arm, _, err := client.V2.Products.Create(ctx, &pipedrive.V2ProductCreateParams{
		Name: "Robot arm", Code: "ARM-6", Prices: []pipedrive.V2ProductPrice{{Currency: "EUR", Price: 1200}},
	})
	if err != nil {
		log.Fatal(err)
	}
	deal, _, err := client.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "Robot arms", Currency: "EUR"})
	if err != nil {
		log.Fatal(err)
	}
	line, _, err := client.V2.Deals.AddProduct(ctx, deal.ID, &pipedrive.V2DealProductParams{
		ProductID: arm.ID, ItemPrice: 1200, Quantity: 40, Discount: 10, // percent
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(line.Name, line.Quantity, "x", line.ItemPrice, "=", line.Sum)

	if _, _, err := client.V2.Deals.AddDiscount(ctx, deal.ID, &pipedrive.V2DealDiscountParams{
		Description: "Launch customer", Amount: 1200, Type: pipedrive.V2DiscountAmount,
	}); err != nil {
		log.Fatal(err)
	}
	deal, _, err = client.V2.Deals.Get(ctx, deal.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("deal value", deal.Value, deal.Currency)
	// Output:
	// Robot arm 40 x 1200 = 43200
	// deal value 42000 EUR
}

// Merge a duplicate person into the one to keep: its deals, activities,
// notes and followers move over, and it is deleted.
func ExamplePersonsService_Merge() {
	client, srv := newExampleClient()
	defer srv.Close()
	ctx := context.Background()

	keep, _, err := client.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{Name: "Ada Lovelace"})
	if err != nil {
		log.Fatal(err)
	}
	dup, _, err := client.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{Name: "A. Lovelace"})
	if err != nil {
		log.Fatal(err)
	}
	deal, _, err := client.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "Analytical engine", PersonID: dup.ID})
	if err != nil {
		log.Fatal(err)
	}

	merged, _, err := client.Persons.Merge(ctx, dup.ID, keep.ID)
	if err != nil {
		log.Fatal(err)
	}
	deal, _, err = client.V2.Deals.Get(ctx, deal.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("kept", merged.ID, merged.Name, "- the deal's person is now", deal.PersonID)
	// Output:
	// kept 1 Ada Lovelace - the deal's person is now 1
}
