package pipedrivetest_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"

	"github.com/gopipedrive/pipedrive"
	"github.com/gopipedrive/pipedrive/pipedrivetest"
)

// RequestLog shows what the SDK sent: a test can check the method, path,
// query and headers of every call (the key is redacted).
func ExampleServer_RequestLog() {
	srv := pipedrivetest.NewServer(pipedrivetest.WithSeedData())
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	if _, _, err := client.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "40 robot arms", Value: 48000}); err != nil {
		log.Fatal(err)
	}
	if _, _, err := client.V2.Deals.List(ctx, &pipedrive.V2DealListOptions{Status: []pipedrive.V2DealStatus{pipedrive.V2DealStatusOpen}}); err != nil {
		log.Fatal(err)
	}

	for _, r := range srv.RequestLog() {
		line := r.Method + " " + r.Path
		if r.RawQuery != "" {
			line += "?" + r.RawQuery
		}
		if len(r.Body) > 0 {
			line += " " + string(r.Body)
		}
		fmt.Println(line)
		fmt.Println("  ", r.Header.Get("Authorization"), r.Header.Get("Maton-Connection") == srv.ConnectionID)
	}
	// Output:
	// POST /pipedrive/api/v2/deals {"title":"40 robot arms","value":48000}
	//    Bearer REDACTED true
	// GET /pipedrive/api/v2/deals?status=open
	//    Bearer REDACTED true
}

// A fault shows how code copes with failures: the SDK retries a GET after
// a 503, but never sends a POST again once it may have reached the server.
func ExampleServer_InjectFault_retries() {
	srv := pipedrivetest.NewServer(pipedrivetest.WithSeedData())
	defer srv.Close()
	client, err := pipedrive.NewClient(srv.APIKey,
		pipedrive.WithGatewayURL(srv.URL),
		pipedrive.WithControlURL(srv.URL),
		// Short waits between attempts keep the example fast.
		pipedrive.WithRetry(pipedrive.RetryPolicy{MinWait: time.Millisecond, MaxWait: time.Millisecond}))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	srv.InjectFault(pipedrivetest.Fault{Method: http.MethodGet, PathPrefix: "/pipedrive/api/v2/deals", Status: http.StatusServiceUnavailable})
	_, resp, err := client.V2.Deals.List(ctx, nil)
	fmt.Println("GET:", err, "attempts:", resp.Attempts)

	srv.InjectFault(pipedrivetest.Fault{Method: http.MethodPost, PathPrefix: "/pipedrive/api/v2/deals", Status: http.StatusServiceUnavailable})
	_, _, err = client.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "40 robot arms"})
	var apiErr *pipedrive.APIError
	if errors.As(err, &apiErr) {
		fmt.Println("POST:", errors.Is(err, pipedrive.ErrServer), apiErr.StatusCode, "attempts:", apiErr.Attempts)
	}
	// Output:
	// GET: <nil> attempts: 2
	// POST: true 503 attempts: 1
}
