// Package webhook receives Pipedrive's webhooks (version 2.0 payloads)
// safely: an http.Handler that checks HTTP basic auth in constant time,
// caps the body, decodes each delivery into a typed Event, hands each
// event to the matching handler once even when Pipedrive retries it, and
// can acknowledge at once and process on a bounded worker pool.
//
// Subscribe with client.Webhooks.Create (pipedrive package), giving the
// credentials NewCredentials makes; pipedrivetest delivers the same
// payloads for offline tests.
//
// Pipedrive's delivery contract, from its webhooks guide: a JSON POST with
// "meta", "data" (the entity in the API v2 shape; null on delete) and
// "previous" (the changed fields' old values; null on create); a 2xx
// within 10 seconds or the attempt failed; failed deliveries retried after
// 3, 30 and 150 seconds (meta.attempt 2 to 4, same meta.id); after 10
// failed first attempts the webhook is banned for 30 minutes and events
// are lost, so re-sync after a gap; a webhook with no successful delivery
// for 3 days is deleted. Pipedrive signs nothing: basic auth is the only
// proof a delivery comes from Pipedrive.
package webhook

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/gopipedrive/pipedrive"
)

// Action is what happened: create, change or delete. Any ("*") matches
// every action in On.
type Action string

// Actions of a v2 delivery.
const (
	Create Action = "create"
	Change Action = "change"
	Delete Action = "delete"
	Any    Action = "*"
)

// Entity is the kind of object an event is about: "deal", "person"... A
// delivery may name entities this package does not know (deal_product,
// project, task...): they are kept as is, never an error. AnyEntity ("*")
// matches every entity in On.
type Entity string

// Entities Pipedrive sends events for (its v1 spec's addWebhook list).
const (
	Activity     Entity = "activity"
	Deal         Entity = "deal"
	Lead         Entity = "lead"
	Note         Entity = "note"
	Organization Entity = "organization"
	Person       Entity = "person"
	Pipeline     Entity = "pipeline"
	Product      Entity = "product"
	Stage        Entity = "stage"
	User         Entity = "user"
	AnyEntity    Entity = "*"
)

// Meta is a delivery's "meta" member. Pipedrive sends its ids as strings;
// they are typed here.
type Meta struct {
	// ID identifies the event (a UUID): retried attempts repeat it, so it
	// is the key for de-duplication.
	ID     string `json:"id"`
	Action Action `json:"action"`
	Entity Entity `json:"entity"`
	// EntityID is the id of the entity: a number for most entities, a
	// UUID for leads.
	EntityID string `json:"entity_id"`
	// Attempt is 1 for the first delivery, 2 to 4 for retries.
	Attempt       int       `json:"attempt"`
	Timestamp     time.Time `json:"timestamp"`
	Version       string    `json:"version"`
	CompanyID     int       `json:"company_id"`
	UserID        int       `json:"user_id"`
	CorrelationID string    `json:"correlation_id"`
	// ChangeSource is "app", "api" and the like.
	ChangeSource     string `json:"change_source"`
	IsBulkEdit       bool   `json:"is_bulk_edit"`
	PermittedUserIDs []int  `json:"permitted_user_ids"`
	WebhookID        int    `json:"webhook_id"`
	// Raw is the meta object as received, for fields not typed here.
	Raw json.RawMessage `json:"-"`
}

// EntityIntID returns EntityID as a number (0 for a UUID).
func (m Meta) EntityIntID() int {
	n, err := strconv.Atoi(m.EntityID)
	if err != nil {
		return 0
	}
	return n
}

