package pipedrivetest

import (
	"net/http"
	"time"
)

// DefaultAPIKey is the Maton API key a Server accepts unless WithAPIKey is
// used.
const DefaultAPIKey = "pipedrivetest-maton-key"

// DefaultRateLimit is Maton's documented limit: 10 requests per second per
// API key.
const DefaultRateLimit = 10

// PipedriveBurstLimit is the Pipedrive burst limit (requests per rolling two
// seconds) reported and enforced when WithPipedriveRateLimitHeaders is on. It
// is the limit of an OAuth app on the Lite plan.
const PipedriveBurstLimit = 80

// DefaultSearchRateLimit is Pipedrive's limit on its search endpoints (the
// v1 and v2 entity /search endpoints, itemSearch and itemSearch/field): 10
// requests per rolling two seconds per connection, on every plan, on top of
// the general limits. See WithSearchRateLimit.
const DefaultSearchRateLimit = 10

// config collects the options of a Server.
type config struct {
	apiKey       string
	seed         int64
	clock        func() time.Time
	clockSet     bool // WithClock was given: retries wait for DeliverDueWebhooks
	seedData     bool
	rateLimit    int
	searchLimit  int
	pdHeaders    bool
	tokenBudget  int
	noConnection bool
	liveShapes   bool
	wrappers     []func(http.Handler) http.Handler
	fileDir      string
}

// An Option configures a Server created by NewServer.
type Option func(*config)

// WithAPIKey sets the Maton API key the server accepts in
// "Authorization: Bearer <key>". The default is DefaultAPIKey.
func WithAPIKey(key string) Option {
	return func(c *config) { c.apiKey = key }
}

// WithSeed seeds the generator of connection IDs and session tokens so that
// they are reproducible across runs (the default seed is 1, so they are
// reproducible anyway; use different seeds to get different IDs).
func WithSeed(seed int64) Option {
	return func(c *config) { c.seed = seed }
}

// WithClock sets the clock used for every timestamp the server produces
// (add_time, update_time, connection times ...) and for the day boundary of
// the daily token budget. The default is time.Now. Maton's and Pipedrive's
// rolling-window rate limits always use the real monotonic clock.
func WithClock(now func() time.Time) Option {
	return func(c *config) { c.clock, c.clockSet = now, true }
}

// WithSeedData populates every new Pipedrive connection's store with the
// "Sales" pipeline (id 1) and its stages Qualified (1), Contact Made (2),
// Proposal Made (3) and Negotiations Started (4), and with six deal custom
// fields: "Region" (enum: EMEA, Americas, APAC), "Contract value"
// (monetary), "Renewal date" (date), "Tags" (set: Hot, Strategic,
// Expansion), "Contract period" (daterange) and "Notes summary" (text).
// Their keys depend only on the seed (WithSeed); look them up with
// Server.Field. The authorizing user
// "Alice Admin" (id 1, is_you) exists in every store regardless of this
// option, because every Pipedrive connection is authorized by some user.
// Without seed data no pipeline exists, so creating a deal fails with 400
// until a pipeline is added with Server.AddPipeline.
func WithSeedData() Option {
	return func(c *config) { c.seedData = true }
}

// WithRateLimit sets Maton's rate limit: at most rps requests per rolling
// second per API key (default DefaultRateLimit). More requests are answered
// with 429 and "Retry-After: 1". 0 disables the limit.
func WithRateLimit(rps int) Option {
	return func(c *config) { c.rateLimit = rps }
}

// WithSearchRateLimit sets the limit of Pipedrive's search endpoints: at
// most n search requests per rolling two seconds per connection (default
// DefaultSearchRateLimit). The next one is answered with Pipedrive's 429
// and a Retry-After header. 0 disables the limit.
func WithSearchRateLimit(n int) Option {
	return func(c *config) { c.searchLimit = n }
}

// WithPipedriveRateLimitHeaders makes gateway responses carry Pipedrive's
// burst rate-limit headers x-ratelimit-limit, x-ratelimit-remaining and
// x-ratelimit-reset, and enforces that limit (PipedriveBurstLimit requests
// per rolling two seconds per connection; exceeding it yields a
// Pipedrive-shaped 429).
func WithPipedriveRateLimitHeaders(on bool) Option {
	return func(c *config) { c.pdHeaders = on }
}

// WithDailyTokenBudget gives every connection a daily Pipedrive token budget
// of n tokens (0, the default, means unlimited). Each operation is charged
// the x-token-cost of its version's spec (v1: list 20, get 2, create 10,
// update 10, delete 6, search 40, pipelines/stages list 10 ...; v2: list
// 10, get 1, create 5, update 5, delete 3, search 20, archived deals 20,
// pipelines/stages list 5), responses carry
// x-daily-ratelimit-token-limit and x-daily-ratelimit-token-remaining, and
// once the budget is spent every gateway request is answered with a
// Pipedrive-shaped 429 until the clock passes midnight UTC.
func WithDailyTokenBudget(n int) Option {
	return func(c *config) { c.tokenBudget = n }
}

// WithoutConnection starts the server without any Pipedrive connection, so
// gateway requests are answered with Maton's 400 "Missing Pipedrive
// connection" until one is created (POST /connections + Server.Activate, or
// Server.AddConnection). Server.ConnectionID is then "".
func WithoutConnection() Option {
	return func(c *config) { c.noConnection = true }
}

// WithHandlerWrapper wraps the server's complete handler (both planes, all
// Maton checks included) with wrap. Several wrappers are applied in order,
// the last one outermost. Use it to plug in middleware such as a
// spec-validating recorder:
//
//	srv := pipedrivetest.NewServer(pipedrivetest.WithHandlerWrapper(
//		func(h http.Handler) http.Handler { return conformance.Middleware(t, h) }))
func WithHandlerWrapper(wrap func(http.Handler) http.Handler) Option {
	return func(c *config) { c.wrappers = append(c.wrappers, wrap) }
}

// WithLiveWireShapes renders the few values whose type in captured live
// traffic contradicts the OpenAPI file the live way. By default every
// response passes a strict spec validator (such as the module's
// internal/conformance middleware, which tolerates null values). Currently
// this affects one field: has_pic in a deal's user_id and creator_user_id
// objects becomes the live 0/1 integer instead of the boolean the spec
// declares (owner_id objects and related_objects users are 0/1 integers in
// both the spec and the live API). Use it to check that code copes with
// what Pipedrive really sends.
func WithLiveWireShapes() Option {
	return func(c *config) { c.liveShapes = true }
}

// WithFileDir keeps the uploaded files of the server's company in
// dir (created if missing): their details in dir/files.json and each
// file's bytes in dir/<id>.bin. A server started later with the same dir
// finds them, so an upload and its download can run in different
// processes (the CLI's --demo uses it). Everything else stays in memory.
// It is meant for a server with one connection: every company reads and
// writes the same files.
func WithFileDir(dir string) Option {
	return func(c *config) { c.fileDir = dir }
}
