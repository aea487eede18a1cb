package pipedrive

import (
	"context"
	"iter"
	"net/http"
	"time"
)

// V2ActivitiesService talks to Pipedrive's API v2 activity endpoints
// (/api/v2/activities), which replace the retired v1 ones.
type V2ActivitiesService service

// V2Activity is an activity as API v2 returns it.
type V2Activity struct {
	ID      int    `json:"id"`
	Subject string `json:"subject"`
	// Type is the ActivityTypes key_string, e.g. "call" or "meeting".
	Type string `json:"type,omitempty"`
	// OwnerID replaces v1's user_id, CreatorUserID v1's created_by_user_id.
	OwnerID       int       `json:"owner_id,omitempty"`
	CreatorUserID int       `json:"creator_user_id,omitempty"`
	IsDeleted     bool      `json:"is_deleted"`
	AddTime       time.Time `json:"add_time,omitzero"`
	UpdateTime    time.Time `json:"update_time,omitzero"`
	DealID        int       `json:"deal_id,omitempty"`
	// LeadID is the UUID of the lead, "" for none.
	LeadID    string `json:"lead_id,omitempty"`
	PersonID  int    `json:"person_id,omitempty"`
	OrgID     int    `json:"org_id,omitempty"`
	ProjectID int    `json:"project_id,omitempty"`
	DueDate   Date   `json:"due_date,omitempty"`
	// DueTime ("HH:MM:SS", UTC) and Duration ("HH:MM:SS") are "" when unset.
	DueTime  string `json:"due_time,omitempty"`
	Duration string `json:"duration,omitempty"`
	// Busy replaces v1's busy_flag.
	Busy             bool                    `json:"busy"`
	Done             bool                    `json:"done"`
	MarkedAsDoneTime time.Time               `json:"marked_as_done_time,omitzero"`
	Location         *V2Address              `json:"location,omitempty"`
	Participants     []V2ActivityParticipant `json:"participants,omitempty"`
	// Attendees are only sent when asked for with IncludeFields
	// "attendees" in lists.
	Attendees               []V2ActivityAttendee `json:"attendees,omitempty"`
	ConferenceMeetingClient string               `json:"conference_meeting_client,omitempty"`
	ConferenceMeetingURL    string               `json:"conference_meeting_url,omitempty"`
	ConferenceMeetingID     string               `json:"conference_meeting_id,omitempty"`
	PublicDescription       string               `json:"public_description,omitempty"`
	// Priority is an option id of the priority activity field.
	Priority int `json:"priority,omitempty"`
	// Note is HTML.
	Note string `json:"note,omitempty"`
}

// V2ActivityParticipant is a person taking part in an activity.
type V2ActivityParticipant struct {
	PersonID int  `json:"person_id"`
	Primary  bool `json:"primary"`
}

// V2ActivityAttendee is an invitee of a calendar activity.
type V2ActivityAttendee struct {
	Email       string `json:"email,omitempty"`
	Name        string `json:"name,omitempty"`
	Status      string `json:"status,omitempty"`
	IsOrganizer bool   `json:"is_organizer,omitempty"`
	PersonID    int    `json:"person_id,omitempty"`
	UserID      int    `json:"user_id,omitempty"`
}

// V2ActivityListOptions filters V2.Activities.List and All. When FilterID
// is set, Pipedrive ignores the other filters. Unlike v1 there is no type,
// start_date or end_date filter and no user_id (so no user_id=0 "all
// users"): OwnerID is the only owner filter, and without it no owner
// filter applies.
type V2ActivityListOptions struct {
	FilterID int `url:"filter_id,omitempty"`
	// IDs fetches these activities only (at most 100), sent comma-separated.
	IDs     []int `url:"ids,comma,omitempty"`
	OwnerID int   `url:"owner_id,omitempty"`
	DealID  int   `url:"deal_id,omitempty"`
	// LeadID is the UUID of a lead.
	LeadID string `url:"lead_id,omitempty"`
	// PersonID keeps activities whose primary participant is that person.
	PersonID int `url:"person_id,omitempty"`
	OrgID    int `url:"org_id,omitempty"`
	// Done keeps done (Ptr(true)) or undone (Ptr(false)) activities; nil
	// keeps both.
	Done *bool `url:"done,omitempty"`
	// UpdatedSince and UpdatedUntil bound update_time (since ≤ t < until);
	// they are sent in RFC 3339, in UTC.
	UpdatedSince time.Time `url:"updated_since,omitempty"`
	UpdatedUntil time.Time `url:"updated_until,omitempty"`
	// SortBy is id (default), add_time, update_time or due_date.
	SortBy        V2SortBy        `url:"sort_by,omitempty"`
	SortDirection V2SortDirection `url:"sort_direction,omitempty"`
	// IncludeFields asks for optional fields: "attendees".
	IncludeFields []string `url:"include_fields,comma,omitempty"`
	V2ListOptions
}

