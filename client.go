package pipedrive

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/google/go-querystring/query"
	"github.com/hashicorp/go-retryablehttp"
)

// Version is the SDK's version, sent in the User-Agent header.
const Version = "0.1.0"

// Default endpoints of the Maton API gateway (data plane) and its control
// plane (connections). Maton's newer documentation serves both from
// https://api.maton.ai; pass it to WithGatewayURL and WithControlURL (or set
// MATON_GATEWAY_URL and MATON_CTRL_URL) to switch.
const (
	DefaultGatewayURL = "https://gateway.maton.ai"
	DefaultControlURL = "https://ctrl.maton.ai"
)

// Defaults of the client's limits.
const (
	// DefaultMaxResponseBytes caps a successful response body (64 MiB).
	DefaultMaxResponseBytes = 64 << 20
	// maxErrorBodyBytes caps how much of an error body is read (1 MiB).
	maxErrorBodyBytes = 1 << 20
)

// Limiter paces outgoing requests. The client calls Wait before every
// attempt, retries included. *rate.Limiter from golang.org/x/time/rate
// (the default, see NewDefaultLimiter) satisfies it; a limiter shared by
// many processes (one Maton key, one budget, see ratelimit/redislimit) can
// be plugged in with WithLimiter.
type Limiter interface {
	Wait(ctx context.Context) error
}

// Client talks to Pipedrive through the Maton API gateway. It is safe for
// concurrent use by multiple goroutines; create one and reuse it.
type Client struct {
	apiKey     *secret // behind a pointer: fmt prints nested pointers as addresses
	connection string
	gatewayURL string
	controlURL string
	userAgent  string
	logger     *slog.Logger
	limiter    Limiter
	retry      RetryPolicy
	maxBody    int64
	allowHTTP  bool
	userHTTP   *http.Client
	httpClient *http.Client
	// retryClient is the one retry loop of every call (see callState).
	retryClient *retryablehttp.Client
	// callTimeout bounds a call without a deadline when the client uses
	// its own HTTP client (2 minutes); 0 with WithHTTPClient, whose
	// Timeout applies.
	callTimeout time.Duration
	// hdr holds the header values every request sends, behind a pointer
	// like the key they include.
	hdr *fixedHeaders
	// fieldSchemas caches FieldSchema results by connection and entity.
	fieldSchemas *schemaCache
	// currencies caches the currency codes Currencies.Check knows.
	currencies *currencyCache

	// Services of Pipedrive's API v1, reached through the gateway.
	Deals         *DealsService
	Persons       *PersonsService
	Organizations *OrganizationsService
	Activities    *ActivitiesService
	Pipelines     *PipelinesService
	Stages        *StagesService
	Notes         *NotesService
	Users         *UsersService
	// Fields lists deal, person, organization and activity fields (API
	// v1); Client.FieldSchema maps custom field names to keys.
	Fields *FieldsService

	// V2 holds the services of Pipedrive's API v2, which replaced the v1
	// deal, person, organization, activity, pipeline and stage endpoints
	// (out of support since 2026-08-01).
	V2 *V2Services

	// Connections manages Maton's OAuth connections (the control plane).
	Connections *ConnectionsService

	// Webhooks manages Pipedrive's webhook subscriptions (API v1); the
	// webhook package receives the events.
	Webhooks *WebhooksService

	// Leads, LeadLabels and LeadSources are leads, their labels and their
	// sources (API v1, current).
	Leads       *LeadsService
	LeadLabels  *LeadLabelsService
	LeadSources *LeadSourcesService

	// Followers lists, adds and removes the followers of deals, persons,
	// organizations and products (API v1, current).
	Followers *FollowersService

	// Currencies lists the currencies Pipedrive supports (API v1).
	Currencies *CurrenciesService
	// Products holds the product operations that stay API v1 (a product's
	// deals, files, permitted users); products: Client.V2.Products.
	Products *ProductsService
	// ActivityTypes manages the types of activities (API v1).
	ActivityTypes *ActivityTypesService
	// Recents lists what changed since a time (API v1).
	Recents *RecentsService
	// OrganizationRelationships links organizations (API v1).
	OrganizationRelationships *OrganizationRelationshipsService
	// CallLogs logs calls and their recordings (API v1).
	CallLogs *CallLogsService
	// Files lists, uploads, downloads, links and removes files (API v1).
	Files *FilesService
	// Filters manages the saved filters every list takes as filter_id
	// (API v1).
	Filters *FiltersService
	// Goals manages goals and reads their results (API v1).
	Goals *GoalsService
	// Mailbox reads mail threads and messages (API v1).
	Mailbox *MailboxService
	// Meetings links users to video-call providers (API v1).
	Meetings *MeetingsService
	// Roles manages roles, their assignments, settings and pipelines
	// (API v1).
	Roles *RolesService
	// PermissionSets reads permission sets and their assignments (API v1).
	PermissionSets *PermissionSetsService
	// Projects holds the project operations that only API v1 has (plans,
	// groups, a project's activities and tasks); projects:
	// Client.V2.Projects.
	Projects *ProjectsService
}

