package pipedrivetest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopipedrive/pipedrive"
	"github.com/gopipedrive/pipedrive/pipedrivetest"
	"github.com/gopipedrive/pipedrive/webhook"
)

// receiver is a webhook.Handler on loopback that records what it handled.
type receiver struct {
	url   string
	creds webhook.Credentials
	mu    sync.Mutex
	got   []*webhook.Event
	fail  atomic.Int32 // answer 500 to this many deliveries first
	seen  atomic.Int32 // deliveries that reached the server
}

func newReceiver(t *testing.T) *receiver {
	rc := &receiver{creds: webhook.NewCredentials()}
	h, err := webhook.New(webhook.WithBasicAuth(rc.creds.User, rc.creds.Password))
	require.NoError(t, err)
	h.On(webhook.AnyEntity, webhook.Any, func(_ context.Context, e *webhook.Event) error {
		rc.mu.Lock()
		defer rc.mu.Unlock()
		rc.got = append(rc.got, e)
		return nil
	})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc.seen.Add(1)
		if rc.fail.Load() > 0 {
			rc.fail.Add(-1)
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	rc.url = srv.URL + "/hooks/pipedrive"
	return rc
}

func (rc *receiver) events() []*webhook.Event {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]*webhook.Event(nil), rc.got...)
}

func subscribe(t *testing.T, c *pipedrive.Client, rc *receiver, object pipedrive.WebhookObject) *pipedrive.Webhook {
	w, _, err := c.Webhooks.Create(context.Background(), &pipedrive.WebhookCreateParams{
		SubscriptionURL: rc.url, EventAction: pipedrive.WebhookAnyAction, EventObject: object, Name: "test",
		HTTPAuthUser: rc.creds.User, HTTPAuthPassword: rc.creds.Password,
	})
	require.NoError(t, err)
	return w
}

func waitHooks(t *testing.T, srv *pipedrivetest.Server) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, srv.WaitWebhooks(ctx))
}

// TestWebhooksDeliverChanges: every create, change and delete, through v1
// or v2, reaches the matching subscriptions as a v2 payload with basic
// auth; previous holds the changed fields' old values.
func TestWebhooksDeliverChanges(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	c := srv.Client(t)
	ctx := context.Background()
	deals, all := newReceiver(t), newReceiver(t)
	sub := subscribe(t, c, deals, pipedrive.WebhookDeal)
	subscribe(t, c, all, pipedrive.WebhookAnyObject)
	list, _, err := c.Webhooks.List(ctx)
	require.NoError(t, err)
	require.Len(t, list, 2)
	assert.Equal(t, "2.0", list[0].Version)

	d, _, err := c.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "Hooked", Value: 100, Currency: "EUR"})
	require.NoError(t, err)
	_, _, err = c.V2.Deals.Update(ctx, d.ID, &pipedrive.V2DealUpdateParams{Title: pipedrive.Set("Hooked again")})
	require.NoError(t, err)
	_, _, err = c.Deals.Update(ctx, d.ID, &pipedrive.DealUpdateParams{Value: pipedrive.Ptr(250.0)}) // v1 counts too
	require.NoError(t, err)
	_, err = c.V2.Deals.Delete(ctx, d.ID)
	require.NoError(t, err)
	_, _, err = c.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{Name: "Pat"})
	require.NoError(t, err)
	waitHooks(t, srv)

	got := deals.events()
	require.Len(t, got, 4, "deal subscription: create, change, change, delete")
	actions := []webhook.Action{got[0].Meta.Action, got[1].Meta.Action, got[2].Meta.Action, got[3].Meta.Action}
	assert.Equal(t, []webhook.Action{webhook.Create, webhook.Change, webhook.Change, webhook.Delete}, actions)
	created, err := got[0].Deal()
	require.NoError(t, err)
	assert.Equal(t, "Hooked", created.Title)
	assert.Nil(t, got[0].Previous, "previous is null on create")
	assert.JSONEq(t, `"Hooked"`, string(got[1].PreviousFields()["title"]))
	changed, err := got[1].Deal()
	require.NoError(t, err)
	assert.Equal(t, "Hooked again", changed.Title)
	assert.JSONEq(t, `100`, string(got[2].PreviousFields()["value"]))
	assert.Nil(t, got[3].Data, "data is null on delete")
	for _, e := range got {
		assert.Equal(t, webhook.Deal, e.Meta.Entity)
		assert.Equal(t, d.ID, e.Meta.EntityIntID())
		assert.Equal(t, sub.ID, e.Meta.WebhookID)
		assert.Equal(t, 1, e.Meta.Attempt)
		assert.NotEmpty(t, e.Meta.ID)
	}
	assert.Len(t, all.events(), 5, "the * subscription also gets the person")
	for _, dl := range srv.Deliveries() {
		assert.Equal(t, 200, dl.Status)
	}
}

