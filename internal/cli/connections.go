package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/gopipedrive/pipedrive"
)

var connectionView = view{singular: "connection", plural: "connections", columns: []string{"ID", "APP", "STATUS", "CREATED", "URL"}}

func connectionCells(c *pipedrive.Connection) []string {
	created := ""
	if !c.CreationTime.IsZero() {
		created = c.CreationTime.UTC().Format(time.DateTime)
	}
	return []string{c.ID, cell(c.App), c.Status, created, strings.Join(strings.Fields(c.URL), "")}
}

func connectionsCommand() *command {
	return &command{
		name:    "connections",
		summary: "Maton connections to Pipedrive accounts: list, create, get, delete",
		long: "A new connection is PENDING until someone opens its URL in a browser and authorizes\n" +
			"Pipedrive. Select one for other commands with --connection ID or MATON_CONNECTION.",
		subs: []*command{
			{
				name: "list", summary: "List connections",
				setup: func(fs *flag.FlagSet) runFunc {
					appFilter := fs.String("app", "pipedrive", `only connections to this app ("" for every app)`)
					status := fs.String("status", "", "only ACTIVE, PENDING or FAILED connections")
					return func(ctx context.Context, a *app, args []string) error {
						if err := wantArgs(args, "", 0); err != nil {
							return err
						}
						cl, err := a.client(ctx)
						if err != nil {
							return err
						}
						list, _, err := cl.Connections.List(ctx, &pipedrive.ConnectionListOptions{App: *appFilter, Status: strings.ToUpper(*status)})
						if err != nil {
							return err
						}
						return a.printPage(connectionView, page{rows: rows(list, connectionCells)})
					}
				},
			},
			{
				name: "create", args: "[APP]", summary: "Create a connection (default app pipedrive) and print the URL that authorizes it",
				setup: func(fs *flag.FlagSet) runFunc {
					return func(ctx context.Context, a *app, args []string) error {
						if len(args) > 1 {
							return usagef("unexpected argument %q", args[1])
						}
						appName := "pipedrive"
						if len(args) == 1 {
							appName = args[0]
						}
						cl, err := a.client(ctx)
						if err != nil {
							return err
						}
						c, _, err := cl.Connections.Create(ctx, appName)
						if err != nil {
							return err
						}
						if c == nil {
							return fmt.Errorf("the control plane created a connection but did not return it: run `pipedrive connections list`")
						}
						if c.URL != "" && c.Status != pipedrive.ConnectionActive {
							fmt.Fprintf(a.stderr, "open this URL in a browser to authorize the connection, then use --connection %s:\n  %s\n", c.ID, c.URL)
						}
						return a.printOne(connectionView, row{c, connectionCells(c)})
					}
				},
			},
			{
				name: "get", args: "ID", summary: "Show a connection",
				setup: func(fs *flag.FlagSet) runFunc {
					return func(ctx context.Context, a *app, args []string) error {
						if err := wantArgs(args, "ID", 1); err != nil {
							return err
						}
						cl, err := a.client(ctx)
						if err != nil {
							return err
						}
						c, _, err := cl.Connections.Get(ctx, args[0])
						if err != nil {
							return err
						}
						if c == nil {
							return fmt.Errorf("connection %s: the control plane returned no connection", args[0])
						}
						return a.printOne(connectionView, row{c, connectionCells(c)})
					}
				},
			},
			{
				name: "delete", args: "ID", summary: "Delete a connection",
				setup: func(fs *flag.FlagSet) runFunc {
					return func(ctx context.Context, a *app, args []string) error {
						if err := wantArgs(args, "ID", 1); err != nil {
							return err
						}
						cl, err := a.client(ctx)
						if err != nil {
							return err
						}
						if _, err := cl.Connections.Delete(ctx, args[0]); err != nil {
							return err
						}
						return a.printDeleted("connection", args[0])
					}
				},
			},
		},
	}
}

func apiCommand() *command {
	return &command{
		name: "api", args: "METHOD PATH", summary: "Send a raw request to a Pipedrive path, e.g. api GET /api/v1/currencies",
		long: "PATH is a Pipedrive path (/api/v1/... or /api/v2/...), optionally with a query string.\n" +
			"The request goes through the SDK's pipeline (auth, rate limit, retries, typed errors)\n" +
			"and the envelope's data is printed: table and json print it indented, ndjson prints\n" +
			"one line per array element.",
		setup: func(fs *flag.FlagSet) runFunc {
			data := fs.String("data", "", "JSON request body; @FILE reads a file, - reads stdin")
			var params listFlag
			fs.Var(&params, "query", "query parameter KEY=VALUE; repeatable")
			return func(ctx context.Context, a *app, args []string) error {
				if err := wantArgs(args, "METHOD PATH", 2); err != nil {
					return err
				}
				method := strings.ToUpper(args[0])
				path, rawQuery, _ := strings.Cut(args[1], "?")
				path = strings.TrimPrefix(path, "/pipedrive")
				q, err := url.ParseQuery(rawQuery)
				if err != nil {
					return usagef("bad query in %q: %v", args[1], err)
				}
				for _, p := range params.v {
					k, v, ok := strings.Cut(p, "=")
					if !ok {
						return usagef("--query %q: expected KEY=VALUE", p)
					}
					q.Add(k, v)
				}
				var body any
				if *data != "" {
					b, err := a.readData(*data)
					if err != nil {
						return err
					}
					if !json.Valid(b) {
						return usagef("--data is not valid JSON")
					}
					body = json.RawMessage(b)
				}
				var query any
				if len(q) > 0 {
					query = q
				}
				cl, err := a.client(ctx)
				if err != nil {
					return err
				}
				var out json.RawMessage
				resp, err := cl.Do(ctx, method, path, query, body, &out)
				if err != nil {
					return err
				}
				if err := a.printRaw(out); err != nil {
					return err
				}
				switch {
				case resp != nil && resp.Pagination != nil && resp.Pagination.MoreItems:
					fmt.Fprintf(a.stderr, "more items follow: add --query start=%d\n", resp.Pagination.NextStart)
				case resp != nil && resp.NextCursor != "":
					fmt.Fprintf(a.stderr, "more items follow: add --query cursor=%s\n", resp.NextCursor)
				}
				return nil
			}
		},
	}
}

// readData reads --data: inline JSON, @FILE or - for stdin.
func (a *app) readData(s string) ([]byte, error) {
	switch {
	case s == "-":
		return readLimited(a.stdin)
	case strings.HasPrefix(s, "@"):
		f, err := os.Open(s[1:])
		if err != nil {
			return nil, usagef("--data: %v", err)
		}
		defer f.Close()
		return readLimited(f)
	}
	return []byte(s), nil
}

// printRaw prints an envelope's raw data.
func (a *app) printRaw(raw json.RawMessage) error {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		raw = json.RawMessage("null")
	}
	if a.g.output == formatNDJSON {
		var items []json.RawMessage
		if raw[0] == '[' && json.Unmarshal(raw, &items) == nil {
			for _, it := range items {
				if err := writeCompact(a, it); err != nil {
					return err
				}
			}
			return nil
		}
		return writeCompact(a, raw)
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, raw, "", "  "); err != nil {
		return err
	}
	buf.WriteByte('\n')
	_, err := a.stdout.Write(buf.Bytes())
	return err
}

func writeCompact(a *app, raw json.RawMessage) error {
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return err
	}
	buf.WriteByte('\n')
	_, err := a.stdout.Write(buf.Bytes())
	return err
}
