package pipedrive

import (
	"context"
	"iter"
	"net/url"
)

// ActivitiesService reads and writes activities (calls, meetings, tasks,
// deadlines...) through Pipedrive's API v1. Pipedrive retired these
// endpoints on 2026-08-01; Client.V2.Activities replaces them.
//
// https://developers.pipedrive.com/docs/api/v1/Activities
type ActivitiesService service

// Activity is a Pipedrive activity as API v1 returns it. Unlike deals, its
// ids are plain numbers (0 when unset).
type Activity struct {
	ID               int `json:"id"`
	CompanyID        int `json:"company_id"`
	UserID           int `json:"user_id"`
	AssignedToUserID int `json:"assigned_to_user_id"`
	CreatedByUserID  int `json:"created_by_user_id"`
	UpdateUserID     int `json:"update_user_id"`

	// Type is the key_string of the activity's type, e.g. "call".
	Type    string `json:"type"`
	Subject string `json:"subject"`
	// Note is HTML.
	Note string `json:"note"`
	// PublicDescription is synced to external calendars and visible to
	// guests.
	PublicDescription string `json:"public_description"`
	Done              bool   `json:"done"`
	ActiveFlag        bool   `json:"active_flag"`
	// BusyFlag is nil when unset: Pipedrive then treats an activity with a
	// time as busy and an all-day one as free.
	BusyFlag *bool `json:"busy_flag"`

	DueDate Date `json:"due_date"`
	// DueTime is "HH:MM" in UTC, "" for an all-day activity.
	DueTime string `json:"due_time"`
	// Duration is "HH:MM".
	Duration string `json:"duration"`

	DealID    int    `json:"deal_id"`
	LeadID    string `json:"lead_id"`
	PersonID  int    `json:"person_id"`
	OrgID     int    `json:"org_id"`
	ProjectID int    `json:"project_id"`

	Participants []ActivityParticipant `json:"participants"`
	Attendees    []ActivityAttendee    `json:"attendees"`
	// Series lists the occurrences of a recurring activity.
	Series []ActivityOccurrence `json:"series"`
	// File is an attached file, such as an audio note; nil when none.
	File *ActivityFile `json:"file"`

	Location                 string `json:"location"`
	LocationSubpremise       string `json:"location_subpremise"`
	LocationStreetNumber     string `json:"location_street_number"`
	LocationRoute            string `json:"location_route"`
	LocationSublocality      string `json:"location_sublocality"`
	LocationLocality         string `json:"location_locality"`
	LocationAdminAreaLevel1  string `json:"location_admin_area_level_1"`
	LocationAdminAreaLevel2  string `json:"location_admin_area_level_2"`
	LocationCountry          string `json:"location_country"`
	LocationPostalCode       string `json:"location_postal_code"`
	LocationFormattedAddress string `json:"location_formatted_address"`

	AddTime    Time `json:"add_time"`
	UpdateTime Time `json:"update_time"`
	// MarkedAsDoneTime is zero while the activity is not done (Pipedrive
	// sends "").
	MarkedAsDoneTime       Time `json:"marked_as_done_time"`
	LastNotificationTime   Time `json:"last_notification_time"`
	LastNotificationUserID int  `json:"last_notification_user_id"`
	NotificationLanguageID int  `json:"notification_language_id"`

	ReferenceType           string `json:"reference_type"`
	ReferenceID             int    `json:"reference_id"`
	ConferenceMeetingClient string `json:"conference_meeting_client"`
	ConferenceMeetingURL    string `json:"conference_meeting_url"`
	ConferenceMeetingID     string `json:"conference_meeting_id"`

	GcalEventID                string `json:"gcal_event_id"`
	GoogleCalendarID           string `json:"google_calendar_id"`
	GoogleCalendarEtag         string `json:"google_calendar_etag"`
	CalendarSyncIncludeContext string `json:"calendar_sync_include_context"`
	SourceTimezone             string `json:"source_timezone"`
	RecRule                    string `json:"rec_rule"`
	RecRuleExtension           string `json:"rec_rule_extension"`
	RecMasterActivityID        int    `json:"rec_master_activity_id"`

	// Denormalized names of the linked entities.
	OrgName          string `json:"org_name"`
	PersonName       string `json:"person_name"`
	DealTitle        string `json:"deal_title"`
	OwnerName        string `json:"owner_name"`
	PersonDropboxBcc string `json:"person_dropbox_bcc"`
	DealDropboxBcc   string `json:"deal_dropbox_bcc"`

	// CustomFields holds the activity's custom fields (40-hex keys).
	CustomFields CustomFields `json:"-"`
}

// UnmarshalJSON implements json.Unmarshaler, collecting custom fields.
func (a *Activity) UnmarshalJSON(data []byte) error { return a.decodeJSON(data, nil) }

