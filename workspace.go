package pipedrive

import (
	"bytes"
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"time"
)

// Small workspace operations (API v1): recent changes across item types,
// note fields, the user's settings and connections, the company's add-ons.

// RecentsService lists what changed since a time, across item types: the
// building block of incremental sync (API v1).
type RecentsService service

// RecentsOptions asks for the changes since Since (required), of the
// given item types (all when empty).
type RecentsOptions struct {
	// Since is sent in UTC, to the second.
	Since time.Time `url:"-"`
	// Items limits the item types: activity, activityType, deal, file,
	// filter, note, person, organization, pipeline, product, stage, user.
	Items []string `url:"items,comma,omitempty"`
	ListOptions
}

type recentsQuery struct {
	SinceTimestamp string `url:"since_timestamp"`
	*RecentsOptions
}

func (o *RecentsOptions) query() (any, error) {
	if o == nil || o.Since.IsZero() {
		return nil, invalid("since_timestamp", "zero: the time to list changes since is required")
	}
	if err := firstInvalid(o.ListOptions.validate(), checkEnumList("items", o.Items, "activity", "activityType", "deal",
		"file", "filter", "note", "person", "organization", "pipeline", "product", "stage", "user")); err != nil {
		return nil, err
	}
	return recentsQuery{o.Since.UTC().Format(time.DateTime), o}, nil
}

// RecentItem is one changed item. Item names its type; the typed field of
// that type holds it (Deal, Person, Organization, Activity, Note), and any
// other type, or data that does not decode as its type, is kept raw in
// Unknown.
type RecentItem struct {
	Item         string
	ID           int
	Deal         *Deal
	Person       *Person
	Organization *Organization
	Activity     *Activity
	Note         *Note
	Unknown      json.RawMessage
}

// UnmarshalJSON implements json.Unmarshaler.
func (r *RecentItem) UnmarshalJSON(data []byte) error {
	var w struct {
		Item json.RawMessage `json:"item"`
		ID   FlexInt         `json:"id"`
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	var item string
	_ = json.Unmarshal(w.Item, &item) // an item type that is not text stays ""
	*r = RecentItem{Item: item, ID: int(w.ID)}
	present := len(w.Data) > 0 && !isNull(w.Data)
	var target any
	switch item {
	case "deal":
		r.Deal = new(Deal)
		target = r.Deal
	case "person":
		r.Person = new(Person)
		target = r.Person
	case "organization":
		r.Organization = new(Organization)
		target = r.Organization
	case "activity":
		r.Activity = new(Activity)
		target = r.Activity
	case "note":
		r.Note = new(Note)
		target = r.Note
	}
	if target != nil && present && json.Unmarshal(w.Data, target) == nil {
		return nil
	}
	r.Deal, r.Person, r.Organization, r.Activity, r.Note = nil, nil, nil, nil, nil
	if present {
		r.Unknown = bytes.Clone(w.Data)
	}
	return nil
}

// MarshalJSON implements json.Marshaler, in Pipedrive's shape.
func (r RecentItem) MarshalJSON() ([]byte, error) {
	var data any
	switch {
	case r.Deal != nil:
		data = r.Deal
	case r.Person != nil:
		data = r.Person
	case r.Organization != nil:
		data = r.Organization
	case r.Activity != nil:
		data = r.Activity
	case r.Note != nil:
		data = r.Note
	case r.Unknown != nil:
		data = r.Unknown
	}
	return json.Marshal(struct {
		Item string `json:"item"`
		ID   int    `json:"id"`
		Data any    `json:"data"`
	}{r.Item, r.ID, data})
}

// List returns one page of the items changed since opts.Since, oldest
// change first.
//
// Pipedrive: GET /api/v1/recents (https://developers.pipedrive.com/docs/api/v1/Recents#getRecents).
// Token cost: 20.
func (s *RecentsService) List(ctx context.Context, opts *RecentsOptions) ([]*RecentItem, *Response, error) {
	q, err := opts.query()
	if err != nil {
		return nil, nil, err
	}
	return listPage[RecentItem](ctx, s.client, v1Path("recents"), q, "")
}

// All iterates over every item changed since opts.Since, fetching pages
// lazily. It yields an error once and stops.
//
// Pipedrive: GET /api/v1/recents, once per page.
// Token cost: 20 per page.
func (s *RecentsService) All(ctx context.Context, opts *RecentsOptions) iter.Seq2[*RecentItem, error] {
	return allPages(ctx, offsetPages, opts, func(o *RecentsOptions) *int { return &o.Start }, s.List)
}

// NoteFields returns the fields of notes (content and the pinned flags).
//
// Pipedrive: GET /api/v1/noteFields (https://developers.pipedrive.com/docs/api/v1/NoteFields#getNoteFields).
// Token cost: 20.
func (s *NotesService) Fields(ctx context.Context) ([]*FieldDefinition, *Response, error) {
	return listPage[FieldDefinition](ctx, s.client, v1Path("noteFields"), nil, "")
}

// UserSettings are the settings of the authorizing user, by name; kept as
// a map, as Pipedrive adds settings over time.
type UserSettings map[string]json.RawMessage

// Settings returns the authorizing user's settings.
//
// Pipedrive: GET /api/v1/userSettings (https://developers.pipedrive.com/docs/api/v1/UserSettings#getUserSettings).
// Token cost: 2.
func (s *UsersService) Settings(ctx context.Context) (UserSettings, *Response, error) {
	var out UserSettings
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: v1Path("userSettings")}, &out)
	return out, resp, err
}

// Connections returns the authorizing user's connected services (such as
// "google") and their ids.
//
// Pipedrive: GET /api/v1/userConnections (https://developers.pipedrive.com/docs/api/v1/UserConnections#getUserConnections).
// Token cost: 20.
func (s *UsersService) Connections(ctx context.Context) (map[string]string, *Response, error) {
	var out map[string]string
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: v1Path("userConnections")}, &out)
	return out, resp, err
}

// CompanyAddon is an add-on of the company's subscription.
type CompanyAddon struct {
	Code string `json:"code"`
}

// Addons returns the add-ons of the company's subscription.
//
// Pipedrive: GET /api/v1/billing/subscriptions/addons (https://developers.pipedrive.com/docs/api/v1/Billing#getCompanyAddons).
// Token cost: 20.
func (s *UsersService) Addons(ctx context.Context) ([]*CompanyAddon, *Response, error) {
	return listPage[CompanyAddon](ctx, s.client, v1Path("billing", "subscriptions", "addons"), nil, "")
}
