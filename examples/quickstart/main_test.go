package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/gopipedrive/pipedrive"
	"github.com/gopipedrive/pipedrive/pipedrivetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func init() {
	// The flow is the same at any pace; the default 10 requests/second
	// would make each run take seconds.
	extraOptions = []pipedrive.Option{pipedrive.WithRateLimit(1000, 100)}
	extraServerOptions = []pipedrivetest.Option{pipedrivetest.WithRateLimit(0)}
}

// runQuickstart runs the program with args and returns what it printed.
func runQuickstart(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

// offlineEnv makes sure the program runs offline whatever the developer's
// environment holds.
func offlineEnv(t *testing.T) {
	t.Setenv(pipedrive.EnvAPIKey, "")
}

// liveEnv points the "live" mode at a pipedrivetest server through the same
// environment variables a real run uses.
func liveEnv(t *testing.T, opts ...pipedrivetest.Option) *pipedrivetest.Server {
	srv := pipedrivetest.NewServer(append([]pipedrivetest.Option{pipedrivetest.WithSeedData(), pipedrivetest.WithRateLimit(0)}, opts...)...)
	t.Cleanup(srv.Close)
	t.Setenv(pipedrive.EnvAPIKey, srv.APIKey)
	t.Setenv(pipedrive.EnvGatewayURL, srv.GatewayURL())
	t.Setenv(pipedrive.EnvControlURL, srv.ControlURL())
	t.Setenv(pipedrive.EnvConnection, "")
	return srv
}

func TestOfflineWalksTheSalesFlow(t *testing.T) {
	offlineEnv(t)
	stdout, stderr, err := runQuickstart(t)
	require.NoError(t, err)

	for _, want := range []string{
		"offline",
		"pipeline       Sales: Qualified → Contact Made → Proposal Made →",
		"organization   #1 Acme Robotics",
		"person         #1 Ada Lovelace at Acme Robotics",
		"ada@acme.example (primary), ada.lovelace@example.org",
		"deal           #1 40 robot arms: €48,000, stage Qualified",
		`activity       #1 call "Discovery call with Ada"`,
		"note           #1 pinned to deal #1: Budget approved by the CFO.",
		"moved          Qualified → Contact Made",
		"moved          Proposal Made → Negotiations Started",
		"won            #1 40 robot arms, €48,000, on ",
		"#1   40 robot arms          won   Acme Robotics",
		"#5   2 robot arms           open",
		"V2.Deals.All   #2   Conveyor belts         €12,500",
		"V2.Deals.List  page 1: #2 #3        next_cursor ",
		"page 2: #4 #5        last page",
		"ACTIVE   ← this client",
		"deleted        deals #5 #4 #3 #2 #1, note #1, activity #1, person #1,",
		"Done: 31 requests to pipedrivetest",
	} {
		assert.Contains(t, stdout, want)
	}
	assert.Empty(t, stderr, "without -v nothing is logged")
	assertReadable(t, stdout)
}

// assertReadable checks that lines are short and have no trailing space.
func assertReadable(t *testing.T, stdout string) {
	t.Helper()
	for _, line := range strings.Split(stdout, "\n") {
		assert.LessOrEqual(t, utf8.RuneCountInString(line), 80, "line too long: %q", line)
		assert.Equal(t, strings.TrimRight(line, " "), line, "trailing space: %q", line)
	}
}

func TestVerboseLogsEachRequestToStderr(t *testing.T) {
	offlineEnv(t)
	stdout, stderr, err := runQuickstart(t, "-v")
	require.NoError(t, err)
	assert.Contains(t, stderr, `msg="pipedrive: attempt" method=POST path=/pipedrive/api/v2/deals attempt=1 status=200`)
	assert.Contains(t, stderr, "method=GET path=/connections")
	assert.NotContains(t, stderr, pipedrivetest.DefaultAPIKey)
	assert.NotContains(t, stdout, "level=DEBUG", "logs go to stderr only")
}

func TestLiveIsReadOnlyWithoutWrite(t *testing.T) {
	srv := liveEnv(t)
	stdout, _, err := runQuickstart(t)
	require.NoError(t, err)

	assert.Contains(t, stdout, "live, read-only")
	assert.Contains(t, stdout, "you            Alice Admin <alice@example.com>")
	assert.Contains(t, stdout, "Deals (V2.Deals.List, first 5)")
	assert.Contains(t, stdout, "pipedrive      "+srv.ConnectionID+" ACTIVE")
	assertReadable(t, stdout)
	for _, r := range srv.RequestLog() {
		assert.Equal(t, http.MethodGet, r.Method, "read-only mode sent %s %s", r.Method, r.Path)
	}
}

func TestLiveWriteDeletesWhatItCreated(t *testing.T) {
	srv := liveEnv(t)
	stdout, _, err := runQuickstart(t, "-write")
	require.NoError(t, err)
	assert.Contains(t, stdout, "live, -write")
	assert.Contains(t, stdout, "won            #1 40 robot arms")
	assertReadable(t, stdout)
	assertNothingLeft(t, srv)
}

func TestCleanupRunsWhenAStepFails(t *testing.T) {
	srv := liveEnv(t)
	// Moving the deal fails: everything created before must still go.
	srv.InjectFault(pipedrivetest.Fault{Method: http.MethodPatch, PathPrefix: "/pipedrive/api/v2/deals/", Status: http.StatusBadRequest})

	stdout, _, err := runQuickstart(t, "-write")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "moving the deal: ")
	var apiErr *pipedrive.APIError
	require.True(t, errors.As(err, &apiErr))
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)

	assert.Contains(t, stdout, "deleted        note #1, activity #1, deal #1, person #1, organization #1")
	assert.NotContains(t, stdout, "Done")
	assertNothingLeft(t, srv)
}