// service is the common base of every service: a back pointer to the client.
type service struct {
	redactedService
	client *Client
}

// Option configures a Client. Options validate their input: NewClient
// returns the first error.
type Option func(*Client) error

// NewClient returns a client that authenticates with the Maton API key.
// It makes no network call.
func NewClient(apiKey string, opts ...Option) (*Client, error) {
	if strings.TrimSpace(apiKey) == "" {
		return nil, invalid("apiKey", "empty: set MATON_API_KEY or pass the key from https://maton.ai/settings")
	}
	if hasControlChars(apiKey) || strings.TrimSpace(apiKey) != apiKey {
		return nil, invalid("apiKey", "contains white space or control characters")
	}
	c := &Client{
		apiKey:     Ptr(secret(apiKey)),
		gatewayURL: DefaultGatewayURL,
		controlURL: DefaultControlURL,
		userAgent:  defaultUserAgent(),
		limiter:    NewDefaultLimiter(),
		retry:      DefaultRetryPolicy(),
		maxBody:    DefaultMaxResponseBytes,
	}
	for _, opt := range opts {
		if opt == nil {
			return nil, invalid("option", "nil Option")
		}
		if err := opt(c); err != nil {
			return nil, err
		}
	}
	for name, u := range map[string]string{"gatewayURL": c.gatewayURL, "controlURL": c.controlURL} {
		if err := checkBaseURL(name, u, c.allowHTTP); err != nil {
			return nil, err
		}
	}
	c.httpClient = c.buildHTTPClient()
	c.retryClient = c.buildRetryClient()
	c.hdr = &fixedHeaders{
		auth:        []string{c.apiKey.bearer()},
		accept:      []string{"application/json"},
		userAgent:   []string{c.userAgent},
		contentType: []string{"application/json"},
	}

	s := &service{client: c}
	c.Deals = (*DealsService)(s)
	c.Persons = (*PersonsService)(s)
	c.Organizations = (*OrganizationsService)(s)
	c.Activities = (*ActivitiesService)(s)
	c.Pipelines = (*PipelinesService)(s)
	c.Stages = (*StagesService)(s)
	c.Notes = (*NotesService)(s)
	c.Users = (*UsersService)(s)
	c.Fields = (*FieldsService)(s)
	c.fieldSchemas = &schemaCache{}
	c.currencies = &currencyCache{}
	c.Connections = (*ConnectionsService)(s)
	c.Webhooks = (*WebhooksService)(s)
	c.Leads = (*LeadsService)(s)
	c.LeadLabels = (*LeadLabelsService)(s)
	c.LeadSources = (*LeadSourcesService)(s)
	c.Followers = (*FollowersService)(s)
	c.Currencies = (*CurrenciesService)(s)
	c.Products = (*ProductsService)(s)
	c.ActivityTypes = (*ActivityTypesService)(s)
	c.Recents = (*RecentsService)(s)
	c.OrganizationRelationships = (*OrganizationRelationshipsService)(s)
	c.CallLogs = (*CallLogsService)(s)
	c.Files = (*FilesService)(s)
	c.Filters = (*FiltersService)(s)
	c.Goals = (*GoalsService)(s)
	c.Mailbox = (*MailboxService)(s)
	c.Meetings = (*MeetingsService)(s)
	c.Roles = (*RolesService)(s)
	c.PermissionSets = (*PermissionSetsService)(s)
	c.Projects = (*ProjectsService)(s)
	c.initV2(s)
	return c, nil
}

// Environment variables read by NewClientFromEnv.
const (
	EnvAPIKey     = "MATON_API_KEY"
	EnvConnection = "MATON_CONNECTION"
	EnvGatewayURL = "MATON_GATEWAY_URL"
	EnvControlURL = "MATON_CTRL_URL"
)