func (o *V2ActivityListOptions) query() (*V2ActivityListOptions, error) {
	if o == nil {
		return nil, nil
	}
	if err := firstInvalid(
		checkOptionalID("filter_id", o.FilterID),
		v2CheckIDList(o.IDs),
		checkOptionalID("owner_id", o.OwnerID),
		checkOptionalID("deal_id", o.DealID),
		checkOptionalID("person_id", o.PersonID),
		checkOptionalID("org_id", o.OrgID),
		leadUUID.check("lead_id", o.LeadID),
		v2CheckTimeRange(o.UpdatedSince, o.UpdatedUntil),
		v2CheckSort(o.SortBy, o.SortDirection, V2SortByDueDate),
		o.V2ListOptions.validate(),
	); err != nil {
		return nil, err
	}
	q := *o
	q.UpdatedSince, q.UpdatedUntil = v2UTC(o.UpdatedSince), v2UTC(o.UpdatedUntil)
	return &q, nil
}

// List returns one page of activities. Pass Response.NextCursor as Cursor
// to get the next page, or use All.
//
// Pipedrive: GET /api/v2/activities (https://developers.pipedrive.com/docs/api/v1/Activities#getActivities, API v2).
// Token cost: 10.
func (s *V2ActivitiesService) List(ctx context.Context, opts *V2ActivityListOptions) ([]*V2Activity, *Response, error) {
	q, err := opts.query()
	if err != nil {
		return nil, nil, err
	}
	return listPage[V2Activity](ctx, s.client, v2Path("activities"), queryOf(q), "")
}

// All iterates over every activity List returns, fetching pages lazily
// from opts.Cursor on. It yields an error once and stops.
//
// Pipedrive: GET /api/v2/activities, once per page (https://developers.pipedrive.com/docs/api/v1/Activities#getActivities, API v2).
// Token cost: 10 per page.
func (s *V2ActivitiesService) All(ctx context.Context, opts *V2ActivityListOptions) iter.Seq2[*V2Activity, error] {
	return allPages(ctx, cursorPages, opts, func(o *V2ActivityListOptions) *string { return &o.Cursor }, s.List)
}

// Get returns one activity.
//
// Pipedrive: GET /api/v2/activities/{id} (https://developers.pipedrive.com/docs/api/v1/Activities#getActivity, API v2).
// Token cost: 1.
func (s *V2ActivitiesService) Get(ctx context.Context, id int) (*V2Activity, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	return doOne[V2Activity](ctx, s.client, &request{method: http.MethodGet, path: v2IDPath("activities", id)})
}

// V2ActivityCreateParams are the fields of a new activity; none is
// required (Pipedrive defaults the subject to the type's name and the
// owner to the authorizing user). Zero values are not sent.
type V2ActivityCreateParams struct {
	Subject string `json:"subject,omitempty"`
	// Type is an ActivityTypes key_string such as "call" or "meeting".
	Type    string `json:"type,omitempty"`
	OwnerID int    `json:"owner_id,omitempty"`
	DealID  int    `json:"deal_id,omitempty"`
	// LeadID is the UUID of a lead.
	LeadID    string `json:"lead_id,omitempty"`
	PersonID  int    `json:"person_id,omitempty"`
	OrgID     int    `json:"org_id,omitempty"`
	ProjectID int    `json:"project_id,omitempty"`
	DueDate   Date   `json:"due_date,omitempty"`
	// DueTime ("HH:MM" or "HH:MM:SS", UTC) and Duration ("HH:MM" or
	// "HH:MM:SS").
	DueTime  string `json:"due_time,omitempty"`
	Duration string `json:"duration,omitempty"`
	// Busy marks the owner busy in their calendar (nil: Pipedrive's default).
	Busy *bool `json:"busy,omitempty"`
	// Done creates the activity already done.
	Done              bool                    `json:"done,omitempty"`
	Location          *V2Address              `json:"location,omitempty"`
	Participants      []V2ActivityParticipant `json:"participants,omitempty"`
	Attendees         []V2ActivityAttendee    `json:"attendees,omitempty"`
	PublicDescription string                  `json:"public_description,omitempty"`
	// Priority is an option id of the priority activity field.
	Priority int `json:"priority,omitempty"`
	// Note is HTML.
	Note string `json:"note,omitempty"`
}

func v2CheckParticipants(ps []V2ActivityParticipant) error {
	for _, p := range ps {
		if err := checkID("participants.person_id", p.PersonID); err != nil {
			return err
		}
	}
	return nil
}

func v2CheckAttendees(as []V2ActivityAttendee) error {
	for _, a := range as {
		if a.Email == "" && a.PersonID == 0 && a.UserID == 0 {
			return invalid("attendees", "an attendee needs an email, a person_id or a user_id")
		}
	}
	return nil
}

func (p *V2ActivityCreateParams) validate() error {
	return firstInvalid(
		checkOptionalID("owner_id", p.OwnerID),
		checkOptionalID("deal_id", p.DealID),
		checkOptionalID("person_id", p.PersonID),
		checkOptionalID("org_id", p.OrgID),
		checkOptionalID("project_id", p.ProjectID),
		leadUUID.check("lead_id", p.LeadID),
		checkDate("due_date", p.DueDate),
		v2Clock.check("due_time", p.DueTime),
		v2Duration.check("duration", p.Duration),
		v2CheckParticipants(p.Participants),
		v2CheckAttendees(p.Attendees),
	)
}

