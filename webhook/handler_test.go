package webhook

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testUser, testPass = "pd-user", "s3cret-pass-for-tests"

func dealChange(t testing.TB) []byte {
	b, err := os.ReadFile("testdata/deal_change.json")
	require.NoError(t, err)
	return b
}

// withID returns the delivery body with another meta.id.
func withID(body []byte, id string) []byte {
	return []byte(strings.Replace(string(body), `"id":"9a3f0f5e-6c1d-4e22-9c3b-5f1d2e8a7b10"`, `"id":"`+id+`"`, 1))
}

func post(h http.Handler, body []byte, mod ...func(*http.Request)) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "/pipedrive", strings.NewReader(string(body)))
	r.Header.Set("Content-Type", "application/json")
	r.SetBasicAuth(testUser, testPass)
	for _, m := range mod {
		m(r)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestDecodeDealChange(t *testing.T) {
	ev, err := Decode(dealChange(t))
	require.NoError(t, err)
	assert.Equal(t, Change, ev.Meta.Action)
	assert.Equal(t, Deal, ev.Meta.Entity)
	assert.Equal(t, "42", ev.Meta.EntityID)
	assert.Equal(t, 42, ev.Meta.EntityIntID())
	assert.Equal(t, 7001, ev.Meta.CompanyID)
	assert.Equal(t, 12, ev.Meta.UserID)
	assert.Equal(t, 88, ev.Meta.WebhookID)
	assert.Equal(t, 1, ev.Meta.Attempt)
	assert.Equal(t, []int{12, 13}, ev.Meta.PermittedUserIDs)
	assert.Equal(t, time.Date(2026, 12, 5, 10, 15, 30, 123e6, time.UTC), ev.Meta.Timestamp)
	d, err := ev.Deal()
	require.NoError(t, err)
	assert.Equal(t, "Acme website relaunch", d.Title)
	assert.Equal(t, 2, d.StageID)
	assert.Len(t, ev.CustomFields(), 2)
	prev := ev.PreviousFields()
	assert.JSONEq(t, "1", string(prev["stage_id"]))
	_, err = ev.Person()
	assert.ErrorIs(t, err, ErrNoEntity)
}

func TestDecodeRefuses(t *testing.T) {
	for name, body := range map[string]string{
		"v1 payload":      `{"v":1,"matches_filters":{"current":[]},"meta":{"v":1,"action":"updated","object":"deal","id":42,"version":"1.0"},"current":{"id":42},"previous":{},"event":"updated.deal"}`,
		"v1 no meta":      `{"current":{"id":1},"previous":null,"event":"added.deal"}`,
		"not an object":   `[1,2]`,
		"no meta":         `{"data":{}}`,
		"meta without id": `{"meta":{"action":"create","entity":"deal"},"data":{}}`,
		"truncated":       `{"meta":{"id":"x","action":"create","entity":"deal"},"data":{"id":1`,
	} {
		_, err := Decode([]byte(body))
		assert.Error(t, err, name)
	}
	_, err := Decode([]byte(`{"current":{"id":1},"event":"added.deal"}`))
	assert.ErrorIs(t, err, ErrV1Payload)
	// An unknown entity is kept.
	ev, err := Decode([]byte(`{"meta":{"id":"e1","action":"create","entity":"deal_installment","entity_id":"5"},"data":{"id":5},"previous":null}`))
	require.NoError(t, err)
	assert.Equal(t, Entity("deal_installment"), ev.Meta.Entity)
	assert.Nil(t, ev.Previous)
}

func newTestHandler(t testing.TB, opts ...Option) (*Handler, *atomic.Int32) {
	h, err := New(append([]Option{WithBasicAuth(testUser, testPass)}, opts...)...)
	require.NoError(t, err)
	var calls atomic.Int32
	h.On(AnyEntity, Any, func(context.Context, *Event) error { calls.Add(1); return nil })
	return h, &calls
}

// TestHandlerBadInput: each bad delivery gets its status and never reaches
// the handlers.
func TestHandlerBadInput(t *testing.T) {
	body := dealChange(t)
	for _, tc := range []struct {
		name   string
		method string
		body   []byte
		mod    func(*http.Request)
		status int
	}{
		{"no auth", "", body, func(r *http.Request) { r.Header.Del("Authorization") }, 401},
		{"wrong password", "", body, func(r *http.Request) { r.SetBasicAuth(testUser, "nope") }, 401},
		{"wrong user", "", body, func(r *http.Request) { r.SetBasicAuth("someone", testPass) }, 401},
		{"GET", http.MethodGet, nil, nil, 405},
		{"wrong content type", "", body, func(r *http.Request) { r.Header.Set("Content-Type", "text/plain") }, 415},
		{"oversized", "", []byte(`{"meta":` + strings.Repeat(" ", DefaultMaxBodyBytes) + `{}}`), nil, 413},
		{"oversized, length unknown", "", []byte(`{"meta":` + strings.Repeat(" ", DefaultMaxBodyBytes) + `{}}`), func(r *http.Request) { r.ContentLength = -1 }, 413},
		{"truncated", "", body[:len(body)/2], nil, 400},
		{"v1 payload", "", []byte(`{"current":{"id":1},"previous":null,"event":"added.deal","meta":{"version":"1.0","action":"added","object":"deal","id":1}}`), nil, 400},
		{"not JSON", "", []byte(`hello`), nil, 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, calls := newTestHandler(t)
			var w *httptest.ResponseRecorder
			if tc.method == http.MethodGet {
				r := httptest.NewRequest(http.MethodGet, "/", nil)
				r.SetBasicAuth(testUser, testPass)
				w = httptest.NewRecorder()
				h.ServeHTTP(w, r)
			} else {
				w = post(h, tc.body, func(r *http.Request) {
					if tc.mod != nil {
						tc.mod(r)
					}
				})
			}
			assert.Equal(t, tc.status, w.Code, w.Body.String())
			assert.Zero(t, calls.Load(), "handler not called")
			if tc.status == 401 {
				assert.NotEmpty(t, w.Header().Get("WWW-Authenticate"))
			}
		})
	}
}