// NewClientFromEnv returns a client configured from the environment:
// MATON_API_KEY (required), MATON_CONNECTION, MATON_GATEWAY_URL (default
// https://gateway.maton.ai) and MATON_CTRL_URL (default
// https://ctrl.maton.ai). Options passed here override the environment.
func NewClientFromEnv(opts ...Option) (*Client, error) {
	key := lookupEnv(EnvAPIKey)
	if key == "" {
		return nil, invalid(EnvAPIKey, "not set: export MATON_API_KEY=<your Maton API key>")
	}
	var envOpts []Option
	for _, env := range []struct {
		name string
		opt  func(string) Option
	}{{EnvConnection, WithConnection}, {EnvGatewayURL, WithGatewayURL}, {EnvControlURL, WithControlURL}} {
		if v := lookupEnv(env.name); v != "" {
			envOpts = append(envOpts, fromEnv(env.name, env.opt(v)))
		}
	}
	return NewClient(key, append(envOpts, opts...)...)
}

// fromEnv makes a refusal of opt say which environment variable the value
// came from (the message never quotes the value; Field stays the option's).
func fromEnv(name string, opt Option) Option {
	return func(c *Client) error {
		err := opt(c)
		var ve *ValidationError
		if errors.As(err, &ve) {
			return &ValidationError{Field: ve.Field, Reason: "(from " + name + ") " + ve.Reason}
		}
		return err
	}
}

// String describes the client without its API key.
func (c Client) String() string {
	conn := c.connection
	if conn == "" {
		conn = "default"
	}
	return fmt.Sprintf("pipedrive.Client{gateway: %s, control: %s, connection: %s}", c.gatewayURL, c.controlURL, conn)
}

// GoString is String: %#v never prints the API key.
func (c Client) GoString() string { return c.String() }

// Format makes every fmt verb print String, so that no verb prints the key.
func (c Client) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// CloseIdleConnections closes the idle keep-alive connections of the
// client's HTTP transport (its own, or the one of the *http.Client given to
// WithHTTPClient). Connections in use are left alone and the client stays
// usable. Call it when a long-lived program is done with a client, so that
// no connection (and no goroutine serving one) outlives it.
func (c *Client) CloseIdleConnections() {
	base := c.httpClient.Transport
	if lt, ok := base.(*limitedTransport); ok {
		base = lt.base
	}
	if ci, ok := base.(interface{ CloseIdleConnections() }); ok {
		ci.CloseIdleConnections()
	}
}

// GatewayURL returns the base URL of the gateway the client talks to.
func (c *Client) GatewayURL() string { return c.gatewayURL }

// ControlURL returns the base URL of Maton's control plane.
func (c *Client) ControlURL() string { return c.controlURL }

// Connection returns the configured Maton connection id ("" for the
// gateway's default connection).
func (c *Client) Connection() string { return c.connection }

func defaultUserAgent() string {
	return "gopipedrive/" + Version + " (+https://github.com/gopipedrive/pipedrive; " + runtime.Version() + ")"
}

// secret holds the API key; every fmt verb prints it redacted.
type secret string

func (secret) String() string               { return "[redacted]" }
func (secret) GoString() string             { return `"[redacted]"` }
func (secret) Format(f fmt.State, _ rune)   { _, _ = io.WriteString(f, "[redacted]") }
func (secret) MarshalText() ([]byte, error) { return []byte("[redacted]"), nil }
func (s secret) LogValue() slog.Value       { return slog.StringValue("[redacted]") }
func (s secret) bearer() string             { return "Bearer " + string(s) }
func hasControlChars(s string) bool         { return strings.IndexFunc(s, isControl) >= 0 }
func isControl(r rune) bool                 { return r < 0x20 || r == 0x7f }
func lookupEnv(name string) string          { return strings.TrimSpace(os.Getenv(name)) }
func (c *Client) log() *slog.Logger         { return c.logger }
func (c *Client) debugEnabled(ctx context.Context) bool {
	return c.logger != nil && c.logger.Enabled(ctx, slog.LevelDebug)
}

// redactedAuth replaces the Authorization header of a returned Response's
// requests; like fixedHeaders it is shared, never modified.
var redactedAuth = []string{"Bearer [redacted]"}

// fixedHeaders are the header values shared by every request of a client.
type fixedHeaders struct {
	auth, accept, userAgent, contentType []string
}

