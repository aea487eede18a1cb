package pipedrive

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
)

// This file caches FieldSchema states per client, connection and entity,
// with one load in flight at a time.

// schemaCell holds one cached schema: its current state and the load in
// flight, which concurrent callers share.
type schemaCell struct {
	state  atomic.Pointer[schemaState]
	mu     sync.Mutex
	flight *schemaFlight
	// stale is set by a field write through the client: the next
	// Client.FieldSchema loads the fields again (holders keep the state
	// they have until then).
	stale atomic.Bool
}

type schemaFlight struct {
	done chan struct{}
	err  error
}

// get returns the cached state, loading it when there is none (or always,
// with force). Callers arriving during a load wait for it; when the load
// failed because its caller's context ended, a waiter whose context is
// still alive loads again.
func (c *schemaCell) get(ctx context.Context, load func(context.Context) (*schemaState, error), force bool) (*schemaState, error) {
	for {
		if st := c.state.Load(); st != nil && !force {
			return st, nil
		}
		c.mu.Lock()
		if st := c.state.Load(); st != nil && !force {
			c.mu.Unlock()
			return st, nil
		}
		fl := c.flight
		leader := fl == nil
		if leader {
			fl = &schemaFlight{done: make(chan struct{})}
			c.flight = fl
		}
		c.mu.Unlock()

		if leader {
			st, err := load(ctx)
			c.mu.Lock()
			if err == nil {
				c.state.Store(st)
			}
			fl.err = err
			c.flight = nil
			c.mu.Unlock()
			close(fl.done)
			return st, err
		}
		select {
		case <-fl.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if fl.err == nil {
			return c.state.Load(), nil
		}
		if (errors.Is(fl.err, context.Canceled) || errors.Is(fl.err, context.DeadlineExceeded)) && ctx.Err() == nil {
			continue
		}
		return nil, fl.err
	}
}

// schemaCache holds a client's schemas by connection and entity.
type schemaCache struct {
	mu    sync.Mutex
	cells map[schemaCacheKey]*schemaCell
}

type schemaCacheKey struct {
	connection string
	entity     FieldEntity
}

func (sc *schemaCache) cell(connection string, entity FieldEntity) *schemaCell {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	k := schemaCacheKey{connection, entity}
	c := sc.cells[k]
	if c == nil {
		if sc.cells == nil {
			sc.cells = map[schemaCacheKey]*schemaCell{}
		}
		c = &schemaCell{}
		sc.cells[k] = c
	}
	return c
}

func (c *Client) schemaCache() *schemaCache { return c.fieldSchemas }

// forget marks the cached schemas of an entity (every connection's)
// stale: the next Client.FieldSchema loads the fields again, and every
// holder of the schema sees the new fields from then on. Field writes
// through the client call it, so that a schema does not outlive a field
// the client created, renamed or deleted.
func (sc *schemaCache) forget(entity FieldEntity) {
	if sc == nil {
		return
	}
	sc.mu.Lock()
	defer sc.mu.Unlock()
	for k, c := range sc.cells {
		if k.entity == entity {
			c.stale.Store(true)
		}
	}
}
