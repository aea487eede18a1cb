package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/gopipedrive/pipedrive"
	"github.com/gopipedrive/pipedrive/webhook"
)

var webhookView = view{singular: "webhook", plural: "webhooks", columns: []string{"ID", "ACTION", "OBJECT", "URL", "VERSION", "ACTIVE", "NAME"}}

// webhookCells never shows the basic-auth password.
func webhookCells(w *pipedrive.Webhook) []string {
	return []string{itoa(w.ID), string(w.EventAction), string(w.EventObject), w.SubscriptionURL, w.Version,
		boolCell(bool(w.IsActive)), cell(w.Name)}
}

func webhooksCommand() *command {
	return &command{
		name:    "webhooks",
		summary: "Webhook subscriptions: list, create, delete, and listen for events",
		long: "Pipedrive POSTs an event after every create, change or delete of the objects a webhook\n" +
			"subscribes to. `webhooks listen` receives them and prints one JSON line per event;\n" +
			"`pipedrive --demo webhooks listen` shows it all offline.",
		subs: []*command{
			noArgs("list", "List the webhooks (passwords never shown)", func(ctx context.Context, a *app, cl *pipedrive.Client) error {
				list, _, err := cl.Webhooks.List(ctx)
				if err != nil {
					return err
				}
				return a.printPage(webhookView, page{rows: rows(list, webhookCells)})
			}),
			webhooksCreateCommand(),
			deleteCommand("webhook", func(ctx context.Context, cl *pipedrive.Client, s string) error {
				id, err := parseID("webhook", s)
				if err != nil {
					return err
				}
				_, err = cl.Webhooks.Delete(ctx, id)
				return err
			}),
			webhooksListenCommand(),
		},
	}
}

func webhooksCreateCommand() *command {
	return &command{
		name: "create", summary: "Subscribe a URL to events (basic auth generated unless given)",
		setup: func(fs *flag.FlagSet) runFunc {
			u := fs.String("url", "", "the https `URL` that receives the events (required)")
			action := fs.String("action", "*", "create, change, delete or * (every action)")
			object := fs.String("object", "*", "activity, deal, lead, note, organization, person, pipeline, product, stage, user or *")
			name := fs.String("name", "", "the webhook's name (default: the command line's action.object)")
			user := fs.String("user", "", "HTTP basic auth user Pipedrive sends (generated when --user and --password are empty)")
			password := fs.String("password", "", "HTTP basic auth password Pipedrive sends")
			noAuth := fs.Bool("no-auth", false, "subscribe without basic auth (anyone who learns the URL can forge events)")
			return func(ctx context.Context, a *app, args []string) error {
				if err := wantArgs(args, "", 0); err != nil {
					return err
				}
				if *u == "" {
					return usagef("--url is required")
				}
				p := &pipedrive.WebhookCreateParams{SubscriptionURL: *u, EventAction: pipedrive.WebhookAction(*action),
					EventObject: pipedrive.WebhookObject(*object), Name: *name, HTTPAuthUser: *user, HTTPAuthPassword: *password, WithoutAuth: *noAuth}
				if p.Name == "" {
					p.Name = *action + "." + *object
				}
				generated := false
				if !*noAuth && *user == "" && *password == "" {
					c := webhook.NewCredentials()
					p.HTTPAuthUser, p.HTTPAuthPassword, generated = c.User, c.Password, true
				}
				cl, err := a.client(ctx)
				if err != nil {
					return err
				}
				w, _, err := cl.Webhooks.Create(ctx, p)
				if err != nil {
					return err
				}
				if generated {
					fmt.Fprintf(a.stderr, "basic auth generated for this webhook; give it to your receiver (shown once):\n  --user %s --password %s\n", p.HTTPAuthUser, p.HTTPAuthPassword)
				}
				return a.printOne(webhookView, row{w, webhookCells(w)})
			}
		},
	}
}

var eventView = view{singular: "event", plural: "events", columns: []string{"TIME", "ACTION", "ENTITY", "ID", "ATTEMPT", "EVENT"}}

