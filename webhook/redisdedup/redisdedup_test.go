package redisdedup

import (
	"context"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// redisClient connects to the redis-server at $REDIS_ADDR (run-tests.sh
// starts one). Without it the test fails on CI and skips elsewhere.
func redisClient(t *testing.T) *redis.Client {
	t.Helper()
	addr := os.Getenv("REDIS_ADDR")
	if addr == "" {
		const how = "REDIS_ADDR is not set: run webhook/redisdedup/run-tests.sh, or start a redis-server and set REDIS_ADDR=127.0.0.1:6379"
		if os.Getenv("CI") == "true" {
			t.Fatal(how)
		}
		t.Skip(how)
	}
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	t.Cleanup(func() { _ = rdb.Close() })
	if err := rdb.Ping(context.Background()).Err(); err != nil {
		t.Fatalf("redis-server at REDIS_ADDR=%s: %v", addr, err)
	}
	return rdb
}

// TestSharedAcrossProcesses: two dedupers on one Redis (two processes)
// claim each id once between them, from many goroutines; a released id can
// be claimed again; claims expire.
func TestSharedAcrossProcesses(t *testing.T) {
	rdb := redisClient(t)
	ctx := context.Background()
	prefix := fmt.Sprintf("test:%d:", time.Now().UnixNano())
	a, b := New(rdb, prefix), New(redis.NewClient(rdb.Options()), prefix)
	var won atomic.Int32
	var wg sync.WaitGroup
	for i := range 32 {
		d := a
		if i%2 == 1 {
			d = b
		}
		wg.Go(func() {
			for e := range 10 {
				ok, err := d.Claim(ctx, fmt.Sprintf("event-%d", e))
				if err != nil {
					t.Error(err)
				}
				if ok {
					won.Add(1)
				}
			}
		})
	}
	wg.Wait()
	if won.Load() != 10 {
		t.Fatalf("%d claims won, want 10 (one per event)", won.Load())
	}
	if err := a.Release(ctx, "event-3"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := b.Claim(ctx, "event-3"); !ok {
		t.Fatal("a released id is claimable again")
	}
	short := New(rdb, prefix, WithTTL(50*time.Millisecond))
	if ok, _ := short.Claim(ctx, "short"); !ok {
		t.Fatal("first claim")
	}
	ttl, err := rdb.PTTL(ctx, prefix+"short").Result()
	if err != nil || ttl <= 0 || ttl > 50*time.Millisecond {
		t.Fatalf("claims expire: PTTL %v, %v", ttl, err)
	}
}

func TestRedisDown(t *testing.T) {
	d := New(redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1}), "x:")
	if _, err := d.Claim(context.Background(), "e"); err == nil {
		t.Fatal("an unreachable Redis is an error (the Handler answers 503, Pipedrive retries)")
	}
}
