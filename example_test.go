package pipedrive_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gopipedrive/pipedrive"
	"github.com/gopipedrive/pipedrive/pipedrivetest"
)

// The examples run offline against pipedrivetest, an in-memory Maton
// gateway with Pipedrive behind it. Against your account, build the client
// with pipedrive.NewClientFromEnv() instead; the rest is the same.

// NewClient takes the Maton API key and options; it makes no network call.
// No fmt verb ever prints the key.
func ExampleNewClient() {
	client, err := pipedrive.NewClient("my-maton-api-key",
		pipedrive.WithConnection("21fd90f9-5935-43cd-b6c8-bde9d915ca80"),
		pipedrive.WithUserAgent("crm-sync/1.0"),
	)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(client)
	fmt.Printf("%#v\n", client)

	_, err = pipedrive.NewClient("")
	fmt.Println(err)
	// Output:
	// pipedrive.Client{gateway: https://gateway.maton.ai, control: https://ctrl.maton.ai, connection: 21fd90f9-5935-43cd-b6c8-bde9d915ca80}
	// pipedrive.Client{gateway: https://gateway.maton.ai, control: https://ctrl.maton.ai, connection: 21fd90f9-5935-43cd-b6c8-bde9d915ca80}
	// pipedrive: invalid apiKey: empty: set MATON_API_KEY or pass the key from https://maton.ai/settings
}

// NewClientFromEnv reads MATON_API_KEY (required), MATON_CONNECTION,
// MATON_GATEWAY_URL and MATON_CTRL_URL; options passed to it win over the
// environment.
func ExampleNewClientFromEnv() {
	client, err := pipedrive.NewClientFromEnv(pipedrive.WithUserAgent("crm-sync/1.0"))
	if err != nil {
		log.Fatal(err) // pipedrive: invalid MATON_API_KEY: not set: ...
	}
	me, _, err := client.Users.Me(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("connected as", me.Name)
}

// Legacy API v1: the seed's Deals service. Pipedrive turned off the v1 deal,
// person, organization, activity, pipeline and stage endpoints on
// 2026-08-01; use client.V2 (see ExampleV2DealsService_Create). pipedrivetest
// still serves them, so that code written for v1 can be tested while it
// moves to v2.
func ExampleDealsService_Create() {
	srv := pipedrivetest.NewServer(pipedrivetest.WithSeedData())
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	deal, resp, err := client.Deals.Create(ctx, &pipedrive.DealCreateParams{
		Title:    "40 robot arms",
		Value:    pipedrive.Ptr(48000.0),
		Currency: "EUR",
		StageID:  1,
	})
	if err != nil {
		log.Fatal(err)
	}
	stage := resp.RelatedObjects.Stages[deal.StageID]
	fmt.Println(deal.ID, deal.Title, deal.FormattedValue, deal.Status)
	fmt.Println("stage:", stage.Name, "owner:", deal.UserID.Name)
	// Output:
	// 1 40 robot arms €48,000 open
	// stage: Qualified owner: Alice Admin
}

// A note pinned to a deal stays on top of the deal's timeline. Times are UTC;
// pipedrivetest's clock is fixed here so that the output does not change.
func ExampleNotesService_Create() {
	clock := func() time.Time { return time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC) }
	srv := pipedrivetest.NewServer(pipedrivetest.WithSeedData(), pipedrivetest.WithClock(clock))
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	deal, _, err := client.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "40 robot arms"})
	if err != nil {
		log.Fatal(err)
	}

	note, _, err := client.Notes.Create(ctx, &pipedrive.NoteCreateParams{
		Content:          "Budget approved by the CFO.",
		DealID:           deal.ID,
		PinnedToDealFlag: true,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(note.ID, note.Content)
	fmt.Println("pinned:", note.PinnedToDealFlag, "deal:", note.Deal.Title, "added:", note.AddTime)
	// Output:
	// 1 Budget approved by the CFO.
	// pinned: true deal: 40 robot arms added: 2026-03-02 09:30:00
}

// One client can serve several Pipedrive companies: the context picks the
// Maton connection of each call.
func ExampleContextWithConnection() {
	srv := pipedrivetest.NewServer(pipedrivetest.WithSeedData())
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	acme := srv.ConnectionID                                             // a first company
	globex := srv.AddConnection("pipedrive", pipedrivetest.StatusActive) // a second one

	for _, c := range []struct{ conn, title string }{
		{acme, "Acme: robot arms"},
		{globex, "Globex: conveyor belts"},
		{globex, "Globex: maintenance"},
	} {
		ctx := pipedrive.ContextWithConnection(context.Background(), c.conn)
		if _, _, err := client.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: c.title}); err != nil {
			log.Fatal(err)
		}
	}

	for _, conn := range []string{acme, globex} {
		ctx := pipedrive.ContextWithConnection(context.Background(), conn)
		deals, _, err := client.V2.Deals.List(ctx, nil)
		if err != nil {
			log.Fatal(err)
		}
		for _, d := range deals {
			fmt.Println(d.ID, d.Title)
		}
	}
	// Output:
	// 1 Acme: robot arms
	// 1 Globex: conveyor belts
	// 2 Globex: maintenance
}

// errors.Is matches the kind of failure; errors.As gives the details.
func ExampleAPIError() {
	srv := pipedrivetest.NewServer(pipedrivetest.WithSeedData())
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}

	_, _, err = client.V2.Deals.Get(context.Background(), 404404)
	fmt.Println("not found:", errors.Is(err, pipedrive.ErrNotFound))
	fmt.Println("rate limited:", errors.Is(err, pipedrive.ErrRateLimited))

	var apiErr *pipedrive.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Method, apiErr.Path)
		fmt.Println("answered by:", apiErr.Source)
	}
	// Output:
	// not found: true
	// rate limited: false
	// 404 GET /pipedrive/api/v2/deals/404404
	// answered by: pipedrive
}

// A new connection is PENDING until a person opens its URL and authorizes
// Pipedrive; pipedrivetest's Activate plays that person.
func ExampleConnectionsService_Create() {
	srv := pipedrivetest.NewServer(pipedrivetest.WithoutConnection())
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	conn, _, err := client.Connections.Create(ctx, "pipedrive")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(conn.App, conn.Status)
	fmt.Println("open:", strings.HasPrefix(conn.URL, "https://"))

	if err := srv.Activate(conn.ID); err != nil {
		log.Fatal(err)
	}
	conn, _, err = client.Connections.Get(ctx, conn.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(conn.App, conn.Status)
	// Output:
	// pipedrive PENDING
	// open: true
	// pipedrive ACTIVE
}

// Do reaches native Pipedrive paths the typed services lack, through the
// same pipeline: authentication, rate limiting, retries, typed errors.
func ExampleClient_Do() {
	srv := pipedrivetest.NewServer(pipedrivetest.WithSeedData())
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}

	var stages []struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
	}
	query := url.Values{"pipeline_id": {"1"}}
	if _, err := client.Do(context.Background(), http.MethodGet, "/api/v2/stages", query, nil, &stages); err != nil {
		log.Fatal(err)
	}
	for _, s := range stages {
		fmt.Println(s.ID, s.Name)
	}
	// Output:
	// 1 Qualified
	// 2 Contact Made
	// 3 Proposal Made
	// 4 Negotiations Started
}
