package pipedrive

import (
	"context"
	"fmt"
	"math"
	"sync"
	"time"
)

// DefaultWindowMargin is the safety margin NewWindowLimiter adds to its
// window: n+1 consecutive acquisitions are at least window+margin apart.
//
// The gateway counts requests when they reach it, not when Wait returns.
// If the n-th request before this one spent longer between Wait and the
// gateway (a new connection to dial, goroutine scheduling, the network),
// the gateway sees the two closer together than the limiter let them go,
// and the margin must cover that difference. Measured on loopback with 16
// goroutines (2 CPUs): at most 6 ms without the race detector, up to
// 22 ms with it while another test dialled its own connections at the
// same time (a cold pool: every request of the first burst dials);
// measured from the moment the request was written (see WaitSent) instead
// of from Wait, at most 4.5 ms. 25 ms covers the worst and costs 2.4% of
// the throughput of a 1 s window: 10 per second become 9.76. On a machine
// so loaded that timers run tens of milliseconds late, no margin is
// enough: requests let go a second apart can still reach the gateway
// together.
const DefaultWindowMargin = 25 * time.Millisecond

// WindowLimiter lets at most n acquisitions happen in any sliding window:
// every n+1 consecutive acquisitions are at least window+margin apart.
// That fits a gateway that rejects a request when more than n requests
// arrived in the rolling window ending at it, which a token bucket does not:
// a bucket of rate n/window and burst n lets nearly 2n through in one
// rolling window (a full burst, then the refill).
//
// It keeps the times of the last n acquisitions in a ring. Each caller
// reserves, in call order, the earliest time at which the oldest of the
// last n reservations is more than window+margin old, sleeps until then,
// and checks the rule again against the times the last n callers actually
// went (a caller that woke up late pushes the next ones back). Callers go
// in the order they called Wait (FIFO) unless such a late wake-up
// reorders callers due at the same instant. A caller that can tell when
// its request was actually written uses WaitSent instead of Wait.
//
// A WindowLimiter is safe for concurrent use and satisfies Limiter. Its
// zero value is not usable: create one with NewWindowLimiter or
// NewWindowLimiterMargin.
type WindowLimiter struct {
	n      int
	window time.Duration
	margin time.Duration
	span   time.Duration // window + margin

	mu sync.Mutex
	// planned holds the times handed to the last n reservations (some may
	// be in the future), oldest at next. A zero time is a free slot.
	planned []time.Time
	next    int
	last    time.Time // the latest reservation: reservations never go back
	seq     uint64    // reservations made, for taking back the last one
	// went holds the times the last n callers went (returned from Wait, or
	// later reported the request sent), oldest at wentNext; wentSeq tells
	// which acquisition each entry belongs to.
	went      []time.Time
	wentSeq   []uint64
	wentNext  int
	wentCount uint64
}

// NewWindowLimiter returns a limiter that lets at most n acquisitions
// happen in any window (for Maton's gateway: NewWindowLimiter(10,
// time.Second)). Its safety margin is DefaultWindowMargin, or a twentieth
// of the window when that is smaller. It panics if n < 1 or window <= 0.
func NewWindowLimiter(n int, window time.Duration) *WindowLimiter {
	return NewWindowLimiterMargin(n, window, min(DefaultWindowMargin, window/20))
}

// NewWindowLimiterMargin is NewWindowLimiter with an explicit safety
// margin (0 for none). It panics if n < 1, window <= 0 or margin < 0.
func NewWindowLimiterMargin(n int, window, margin time.Duration) *WindowLimiter {
	switch {
	case n < 1:
		panic(fmt.Sprintf("pipedrive: NewWindowLimiter: n is %d, must be at least 1", n))
	case window <= 0:
		panic(fmt.Sprintf("pipedrive: NewWindowLimiter: window is %s, must be positive", window))
	case margin < 0:
		panic(fmt.Sprintf("pipedrive: NewWindowLimiter: margin is %s, must not be negative", margin))
	}
	span := window + margin
	if span < window { // overflow
		span = math.MaxInt64
	}
	return &WindowLimiter{
		n:       n,
		window:  window,
		margin:  margin,
		span:    span,
		planned: make([]time.Time, n),
		went:    make([]time.Time, n),
		wentSeq: make([]uint64, n),
	}
}

// newRateWindowLimiter is the window limiter equivalent to a token bucket
// of rps per second and the given burst: at most burst acquisitions in any
// burst/rps seconds. rps must be above 0 and burst at least 1.
func newRateWindowLimiter(rps float64, burst int) *WindowLimiter {
	w := float64(burst) / rps * float64(time.Second)
	window := time.Duration(math.MaxInt64)
	if w < float64(math.MaxInt64) {
		window = max(time.Duration(w), 1)
	}
	return NewWindowLimiter(burst, window)
}

// Limit returns the number of acquisitions allowed in any window, and the
// window (without the margin).
func (l *WindowLimiter) Limit() (n int, window time.Duration) { return l.n, l.window }

// Margin returns the safety margin added to the window.
func (l *WindowLimiter) Margin() time.Duration { return l.margin }

