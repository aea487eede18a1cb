package pipedrive

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"net/url"
	"strconv"
)

// MailboxService reads mail threads and their messages, and makes the
// documented changes to a thread (API v1). Mail arrives through the
// user's synced mailbox; the API neither sends nor creates it.
type MailboxService service

// MeetingsService links a user to a video-call provider (API v1): the
// calls a video-calling app makes after a user installs or removes it.
type MeetingsService service

// MailFolder is a mailbox folder.
type MailFolder string

// Mailbox folders.
const (
	MailInbox   MailFolder = "inbox"
	MailDrafts  MailFolder = "drafts"
	MailSent    MailFolder = "sent"
	MailArchive MailFolder = "archive"
)

// MailboxMessage is a mail message as the mailbox answers it: the fields
// of a MailMessage and the mailbox's own flags.
type MailboxMessage struct {
	MailMessage
	// AccountID is the mail connection's account.
	AccountID string `json:"account_id"`
	// Draft is, for a draft, the message as a JSON text; "" otherwise.
	Draft                       string   `json:"draft"`
	SyncedFlag                  FlexBool `json:"synced_flag"`
	DeletedFlag                 FlexBool `json:"deleted_flag"`
	HasBodyFlag                 FlexBool `json:"has_body_flag"`
	SentFromPipedriveFlag       FlexBool `json:"sent_from_pipedrive_flag"`
	SmartBCCFlag                FlexBool `json:"smart_bcc_flag"`
	MailLinkTrackingEnabledFlag FlexBool `json:"mail_link_tracking_enabled_flag"`
	HasInlineAttachmentsFlag    FlexBool `json:"has_inline_attachments_flag"`
	HasRealAttachmentsFlag      FlexBool `json:"has_real_attachments_flag"`
}

// MailThreadParty is a sender or recipient of a mail thread.
type MailThreadParty struct {
	ID           int    `json:"id"`
	Name         string `json:"name"`
	EmailAddress string `json:"email_address"`
	// LatestSent tells whether this party sent the thread's last message.
	LatestSent bool `json:"latest_sent"`
	// MessageTime is in milliseconds since the Unix epoch.
	MessageTime          FlexInt `json:"message_time"`
	LinkedPersonID       int     `json:"linked_person_id"`
	LinkedPersonName     string  `json:"linked_person_name"`
	LinkedOrganizationID int     `json:"linked_organization_id"`
	MailMessagePartyID   int     `json:"mail_message_party_id"`
}

// MailThreadParties are the senders and recipients of a thread.
type MailThreadParties struct {
	To   []MailThreadParty `json:"to"`
	From []MailThreadParty `json:"from"`
}

// MailThread is a conversation: mail messages with the same subject and
// parties.
type MailThread struct {
	ID        int               `json:"id"`
	AccountID string            `json:"account_id"`
	UserID    int               `json:"user_id"`
	Subject   string            `json:"subject"`
	Snippet   string            `json:"snippet"`
	Parties   MailThreadParties `json:"parties"`
	// DraftsParties are the parties of the thread's drafts, as sent.
	DraftsParties []json.RawMessage `json:"drafts_parties"`
	// Folders hold the thread's messages: inbox, drafts, sent, archive.
	Folders      []string `json:"folders"`
	Version      FlexInt  `json:"version"`
	SnippetDraft string   `json:"snippet_draft"`
	SnippetSent  string   `json:"snippet_sent"`
	MessageCount int      `json:"message_count"`
	// MailTrackingStatus is "opened", "not opened" or "" (no tracking).
	MailTrackingStatus           string   `json:"mail_tracking_status"`
	ReadFlag                     FlexBool `json:"read_flag"`
	HasAttachmentsFlag           FlexBool `json:"has_attachments_flag"`
	HasInlineAttachmentsFlag     FlexBool `json:"has_inline_attachments_flag"`
	HasRealAttachmentsFlag       FlexBool `json:"has_real_attachments_flag"`
	HasDraftFlag                 FlexBool `json:"has_draft_flag"`
	HasSentFlag                  FlexBool `json:"has_sent_flag"`
	ArchivedFlag                 FlexBool `json:"archived_flag"`
	DeletedFlag                  FlexBool `json:"deleted_flag"`
	SharedFlag                   FlexBool `json:"shared_flag"`
	SyncedFlag                   FlexBool `json:"synced_flag"`
	ExternalDeletedFlag          FlexBool `json:"external_deleted_flag"`
	SmartBCCFlag                 FlexBool `json:"smart_bcc_flag"`
	FirstMessageToMeFlag         FlexBool `json:"first_message_to_me_flag"`
	MailLinkTrackingEnabledFlag  FlexBool `json:"mail_link_tracking_enabled_flag"`
	AllMessagesSentFlag          FlexBool `json:"all_messages_sent_flag"`
	LastMessageTimestamp         Time     `json:"last_message_timestamp"`
	FirstMessageTimestamp        Time     `json:"first_message_timestamp"`
	LastMessageSentTimestamp     Time     `json:"last_message_sent_timestamp"`
	LastMessageReceivedTimestamp Time     `json:"last_message_received_timestamp"`
	AddTime                      Time     `json:"add_time"`
	UpdateTime                   Time     `json:"update_time"`
	// DealID and LeadID link the thread to a deal or a lead (0 and "" for
	// none); DealStatus is the deal's status.
	DealID     int    `json:"deal_id"`
	DealStatus string `json:"deal_status"`
	LeadID     string `json:"lead_id"`
}

