package pipedrive

// Benchmarks of the SDK against its floor: a baseline that does the same
// work with plain net/http and encoding/json — same loopback server, same
// transport settings as the SDK's default, same headers, and the same SDK
// struct types (with their UnmarshalJSON) as destination. Each scenario is a
// pair, BenchmarkX/side=sdk and BenchmarkX/side=baseline, so that
// `benchstat -col /side` compares them; scripts/bench.sh runs them all and
// prints the ratios against the targets.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/gopipedrive/pipedrive/internal/benchserver"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	benchPageSize = 500
	benchDealID   = 42
)

// newBenchClient returns an SDK client for srv with its default transport
// and retry policy and a limiter too generous to ever wait.
func newBenchClient(tb testing.TB, srv *benchserver.Server) *Client {
	tb.Helper()
	c, err := NewClient(testKey, WithGatewayURL(srv.URL), WithRateLimit(1e6, 1000))
	require.NoError(tb, err)
	return c
}

// closeIdle closes the idle connections of the SDK's default transport.
func closeIdle(c *Client) {
	if lt, ok := c.httpClient.Transport.(*limitedTransport); ok {
		if t, ok := lt.base.(*http.Transport); ok {
			t.CloseIdleConnections()
		}
	}
}

// baselineClient is the floor: what a careful programmer writes with
// net/http and encoding/json alone.
type baselineClient struct {
	hc                *http.Client
	base, auth, agent string
}

func newBaselineClient(srv *benchserver.Server) *baselineClient {
	return &baselineClient{
		hc:    &http.Client{Transport: defaultTransport(), Timeout: 2 * time.Minute},
		base:  srv.URL,
		auth:  "Bearer " + testKey,
		agent: defaultUserAgent(),
	}
}

func (bc *baselineClient) close() { bc.hc.CloseIdleConnections() }

// baselineEnvelope is Pipedrive's envelope with the SDK's own types inside.
type baselineEnvelope[T any] struct {
	Success        bool `json:"success"`
	Data           T    `json:"data"`
	AdditionalData *struct {
		Pagination *Pagination `json:"pagination"`
	} `json:"additional_data"`
	RelatedObjects *RelatedObjects `json:"related_objects"`
}

// get sends the same headers the SDK sends and decodes the body with
// json.NewDecoder, then drains it so the connection is reused.
func (bc *baselineClient) get(ctx context.Context, pathAndQuery string, env any) error {
	return bc.send(ctx, http.MethodGet, pathAndQuery, nil, env)
}

// send is get for any method; a non-nil body is encoded with json.Marshal.
func (bc *baselineClient) send(ctx context.Context, method, pathAndQuery string, body, env any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, bc.base+pathAndQuery, rd)
	if err != nil {
		return err
	}
	req.Header["Authorization"] = []string{bc.auth}
	req.Header["Accept"] = []string{"application/json"}
	req.Header["User-Agent"] = []string{bc.agent}
	if body != nil {
		req.Header["Content-Type"] = []string{"application/json"}
	}
	resp, err := bc.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusCreated {
		_, _ = io.Copy(io.Discard, resp.Body)
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(env); err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return nil
}

func (bc *baselineClient) getDeal(ctx context.Context, id int) (*Deal, error) {
	var env baselineEnvelope[*Deal]
	if err := bc.get(ctx, "/pipedrive/api/v1/deals/"+strconv.Itoa(id), &env); err != nil {
		return nil, err
	}
	if !env.Success || env.Data == nil {
		return nil, errors.New("no deal")
	}
	return env.Data, nil
}

// createDeal is Deals.Create: POST /deals with the same params, encoded by
// json.Marshal, and the answer decoded into a *Deal.
func (bc *baselineClient) createDeal(ctx context.Context, p *DealCreateParams) (*Deal, error) {
	var env baselineEnvelope[*Deal]
	if err := bc.send(ctx, http.MethodPost, "/pipedrive/api/v1/deals", p, &env); err != nil {
		return nil, err
	}
	if !env.Success || env.Data == nil {
		return nil, errors.New("no deal")
	}
	return env.Data, nil
}

// all walks GET /deals page by page, like Deals.All.
func (bc *baselineClient) all(ctx context.Context, yield func(*Deal) bool) error {
	start := 0
	for {
		q := "/pipedrive/api/v1/deals?limit=" + strconv.Itoa(benchPageSize)
		if start > 0 {
			q += "&start=" + strconv.Itoa(start)
		}
		var env baselineEnvelope[[]*Deal]
		if err := bc.get(ctx, q, &env); err != nil {
			return err
		}
		for _, d := range env.Data {
			if d != nil && !yield(d) {
				return nil
			}
		}
		if env.AdditionalData == nil || env.AdditionalData.Pagination == nil || !env.AdditionalData.Pagination.MoreItems || len(env.Data) == 0 {
			return nil
		}
		start = env.AdditionalData.Pagination.NextStart
	}
}

