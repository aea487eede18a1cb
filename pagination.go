package pipedrive

import (
	"context"
	"iter"
)

// MaxLimit is the largest page size Pipedrive accepts.
const MaxLimit = 500

// ListOptions pages through an API v1 list by offset.
type ListOptions struct {
	// Start is the offset of the first item (0 = the beginning).
	Start int `url:"start,omitempty"`
	// Limit is the page size: 0 means the server default (100), 1..500 is
	// sent, anything else is refused before any call.
	Limit int `url:"limit,omitempty"`
}

func (o ListOptions) validate() error {
	if o.Start < 0 {
		return invalid("start", "%d is negative", o.Start)
	}
	return checkLimit(o.Limit)
}

func checkLimit(limit int) error {
	if limit < 0 || limit > MaxLimit {
		return invalid("limit", "%d is outside 0..%d", limit, MaxLimit)
	}
	return nil
}

// checkID refuses ids that cannot exist.
func checkID(field string, id int) error {
	if id <= 0 {
		return invalid(field, "%d is not a valid id (ids are positive)", id)
	}
	return nil
}

// offsetPages iterates an API v1 offset-paginated list lazily, one page per
// fetch, from start. It yields an error once and stops, and stops fetching
// as soon as the caller breaks out.
func offsetPages[T any](ctx context.Context, start int, fetch func(ctx context.Context, start int) ([]T, *Response, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for {
			items, resp, err := fetch(ctx, start)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			p := (*Pagination)(nil)
			if resp != nil {
				p = resp.Pagination
			}
			if p == nil || !p.MoreItems || len(items) == 0 {
				return
			}
			next := p.NextStart
			if next <= start {
				next = start + len(items)
			}
			start = next
		}
	}
}

// cursorPages iterates a cursor-paginated list (API v2, v1 /collection)
// lazily until the server's next_cursor is null.
func cursorPages[T any](ctx context.Context, cursor string, fetch func(ctx context.Context, cursor string) ([]T, *Response, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		seen := map[string]bool{}
		for {
			items, resp, err := fetch(ctx, cursor)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if resp == nil || resp.NextCursor == "" || seen[resp.NextCursor] {
				return
			}
			cursor = resp.NextCursor
			seen[cursor] = true
		}
	}
}
