package pipedrive

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// ConnectionsService manages Maton's OAuth connections to Pipedrive (the
// control plane, https://ctrl.maton.ai). Its calls send the API key but
// never the Maton-Connection header.
type ConnectionsService service

// Connection statuses.
const (
	ConnectionActive  = "ACTIVE"
	ConnectionPending = "PENDING"
	ConnectionFailed  = "FAILED"
)

// Connection is a Maton connection to one app account.
type Connection struct {
	// ID is the value to pass to WithConnection or ContextWithConnection.
	ID string `json:"connection_id"`
	// Status is ACTIVE, PENDING (authorize it by opening URL) or FAILED.
	Status          string    `json:"status"`
	CreationTime    time.Time `json:"creation_time"`
	LastUpdatedTime time.Time `json:"last_updated_time"`
	// URL is where a person authorizes a PENDING connection in a browser.
	URL      string         `json:"url"`
	App      string         `json:"app"`
	Method   string         `json:"method,omitempty"`
	Metadata map[string]any `json:"metadata,omitempty"`
}

// ConnectionListOptions filters Connections.List.
type ConnectionListOptions struct {
	// App filters by app, e.g. "pipedrive".
	App string `url:"app,omitempty"`
	// Status filters by ACTIVE, PENDING or FAILED.
	Status string `url:"status,omitempty"`
}

func (o *ConnectionListOptions) validate() error {
	switch o.Status {
	case "", ConnectionActive, ConnectionPending, ConnectionFailed:
		return nil
	}
	return invalid("status", "%q is not one of ACTIVE, PENDING, FAILED", o.Status)
}

// List returns the account's connections, optionally filtered.
// Maton: GET /connections?app=&status=.
func (s *ConnectionsService) List(ctx context.Context, opts *ConnectionListOptions) ([]*Connection, *Response, error) {
	var q any
	if opts != nil {
		if err := opts.validate(); err != nil {
			return nil, nil, err
		}
		q = opts
	}
	var out struct {
		Connections []*Connection `json:"connections"`
	}
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: "/connections", query: q, control: true}, &out)
	if err != nil {
		return nil, resp, err
	}
	return out.Connections, resp, nil
}

// Create starts a new connection for app (e.g. "pipedrive"). The new
// connection is PENDING: open its URL in a browser to authorize it.
// Maton: POST /connections {"app": app}. The create request is never
// retried after it may have reached the server.
//
// When the connection was created but reading it back failed (the answer
// named no connection and the follow-up list failed), Create returns what
// is known of it (App, Status PENDING, and ID and URL when the answer had
// them) with an error for which MayHaveWritten is true: do not create
// another one, list the PENDING connections instead.
func (s *ConnectionsService) Create(ctx context.Context, app string) (*Connection, *Response, error) {
	app = strings.TrimSpace(app)
	if app == "" || strings.ContainsAny(app, "/?#") || hasControlChars(app) {
		return nil, nil, invalid("app", "%q is not an app name such as \"pipedrive\"", app)
	}
	var raw json.RawMessage
	resp, err := s.client.do(ctx, &request{method: http.MethodPost, path: "/connections", body: map[string]string{"app": app}, control: true}, &raw)
	if err != nil {
		return nil, resp, err
	}
	known := &Connection{App: app, Status: ConnectionPending}
	conn, err := decodeConnection(raw)
	if err != nil {
		// A 2xx answered the create: the connection exists.
		return known, resp, &writeDoneError{"the connection was created", fmt.Errorf("pipedrive: POST /connections: %w: %v", ErrInvalidResponse, err)}
	}
	switch {
	case conn == nil:
		// The create answer is undocumented and may be empty: the newest
		// PENDING connection of the app is the one just created.
		_ = json.Unmarshal(raw, known) // an id-less answer may still carry the URL
		var lerr error
		conn, lerr = s.newestPending(ctx, app)
		if lerr != nil {
			return known, resp, &writeDoneError{"the connection was created", lerr}
		}
	case conn.URL == "":
		// Maton documents taking the id from the create answer and reading
		// the URL with a GET.
		if full, _, gerr := s.Get(ctx, conn.ID); gerr == nil {
			conn = full
		}
	}
	return conn, resp, nil
}

func (s *ConnectionsService) newestPending(ctx context.Context, app string) (*Connection, error) {
	list, _, err := s.List(ctx, &ConnectionListOptions{App: app, Status: ConnectionPending})
	if err != nil {
		return nil, fmt.Errorf("pipedrive: the create answer named no connection and listing PENDING connections failed: %w", err)
	}
	var newest *Connection
	for _, c := range list {
		if c.ID != "" && (newest == nil || c.CreationTime.After(newest.CreationTime)) {
			newest = c
		}
	}
	if newest == nil {
		return nil, fmt.Errorf("pipedrive: POST /connections: %w: the answer named no connection and none is PENDING", ErrInvalidResponse)
	}
	return newest, nil
}

// Get returns one connection. Maton: GET /connections/{id}.
func (s *ConnectionsService) Get(ctx context.Context, id string) (*Connection, *Response, error) {
	if err := checkConnectionID(id); err != nil {
		return nil, nil, err
	}
	var raw json.RawMessage
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: "/connections/" + url.PathEscape(id), control: true}, &raw)
	if err != nil {
		return nil, resp, err
	}
	conn, err := decodeConnection(raw)
	if err == nil && conn == nil {
		err = errors.New("no connection in the answer")
	}
	if err != nil {
		return nil, resp, fmt.Errorf("pipedrive: GET /connections/{id}: %w: %v", ErrInvalidResponse, err)
	}
	return conn, resp, nil
}

// Delete removes a connection. Maton: DELETE /connections/{id}.
func (s *ConnectionsService) Delete(ctx context.Context, id string) (*Response, error) {
	if err := checkConnectionID(id); err != nil {
		return nil, err
	}
	return s.client.do(ctx, &request{method: http.MethodDelete, path: "/connections/" + url.PathEscape(id), control: true}, nil)
}

// decodeConnection accepts {"connection":{...}}, a bare connection object,
// or an empty body; it gives (nil, nil) when the answer names no connection
// (no connection_id).
func decodeConnection(raw json.RawMessage) (*Connection, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || isNull(raw) {
		return nil, nil
	}
	var wrapped struct {
		Connection *Connection `json:"connection"`
	}
	if err := json.Unmarshal(raw, &wrapped); err != nil {
		return nil, err
	}
	if wrapped.Connection != nil {
		if wrapped.Connection.ID == "" {
			return nil, nil
		}
		return wrapped.Connection, nil
	}
	var bare Connection
	if err := json.Unmarshal(raw, &bare); err != nil {
		return nil, err
	}
	if bare.ID == "" {
		return nil, nil
	}
	return &bare, nil
}