// cpuClock measures the process CPU time per op (cpu-ns/op): on a shared
// machine other processes stretch wall time far more than CPU time. The
// server runs in the process, so its CPU time is counted, for both sides.
type cpuClock struct{ start time.Duration }

func startCPU() cpuClock { return cpuClock{benchserver.CPUTime()} }

func (c cpuClock) report(b *testing.B) {
	if d := benchserver.CPUTime() - c.start; d > 0 && b.N > 0 {
		b.ReportMetric(float64(d.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkPerCall is one GET of a deal with a typed decode.
func BenchmarkPerCall(b *testing.B) {
	srv := benchserver.New(benchserver.Config{})
	defer srv.Close()
	ctx := context.Background()

	b.Run("side=sdk", func(b *testing.B) {
		c := newBenchClient(b, srv)
		defer closeIdle(c)
		if d, _, err := c.Deals.Get(ctx, benchDealID); err != nil || d.ID != benchDealID || len(d.CustomFields) == 0 {
			b.Fatalf("warm-up: %v %+v", err, d)
		}
		b.ReportAllocs()
		cpu := startCPU()
		for b.Loop() {
			if _, _, err := c.Deals.Get(ctx, benchDealID); err != nil {
				b.Fatal(err)
			}
		}
		cpu.report(b)
	})
	b.Run("side=baseline", func(b *testing.B) {
		bc := newBaselineClient(srv)
		defer bc.close()
		if d, err := bc.getDeal(ctx, benchDealID); err != nil || d.ID != benchDealID || len(d.CustomFields) == 0 {
			b.Fatalf("warm-up: %v %+v", err, d)
		}
		b.ReportAllocs()
		cpu := startCPU()
		for b.Loop() {
			if _, err := bc.getDeal(ctx, benchDealID); err != nil {
				b.Fatal(err)
			}
		}
		cpu.report(b)
	})
}

// benchCreateParams is a typical create: a title, a value, a currency,
// links and a custom field.
func benchCreateParams() *DealCreateParams {
	return &DealCreateParams{
		Title: "Bench deal", Value: Ptr(1250.5), Currency: "EUR", PersonID: 7, OrgID: 3,
		ExpectedCloseDate: "2026-12-31", CustomFields: map[string]any{"0123456789abcdef0123456789abcdef01234567": "Referral"},
	}
}

// BenchmarkCreate is one POST of a deal: encode, send, decode the answer.
func BenchmarkCreate(b *testing.B) {
	srv := benchserver.New(benchserver.Config{})
	defer srv.Close()
	ctx := context.Background()
	p := benchCreateParams()

	b.Run("side=sdk", func(b *testing.B) {
		c := newBenchClient(b, srv)
		defer closeIdle(c)
		if d, _, err := c.Deals.Create(ctx, p); err != nil || d.ID != benchDealID {
			b.Fatalf("warm-up: %v %+v", err, d)
		}
		b.ReportAllocs()
		cpu := startCPU()
		for b.Loop() {
			if _, _, err := c.Deals.Create(ctx, p); err != nil {
				b.Fatal(err)
			}
		}
		cpu.report(b)
	})
	b.Run("side=baseline", func(b *testing.B) {
		bc := newBaselineClient(srv)
		defer bc.close()
		if d, err := bc.createDeal(ctx, p); err != nil || d.ID != benchDealID {
			b.Fatalf("warm-up: %v %+v", err, d)
		}
		b.ReportAllocs()
		cpu := startCPU()
		for b.Loop() {
			if _, err := bc.createDeal(ctx, p); err != nil {
				b.Fatal(err)
			}
		}
		cpu.report(b)
	})
}

// onlyReader hides bytes.Reader's WriterTo, as a network body would.
type onlyReader struct{ r io.Reader }

func (o *onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

var okResponse = &http.Response{StatusCode: http.StatusOK}

// sdkDecodePage is the pipeline's decode of a list page.
func sdkDecodePage(body []byte) ([]*Deal, error) {
	var out []*Deal
	res := &Response{Response: okResponse}
	// The target List and All decode a page into (see listPage).
	if err := decodeEnvelope(body, pageTarget(&out), res); err != nil {
		return nil, err
	}
	if res.Pagination == nil || !res.Pagination.MoreItems || res.RelatedObjects == nil {
		return nil, errors.New("pagination or related objects missing")
	}
	return out, nil
}

// plainDeal is Deal without its UnmarshalJSON: custom fields are dropped.
type plainDeal Deal

// BenchmarkPageDecode decodes a page of 500 deals (about 1.5 MB) without
// any network:
//
//   - decode: the SDK's envelope decode against json.Unmarshal into the
//     same structs; page-held-MB and deal-held-kB report the heap a decoded
//     page, and a single deal kept from it, hold;
//   - read: reading the body from a reader first (readLimited sized from
//     Content-Length, then decode) against json.NewDecoder on the reader;
//   - read-chunked: the same without a Content-Length;
//   - custom-fields: the page decoded into Deal (custom fields captured)
//     against the same struct without UnmarshalJSON (custom fields
//     dropped): the whole cost of custom fields.
func BenchmarkPageDecode(b *testing.B) {
	body := benchserver.PageBody(benchPageSize)
	check := func(b *testing.B, n int, err error) {
		if err != nil || n != benchPageSize {
			b.Fatalf("decoded %d deals: %v", n, err)
		}
	}
	run := func(name string, f func() (int, error), extra ...func(*testing.B)) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			cpu := startCPU()
			for b.Loop() {
				n, err := f()
				check(b, n, err)
			}
			cpu.report(b)
			for _, x := range extra {
				x(b)
			}
		})
	}
	baselineUnmarshal := func() (int, error) {
		var env baselineEnvelope[[]*Deal]
		err := json.Unmarshal(body, &env)
		return len(env.Data), err
	}
	baselineDecoder := func() (int, error) {
		var env baselineEnvelope[[]*Deal]
		err := json.NewDecoder(&onlyReader{bytes.NewReader(body)}).Decode(&env)
		return len(env.Data), err
	}
	sdkRead := func(contentLength int64) func() (int, error) {
		return func() (int, error) {
			buf, err := readLimited(&onlyReader{bytes.NewReader(body)}, contentLength, DefaultMaxResponseBytes)
			if err != nil {
				return 0, err
			}
			out, err := sdkDecodePage(buf)
			return len(out), err
		}
	}

	// held reports what a decoded page, and one deal kept from it, hold.
	held := func(b *testing.B, decode func([]byte) ([]*Deal, error)) {
		page := heapHeldBy(func() any {
			out, err := decode(bytes.Clone(body))
			check(b, len(out), err)
			return out
		})
		one := heapHeldBy(func() any {
			out, err := decode(bytes.Clone(body))
			check(b, len(out), err)
			return out[0]
		})
		b.ReportMetric(float64(page)/1e6, "page-held-MB")
		b.ReportMetric(float64(one)/1e3, "deal-held-kB")
	}
	run("decode/side=sdk", func() (int, error) {
		out, err := sdkDecodePage(body)
		return len(out), err
	}, func(b *testing.B) { held(b, sdkDecodePage) })
	run("decode/side=baseline", baselineUnmarshal, func(b *testing.B) {
		held(b, func(body []byte) ([]*Deal, error) {
			var env baselineEnvelope[[]*Deal]
			err := json.Unmarshal(body, &env)
			return env.Data, err
		})
	})
	run("read/side=sdk", sdkRead(int64(len(body))))
	run("read/side=baseline", baselineDecoder)
	run("read-chunked/side=sdk", sdkRead(-1))
	run("read-chunked/side=baseline", baselineDecoder)
	run("custom-fields/side=sdk", baselineUnmarshal)
	run("custom-fields/side=baseline", func() (int, error) {
		var env baselineEnvelope[[]*plainDeal]
		err := json.Unmarshal(body, &env)
		return len(env.Data), err
	})
}

// heapSampler records the peak heap while it runs, from runtime/metrics
// (no stop-the-world), above the heap in use when it started.
type heapSampler struct {
	stop          chan struct{}
	done          chan struct{}
	baseObjects   uint64
	baseLive      uint64
	peakObjects   uint64 // heap objects, garbage not yet collected included
	peakLive      uint64 // live heap as marked by each GC
	startGCCycles uint64
}

var heapMetrics = []string{"/memory/classes/heap/objects:bytes", "/gc/heap/live:bytes", "/gc/cycles/total:gc-cycles"}

func readHeap(s []metrics.Sample) (objects, live, cycles uint64) {
	metrics.Read(s)
	return s[0].Value.Uint64(), s[1].Value.Uint64(), s[2].Value.Uint64()
}

func startHeapSampler() *heapSampler {
	s := make([]metrics.Sample, len(heapMetrics))
	for i, n := range heapMetrics {
		s[i].Name = n
	}
	runtime.GC()
	runtime.GC() // the second GC's mark gives the live heap before the run
	h := &heapSampler{stop: make(chan struct{}), done: make(chan struct{})}
	h.baseObjects, h.baseLive, h.startGCCycles = readHeap(s)
	go func() {
		defer close(h.done)
		t := time.NewTicker(200 * time.Microsecond)
		defer t.Stop()
		for {
			select {
			case <-h.stop:
				return
			case <-t.C:
			}
			obj, live, cycles := readHeap(s)
			h.peakObjects = max(h.peakObjects, obj)
			if cycles > h.startGCCycles {
				h.peakLive = max(h.peakLive, live)
			}
		}
	}()
	return h
}

// finish stops the sampler and returns the peaks above the starting heap.
func (h *heapSampler) finish() (objects, live uint64) {
	close(h.stop)
	<-h.done
	sub := func(a, b uint64) uint64 {
		if a < b {
			return 0
		}
		return a - b
	}
	return sub(h.peakObjects, h.baseObjects), sub(h.peakLive, h.baseLive)
}

var (
	pageHeapOnce sync.Once
	pageHeap     uint64
)

// heapHeldBy returns how much heap the value made by f keeps alive: the
// heap after a GC while the value is held, less the heap after a GC once it
// is dropped.
func heapHeldBy(f func() any) uint64 {
	var with, without runtime.MemStats
	func() {
		v := f()
		runtime.GC()
		runtime.ReadMemStats(&with)
		runtime.KeepAlive(v)
	}()
	runtime.GC()
	runtime.ReadMemStats(&without)
	if with.HeapAlloc < without.HeapAlloc {
		return 0
	}
	return with.HeapAlloc - without.HeapAlloc
}

// pageInFlightHeap is what one page costs while the client handles it: its
// body plus the deals decoded from it, held together. It is the unit of
// pages-of-heap. It does not depend on whether the deals keep the body
// alive (custom field values pointing into it) or not.
func pageInFlightHeap() uint64 {
	pageHeapOnce.Do(func() {
		body := benchserver.PageBody(benchPageSize)
		pageHeap = heapHeldBy(func() any {
			b := bytes.Clone(body) // a fresh body, as read from the network
			out, err := sdkDecodePage(b)
			if err != nil {
				panic(err)
			}
			return struct {
				body  []byte
				deals []*Deal
			}{b, out}
		})
	})
	return pageHeap
}

// BenchmarkStream iterates 100,000 deals (200 pages of 500) and reports the
// peak heap the iteration held above the heap before it: peak-live-MB (the
// live heap marked by the GCs during the run), peak-heap-MB (all heap
// objects, garbage awaiting the next GC included) and pages-of-heap
// (peak-live-MB over what one page costs in flight: its body and its
// decoded deals, see pageInFlightHeap). Both sides decode into the same
// structs, so the SDK's page unit is also the baseline's.
func BenchmarkStream(b *testing.B) {
	for _, total := range []int{100_000, 10_000} {
		srv := benchserver.New(benchserver.Config{PageSize: benchPageSize, Total: total})
		ctx := context.Background()
		page := float64(pageInFlightHeap())

		measure := func(b *testing.B, iterate func() (int, error)) {
			b.ReportAllocs()
			var objects, live uint64
			cpu := startCPU()
			for b.Loop() {
				h := startHeapSampler()
				n, err := iterate()
				o, l := h.finish()
				objects, live = max(objects, o), max(live, l)
				if err != nil || n != total {
					b.Fatalf("iterated %d deals of %d: %v", n, total, err)
				}
			}
			cpu.report(b)
			b.ReportMetric(float64(objects)/1e6, "peak-heap-MB")
			b.ReportMetric(float64(live)/1e6, "peak-live-MB")
			b.ReportMetric(float64(live)/page, "pages-of-heap")
		}
		sub := func(side string) string { return "deals=" + strconv.Itoa(total) + "/side=" + side }

		b.Run(sub("sdk"), func(b *testing.B) {
			c := newBenchClient(b, srv)
			defer closeIdle(c)
			opts := &DealListOptions{ListOptions: ListOptions{Limit: benchPageSize}}
			measure(b, func() (int, error) {
				n, sum := 0, 0
				for d, err := range c.Deals.All(ctx, opts) {
					if err != nil {
						return n, err
					}
					n++
					sum += d.ID + len(d.CustomFields)
				}
				return n, nil
			})
		})
		b.Run(sub("baseline"), func(b *testing.B) {
			bc := newBaselineClient(srv)
			defer bc.close()
			measure(b, func() (int, error) {
				n, sum := 0, 0
				err := bc.all(ctx, func(d *Deal) bool {
					n++
					sum += d.ID + len(d.CustomFields)
					return true
				})
				return n, err
			})
		})
		srv.Close()
	}
}

const connReuseCalls = 1000

// BenchmarkConnReuse makes 1,000 sequential calls per op with a fresh
// client and reports the TCP connections they opened (tcp-conns/op).
func BenchmarkConnReuse(b *testing.B) {
	srv := benchserver.New(benchserver.Config{})
	defer srv.Close()
	ctx := context.Background()
	measure := func(b *testing.B, op func() error) {
		b.ReportAllocs()
		before, ops := srv.NewConns(), 0
		cpu := startCPU()
		for b.Loop() {
			if err := op(); err != nil {
				b.Fatal(err)
			}
			ops++
		}
		cpu.report(b)
		b.ReportMetric(float64(srv.NewConns()-before)/float64(ops), "tcp-conns/op")
	}
	b.Run("side=sdk", func(b *testing.B) {
		measure(b, func() error {
			c := newBenchClient(b, srv)
			defer closeIdle(c)
			for range connReuseCalls {
				if _, _, err := c.Deals.Get(ctx, benchDealID); err != nil {
					return err
				}
			}
			return nil
		})
	})
	b.Run("side=baseline", func(b *testing.B) {
		measure(b, func() error {
			bc := newBaselineClient(srv)
			defer bc.close()
			for range connReuseCalls {
				if _, err := bc.getDeal(ctx, benchDealID); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

// TestConnReuse: 1,000 sequential calls with one client open at most two
// TCP connections, with or without Content-Length, and for error answers.
func TestConnReuse(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  benchserver.Config
		call func(ctx context.Context, c *Client) error
	}{
		{"get", benchserver.Config{}, func(ctx context.Context, c *Client) error {
			_, _, err := c.Deals.Get(ctx, benchDealID)
			return err
		}},
		{"get without Content-Length", benchserver.Config{NoContentLength: true}, func(ctx context.Context, c *Client) error {
			_, _, err := c.Deals.Get(ctx, benchDealID)
			return err
		}},
		{"404 answers", benchserver.Config{}, func(ctx context.Context, c *Client) error {
			_, err := c.Do(ctx, http.MethodGet, "/api/v1/currencies", nil, nil, nil)
			if !errors.Is(err, ErrNotFound) {
				return fmt.Errorf("want ErrNotFound, got %v", err)
			}
			return nil
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := benchserver.New(tc.cfg)
			defer srv.Close()
			c := newBenchClient(t, srv)
			defer closeIdle(c)
			for i := range connReuseCalls {
				require.NoError(t, tc.call(context.Background(), c), "call %d", i)
			}
			assert.EqualValues(t, connReuseCalls, srv.Requests())
			assert.LessOrEqual(t, srv.NewConns(), int64(2), "TCP connections opened by %d sequential calls", connReuseCalls)
		})
	}
}

// TestBenchServerPages checks the benchmark's fixtures: a page decodes into
// 500 deals with their custom fields, the SDK and the baseline see the
// same deals, and the list ends at its total.
func TestBenchServerPages(t *testing.T) {
	body := benchserver.PageBody(benchPageSize)
	out, err := sdkDecodePage(body)
	require.NoError(t, err)
	require.Len(t, out, benchPageSize)
	var env baselineEnvelope[[]*Deal]
	require.NoError(t, json.Unmarshal(body, &env))
	assert.Equal(t, out, env.Data)
	d := out[6]
	assert.Equal(t, 7, d.ID)
	assert.Equal(t, 9007, d.UserID.ID)
	assert.Equal(t, 507, d.PersonID.ID)
	assert.Equal(t, 707, d.OrgID.ID)
	assert.Len(t, d.CustomFields, 14) // ten fields: two monetary with _currency, an address with two sub-keys
	assert.Equal(t, "USD", d.CustomFields.String("d4de1c1518b4531717c676029a45911c340390a6_currency"))

	srv := benchserver.New(benchserver.Config{PageSize: 50, Total: 120})
	defer srv.Close()
	c := newBenchClient(t, srv)
	defer closeIdle(c)
	n := 0
	for d, err := range c.Deals.All(context.Background(), &DealListOptions{ListOptions: ListOptions{Limit: 50}}) {
		require.NoError(t, err)
		require.NotEmpty(t, d.CustomFields)
		n++
	}
	assert.Equal(t, 150, n, "three pages of 50: the third reaches the total")
	bc := newBaselineClient(srv)
	defer bc.close()
	m := 0
	require.NoError(t, bc.all(context.Background(), func(*Deal) bool { m++; return true }))
	assert.Equal(t, n, m)
}
