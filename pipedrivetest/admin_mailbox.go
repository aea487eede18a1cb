package pipedrivetest

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"
)

// The mailbox (API v1): every company starts with a few synced threads
// and their messages (the API reads mail, it cannot create any). Threads
// are listed by folder, most recent first; an update links a thread to a
// deal or a lead, shares it, marks it read or archives it (inbox threads
// only); a delete marks it deleted (deleted_flag 1), which takes it out of
// the lists.
//
// Meetings (API v1): the links a video-calling app saves between its own
// user ids and Pipedrive users.

var (
	mailFolders = []string{"inbox", "drafts", "sent", "archive"}
	uuidForm    = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
)

// mailParty is a seed sender or recipient.
type mailParty struct {
	id    int
	name  string
	email string
}

// seedMail is one seed thread and its messages (oldest first).
type seedMail struct {
	subject string
	folder  string
	from    mailParty
	to      mailParty
	read    int
	shared  int
	// bodies of the messages; each is sent at its time.
	bodies []string
	times  []time.Time
}

var meParty = mailParty{1, "Alice Admin", "alice@example.com"}

func seedMailbox() []seedMail {
	at := func(day, hour int) time.Time { return time.Date(2026, 1, day, hour, 15, 0, 0, time.UTC) }
	client := mailParty{2, "Chris Client", "chris@acme.example"}
	vendor := mailParty{3, "Vera Vendor", "vera@supplies.example"}
	news := mailParty{4, "Newsletter", "news@weekly.example"}
	return []seedMail{
		{subject: "Pricing for the Q3 rollout", folder: "inbox", from: client, to: meParty,
			bodies: []string{"<p>Could you send the pricing for 40 seats?</p>", "<p>Following up on the pricing, thanks!</p>"},
			times:  []time.Time{at(12, 9), at(14, 16)}},
		{subject: "Re: Contract draft", folder: "inbox", from: vendor, to: meParty, read: 1, shared: 1,
			bodies: []string{"<p>The signed contract is attached.</p>"}, times: []time.Time{at(10, 11)}},
		{subject: "Intro call follow-up", folder: "sent", from: meParty, to: client, read: 1,
			bodies: []string{"<p>Thanks for the call today. Notes below.</p>"}, times: []time.Time{at(8, 15)}},
		{subject: "This week in sales", folder: "archive", from: news, to: meParty, read: 1,
			bodies: []string{"<p>Five habits of closers.</p>"}, times: []time.Time{at(5, 7)}},
	}
}

// mailTime is a mail timestamp: RFC 3339 with milliseconds, UTC.
func mailTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// seedMailRows builds the seed threads (most recent first) and messages.
func seedMailRows() (threads, messages []map[string]any) {
	msgID, partyID := 0, 100
	party := func(p mailParty, latest bool, t time.Time) map[string]any {
		partyID++
		return map[string]any{"id": p.id, "name": p.name, "email_address": p.email, "latest_sent": latest,
			"message_time": t.UnixMilli(), "linked_person_id": nil, "linked_person_name": "",
			"linked_organization_id": nil, "mail_message_party_id": partyID}
	}
	for i, m := range seedMailbox() {
		id := i + 1
		first, last := m.times[0], m.times[len(m.times)-1]
		sent := m.folder == "sent"
		var lastSent any
		if sent {
			lastSent = mailTime(last)
		}
		received := mailTime(last)
		snippet := strings.TrimSuffix(strings.TrimPrefix(m.bodies[len(m.bodies)-1], "<p>"), "</p>")
		threads = append(threads, map[string]any{
			"id": id, "account_id": "acc-emulated", "user_id": 1, "subject": m.subject, "snippet": snippet,
			"read_flag": m.read, "mail_tracking_status": nil, "has_attachments_flag": 0, "has_inline_attachments_flag": 0,
			"has_real_attachments_flag": 0, "deleted_flag": 0, "synced_flag": 1, "smart_bcc_flag": 0,
			"mail_link_tracking_enabled_flag": 0,
			"parties":                         map[string]any{"to": []any{party(m.to, false, last)}, "from": []any{party(m.from, true, last)}},
			"drafts_parties":                  []any{}, "folders": []any{m.folder}, "version": 1, "snippet_draft": nil,
			"snippet_sent": map[bool]string{true: snippet}[sent], "message_count": len(m.bodies),
			"has_draft_flag": 0, "has_sent_flag": map[bool]int{true: 1}[sent], "archived_flag": map[bool]int{true: 1}[m.folder == "archive"],
			"shared_flag": m.shared, "external_deleted_flag": 0, "first_message_to_me_flag": map[bool]int{false: 1}[sent],
			"last_message_timestamp": mailTime(last), "first_message_timestamp": mailTime(first), "last_message_sent_timestamp": lastSent,
			"last_message_received_timestamp": received, "add_time": mailTime(first), "update_time": mailTime(last),
			"deal_id": nil, "deal_status": nil, "lead_id": nil, "all_messages_sent_flag": map[bool]int{true: 1}[sent],
		})
		for j, body := range m.bodies {
			msgID++
			t := m.times[j]
			messages = append(messages, map[string]any{
				"id": msgID, "from": []any{party(m.from, true, t)}, "to": []any{party(m.to, false, t)}, "cc": []any{}, "bcc": []any{},
				"body_url": fmt.Sprintf("https://mail.emulated.example/bodies/%d", msgID), "body": body,
				"account_id": "acc-emulated", "user_id": 1, "mail_thread_id": id, "subject": m.subject,
				"snippet": strings.TrimSuffix(strings.TrimPrefix(body, "<p>"), "</p>"), "mail_tracking_status": nil,
				"mail_link_tracking_enabled_flag": 0, "read_flag": m.read, "draft": nil, "draft_flag": 0, "synced_flag": 1,
				"deleted_flag": 0, "has_body_flag": 1, "sent_flag": map[bool]int{true: 1}[sent], "sent_from_pipedrive_flag": 0,
				"smart_bcc_flag": 0, "message_time": mailTime(t), "add_time": mailTime(t), "update_time": mailTime(t),
				"has_attachments_flag": 0, "has_inline_attachments_flag": 0, "has_real_attachments_flag": 0,
			})
		}
	}
	return threads, messages
}