// decodeJSON is UnmarshalJSON with the custom field keys shared across a
// page (keys may be nil).
func (a *Activity) decodeJSON(data []byte, keys keyCache) error {
	type plain Activity
	cf, err := decodeCustom(data, (*plain)(a), keys)
	if err != nil {
		return err
	}
	a.CustomFields = cf
	return nil
}

// MarshalJSON implements json.Marshaler, writing custom fields back at the
// top level.
func (a Activity) MarshalJSON() ([]byte, error) {
	type plain Activity
	return encodeCustomRaw(plain(a), a.CustomFields)
}

// ActivityParticipant is a person taking part in an activity.
type ActivityParticipant struct {
	PersonID    int  `json:"person_id"`
	PrimaryFlag bool `json:"primary_flag"`
}

// ActivityAttendee is a guest of an activity: a Pipedrive person or an
// external email address. Requests need EmailAddress and optionally
// PersonID; the other fields are filled in by Pipedrive.
type ActivityAttendee struct {
	EmailAddress string `json:"email_address,omitempty"`
	PersonID     int    `json:"person_id,omitempty"`
	Name         string `json:"name,omitempty"`
	// Status is the invitation's answer, e.g. "noreply", "accepted".
	Status      string  `json:"status,omitempty"`
	IsOrganizer NumBool `json:"is_organizer,omitempty"`
	UserID      int     `json:"user_id,omitempty"`
}

// ActivityOccurrence is one occurrence of a recurring activity.
type ActivityOccurrence struct {
	DueDate Date   `json:"due_date"`
	DueTime string `json:"due_time"`
}

// ActivityFile is a file attached to an activity.
type ActivityFile struct {
	ID        string `json:"id"`
	CleanName string `json:"clean_name"`
	URL       string `json:"url"`
}

// ActivityDoneFilter selects activities by their done state in
// Activities.List. The zero value lists both.
type ActivityDoneFilter int

// Values of ActivityDoneFilter.
const (
	// ActivityDoneAny lists done and undone activities (done is omitted).
	ActivityDoneAny ActivityDoneFilter = iota
	// ActivityDoneOnly lists done activities (done=1).
	ActivityDoneOnly
	// ActivityUndoneOnly lists activities not done yet (done=0).
	ActivityUndoneOnly
)

// EncodeValues implements query.Encoder: done=1 or done=0.
func (f ActivityDoneFilter) EncodeValues(key string, v *url.Values) error {
	switch f {
	case ActivityDoneOnly:
		v.Set(key, "1")
	case ActivityUndoneOnly:
		v.Set(key, "0")
	}
	return nil
}

// ActivityListOptions filters Activities.List and Activities.All.
type ActivityListOptions struct {
	// UserID selects whose activities are listed: nil lists the
	// authorizing user's, a pointer to 0 (pipedrive.Ptr(0)) every user's
	// the permissions allow, any other id that user's.
	UserID *int `url:"user_id,omitempty"`
	// FilterID applies a saved filter (narrowed by UserID when both are set).
	FilterID int `url:"filter_id,omitempty"`
	// Types keeps activities of these types (ActivityTypes key_strings),
	// sent comma-separated.
	Types []string `url:"type,omitempty,comma"`
	// StartDate and EndDate bound the due date.
	StartDate Date `url:"start_date,omitempty"`
	EndDate   Date `url:"end_date,omitempty"`
	// Done filters by done state (default: both).
	Done ActivityDoneFilter `url:"done,omitempty"`
	ListOptions
}

func (o *ActivityListOptions) validate() error {
	if o.UserID != nil && *o.UserID < 0 {
		return invalid("user_id", "%d is negative (0 means all users)", *o.UserID)
	}
	if o.Done < ActivityDoneAny || o.Done > ActivityUndoneOnly {
		return invalid("done", "%d is not an ActivityDoneFilter", int(o.Done))
	}
	return firstInvalid(
		checkOptionalID("filter_id", o.FilterID),
		checkKeyStrings("type", o.Types),
		checkDate("start_date", o.StartDate),
		checkDate("end_date", o.EndDate),
		o.ListOptions.validate(),
	)
}

