package pipedrivetest

import "time"

// The types in this file are the version-neutral data model of one emulated
// Pipedrive company. They deliberately do not mirror any API version's wire
// shape: v1 renderers (v1_*.go) turn them into v1 JSON, and v2 renderers can
// be added next to them to serve v2 views of exactly the same rows.
//
// Conventions: an ID of 0 means "not linked"; optional scalars are pointers
// (nil = unset); times are UTC time.Time values (zero = unset); dates are
// "YYYY-MM-DD" strings ("" = unset) and clock times are "HH:MM" strings.

// entity is implemented by every row type (through the embedded record).
type entity interface {
	rec() *record
}

// record holds the fields every stored row has.
type record struct {
	ID         int
	Deleted    bool // soft-deleted ("marked as deleted"; v1 active_flag=false, v2 is_deleted=true)
	AddTime    time.Time
	UpdateTime time.Time
	// Custom holds the custom-field values keyed by the field's 40-hex key,
	// in the version-neutral form described at customValue. Values are
	// replaced, never mutated in place, so that rows can be cloned shallowly.
	Custom map[string]customValue
}

func (r *record) rec() *record { return r }

// user is a Pipedrive user of the company.
type user struct {
	record
	Name            string
	Email           string
	Phone           *string
	DefaultCurrency string
	Locale          string
	Lang            int
	TimezoneName    string
	TimezoneOffset  string
	RoleID          int
	Admin           bool
	Activated       bool
	IconURL         *string
	HasPic          bool
}

// pipeline is a sales pipeline.
type pipeline struct {
	record
	Name            string
	OrderNr         int
	Active          bool
	DealProbability bool
}

// stage is a stage of a pipeline.
type stage struct {
	record
	PipelineID      int
	Name            string
	OrderNr         int
	Active          bool
	DealProbability int
	RottenFlag      bool
	RottenDays      *int
}

// deal is a deal. Deleted deals keep their last open/won/lost Status.
type deal struct {
	record
	Title             string
	Value             float64
	Currency          string
	OwnerID           int // v1 user_id, v2 owner_id
	CreatorUserID     int
	PersonID          int
	OrgID             int
	PipelineID        int
	StageID           int
	Status            string // open, won, lost
	Probability       *float64
	LostReason        *string
	VisibleTo         int
	LabelIDs          []int
	ExpectedCloseDate string
	StageChangeTime   time.Time
	CloseTime         time.Time
	WonTime           time.Time
	FirstWonTime      time.Time
	LostTime          time.Time
	IsArchived        bool
	ArchiveTime       time.Time
	OriginID          *string
	Channel           *int
	ChannelID         *string
	// StageTimes accumulates seconds spent in each stage before the current
	// one (used for stay_in_pipeline_stages).
	StageTimes map[int]int64
}

// contact is one email address or phone number of a person.
type contact struct {
	Value   string
	Primary bool
	Label   string
}

// person is a contact person.
type person struct {
	record
	Name            string
	FirstName       string
	LastName        string
	OwnerID         int
	OrgID           int
	Emails          []contact
	Phones          []contact
	LabelIDs        []int
	VisibleTo       int
	MarketingStatus string
	// The fields below only exist in API v2 (Contact Sync).
	Notes         string
	IMs           []contact
	Birthday      string
	JobTitle      string
	PostalAddress map[string]string // "value" and the address components
}

// organization is a company the user sells to.
type organization struct {
	record
	Name      string
	OwnerID   int
	Address   *string
	AddrParts map[string]string // address_route etc. keyed by their v1 suffix ("route")
	LabelIDs  []int
	VisibleTo int
	// The fields below only exist in API v2.
	Website       *string
	LinkedIn      *string
	Industry      *int
	AnnualRevenue *int
	EmployeeCount *int
}

// participant links a person to an activity.
type participant struct {
	PersonID    int
	PrimaryFlag bool
}

// activity is a calendar activity/task.
type activity struct {
	record
	Subject           string
	Type              string
	Done              bool
	DueDate           string
	DueTime           string
	Duration          string
	DealID            int
	LeadID            *string
	PersonID          int
	OrgID             int
	ProjectID         *int
	OwnerID           int // v1 user_id
	CreatorUserID     int
	UpdateUserID      int
	Location          string
	LocationParts     map[string]string // address components of the location, by v1 suffix
	PublicDescription string
	Note              string
	BusyFlag          *bool
	Participants      []participant
	Attendees         []any
	MarkedAsDoneTime  time.Time
	Priority          *int
}

// note is an HTML note attached to deals, persons, organizations, leads or
// projects.
type note struct {
	record
	Content          string
	DealID           int
	PersonID         int
	OrgID            int
	LeadID           string
	ProjectID        int
	UserID           int
	LastUpdateUserID int
	PinnedLead       bool
	PinnedDeal       bool
	PinnedOrg        bool
	PinnedPerson     bool
	PinnedProject    bool
}