// mailThreadsV1 and mailMessagesV1 hold the mailbox on the generic store.
func mailThreadsV1() (threads, messages *crudResource) {
	t, m := seedMailRows()
	threads = &crudResource{path: "mailbox/mailThreads", noun: "Mail thread", seed: t, paginated: true,
		softDelete: true, deletedKey: "deleted_flag", deletedValue: 1,
		filter: func(c *call) (func(map[string]any) bool, *reply) {
			folder := c.q.Get("folder")
			if folder == "" {
				return nil, badRequest(`Parameter "folder" is required`)
			}
			if !slices.Contains(mailFolders, folder) {
				return nil, badRequest(`Invalid value for parameter "folder": expected inbox, drafts, sent or archive`)
			}
			return func(row map[string]any) bool { return slices.Contains(row["folders"].([]any), any(folder)) }, nil
		},
	}
	messages = &crudResource{path: "mailbox/mailMessages", noun: "Mail message", seed: m,
		render: func(c *call, row map[string]any) map[string]any {
			if c.q.Get("include_body") != "1" {
				delete(row, "body")
			}
			return row
		},
	}
	return threads, messages
}

// flagValue reads a 0/1 flag of a body (form-encoded or JSON).
func flagValue(f fields, k string) (int, bool, *reply) {
	if !f.has(k) {
		return 0, false, nil
	}
	n, ok := jsonInt(f[k])
	if !ok || (n != 0 && n != 1) {
		return 0, true, badRequest(fmt.Sprintf("Invalid value for field %q: expected 0 or 1", k))
	}
	return n, true, nil
}

