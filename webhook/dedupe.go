package webhook

import (
	"container/list"
	"context"
	"sync"
)

// Deduper makes at-least-once delivery safe: Pipedrive retries a delivery
// it thinks failed (same meta.id, attempt 2 to 4), and a network hiccup
// can deliver one twice. The Handler claims each event id before running
// the handlers, and releases the claim when they fail so that a retry runs
// them again.
type Deduper interface {
	// Claim reports whether id is new (true: handle it now) or was
	// claimed before (false: a duplicate).
	Claim(ctx context.Context, id string) (bool, error)
	// Release forgets a claim whose handling failed.
	Release(ctx context.Context, id string) error
}

// DefaultDedupeSize is how many event ids the default deduper remembers:
// far more than Pipedrive's retries span (the last retry comes about 3
// minutes after the first attempt) at any plausible event rate.
const DefaultDedupeSize = 100_000

// MemoryDeduper remembers the last n claimed ids in memory, forgetting the
// oldest first. It suits one process; several processes behind a load
// balancer need a shared one (see the redisdedup module).
type MemoryDeduper struct {
	mu    sync.Mutex
	n     int
	order *list.List // of string, oldest first
	ids   map[string]*list.Element
}

// NewMemoryDeduper returns a deduper remembering at most n ids (n < 1
// means DefaultDedupeSize).
func NewMemoryDeduper(n int) *MemoryDeduper {
	if n < 1 {
		n = DefaultDedupeSize
	}
	return &MemoryDeduper{n: n, order: list.New(), ids: map[string]*list.Element{}}
}

// Claim implements Deduper.
func (d *MemoryDeduper) Claim(_ context.Context, id string) (bool, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, seen := d.ids[id]; seen {
		return false, nil
	}
	d.ids[id] = d.order.PushBack(id)
	for d.order.Len() > d.n {
		oldest := d.order.Front()
		d.order.Remove(oldest)
		delete(d.ids, oldest.Value.(string))
	}
	return true, nil
}

// Release implements Deduper.
func (d *MemoryDeduper) Release(_ context.Context, id string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if e, ok := d.ids[id]; ok {
		d.order.Remove(e)
		delete(d.ids, id)
	}
	return nil
}
