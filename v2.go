package pipedrive

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"slices"
	"strconv"
)

// V2Services groups the services of Pipedrive's API v2, reached as
// client.V2.Deals, client.V2.Persons and so on. API v2 replaced the v1
// deal, person, organization, activity, pipeline and stage endpoints, which
// have been out of support since 2026-08-01.
//
// Compared with v1, v2 entities carry plain integer references (owner_id,
// person_id, org_id), real booleans, RFC 3339 times, visible_to as an
// integer and their custom fields in a "custom_fields" object (see
// V2CustomFields); lists page by cursor (Response.NextCursor), updates are
// PATCH requests that send only the fields set (see Field), and there are
// no related_objects.
type V2Services struct {
	// Deals: list, get, create, update, delete, search, archived deals.
	Deals *V2DealsService
	// Persons: list, get, create, update, delete, search.
	Persons *V2PersonsService
	// Organizations: list, get, create, update, delete, search.
	Organizations *V2OrganizationsService
	// Activities: list, get, create, update, delete.
	Activities *V2ActivitiesService
	// Pipelines: list, get, create, update, delete.
	Pipelines *V2PipelinesService
	// Stages: list, get, create, update, delete.
	Stages *V2StagesService
	// ItemSearch searches deals, persons, organizations, products, leads,
	// files, mail attachments and projects at once.
	ItemSearch *V2ItemSearchService
	// Fields lists and gets deal, person, organization and activity
	// fields.
	Fields *V2FieldsService
}

func (c *Client) initV2(s *service) {
	c.V2 = &V2Services{
		Deals:         (*V2DealsService)(s),
		Persons:       (*V2PersonsService)(s),
		Organizations: (*V2OrganizationsService)(s),
		Activities:    (*V2ActivitiesService)(s),
		Pipelines:     (*V2PipelinesService)(s),
		Stages:        (*V2StagesService)(s),
		ItemSearch:    (*V2ItemSearchService)(s),
		Fields:        (*V2FieldsService)(s),
	}
}

// v2IDPath is the path of one v2 entity: v2IDPath("deals", 42) is
// "/pipedrive/api/v2/deals/42".
func v2IDPath(resource string, id int) string {
	return v2Path(resource, strconv.Itoa(id))
}

// v2One sends r and decodes the envelope's data, an object, into a new T.
// A "data": null answer is an invalid response, never a nil result.
func v2One[T any](ctx context.Context, c *Client, r *request) (*T, *Response, error) {
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

// v2List GETs one page of a list whose data is an array; "data": null
// gives an empty page and null elements are dropped.
func v2List[T any](ctx context.Context, c *Client, path string, query any) ([]*T, *Response, error) {
	var out []*T
	resp, err := c.do(ctx, &request{method: http.MethodGet, path: path, query: query}, &out)
	if err != nil {
		return nil, resp, err
	}
	return slices.DeleteFunc(out, func(v *T) bool { return v == nil }), resp, nil
}

// v2Search GETs one page of a search whose data is {"items": [...]}.
func v2Search[T any](ctx context.Context, c *Client, path string, query any) ([]*T, *Response, error) {
	var out *struct {
		Items []*T `json:"items"`
	}
	resp, err := c.do(ctx, &request{method: http.MethodGet, path: path, query: query}, &out)
	if err != nil || out == nil {
		return nil, resp, err
	}
	return slices.DeleteFunc(out.Items, func(v *T) bool { return v == nil }), resp, nil
}

// v2Delete DELETEs one entity; Pipedrive answers {"data":{"id":N}}.
func v2Delete(ctx context.Context, c *Client, path string) (*Response, error) {
	var out struct {
		ID int `json:"id"`
	}
	return c.do(ctx, &request{method: http.MethodDelete, path: path}, &out)
}

// v2All iterates a cursor-paginated list lazily. It copies *opts (the
// caller's value is never modified; nil means the zero options), starts at
// the copy's cursor and calls page with a fresh copy pointing at each next
// cursor. cursor returns the address of the cursor inside an options value.
func v2All[O, T any](ctx context.Context, opts *O, cursor func(*O) *string, page func(context.Context, *O) ([]T, *Response, error)) iter.Seq2[T, error] {
	var base O
	if opts != nil {
		base = *opts
	}
	return cursorPages(ctx, *cursor(&base), func(ctx context.Context, c string) ([]T, *Response, error) {
		o := base
		*cursor(&o) = c
		return page(ctx, &o)
	})
}

// v2Query turns validated options into a request query: nil for none.
func v2Query[T any](q *T) any {
	if q == nil {
		return nil
	}
	return q
}

// v2NilParams is the error for nil create or update parameters.
func v2NilParams() error { return invalid("params", "nil") }
