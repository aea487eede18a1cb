package pipedrive

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"slices"
	"strconv"
)

// This file holds the generic request helpers the API v1 and v2 services
// share, and small types shared by the v1 deals, persons and organizations
// services. The helpers are resource-agnostic: any service whose endpoints
// answer the usual envelope can use them. replacement, on a retired v1
// endpoint, names the v2 method that replaces it (see v1Replacement); it
// is "" elsewhere.

// doOne sends r and decodes the envelope's data, an object, into a new T.
// A "data": null answer is an invalid response, never a nil result.
func doOne[T any](ctx context.Context, c *Client, r *request) (*T, *Response, error) {
	var out *T
	resp, err := c.do(ctx, r, &out)
	if err != nil {
		return nil, resp, err
	}
	if out == nil {
		return nil, resp, fmt.Errorf("pipedrive: %s %s: %w: \"data\" is null", r.method, r.path, ErrInvalidResponse)
	}
	return out, resp, nil
}

// v1Get GETs one entity: GET path.
func v1Get[T any](ctx context.Context, c *Client, path, replacement string) (*T, *Response, error) {
	return doOne[T](ctx, c, &request{method: http.MethodGet, path: path, replacement: replacement})
}

// v1Create POSTs body to path and decodes the created entity.
func v1Create[T any](ctx context.Context, c *Client, path string, body any, replacement string) (*T, *Response, error) {
	return doOne[T](ctx, c, &request{method: http.MethodPost, path: path, body: body, replacement: replacement})
}

// v1Update PUTs body to path and decodes the updated entity.
func v1Update[T any](ctx context.Context, c *Client, path string, body any, replacement string) (*T, *Response, error) {
	return doOne[T](ctx, c, &request{method: http.MethodPut, path: path, body: body, replacement: replacement})
}

// listPage GETs one page of a list: data is an array. Pipedrive answers
// "data": null for an empty page, which gives a nil slice; null elements are
// dropped.
func listPage[T any](ctx context.Context, c *Client, path string, query any, replacement string) ([]*T, *Response, error) {
	var out []*T
	resp, err := c.do(ctx, &request{method: http.MethodGet, path: path, query: query, replacement: replacement}, pageTarget(&out))
	if err != nil {
		return nil, resp, err
	}
	return slices.DeleteFunc(out, func(v *T) bool { return v == nil }), resp, nil
}

// searchPage GETs one page of a search endpoint, whose data is
// {"items":[{"result_score":..,"item":{..}}]}, and returns the items.
func searchPage[T any](ctx context.Context, c *Client, path string, query any, replacement string) ([]*T, *Response, error) {
	var out *struct {
		Items []*T `json:"items"`
	}
	resp, err := c.do(ctx, &request{method: http.MethodGet, path: path, query: query, replacement: replacement}, &out)
	if err != nil || out == nil {
		return nil, resp, err
	}
	return slices.DeleteFunc(out.Items, func(v *T) bool { return v == nil }), resp, nil
}

// deleteOne DELETEs one entity; Pipedrive answers {"data":{"id":N}}.
func deleteOne(ctx context.Context, c *Client, path, replacement string) (*Response, error) {
	var out struct {
		ID FlexInt `json:"id"`
	}
	return c.do(ctx, &request{method: http.MethodDelete, path: path, replacement: replacement}, &out)
}

// queryOf turns validated options into a request query: nil for none.
func queryOf[T any](q *T) any {
	if q == nil {
		return nil
	}
	return q
}

// allPages iterates a paginated list lazily. It copies *opts (the caller's
// value is never modified; nil means the zero options), starts at the
// copy's position and calls page with a fresh copy whose position points
// at each next page. at returns the address of the position inside an
// options value: the start offset for pages = offsetPages (API v1), the
// cursor for pages = cursorPages (API v2).
func allPages[O, T, P any](ctx context.Context, pages func(context.Context, P, func(context.Context, P) ([]T, *Response, error)) iter.Seq2[T, error],
	opts *O, at func(*O) *P, page func(context.Context, *O) ([]T, *Response, error)) iter.Seq2[T, error] {
	var base O
	if opts != nil {
		base = *opts
	}
	return pages(ctx, *at(&base), func(ctx context.Context, pos P) ([]T, *Response, error) {
		o := base
		*at(&o) = pos
		return page(ctx, &o)
	})
}

// v1Replacement names the API v2 method that replaces a retired v1
// operation of a service: v1Replacement("Deals", "Get") is
// "Client.V2.Deals.Get".
func v1Replacement(service, method string) string {
	return "Client.V2." + service + "." + method
}

// v1IDPath is the path of one entity: v1IDPath("deals", 42) is
// "/pipedrive/api/v1/deals/42".
func v1IDPath(resource string, id int) string {
	return v1Path(resource, strconv.Itoa(id))
}

