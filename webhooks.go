package pipedrive

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// WebhooksService manages Pipedrive's webhook subscriptions (API v1, current):
// Pipedrive POSTs an event to the subscription URL after every create,
// change or delete of the objects subscribed to. Receive them with the
// github.com/gopipedrive/pipedrive/webhook package; pipedrivetest delivers
// them too, so a receiver can be tested offline.
//
// Pipedrive's delivery contract (its webhooks guide): a 2xx within 10
// seconds, else the attempt failed and is retried after 3, 30 and 150
// seconds (attempts 2 to 4); after 10 failed first attempts the webhook is
// banned for 30 minutes (events are lost); a webhook without a successful
// delivery for 3 days is deleted. At most 40 webhooks per user.
type WebhooksService service

// WebhookAction is the event_action of a subscription.
type WebhookAction string

// Actions a webhook subscribes to; WebhookAnyAction is Pipedrive's "*".
const (
	WebhookCreate    WebhookAction = "create"
	WebhookChange    WebhookAction = "change"
	WebhookDelete    WebhookAction = "delete"
	WebhookAnyAction WebhookAction = "*"
)

// WebhookObject is the event_object of a subscription.
type WebhookObject string

// Objects a webhook subscribes to (the v1 spec's addWebhook list);
// WebhookAnyObject is Pipedrive's "*". Deliveries may name objects beyond
// these (deal_product, project, task...): the webhook package keeps them.
const (
	WebhookActivity     WebhookObject = "activity"
	WebhookDeal         WebhookObject = "deal"
	WebhookLead         WebhookObject = "lead"
	WebhookNote         WebhookObject = "note"
	WebhookOrganization WebhookObject = "organization"
	WebhookPerson       WebhookObject = "person"
	WebhookPipeline     WebhookObject = "pipeline"
	WebhookProduct      WebhookObject = "product"
	WebhookStage        WebhookObject = "stage"
	WebhookUser         WebhookObject = "user"
	WebhookAnyObject    WebhookObject = "*"
)

// WebhookVersion2 is the payload version the SDK subscribes to by default
// (Pipedrive's default since 2025-03-17): meta, data in the API v2 shape,
// previous.
const WebhookVersion2 = "2.0"

// Webhook is a subscription as Pipedrive returns it.
type Webhook struct {
	ID              int           `json:"id"`
	CompanyID       int           `json:"company_id"`
	OwnerID         int           `json:"owner_id"`
	UserID          int           `json:"user_id"`
	EventAction     WebhookAction `json:"event_action"`
	EventObject     WebhookObject `json:"event_object"`
	SubscriptionURL string        `json:"subscription_url"`
	Version         string        `json:"version"`
	IsActive        NumBool       `json:"is_active"`
	AddTime         Time          `json:"add_time"`
	RemoveTime      Time          `json:"remove_time"`
	// Type is general, application or automation.
	Type         string `json:"type"`
	HTTPAuthUser string `json:"http_auth_user"`
	// HTTPAuthPassword is the basic-auth password Pipedrive sends; String
	// and the fmt verbs never print it.
	HTTPAuthPassword string `json:"http_auth_password"`
	RemoveReason     string `json:"remove_reason"`
	LastDeliveryTime Time   `json:"last_delivery_time"`
	LastHTTPStatus   int    `json:"last_http_status"`
	AdminID          int    `json:"admin_id"`
	Name             string `json:"name"`
}

// String describes the webhook without its password.
func (w Webhook) String() string {
	return "webhook " + strconv.Itoa(w.ID) + " " + string(w.EventAction) + "." + string(w.EventObject) + " → " + w.SubscriptionURL
}

// GoString is String, so that %#v never prints the password either.
func (w Webhook) GoString() string { return w.String() }

// WebhookCreateParams subscribes to events. SubscriptionURL, EventAction,
// EventObject and Name are required.
type WebhookCreateParams struct {
	// SubscriptionURL receives the events: an https URL that is not a
	// Pipedrive API URL and does not redirect. Plain http is accepted for
	// loopback hosts only (tests with pipedrivetest).
	SubscriptionURL string        `json:"subscription_url"`
	EventAction     WebhookAction `json:"event_action"`
	EventObject     WebhookObject `json:"event_object"`
	// Name is at most 255 characters.
	Name string `json:"name"`
	// UserID authorizes the webhook as another user (events are sent only
	// for what that user may see); 0 is the connection's user.
	UserID int `json:"user_id,omitempty"`
	// HTTPAuthUser and HTTPAuthPassword are the HTTP basic auth Pipedrive
	// sends with each delivery. Both are required unless WithoutAuth is
	// set; webhook.NewCredentials makes a strong pair.
	HTTPAuthUser     string `json:"http_auth_user,omitempty"`
	HTTPAuthPassword string `json:"http_auth_password,omitempty"`
	// WithoutAuth subscribes without basic auth, on purpose: anyone who
	// learns the URL can then forge events. Not sent.
	WithoutAuth bool `json:"-"`
	// Version is "2.0" (the default when empty) or "1.0".
	Version string `json:"version,omitempty"`
}

// String describes the parameters without the password.
func (p WebhookCreateParams) String() string {
	return "webhook " + string(p.EventAction) + "." + string(p.EventObject) + " → " + p.SubscriptionURL
}