// request is one call through the pipeline.
type request struct {
	method string
	// path is the escaped path under the plane's base URL, starting with "/".
	path  string
	query any // a struct for go-querystring, url.Values, or nil
	body  any // encoded as JSON; []byte and json.RawMessage are sent as is
	// upload, instead of body, streams a multipart/form-data body.
	upload *upload
	// form, instead of body, is sent as application/x-www-form-urlencoded
	// (the few v1 operations whose spec takes no JSON).
	form url.Values
	// stream leaves a 2xx answer's body unread: out is an *io.ReadCloser
	// that receives it (downloads). The call's context bounds the
	// transfer; no default call timeout applies.
	stream bool
	// control sends the request to Maton's control plane: no envelope, no
	// Maton-Connection header.
	control bool
	// replacement names the API v2 method that replaces a retired v1
	// endpoint; a 404 or 410 then says so.
	replacement string
}

// Do sends a request for a native Pipedrive path the typed services lack,
// through the same pipeline (headers, limiter, retries, errors). path is the
// Pipedrive path such as "/api/v1/currencies" or "/api/v2/products" (the
// gateway's "/pipedrive" prefix is added); query is a struct with `url`
// tags or url.Values; body is encoded as JSON. The envelope's "data" is
// decoded into out (which may be nil). Only GET, PUT and DELETE are retried
// after a server error. A path that is not under /api/v1/ or /api/v2/, or
// has a . or .. segment, plain or percent-encoded (%2e%2e), is refused with
// a *ValidationError before anything is sent.
func (c *Client) Do(ctx context.Context, method, path string, query, body, out any) (*Response, error) {
	switch method {
	case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
	default:
		return nil, invalid("method", "%q is not one of GET, POST, PUT, PATCH, DELETE", method)
	}
	if err := checkDoPath(path); err != nil {
		return nil, err
	}
	return c.do(ctx, &request{method: method, path: "/pipedrive" + path, query: query, body: body}, out)
}

// checkDoPath refuses a Client.Do path that is not under /api/v1/ or
// /api/v2/ or could leave it: a . or .. segment, in plain or
// percent-encoded form (%2e%2e, %2f), a query, a fragment, a backslash or
// a control character. A server or proxy that decodes the path before
// routing would otherwise reach the control plane or another app.
func checkDoPath(path string) error {
	const shape = "must be a Pipedrive path under /api/v1/ or /api/v2/ such as /api/v1/currencies, without a query"
	if strings.ContainsAny(path, "?#\\") || hasControlChars(path) {
		return invalid("path", shape)
	}
	decoded, err := url.PathUnescape(path)
	if err != nil {
		return invalid("path", "%s: bad percent-encoding", shape)
	}
	for _, p := range []string{path, decoded} {
		if !strings.HasPrefix(p, "/api/v1/") && !strings.HasPrefix(p, "/api/v2/") {
			return invalid("path", shape)
		}
		if strings.ContainsAny(p[1:], "?#\\") || hasControlChars(p) {
			return invalid("path", shape)
		}
		for _, seg := range strings.Split(p, "/") {
			if seg == ".." || seg == "." {
				return invalid("path", "must not contain . or .. segments, plain or percent-encoded")
			}
		}
	}
	return nil
}

