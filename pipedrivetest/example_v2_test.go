package pipedrivetest_test

import (
	"context"
	"fmt"
	"log"

	"github.com/gopipedrive/pipedrive"
	"github.com/gopipedrive/pipedrive/pipedrivetest"
)

// AddField defines a custom field; rows then carry it in each version's
// shape. Here a deal created through API v2 is read back through API v1,
// from the same store.
func ExampleServer_AddField() {
	srv := pipedrivetest.NewServer(pipedrivetest.WithSeedData())
	defer srv.Close()
	key := srv.AddField("", "deal", pipedrivetest.FieldDef{
		Name: "Priority", Type: "enum", Options: []string{"Low", "High"},
	})
	priority, _ := srv.Field("", "deal", "Priority")
	high := priority.Options[1].ID
	region, _ := srv.Field("", "deal", "Region") // a seed field

	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	deal, _, err := client.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{
		Title:        "Rollout",
		CustomFields: map[string]any{key: high, region.Key: region.Options[0].ID},
	})
	if err != nil {
		log.Fatal(err)
	}
	id, _ := deal.CustomFields.Option(key)
	fmt.Println("v2:", deal.Title, id == high)

	v1deal, _, err := client.Deals.Get(ctx, deal.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("v1:", v1deal.Title, v1deal.CustomFields.String(key) == fmt.Sprint(high),
		v1deal.CustomFields.String(region.Key))
	// Output:
	// v2: Rollout true
	// v1: Rollout true 1
}