// TestWebhookPayloadShape checks a delivery against the documented v2
// payload: meta's members (ids as strings), data in the API v2 shape,
// previous.
func TestWebhookPayloadShape(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	var raw []byte
	got := make(chan struct{}, 1)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ = readAll(r)
		user, pass, ok := r.BasicAuth()
		assert.True(t, ok && user == "u" && pass == "p", "basic auth")
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
		got <- struct{}{}
	}))
	defer hook.Close()
	c := srv.Client(t)
	_, _, err := c.Webhooks.Create(context.Background(), &pipedrive.WebhookCreateParams{SubscriptionURL: hook.URL,
		EventAction: pipedrive.WebhookCreate, EventObject: pipedrive.WebhookDeal, Name: "shape", HTTPAuthUser: "u", HTTPAuthPassword: "p"})
	require.NoError(t, err)
	_, _, err = c.V2.Deals.Create(context.Background(), &pipedrive.V2DealCreateParams{Title: "Shape"})
	require.NoError(t, err)
	<-got
	var p struct {
		Meta     map[string]any  `json:"meta"`
		Data     map[string]any  `json:"data"`
		Previous json.RawMessage `json:"previous"`
	}
	require.NoError(t, json.Unmarshal(raw, &p))
	for _, k := range []string{"action", "entity", "entity_id", "id", "attempt", "timestamp", "version", "company_id",
		"user_id", "correlation_id", "change_source", "is_bulk_edit", "permitted_user_ids", "webhook_id"} {
		assert.Contains(t, p.Meta, k)
	}
	for _, k := range []string{"entity_id", "id", "company_id", "user_id", "webhook_id", "correlation_id"} {
		assert.IsType(t, "", p.Meta[k], "meta.%s is a string", k)
	}
	assert.Equal(t, "2.0", p.Meta["version"])
	assert.Equal(t, "Shape", p.Data["title"])
	assert.Contains(t, p.Data, "owner_id", "the v2 shape (v1 says user_id)")
	assert.Contains(t, p.Data, "custom_fields")
	assert.Equal(t, "null", string(p.Previous))
}

func readAll(r *http.Request) ([]byte, error) {
	defer r.Body.Close()
	var b []byte
	buf := make([]byte, 4096)
	for {
		n, err := r.Body.Read(buf)
		b = append(b, buf[:n]...)
		if err != nil {
			return b, nil
		}
	}
}

// TestWebhookRetrySchedule: a failed delivery is retried 3, 30 and 150
// seconds later (on the server's clock, no sleeping), with the same
// meta.id and the attempt number; the receiver handles it once.
func TestWebhookRetrySchedule(t *testing.T) {
	clock := newFakeClock()
	srv := newServer(t, pipedrivetest.WithSeedData(), pipedrivetest.WithClock(clock.Now))
	c := srv.Client(t)
	ctx := context.Background()
	rc := newReceiver(t)
	subscribe(t, c, rc, pipedrive.WebhookDeal)
	rc.fail.Store(3)
	_, _, err := c.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "Retry me"})
	require.NoError(t, err)
	waitHooks(t, srv)
	require.Len(t, srv.Deliveries(), 1)

	clock.Advance(2 * time.Second)
	require.NoError(t, srv.DeliverDueWebhooks(ctx))
	assert.Len(t, srv.Deliveries(), 1, "not due before 3 s")
	for _, step := range []time.Duration{time.Second, 30 * time.Second, 150 * time.Second} {
		clock.Advance(step)
		require.NoError(t, srv.DeliverDueWebhooks(ctx))
	}
	ds := srv.Deliveries()
	require.Len(t, ds, 4)
	for i, d := range ds {
		assert.Equal(t, i+1, d.Attempt)
		assert.Equal(t, ds[0].EventID, d.EventID)
	}
	assert.Equal(t, []int{500, 500, 500, 200}, []int{ds[0].Status, ds[1].Status, ds[2].Status, ds[3].Status})
	assert.Equal(t, 3*time.Second, ds[1].At.Sub(ds[0].At))
	require.Len(t, rc.events(), 1)
	assert.Equal(t, 4, rc.events()[0].Meta.Attempt)
}

