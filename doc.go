// Package pipedrive is a Go client for the Pipedrive CRM API reached through
// the Maton API gateway (https://gateway.maton.ai/pipedrive/...), which holds
// the Pipedrive OAuth connection and injects its token.
//
//	client, err := pipedrive.NewClientFromEnv() // MATON_API_KEY, MATON_CONNECTION
//	if err != nil { ... }
//	deal, _, err := client.V2.Deals.Get(ctx, 42)
//
// # API versions
//
// Pipedrive put the v1 deal, person, organization, activity, pipeline and
// stage endpoints out of support on 2026-08-01; API v2 replaces them and is
// reached through Client.V2 (client.V2.Deals, V2Deal, ...). The v1 services
// (client.Deals, Deal, ...) remain for existing code: their retired
// methods are marked Deprecated and a 404 or 410 from a retired endpoint
// returns an error naming the v2 method. What only API v1 has stays
// current and undeprecated: notes (and comments), users, leads, webhooks,
// currencies, activity types, call logs, recents, files (streamed:
// Files.Upload, Files.Download), saved filters (Filters), goals, mailbox,
// meetings, roles, permission sets, a project's plan (Projects), and the
// history of deals, persons and organizations (Deals.Changelog, Updates,
// Merge, participants, statistics...).
//
// What hangs off an entity is declared once for every kind that has it:
// client.V2.Followers and client.Followers take the kind as a
// FollowedType, V2.Fields writes the fields of deals, persons,
// organizations, products and projects. Products, their variations and
// images, products on deals (which set the deal's value), and projects
// with their tasks, boards, phases and templates are API v2.
//
// # Authentication
//
// Every request carries "Authorization: Bearer <MATON_API_KEY>". The key is
// never written to an error, a log line, a URL or any fmt verb of the
// Client. NewClient refuses an empty key, and neither constructor makes a
// network call.
//
// # Connections
//
// A Maton account may hold several Pipedrive connections. WithConnection
// picks one for every call (the Maton-Connection header);
// ContextWithConnection picks one for a single call, so one client can
// serve several Pipedrive companies. Client.Connections lists, creates,
// reads and deletes connections on Maton's control plane: a new connection
// is PENDING until a person opens its URL and authorizes it.
//
// # Pagination
//
// API v1 lists page by offset with ListOptions{Start, Limit}; Limit 0 is
// the server's default of 100 and at most 500 is allowed. Response.Pagination
// tells whether more items follow. API v2 lists page by cursor;
// Response.NextCursor resumes a long export later. Every list has an All
// method returning an iter.Seq2 that fetches pages lazily; the sequence can
// be ranged again (from the start) and from several goroutines, and a
// server whose pagination does not move forward ends it with
// ErrPaginationStalled:
//
//	opts := &pipedrive.V2DealListOptions{Status: []pipedrive.V2DealStatus{pipedrive.V2DealStatusOpen}}
//	for deal, err := range client.V2.Deals.All(ctx, opts) {
//		if err != nil { return err }
//		fmt.Println(deal.Title)
//	}
//
// # Errors
//
// A failed call returns an *APIError (status, Pipedrive's error and
// error_info, method, path, which party answered) for an error answer, a
// *ValidationError for input refused before any network call, or a
// *TransportError when no complete answer arrived. Match kinds with
// errors.Is: ErrUnauthorized, ErrMissingConnection, ErrNotFound,
// ErrForbidden, ErrRateLimited, ErrDailyBudgetExhausted, ErrGone, ErrServer.
//
// # Retries and rate limits
//
// The client waits on a limiter before every attempt, retries included: by
// default golang.org/x/time/rate with one request every 102.5 ms and a
// burst of 1 (NewDefaultLimiter), so that no rolling second sees more than
// the gateway's 10 requests per account (WithRateLimit, WithLimiter;
// ratelimit/redislimit shares one budget between processes). It retries a
// 429 whatever the method, honoring Retry-After and Pipedrive's
// x-ratelimit-reset; a requested wait above RetryPolicy.MaxServerWait is
// returned at once as an error with RetryAfter set. Server errors and
// broken connections are retried only for GET, PUT and DELETE: a POST or
// PATCH that may have reached the server is never sent twice, because a
// duplicate deal is corrupted data. A connection refusal (nothing sent) is
// retried for every method. Cancelling the context ends any wait at once.
//
// # Custom fields
//
// Entities keep the custom fields they arrived with (CustomFields for v1,
// V2CustomFields for v2). FieldSchema maps field names to their 40-hex keys
// and option labels to ids, and reads and writes values by name in the
// shape each API version wants.
//
// # Webhooks
//
// Client.Webhooks subscribes to Pipedrive's webhooks (version 2.0 payloads
// by default, basic auth required unless WithoutAuth). Package webhook
// receives them: an http.Handler that checks basic auth in constant time,
// decodes typed events (Deal, Person... in the API v2 shapes), hands each
// event to the code once however often Pipedrive delivers it, and can
// acknowledge at once and process on a bounded worker pool.
//
// # Testing
//
// Package pipedrivetest runs an in-memory Maton gateway and Pipedrive
// server on loopback, so code using this package can be tested without an
// account; it delivers webhooks too. docs/COVERAGE.md lists, operation by
// operation, what the SDK, the fake and the CLI cover.
package pipedrive
