package pipedrive

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"strconv"
)

// What Pipedrive keeps about a deal, person or organization beside its
// fields (API v1, current, although the v1 CRUD of these entities is
// retired): the changelog of its fields, its flow of updates, its files
// and mail messages, the users who may see it, and merging. The methods
// of the three services call the helpers below with their resource.

// FlexString is text that Pipedrive sends as a JSON string and at times
// as a number or a boolean (a changed value: "100" or 100). A number or
// boolean keeps its JSON spelling; null decodes as "" (use *FlexString to
// tell null apart). It encodes as a JSON string.
type FlexString string

// UnmarshalJSON implements json.Unmarshaler.
func (s *FlexString) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	switch {
	case isNull(data):
		*s = ""
	case len(data) > 0 && data[0] == '"':
		var v string
		if err := json.Unmarshal(data, &v); err != nil {
			return err
		}
		*s = FlexString(v)
	case len(data) > 0 && (data[0] == '{' || data[0] == '['):
		return fmt.Errorf("pipedrive: %s is not a text, number or boolean", data)
	default:
		if !json.Valid(data) {
			return fmt.Errorf("pipedrive: %q is not JSON", data)
		}
		*s = FlexString(data)
	}
	return nil
}

// ChangelogEntry is one change of one field of a deal, person or
// organization. FieldKey is the field's key (a custom field's 40-hex key).
type ChangelogEntry struct {
	FieldKey    string      `json:"field_key"`
	OldValue    *FlexString `json:"old_value"`
	NewValue    *FlexString `json:"new_value"`
	ActorUserID int         `json:"actor_user_id"`
	Time        Time        `json:"time"`
	// ChangeSource is where the change came from: "app", "api"...
	ChangeSource          string   `json:"change_source"`
	ChangeSourceUserAgent string   `json:"change_source_user_agent"`
	IsBulkUpdate          FlexBool `json:"is_bulk_update_flag"`
}

// ChangelogOptions pages a changelog by cursor.
type ChangelogOptions struct {
	// Cursor is where the page starts: "" for the newest change, or the
	// Response.NextCursor of the previous page.
	Cursor string `url:"cursor,omitempty"`
	// Limit is the page size: 0 means the server default (100), 1..500.
	Limit int `url:"limit,omitempty"`
}

func (o *ChangelogOptions) validate() error {
	if o == nil {
		return nil
	}
	return checkLimit(o.Limit)
}

