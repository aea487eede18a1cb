// Package pipedrivetest provides an in-memory emulation of the Maton API
// gateway in front of Pipedrive's API, plus Maton's control plane, served on
// a loopback HTTP server — the way net/http/httptest serves handlers. Use it
// to test code that talks to Pipedrive through Maton without an account or
// network access.
//
// # Usage
//
//	srv := pipedrivetest.NewServer(pipedrivetest.WithSeedData())
//	defer srv.Close()
//
//	req, _ := http.NewRequest("POST", srv.URL+"/pipedrive/api/v1/deals",
//		strings.NewReader(`{"title":"Big deal","value":"1500"}`))
//	req.Header.Set("Authorization", "Bearer "+srv.APIKey)
//	req.Header.Set("Content-Type", "application/json")
//	resp, err := http.DefaultClient.Do(req)
//
// API v2 lives under /pipedrive/api/v2 on the same server and data. With
// the SDK, Server.Client returns a *pipedrive.Client configured for the
// server (client.Deals for v1, client.V2.Deals for v2).
//
// # What is emulated
//
// Maton (both planes share Server.URL):
//   - Bearer API-key authentication (401 {"message","type","code"}).
//   - Connection selection with the Maton-Connection header: unknown IDs
//     answer 404, a missing header selects the oldest ACTIVE Pipedrive
//     connection, and without one the gateway answers 400.
//   - The per-key rate limit (default 10 requests per rolling second; 429
//     with Retry-After: 1).
//   - The control plane: GET/POST /connections, GET/DELETE
//     /connections/{id}. New connections are PENDING until Server.Activate.
//
// Pipedrive API v1 under /pipedrive/api/v1 (and /pipedrive/v1): deals,
// persons and organizations (list, get, create, update, delete, bulk
// delete, search), activities (list, get, create, update, delete, bulk
// delete), notes (list, get, create, update, delete), pipelines and stages
// (list, get), users (list, me, get) and the field definitions
// (dealFields, personFields, organizationFields: list and get;
// activityFields: list), with v1's wire shapes: the
// {success,data,additional_data,related_objects} envelope, offset
// pagination (next_start only when more items exist), expanded reference
// objects, custom fields flat at the top level ("<key>", "<key>_currency",
// "<key>_until", "<key>_route" ...; option IDs as strings, "12" or
// "12,13"), 201 vs 200 create statuses, soft deletes and Pipedrive error
// bodies.
//
// Pipedrive API v2 under /pipedrive/api/v2 (only there): deals (list, get,
// create, PATCH, delete, search, archived), persons and organizations
// (list, get, create, PATCH, delete, search), activities, pipelines and
// stages (list, get, create, PATCH, delete), item search and the field
// definitions (dealFields, personFields, organizationFields, activityFields:
// list and get by field_code), with v2's wire shapes: RFC 3339 times, real
// booleans, plain integer references, integer visible_to, label_ids,
// is_deleted, no related_objects, optional fields only through
// include_fields, custom fields in a "custom_fields" object (monetary
// {value, currency}, ranges {value, until}, single option an ID, multiple
// options a list of IDs, address an object; include_option_labels gives
// {id, label}), 200 for creates, opaque cursors in
// additional_data.next_cursor (null on the last page), PATCH bodies whose
// null clears the nullable fields, and strict input checking: wrong types
// (a number as a string, 0/1 for a boolean, null for a field that cannot be
// cleared), unknown sort fields, bad cursors and limits above 500 (100 for
// item search) answer 400 in Pipedrive's error shape.
//
// Both versions serve the same per-connection store: a deal created
// through v1 is read, updated and deleted through v2 and the other way
// round. Every Pipedrive connection has its own isolated store with IDs
// starting at 1 per entity type. Every operation charges the x-token-cost
// of its version's spec against the optional daily token budget, and
// responses can carry the optional rate-limit headers.
//
// # Custom fields
//
// Server.AddField defines a custom field (deal, person, organization or
// activity) with a deterministic 40-hex key; Server.Field and Server.Fields
// look definitions up by name. WithSeedData defines six deal fields:
// "Region" (enum: EMEA, Americas, APAC, option IDs 1-3), "Contract value"
// (monetary), "Renewal date" (date), "Tags" (set: Hot, Strategic,
// Expansion, option IDs 4-6), "Contract period" (daterange) and "Notes
// summary" (text). Values are stored once, in a version-neutral form, and
// validated against the field type in both versions (an unknown option ID
// is a 400); every defined field appears on its rows, null when unset.
// 40-hex keys without a definition are kept exactly as received. Activity
// custom fields are served by v1 only, as the v2 spec gives activities no
// custom_fields.
//
// Deliberate realism over the OpenAPI files: like the live API (and as the
// SDK must decode), empty v1 lists answer "data": null (v2 lists: []),
// unset values are null even where the spec does not mark them nullable,
// and the deal's person_id and org_id are null when unlinked (in both
// versions). Where the spec and captured traffic disagree on a type
// (has_pic in a v1 deal's user objects: boolean in the spec, 0/1 live), the
// server follows the spec; WithLiveWireShapes switches to the live type.
//
// Pipedrive's rules the fake applies as the live API does: its search
// endpoints (the entity /search endpoints of v1 and v2, itemSearch and
// itemSearch/field) take at most 10 requests per rolling two seconds per
// connection, on top of the general limits (a 429 with Retry-After; see
// WithSearchRateLimit); an archived deal cannot be edited through v1 PUT or
// v2 PATCH (400) except to unarchive it with is_archived false; won_time is
// only accepted with status won, lost_time with lost and close_time with
// won or lost (400 otherwise).
//
// # What is not emulated
//
// A real Pipedrive operation the fake has no handler for (any path and
// method of Pipedrive's current v1 and v2 specs, or of the retired v1
// operations of January 2026) answers 501
// Not Implemented with Pipedrive's error shape and the message "not
// emulated by pipedrivetest: <operationId> (<METHOD> <path template>)", so
// a test never mistakes a missing emulation for Pipedrive's 404 "Unknown
// method .", which the fake keeps for paths that do not exist in the API
// (or were removed). Emulated reports, for a method and path, whether the
// fake serves it and which operation of the specs it is.
//
// What is emulated beyond the seed's resources, with Pipedrive's rules:
// leads (labels, sources, fields, search, conversion), webhooks (with
// delivery), followers, participants, the history of deals, persons and
// organizations (changelog from every update, flow, merge, duplicate),
// deal statistics, products (variations, images), products on deals (the
// deal's value follows them, less additional discounts), installments,
// field definitions written through v1 and v2, activity types, call logs,
// organization relationships, recents, users' permissions and roles, note
// comments, goals (results counted from the store's deals and
// activities), mailbox threads and messages, meeting provider links,
// roles and permission sets, projects (boards, phases, templates, tasks,
// archive, changelog, search, the v1 plan), pictures, files (their
// bytes are kept and downloaded back;
// WithFileDir keeps them in a directory across servers), and saved
// filters (their conditions are checked, and filter_id applies them to
// the v2 lists of deals, persons, organizations, activities and products
// and to the deal statistics). docs/COVERAGE.md lists every operation.
//
// Not emulated (501 as above, unless noted): v1 field selectors and
// cursor-paginated /collection endpoints, labels (include_labels is
// accepted and ignored), filter_id on the retired v1 lists and on leads
// (accepted, matches everything), item types other than deals, persons
// and organizations in the item search (they never match), and mail
// (the mail lists of entities answer empty). Uploaded pictures and
// images keep their name, type and size, not their bytes.
//
// # Failure injection
//
// Server.InjectFault makes the next matching requests fail in controlled
// ways: a canned status and body, a delay that honours client cancellation,
// a connection reset, a truncated body or a redirect. See Fault.
//
// # Determinism
//
// IDs are sequential per entity type and connection (option IDs of
// custom fields per connection); connection IDs, session tokens and
// custom-field keys come from the seed (WithSeed); v2 cursors depend only
// on the position in the list; all timestamps come from the clock given
// with WithClock.
package pipedrivetest