func TestCleanupRunsAfterTheTimeout(t *testing.T) {
	srv := liveEnv(t)
	// The search hangs until the run's deadline passes.
	srv.InjectFault(pipedrivetest.Fault{PathPrefix: "/pipedrive/api/v2/deals/search", Delay: time.Minute})

	_, _, err := runQuickstart(t, "-write", "-timeout", "1s")
	require.Error(t, err)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assertNothingLeft(t, srv)
}

func TestCleanupFailureIsReported(t *testing.T) {
	srv := liveEnv(t)
	srv.InjectFault(pipedrivetest.Fault{Method: http.MethodDelete, PathPrefix: "/pipedrive/api/v1/notes/", Status: http.StatusForbidden})

	stdout, _, err := runQuickstart(t, "-write")
	require.Error(t, err)
	assert.ErrorIs(t, err, pipedrive.ErrForbidden)
	assert.Contains(t, err.Error(), "deleting note #1")
	assert.Contains(t, stdout, "failed         deleting note #1")
	assert.Contains(t, stdout, "organization #1", "the other deletions still ran")
}

func TestCommandLineErrors(t *testing.T) {
	offlineEnv(t)
	_, stderr, err := runQuickstart(t, "-bogus")
	var usage usageError
	assert.True(t, errors.As(err, &usage), "got %v", err)
	assert.Contains(t, stderr, "-write")

	_, _, err = runQuickstart(t, "-h")
	assert.ErrorIs(t, err, flag.ErrHelp)

	_, _, err = runQuickstart(t, "extra")
	assert.ErrorContains(t, err, `unexpected argument "extra"`)
}

// assertNothingLeft checks that no deal, person or organization survived.
func assertNothingLeft(t *testing.T, srv *pipedrivetest.Server) {
	t.Helper()
	client := srv.Client(t, pipedrive.WithRateLimit(1000, 100))
	ctx := context.Background()
	deals, _, err := client.Deals.List(ctx, nil)
	require.NoError(t, err)
	assert.Empty(t, deals)
	persons, _, err := client.Persons.List(ctx, nil)
	require.NoError(t, err)
	assert.Empty(t, persons)
	orgs, _, err := client.Organizations.List(ctx, nil)
	require.NoError(t, err)
	assert.Empty(t, orgs)
	notes, _, err := client.Notes.List(ctx, nil)
	require.NoError(t, err)
	assert.Empty(t, notes)
}

// With the client's default limiter and the emulator enforcing the
// gateway's 10 requests per rolling second, the flow's 31 requests go
// through. The emulator stamps arrivals when its handler runs, so on a
// machine busy with other test binaries two requests can be stamped close
// together: one 429 (and its retry) is tolerated here, a limiter that is
// too fast gives several. The strict, real-time check of the limiter with
// 0 refusals is TestLimiterStrictGateway (PIPEDRIVE_LONG=1, run alone by
// .ci/run).
func TestDefaultLimiterFitsTheGateway(t *testing.T) {
	if testing.Short() {
		t.Skip("takes about 3 s at the gateway's pace")
	}
	saved, savedServer := extraOptions, extraServerOptions
	extraOptions, extraServerOptions = nil, nil
	defer func() { extraOptions, extraServerOptions = saved, savedServer }()
	stdout, _, err := runQuickstart(t)
	require.NoError(t, err)
	m := regexp.MustCompile(`Done: (\d+) requests to pipedrivetest`).FindStringSubmatch(stdout)
	require.NotNil(t, m, stdout)
	n, _ := strconv.Atoi(m[1])
	assert.GreaterOrEqual(t, n, 31)
	assert.LessOrEqual(t, n, 32, "more than one request refused by the gateway's limit")
}

// retiredV1 reports whether a request path is one of the v1 endpoints
// Pipedrive turned off on 2026-08-01: deals, persons, organizations,
// activities, pipelines and stages (and their sub-paths).
func retiredV1(path string) bool {
	for _, r := range []string{"deals", "persons", "organizations", "activities", "pipelines", "stages", "itemSearch", "products"} {
		p := "/pipedrive/api/v1/" + r
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

// TestLiveCallsNoRetiredEndpoint runs the live code paths (read-only and
// -write) against pipedrivetest and checks that no request went to a
// retired v1 endpoint.
func TestLiveCallsNoRetiredEndpoint(t *testing.T) {
	for _, args := range [][]string{nil, {"-write"}} {
		srv := liveEnv(t)
		_, _, err := runQuickstart(t, args...)
		require.NoError(t, err)
		require.NotEmpty(t, srv.RequestLog())
		for _, r := range srv.RequestLog() {
			assert.False(t, retiredV1(r.Path), "%v: %s %s is a retired v1 endpoint", args, r.Method, r.Path)
		}
	}
}

// TestLegacyV1Flow: -v1 replays the seed's flow on API v1 against the fake
// and says it is the retired API; with a real key it refuses.
func TestLegacyV1Flow(t *testing.T) {
	offlineEnv(t)
	stdout, _, err := runQuickstart(t, "-v1")
	require.NoError(t, err)
	assert.Contains(t, stdout, "retired by Pipedrive on 2026-08-01")
	assert.Contains(t, stdout, "Deals.List     page 1, start 0: #2 #3        next_start 2")
	assert.Contains(t, stdout, "won            #1 40 robot arms")

	liveEnv(t)
	_, _, err = runQuickstart(t, "-v1")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "pipedrivetest only")
}
