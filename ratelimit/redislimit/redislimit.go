// Package redislimit is a rate limiter for the pipedrive client whose
// budget lives in Redis, so that every process using one Maton API key
// shares the gateway's limit of 10 requests per second per account:
//
//	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
//	client, err := pipedrive.NewClient(key,
//		pipedrive.WithLimiter(redislimit.New(rdb, "maton:"+accountID)))
//
// It uses the generic cell rate algorithm (GCRA) of
// github.com/go-redis/redis_rate, which keeps one timestamp per key and
// decides atomically in Redis, on Redis's clock, so processes on different
// machines agree.
//
// The defaults fit a gateway that rejects a request when more than 10
// requests arrived in the rolling second ending at it. A GCRA limiter with
// a burst b > 1 has the double-burst problem of a token bucket: after b
// requests at once it keeps granting one per interval, so a rolling window
// sees b-1 requests more than the rate. So the burst is 1, and the interval
// is stretched by a safety margin: one request every 102.5 ms (10 per
// 1.025 s). With a burst of exactly 1, though, a waiter that wakes up a
// little after its slot pushes every later slot back by as much, which
// costs throughput when many processes poll; so a request may go up to a
// small tolerance (5 ms) before its slot. Any 11 consecutive requests are
// then at least 10 intervals minus the tolerance apart: 1.020 s, which
// leaves 20 ms for requests that take longer than others to reach the
// gateway.
package redislimit

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
)

// Defaults of New: 10 requests per second, with a burst of 1, a margin of
// 25 ms and a tolerance of 5 ms: Maton's per-account limit read as
// strictly as possible.
const (
	DefaultRate   = 10
	DefaultPeriod = time.Second
	DefaultBurst  = 1
	// DefaultMargin is added to the period: 10 per 1.025 s. Over any 10
	// intervals it leaves, with DefaultTolerance, 20 ms for requests that
	// take longer than others to reach the gateway after Wait returns (a
	// process's first request dials a new connection, Redis's answer and
	// the request travel). It costs 2.4% of the throughput.
	DefaultMargin = 25 * time.Millisecond
	// DefaultTolerance is how early a request may go before its slot, so
	// that a waiter that wakes up late does not push back every later
	// slot.
	DefaultTolerance = 5 * time.Millisecond
)

// units is what one request costs in the GCRA limit given to redis_rate:
// a fine grain, so that the tolerance can be a fraction of a request.
const units = 1000

// Limiter paces requests against a budget kept in Redis under one key.
// It implements pipedrive.Limiter and is safe for concurrent use by many
// goroutines and processes.
type Limiter struct {
	rl     *redis_rate.Limiter
	key    string
	limit  redis_rate.Limit // as configured, the margin in the period
	scaled redis_rate.Limit // in units, with the tolerance in the burst
}

// Option configures a Limiter.
type Option func(*config)

type config struct {
	rate, burst               int
	period, margin, tolerance time.Duration
}

// WithRate allows n requests per period (default 10 per second).
func WithRate(n int, period time.Duration) Option {
	return func(c *config) { c.rate, c.period = n, period }
}

// WithBurst lets up to b requests go at once (default 1). Any b > 1
// lets a rolling period see up to b-1 requests more than the rate.
func WithBurst(b int) Option {
	return func(c *config) { c.burst = b }
}

// WithMargin sets the safety margin added to the period (default
// DefaultMargin; 0 for none).
func WithMargin(d time.Duration) Option {
	return func(c *config) { c.margin = d }
}

// WithTolerance sets how early a request may go before its slot (default
// DefaultTolerance; 0 for none). It must be shorter than one interval,
// (period+margin)/rate. With a burst of 1, any rate+1 consecutive requests
// are at least period+margin-tolerance apart.
func WithTolerance(d time.Duration) Option {
	return func(c *config) { c.tolerance = d }
}

