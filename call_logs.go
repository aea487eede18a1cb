package pipedrive

import (
	"context"
	"io"
	"iter"
	"mime"
	"net/http"
	"path/filepath"
	"strings"
	"time"
)

// CallLogsService logs calls and attaches their recordings (API v1).
type CallLogsService service

// CallOutcome is how a call ended.
type CallOutcome string

// Call outcomes.
const (
	CallConnected     CallOutcome = "connected"
	CallNoAnswer      CallOutcome = "no_answer"
	CallLeftMessage   CallOutcome = "left_message"
	CallLeftVoicemail CallOutcome = "left_voicemail"
	CallWrongNumber   CallOutcome = "wrong_number"
	CallBusy          CallOutcome = "busy"
)

// CallLog is a logged call. Its id is text ("CA…"); pass string(ID) to Get.
type CallLog struct {
	ID              FlexString  `json:"id"`
	ActivityID      int         `json:"activity_id"`
	PersonID        int         `json:"person_id"`
	OrgID           int         `json:"org_id"`
	DealID          int         `json:"deal_id"`
	LeadID          string      `json:"lead_id,omitempty"`
	Subject         string      `json:"subject"`
	Duration        FlexString  `json:"duration"`
	Outcome         CallOutcome `json:"outcome"`
	FromPhoneNumber string      `json:"from_phone_number"`
	ToPhoneNumber   string      `json:"to_phone_number"`
	HasRecording    bool        `json:"has_recording"`
	StartTime       time.Time   `json:"start_time"`
	EndTime         time.Time   `json:"end_time"`
	UserID          int         `json:"user_id"`
	CompanyID       int         `json:"company_id"`
	Note            string      `json:"note"`
}

// CallLogParams logs a call: Outcome, ToPhoneNumber, StartTime and EndTime
// are required.
type CallLogParams struct {
	Outcome         CallOutcome `json:"outcome"`
	ToPhoneNumber   string      `json:"to_phone_number"`
	StartTime       time.Time   `json:"start_time"`
	EndTime         time.Time   `json:"end_time"`
	FromPhoneNumber string      `json:"from_phone_number,omitempty"`
	Subject         string      `json:"subject,omitempty"`
	// Duration is in seconds, as text ("75").
	Duration   string `json:"duration,omitempty"`
	Note       string `json:"note,omitempty"`
	UserID     int    `json:"user_id,omitempty"`
	ActivityID int    `json:"activity_id,omitempty"`
	PersonID   int    `json:"person_id,omitempty"`
	OrgID      int    `json:"org_id,omitempty"`
	DealID     int    `json:"deal_id,omitempty"`
	// LeadID is a lead's UUID.
	LeadID string `json:"lead_id,omitempty"`
}

func (p *CallLogParams) validate() error {
	switch {
	case strings.TrimSpace(p.ToPhoneNumber) == "":
		return invalid("to_phone_number", "empty: the number called is required")
	case p.StartTime.IsZero() || p.EndTime.IsZero():
		return invalid("start_time", "start_time and end_time are required")
	case p.EndTime.Before(p.StartTime):
		return invalid("end_time", "%s is before start_time %s", p.EndTime.Format(time.RFC3339), p.StartTime.Format(time.RFC3339))
	}
	return firstInvalid(
		checkEnumList("outcome", []CallOutcome{p.Outcome}, CallConnected, CallNoAnswer, CallLeftMessage, CallLeftVoicemail, CallWrongNumber, CallBusy),
		checkOptionalID("user_id", p.UserID), checkOptionalID("activity_id", p.ActivityID), checkOptionalID("person_id", p.PersonID),
		checkOptionalID("org_id", p.OrgID), checkOptionalID("deal_id", p.DealID), leadUUID.check("lead_id", p.LeadID),
	)
}

func checkCallLogID(id string) error {
	if id == "" || strings.ContainsAny(id, "/?#% ") {
		return invalid("id", "%q is not a call log id", id)
	}
	return nil
}

// List returns one page of the authorizing user's call logs.
//
// Pipedrive: GET /api/v1/callLogs (https://developers.pipedrive.com/docs/api/v1/CallLogs#getUserCallLogs).
// Token cost: 20.
func (s *CallLogsService) List(ctx context.Context, opts *ListOptions) ([]*CallLog, *Response, error) {
	var check error
	if opts != nil {
		check = opts.validate()
	}
	return validated(check, func() ([]*CallLog, *Response, error) {
		return listPage[CallLog](ctx, s.client, v1Path("callLogs"), queryOf(opts), "")
	})
}

// All iterates over every call log, fetching pages lazily.
//
// Pipedrive: GET /api/v1/callLogs, once per page.
// Token cost: 20 per page.
func (s *CallLogsService) All(ctx context.Context, opts *ListOptions) iter.Seq2[*CallLog, error] {
	return allPages(ctx, offsetPages, opts, func(o *ListOptions) *int { return &o.Start }, s.List)
}

// Get returns a call log.
//
// Pipedrive: GET /api/v1/callLogs/{id} (https://developers.pipedrive.com/docs/api/v1/CallLogs#getCallLog).
// Token cost: 2.
func (s *CallLogsService) Get(ctx context.Context, id string) (*CallLog, *Response, error) {
	return validated(checkCallLogID(id), func() (*CallLog, *Response, error) {
		return v1Get[CallLog](ctx, s.client, v1Path("callLogs", id), "")
	})
}

// Create logs a call.
//
// Pipedrive: POST /api/v1/callLogs (https://developers.pipedrive.com/docs/api/v1/CallLogs#addCallLog).
// Token cost: 10.
func (s *CallLogsService) Create(ctx context.Context, p *CallLogParams) (*CallLog, *Response, error) {
	return validated(checkRequired(p, "params", "nil *CallLogParams"), func() (*CallLog, *Response, error) {
		q := *p
		q.StartTime, q.EndTime = p.StartTime.UTC(), p.EndTime.UTC()
		return v1Create[CallLog](ctx, s.client, v1Path("callLogs"), &q, "")
	})
}

// Delete removes a call log.
//
// Pipedrive: DELETE /api/v1/callLogs/{id} (https://developers.pipedrive.com/docs/api/v1/CallLogs#deleteCallLog).
// Token cost: 6.
func (s *CallLogsService) Delete(ctx context.Context, id string) (*Response, error) {
	if err := checkCallLogID(id); err != nil {
		return nil, err
	}
	return deletePath(ctx, s.client, v1Path("callLogs", id))
}

// AddRecording attaches the audio of a call, streamed from r (never held
// in memory whole; an upload that may have reached Pipedrive is not sent
// again unless r is an io.ReadSeeker and the failure was a 429 or a
// refused connection). filename's extension gives the content type.
//
// Pipedrive: POST /api/v1/callLogs/{id}/recordings (https://developers.pipedrive.com/docs/api/v1/CallLogs#addCallLogAudioFile).
// Token cost: 10.
func (s *CallLogsService) AddRecording(ctx context.Context, id, filename string, r io.Reader) (*Response, error) {
	check := checkCallLogID(id)
	if check == nil && r == nil {
		check = invalid("file", "nil io.Reader: the recording is required")
	}
	if check == nil && filename == "" {
		check = invalid("file", "empty file name")
	}
	if check != nil {
		return nil, check
	}
	up := newUpload("file", filepath.Base(filename), mime.TypeByExtension(filepath.Ext(filename)), r)
	return s.client.do(ctx, &request{method: http.MethodPost, path: v1Path("callLogs", id, "recordings"), upload: up}, nil)
}