// UnmarshalJSON decodes meta, taking ids and numbers sent as strings or
// numbers alike, and a timestamp as RFC 3339 or Unix seconds/milliseconds.
func (m *Meta) UnmarshalJSON(b []byte) error {
	var w struct {
		ID               flexString  `json:"id"`
		Action           Action      `json:"action"`
		Entity           Entity      `json:"entity"`
		EntityID         flexString  `json:"entity_id"`
		Attempt          flexInt     `json:"attempt"`
		Timestamp        flexTime    `json:"timestamp"`
		Version          flexString  `json:"version"`
		CompanyID        flexInt     `json:"company_id"`
		UserID           flexInt     `json:"user_id"`
		CorrelationID    flexString  `json:"correlation_id"`
		ChangeSource     flexString  `json:"change_source"`
		IsBulkEdit       bool        `json:"is_bulk_edit"`
		PermittedUserIDs []flexInt   `json:"permitted_user_ids"`
		WebhookID        flexInt     `json:"webhook_id"`
		Object           *flexString `json:"object"` // v1 payloads
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*m = Meta{ID: string(w.ID), Action: w.Action, Entity: w.Entity, EntityID: string(w.EntityID), Attempt: int(w.Attempt),
		Timestamp: time.Time(w.Timestamp), Version: string(w.Version), CompanyID: int(w.CompanyID), UserID: int(w.UserID),
		CorrelationID: string(w.CorrelationID), ChangeSource: string(w.ChangeSource), IsBulkEdit: w.IsBulkEdit,
		WebhookID: int(w.WebhookID), Raw: append(json.RawMessage(nil), b...)}
	for _, id := range w.PermittedUserIDs {
		m.PermittedUserIDs = append(m.PermittedUserIDs, int(id))
	}
	return nil
}

// Event is one decoded delivery.
type Event struct {
	Meta Meta `json:"meta"`
	// Data is the entity after the change, in the API v2 shape; null (nil
	// here) on delete.
	Data json.RawMessage `json:"data"`
	// Previous holds the changed fields with their old values; null (nil
	// here) on create.
	Previous json.RawMessage `json:"previous"`
}

// ErrV1Payload is returned for a webhook version 1.0 payload: subscribe
// with version 2.0 (the SDK's default).
var ErrV1Payload = errors.New("webhook: a version 1.0 payload (current/previous/event): subscribe with version 2.0")

// ErrNoEntity is returned by the typed accessors when the event carries no
// data (a delete) or is about another entity.
var ErrNoEntity = errors.New("webhook: no such entity in this event")

// Decode decodes one delivery body. It refuses what is not a v2 payload
// (a v1 payload gives ErrV1Payload) and a meta without id, action or
// entity; unknown entities and unknown fields are kept, never an error.
func Decode(body []byte) (*Event, error) {
	var w struct {
		Meta     *json.RawMessage `json:"meta"`
		Data     json.RawMessage  `json:"data"`
		Previous json.RawMessage  `json:"previous"`
		Current  json.RawMessage  `json:"current"`
		Event    json.RawMessage  `json:"event"`
		V        json.RawMessage  `json:"v"`
	}
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, fmt.Errorf("webhook: malformed JSON: %w", err)
	}
	if w.Meta == nil {
		if w.Current != nil || w.Event != nil || w.V != nil {
			return nil, ErrV1Payload
		}
		return nil, errors.New("webhook: no meta member: not a Pipedrive webhook payload")
	}
	ev := &Event{Data: nullToNil(w.Data), Previous: nullToNil(w.Previous)}
	if err := json.Unmarshal(*w.Meta, &ev.Meta); err != nil {
		return nil, fmt.Errorf("webhook: meta: %w", err)
	}
	if ev.Meta.Version != "" && ev.Meta.Version[0] == '1' || w.Current != nil {
		return nil, ErrV1Payload
	}
	switch {
	case ev.Meta.ID == "":
		return nil, errors.New("webhook: meta.id is missing")
	case ev.Meta.Action == "":
		return nil, errors.New("webhook: meta.action is missing")
	case ev.Meta.Entity == "":
		return nil, errors.New("webhook: meta.entity is missing")
	}
	return ev, nil
}

func nullToNil(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	return raw
}