func TestHandlerUnknownEntityAndDuplicates(t *testing.T) {
	h, calls := newTestHandler(t)
	var deals atomic.Int32
	h.OnDeal(Change, func(_ context.Context, e *Event) error {
		_, err := e.Deal()
		deals.Add(1)
		return err
	})
	assert.Equal(t, 200, post(h, dealChange(t)).Code)
	assert.Equal(t, 200, post(h, dealChange(t)).Code, "a duplicate is acknowledged")
	retry := strings.Replace(string(dealChange(t)), `"attempt":1`, `"attempt":2`, 1)
	assert.Equal(t, 200, post(h, []byte(retry)).Code, "a retried attempt is acknowledged")
	assert.Equal(t, int32(1), calls.Load(), "handled once")
	assert.Equal(t, int32(1), deals.Load())

	unknown := `{"meta":{"id":"u1","action":"create","entity":"project_board","entity_id":"5"},"data":{"id":5,"name":"x"},"previous":null}`
	assert.Equal(t, 200, post(h, []byte(unknown)).Code)
	assert.Equal(t, int32(2), calls.Load(), "the catch-all handler sees unknown entities")
	assert.Equal(t, int32(1), deals.Load())
}

func TestHandlerErrorLetsPipedriveRetry(t *testing.T) {
	h, err := New(WithBasicAuth(testUser, testPass))
	require.NoError(t, err)
	var n atomic.Int32
	h.OnDeal(Any, func(context.Context, *Event) error {
		if n.Add(1) == 1 {
			return fmt.Errorf("database down")
		}
		return nil
	})
	assert.Equal(t, 500, post(h, dealChange(t)).Code)
	assert.Equal(t, 200, post(h, dealChange(t)).Code, "the retry runs the handler again")
	assert.Equal(t, 200, post(h, dealChange(t)).Code)
	assert.Equal(t, int32(2), n.Load())
}

// TestAsyncBackPressureAndShutdown: with WithAsync, deliveries are
// acknowledged at once; a full queue answers 503 (nothing lost: Pipedrive
// retries, and the id is released); Shutdown handles every accepted event.
func TestAsyncBackPressureAndShutdown(t *testing.T) {
	release := make(chan struct{})
	h, err := New(WithBasicAuth(testUser, testPass), WithAsync(1, 2))
	require.NoError(t, err)
	var mu sync.Mutex
	var handled []string
	h.On(AnyEntity, Any, func(_ context.Context, e *Event) error {
		<-release
		mu.Lock()
		handled = append(handled, e.Meta.ID)
		mu.Unlock()
		return nil
	})
	body := dealChange(t)
	accepted := 0
	var refused []string
	for i := range 6 {
		id := fmt.Sprintf("ev-%d", i)
		w := post(h, withID(body, id))
		switch w.Code {
		case 200:
			accepted++
		case 503:
			refused = append(refused, id)
			assert.NotEmpty(t, w.Header().Get("Retry-After"))
		default:
			t.Fatalf("status %d", w.Code)
		}
	}
	assert.GreaterOrEqual(t, accepted, 2)
	assert.LessOrEqual(t, accepted, 3, "one in the worker, two queued")
	assert.NotEmpty(t, refused)
	close(release)
	require.NoError(t, h.Shutdown(context.Background()))
	assert.Len(t, handled, accepted, "every accepted event handled")
	assert.Equal(t, 503, post(h, withID(body, "late")).Code, "after Shutdown")
	// A refused delivery was released: its retry is handled.
	h2, calls := newTestHandler(t)
	assert.Equal(t, 200, post(h2, withID(body, refused[0])).Code)
	assert.Equal(t, int32(1), calls.Load())
}