// File is a file attached to a deal, person, organization, product,
// activity, lead or project (API v1).
type File struct {
	ID             int      `json:"id"`
	UserID         int      `json:"user_id"`
	DealID         int      `json:"deal_id"`
	PersonID       int      `json:"person_id"`
	OrgID          int      `json:"org_id"`
	ProductID      int      `json:"product_id"`
	ActivityID     int      `json:"activity_id"`
	LeadID         string   `json:"lead_id"`
	ProjectID      int      `json:"project_id"`
	AddTime        Time     `json:"add_time"`
	UpdateTime     Time     `json:"update_time"`
	FileName       string   `json:"file_name"`
	FileType       string   `json:"file_type"`
	FileSize       int64    `json:"file_size"`
	ActiveFlag     FlexBool `json:"active_flag"`
	InlineFlag     FlexBool `json:"inline_flag"`
	RemoteLocation string   `json:"remote_location"`
	RemoteID       string   `json:"remote_id"`
	DealName       string   `json:"deal_name"`
	PersonName     string   `json:"person_name"`
	OrgName        string   `json:"org_name"`
	ProductName    string   `json:"product_name"`
	LeadName       string   `json:"lead_name"`
	// URL downloads the file (it needs the same authorization).
	URL         string `json:"url"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// MailParty is a sender or recipient of a mail message.
type MailParty struct {
	ID                 int    `json:"id"`
	EmailAddress       string `json:"email_address"`
	Name               string `json:"name"`
	LinkedPersonID     int    `json:"linked_person_id"`
	LinkedPersonName   string `json:"linked_person_name"`
	MailMessagePartyID int    `json:"mail_message_party_id"`
}

// MailMessage is a mail message linked to a deal, person or organization.
type MailMessage struct {
	ID                 int         `json:"id"`
	From               []MailParty `json:"from"`
	To                 []MailParty `json:"to"`
	CC                 []MailParty `json:"cc"`
	BCC                []MailParty `json:"bcc"`
	Subject            string      `json:"subject"`
	Snippet            string      `json:"snippet"`
	Body               string      `json:"body,omitempty"`
	BodyURL            string      `json:"body_url"`
	UserID             int         `json:"user_id"`
	MailThreadID       int         `json:"mail_thread_id"`
	MailTrackingStatus string      `json:"mail_tracking_status"`
	ReadFlag           FlexBool    `json:"read_flag"`
	DraftFlag          FlexBool    `json:"draft_flag"`
	SentFlag           FlexBool    `json:"sent_flag"`
	HasAttachmentsFlag FlexBool    `json:"has_attachments_flag"`
	MessageTime        Time        `json:"message_time"`
	AddTime            Time        `json:"add_time"`
	UpdateTime         Time        `json:"update_time"`
}

// FlowChange is a change of one field, as it appears in a flow.
type FlowChange struct {
	ID                    int         `json:"id"`
	ItemID                int         `json:"item_id"`
	UserID                int         `json:"user_id"`
	FieldKey              string      `json:"field_key"`
	OldValue              *FlexString `json:"old_value"`
	NewValue              *FlexString `json:"new_value"`
	IsBulkUpdate          FlexBool    `json:"is_bulk_update_flag"`
	LogTime               Time        `json:"log_time"`
	ChangeSource          string      `json:"change_source"`
	ChangeSourceUserAgent string      `json:"change_source_user_agent"`
}

// FlowItem is one update in the flow of a deal, person or organization.
// Object names its kind and exactly one field holds it: Change for
// "dealChange", "personChange" and "organizationChange", Activity,
// Note, File and MailMessage for "activity", "note", "file" and
// "mailMessage". Any other kind, or a known kind whose data does not
// decode, is kept in Unknown as Pipedrive sent it, so that a new kind
// never breaks a flow.
type FlowItem struct {
	Object      string
	Timestamp   Time
	Change      *FlowChange
	Activity    *Activity
	Note        *Note
	File        *File
	MailMessage *MailMessage
	Unknown     json.RawMessage
}

// flowWire is a FlowItem as Pipedrive sends it.
type flowWire struct {
	Object    string          `json:"object"`
	Timestamp Time            `json:"timestamp"`
	Data      json.RawMessage `json:"data"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (f *FlowItem) UnmarshalJSON(data []byte) error {
	var w flowWire
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	*f = FlowItem{Object: w.Object, Timestamp: w.Timestamp}
	present := len(w.Data) > 0 && !isNull(w.Data)
	into := func(v any) bool { return present && json.Unmarshal(w.Data, v) == nil }
	var known bool
	switch w.Object {
	case "dealChange", "personChange", "organizationChange":
		f.Change = new(FlowChange)
		if known = into(f.Change); !known {
			f.Change = nil
		}
	case "activity":
		f.Activity = new(Activity)
		if known = into(f.Activity); !known {
			f.Activity = nil
		}
	case "note":
		f.Note = new(Note)
		if known = into(f.Note); !known {
			f.Note = nil
		}
	case "file":
		f.File = new(File)
		if known = into(f.File); !known {
			f.File = nil
		}
	case "mailMessage":
		f.MailMessage = new(MailMessage)
		if known = into(f.MailMessage); !known {
			f.MailMessage = nil
		}
	}
	if !known && present {
		f.Unknown = bytes.Clone(w.Data)
	}
	return nil
}

// MarshalJSON implements json.Marshaler, in Pipedrive's shape.
func (f FlowItem) MarshalJSON() ([]byte, error) {
	var data any = f.Unknown
	switch {
	case f.Change != nil:
		data = f.Change
	case f.Activity != nil:
		data = f.Activity
	case f.Note != nil:
		data = f.Note
	case f.File != nil:
		data = f.File
	case f.MailMessage != nil:
		data = f.MailMessage
	case f.Unknown == nil:
		data = nil
	}
	return json.Marshal(struct {
		Object    string `json:"object"`
		Timestamp Time   `json:"timestamp"`
		Data      any    `json:"data"`
	}{f.Object, f.Timestamp, data})
}

// FlowOptions pages and filters a flow.
type FlowOptions struct {
	ListOptions
	// AllChanges includes the changes of every field, not only the
	// important ones.
	AllChanges bool `url:"all_changes,int,omitempty"`
	// Items limits the kinds of update ("activity", "note", "dealChange"...).
	Items []string `url:"items,comma,omitempty"`
}

func (o *FlowOptions) validate() error {
	if o == nil {
		return nil
	}
	return o.ListOptions.validate()
}

func (o *FlowOptions) query() any { return queryOf(o) }

// MailMessageOptions pages mail messages; IncludeBody adds each message's
// body.
type MailMessageOptions struct {
	ListOptions
	IncludeBody bool `url:"include_body,int,omitempty"`
}

func (o *MailMessageOptions) validate() error {
	if o == nil {
		return nil
	}
	return o.ListOptions.validate()
}

// mailMessageItem is one element of a mail message list.
type mailMessageItem struct {
	Data *MailMessage `json:"data"`
}

// FileListOptions pages and sorts files; Limit is at most 100.
type FileListOptions struct {
	ListOptions
	// Sort is "field ASC" or "field DESC" on id, update_time... (Pipedrive's
	// sort syntax).
	Sort string `url:"sort,omitempty"`
}

// maxFileLimit is the largest page of files Pipedrive serves.
const maxFileLimit = 100

func (o *FileListOptions) validate() error {
	if o == nil {
		return nil
	}
	if o.Limit < 0 || o.Limit > maxFileLimit {
		return invalid("limit", "%d is outside 0..%d (files come at most 100 a page)", o.Limit, maxFileLimit)
	}
	return o.ListOptions.validate()
}

// mergeBody names the entity another one is merged into.
type mergeBody struct {
	MergeWithID int `json:"merge_with_id"`
}

// entityHistory holds the shared requests of the three services.
type entityHistory struct {
	c    *Client
	path string // "deals"
}

func (h entityHistory) changelog(ctx context.Context, id int, opts *ChangelogOptions) ([]*ChangelogEntry, *Response, error) {
	return validated(firstInvalid(checkID("id", id), opts.validate()), func() ([]*ChangelogEntry, *Response, error) {
		return listPage[ChangelogEntry](ctx, h.c, v1Path(h.path, strconv.Itoa(id), "changelog"), queryOf(opts), "")
	})
}

func (h entityHistory) changelogAll(ctx context.Context, id int, opts *ChangelogOptions) iter.Seq2[*ChangelogEntry, error] {
	return allPages(ctx, cursorPages, opts, func(o *ChangelogOptions) *string { return &o.Cursor },
		func(ctx context.Context, o *ChangelogOptions) ([]*ChangelogEntry, *Response, error) {
			return h.changelog(ctx, id, o)
		})
}

func (h entityHistory) flow(ctx context.Context, id int, opts *FlowOptions) ([]*FlowItem, *Response, error) {
	return validated(firstInvalid(checkID("id", id), opts.validate()), func() ([]*FlowItem, *Response, error) {
		return listPage[FlowItem](ctx, h.c, v1Path(h.path, strconv.Itoa(id), "flow"), opts.query(), "")
	})
}

func (h entityHistory) flowAll(ctx context.Context, id int, opts *FlowOptions) iter.Seq2[*FlowItem, error] {
	return allPages(ctx, offsetPages, opts, func(o *FlowOptions) *int { return &o.Start },
		func(ctx context.Context, o *FlowOptions) ([]*FlowItem, *Response, error) { return h.flow(ctx, id, o) })
}

func (h entityHistory) files(ctx context.Context, id int, opts *FileListOptions) ([]*File, *Response, error) {
	return validated(firstInvalid(checkID("id", id), opts.validate()), func() ([]*File, *Response, error) {
		return listPage[File](ctx, h.c, v1Path(h.path, strconv.Itoa(id), "files"), queryOf(opts), "")
	})
}

func (h entityHistory) mailMessages(ctx context.Context, id int, opts *MailMessageOptions) ([]*MailMessage, *Response, error) {
	return validated(firstInvalid(checkID("id", id), opts.validate()), func() ([]*MailMessage, *Response, error) {
		items, resp, err := listPage[mailMessageItem](ctx, h.c, v1Path(h.path, strconv.Itoa(id), "mailMessages"), queryOf(opts), "")
		if err != nil {
			return nil, resp, err
		}
		out := make([]*MailMessage, 0, len(items))
		for _, it := range items {
			if it.Data != nil {
				out = append(out, it.Data)
			}
		}
		return out, resp, nil
	})
}

func (h entityHistory) permittedUsers(ctx context.Context, id int) ([]int, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	var ids []int
	resp, err := h.c.do(ctx, &request{method: http.MethodGet, path: v1Path(h.path, strconv.Itoa(id), "permittedUsers")}, &ids)
	return ids, resp, err
}

func merge[T any](ctx context.Context, h entityHistory, id, intoID int) (*T, *Response, error) {
	check := firstInvalid(checkID("id", id), checkID("merge_with_id", intoID))
	if check == nil && id == intoID {
		check = invalid("merge_with_id", "%d is the id itself: an entity cannot be merged with itself", intoID)
	}
	return validated(check, func() (*T, *Response, error) {
		return v1Update[T](ctx, h.c, v1Path(h.path, strconv.Itoa(id), "merge"), mergeBody{intoID}, "")
	})
}
