package pipedrive

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"strings"
)

// NotesService reads and writes notes attached to deals, persons,
// organizations, leads and projects, through Pipedrive's API v1 (notes
// have no API v2 replacement and are not retired).
//
// https://developers.pipedrive.com/docs/api/v1/Notes
type NotesService service

// Note is a note as API v1 returns it. Ids are plain numbers (0 when the
// note is not attached to that kind of entity).
type Note struct {
	ID int `json:"id"`
	// Content is HTML, sanitized by Pipedrive.
	Content          string `json:"content"`
	ActiveFlag       bool   `json:"active_flag"`
	UserID           int    `json:"user_id"`
	LastUpdateUserID int    `json:"last_update_user_id"`
	DealID           int    `json:"deal_id"`
	PersonID         int    `json:"person_id"`
	OrgID            int    `json:"org_id"`
	ProjectID        int    `json:"project_id"`
	// LeadID is the UUID of the lead, "" when none.
	LeadID string `json:"lead_id"`

	PinnedToLeadFlag         bool `json:"pinned_to_lead_flag"`
	PinnedToDealFlag         bool `json:"pinned_to_deal_flag"`
	PinnedToOrganizationFlag bool `json:"pinned_to_organization_flag"`
	PinnedToPersonFlag       bool `json:"pinned_to_person_flag"`
	PinnedToProjectFlag      bool `json:"pinned_to_project_flag"`

	AddTime    Time `json:"add_time"`
	UpdateTime Time `json:"update_time"`

	// Denormalized details of the linked entities and the author; nil when
	// Pipedrive sends none.
	Deal         *NoteDeal         `json:"deal"`
	Organization *NoteOrganization `json:"organization"`
	Person       *NotePerson       `json:"person"`
	Project      *NoteProject      `json:"project"`
	User         *NoteUser         `json:"user"`
}

// NoteDeal is the deal a note is attached to.
type NoteDeal struct {
	Title string `json:"title"`
}

// NoteOrganization is the organization a note is attached to.
type NoteOrganization struct {
	Name string `json:"name"`
}

// NotePerson is the person a note is attached to.
type NotePerson struct {
	Name string `json:"name"`
}

// NoteProject is the project a note is attached to.
type NoteProject struct {
	Title string `json:"title"`
}

// NoteUser is the author of a note.
type NoteUser struct {
	Email   string `json:"email"`
	IconURL string `json:"icon_url"`
	// IsYou tells whether the authorizing user wrote the note.
	IsYou bool   `json:"is_you"`
	Name  string `json:"name"`
}

// NoteListOptions filters Notes.List and Notes.All. Zero fields are not
// sent; a nil pinned flag does not filter, a pointer to true or false
// keeps pinned or unpinned notes (sent as 1 or 0).
type NoteListOptions struct {
	// UserID keeps the notes of one author (0: all users).
	UserID int `url:"user_id,omitempty"`
	// LeadID is a lead's UUID.
	LeadID    string `url:"lead_id,omitempty"`
	DealID    int    `url:"deal_id,omitempty"`
	PersonID  int    `url:"person_id,omitempty"`
	OrgID     int    `url:"org_id,omitempty"`
	ProjectID int    `url:"project_id,omitempty"`
	// Sort is "field ASC" or "field DESC" pairs separated by commas; the
	// fields are id, user_id, deal_id, person_id, org_id, content,
	// add_time and update_time.
	Sort string `url:"sort,omitempty"`
	// StartDate and EndDate bound the notes' dates.
	StartDate Date `url:"start_date,omitempty"`
	EndDate   Date `url:"end_date,omitempty"`

	PinnedToLeadFlag         *bool `url:"pinned_to_lead_flag,omitempty,int"`
	PinnedToDealFlag         *bool `url:"pinned_to_deal_flag,omitempty,int"`
	PinnedToOrganizationFlag *bool `url:"pinned_to_organization_flag,omitempty,int"`
	PinnedToPersonFlag       *bool `url:"pinned_to_person_flag,omitempty,int"`
	PinnedToProjectFlag      *bool `url:"pinned_to_project_flag,omitempty,int"`
	ListOptions
}

