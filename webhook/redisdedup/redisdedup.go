// Package redisdedup is a webhook.Deduper whose memory lives in Redis, so
// that several processes receiving Pipedrive's webhooks behind a load
// balancer hand each event to the code once between them:
//
//	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
//	h, err := webhook.New(webhook.WithBasicAuth(user, password),
//		webhook.WithDeduper(redisdedup.New(rdb, "pipedrive:webhooks:")))
//
// A claim is a SET NX with a time to live: Pipedrive retries a delivery at
// most 150 seconds after the previous attempt (about 3 minutes in all),
// so the default of 24 hours leaves a wide margin, and the keys expire on
// their own.
package redisdedup

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/gopipedrive/pipedrive/webhook"
)

// DefaultTTL is how long a claimed event id is remembered.
const DefaultTTL = 24 * time.Hour

// Deduper implements webhook.Deduper in Redis. It is safe for concurrent
// use by many goroutines and processes.
type Deduper struct {
	rdb    redis.UniversalClient
	prefix string
	ttl    time.Duration
}

var _ webhook.Deduper = (*Deduper)(nil)

// Option configures a Deduper.
type Option func(*Deduper)

// WithTTL sets how long a claimed id is remembered (default DefaultTTL).
func WithTTL(d time.Duration) Option {
	return func(x *Deduper) {
		if d > 0 {
			x.ttl = d
		}
	}
}

// New returns a Deduper that keeps its claims under keys prefix+eventID.
func New(rdb redis.UniversalClient, prefix string, opts ...Option) *Deduper {
	d := &Deduper{rdb: rdb, prefix: prefix, ttl: DefaultTTL}
	for _, o := range opts {
		o(d)
	}
	return d
}

// Claim implements webhook.Deduper: true for the first claim of id.
func (d *Deduper) Claim(ctx context.Context, id string) (bool, error) {
	ok, err := d.rdb.SetNX(ctx, d.prefix+id, 1, d.ttl).Result()
	if err != nil {
		return false, fmt.Errorf("redisdedup: claiming an event: %w", err)
	}
	return ok, nil
}

// Release implements webhook.Deduper: it forgets a claim whose handling
// failed, so that Pipedrive's retry is handled.
func (d *Deduper) Release(ctx context.Context, id string) error {
	if err := d.rdb.Del(ctx, d.prefix+id).Err(); err != nil {
		return fmt.Errorf("redisdedup: releasing an event: %w", err)
	}
	return nil
}
