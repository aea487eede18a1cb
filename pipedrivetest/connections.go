package pipedrivetest

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Connection statuses used by Maton.
const (
	StatusActive  = "ACTIVE"
	StatusPending = "PENDING"
	StatusFailed  = "FAILED"
)

// Connection is a snapshot of a Maton connection as the control plane
// reports it.
type Connection struct {
	ID              string
	App             string
	Status          string
	Method          string
	URL             string
	CreationTime    time.Time
	LastUpdatedTime time.Time
}

// connection is the server-side state of a Maton connection. Fields are
// guarded by Server.mu, except st which has its own lock.
type connection struct {
	id      string
	app     string
	status  string
	method  string
	url     string
	created time.Time
	updated time.Time

	st *store // the Pipedrive company behind the connection (app "pipedrive")

	tokenDay   string // UTC date the token budget counts for
	tokensUsed int
	burst      window // Pipedrive burst window
	search     window // Pipedrive's search-endpoint window
}

func (c *connection) snapshot() Connection {
	return Connection{
		ID: c.id, App: c.app, Status: c.status, Method: c.method, URL: c.url,
		CreationTime: c.created, LastUpdatedTime: c.updated,
	}
}

// matonTime is Maton's timestamp format (RFC 3339 with microseconds, UTC).
const matonTime = "2006-01-02T15:04:05.000000Z"

func (c *connection) wire() map[string]any {
	return map[string]any{
		"connection_id":     c.id,
		"status":            c.status,
		"creation_time":     c.created.UTC().Format(matonTime),
		"last_updated_time": c.updated.UTC().Format(matonTime),
		"url":               c.url,
		"app":               c.app,
		"method":            c.method,
		"metadata":          map[string]any{},
	}
}