var noteSortFields = map[string]bool{
	"id": true, "user_id": true, "deal_id": true, "person_id": true,
	"org_id": true, "content": true, "add_time": true, "update_time": true,
}

func checkNoteSort(sort string) error {
	if sort == "" {
		return nil
	}
	for _, part := range strings.Split(sort, ",") {
		f := strings.Fields(part)
		ok := len(f) == 1 || len(f) == 2 && (strings.EqualFold(f[1], "ASC") || strings.EqualFold(f[1], "DESC"))
		if !ok || !noteSortFields[f[0]] {
			return invalid("sort", "%q is not \"field [ASC|DESC]\" with field one of id, user_id, deal_id, person_id, org_id, content, add_time, update_time", strings.TrimSpace(part))
		}
	}
	return nil
}

func (o *NoteListOptions) validate() error {
	return firstInvalid(
		checkOptionalID("user_id", o.UserID),
		leadUUID.check("lead_id", o.LeadID),
		checkOptionalID("deal_id", o.DealID),
		checkOptionalID("person_id", o.PersonID),
		checkOptionalID("org_id", o.OrgID),
		checkOptionalID("project_id", o.ProjectID),
		checkNoteSort(o.Sort),
		checkDate("start_date", o.StartDate),
		checkDate("end_date", o.EndDate),
		o.ListOptions.validate(),
	)
}

// NoteCreateParams are the fields of a new note. Content is required, and
// so is at least one of DealID, PersonID, OrgID, LeadID and ProjectID.
// A pinned flag needs the matching id.
type NoteCreateParams struct {
	// Content is HTML.
	Content string `json:"content"`
	// LeadID is a lead's UUID.
	LeadID    string `json:"lead_id,omitempty"`
	DealID    int    `json:"deal_id,omitempty"`
	PersonID  int    `json:"person_id,omitempty"`
	OrgID     int    `json:"org_id,omitempty"`
	ProjectID int    `json:"project_id,omitempty"`
	// UserID sets the author (admins only; default: the authorizing user).
	UserID int `json:"user_id,omitempty"`
	// AddTime backdates the note (sent as "YYYY-MM-DD HH:MM:SS" UTC).
	AddTime *Time `json:"add_time,omitempty"`

	// The pinned flags are sent as 1 when true (and omitted when false).
	PinnedToLeadFlag         bool `json:"-"`
	PinnedToDealFlag         bool `json:"-"`
	PinnedToOrganizationFlag bool `json:"-"`
	PinnedToPersonFlag       bool `json:"-"`
	PinnedToProjectFlag      bool `json:"-"`
}

// MarshalJSON implements json.Marshaler, sending the pinned flags as 1.
func (p NoteCreateParams) MarshalJSON() ([]byte, error) {
	type plain NoteCreateParams
	return json.Marshal(struct {
		plain
		PinnedToLeadFlag         NumBool `json:"pinned_to_lead_flag,omitempty"`
		PinnedToDealFlag         NumBool `json:"pinned_to_deal_flag,omitempty"`
		PinnedToOrganizationFlag NumBool `json:"pinned_to_organization_flag,omitempty"`
		PinnedToPersonFlag       NumBool `json:"pinned_to_person_flag,omitempty"`
		PinnedToProjectFlag      NumBool `json:"pinned_to_project_flag,omitempty"`
	}{plain(p), NumBool(p.PinnedToLeadFlag), NumBool(p.PinnedToDealFlag), NumBool(p.PinnedToOrganizationFlag), NumBool(p.PinnedToPersonFlag), NumBool(p.PinnedToProjectFlag)})
}