// MailThreadListOptions page the threads of a folder (required).
type MailThreadListOptions struct {
	Folder MailFolder `url:"folder"`
	ListOptions
}

func (o *MailThreadListOptions) validate() error {
	if o.Folder == "" {
		return invalid("folder", "empty: inbox, drafts, sent or archive")
	}
	return firstInvalid(checkEnumList("folder", []MailFolder{o.Folder}, MailInbox, MailDrafts, MailSent, MailArchive), o.ListOptions.validate())
}

// MailThreadUpdateParams change a thread: the fields set. Archived works on
// threads of the inbox only (archived threads leave it).
type MailThreadUpdateParams struct {
	// DealID links the thread to a deal.
	DealID int
	// LeadID links the thread to a lead (a UUID).
	LeadID   string
	Shared   *bool
	Read     *bool
	Archived *bool
}

func (p *MailThreadUpdateParams) validate() error {
	if *p == (MailThreadUpdateParams{}) {
		return invalid("params", "nothing to change")
	}
	return firstInvalid(checkOptionalID("deal_id", p.DealID), leadUUID.check("lead_id", p.LeadID))
}

// form is the body Pipedrive takes: form-encoded, flags as 0 or 1.
func (p *MailThreadUpdateParams) form() url.Values {
	f := url.Values{}
	if p.DealID > 0 {
		f.Set("deal_id", strconv.Itoa(p.DealID))
	}
	if p.LeadID != "" {
		f.Set("lead_id", p.LeadID)
	}
	for k, b := range map[string]*bool{"shared_flag": p.Shared, "read_flag": p.Read, "archived_flag": p.Archived} {
		if b != nil {
			f.Set(k, numBool(*b))
		}
	}
	return f
}