// decodeAs decodes the event's data into a new T when the event is about
// entity.
func decodeAs[T any](e *Event, entity Entity) (*T, error) {
	if e.Meta.Entity != entity || e.Data == nil {
		return nil, ErrNoEntity
	}
	v := new(T)
	if err := json.Unmarshal(e.Data, v); err != nil {
		return nil, fmt.Errorf("webhook: decoding %s data: %w", entity, err)
	}
	return v, nil
}

// Deal decodes a deal event's data (API v2 shape).
func (e *Event) Deal() (*pipedrive.V2Deal, error) { return decodeAs[pipedrive.V2Deal](e, Deal) }

// Person decodes a person event's data (API v2 shape).
func (e *Event) Person() (*pipedrive.V2Person, error) { return decodeAs[pipedrive.V2Person](e, Person) }

// Organization decodes an organization event's data (API v2 shape).
func (e *Event) Organization() (*pipedrive.V2Organization, error) {
	return decodeAs[pipedrive.V2Organization](e, Organization)
}

// Activity decodes an activity event's data (API v2 shape).
func (e *Event) Activity() (*pipedrive.V2Activity, error) {
	return decodeAs[pipedrive.V2Activity](e, Activity)
}

// Pipeline decodes a pipeline event's data (API v2 shape).
func (e *Event) Pipeline() (*pipedrive.V2Pipeline, error) {
	return decodeAs[pipedrive.V2Pipeline](e, Pipeline)
}

// Stage decodes a stage event's data (API v2 shape).
func (e *Event) Stage() (*pipedrive.V2Stage, error) { return decodeAs[pipedrive.V2Stage](e, Stage) }

// CustomFields returns the custom fields of the event's data (its
// "custom_fields" object), readable by name through a
// pipedrive.FieldSchema: schema.Text(ev.CustomFields(), "Region").
func (e *Event) CustomFields() pipedrive.V2CustomFields {
	var w struct {
		CustomFields pipedrive.V2CustomFields `json:"custom_fields"`
	}
	if e.Data == nil || json.Unmarshal(e.Data, &w) != nil {
		return nil
	}
	return w.CustomFields
}

// PreviousFields returns the old values of the changed fields, by field
// name (nil on create).
func (e *Event) PreviousFields() map[string]json.RawMessage {
	var m map[string]json.RawMessage
	if e.Previous == nil || json.Unmarshal(e.Previous, &m) != nil {
		return nil
	}
	return m
}

// flexString takes a JSON string or number.
type flexString string

func (s *flexString) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*s = ""
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = flexString(v)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("expected a string or a number, got %.20s", b)
	}
	*s = flexString(n.String())
	return nil
}

// flexInt takes a number or a string holding one.
type flexInt int

func (n *flexInt) UnmarshalJSON(b []byte) error {
	var s flexString
	if err := s.UnmarshalJSON(b); err != nil {
		return err
	}
	if s == "" {
		*n = 0
		return nil
	}
	v, err := strconv.ParseFloat(string(s), 64)
	if err != nil || v != float64(int(v)) {
		return fmt.Errorf("expected an integer, got %.20q", string(s))
	}
	*n = flexInt(v)
	return nil
}

// flexTime takes RFC 3339, "YYYY-MM-DD HH:MM:SS" (UTC), or Unix seconds or
// milliseconds.
type flexTime time.Time

func (t *flexTime) UnmarshalJSON(b []byte) error {
	var s flexString
	if err := s.UnmarshalJSON(b); err != nil || s == "" {
		*t = flexTime{}
		return err
	}
	for _, layout := range []string{time.RFC3339Nano, time.DateTime} {
		if v, err := time.Parse(layout, string(s)); err == nil {
			*t = flexTime(v)
			return nil
		}
	}
	n, err := strconv.ParseInt(string(s), 10, 64)
	if err != nil {
		return fmt.Errorf("expected a time, got %.30q", string(s))
	}
	if n > 1e12 {
		*t = flexTime(time.UnixMilli(n).UTC())
	} else {
		*t = flexTime(time.Unix(n, 0).UTC())
	}
	return nil
}