// Wait blocks until one more acquisition fits in the window, then records
// it. It returns ctx.Err() at once when ctx is done before or during the
// wait, and an error wrapping context.DeadlineExceeded at once, without
// waiting or using up a slot, when the wait would end at or after ctx's
// deadline.
func (l *WindowLimiter) Wait(ctx context.Context) error {
	_, err := l.acquire(ctx)
	return err
}

// WaitSent is Wait for a caller that can tell when its request actually
// left, for example from httptrace.ClientTrace.WroteRequest: it calls sent
// then, and the window of this acquisition counts from that moment rather
// than from the return of WaitSent. Time spent dialling a new connection or
// waiting for the CPU then no longer brings two requests closer together at
// the gateway than the limiter let them go. Calling sent is optional;
// calling it more than once, or after n later acquisitions, is harmless.
// sent is nil when err is not.
func (l *WindowLimiter) WaitSent(ctx context.Context) (sent func(), err error) {
	t, err := l.acquire(ctx)
	if err != nil {
		return nil, err
	}
	return func() { l.sent(t) }, nil
}

// windowTicket identifies one acquisition in the two rings.
type windowTicket struct {
	wentSlot    int
	wentSeq     uint64
	plannedSlot int
	plannedAt   time.Time // what planned[plannedSlot] holds while it is ours
}

// sent moves the time of acquisition t to now, in both rings, where the
// entries are still t's.
func (l *WindowLimiter) sent(t windowTicket) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	if l.wentSeq[t.wentSlot] == t.wentSeq && now.After(l.went[t.wentSlot]) {
		l.went[t.wentSlot] = now
	}
	if !t.plannedAt.IsZero() && l.planned[t.plannedSlot].Equal(t.plannedAt) && now.After(t.plannedAt) {
		l.planned[t.plannedSlot] = now
	}
}

// acquire is Wait, returning the ticket of the acquisition.
func (l *WindowLimiter) acquire(ctx context.Context) (windowTicket, error) {
	if err := ctx.Err(); err != nil {
		return windowTicket{}, err
	}

	// Reserve, in call order, the earliest time that keeps n+1 consecutive
	// reservations window+margin apart.
	l.mu.Lock()
	now := time.Now()
	at := laterOf(now, l.last)
	if oldest := l.planned[l.next]; !oldest.IsZero() {
		at = laterOf(at, oldest.Add(l.span))
	}
	if err := limiterDeadline(ctx, now, at); err != nil {
		l.mu.Unlock()
		return windowTicket{}, err
	}
	r := windowReservation{slot: l.next, at: at, prev: l.planned[l.next], prevLast: l.last}
	l.planned[r.slot] = at
	l.next = (r.slot + 1) % l.n
	l.last = at
	l.seq++
	r.seq = l.seq
	l.mu.Unlock()

	wait := at.Sub(now)
	for {
		if err := limiterSleep(ctx, wait); err != nil {
			l.cancel(r)
			return windowTicket{}, err
		}
		l.mu.Lock()
		now := time.Now()
		oldest := l.went[l.wentNext]
		if oldest.IsZero() || now.Sub(oldest) >= l.span {
			l.wentCount++
			t := windowTicket{wentSlot: l.wentNext, wentSeq: l.wentCount, plannedSlot: r.slot}
			l.went[l.wentNext] = now
			l.wentSeq[l.wentNext] = l.wentCount
			l.wentNext = (l.wentNext + 1) % l.n
			if l.planned[r.slot].Equal(r.at) {
				// The reservation n places later is not made yet: base it
				// on when this caller really went.
				l.planned[r.slot] = now
				t.plannedAt = now
			}
			l.mu.Unlock()
			return t, nil
		}
		// The n-th caller before this one went later than planned (it woke
		// up late, or reported its request sent late): wait for its window
		// to pass too.
		due := oldest.Add(l.span)
		l.mu.Unlock()
		if err := limiterDeadline(ctx, now, due); err != nil {
			return windowTicket{}, err
		}
		wait = due.Sub(now)
	}
}

// windowReservation is a slot of the ring handed to one caller of Wait.
type windowReservation struct {
	slot     int
	at       time.Time // when the caller may go
	prev     time.Time // what the slot held before
	prevLast time.Time // WindowLimiter.last before
	seq      uint64
}

// cancel takes back the reservation of a caller that gave up, when no
// later reservation was made; otherwise its slot stays used, which only
// makes the limiter more cautious.
func (l *WindowLimiter) cancel(r windowReservation) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.seq == r.seq {
		l.planned[r.slot] = r.prev
		l.next = r.slot
		l.last = r.prevLast
		l.seq--
	}
}

// limiterDeadline returns an error wrapping context.DeadlineExceeded when a
// wait from now until at would not end before ctx's deadline.
func limiterDeadline(ctx context.Context, now, at time.Time) error {
	if !at.After(now) {
		return nil
	}
	if dl, ok := ctx.Deadline(); ok && !at.Before(dl) {
		return fmt.Errorf("pipedrive: waiting %s for the rate limiter would pass the context deadline: %w",
			at.Sub(now).Round(time.Millisecond), context.DeadlineExceeded)
	}
	return nil
}

// limiterSleep waits for d or until ctx is done, whichever comes first.
func limiterSleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func laterOf(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