// TestWebhookFaults: duplicated, reordered and dropped deliveries, for
// testing a receiver's idempotency.
func TestWebhookFaults(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	c := srv.Client(t)
	ctx := context.Background()
	rc := newReceiver(t)
	subscribe(t, c, rc, pipedrive.WebhookDeal)
	create := func(title string) {
		_, _, err := c.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: title})
		require.NoError(t, err)
	}
	srv.InjectWebhookFault(pipedrivetest.WebhookFault{Duplicate: true})
	create("dup")
	waitHooks(t, srv)
	assert.Equal(t, int32(2), rc.seen.Load(), "delivered twice")
	assert.Len(t, rc.events(), 1, "handled once")

	srv.InjectWebhookFault(pipedrivetest.WebhookFault{Reorder: true})
	create("first")
	create("second")
	waitHooks(t, srv)
	evs := rc.events()
	require.Len(t, evs, 3)
	a, _ := evs[1].Deal()
	b, _ := evs[2].Deal()
	assert.Equal(t, []string{"second", "first"}, []string{a.Title, b.Title}, "reordered")

	srv.InjectWebhookFault(pipedrivetest.WebhookFault{Drop: true})
	create("lost")
	waitHooks(t, srv)
	assert.Len(t, rc.events(), 3, "dropped")
	faults := map[string]int{}
	for _, d := range srv.Deliveries() {
		faults[d.Fault]++
	}
	assert.Equal(t, map[string]int{"duplicate": 2, "reorder": 1, "": 1, "drop": 1}, faults, "the held-back delivery goes after the next one")
}

func TestWebhooksAPI(t *testing.T) {
	srv := newServer(t)
	c := srv.Client(t)
	ctx := context.Background()
	_, _, err := c.Webhooks.Create(ctx, &pipedrive.WebhookCreateParams{SubscriptionURL: "https://example.com/h",
		EventAction: pipedrive.WebhookDelete, EventObject: pipedrive.WebhookPerson, Name: "x", WithoutAuth: true})
	require.NoError(t, err)
	list, _, err := c.Webhooks.List(ctx)
	require.NoError(t, err)
	require.Len(t, list, 1)
	_, err = c.Webhooks.Delete(ctx, list[0].ID)
	require.NoError(t, err)
	_, err = c.Webhooks.Delete(ctx, list[0].ID)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
}

// TestWebhooksLeads: leads (UUID ids, API v1) are delivered too, and a
// lead converted into a deal gives a lead delete and a deal create.
func TestWebhooksLeads(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	c := srv.Client(t)
	ctx := context.Background()
	rc := newReceiver(t)
	subscribe(t, c, rc, pipedrive.WebhookAnyObject)
	p, _, err := c.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{Name: "Lead person"})
	require.NoError(t, err)
	l, _, err := c.Leads.Create(ctx, &pipedrive.LeadCreateParams{Title: "Hooked lead", PersonID: p.ID})
	require.NoError(t, err)
	_, _, err = c.Leads.Update(ctx, l.ID, &pipedrive.LeadUpdateParams{Title: pipedrive.Set("Renamed lead")})
	require.NoError(t, err)
	_, _, err = c.V2.Leads.ConvertToDeal(ctx, l.ID, nil)
	require.NoError(t, err)
	waitHooks(t, srv)
	var got []string
	for _, e := range rc.events() {
		got = append(got, string(e.Meta.Action)+"."+string(e.Meta.Entity))
		if e.Meta.Entity == webhook.Lead {
			assert.Equal(t, l.ID, e.Meta.EntityID, "a lead's entity_id is its UUID")
		}
	}
	assert.Equal(t, []string{"create.person", "create.lead", "change.lead", "create.deal", "delete.lead"}, got)
	assert.JSONEq(t, `"Hooked lead"`, string(rc.events()[2].PreviousFields()["title"]))
}
