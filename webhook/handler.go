package webhook

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"sync"
)

// DefaultMaxBodyBytes caps a delivery's body (1 MiB): a deal with many
// custom fields is a few kilobytes.
const DefaultMaxBodyBytes = 1 << 20

// HandlerFunc handles one event. An error makes a synchronous Handler
// answer 500, so that Pipedrive delivers the event again.
type HandlerFunc func(ctx context.Context, e *Event) error

type route struct {
	entity Entity
	action Action
	fn     HandlerFunc
}

// Handler is an http.Handler for Pipedrive's webhook deliveries. Create it
// with New, register handlers with On (or OnDeal, OnPerson...), then serve
// it. It is safe for concurrent use; register handlers before serving.
//
// What it answers: 405 to anything but POST; 401 (with WWW-Authenticate)
// when basic auth does not match, before reading the body; 415 when the
// body is not JSON; 413 above the body cap; 400 for malformed JSON, a v1
// payload or a meta without id, action or entity; 200 once the handlers
// ran (or at once with WithAsync); 500 when a handler failed (Pipedrive
// retries); 503 when the async queue is full or the handler is shutting
// down (Pipedrive retries). A duplicate delivery (the same meta.id) is
// answered 200 without calling the handlers again.
type Handler struct {
	userSum, passSum [sha256.Size]byte
	noAuth           bool
	maxBody          int64
	dedup            Deduper
	logger           *slog.Logger
	routes           []route

	workers int
	queue   chan *Event
	mu      sync.RWMutex // guards closed against sends on queue
	closed  bool
	done    sync.WaitGroup
}

// Option configures a Handler.
type Option func(*Handler) error

// WithBasicAuth sets the credentials Pipedrive sends (the http_auth_user
// and http_auth_password of the subscription). They are compared in
// constant time.
func WithBasicAuth(user, password string) Option {
	return func(h *Handler) error {
		if user == "" || password == "" {
			return errors.New("webhook: WithBasicAuth: empty user or password")
		}
		h.userSum, h.passSum = sha256.Sum256([]byte(user)), sha256.Sum256([]byte(password))
		return nil
	}
}

// WithoutAuth accepts deliveries without basic auth: anyone who learns
// the URL can forge events. Use it only behind another check.
func WithoutAuth() Option {
	return func(h *Handler) error { h.noAuth = true; return nil }
}

// WithMaxBodyBytes caps a delivery's body (default DefaultMaxBodyBytes).
func WithMaxBodyBytes(n int64) Option {
	return func(h *Handler) error {
		if n < 1 {
			return fmt.Errorf("webhook: WithMaxBodyBytes(%d): must be positive", n)
		}
		h.maxBody = n
		return nil
	}
}

// WithDeduper replaces the in-memory de-duplication (NewMemoryDeduper with
// DefaultDedupeSize entries) with d, e.g. a Redis one shared by several
// processes.
func WithDeduper(d Deduper) Option {
	return func(h *Handler) error {
		if d == nil {
			return errors.New("webhook: WithDeduper(nil)")
		}
		h.dedup = d
		return nil
	}
}

// WithAsync acknowledges each delivery at once (200) and runs the handlers
// on workers goroutines, with room for queue events waiting; when the
// queue is full the delivery is answered 503 so that Pipedrive retries it
// later. Call Shutdown to stop: it processes every accepted event.
func WithAsync(workers, queue int) Option {
	return func(h *Handler) error {
		if workers < 1 || queue < 0 {
			return fmt.Errorf("webhook: WithAsync(%d, %d): need at least one worker and a queue of 0 or more", workers, queue)
		}
		h.workers, h.queue = workers, make(chan *Event, queue)
		return nil
	}
}

// WithLogger logs refused deliveries and failed handlers (never
// credentials or bodies).
func WithLogger(l *slog.Logger) Option {
	return func(h *Handler) error { h.logger = l; return nil }
}

// New returns a Handler. It needs WithBasicAuth, or WithoutAuth to opt out
// explicitly.
func New(opts ...Option) (*Handler, error) {
	h := &Handler{maxBody: DefaultMaxBodyBytes}
	for _, o := range opts {
		if o == nil {
			return nil, errors.New("webhook: nil Option")
		}
		if err := o(h); err != nil {
			return nil, err
		}
	}
	if auth := h.userSum != [sha256.Size]byte{}; auth == h.noAuth {
		return nil, errors.New("webhook: give WithBasicAuth (the subscription's http_auth_user and http_auth_password), or WithoutAuth to accept unauthenticated deliveries")
	}
	if h.dedup == nil {
		h.dedup = NewMemoryDeduper(DefaultDedupeSize)
	}
	if h.logger == nil {
		h.logger = slog.New(slog.DiscardHandler)
	}
	for range h.workers {
		h.done.Add(1)
		go h.work()
	}
	return h, nil
}

// On registers fn for events about entity with action; AnyEntity and Any
// match all. Every matching handler runs, in registration order.
func (h *Handler) On(entity Entity, action Action, fn HandlerFunc) {
	h.routes = append(h.routes, route{entity, action, fn})
}

// OnDeal registers fn for deal events with action.
func (h *Handler) OnDeal(action Action, fn HandlerFunc) { h.On(Deal, action, fn) }