// GoString is String, so that %#v never prints the password either.
func (p WebhookCreateParams) GoString() string { return p.String() }

var webhookActions = []WebhookAction{WebhookCreate, WebhookChange, WebhookDelete, WebhookAnyAction}

var webhookObjects = []WebhookObject{WebhookActivity, WebhookDeal, WebhookLead, WebhookNote, WebhookOrganization,
	WebhookPerson, WebhookPipeline, WebhookProduct, WebhookStage, WebhookUser, WebhookAnyObject}

func (p *WebhookCreateParams) validate() error {
	if p == nil {
		return invalid("params", "nil *WebhookCreateParams")
	}
	if err := checkSubscriptionURL(p.SubscriptionURL); err != nil {
		return err
	}
	if !slices.Contains(webhookActions, p.EventAction) {
		return invalid("event_action", "%q is not one of create, change, delete, *", p.EventAction)
	}
	if !slices.Contains(webhookObjects, p.EventObject) {
		return invalid("event_object", "%q is not one of activity, deal, lead, note, organization, person, pipeline, product, stage, user, *", p.EventObject)
	}
	if strings.TrimSpace(p.Name) == "" {
		return invalid("name", "empty: a webhook needs a name")
	}
	if utf8.RuneCountInString(p.Name) > 255 {
		return invalid("name", "longer than 255 characters")
	}
	if p.UserID < 0 {
		return invalid("user_id", "%d is negative", p.UserID)
	}
	switch {
	case p.WithoutAuth && (p.HTTPAuthUser != "" || p.HTTPAuthPassword != ""):
		return invalid("http_auth_user", "WithoutAuth is set but credentials are given")
	case !p.WithoutAuth && (p.HTTPAuthUser == "" || p.HTTPAuthPassword == ""):
		return invalid("http_auth_user", "a webhook without HTTP basic auth accepts forged events: set HTTPAuthUser and HTTPAuthPassword (webhook.NewCredentials makes a pair), or WithoutAuth to opt out")
	case strings.ContainsRune(p.HTTPAuthUser, ':'):
		return invalid("http_auth_user", "must not contain a colon (HTTP basic auth)")
	case hasControlChars(p.HTTPAuthUser) || hasControlChars(p.HTTPAuthPassword):
		return invalid("http_auth_password", "contains control characters")
	}
	switch p.Version {
	case "", "1.0", WebhookVersion2:
	default:
		return invalid("version", "%q is not 1.0 or 2.0", p.Version)
	}
	return nil
}

// checkSubscriptionURL refuses what Pipedrive refuses: anything but an
// absolute https URL (plain http only to a loopback host), credentials in
// the URL, and Pipedrive's own API.
func checkSubscriptionURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || !u.IsAbs() {
		return invalid("subscription_url", "not an absolute URL")
	}
	host := strings.ToLower(u.Hostname())
	switch {
	case u.User != nil:
		return invalid("subscription_url", "must not carry credentials: use HTTPAuthUser and HTTPAuthPassword")
	case u.Scheme == "http" && isLoopbackHost(host):
	case u.Scheme != "https":
		return invalid("subscription_url", "must be https (plain http is only accepted for loopback hosts, for tests)")
	}
	if host == "pipedrive.com" || strings.HasSuffix(host, ".pipedrive.com") || strings.HasSuffix(host, ".pipedriveapi.com") ||
		host == "gateway.maton.ai" || host == "api.maton.ai" || host == "ctrl.maton.ai" {
		return invalid("subscription_url", "must not be a Pipedrive (or Maton) API URL: Pipedrive refuses it")
	}
	return nil
}

func isLoopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// List returns the company's webhooks.
//
// Pipedrive: GET /api/v1/webhooks (https://developers.pipedrive.com/docs/api/v1/Webhooks#getWebhooks).
// Token cost: 10.
func (s *WebhooksService) List(ctx context.Context) ([]*Webhook, *Response, error) {
	return listPage[Webhook](ctx, s.client, v1Path("webhooks"), nil, "")
}

// Create subscribes to events. It refuses, before any request, a URL that
// is not https or is Pipedrive's own API, and a webhook without basic auth
// unless WithoutAuth says so; Version defaults to 2.0.
//
// Pipedrive: POST /api/v1/webhooks (https://developers.pipedrive.com/docs/api/v1/Webhooks#addWebhook).
// Token cost: 10.
func (s *WebhooksService) Create(ctx context.Context, p *WebhookCreateParams) (*Webhook, *Response, error) {
	if err := p.validate(); err != nil {
		return nil, nil, err
	}
	body := *p
	if body.Version == "" {
		body.Version = WebhookVersion2
	}
	return doOne[Webhook](ctx, s.client, &request{method: http.MethodPost, path: v1Path("webhooks"), body: body})
}

// Delete removes a webhook.
//
// Pipedrive: DELETE /api/v1/webhooks/{id} (https://developers.pipedrive.com/docs/api/v1/Webhooks#deleteWebhook).
// Token cost: 6.
func (s *WebhooksService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return s.client.do(ctx, &request{method: http.MethodDelete, path: v1IDPath("webhooks", id)}, nil)
}