// do is the one request pipeline: build → headers → limiter (every attempt)
// → send with retries → read and decode → typed error.
func (c *Client) do(ctx context.Context, r *request, out any) (*Response, error) {
	if ctx == nil {
		return nil, invalid("ctx", "nil context")
	}
	conn := c.connection
	if !r.control {
		if id, ok := ctx.Value(connectionKey{}).(string); ok {
			if err := checkConnectionID(id); err != nil {
				return nil, err
			}
			conn = id
		}
	}

	base := c.gatewayURL
	if r.control {
		base = c.controlURL
	}
	u := base + r.path
	if r.query != nil {
		q, err := encodeQuery(r.query)
		if err != nil {
			return nil, err
		}
		if q != "" {
			u += "?" + q
		}
	}

	var body []byte
	if r.form != nil {
		body = []byte(r.form.Encode())
	}
	if r.body != nil {
		var err error
		switch b := r.body.(type) {
		case json.RawMessage:
			body = b
		case []byte:
			body = b
		default:
			if body, err = json.Marshal(r.body); err != nil {
				if verr := bodyEncodingError(r.body, err); verr != nil {
					return nil, verr
				}
				return nil, fmt.Errorf("pipedrive: encoding %s %s body: %w", r.method, r.path, err)
			}
		}
	}

	// The call's state is its context (see callState). The client's own
	// HTTP client has no Timeout (net/http would build a timer and a
	// context per request for it): the call's context carries it.
	st := &callState{Context: ctx, client: c, method: r.method, path: r.path, idempotent: isIdempotent(r.method)}
	st.stream = r.stream
	if _, ok := ctx.Deadline(); !ok && c.callTimeout > 0 && !r.stream {
		var cancel context.CancelFunc
		st.Context, cancel = context.WithTimeout(ctx, c.callTimeout)
		defer cancel()
	}
	rbody := nilIfEmpty(body)
	if r.upload != nil {
		rbody = retryablehttp.ReaderFunc(r.upload.reader)
	}
	rreq, err := retryablehttp.NewRequestWithContext(st, r.method, u, rbody)
	if err != nil {
		return nil, fmt.Errorf("pipedrive: building %s %s: %w", r.method, r.path, err)
	}
	// The fixed header values are built once per client; net/http never
	// modifies them (Set replaces a slice, redirects clone).
	h := rreq.Header
	h["Authorization"] = c.hdr.auth
	h["Accept"] = c.hdr.accept
	h["User-Agent"] = c.hdr.userAgent
	switch {
	case r.upload != nil:
		h["Content-Type"] = []string{r.upload.header()}
	case r.form != nil:
		h["Content-Type"] = formContentType
	case body != nil:
		h["Content-Type"] = c.hdr.contentType
	}
	if conn != "" && !r.control {
		h["Maton-Connection"] = []string{conn}
	}

	rreq.SetResponseHandler(readBodyHandler)
	resp, err := c.retryClient.Do(rreq)
	if resp == nil {
		return nil, st.transportError(err)
	}
	// The key stays out of the Response: redact Authorization on its
	// request and on every earlier request of a redirect chain
	// (Request.Response.Request...), which still hold it.
	for req, hops := resp.Request, 0; req != nil && hops <= 10; hops++ {
		if len(req.Header["Authorization"]) > 0 {
			req.Header["Authorization"] = redactedAuth
		}
		if req.Response == nil {
			break
		}
		req = req.Response.Request
	}
	// The Response lives in the call's state (one allocation for both);
	// the body must not stay reachable through it once decoded.
	defer func() { st.body = nil }()
	if err == nil && !st.bodyRead {
		// Retries ran out on a retryable status: the body is still unread.
		err = st.readBody(resp)
	}
	if !st.bodyRead {
		_ = resp.Body.Close()
	}
	if err != nil && !st.tooLarge {
		// The body could not be read (connection reset, truncated) or the
		// context ended.
		st.res = Response{Response: resp, Attempts: st.attempts}
		return &st.res, st.transportError(err)
	}

	st.res = Response{Response: resp, Attempts: st.attempts, RateLimit: parseRateLimit(resp.Header)}
	res := &st.res
	if resp.StatusCode >= 300 {
		return res, st.apiError(resp, r.replacement)
	}
	if st.tooLarge {
		return res, fmt.Errorf("pipedrive: %s %s: %w (more than %d bytes; see WithMaxResponseBytes)", r.method, r.path, ErrResponseTooLarge, c.maxBody)
	}
	if r.stream {
		body := st.streamBody
		st.streamBody = nil
		*out.(*io.ReadCloser) = body
		return res, nil
	}
	if r.control {
		// The control plane has no envelope, but a 2xx body saying
		// "success": false (Pipedrive's error shape, from a proxy or a
		// misrouted request) is an error answer, never an empty success:
		// Connections.Create would otherwise return no connection and no
		// error.
		var probe struct {
			Success *bool `json:"success"`
		}
		if json.Unmarshal(st.body, &probe) == nil && probe.Success != nil && !*probe.Success {
			return res, st.apiError(resp, r.replacement)
		}
		if out != nil && len(bytes.TrimSpace(st.body)) > 0 {
			if err := json.Unmarshal(st.body, out); err != nil {
				return res, st.invalidBody(locateError(st.body, out, err))
			}
		}
		return res, nil
	}
	if err := decodeEnvelope(st.body, out, res); err != nil {
		var apiErr *APIError
		if errors.As(err, &apiErr) {
			apiErr.Method, apiErr.Path, apiErr.Attempts = r.method, r.path, st.attempts
			c.redactAPIError(apiErr) // a 2xx success:false body may echo the key too
			return res, apiErr
		}
		return res, st.invalidBody(err)
	}
	return res, nil
}

