package pipedrive

import (
	"time"

	"golang.org/x/time/rate"
)

// The gateway's limit and the default limiter.
//
// Maton allows 10 requests per second per account and rejects (429) a
// request that arrives when 10 others arrived in the rolling second before
// it. A token bucket of 10/s with a burst of 10 overruns that rule: a full
// burst, then the refill, puts up to 19 requests in one rolling second. So
// the default limiter is golang.org/x/time/rate with a burst of 1, spaced so
// that any 11 consecutive requests are more than a second apart:
// one request every DefaultInterval (102.5 ms: 10 per 1.025 s). The 25 ms
// margin covers requests that take longer than others to reach the gateway
// after the limiter let them go (a new connection to dial, a goroutine
// scheduled late); it costs 2.4% of the throughput. It is the model of
// ratelimit/redislimit, which shares the same budget across processes.
//
// A waiter that wakes up late does not push the next slots back: slots are
// reserved in call order on the limiter's own schedule. The client waits
// before every attempt, retries included, and a request's slot counts from
// when Wait returns; measured on loopback, the time from there to the
// request being written stays well inside the margin, so counting from the
// write (as the hand-written sliding-window limiter of v0.1 could) bought
// nothing measurable and was removed.
const (
	// DefaultRateLimit is the gateway's limit: 10 requests per second per
	// Maton account.
	DefaultRateLimit = 10
	// DefaultBurst is the default limiter's burst: 1, so that no rolling
	// second sees more than DefaultRateLimit requests.
	DefaultBurst = 1
	// DefaultRateMargin is added to the second the gateway counts in.
	DefaultRateMargin = 25 * time.Millisecond
	// DefaultInterval is the default limiter's spacing between two
	// requests: (1 s + DefaultRateMargin) / DefaultRateLimit = 102.5 ms.
	DefaultInterval = (time.Second + DefaultRateMargin) / DefaultRateLimit
)

// NewDefaultLimiter returns the limiter a Client uses unless WithRateLimit
// or WithLimiter says otherwise: an x/time/rate limiter of one request per
// DefaultInterval with a burst of 1. Pass the same one to several clients
// of one Maton account (WithLimiter) so that together they stay within the
// account's limit.
func NewDefaultLimiter() *rate.Limiter {
	return rate.NewLimiter(rate.Every(DefaultInterval), DefaultBurst)
}
