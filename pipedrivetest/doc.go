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
// With the SDK, Server.Client returns a *pipedrive.Client configured for the
// server.
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
// (list, get) and users (list, me, get), with v1's wire shapes: the
// {success,data,additional_data,related_objects} envelope, offset
// pagination (next_start only when more items exist), expanded reference
// objects, custom fields (40-hex keys) at the top level, 201 vs 200 create
// statuses, soft deletes, Pipedrive error bodies and the optional rate-limit
// headers and daily token budget. Every Pipedrive connection has its own
// isolated store with IDs starting at 1 per entity type.
//
// Deliberate realism over the OpenAPI file: like the live API (and as the
// SDK must decode), empty lists answer "data": null, unset values are null
// even where the spec does not mark them nullable, the deal's person_id and
// org_id are null when unlinked. Where the spec and captured traffic disagree
// on a type (has_pic in a deal's user objects: boolean in the spec, 0/1 live),
// the server follows the spec; WithLiveWireShapes switches to the live type.
//
// Not emulated: filters (filter_id is accepted and matches everything),
// permissions and visibility, products, leads, files, followers,
// mail, webhooks, field definitions (dealFields ...), creating pipelines,
// stages or users over HTTP (use Server.AddPipeline and Server.AddUser),
// v1 field selectors and cursor-paginated /collection endpoints, and API v2
// (the store is version-neutral so v2 views can be added).
//
// # Failure injection
//
// Server.InjectFault makes the next matching requests fail in controlled
// ways: a canned status and body, a delay that honours client cancellation,
// a connection reset, a truncated body or a redirect. See Fault.
//
// # Determinism
//
// IDs are sequential per entity type and connection; connection IDs and
// session tokens come from a seeded generator (WithSeed); all timestamps
// come from the clock given with WithClock.
package pipedrivetest