// ActivityCreateParams are the fields of a new activity; none is required
// (Pipedrive defaults subject and type to "Call" and the owner to the
// authorizing user).
type ActivityCreateParams struct {
	Subject string `json:"subject,omitempty"`
	// Type is an ActivityTypes key_string such as "call" or "meeting".
	Type    string `json:"type,omitempty"`
	DueDate Date   `json:"due_date,omitempty"`
	// DueTime is "HH:MM" in UTC.
	DueTime string `json:"due_time,omitempty"`
	// Duration is "HH:MM".
	Duration string `json:"duration,omitempty"`
	DealID   int    `json:"deal_id,omitempty"`
	// LeadID is the UUID of a lead.
	LeadID    string `json:"lead_id,omitempty"`
	PersonID  int    `json:"person_id,omitempty"`
	OrgID     int    `json:"org_id,omitempty"`
	ProjectID int    `json:"project_id,omitempty"`
	// UserID assigns the activity to a user (default: the authorizing one).
	UserID int `json:"user_id,omitempty"`
	// Note is HTML.
	Note              string `json:"note,omitempty"`
	Location          string `json:"location,omitempty"`
	PublicDescription string `json:"public_description,omitempty"`
	BusyFlag          *bool  `json:"busy_flag,omitempty"`
	// Done is sent as 1 when true (and omitted when false).
	Done         bool                  `json:"-"`
	Participants []ActivityParticipant `json:"participants,omitempty"`
	Attendees    []ActivityAttendee    `json:"attendees,omitempty"`
	// CustomFields sets custom fields by their 40-hex keys.
	CustomFields map[string]any `json:"-"`
}

// MarshalJSON implements json.Marshaler, adding the custom fields.
func (p ActivityCreateParams) MarshalJSON() ([]byte, error) {
	type plain ActivityCreateParams
	return encodeCustom(struct {
		plain
		Done NumBool `json:"done,omitempty"`
	}{plain(p), NumBool(p.Done)}, p.CustomFields)
}

func (p *ActivityCreateParams) validate() error {
	return firstInvalid(
		checkDate("due_date", p.DueDate),
		v1Clock.check("due_time", p.DueTime),
		v1Duration.check("duration", p.Duration),
		checkOptionalID("deal_id", p.DealID),
		leadUUID.check("lead_id", p.LeadID),
		checkOptionalID("person_id", p.PersonID),
		checkOptionalID("org_id", p.OrgID),
		checkOptionalID("project_id", p.ProjectID),
		checkOptionalID("user_id", p.UserID),
		activityCheckParticipants(p.Participants),
		activityCheckAttendees(p.Attendees),
	)
}

// ActivityUpdateParams are the fields to change; nil fields are left
// unchanged and a pointer to a zero value sends it. A nil slice leaves
// participants or attendees unchanged. At least one field must be set.
type ActivityUpdateParams struct {
	Subject           *string `json:"subject,omitempty"`
	Type              *string `json:"type,omitempty"`
	DueDate           *Date   `json:"due_date,omitempty"`
	DueTime           *string `json:"due_time,omitempty"`
	Duration          *string `json:"duration,omitempty"`
	DealID            *int    `json:"deal_id,omitempty"`
	LeadID            *string `json:"lead_id,omitempty"`
	PersonID          *int    `json:"person_id,omitempty"`
	OrgID             *int    `json:"org_id,omitempty"`
	ProjectID         *int    `json:"project_id,omitempty"`
	UserID            *int    `json:"user_id,omitempty"`
	Note              *string `json:"note,omitempty"`
	Location          *string `json:"location,omitempty"`
	PublicDescription *string `json:"public_description,omitempty"`
	BusyFlag          *bool   `json:"busy_flag,omitempty"`
	// Done is sent as 1 or 0.
	Done         *bool                 `json:"-"`
	Participants []ActivityParticipant `json:"participants,omitempty"`
	Attendees    []ActivityAttendee    `json:"attendees,omitempty"`
	// CustomFields sets custom fields by their 40-hex keys.
	CustomFields map[string]any `json:"-"`
}

// MarshalJSON implements json.Marshaler, adding the custom fields.
func (p ActivityUpdateParams) MarshalJSON() ([]byte, error) {
	type plain ActivityUpdateParams
	return encodeCustom(struct {
		plain
		Done *NumBool `json:"done,omitempty"`
	}{plain(p), (*NumBool)(p.Done)}, p.CustomFields)
}

func (p *ActivityUpdateParams) validate() error {
	var errs []error
	errs = append(errs, checkDatePtr("due_date", p.DueDate))
	if p.DueTime != nil {
		errs = append(errs, v1Clock.check("due_time", *p.DueTime))
	}
	if p.Duration != nil {
		errs = append(errs, v1Duration.check("duration", *p.Duration))
	}
	errs = append(errs,
		checkIDPtr("deal_id", p.DealID),
		checkLeadIDPtr("lead_id", p.LeadID),
		checkIDPtr("person_id", p.PersonID),
		checkIDPtr("org_id", p.OrgID),
		checkIDPtr("project_id", p.ProjectID),
		checkIDPtr("user_id", p.UserID),
		activityCheckParticipants(p.Participants),
		activityCheckAttendees(p.Attendees),
		checkUpdate(p.isEmpty()),
	)
	return firstInvalid(errs...)
}