var formContentType = []string{"application/x-www-form-urlencoded"}

func nilIfEmpty(b []byte) any {
	if b == nil {
		return nil
	}
	return b
}

func encodeQuery(q any) (string, error) {
	switch v := q.(type) {
	case url.Values:
		return v.Encode(), nil
	case string:
		return "", invalid("query", "pass a struct with url tags or url.Values, not a string")
	}
	vals, err := query.Values(q)
	if err != nil {
		return "", fmt.Errorf("pipedrive: encoding query: %w", err)
	}
	return vals.Encode(), nil
}

// envelope is Pipedrive's response wrapper; Data points at the caller's
// destination so the payload is decoded once, in place.
type envelope struct {
	Success        *bool           `json:"success"`
	Data           any             `json:"data"`
	AdditionalData *additionalData `json:"additional_data"`
	RelatedObjects *RelatedObjects `json:"related_objects"`
}

type additionalData struct {
	Pagination *Pagination `json:"pagination"`
	// The Jan-2026 spec's GET /deals schema puts these at this level.
	Start      *int    `json:"start"`
	Limit      *int    `json:"limit"`
	MoreItems  *bool   `json:"more_items_in_collection"`
	NextStart  *int    `json:"next_start"`
	NextCursor *string `json:"next_cursor"`
}

type discard struct{}

func (*discard) UnmarshalJSON([]byte) error { return nil }

func decodeEnvelope(body []byte, out any, res *Response) error {
	env := envelope{Data: out}
	if out == nil {
		env.Data = &discard{}
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return errors.New("empty body")
	}
	if err := json.Unmarshal(body, &env); err != nil {
		// Only on failure: find where (data[17].add_time).
		if t, ok := out.(interface{ decodeTarget() any }); ok {
			out = t.decodeTarget()
		}
		return locateEnvelopeError(body, out, err)
	}
	if env.Success == nil {
		return errors.New(`no "success" member: not a Pipedrive envelope`)
	}
	if !*env.Success {
		e := classifyError(res.StatusCode, "", "", body)
		return e
	}
	if ad := env.AdditionalData; ad != nil {
		switch {
		case ad.Pagination != nil:
			res.Pagination = ad.Pagination
		case ad.MoreItems != nil || ad.Start != nil:
			p := &Pagination{MoreItems: ad.MoreItems != nil && *ad.MoreItems}
			if ad.Start != nil {
				p.Start = *ad.Start
			}
			if ad.Limit != nil {
				p.Limit = *ad.Limit
			}
			switch {
			case ad.NextStart != nil:
				p.NextStart = *ad.NextStart
			case p.MoreItems && p.Limit > 0:
				// GET /leads gives start, limit and more_items only: the
				// next page starts after this one.
				p.NextStart = p.Start + p.Limit
			}
			res.Pagination = p
		}
		if ad.NextCursor != nil {
			res.NextCursor = *ad.NextCursor
		}
	}
	res.RelatedObjects = env.RelatedObjects
	return nil
}

type connectionKey struct{}

// ContextWithConnection returns a context whose calls use the Maton
// connection id instead of the client's, so one client can serve several
// Pipedrive accounts. An id that is not a UUID fails the call with a
// *ValidationError before anything is sent.
func ContextWithConnection(ctx context.Context, connectionID string) context.Context {
	return context.WithValue(ctx, connectionKey{}, connectionID)
}

// v1Path returns the gateway path of a Pipedrive API v1 endpoint, each
// element escaped: v1Path("deals", "42") is "/pipedrive/api/v1/deals/42".
func v1Path(elems ...string) string { return apiPath("v1", elems) }

// v2Path is v1Path for API v2.
func v2Path(elems ...string) string { return apiPath("v2", elems) }

func apiPath(version string, elems []string) string {
	var b strings.Builder
	n := len("/pipedrive/api/") + len(version)
	for _, e := range elems {
		n += 1 + len(e) // escaping, rare in ids and resource names, may grow it
	}
	b.Grow(n)
	b.WriteString("/pipedrive/api/")
	b.WriteString(version)
	for _, e := range elems {
		b.WriteByte('/')
		b.WriteString(url.PathEscape(e))
	}
	return b.String()
}
