// Command quickstart walks a sales flow with the SDK on today's API: an
// organization, a person with two email addresses, a deal with an activity
// (API v2) and a pinned note (API v1, current), moved through the
// pipeline's stages and won; then a search, the open deals paged with a
// cursor, and the account's Maton connections.
//
// Without MATON_API_KEY it runs offline against an in-memory pipedrivetest
// server: no account, no network.
//
//	go run ./examples/quickstart
//
// With MATON_API_KEY set it talks to your Pipedrive account through the Maton
// gateway. It only reads unless -write is given; with -write it runs the full
// flow and deletes everything it created before it exits, even after an error
// or Ctrl-C.
//
//	MATON_API_KEY=... go run ./examples/quickstart          # read-only
//	MATON_API_KEY=... go run ./examples/quickstart -write -v
//
// -v1 replays the seed's flow on API v1 against pipedrivetest: the deal,
// person, organization, activity, pipeline and stage endpoints it uses were
// retired on 2026-08-01, so it refuses to run with MATON_API_KEY.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/gopipedrive/pipedrive"
	"github.com/gopipedrive/pipedrive/pipedrivetest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	var usage usageError
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
	case errors.As(err, &usage):
		os.Exit(2) // the flag package has already said what is wrong
	default:
		// One line, even for joined errors (a failed step and a failed cleanup).
		fmt.Fprintln(os.Stderr, "quickstart:", strings.ReplaceAll(err.Error(), "\n", "; "))
		os.Exit(1)
	}
}

// extraOptions are added to the client's options; the tests use them to
// lift the client's rate limit so that they run quickly.
var extraOptions []pipedrive.Option

// extraServerOptions are added to the offline server's options (the tests
// lift its rate limit together with the client's).
var extraServerOptions []pipedrivetest.Option

// usageError is a command-line error the flag package has already reported.
type usageError struct{ error }

// run is the whole program; main only maps its error to an exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("quickstart", flag.ContinueOnError)
	fs.SetOutput(stderr)
	write := fs.Bool("write", false, "with MATON_API_KEY: run the full flow on your account (it deletes what it creates)")
	verbose := fs.Bool("v", false, "log every request to stderr")
	legacy := fs.Bool("v1", false, "replay the seed's flow on the retired API v1, against pipedrivetest only")
	timeout := fs.Duration("timeout", time.Minute, "give up after this long")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q (see -h)", fs.Arg(0))
	}

	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	opts := append([]pipedrive.Option(nil), extraOptions...)
	if *verbose {
		logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
		opts = append(opts, pipedrive.WithLogger(logger))
	}
	out := &printer{w: stdout}

	var err error
	switch {
	case *legacy && os.Getenv(pipedrive.EnvAPIKey) != "":
		return fmt.Errorf("-v1 replays the retired API v1 (its deal, person, organization, activity, pipeline and stage endpoints were turned off on 2026-08-01): it runs against pipedrivetest only; unset MATON_API_KEY")
	case os.Getenv(pipedrive.EnvAPIKey) == "":
		err = runOffline(ctx, out, opts, *legacy)
	default:
		err = runLive(ctx, out, *write, opts)
	}
	return errors.Join(err, out.err)
}