func (p *ActivityUpdateParams) isEmpty() bool {
	return len(p.CustomFields) == 0 && p.Subject == nil && p.Type == nil && p.DueDate == nil &&
		p.DueTime == nil && p.Duration == nil && p.DealID == nil && p.LeadID == nil &&
		p.PersonID == nil && p.OrgID == nil && p.ProjectID == nil && p.UserID == nil &&
		p.Note == nil && p.Location == nil && p.PublicDescription == nil && p.BusyFlag == nil &&
		p.Done == nil && p.Participants == nil && p.Attendees == nil
}

func activityCheckParticipants(ps []ActivityParticipant) error {
	for _, p := range ps {
		if err := checkID("participants.person_id", p.PersonID); err != nil {
			return err
		}
	}
	return nil
}

func activityCheckAttendees(as []ActivityAttendee) error {
	for _, a := range as {
		if a.EmailAddress == "" && a.PersonID == 0 {
			return invalid("attendees", "an attendee needs an email_address or a person_id")
		}
		if err := checkOptionalID("attendees.person_id", a.PersonID); err != nil {
			return err
		}
	}
	return nil
}

// List returns one page of activities.
//
// Pipedrive: GET /api/v1/activities,
// https://developers.pipedrive.com/docs/api/v1/Activities#getActivities.
// Token cost: 20.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Activities.List.
func (s *ActivitiesService) List(ctx context.Context, opts *ActivityListOptions) ([]*Activity, *Response, error) {
	if err := checkOptions(opts); err != nil {
		return nil, nil, err
	}
	return listPage[Activity](ctx, s.client, v1Path("activities"), queryOf(opts), "Client.V2.Activities.List")
}

// All iterates over every activity matching opts, fetching pages lazily
// from opts.Start. opts is copied, never modified.
//
// Pipedrive: GET /api/v1/activities (one call per page),
// https://developers.pipedrive.com/docs/api/v1/Activities#getActivities.
// Token cost: 20 per page.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Activities.All.
func (s *ActivitiesService) All(ctx context.Context, opts *ActivityListOptions) iter.Seq2[*Activity, error] {
	return allPages(ctx, offsetPages, opts, func(o *ActivityListOptions) *int { return &o.Start }, s.List)
}

// Get returns one activity.
//
// Pipedrive: GET /api/v1/activities/{id},
// https://developers.pipedrive.com/docs/api/v1/Activities#getActivity.
// Token cost: 2.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Activities.Get.
func (s *ActivitiesService) Get(ctx context.Context, id int) (*Activity, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	return v1Get[Activity](ctx, s.client, v1IDPath("activities", id), "Client.V2.Activities.Get")
}

// Create adds an activity and returns it (Pipedrive answers 201). The
// answer's additional_data.updates_story_id, which Pipedrive marks for
// deprecation, is not exposed.
//
// Pipedrive: POST /api/v1/activities,
// https://developers.pipedrive.com/docs/api/v1/Activities#addActivity.
// Token cost: 10.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Activities.Create.
func (s *ActivitiesService) Create(ctx context.Context, p *ActivityCreateParams) (*Activity, *Response, error) {
	if err := checkRequired(p, "params", "nil *ActivityCreateParams"); err != nil {
		return nil, nil, err
	}
	return v1Create[Activity](ctx, s.client, v1Path("activities"), p, "Client.V2.Activities.Create")
}

// Update changes the fields of an activity set in p and returns the
// activity.
//
// Pipedrive: PUT /api/v1/activities/{id},
// https://developers.pipedrive.com/docs/api/v1/Activities#updateActivity.
// Token cost: 10.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Activities.Update.
func (s *ActivitiesService) Update(ctx context.Context, id int, p *ActivityUpdateParams) (*Activity, *Response, error) {
	if err := firstInvalid(checkID("id", id), checkRequired(p, "params", "nil *ActivityUpdateParams")); err != nil {
		return nil, nil, err
	}
	return v1Update[Activity](ctx, s.client, v1IDPath("activities", id), p, "Client.V2.Activities.Update")
}

// Delete marks an activity as deleted; Pipedrive removes it for good
// after 30 days.
//
// Pipedrive: DELETE /api/v1/activities/{id},
// https://developers.pipedrive.com/docs/api/v1/Activities#deleteActivity.
// Token cost: 6.
//
// Deprecated: Pipedrive retired this endpoint on 2026-08-01; use Client.V2.Activities.Delete.
func (s *ActivitiesService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return deleteOne(ctx, s.client, v1IDPath("activities", id), "Client.V2.Activities.Delete")
}
