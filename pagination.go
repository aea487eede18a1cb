package pipedrive

import (
	"context"
	"errors"
	"fmt"
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

// ErrPaginationStalled reports a server whose pagination does not move
// forward: it repeats a next_start or next_cursor, moves backwards, or says
// more items follow while answering an empty page. An All, SearchAll or
// ArchivedAll iterator yields it (wrapped, with the position) after the
// items it already yielded, and stops: it never loops forever and never
// stops silently. Match it with errors.Is.
var ErrPaginationStalled = errors.New("pipedrive: pagination stalled")

// stalled is the error an iterator yields when the server's pagination does
// not move forward.
func stalled(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrPaginationStalled}, args...)...)
}

// offsetPages iterates an API v1 offset-paginated list lazily, one page per
// fetch, from start. Each range starts again at start, so the sequence can
// be ranged many times, from several goroutines at once. It yields an error
// once and stops, and stops fetching as soon as the caller breaks out. A
// server whose next_start does not move past the current start, or that
// says more items follow with an empty page, ends the iteration with
// ErrPaginationStalled.
func offsetPages[T any](ctx context.Context, start int, fetch func(ctx context.Context, start int) ([]T, *Response, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		for pos := start; ; {
			items, resp, err := fetch(ctx, pos)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			var p *Pagination
			if resp != nil {
				p = resp.Pagination
			}
			switch {
			case p == nil || !p.MoreItems:
				return
			case len(items) == 0:
				yield(zero, stalled("more_items_in_collection is true but the page at start=%d is empty", pos))
				return
			case p.NextStart <= pos:
				yield(zero, stalled("next_start %d does not move past start %d", p.NextStart, pos))
				return
			}
			pos = p.NextStart
		}
	}
}

// cursorPages iterates a cursor-paginated list (API v2, v1 /collection)
// lazily until the server's next_cursor is null. Like offsetPages, each
// range starts again at cursor; a cursor the server already gave in this
// range, or an empty page with a next cursor, ends the iteration with
// ErrPaginationStalled.
func cursorPages[T any](ctx context.Context, cursor string, fetch func(ctx context.Context, cursor string) ([]T, *Response, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		seen := map[string]bool{}
		if cursor != "" {
			seen[cursor] = true
		}
		for pos := cursor; ; {
			items, resp, err := fetch(ctx, pos)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if resp == nil || resp.NextCursor == "" {
				return
			}
			next := resp.NextCursor
			switch {
			case len(items) == 0:
				yield(zero, stalled("next_cursor is set but the page is empty"))
				return
			case seen[next]:
				yield(zero, stalled("the server repeated an earlier next_cursor (after %d pages)", len(seen)))
				return
			}
			seen[next] = true
			pos = next
		}
	}
}