// runOffline runs the sales flow against an in-memory pipedrivetest server
// seeded with the "Sales" pipeline and its stages.
func runOffline(ctx context.Context, out *printer, opts []pipedrive.Option, legacy bool) error {
	start := time.Now()
	// The emulator enforces the gateway's 10 requests per rolling second,
	// as Maton does; the client's default limiter fits that window, so no
	// request is refused (the request count at the end shows no retries).
	srv := pipedrivetest.NewServer(append([]pipedrivetest.Option{
		pipedrivetest.WithSeedData(), // the "Sales" pipeline and its stages
	}, extraServerOptions...)...)
	defer srv.Close()

	// The server's URLs, key and connection; in a test, srv.Client(t).
	client, err := srv.NewClient(opts...)
	if err != nil {
		return err
	}

	if legacy {
		out.header("offline, -v1: the seed's flow on API v1, retired by Pipedrive on 2026-08-01",
			"(replayed against pipedrivetest; use the default API v2 flow for real accounts)")
		if err := salesFlowV1(ctx, client, out); err != nil {
			return err
		}
		out.done(fmt.Sprintf("%d requests to pipedrivetest", srv.Requests()), time.Since(start))
		return nil
	}
	out.header("offline: an in-memory pipedrivetest server, no account needed",
		"(export MATON_API_KEY to run it against your Pipedrive account)")
	if err := salesFlow(ctx, client, out); err != nil {
		return err
	}
	out.done(fmt.Sprintf("%d requests to pipedrivetest", srv.Requests()), time.Since(start))
	return nil
}

// runLive talks to the real gateway: read-only, or the full flow with -write.
func runLive(ctx context.Context, out *printer, write bool, opts []pipedrive.Option) error {
	start := time.Now()
	client, err := pipedrive.NewClientFromEnv(opts...)
	if err != nil {
		return err
	}
	if write {
		out.header("live, -write: your Pipedrive account through Maton",
			"(everything created is deleted at the end)")
	} else {
		out.header("live, read-only: your Pipedrive account through Maton",
			"(pass -write to run the full sales flow, which cleans up)")
	}
	if write {
		err = salesFlow(ctx, client, out)
	} else {
		err = readOnly(ctx, client, out)
	}
	if err != nil {
		return err
	}
	out.done("", time.Since(start))
	return nil
}

// salesSteps are the steps of both flows: API v2 (flow) and the seed's v1
// (v1flow).
type salesSteps interface {
	account(context.Context) error
	createOrganization(context.Context) error
	createPerson(context.Context) error
	createDeal(context.Context) error
	scheduleActivity(context.Context) error
	addNote(context.Context) error
	moveThroughStages(context.Context) error
	win(context.Context) error
	addMoreDeals(context.Context) error
	search(context.Context) error
	listOpenDeals(context.Context) error
}

// salesFlow runs the steps in order and stops at the first error; whatever
// was created is deleted at the end in every case.
func salesFlow(ctx context.Context, client *pipedrive.Client, out *printer) (err error) {
	f := &flow{client: client, out: out}
	defer func() { err = errors.Join(err, f.undo.run(ctx, out)) }()
	return runSales(ctx, f, client, out)
}

// salesFlowV1 is the seed's flow on the retired API v1 (-v1).
func salesFlowV1(ctx context.Context, client *pipedrive.Client, out *printer) (err error) {
	f := &v1flow{client: client, out: out}
	defer func() { err = errors.Join(err, f.undo.run(ctx, out)) }()
	return runSales(ctx, f, client, out)
}

func runSales(ctx context.Context, f salesSteps, client *pipedrive.Client, out *printer) error {
	return runSteps(ctx, []step{
		{"reading the account", f.account},
		{"creating the organization", f.createOrganization},
		{"creating the person", f.createPerson},
		{"creating the deal", f.createDeal},
		{"scheduling the activity", f.scheduleActivity},
		{"adding the note", f.addNote},
		{"moving the deal", f.moveThroughStages},
		{"winning the deal", f.win},
		{"adding more deals", f.addMoreDeals},
		{"searching", f.search},
		{"listing open deals", f.listOpenDeals},
		{"listing connections", func(ctx context.Context) error { return listConnections(ctx, client, out) }},
	})
}

// readOnly reads the account without changing anything.
func readOnly(ctx context.Context, client *pipedrive.Client, out *printer) error {
	f := &flow{client: client, out: out}
	return runSteps(ctx, []step{
		{"reading the account", f.account},
		{"listing deals", f.firstPageOfDeals},
		{"listing connections", func(ctx context.Context) error { return listConnections(ctx, client, out) }},
	})
}
