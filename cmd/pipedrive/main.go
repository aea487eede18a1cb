// Command pipedrive uses Pipedrive CRM through the Maton API gateway from
// the shell: deals, persons, organizations, activities, pipelines, stages,
// notes, users, Maton connections and raw API calls, printed as a table,
// JSON or NDJSON.
//
//	go install github.com/gopipedrive/pipedrive/cmd/pipedrive@latest
//	pipedrive --demo deals funnel          # no account needed
//	MATON_API_KEY=... pipedrive deals list --status open --limit 50
//
// Run `pipedrive --help` for every command and flag.
package main

import (
	"context"
	"io"
	"os"
	"os/signal"

	"github.com/gopipedrive/pipedrive/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the whole command, without touching the process: tests call it
// in-process.
func run(ctx context.Context, args []string, env func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	return cli.Run(ctx, args, env, stdin, stdout, stderr)
}
