// Command webhooks is a backend that keeps a local copy of the account's
// deals in sync through Pipedrive's webhooks, instead of polling: a full
// re-sync through V2.Deals.All on start, then one webhook event per
// change. It runs offline, end to end, against pipedrivetest, which
// delivers the events to the receiver on loopback, including a duplicated
// and a reordered delivery, and checks that the copy converges.
//
//	go run ./examples/webhooks
//
// Two rules make the copy safe with at-least-once, unordered delivery:
// the webhook.Handler hands each event (meta.id) to the code once, however
// often Pipedrive delivers it; and an event older than what the copy
// already holds for a deal (meta.timestamp) is ignored, so a late delivery
// never brings back an old value or a deleted deal.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sort"
	"sync"
	"time"

	"github.com/gopipedrive/pipedrive"
	"github.com/gopipedrive/pipedrive/pipedrivetest"
	"github.com/gopipedrive/pipedrive/webhook"
)

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "webhooks:", err)
		os.Exit(1)
	}
}

// entry is the copy of one deal and the time of the last event applied.
type entry struct {
	deal    *pipedrive.V2Deal // nil once deleted
	version time.Time
}

// replica is the local copy of the deals.
type replica struct {
	mu      sync.Mutex
	deals   map[int]*entry
	applied int
	stale   int
}

// apply takes one event into the copy, unless the copy already holds
// something newer for that deal.
func (r *replica) apply(_ context.Context, e *webhook.Event) error {
	id := e.Meta.EntityIntID()
	r.mu.Lock()
	defer r.mu.Unlock()
	if cur := r.deals[id]; cur != nil && !e.Meta.Timestamp.After(cur.version) {
		r.stale++
		return nil
	}
	var d *pipedrive.V2Deal
	if e.Meta.Action != webhook.Delete {
		var err error
		if d, err = e.Deal(); err != nil {
			return err // 500: Pipedrive delivers it again
		}
	}
	r.deals[id] = &entry{deal: d, version: e.Meta.Timestamp}
	r.applied++
	return nil
}

// titles lists the live deals as "id:title", sorted.
func (r *replica) titles() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for id, e := range r.deals {
		if e.deal != nil {
			out = append(out, fmt.Sprintf("%d:%s", id, e.deal.Title))
		}
	}
	sort.Strings(out)
	return out
}

func run(ctx context.Context, out io.Writer) error {
	srv := pipedrivetest.NewServer(pipedrivetest.WithSeedData())
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		return err
	}

	// The receiver: basic auth from NewCredentials, de-duplication on.
	creds := webhook.NewCredentials()
	h, err := webhook.New(webhook.WithBasicAuth(creds.User, creds.Password))
	if err != nil {
		return err
	}
	rep := &replica{deals: map[int]*entry{}}
	h.OnDeal(webhook.Any, rep.apply)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	defer hs.Close()

	// Some deals exist before the backend starts.
	for _, title := range []string{"Acme website relaunch", "Globex CRM rollout", "Initech support plan"} {
		if _, _, err := client.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: title}); err != nil {
			return err
		}
	}

	// Subscribe first, then re-sync: no change falls between the two.
	if _, _, err := client.Webhooks.Create(ctx, &pipedrive.WebhookCreateParams{
		SubscriptionURL: "http://" + ln.Addr().String() + "/pipedrive", EventAction: pipedrive.WebhookAnyAction,
		EventObject: pipedrive.WebhookDeal, Name: "deal replica",
		HTTPAuthUser: creds.User, HTTPAuthPassword: creds.Password,
	}); err != nil {
		return err
	}
	start := time.Now()
	for d, err := range client.V2.Deals.All(ctx, nil) {
		if err != nil {
			return err
		}
		rep.mu.Lock()
		rep.deals[d.ID] = &entry{deal: d, version: start}
		rep.mu.Unlock()
	}
	fmt.Fprintf(out, "re-synced %d deals\n", len(rep.titles()))

	// Changes, with a duplicated and a reordered delivery.
	d, _, err := client.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "Webhook-synced deal", Value: 500, Currency: "EUR"})
	if err != nil {
		return err
	}
	srv.InjectWebhookFault(pipedrivetest.WebhookFault{Duplicate: true})
	if _, _, err := client.V2.Deals.Update(ctx, d.ID, &pipedrive.V2DealUpdateParams{Title: pipedrive.Set("Renamed once")}); err != nil {
		return err
	}
	srv.InjectWebhookFault(pipedrivetest.WebhookFault{Reorder: true})
	if _, _, err := client.V2.Deals.Update(ctx, d.ID, &pipedrive.V2DealUpdateParams{Title: pipedrive.Set("Renamed twice")}); err != nil {
		return err
	}
	if _, _, err := client.V2.Deals.Update(ctx, d.ID, &pipedrive.V2DealUpdateParams{Title: pipedrive.Set("Final title")}); err != nil {
		return err
	}
	if _, err := client.V2.Deals.Delete(ctx, 1); err != nil {
		return err
	}
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := srv.WaitWebhooks(wctx); err != nil {
		return err
	}

	// The copy must match the account.
	var want []string
	for d, err := range client.V2.Deals.All(ctx, nil) {
		if err != nil {
			return err
		}
		want = append(want, fmt.Sprintf("%d:%s", d.ID, d.Title))
	}
	sort.Strings(want)
	got := rep.titles()
	dups := 0
	for _, dl := range srv.Deliveries() {
		if dl.Fault == "duplicate" {
			dups++
		}
	}
	fmt.Fprintf(out, "%d deliveries (%d duplicated, 1 held back and delivered late): %d events applied, %d stale ignored\n",
		len(srv.Deliveries()), dups/2, rep.applied, rep.stale)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		return errors.New("the copy did not converge:\n  copy:    " + fmt.Sprint(got) + "\n  account: " + fmt.Sprint(want))
	}
	fmt.Fprintf(out, "converged: the copy holds the account's %d deals (deal %d is %q)\n", len(got), d.ID, "Final title")
	return nil
}