// New returns a limiter that keeps its budget in rdb under key (stored as
// "rate:" + key). Every process that shares one Maton API key should use
// the same key, for example "maton:" followed by the account's id, and the
// same options. New makes no network call. It panics if rdb is nil, key is
// empty or an option is out of range (a rate, period or burst below 1, a
// negative margin, a tolerance outside [0, one interval)).
func New(rdb redis.UniversalClient, key string, opts ...Option) *Limiter {
	if rdb == nil {
		panic("redislimit: New: nil Redis client")
	}
	if key == "" {
		panic("redislimit: New: empty key")
	}
	c := config{rate: DefaultRate, period: DefaultPeriod, burst: DefaultBurst, margin: DefaultMargin, tolerance: DefaultTolerance}
	for _, opt := range opts {
		opt(&c)
	}
	switch {
	case c.rate < 1:
		panic(fmt.Sprintf("redislimit: New: rate %d is below 1", c.rate))
	case c.period <= 0:
		panic(fmt.Sprintf("redislimit: New: period %s is not positive", c.period))
	case c.burst < 1:
		panic(fmt.Sprintf("redislimit: New: burst %d is below 1", c.burst))
	case c.margin < 0:
		panic(fmt.Sprintf("redislimit: New: margin %s is negative", c.margin))
	case c.rate > math.MaxInt32/units || c.burst > math.MaxInt32/units:
		panic(fmt.Sprintf("redislimit: New: rate %d or burst %d is too large", c.rate, c.burst))
	}
	period := c.period + c.margin
	interval := period / time.Duration(c.rate)
	if c.tolerance < 0 || c.tolerance >= interval {
		panic(fmt.Sprintf("redislimit: New: tolerance %s is outside [0, %s)", c.tolerance, interval))
	}
	// In units, one interval is units long: the tolerance, rounded down.
	tol := int(int64(c.tolerance) * units / int64(interval))
	return &Limiter{
		rl:     redis_rate.NewLimiter(rdb),
		key:    key,
		limit:  redis_rate.Limit{Rate: c.rate, Burst: c.burst, Period: period},
		scaled: redis_rate.Limit{Rate: c.rate * units, Burst: c.burst*units + tol, Period: period},
	}
}

// Limit returns the limit the limiter applies: Rate requests per Period
// (the margin included), with Burst.
func (l *Limiter) Limit() redis_rate.Limit { return l.limit }

// Key returns the limiter's key.
func (l *Limiter) Key() string { return l.key }

// Wait blocks until Redis grants one request: it asks, and when refused
// sleeps for as long as Redis says and asks again. It returns ctx.Err() at
// once when ctx is done, an error wrapping context.DeadlineExceeded at
// once when the next chance would come after ctx's deadline, and Redis's
// error (wrapped) when Redis cannot be reached: without Redis no request
// goes (the client then fails the call without retrying it).
func (l *Limiter) Wait(ctx context.Context) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		res, err := l.rl.AllowN(ctx, l.key, l.scaled, units)
		if err != nil {
			if ctxErr := ctx.Err(); ctxErr != nil {
				return ctxErr
			}
			return fmt.Errorf("redislimit: key %q: %w", l.key, err)
		}
		if res.Allowed > 0 {
			return nil
		}
		wait := res.RetryAfter
		if wait <= 0 {
			wait = time.Millisecond
		}
		if dl, ok := ctx.Deadline(); ok && !time.Now().Add(wait).Before(dl) {
			return fmt.Errorf("redislimit: key %q: waiting %s would pass the context deadline: %w",
				l.key, wait.Round(time.Millisecond), context.DeadlineExceeded)
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		}
	}
}

// Reset forgets the key's history, so that the next request is granted at
// once.
func (l *Limiter) Reset(ctx context.Context) error {
	if err := l.rl.Reset(ctx, l.key); err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("redislimit: key %q: %w", l.key, err)
	}
	return nil
}