// newConnectionLocked creates a connection; s.mu must be held.
func (s *Server) newConnectionLocked(app, status, method string) *connection {
	var b [16]byte
	for i := 0; i < 16; i += 8 {
		v := s.rng.Uint64()
		for j := 0; j < 8; j++ {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	id := fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
	var tok [16]byte
	for i := 0; i < 16; i += 8 {
		v := s.rng.Uint64()
		for j := 0; j < 8; j++ {
			tok[i+j] = byte(v >> (8 * j))
		}
	}
	now := s.cfg.clock().UTC()
	c := &connection{
		id:      id,
		app:     app,
		status:  status,
		method:  method,
		url:     "https://connect.maton.ai/?session_token=" + hex.EncodeToString(tok[:]),
		created: now,
		updated: now,
	}
	if app == "pipedrive" {
		s.companySeq++
		c.st = newStore(s.cfg.clock, 1000000+s.companySeq, s.cfg.seedData, s.cfg.seed)
	}
	s.conns = append(s.conns, c)
	s.byID[id] = c
	return c
}

// AddConnection creates a connection for app ("pipedrive" for the gateway
// to use it) with the given status (StatusActive, StatusPending or
// StatusFailed) and method OAUTH2, and returns its ID. Every Pipedrive
// connection gets its own, isolated data store.
func (s *Server) AddConnection(app, status string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.newConnectionLocked(app, status, "OAUTH2").id
}

// Activate marks a connection ACTIVE, as if the user had completed the OAuth
// flow at its URL. It fails for an unknown ID.
func (s *Server) Activate(connectionID string) error {
	return s.SetConnectionStatus(connectionID, StatusActive)
}

// SetConnectionStatus changes a connection's status (for instance to
// StatusFailed to emulate an expired OAuth grant). It fails for an unknown
// ID.
func (s *Server) SetConnectionStatus(connectionID, status string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.byID[connectionID]
	if c == nil {
		return fmt.Errorf("pipedrivetest: connection %s not found", connectionID)
	}
	c.status = status
	c.updated = s.cfg.clock().UTC()
	return nil
}

// Connections returns snapshots of all connections in creation order.
func (s *Server) Connections() []Connection {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Connection, 0, len(s.conns))
	for _, c := range s.conns {
		out = append(out, c.snapshot())
	}
	return out
}

// connStore returns the store of a Pipedrive connection ("" = the default
// connection, Server.ConnectionID). It panics for an unknown connection, as
// it is only used by test-setup helpers.
func (s *Server) connStore(connectionID string) *store {
	if connectionID == "" {
		connectionID = s.ConnectionID
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.byID[connectionID]
	if c == nil || c.st == nil {
		panic(fmt.Sprintf("pipedrivetest: no Pipedrive connection %q", connectionID))
	}
	return c.st
}

// ResetData discards the data of every Pipedrive connection and gives each
// a fresh store, as NewServer would (the authorizing user and the built-in
// fields, plus the seed data with WithSeedData; custom fields added with
// AddField are dropped). IDs start at 1 again. Connections, faults, the request
// log and rate-limit state are kept.
func (s *Server) ResetData() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.conns {
		if c.st != nil {
			c.st = newStore(s.cfg.clock, c.st.company.ID, s.cfg.seedData, s.cfg.seed)
		}
	}
}

// AddUser adds a (non-admin) user to the company behind a connection ("" =
// the default connection) and returns its ID.
func (s *Server) AddUser(connectionID, name, email string) int {
	st := s.connStore(connectionID)
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.addUser(name, email, false).ID
}

// AddPipeline adds a pipeline with the named stages (in order) to the company
// behind a connection ("" = the default connection) and returns the IDs of
// the pipeline and of its stages.
func (s *Server) AddPipeline(connectionID, name string, stages ...string) (pipelineID int, stageIDs []int) {
	st := s.connStore(connectionID)
	st.mu.Lock()
	defer st.mu.Unlock()
	p, ss := st.addPipeline(name, stages...)
	for _, x := range ss {
		stageIDs = append(stageIDs, x.ID)
	}
	return p.ID, stageIDs
}

// control serves Maton's control plane.
func (s *Server) control(r *http.Request, body []byte) *reply {
	rest := strings.Trim(strings.TrimPrefix(r.URL.Path, "/connections"), "/")
	if rest == "" {
		switch r.Method {
		case http.MethodGet:
			return s.listConnections(r)
		case http.MethodPost:
			return s.createConnection(body)
		}
		return matonError(http.StatusMethodNotAllowed, "Method not allowed")
	}
	if strings.Contains(rest, "/") {
		return matonError(http.StatusNotFound, "Not Found")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.byID[rest]
	if c == nil {
		return matonError(http.StatusNotFound, "Connection "+rest+" not found")
	}
	switch r.Method {
	case http.MethodGet:
		return jsonReply(http.StatusOK, map[string]any{"connection": c.wire()})
	case http.MethodDelete:
		delete(s.byID, c.id)
		for i, x := range s.conns {
			if x == c {
				s.conns = append(s.conns[:i:i], s.conns[i+1:]...)
				break
			}
		}
		return jsonReply(http.StatusOK, map[string]any{})
	}
	return matonError(http.StatusMethodNotAllowed, "Method not allowed")
}

func (s *Server) listConnections(r *http.Request) *reply {
	q := r.URL.Query()
	app, status, method := q.Get("app"), q.Get("status"), q.Get("method")
	s.mu.Lock()
	defer s.mu.Unlock()
	list := []any{}
	for _, c := range s.conns {
		if app != "" && !strings.EqualFold(app, c.app) ||
			status != "" && !strings.EqualFold(status, c.status) ||
			method != "" && !strings.EqualFold(method, c.method) {
			continue
		}
		list = append(list, c.wire())
	}
	return jsonReply(http.StatusOK, map[string]any{"connections": list})
}

func (s *Server) createConnection(body []byte) *reply {
	var in struct {
		App    string `json:"app"`
		Method string `json:"method"`
	}
	if len(body) > 0 {
		if err := json.Unmarshal(body, &in); err != nil {
			return matonError(http.StatusBadRequest, "Invalid JSON body")
		}
	}
	if strings.TrimSpace(in.App) == "" {
		return matonError(http.StatusBadRequest, "app is required")
	}
	method := strings.ToUpper(in.Method)
	if method == "" {
		method = "OAUTH2"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.newConnectionLocked(strings.ToLower(in.App), StatusPending, method)
	return jsonReply(http.StatusOK, map[string]any{"connection": c.wire()})
}

// resolveConnection picks the connection for a gateway request: the one
// named by the Maton-Connection header, else the oldest ACTIVE Pipedrive
// connection.
func (s *Server) resolveConnection(r *http.Request) (*connection, *store, *reply) {
	id := strings.TrimSpace(r.Header.Get("Maton-Connection"))
	s.mu.Lock()
	defer s.mu.Unlock()
	if id == "" {
		for _, c := range s.conns {
			if c.app == "pipedrive" && c.status == StatusActive {
				return c, c.st, nil
			}
		}
		return nil, nil, matonError(http.StatusBadRequest,
			"Missing Pipedrive connection. Create one with POST /connections {\"app\":\"pipedrive\"}, "+
				"authorize it at its url, then retry.")
	}
	c := s.byID[id]
	if c == nil {
		return nil, nil, matonError(http.StatusNotFound, "Connection "+id+" not found")
	}
	if c.app != "pipedrive" {
		return nil, nil, matonError(http.StatusBadRequest,
			"Connection "+id+" belongs to app "+c.app+", not pipedrive")
	}
	switch c.status {
	case StatusActive:
		return c, c.st, nil
	case StatusPending:
		return nil, nil, matonError(http.StatusBadRequest,
			"Connection "+id+" is pending authorization. Open its url to authorize it.")
	default:
		return nil, nil, matonError(http.StatusInternalServerError,
			"Connection "+id+" failed: the OAuth grant is no longer valid. Create a new connection.")
	}
}
