// Command export streams every deal to stdout as NDJSON, one JSON object per
// line, with the V2.Deals.All iterator (API v2, cursor pages): pages are fetched as the loop needs them
// and each deal is written as soon as it arrives, so memory stays flat
// however many deals the account holds. Progress goes to stderr.
//
// Offline by default: it starts an in-memory pipedrivetest server, seeds it
// with 1,234 deals through the SDK, and exports them. -live exports your
// account through the Maton gateway instead (MATON_API_KEY).
//
//	go run ./examples/export > deals.ndjson
//	go run ./examples/export -status won | jq -r .title
//	MATON_API_KEY=... go run ./examples/export -live > deals.ndjson
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
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
		fmt.Fprintln(os.Stderr, "export:", strings.ReplaceAll(err.Error(), "\n", "; "))
		os.Exit(1)
	}
}

// usageError is a command-line error the flag package has already reported.
type usageError struct{ error }

// config is the parsed command line.
type config struct {
	live     bool
	limit    int
	status   []pipedrive.V2DealStatus
	seed     int
	progress int
}

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	var cfg config
	var status string
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&cfg.live, "live", false, "export your account (MATON_API_KEY) instead of a seeded pipedrivetest server")
	fs.IntVar(&cfg.limit, "limit", pipedrive.MaxLimit, "page size, 1..500 (fewer pages cost fewer API tokens)")
	fs.StringVar(&status, "status", "", "only deals with this status: open, won, lost, deleted (default: all but deleted)")
	fs.IntVar(&cfg.seed, "seed", 1234, "offline: how many deals to seed")
	fs.IntVar(&cfg.progress, "progress", 250, "report progress on stderr every this many deals (0: never)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, usageError{err}
	}
	switch {
	case fs.NArg() > 0:
		return nil, fmt.Errorf("unexpected argument %q (see -h)", fs.Arg(0))
	case cfg.limit < 1 || cfg.limit > pipedrive.MaxLimit:
		return nil, fmt.Errorf("-limit %d is outside 1..%d", cfg.limit, pipedrive.MaxLimit)
	case status != "" && !slices.Contains([]string{"open", "won", "lost", "deleted", "all_not_deleted"}, status):
		return nil, fmt.Errorf("-status %q is not one of open, won, lost, deleted, all_not_deleted", status)
	case cfg.seed < 0 || cfg.progress < 0:
		return nil, errors.New("-seed and -progress cannot be negative")
	}
	if status != "" && status != "all_not_deleted" { // API v2's default
		cfg.status = []pipedrive.V2DealStatus{pipedrive.V2DealStatus(status)}
	}
	return &cfg, nil
}

// run is the whole program; main only maps its error to an exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}

	var client *pipedrive.Client
	if cfg.live {
		if client, err = pipedrive.NewClientFromEnv(); err != nil {
			return err
		}
	} else {
		srv := pipedrivetest.NewServer(
			pipedrivetest.WithSeedData(),
			// Seeding goes through the HTTP API like any client would. At
			// the gateway's 10 requests/second, 1,234 creates would take two
			// minutes: offline, the server's limit is off and the client's
			// is raised. Never raise it against the real gateway.
			pipedrivetest.WithRateLimit(0),
		)
		defer srv.Close()
		client, err = srv.NewClient(pipedrive.WithRateLimit(100_000, 1_000))
		if err != nil {
			return err
		}
		if err := seed(ctx, client, cfg.seed, stderr); err != nil {
			return fmt.Errorf("seeding: %w", err)
		}
	}
	return export(ctx, client, cfg, stdout, stderr)
}

// export writes the deals as NDJSON. The buffered writer is flushed at the
// end; each deal is encoded as soon as the iterator yields it.
func export(ctx context.Context, client *pipedrive.Client, cfg *config, stdout, stderr io.Writer) error {
	w := bufio.NewWriterSize(stdout, 64<<10)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	p := &progress{w: stderr, every: cfg.progress, limit: cfg.limit, start: time.Now()}

	opts := &pipedrive.V2DealListOptions{
		Status:        cfg.status,
		V2ListOptions: pipedrive.V2ListOptions{Limit: cfg.limit},
	}
	for deal, err := range client.V2.Deals.All(ctx, opts) {
		if err != nil {
			// What was written so far is valid NDJSON: keep it.
			return errors.Join(fmt.Errorf("after %d deals: %w", p.n, err), w.Flush())
		}
		if err := enc.Encode(deal); err != nil {
			return fmt.Errorf("writing deal #%d: %w", deal.ID, err)
		}
		p.add()
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("writing: %w", err)
	}
	p.done()
	return nil
}

// progress reports on stderr every so many deals.
type progress struct {
	w     io.Writer
	every int
	limit int
	start time.Time
	n     int
}

func (p *progress) add() {
	p.n++
	if p.every > 0 && p.n%p.every == 0 {
		fmt.Fprintf(p.w, "export: %6d deals, page %d, %s\n", p.n, (p.n-1)/p.limit+1, p.rate())
	}
}

func (p *progress) done() {
	pages := plural(max(1, (p.n+p.limit-1)/p.limit), "page")
	fmt.Fprintf(p.w, "export: done: %s in %s of up to %d, %s, %s\n",
		plural(p.n, "deal"), pages, p.limit, time.Since(p.start).Round(time.Millisecond), p.rate())
}

// plural writes n things: "1 page", "3 pages".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

func (p *progress) rate() string {
	secs := time.Since(p.start).Seconds()
	if secs <= 0 {
		return "- deals/s"
	}
	return fmt.Sprintf("%.0f deals/s", float64(p.n)/secs)
}

// seed creates n deals spread over the pipeline's stages, a few won or lost,
// in two currencies.
func seed(ctx context.Context, client *pipedrive.Client, n int, stderr io.Writer) error {
	start := time.Now()
	stages, _, err := client.V2.Stages.List(ctx, nil)
	if err != nil {
		return err
	}
	if len(stages) == 0 {
		return errors.New("no stages")
	}
	products := []string{"Robot arms", "Conveyor belts", "Maintenance plan", "Pilot project", "Training"}
	for i := 1; i <= n; i++ {
		_, _, err := client.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{
			Title:    fmt.Sprintf("%s for customer %d", products[i%len(products)], i),
			Value:    float64(500 + i*37%20000),
			Currency: []string{"EUR", "USD"}[i%2],
			StageID:  stages[i%len(stages)].ID,
			Status:   seedStatus(i),
		})
		if err != nil {
			return fmt.Errorf("deal %d of %d: %w", i, n, err)
		}
	}
	fmt.Fprintf(stderr, "export: seeded %d deals in %s\n", n, time.Since(start).Round(time.Millisecond))
	return nil
}

// seedStatus is the status of the i-th seeded deal: one in ten won, one in
// fifteen lost, the others open.
func seedStatus(i int) pipedrive.V2DealStatus {
	switch {
	case i%10 == 0:
		return pipedrive.V2DealStatusWon
	case i%15 == 0:
		return pipedrive.V2DealStatusLost
	}
	return pipedrive.V2DealStatusOpen
}
