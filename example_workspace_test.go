package pipedrive_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"strings"

	"github.com/gopipedrive/pipedrive"
)

// Attach a document to a deal and read it back. The upload and the
// download are streams: a file of any size goes through at flat memory.
func ExampleFilesService_Upload() {
	client, srv := newExampleClient()
	defer srv.Close()
	ctx := context.Background()

	deal, _, err := client.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "Robot arms"})
	if err != nil {
		log.Fatal(err)
	}
	quote := "40 robot arms at 1200 EUR each\n"
	f, _, err := client.Files.Upload(ctx, &pipedrive.FileUploadParams{
		Name: "quote.txt", Content: strings.NewReader(quote), Size: int64(len(quote)), DealID: deal.ID,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(f.Name, f.FileSize, "bytes on", f.DealName)

	body, _, err := client.Files.Download(ctx, f.ID)
	if err != nil {
		log.Fatal(err)
	}
	defer body.Close()
	var got bytes.Buffer
	if _, err := io.Copy(&got, body); err != nil {
		log.Fatal(err)
	}
	fmt.Print(got.String())
	// Output:
	// quote.txt 31 bytes on Robot arms
	// 40 robot arms at 1200 EUR each
}

// Save a filter and list the deals it selects. Conditions name fields by
// id (Fields.List); AllOf, AnyOf and MatchAll build Pipedrive's two-group
// shape, checked before anything is sent.
func ExampleFiltersService_Create() {
	client, srv := newExampleClient()
	defer srv.Close()
	ctx := context.Background()

	for _, d := range []struct {
		title string
		value float64
	}{{"Small", 900}, {"Big", 25000}, {"Huge", 90000}} {
		if _, _, err := client.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: d.title, Value: d.value, Currency: "EUR"}); err != nil {
			log.Fatal(err)
		}
	}
	valueID := 0
	for f, err := range client.Fields.All(ctx, pipedrive.EntityDeal, nil) {
		if err != nil {
			log.Fatal(err)
		}
		if f.Key == "value" {
			valueID = f.ID
		}
	}
	big, _, err := client.Filters.Create(ctx, &pipedrive.FilterCreateParams{
		Name: "Big deals", Type: pipedrive.FilterDeals,
		Conditions: pipedrive.AllOf(pipedrive.Cond("deal", valueID, pipedrive.OpGreaterEqual, "10000")),
	})
	if err != nil {
		log.Fatal(err)
	}
	for d, err := range client.V2.Deals.All(ctx, &pipedrive.V2DealListOptions{FilterID: big.ID}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(d.Title, d.Value)
	}
	// Output:
	// Big 25000
	// Huge 90000
}
