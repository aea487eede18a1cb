// Command connections creates a Maton connection to Pipedrive and prints the
// URL where a person authorizes it, then uses the connection.
//
// Offline by default, against pipedrivetest's control plane. The server
// starts without any connection, so a first call fails with
// ErrMissingConnection; the new connection is PENDING until srv.Activate
// plays the person who opens the URL and authorizes it; Get then shows it
// ACTIVE and the gateway answers.
//
//	go run ./examples/connections
//
// -live uses Maton's control plane with MATON_API_KEY: it creates the
// connection and prints its URL; with -wait it polls until you have
// authorized it in a browser, then calls Pipedrive through it.
//
//	MATON_API_KEY=... go run ./examples/connections -live -wait 5m
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
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
		fmt.Fprintln(os.Stderr, "connections:", strings.ReplaceAll(err.Error(), "\n", "; "))
		os.Exit(1)
	}
}

// usageError is a command-line error the flag package has already reported.
type usageError struct{ error }

// run is the whole program; main only maps its error to an exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("connections", flag.ContinueOnError)
	fs.SetOutput(stderr)
	live := fs.Bool("live", false, "use Maton's control plane (MATON_API_KEY) instead of pipedrivetest")
	wait := fs.Duration("wait", 0, "-live: wait this long for you to authorize the connection (0: do not wait)")
	poll := fs.Duration("poll", 3*time.Second, "-live: how often to check the connection's status while waiting")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q (see -h)", fs.Arg(0))
	}
	if *poll <= 0 {
		return errors.New("-poll must be positive")
	}
	out := &printer{w: stdout}
	if *live {
		client, err := pipedrive.NewClientFromEnv()
		if err != nil {
			return err
		}
		out.row("mode", "live: Maton's control plane at %s", client.ControlURL())
		err = connect(ctx, client, out, func(ctx context.Context, id string) error {
			return waitUntilAuthorized(ctx, client, out, id, *wait, *poll)
		})
		return errors.Join(err, out.err)
	}

	srv := pipedrivetest.NewServer(pipedrivetest.WithoutConnection())
	defer srv.Close()
	client, err := pipedrive.NewClient(srv.APIKey,
		pipedrive.WithGatewayURL(srv.GatewayURL()),
		pipedrive.WithControlURL(srv.ControlURL()),
	)
	if err != nil {
		return err
	}
	out.row("mode", "offline: pipedrivetest's control plane, no account needed")
	err = connect(ctx, client, out, func(ctx context.Context, id string) error {
		out.row("", "(offline, srv.Activate plays the person authorizing it)")
		return srv.Activate(id)
	})
	return errors.Join(err, out.err)
}

// connect creates a connection, has it authorized, then uses it.
func connect(ctx context.Context, client *pipedrive.Client, out *printer, authorize func(context.Context, string) error) error {
	if err := showCurrentUser(ctx, client, out, "before"); err != nil {
		return err
	}

	conn, _, err := client.Connections.Create(ctx, "pipedrive")
	if err != nil {
		return fmt.Errorf("creating the connection: %w", err)
	}
	out.row("created", "%s %s", conn.ID, conn.Status)
	out.row("authorize", "open this URL in a browser and log in to Pipedrive:")
	out.row("", "%s", conn.URL)

	if err := authorize(ctx, conn.ID); err != nil {
		return err
	}
	conn, _, err = client.Connections.Get(ctx, conn.ID)
	if err != nil {
		return fmt.Errorf("reading the connection: %w", err)
	}
	out.row("get", "%s %s", conn.ID, conn.Status)
	if conn.Status != pipedrive.ConnectionActive {
		out.row("", "not authorized yet: run again with -wait, or open the URL above")
		return nil
	}

	// Pick the connection for one call; WithConnection picks it for all.
	if err := showCurrentUser(pipedrive.ContextWithConnection(ctx, conn.ID), client, out, "after"); err != nil {
		return err
	}
	out.row("use it", "export %s=%s", pipedrive.EnvConnection, conn.ID)
	return nil
}

// showCurrentUser calls Pipedrive through the gateway; without an active
// connection the gateway refuses, which is not an error here.
func showCurrentUser(ctx context.Context, client *pipedrive.Client, out *printer, label string) error {
	me, _, err := client.Users.Me(ctx)
	switch {
	case errors.Is(err, pipedrive.ErrMissingConnection):
		out.row(label, "Users.Me: no active Pipedrive connection (ErrMissingConnection)")
		return nil
	case err != nil:
		return err
	}
	out.row(label, "Users.Me: %s <%s>", me.Name, me.Email)
	return nil
}

// waitUntilAuthorized polls the connection until it leaves PENDING or wait
// has passed.
func waitUntilAuthorized(ctx context.Context, client *pipedrive.Client, out *printer, id string, wait, poll time.Duration) error {
	if wait <= 0 {
		return nil
	}
	out.row("waiting", "up to %s for you to authorize it…", wait)
	ctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	tick := time.NewTicker(poll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil // Get below shows the status it stayed in
		case <-tick.C:
		}
		conn, _, err := client.Connections.Get(ctx, id)
		switch {
		case ctx.Err() != nil:
			return nil
		case err != nil:
			return fmt.Errorf("checking the connection: %w", err)
		case conn.Status != pipedrive.ConnectionPending:
			return nil
		}
	}
}

// printer writes "  label      value" lines and keeps the first error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) row(label, format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, "  %-11s%s\n", label, fmt.Sprintf(format, args...))
	}
}