func (p *NoteCreateParams) validate() error {
	if strings.TrimSpace(p.Content) == "" {
		return invalid("content", "empty: a note needs content")
	}
	if p.DealID == 0 && p.PersonID == 0 && p.OrgID == 0 && p.LeadID == "" && p.ProjectID == 0 {
		return invalid("deal_id", "a note needs one of deal_id, person_id, org_id, lead_id or project_id")
	}
	pins := []struct {
		flag     bool
		field    string
		attached bool
	}{
		{p.PinnedToLeadFlag, "pinned_to_lead_flag", p.LeadID != ""},
		{p.PinnedToDealFlag, "pinned_to_deal_flag", p.DealID != 0},
		{p.PinnedToOrganizationFlag, "pinned_to_organization_flag", p.OrgID != 0},
		{p.PinnedToPersonFlag, "pinned_to_person_flag", p.PersonID != 0},
		{p.PinnedToProjectFlag, "pinned_to_project_flag", p.ProjectID != 0},
	}
	for _, pin := range pins {
		if pin.flag && !pin.attached {
			return invalid(pin.field, "set without the matching id")
		}
	}
	return firstInvalid(
		leadUUID.check("lead_id", p.LeadID),
		checkOptionalID("deal_id", p.DealID),
		checkOptionalID("person_id", p.PersonID),
		checkOptionalID("org_id", p.OrgID),
		checkOptionalID("project_id", p.ProjectID),
		checkOptionalID("user_id", p.UserID),
		checkTimePtr("add_time", p.AddTime),
	)
}

// NoteUpdateParams are the fields to change (at least one); nil fields are
// left unchanged. The pinned flags (pipedrive.Ptr(true) or pipedrive.Ptr(false))
// are sent as 1 or 0.
type NoteUpdateParams struct {
	// Content is HTML; it cannot be set to "".
	Content *string `json:"content,omitempty"`
	// LeadID is a lead's UUID.
	LeadID    *string `json:"lead_id,omitempty"`
	DealID    *int    `json:"deal_id,omitempty"`
	PersonID  *int    `json:"person_id,omitempty"`
	OrgID     *int    `json:"org_id,omitempty"`
	ProjectID *int    `json:"project_id,omitempty"`
	UserID    *int    `json:"user_id,omitempty"`
	AddTime   *Time   `json:"add_time,omitempty"`

	PinnedToLeadFlag         *bool `json:"-"`
	PinnedToDealFlag         *bool `json:"-"`
	PinnedToOrganizationFlag *bool `json:"-"`
	PinnedToPersonFlag       *bool `json:"-"`
	PinnedToProjectFlag      *bool `json:"-"`
}

// MarshalJSON implements json.Marshaler, sending the pinned flags as 0 or 1.
func (p NoteUpdateParams) MarshalJSON() ([]byte, error) {
	type plain NoteUpdateParams
	return json.Marshal(struct {
		plain
		PinnedToLeadFlag         *NumBool `json:"pinned_to_lead_flag,omitempty"`
		PinnedToDealFlag         *NumBool `json:"pinned_to_deal_flag,omitempty"`
		PinnedToOrganizationFlag *NumBool `json:"pinned_to_organization_flag,omitempty"`
		PinnedToPersonFlag       *NumBool `json:"pinned_to_person_flag,omitempty"`
		PinnedToProjectFlag      *NumBool `json:"pinned_to_project_flag,omitempty"`
	}{plain(p), (*NumBool)(p.PinnedToLeadFlag), (*NumBool)(p.PinnedToDealFlag), (*NumBool)(p.PinnedToOrganizationFlag), (*NumBool)(p.PinnedToPersonFlag), (*NumBool)(p.PinnedToProjectFlag)})
}