func numBool(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// Message returns a mail message; includeBody adds its body.
//
// Pipedrive: GET /api/v1/mailbox/mailMessages/{id} (https://developers.pipedrive.com/docs/api/v1/Mailbox#getMailMessage).
// Token cost: 2.
func (s *MailboxService) Message(ctx context.Context, id int, includeBody bool) (*MailboxMessage, *Response, error) {
	return validated(checkID("id", id), func() (*MailboxMessage, *Response, error) {
		return doOne[MailboxMessage](ctx, s.client, &request{method: http.MethodGet, path: v1Path("mailbox", "mailMessages", strconv.Itoa(id)), query: struct {
			IncludeBody bool `url:"include_body,int,omitempty"`
		}{includeBody}})
	})
}

// Threads returns one page of the threads of a folder, the most recent
// first.
//
// Pipedrive: GET /api/v1/mailbox/mailThreads (https://developers.pipedrive.com/docs/api/v1/Mailbox#getMailThreads).
// Token cost: 20.
func (s *MailboxService) Threads(ctx context.Context, opts *MailThreadListOptions) ([]*MailThread, *Response, error) {
	return validated(checkRequired(opts, "folder", "nil *MailThreadListOptions: a folder is required"), func() ([]*MailThread, *Response, error) {
		return listPage[MailThread](ctx, s.client, v1Path("mailbox", "mailThreads"), opts, "")
	})
}

// ThreadsAll iterates over every thread of a folder, fetching pages
// lazily (nil opts: an error, a folder is required).
//
// Pipedrive: GET /api/v1/mailbox/mailThreads, once per page.
// Token cost: 20 per page.
func (s *MailboxService) ThreadsAll(ctx context.Context, opts *MailThreadListOptions) iter.Seq2[*MailThread, error] {
	return allPages(ctx, offsetPages, opts, func(o *MailThreadListOptions) *int { return &o.Start }, s.Threads)
}

// Thread returns a mail thread.
//
// Pipedrive: GET /api/v1/mailbox/mailThreads/{id} (https://developers.pipedrive.com/docs/api/v1/Mailbox#getMailThread).
// Token cost: 20.
func (s *MailboxService) Thread(ctx context.Context, id int) (*MailThread, *Response, error) {
	return validated(checkID("id", id), func() (*MailThread, *Response, error) {
		return v1Get[MailThread](ctx, s.client, v1Path("mailbox", "mailThreads", strconv.Itoa(id)), "")
	})
}

// UpdateThread links a thread to a deal or a lead, shares it, marks it
// read or unread, archives or unarchives it. Pipedrive takes this body
// form-encoded only.
//
// Pipedrive: PUT /api/v1/mailbox/mailThreads/{id} (https://developers.pipedrive.com/docs/api/v1/Mailbox#updateMailThreadDetails).
// Token cost: 10.
func (s *MailboxService) UpdateThread(ctx context.Context, id int, p *MailThreadUpdateParams) (*MailThread, *Response, error) {
	return validated(firstInvalid(checkID("id", id), checkRequired(p, "params", "nil *MailThreadUpdateParams")), func() (*MailThread, *Response, error) {
		return doOne[MailThread](ctx, s.client, &request{method: http.MethodPut, path: v1Path("mailbox", "mailThreads", strconv.Itoa(id)), form: p.form()})
	})
}

// DeleteThread marks a mail thread as deleted.
//
// Pipedrive: DELETE /api/v1/mailbox/mailThreads/{id} (https://developers.pipedrive.com/docs/api/v1/Mailbox#deleteMailThread).
// Token cost: 6.
func (s *MailboxService) DeleteThread(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return deleteOne(ctx, s.client, v1Path("mailbox", "mailThreads", strconv.Itoa(id)), "")
}

// ThreadMessages returns every message of a thread (not paginated).
//
// Pipedrive: GET /api/v1/mailbox/mailThreads/{id}/mailMessages (https://developers.pipedrive.com/docs/api/v1/Mailbox#getMailThreadMessages).
// Token cost: 20.
func (s *MailboxService) ThreadMessages(ctx context.Context, id int) ([]*MailboxMessage, *Response, error) {
	return validated(checkID("id", id), func() ([]*MailboxMessage, *Response, error) {
		return listPage[MailboxMessage](ctx, s.client, v1Path("mailbox", "mailThreads", strconv.Itoa(id), "mailMessages"), nil, "")
	})
}

// UserProviderLinkParams link a Pipedrive user to the video-calling app
// they installed; every field is required.
type UserProviderLinkParams struct {
	// UserProviderID is the app's own id for the link: a UUID.
	UserProviderID string `json:"user_provider_id"`
	UserID         int    `json:"user_id"`
	CompanyID      int    `json:"company_id"`
	// MarketplaceClientID is the app's Marketplace client id.
	MarketplaceClientID string `json:"marketplace_client_id"`
}

func (p *UserProviderLinkParams) validate() error {
	if p.UserProviderID == "" {
		return invalid("user_provider_id", "empty: the link's UUID is required")
	}
	if isBlank(p.MarketplaceClientID) {
		return invalid("marketplace_client_id", "empty: the app's Marketplace client id is required")
	}
	return firstInvalid(leadUUID.check("user_provider_id", p.UserProviderID), checkID("user_id", p.UserID), checkID("company_id", p.CompanyID))
}

// UserProviderLinkResult is Pipedrive's answer to a link or an unlink.
type UserProviderLinkResult struct {
	Message string `json:"message"`
}

// LinkUserProvider tells Pipedrive that a user installed the calling
// video-calling app.
//
// Pipedrive: POST /api/v1/meetings/userProviderLinks (https://developers.pipedrive.com/docs/api/v1/Meetings#saveUserProviderLink).
// Token cost: 10.
func (s *MeetingsService) LinkUserProvider(ctx context.Context, p *UserProviderLinkParams) (*UserProviderLinkResult, *Response, error) {
	return validated(checkRequired(p, "params", "nil *UserProviderLinkParams"), func() (*UserProviderLinkResult, *Response, error) {
		return v1Create[UserProviderLinkResult](ctx, s.client, v1Path("meetings", "userProviderLinks"), p, "")
	})
}

// UnlinkUserProvider removes the link between a user and the calling
// video-calling app; id is the link's UUID (UserProviderID).
//
// Pipedrive: DELETE /api/v1/meetings/userProviderLinks/{id} (https://developers.pipedrive.com/docs/api/v1/Meetings#deleteUserProviderLink).
// Token cost: 6.
func (s *MeetingsService) UnlinkUserProvider(ctx context.Context, id string) (*UserProviderLinkResult, *Response, error) {
	check := leadUUID.check("id", id)
	if id == "" {
		check = invalid("id", "empty: the link's UUID is required")
	}
	return validated(check, func() (*UserProviderLinkResult, *Response, error) {
		return doOne[UserProviderLinkResult](ctx, s.client, &request{method: http.MethodDelete, path: v1Path("meetings", "userProviderLinks", id)})
	})
}