func webhooksListenCommand() *command {
	return &command{
		name: "listen", summary: "Receive webhook deliveries and print each event (one JSON line; a table with -o table)",
		long: "With --demo it subscribes the built-in fake to the listener, makes a few changes and\n" +
			"prints the events as they arrive, then exits.",
		setup: func(fs *flag.FlagSet) runFunc {
			addr := fs.String("addr", "127.0.0.1:8080", "`host:port` to listen on (--demo: a free loopback port)")
			user := fs.String("user", "", "HTTP basic auth user the webhook sends (required unless --no-auth)")
			password := fs.String("password", "", "HTTP basic auth password the webhook sends")
			noAuth := fs.Bool("no-auth", false, "accept deliveries without basic auth")
			maxEvents := fs.Int("max-events", 0, "exit after this many events (0: run until interrupted)")
			return func(ctx context.Context, a *app, args []string) error {
				if err := wantArgs(args, "", 0); err != nil {
					return err
				}
				if a.g.demo {
					c := webhook.NewCredentials()
					*user, *password, *noAuth = c.User, c.Password, false
					*addr = "127.0.0.1:0"
				}
				opts := []webhook.Option{webhook.WithoutAuth()}
				if !*noAuth {
					if *user == "" || *password == "" {
						return usagef("--user and --password are required (the webhook's basic auth), or --no-auth")
					}
					opts = []webhook.Option{webhook.WithBasicAuth(*user, *password)}
				}
				h, err := webhook.New(opts...)
				if err != nil {
					return err
				}
				ctx, cancel := context.WithCancel(ctx)
				defer cancel()
				var mu sync.Mutex
				count := 0
				header := true
				h.On(webhook.AnyEntity, webhook.Any, func(_ context.Context, e *webhook.Event) error {
					mu.Lock()
					defer mu.Unlock()
					if err := a.printEvent(e, header); err != nil {
						return err
					}
					header = false
					count++
					if *maxEvents > 0 && count >= *maxEvents {
						cancel()
					}
					return nil
				})
				ln, err := net.Listen("tcp", *addr)
				if err != nil {
					return fmt.Errorf("listening on %s: %w", *addr, err)
				}
				srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
				go func() { _ = srv.Serve(ln) }()
				defer func() {
					sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
					defer scancel()
					_ = srv.Shutdown(sctx)
				}()
				url := "http://" + ln.Addr().String() + "/"
				fmt.Fprintf(a.stderr, "listening on %s\n", url)
				if a.g.demo {
					return a.demoWebhooks(ctx, url, *user, *password)
				}
				<-ctx.Done()
				return nil
			}
		},
	}
}

// demoWebhooks subscribes the demo fake to the listener at url, makes a
// few changes and waits until their events were delivered.
func (a *app) demoWebhooks(ctx context.Context, url, user, password string) error {
	cl, err := a.client(ctx)
	if err != nil {
		return err
	}
	w, _, err := cl.Webhooks.Create(ctx, &pipedrive.WebhookCreateParams{SubscriptionURL: url, EventAction: pipedrive.WebhookAnyAction,
		EventObject: pipedrive.WebhookAnyObject, Name: "demo listener", HTTPAuthUser: user, HTTPAuthPassword: password})
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "demo: webhook %d subscribed; creating, changing and deleting a deal and a person\n", w.ID)
	d, _, err := cl.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "Webhook demo deal", Value: 1000, Currency: "EUR"})
	if err != nil {
		return err
	}
	if _, _, err := cl.V2.Deals.Update(ctx, d.ID, &pipedrive.V2DealUpdateParams{StageID: pipedrive.Set(2)}); err != nil {
		return err
	}
	p, _, err := cl.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{Name: "Webhook Demo"})
	if err != nil {
		return err
	}
	if _, err := cl.V2.Persons.Delete(ctx, p.ID); err != nil {
		return err
	}
	if _, err := cl.V2.Deals.Delete(ctx, d.ID); err != nil {
		return err
	}
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := a.demoSrv.WaitWebhooks(wctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}

// printEvent prints one event: a JSON line (json and ndjson), or a table
// row (the header first).
func (a *app) printEvent(e *webhook.Event, header bool) error {
	if a.g.output == formatTable && a.g.outputSet {
		t := &table{w: a.stdout, widths: []int{20, 6, 12, 8, 7, 36}}
		if header {
			if err := t.line(eventView.columns); err != nil {
				return err
			}
		}
		return t.line([]string{e.Meta.Timestamp.UTC().Format(time.DateTime), string(e.Meta.Action), string(e.Meta.Entity),
			e.Meta.EntityID, strconv.Itoa(e.Meta.Attempt), e.Meta.ID})
	}
	b, err := json.Marshal(struct {
		Meta     json.RawMessage `json:"meta"`
		Data     json.RawMessage `json:"data"`
		Previous json.RawMessage `json:"previous"`
	}{e.Meta.Raw, orNull(e.Data), orNull(e.Previous)})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(a.stdout, "%s\n", b)
	return err
}

func orNull(raw json.RawMessage) json.RawMessage {
	if raw == nil {
		return json.RawMessage("null")
	}
	return raw
}