// OnPerson registers fn for person events with action.
func (h *Handler) OnPerson(action Action, fn HandlerFunc) { h.On(Person, action, fn) }

// OnOrganization registers fn for organization events with action.
func (h *Handler) OnOrganization(action Action, fn HandlerFunc) { h.On(Organization, action, fn) }

// OnActivity registers fn for activity events with action.
func (h *Handler) OnActivity(action Action, fn HandlerFunc) { h.On(Activity, action, fn) }

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		h.refuse(w, r, http.StatusMethodNotAllowed, "POST only")
		return
	}
	if !h.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Basic realm="pipedrive-webhook"`)
		h.refuse(w, r, http.StatusUnauthorized, "unauthorized")
		return
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		h.refuse(w, r, http.StatusUnsupportedMediaType, "Content-Type must be application/json")
		return
	}
	if r.ContentLength > h.maxBody {
		h.refuse(w, r, http.StatusRequestEntityTooLarge, "body too large")
		return
	}
	body, err := readBody(r.Body, h.maxBody)
	if errors.Is(err, errTooLarge) {
		h.refuse(w, r, http.StatusRequestEntityTooLarge, "body too large")
		return
	}
	if err != nil {
		h.refuse(w, r, http.StatusBadRequest, "unreadable body")
		return
	}
	ev, err := Decode(body)
	if err != nil {
		h.refuse(w, r, http.StatusBadRequest, err.Error())
		return
	}
	ctx := r.Context()
	fresh, err := h.dedup.Claim(ctx, ev.Meta.ID)
	if err != nil {
		h.logger.ErrorContext(ctx, "webhook: deduper failed", "error", err.Error(), "event", ev.Meta.ID)
		h.refuse(w, r, http.StatusServiceUnavailable, "try again")
		return
	}
	if !fresh {
		w.WriteHeader(http.StatusOK) // a duplicate: already handled
		return
	}
	if h.queue != nil {
		h.mu.RLock()
		accepted := false
		if !h.closed {
			select {
			case h.queue <- ev:
				accepted = true
			default:
			}
		}
		h.mu.RUnlock()
		if !accepted {
			_ = h.dedup.Release(context.WithoutCancel(ctx), ev.Meta.ID)
			w.Header().Set("Retry-After", "3")
			h.refuse(w, r, http.StatusServiceUnavailable, "busy: deliver again later")
			return
		}
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := h.dispatch(ctx, ev); err != nil {
		_ = h.dedup.Release(context.WithoutCancel(ctx), ev.Meta.ID)
		h.logger.ErrorContext(ctx, "webhook: handler failed", "error", err.Error(), "event", ev.Meta.ID,
			"entity", string(ev.Meta.Entity), "action", string(ev.Meta.Action))
		http.Error(w, "handler failed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// Dispatch runs the handlers registered for e, as ServeHTTP does after
// decoding a delivery (without de-duplication); for replaying events.
func (h *Handler) Dispatch(ctx context.Context, e *Event) error { return h.dispatch(ctx, e) }

func (h *Handler) dispatch(ctx context.Context, e *Event) error {
	var errs []error
	for _, rt := range h.routes {
		if (rt.entity == AnyEntity || rt.entity == e.Meta.Entity) && (rt.action == Any || rt.action == e.Meta.Action) {
			if err := rt.fn(ctx, e); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

func (h *Handler) work() {
	defer h.done.Done()
	for ev := range h.queue {
		ctx := context.Background()
		if err := h.dispatch(ctx, ev); err != nil {
			h.logger.ErrorContext(ctx, "webhook: handler failed", "error", err.Error(), "event", ev.Meta.ID,
				"entity", string(ev.Meta.Entity), "action", string(ev.Meta.Action))
		}
	}
}

// Shutdown stops accepting deliveries (they are answered 503, so Pipedrive
// retries them) and waits until every accepted event was handled, or ctx
// ends. Call it after http.Server.Shutdown. Without WithAsync it returns
// at once.
func (h *Handler) Shutdown(ctx context.Context) error {
	if h.queue == nil {
		return nil
	}
	h.mu.Lock()
	if !h.closed {
		h.closed = true
		close(h.queue)
	}
	h.mu.Unlock()
	done := make(chan struct{})
	go func() { h.done.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// authorized checks basic auth in constant time (comparing digests, so the
// lengths leak nothing either).
func (h *Handler) authorized(r *http.Request) bool {
	if h.noAuth {
		return true
	}
	user, pass, ok := r.BasicAuth()
	if !ok {
		return false
	}
	u, p := sha256.Sum256([]byte(user)), sha256.Sum256([]byte(pass))
	return subtle.ConstantTimeCompare(u[:], h.userSum[:])&subtle.ConstantTimeCompare(p[:], h.passSum[:]) == 1
}

func (h *Handler) refuse(w http.ResponseWriter, r *http.Request, status int, msg string) {
	h.logger.WarnContext(r.Context(), "webhook: delivery refused", "status", status, "reason", msg)
	http.Error(w, msg, status)
}

var errTooLarge = errors.New("body too large")

// readBody reads at most limit bytes, in one buffer.
func readBody(r io.Reader, limit int64) ([]byte, error) {
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if n > limit {
		return nil, errTooLarge
	}
	return buf.Bytes(), nil
}
