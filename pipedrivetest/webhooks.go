package pipedrivetest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"time"
)

// Webhooks: subscriptions through the API (GET/POST /api/v1/webhooks,
// DELETE /api/v1/webhooks/{id}) and deliveries of version 2.0 payloads
// after every create, change and delete the fake makes, through API v1 or
// v2, to every matching subscription, with HTTP basic auth and
// Pipedrive's retry schedule (3, 30 and 150 seconds after a failed
// attempt; attempts time out after 10 seconds).

// webhookSub is one subscription of a company.
type webhookSub struct {
	id                     int
	action, object         string
	url, name, user, pass  string
	version                string
	userID                 int
	added                  time.Time
	lastStatus             int
	lastDelivery           time.Time
	companyID, ownerUserID int
}

func (w *webhookSub) render() map[string]any {
	var last, lastStatus any
	if !w.lastDelivery.IsZero() {
		last, lastStatus = w.lastDelivery.UTC().Format(time.DateTime), w.lastStatus
	}
	return map[string]any{
		"id": w.id, "company_id": w.companyID, "owner_id": w.ownerUserID, "user_id": w.userID,
		"event_action": w.action, "event_object": w.object, "subscription_url": w.url, "version": w.version,
		"is_active": 1, "add_time": w.added.UTC().Format(time.DateTime), "remove_time": nil, "type": "general",
		"http_auth_user": nullIfEmpty(w.user), "http_auth_password": nullIfEmpty(w.pass), "remove_reason": nil,
		"last_delivery_time": last, "last_http_status": lastStatus, "admin_id": w.ownerUserID, "name": w.name,
	}
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// webhookErrors is the error shape of the webhooks endpoints.
func webhookErrors(status int, field, msg string) *reply {
	return jsonReply(status, map[string]any{"success": false, "status": "error", "errors": map[string][]string{field: {msg}}})
}

// maxWebhooks is Pipedrive's limit per user.
const maxWebhooks = 40

func registerWebhooksV1(rt *router) {
	rt.handle("GET /webhooks", 10, func(c *call) *reply {
		data := []map[string]any{}
		for _, w := range c.st.hooks {
			data = append(data, w.render())
		}
		return jsonReply(http.StatusOK, map[string]any{"success": true, "status": "ok", "data": data})
	})
	rt.handle("POST /webhooks", 10, func(c *call) *reply {
		f, rep := c.fields()
		if rep != nil {
			return rep
		}
		str := func(k string) string { s, _, _ := f.str(k); return s }
		w := &webhookSub{
			action: str("event_action"), object: str("event_object"), url: str("subscription_url"), name: str("name"),
			user: str("http_auth_user"), pass: str("http_auth_password"), version: str("version"),
			added: c.st.clock(), companyID: c.st.company.ID, ownerUserID: c.st.meID,
		}
		if w.version == "" {
			w.version = "2.0"
		}
		w.userID, _, _ = f.integer("user_id")
		if w.userID == 0 {
			w.userID = c.st.meID
		}
		u, err := url.Parse(w.url)
		switch {
		case w.url == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
			return webhookErrors(http.StatusBadRequest, "subscription_url", "Subscription url must be a valid URL.")
		case !slices.Contains([]string{"create", "change", "delete", "*"}, w.action):
			return webhookErrors(http.StatusBadRequest, "event_action", "Event action is invalid.")
		case !slices.Contains([]string{"activity", "deal", "lead", "note", "organization", "person", "pipeline", "product", "stage", "user", "*"}, w.object):
			return webhookErrors(http.StatusBadRequest, "event_object", "Event object is invalid.")
		case w.name == "":
			return webhookErrors(http.StatusBadRequest, "name", "Name is required.")
		case w.version != "1.0" && w.version != "2.0":
			return webhookErrors(http.StatusBadRequest, "version", "Version must be 1.0 or 2.0.")
		case len(c.st.hooks) >= maxWebhooks:
			return webhookErrors(http.StatusBadRequest, "subscription_url", "The limit of 40 webhooks per user is reached.")
		}
		c.st.hookSeq++
		w.id = c.st.hookSeq
		c.st.hooks = append(c.st.hooks, w)
		return jsonReply(http.StatusCreated, map[string]any{"success": true, "status": "ok", "data": w.render()})
	})
	rt.handle("DELETE /webhooks/{id}", 6, func(c *call) *reply {
		i := slices.IndexFunc(c.st.hooks, func(w *webhookSub) bool { return w.id == c.id })
		if i < 0 {
			return webhookErrors(http.StatusNotFound, "id", "Webhook not found.")
		}
		c.st.hooks = slices.Delete(c.st.hooks, i, i+1)
		return jsonReply(http.StatusOK, map[string]any{"success": true, "status": "ok"})
	})
}

// objectOf names the webhook object of a resource path.
var objectOf = map[string]string{
	"deals": "deal", "persons": "person", "organizations": "organization", "activities": "activity",
	"notes": "note", "pipelines": "pipeline", "stages": "stage",
}

// renderers render a row by id in the API v2 shape (v1 for resources
// without a v2 API), by resource path; filled while the routers are built.
var renderers = struct {
	sync.Mutex
	v1, v2 map[string]func(c *call, id int) map[string]any
}{v1: map[string]func(*call, int) map[string]any{}, v2: map[string]func(*call, int) map[string]any{}}

func registerRenderer(v2 bool, path string, fn func(c *call, id int) map[string]any) {
	renderers.Lock()
	defer renderers.Unlock()
	if v2 {
		renderers.v2[path] = fn
	} else {
		renderers.v1[path] = fn
	}
}

// snapshot renders row id of path as a delivery's data, or nil when no
// subscription could want it.
func (c *call) snapshot(path string, id int) map[string]any {
	if (len(c.st.hooks) == 0 && changelogged[path] == "") || objectOf[path] == "" {
		return nil
	}
	apis.once.Do(func() { apis.v1, apis.v2 = newV1Router(), newV2Router() })
	renderers.Lock()
	fn := renderers.v2[path]
	if fn == nil {
		fn = renderers.v1[path]
	}
	renderers.Unlock()
	if fn == nil {
		return nil
	}
	vc := &call{s: c.s, st: c.st, r: c.r, q: url.Values{}, v2: &v2View{include: map[string]bool{}}}
	return fn(vc, id)
}

// emit queues the deliveries of one change: action is create, change or
// delete; before is the snapshot taken before the change (nil on create).
// A change of a deal, person or organization is also written to its
// changelog.
// It runs with the store locked and never blocks.
func (c *call) emit(path, action string, id int, before map[string]any) {
	logged := action == "change" && changelogged[path] != ""
	if !logged && (objectOf[path] == "" || len(c.st.hooks) == 0) {
		return
	}
	var after map[string]any
	if action != "delete" {
		after = c.snapshot(path, id)
	}
	if logged {
		c.logChanges(path, id, before, after)
	}
	c.emitRow(objectOf[path], action, strconv.Itoa(id), before, after)
}

// emitRow queues the deliveries of a change of one entity of object: its
// state before (nil on create) and after (nil on delete).
func (c *call) emitRow(object, action, entityID string, before, after map[string]any) {
	if len(c.st.hooks) == 0 {
		return
	}
	var data any
	var previous any
	switch action {
	case "create":
		data = after
	case "change":
		data = after
		changed := map[string]any{}
		for k, old := range before {
			if !sameJSON(old, after[k]) {
				changed[k] = old
			}
		}
		if len(changed) == 0 {
			return // nothing changed: Pipedrive sends nothing
		}
		previous = changed
	case "delete":
		previous = before
	}
	now := c.s.cfg.clock() // meta.timestamp has sub-second precision
	for _, w := range c.st.hooks {
		if w.version != "2.0" || (w.action != "*" && w.action != action) || (w.object != "*" && w.object != object) {
			continue
		}
		eventID := c.s.newUUID()
		meta := map[string]any{
			"action": action, "entity": object, "entity_id": entityID, "id": eventID, "attempt": 1,
			"timestamp": now.UTC().Format(time.RFC3339Nano), "version": "2.0", "type": "general",
			"company_id": strconv.Itoa(c.st.company.ID), "user_id": strconv.Itoa(c.st.meID),
			"correlation_id": c.s.newUUID(), "change_source": "api", "is_bulk_edit": false,
			"permitted_user_ids": []string{strconv.Itoa(c.st.meID)}, "webhook_id": strconv.Itoa(w.id),
			"webhook_owner_id": strconv.Itoa(w.ownerUserID), "host": c.st.company.Domain + ".pipedrive.com",
		}
		c.s.hooks().enqueue(&delivery{sub: w, st: c.st, meta: meta, data: data, previous: previous, eventID: eventID,
			object: object, action: action, entityID: entityID})
	}
}

func sameJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

// newUUID returns a random (seeded) version 4 UUID.
func (s *Server) newUUID() string {
	s.mu.Lock()
	hi, lo := s.rng.Uint64(), s.rng.Uint64()
	s.mu.Unlock()
	b := make([]byte, 16)
	for i := range 8 {
		b[i], b[8+i] = byte(hi>>(8*i)), byte(lo>>(8*i))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// Delivery is one attempt to deliver an event to a subscription, as
// Server.Deliveries lists them.
type Delivery struct {
	// EventID is the event's meta.id (the same for every attempt).
	EventID   string
	WebhookID int
	Attempt   int
	URL       string
	Object    string
	Action    string
	EntityID  string
	// Status is the receiver's HTTP status (0 when the attempt failed
	// before an answer, see Err, or was dropped by a fault).
	Status int
	Err    string
	// At is when the attempt was made, on the server's clock.
	At time.Time
	// Fault names the WebhookFault applied ("drop", "duplicate",
	// "reorder", "delay"), if any.
	Fault string
}

// WebhookFault disturbs the next deliveries, to test a receiver's
// idempotency and ordering: Drop loses the delivery (no retry, as during
// a ban), Duplicate sends it twice, Reorder holds it back until the next
// delivery went out, Delay waits that long (real time) before sending.
// Times is how many deliveries it applies to (0 means 1).
type WebhookFault struct {
	Drop, Duplicate, Reorder bool
	Delay                    time.Duration
	Times                    int
}

// InjectWebhookFault applies f to the next deliveries.
func (s *Server) InjectWebhookFault(f WebhookFault) {
	if f.Times <= 0 {
		f.Times = 1
	}
	e := s.hooks()
	e.mu.Lock()
	defer e.mu.Unlock()
	e.faults = append(e.faults, &f)
}

// Deliveries returns every delivery attempt so far, in order.
func (s *Server) Deliveries() []Delivery {
	e := s.hooks()
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.log)
}

// WaitWebhooks blocks until every queued delivery was attempted (retries
// scheduled for later are not waited for: see DeliverDueWebhooks), or ctx
// ends.
func (s *Server) WaitWebhooks(ctx context.Context) error {
	e := s.hooks()
	for {
		e.mu.Lock()
		idle := len(e.queue) == 0 && !e.busy
		e.mu.Unlock()
		if idle {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(2 * time.Millisecond):
		}
	}
}

// DeliverDueWebhooks queues the retries whose time has come on the
// server's clock (with WithClock, advance the clock, then call it: tests
// need not sleep through Pipedrive's 3/30/150-second schedule) and waits
// for them like WaitWebhooks. With the real clock retries also go out by
// themselves when due.
func (s *Server) DeliverDueWebhooks(ctx context.Context) error {
	e := s.hooks()
	now := s.cfg.clock()
	e.mu.Lock()
	var due []*delivery
	e.retries = slices.DeleteFunc(e.retries, func(d *delivery) bool {
		if !d.due.After(now) {
			due = append(due, d)
			return true
		}
		return false
	})
	for _, d := range due {
		e.queue = append(e.queue, d)
	}
	e.mu.Unlock()
	if len(due) > 0 {
		e.signal()
	}
	return s.WaitWebhooks(ctx)
}

// retrySchedule is Pipedrive's: attempts 2, 3 and 4 go 3, 30 and 150
// seconds after the failed one.
var retrySchedule = []time.Duration{3 * time.Second, 30 * time.Second, 150 * time.Second}

// deliveryTimeout is how long Pipedrive waits for a 2xx.
const deliveryTimeout = 10 * time.Second

type delivery struct {
	sub                               *webhookSub
	st                                *store
	meta                              map[string]any
	data, previous                    any
	eventID, object, action, entityID string
	attempt                           int
	due                               time.Time
	noRetry                           bool // a duplicate: its original is retried
}

// webhookEngine sends deliveries, one at a time, in order.
type webhookEngine struct {
	s       *Server
	mu      sync.Mutex
	queue   []*delivery
	retries []*delivery
	held    *delivery // a reordered delivery, sent after the next one
	faults  []*WebhookFault
	log     []Delivery
	busy    bool
	wake    chan struct{}
	stop    chan struct{}
	client  *http.Client
}

// hooks returns the server's delivery engine, starting it on first use.
func (s *Server) hooks() *webhookEngine {
	s.hookMu.Lock()
	defer s.hookMu.Unlock()
	if s.hookEngine == nil {
		s.hookEngine = &webhookEngine{s: s, wake: make(chan struct{}, 1), stop: make(chan struct{}), client: &http.Client{
			Timeout: deliveryTimeout,
			CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse // Pipedrive does not follow redirects
			},
		}}
		if !s.hookClosed {
			go s.hookEngine.run()
		}
	}
	return s.hookEngine
}

// closeHooks stops the delivery engine, if it was started.
func (s *Server) closeHooks() {
	s.hookMu.Lock()
	e := s.hookEngine
	started := e != nil && !s.hookClosed
	s.hookClosed = true
	s.hookMu.Unlock()
	if started {
		close(e.stop)
		e.client.CloseIdleConnections()
	}
}

func (e *webhookEngine) enqueue(d *delivery) {
	d.attempt = 1
	e.mu.Lock()
	e.queue = append(e.queue, d)
	e.mu.Unlock()
	e.signal()
}

func (e *webhookEngine) signal() {
	select {
	case e.wake <- struct{}{}:
	default:
	}
}

func (e *webhookEngine) run() {
	for {
		select {
		case <-e.stop:
			return
		case <-e.wake:
		}
		for {
			e.mu.Lock()
			if len(e.queue) == 0 {
				e.busy = false
				e.mu.Unlock()
				break
			}
			d := e.queue[0]
			e.queue = e.queue[1:]
			e.busy = true
			fault := e.takeFault()
			e.mu.Unlock()
			e.deliver(d, fault)
		}
	}
}

// takeFault returns the fault for the next delivery (e.mu held).
func (e *webhookEngine) takeFault() *WebhookFault {
	if len(e.faults) == 0 {
		return nil
	}
	f := e.faults[0]
	f.Times--
	if f.Times <= 0 {
		e.faults = e.faults[1:]
	}
	return f
}

func (e *webhookEngine) deliver(d *delivery, f *WebhookFault) {
	name := ""
	switch {
	case f == nil:
	case f.Drop:
		e.record(d, 0, "", "drop")
		e.flushHeld()
		return
	case f.Reorder:
		e.mu.Lock()
		prev := e.held
		e.held = d
		e.mu.Unlock()
		if prev != nil {
			e.send(prev, "reorder")
		}
		return
	case f.Delay > 0:
		time.Sleep(f.Delay)
		name = "delay"
	case f.Duplicate:
		name = "duplicate"
		dup := *d
		dup.meta = clone(d.meta)
		dup.noRetry = true
		e.send(&dup, name)
	}
	e.send(d, name)
	e.flushHeld()
}

// flushHeld sends a reordered delivery after the one that overtook it.
func (e *webhookEngine) flushHeld() {
	e.mu.Lock()
	held := e.held
	e.held = nil
	e.mu.Unlock()
	if held != nil {
		e.send(held, "reorder")
	}
}

// send makes one attempt and schedules the retry of a failed one.
func (e *webhookEngine) send(d *delivery, fault string) {
	d.meta["attempt"] = d.attempt
	body, _ := json.Marshal(map[string]any{"meta": d.meta, "data": d.data, "previous": d.previous})
	req, err := http.NewRequest(http.MethodPost, d.sub.url, bytes.NewReader(body))
	status, errText := 0, ""
	if err == nil {
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("User-Agent", "Pipedrive-Webhooks (pipedrivetest)")
		if d.sub.user != "" || d.sub.pass != "" {
			req.SetBasicAuth(d.sub.user, d.sub.pass)
		}
		var resp *http.Response
		if resp, err = e.client.Do(req); err == nil {
			status = resp.StatusCode
			_ = resp.Body.Close()
		}
	}
	if err != nil {
		errText = err.Error()
	}
	e.record(d, status, errText, fault)
	d.st.mu.Lock()
	d.sub.lastStatus, d.sub.lastDelivery = status, e.s.cfg.clock()
	d.st.mu.Unlock()
	if status >= 200 && status < 300 || d.attempt > len(retrySchedule) || d.noRetry {
		return
	}
	retry := *d
	retry.meta = clone(d.meta)
	retry.attempt = d.attempt + 1
	wait := retrySchedule[d.attempt-1]
	retry.due = e.s.cfg.clock().Add(wait)
	e.mu.Lock()
	e.retries = append(e.retries, &retry)
	e.mu.Unlock()
	if !e.s.cfg.clockSet {
		time.AfterFunc(wait, func() { _ = e.s.DeliverDueWebhooks(context.Background()) })
	}
}

func clone(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func (e *webhookEngine) record(d *delivery, status int, errText, fault string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.log = append(e.log, Delivery{EventID: d.eventID, WebhookID: d.sub.id, Attempt: d.attempt, URL: d.sub.url,
		Object: d.object, Action: d.action, EntityID: d.entityID, Status: status, Err: errText,
		At: e.s.cfg.clock(), Fault: fault})
}