// Picture is the picture of a person or an organization (their picture_id
// in API v1 responses).
type Picture struct {
	// ID is the picture's id (Pipedrive sends it as "id" or "value").
	ID            int         `json:"id"`
	ItemType      string      `json:"item_type,omitempty"`
	ItemID        int         `json:"item_id,omitempty"`
	ActiveFlag    FlexBool    `json:"active_flag,omitempty"`
	AddTime       Time        `json:"add_time"`
	UpdateTime    Time        `json:"update_time"`
	AddedByUserID int         `json:"added_by_user_id,omitempty"`
	Pictures      PictureURLs `json:"pictures"`
}

// PictureURLs are the URLs of a picture's sizes.
type PictureURLs struct {
	// Size128 is the URL of the 128×128 picture.
	Size128 string `json:"128,omitempty"`
	// Size512 is the URL of the 512×512 picture.
	Size512 string `json:"512,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler. It also takes a plain id.
func (p *Picture) UnmarshalJSON(data []byte) error {
	id, isObj, err := refID(data)
	if err != nil || !isObj {
		*p = Picture{ID: id}
		return err
	}
	type plain Picture
	var w struct {
		plain
		ID    FlexInt `json:"id"`
		Value FlexInt `json:"value"`
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	*p = Picture(w.plain)
	p.ID = int(w.ID)
	if p.ID == 0 {
		p.ID = int(w.Value)
	}
	return nil
}

// MarshalJSON implements json.Marshaler: the object with "value" set, as
// API v1 writes it.
func (p Picture) MarshalJSON() ([]byte, error) {
	type plain Picture
	return json.Marshal(struct {
		plain
		Value int `json:"value"`
	}{plain(p), p.ID})
}

// ActivityCounts are the activity and email statistics API v1 returns on
// deals, persons and organizations.
type ActivityCounts struct {
	ActivitiesCount       int `json:"activities_count"`
	DoneActivitiesCount   int `json:"done_activities_count"`
	UndoneActivitiesCount int `json:"undone_activities_count"`
	EmailMessagesCount    int `json:"email_messages_count"`
	FilesCount            int `json:"files_count"`
	NotesCount            int `json:"notes_count"`
	FollowersCount        int `json:"followers_count"`
}

// NextLastActivity is the next and last activity summary of a deal, person
// or organization.
type NextLastActivity struct {
	NextActivityID   int    `json:"next_activity_id"`
	NextActivityDate Date   `json:"next_activity_date"`
	NextActivityTime string `json:"next_activity_time"`
	LastActivityID   int    `json:"last_activity_id"`
	LastActivityDate Date   `json:"last_activity_date"`
	// LastIncomingMailTime and LastOutgoingMailTime are when the last email
	// arrived and left.
	LastIncomingMailTime Time `json:"last_incoming_mail_time"`
	LastOutgoingMailTime Time `json:"last_outgoing_mail_time"`
}

// DealCounts are the deal statistics of a person or an organization.
type DealCounts struct {
	OpenDealsCount          int `json:"open_deals_count"`
	RelatedOpenDealsCount   int `json:"related_open_deals_count"`
	ClosedDealsCount        int `json:"closed_deals_count"`
	RelatedClosedDealsCount int `json:"related_closed_deals_count"`
	WonDealsCount           int `json:"won_deals_count"`
	RelatedWonDealsCount    int `json:"related_won_deals_count"`
	LostDealsCount          int `json:"lost_deals_count"`
	RelatedLostDealsCount   int `json:"related_lost_deals_count"`
}

// Helpers for resources declared in a few lines: one call each, so that a
// new resource's file holds its types, validation and one-line methods.

// v1Patch PATCHes body to path and decodes the updated entity.
func v1Patch[T any](ctx context.Context, c *Client, path string, body any) (*T, *Response, error) {
	return doOne[T](ctx, c, &request{method: http.MethodPatch, path: path, body: body})
}

// deletePath DELETEs path; the answer's data (the deleted id, of any
// type) is not decoded.
func deletePath(ctx context.Context, c *Client, path string) (*Response, error) {
	return c.do(ctx, &request{method: http.MethodDelete, path: path}, nil)
}

// validated runs check before call: bad input never reaches the network.
func validated[T any](check error, call func() (T, *Response, error)) (T, *Response, error) {
	if check != nil {
		var zero T
		return zero, nil, check
	}
	return call()
}

// v2SubList GETs one page of a v2 list under an entity, such as
// /deals/{id}/followers: check (the path's parameters) first, then the
// page options, then the request.
func v2SubList[T any](ctx context.Context, c *Client, check error, path string, opts *V2ListOptions) ([]*T, *Response, error) {
	if check == nil && opts != nil {
		check = opts.validate()
	}
	return validated(check, func() ([]*T, *Response, error) {
		return listPage[T](ctx, c, path, queryOf(opts), "")
	})
}

// v2SubAll iterates every page of a v2 list paged by V2ListOptions.
func v2SubAll[T any](ctx context.Context, opts *V2ListOptions, page func(context.Context, *V2ListOptions) ([]*T, *Response, error)) iter.Seq2[*T, error] {
	return allPages(ctx, cursorPages, opts, func(o *V2ListOptions) *string { return &o.Cursor }, page)
}