func TestNewNeedsAuthChoice(t *testing.T) {
	_, err := New()
	assert.Error(t, err)
	_, err = New(WithBasicAuth("u", "p"), WithoutAuth())
	assert.Error(t, err)
	h, err := New(WithoutAuth())
	require.NoError(t, err)
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(string(dealChange(t))))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	assert.Equal(t, 200, w.Code)
}

func TestCredentials(t *testing.T) {
	a, b := NewCredentials(), NewCredentials()
	assert.NotEqual(t, a, b)
	assert.GreaterOrEqual(t, len(a.Password), 40)
	assert.NotContains(t, a.User+a.Password, ":")
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		assert.NotContains(t, fmt.Sprintf(verb, a), a.Password, verb)
	}
}

func TestMemoryDeduperBounded(t *testing.T) {
	d := NewMemoryDeduper(3)
	ctx := context.Background()
	for _, id := range []string{"a", "b", "c", "d"} {
		fresh, err := d.Claim(ctx, id)
		require.NoError(t, err)
		assert.True(t, fresh)
	}
	fresh, _ := d.Claim(ctx, "a")
	assert.True(t, fresh, "the oldest was forgotten")
	fresh, _ = d.Claim(ctx, "d")
	assert.False(t, fresh)
	assert.LessOrEqual(t, d.order.Len(), 3)
}

// FuzzDecode: Decode never panics, and what it accepts has an id, an
// action and an entity.
func FuzzDecode(f *testing.F) {
	f.Add(dealChange(f))
	f.Add([]byte(`{"meta":{"id":1,"action":"delete","entity":"person","entity_id":3,"timestamp":1733390000000},"data":null,"previous":{"name":"x"}}`))
	f.Add([]byte(`{"current":{},"event":"x"}`))
	f.Add([]byte(`{"meta":{"id":"x","action":"create","entity":"deal","attempt":"2","company_id":1.5}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		ev, err := Decode(b)
		if err != nil {
			return
		}
		if ev.Meta.ID == "" || ev.Meta.Action == "" || ev.Meta.Entity == "" {
			t.Fatalf("accepted an event without id, action or entity: %s", b)
		}
		_, _ = ev.Deal()
		_ = ev.CustomFields()
		_ = ev.PreviousFields()
	})
}

// BenchmarkHandler compares the Handler (auth, cap, decode, dedupe,
// dispatch) with a plain net/http handler that only decodes the JSON, for
// a typical deal-change delivery over loopback.
func BenchmarkHandler(b *testing.B) {
	body := dealChange(b)
	plain := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var v map[string]any
		if err := json.NewDecoder(r.Body).Decode(&v); err != nil {
			http.Error(w, "bad", 400)
			return
		}
		w.WriteHeader(200)
	})
	h, _ := newTestHandler(b, WithDeduper(noDedupe{}))
	for _, tc := range []struct {
		name string
		h    http.Handler
	}{{"plain net/http + encoding/json", plain}, {"webhook.Handler", h}} {
		b.Run(tc.name, func(b *testing.B) {
			srv := httptest.NewServer(tc.h)
			defer srv.Close()
			c := srv.Client()
			b.ReportAllocs()
			for b.Loop() {
				req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(string(body)))
				req.Header.Set("Content-Type", "application/json")
				req.SetBasicAuth(testUser, testPass)
				resp, err := c.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					b.Fatal(resp.Status)
				}
			}
		})
	}
}

// noDedupe lets a benchmark send the same delivery again and again.
type noDedupe struct{}

func (noDedupe) Claim(context.Context, string) (bool, error) { return true, nil }
func (noDedupe) Release(context.Context, string) error       { return nil }