func (p *NoteUpdateParams) validate() error {
	if p.Content != nil && strings.TrimSpace(*p.Content) == "" {
		return invalid("content", "empty: a note needs content")
	}
	return firstInvalid(
		checkTimePtr("add_time", p.AddTime),
		checkLeadIDPtr("lead_id", p.LeadID),
		checkIDPtr("deal_id", p.DealID),
		checkIDPtr("person_id", p.PersonID),
		checkIDPtr("org_id", p.OrgID),
		checkIDPtr("project_id", p.ProjectID),
		checkIDPtr("user_id", p.UserID),
		checkUpdate(p.isEmpty()),
	)
}

func (p *NoteUpdateParams) isEmpty() bool {
	return p.Content == nil && p.LeadID == nil && p.DealID == nil && p.PersonID == nil &&
		p.OrgID == nil && p.ProjectID == nil && p.UserID == nil && p.AddTime == nil &&
		p.PinnedToLeadFlag == nil && p.PinnedToDealFlag == nil && p.PinnedToOrganizationFlag == nil &&
		p.PinnedToPersonFlag == nil && p.PinnedToProjectFlag == nil
}

// List returns one page of notes.
//
// Pipedrive: GET /api/v1/notes,
// https://developers.pipedrive.com/docs/api/v1/Notes#getNotes.
// Token cost: 20.
func (s *NotesService) List(ctx context.Context, opts *NoteListOptions) ([]*Note, *Response, error) {
	if err := checkOptions(opts); err != nil {
		return nil, nil, err
	}
	return listPage[Note](ctx, s.client, v1Path("notes"), queryOf(opts), "")
}

// All iterates over every note matching opts, fetching pages lazily from
// opts.Start. opts is copied, never modified.
//
// Pipedrive: GET /api/v1/notes (one call per page),
// https://developers.pipedrive.com/docs/api/v1/Notes#getNotes.
// Token cost: 20 per page.
func (s *NotesService) All(ctx context.Context, opts *NoteListOptions) iter.Seq2[*Note, error] {
	return allPages(ctx, offsetPages, opts, func(o *NoteListOptions) *int { return &o.Start }, s.List)
}

// Get returns one note.
//
// Pipedrive: GET /api/v1/notes/{id},
// https://developers.pipedrive.com/docs/api/v1/Notes#getNote.
// Token cost: 2.
func (s *NotesService) Get(ctx context.Context, id int) (*Note, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	return v1Get[Note](ctx, s.client, v1IDPath("notes", id), "")
}

// Create adds a note and returns it. Pipedrive answers 200, not 201.
//
// Pipedrive: POST /api/v1/notes,
// https://developers.pipedrive.com/docs/api/v1/Notes#addNote.
// Token cost: 10.
func (s *NotesService) Create(ctx context.Context, p *NoteCreateParams) (*Note, *Response, error) {
	if err := checkRequired(p, "params", "nil *NoteCreateParams"); err != nil {
		return nil, nil, err
	}
	return v1Create[Note](ctx, s.client, v1Path("notes"), p, "")
}

// Update changes the fields of a note set in p and returns the note.
//
// Pipedrive: PUT /api/v1/notes/{id},
// https://developers.pipedrive.com/docs/api/v1/Notes#updateNote.
// Token cost: 10.
func (s *NotesService) Update(ctx context.Context, id int, p *NoteUpdateParams) (*Note, *Response, error) {
	if err := firstInvalid(checkID("id", id), checkRequired(p, "params", "nil *NoteUpdateParams")); err != nil {
		return nil, nil, err
	}
	return v1Update[Note](ctx, s.client, v1IDPath("notes", id), p, "")
}

// Delete deletes a note. Pipedrive answers "data": true here, not the
// {"id": ...} object of entity deletes.
//
// Pipedrive: DELETE /api/v1/notes/{id},
// https://developers.pipedrive.com/docs/api/v1/Notes#deleteNote.
// Token cost: 6.
func (s *NotesService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	var ok FlexBool
	return s.client.do(ctx, &request{method: http.MethodDelete, path: v1IDPath("notes", id)}, &ok)
}