// Create adds an activity and returns it.
//
// Pipedrive: POST /api/v2/activities (https://developers.pipedrive.com/docs/api/v1/Activities#addActivity, API v2).
// Token cost: 5.
func (s *V2ActivitiesService) Create(ctx context.Context, p *V2ActivityCreateParams) (*V2Activity, *Response, error) {
	if err := checkRequired(p, "params", "nil"); err != nil {
		return nil, nil, err
	}
	return doOne[V2Activity](ctx, s.client, &request{method: http.MethodPost, path: v2Path("activities"), body: p})
}

// V2ActivityUpdateParams are the fields to change: unset fields are not
// sent and Set(v) sends v (Set(true) on Done marks the activity done).
// Pipedrive lets none of these be cleared with null (Null is refused).
type V2ActivityUpdateParams struct {
	Subject           Field[string]                  `json:"subject,omitzero"`
	Type              Field[string]                  `json:"type,omitzero"`
	OwnerID           Field[int]                     `json:"owner_id,omitzero"`
	DealID            Field[int]                     `json:"deal_id,omitzero"`
	LeadID            Field[string]                  `json:"lead_id,omitzero"`
	PersonID          Field[int]                     `json:"person_id,omitzero"`
	OrgID             Field[int]                     `json:"org_id,omitzero"`
	ProjectID         Field[int]                     `json:"project_id,omitzero"`
	DueDate           Field[Date]                    `json:"due_date,omitzero"`
	DueTime           Field[string]                  `json:"due_time,omitzero"`
	Duration          Field[string]                  `json:"duration,omitzero"`
	Busy              Field[bool]                    `json:"busy,omitzero"`
	Done              Field[bool]                    `json:"done,omitzero"`
	Location          Field[V2Address]               `json:"location,omitzero"`
	Participants      Field[[]V2ActivityParticipant] `json:"participants,omitzero"`
	Attendees         Field[[]V2ActivityAttendee]    `json:"attendees,omitzero"`
	PublicDescription Field[string]                  `json:"public_description,omitzero"`
	Priority          Field[int]                     `json:"priority,omitzero"`
	Note              Field[string]                  `json:"note,omitzero"`
}

func (p *V2ActivityUpdateParams) validate() error {
	errs := []error{
		v2NotNull("subject", p.Subject),
		v2NotNull("type", p.Type),
		v2CheckIDField("owner_id", p.OwnerID),
		v2CheckIDField("deal_id", p.DealID),
		v2NotNull("lead_id", p.LeadID),
		v2CheckIDField("person_id", p.PersonID),
		v2CheckIDField("org_id", p.OrgID),
		v2CheckIDField("project_id", p.ProjectID),
		v2CheckDateField("due_date", p.DueDate, false),
		v2NotNull("due_time", p.DueTime),
		v2NotNull("duration", p.Duration),
		v2NotNull("busy", p.Busy),
		v2NotNull("done", p.Done),
		v2NotNull("location", p.Location),
		v2NotNull("participants", p.Participants),
		v2NotNull("attendees", p.Attendees),
		v2NotNull("public_description", p.PublicDescription),
		v2NotNull("priority", p.Priority),
		v2NotNull("note", p.Note),
	}
	if v, ok := p.Type.Value(); ok && v == "" {
		errs = append(errs, invalid("type", "empty"))
	}
	if v, ok := p.LeadID.Value(); ok {
		errs = append(errs, checkLeadIDPtr("lead_id", &v))
	}
	if v, ok := p.DueTime.Value(); ok {
		errs = append(errs, v2Clock.check("due_time", v))
	}
	if v, ok := p.Duration.Value(); ok {
		errs = append(errs, v2Duration.check("duration", v))
	}
	if v, ok := p.Participants.Value(); ok {
		errs = append(errs, v2CheckParticipants(v))
	}
	if v, ok := p.Attendees.Value(); ok {
		errs = append(errs, v2CheckAttendees(v))
	}
	return firstInvalid(errs...)
}

// Update changes the fields set in p (PATCH) and returns the activity. It
// is never retried after a server error.
//
// Pipedrive: PATCH /api/v2/activities/{id} (https://developers.pipedrive.com/docs/api/v1/Activities#updateActivity, API v2).
// Token cost: 5.
func (s *V2ActivitiesService) Update(ctx context.Context, id int, p *V2ActivityUpdateParams) (*V2Activity, *Response, error) {
	if err := firstInvalid(checkID("id", id), checkRequired(p, "params", "nil")); err != nil {
		return nil, nil, err
	}
	return doOne[V2Activity](ctx, s.client, &request{method: http.MethodPatch, path: v2IDPath("activities", id), body: p})
}

// Delete marks an activity as deleted; Pipedrive removes it for good after
// 30 days.
//
// Pipedrive: DELETE /api/v2/activities/{id} (https://developers.pipedrive.com/docs/api/v1/Activities#deleteActivity, API v2).
// Token cost: 3.
func (s *V2ActivitiesService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return deleteOne(ctx, s.client, v2IDPath("activities", id), "")
}