func registerMailboxV1(rt *router) {
	threads, messages := mailThreadsV1()
	rt.handle("GET /mailbox/mailThreads", 20, threads.list)
	rt.handle("GET /mailbox/mailThreads/{id}", 20, threads.get)
	rt.handle("DELETE /mailbox/mailThreads/{id}", 6, threads.remove)
	rt.handle("GET /mailbox/mailMessages/{id}", 2, messages.get)
	rt.handle("GET /mailbox/mailThreads/{id}/mailMessages", 20, func(c *call) *reply {
		if threads.table(c.st).find(c.id) < 0 {
			return notFound("Mail thread")
		}
		data := []any{}
		for _, row := range messages.table(c.st).rows {
			if row["mail_thread_id"] == c.id {
				data = append(data, messages.out(c, row))
			}
		}
		return ok(http.StatusOK, data, nil, nil)
	})
	rt.handle("PUT /mailbox/mailThreads/{id}", 10, func(c *call) *reply {
		t := threads.table(c.st)
		i := t.find(c.id)
		if i < 0 || threads.deleted(t.rows[i]) {
			return notFound("Mail thread")
		}
		f, rep := c.fields()
		if rep != nil {
			return rep
		}
		row := cloneMap(t.rows[i])
		if f.has("deal_id") {
			id, ok := jsonInt(f["deal_id"])
			if !ok || id <= 0 {
				return badRequest(`Invalid value for field "deal_id": expected a positive integer`)
			}
			d, found := c.st.deals.live(id)
			if !found {
				return notFound("Deal")
			}
			row["deal_id"], row["deal_status"] = id, d.Status
		}
		if f.has("lead_id") {
			id, _, err := f.str("lead_id")
			if err != nil || leadsRes.table(c.st).find(id) < 0 {
				return notFound("Lead")
			}
			row["lead_id"] = id
		}
		for _, k := range []string{"shared_flag", "read_flag"} {
			n, has, rep := flagValue(f, k)
			if rep != nil {
				return rep
			}
			if has {
				row[k] = n
			}
		}
		archive, has, rep := flagValue(f, "archived_flag")
		if rep != nil {
			return rep
		}
		folders := row["folders"].([]any)
		switch {
		case !has || archive == row["archived_flag"]:
		case archive == 1 && !slices.Contains(folders, any("inbox")):
			return badRequest("Only threads in the Inbox folder can be archived")
		default:
			from, to := "inbox", "archive"
			if archive == 0 {
				from, to = to, from
			}
			moved := slices.Clone(folders)
			moved[slices.Index(moved, any(from))] = to
			row["folders"], row["archived_flag"] = moved, archive
		}
		row["update_time"] = mailTime(c.st.clock())
		if v, ok := row["version"].(int); ok {
			row["version"] = v + 1
		}
		t.rows[i] = row
		return ok(http.StatusOK, cloneMap(row), nil, nil)
	})
}

// userProviderLinks holds the video-calling links by user_provider_id.
var userProviderLinks = &crudResource{path: "meetings/userProviderLinks", idKey: "user_provider_id"}

// meetingsError is the meetings API's own error shape.
func meetingsError(status int, message string) *reply {
	return jsonReply(status, map[string]any{"success": false, "message": message})
}

func registerMeetingsV1(rt *router) {
	rt.handle("POST /meetings/userProviderLinks", 10, func(c *call) *reply {
		f, rep := c.fields()
		if rep != nil {
			return rep
		}
		for _, k := range []string{"user_provider_id", "user_id", "company_id", "marketplace_client_id"} {
			if f[k] == nil || f[k] == "" {
				return meetingsError(http.StatusBadRequest, fmt.Sprintf("Parameter %q is required", k))
			}
		}
		linkID, _, err := f.str("user_provider_id")
		if err != nil || !uuidForm.MatchString(linkID) {
			return meetingsError(http.StatusBadRequest, `"user_provider_id" must be a UUID`)
		}
		clientID, _, err := f.str("marketplace_client_id")
		if err != nil {
			return meetingsError(http.StatusBadRequest, `"marketplace_client_id" must be a string`)
		}
		userID, okUser := jsonInt(f["user_id"])
		companyID, okCompany := jsonInt(f["company_id"])
		switch {
		case !okUser || !okCompany:
			return meetingsError(http.StatusBadRequest, `"user_id" and "company_id" must be integers`)
		case companyID != c.st.company.ID:
			return meetingsError(http.StatusForbidden, "Forbidden")
		}
		if _, found := c.st.users.live(userID); !found {
			return meetingsError(http.StatusNotFound, "User not found")
		}
		t := userProviderLinks.table(c.st)
		row := map[string]any{"user_provider_id": linkID, "user_id": userID, "company_id": companyID, "marketplace_client_id": clientID}
		if i := t.findBy("user_provider_id", linkID); i >= 0 {
			t.rows[i] = row
		} else {
			t.rows = append(t.rows, row)
		}
		return ok(http.StatusOK, map[string]any{"message": "The user was added successfully"}, nil, nil)
	})
	rt.handle("DELETE /meetings/userProviderLinks/{code}", 6, func(c *call) *reply {
		t := userProviderLinks.table(c.st)
		i := t.findBy("user_provider_id", c.code)
		if i < 0 {
			return meetingsError(http.StatusNotFound, "User provider link not found")
		}
		t.rows = slices.Delete(t.rows, i, i+1)
		return ok(http.StatusOK, map[string]any{"message": "The user data was successfully removed"}, nil, nil)
	})
}
