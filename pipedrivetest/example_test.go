package pipedrivetest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/gopipedrive/pipedrive"
	"github.com/gopipedrive/pipedrive/pipedrivetest"
)

// This example talks to the emulated gateway with plain net/http: it creates
// a deal and reads it back.
func Example() {
	srv := pipedrivetest.NewServer(pipedrivetest.WithSeedData())
	defer srv.Close()

	call := func(method, path, body string) map[string]any {
		req, _ := http.NewRequest(method, srv.GatewayURL()+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+srv.APIKey)
		req.Header.Set("Maton-Connection", srv.ConnectionID)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			panic(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&out)
		fmt.Println(method, path, resp.StatusCode)
		return out
	}

	call("POST", "/pipedrive/api/v2/deals", `{"title":"Website redesign","value":1500,"currency":"EUR"}`)
	deal := call("GET", "/pipedrive/api/v2/deals/1", "")["data"].(map[string]any)
	fmt.Println(deal["title"], deal["value"], deal["currency"], deal["status"])
	fmt.Println("stage", deal["stage_id"], "owner", deal["owner_id"])
	// Output:
	// POST /pipedrive/api/v2/deals 200
	// GET /pipedrive/api/v2/deals/1 200
	// Website redesign 1500 EUR open
	// stage 1 owner 1
}

// Faults make the next matching requests fail, to test error handling.
func ExampleServer_InjectFault() {
	srv := pipedrivetest.NewServer(pipedrivetest.WithSeedData())
	defer srv.Close()

	srv.InjectFault(pipedrivetest.Fault{
		Method:     http.MethodGet,
		PathPrefix: "/pipedrive/api/v2/deals",
		Status:     http.StatusServiceUnavailable,
	})
	for i := 0; i < 2; i++ {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/pipedrive/api/v2/deals", nil)
		req.Header.Set("Authorization", "Bearer "+srv.APIKey)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			panic(err)
		}
		resp.Body.Close()
		fmt.Println(resp.StatusCode)
	}
	// Output:
	// 503
	// 200
}

// New connections start PENDING; Activate plays the user completing the
// OAuth flow at the connection's URL.
func ExampleServer_Activate() {
	srv := pipedrivetest.NewServer(pipedrivetest.WithoutConnection())
	defer srv.Close()

	req, _ := http.NewRequest(http.MethodPost, srv.ControlURL()+"/connections", strings.NewReader(`{"app":"pipedrive"}`))
	req.Header.Set("Authorization", "Bearer "+srv.APIKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	var created struct {
		Connection struct {
			ID     string `json:"connection_id"`
			Status string `json:"status"`
		} `json:"connection"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&created)
	resp.Body.Close()
	fmt.Println(created.Connection.Status)

	if err := srv.Activate(created.Connection.ID); err != nil {
		panic(err)
	}
	fmt.Println(srv.Connections()[0].Status)
	// Output:
	// PENDING
	// ACTIVE
}

// With the SDK, tests call srv.Client(t); outside a test the same
// configuration is spelled out with the client's options.
func ExampleServer_Client() {
	srv := pipedrivetest.NewServer(pipedrivetest.WithSeedData())
	defer srv.Close()

	client, err := pipedrive.NewClient(srv.APIKey,
		pipedrive.WithGatewayURL(srv.GatewayURL()),
		pipedrive.WithControlURL(srv.ControlURL()),
		pipedrive.WithConnection(srv.ConnectionID))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	deal, _, err := client.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "Website redesign"})
	if err != nil {
		panic(err)
	}
	stages, _, err := client.V2.Stages.List(ctx, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(deal.ID, deal.Title, len(stages), stages[deal.StageID-1].Name)
	// Output:
	// 1 Website redesign 4 Qualified
}
