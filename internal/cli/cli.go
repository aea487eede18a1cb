// Package cli implements the pipedrive command: Pipedrive CRM through the
// Maton API gateway, from the shell. cmd/pipedrive's main calls Run.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gopipedrive/pipedrive"
	"github.com/gopipedrive/pipedrive/pipedrivetest"
)

// Exit statuses of the command.
const (
	ExitOK                = 0
	ExitError             = 1
	ExitUsage             = 2
	ExitUnauthorized      = 3
	ExitNotFound          = 4
	ExitRateLimited       = 5
	ExitMissingConnection = 6
)

// Output formats.
const (
	formatTable  = "table"
	formatJSON   = "json"
	formatNDJSON = "ndjson"
)

// API versions.
const (
	apiV1 = "v1"
	apiV2 = "v2"
)

// globals are the flags every command accepts.
type globals struct {
	apiKey     string
	connection string
	gatewayURL string
	ctrlURL    string
	output     string
	outputSet  bool
	api        string
	apiSet     bool
	demo       bool
	timeout    time.Duration
	verbose    bool
	version    bool
}

// outputFlag records whether -o was given.
type outputFlag struct{ g *globals }

func (f outputFlag) String() string {
	if f.g == nil {
		return ""
	}
	return f.g.output
}

func (f outputFlag) Set(s string) error {
	f.g.output, f.g.outputSet = s, true
	return nil
}

// apiFlag records whether --api was given.
type apiFlag struct{ g *globals }

func (f apiFlag) String() string {
	if f.g == nil {
		return ""
	}
	return f.g.api
}

func (f apiFlag) Set(s string) error {
	f.g.api, f.g.apiSet = s, true
	return nil
}

func newGlobals() *globals { return &globals{output: formatTable, api: apiV2} }

// addGlobalFlags registers the global flags on fs. The current values of g
// are the defaults, so that flags given at an earlier level (before the
// command name) survive the registration at the next level.
func addGlobalFlags(fs *flag.FlagSet, g *globals) {
	fs.StringVar(&g.apiKey, "api-key", g.apiKey, "Maton API `KEY` (default $MATON_API_KEY)")
	fs.StringVar(&g.connection, "connection", g.connection, "Maton connection `ID` to use (default $MATON_CONNECTION, else the account's default)")
	fs.StringVar(&g.gatewayURL, "gateway-url", g.gatewayURL, "gateway base `URL` (default $MATON_GATEWAY_URL, else "+pipedrive.DefaultGatewayURL+")")
	fs.StringVar(&g.ctrlURL, "ctrl-url", g.ctrlURL, "control plane base `URL` (default $MATON_CTRL_URL, else "+pipedrive.DefaultControlURL+")")
	const outUsage = "output format: table, json or ndjson"
	fs.Var(outputFlag{g}, "output", outUsage)
	fs.Var(outputFlag{g}, "o", outUsage)
	fs.Var(apiFlag{g}, "api", "Pipedrive API version for resources that have both: v1 or v2 (default v2)")
	fs.BoolVar(&g.demo, "demo", g.demo, "run against a built-in fake Pipedrive with demo data (no account needed)")
	fs.DurationVar(&g.timeout, "timeout", g.timeout, "give up after this long, e.g. 30s (default no limit)")
	const vUsage = "print each request on stderr (the key redacted)"
	fs.BoolVar(&g.verbose, "verbose", g.verbose, vUsage)
	fs.BoolVar(&g.verbose, "v", g.verbose, vUsage)
	fs.BoolVar(&g.version, "version", g.version, "print the version and exit")
}

// app is the state of one run: flags, streams and the client.
type app struct {
	g       *globals
	env     func(string) string
	stdin   io.Reader
	stdout  io.Writer
	stderr  io.Writer
	isTTY   bool // stderr is a terminal: progress lines
	api     string
	cmdPath string        // "pipedrive deals create", once the command is known
	fs      *flag.FlagSet // the leaf command's flags, once known
	ctx     context.Context
	names   *names // ids resolved to names for tables, once per run
	// activityTypes are the account's activity type keys (true when
	// active), listed once per run to check --type.
	activityTypes map[string]bool
	demoSrv       *pipedrivetest.Server // the --demo server, once started
	cl            *pipedrive.Client
	closers       []func()
}

// Run runs the command line args (without the program name) and returns
// the exit status. env looks up environment variables (os.Getenv in
// production); nothing else of the process is touched, so tests run it
// in-process.
func Run(ctx context.Context, args []string, env func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{g: newGlobals(), env: env, stdin: stdin, stdout: stdout, stderr: stderr, isTTY: isTerminal(stderr)}
	defer a.close()
	err := a.dispatch(ctx, args)
	if err == nil {
		return ExitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	code, msg := describe(err, a.g)
	var ve *pipedrive.ValidationError
	if errors.As(err, &ve) {
		msg = "invalid " + a.flagName(ve.Field) + ": " + cliWords(ve.Reason)
		if a.cmdPath != "" {
			msg += " (see `" + a.cmdPath + " --help`)"
		}
	}
	if a.wasNetworkWrite(err) && pipedrive.MayHaveWritten(err) {
		msg += "; " + a.mayHaveWrittenHint()
	}
	fmt.Fprintln(stderr, "pipedrive: "+oneLine(msg))
	return code
}

func (a *app) close() {
	for i := len(a.closers) - 1; i >= 0; i-- {
		a.closers[i]()
	}
}

// dispatch parses the global flags, walks the command tree and runs the
// leaf command.
func (a *app) dispatch(ctx context.Context, args []string) error {
	root := commandTree()
	path := []*command{root}
	cur := root
	for cur.setup == nil {
		fs := flag.NewFlagSet(cur.name, flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		addGlobalFlags(fs, a.g)
		if err := fs.Parse(args); err != nil {
			return a.flagError(err, path)
		}
		args = fs.Args()
		if a.g.version {
			fmt.Fprintf(a.stdout, "pipedrive %s (SDK github.com/gopipedrive/pipedrive %s, %s)\n", pipedrive.Version, pipedrive.Version, runtime.Version())
			return nil
		}
		if len(args) == 0 {
			printUsage(a.stderr, path)
			return usagef("missing command: run `%s --help`", pathName(path))
		}
		name := args[0]
		args = args[1:]
		if name == "help" {
			return a.help(path, args)
		}
		next := cur.sub(name)
		if next == nil {
			return usagef("unknown command %q for `%s`: run `%s --help`", name, pathName(path), pathName(path))
		}
		path = append(path, next)
		cur = next
	}
	a.cmdPath = pathName(path)
	fs := flag.NewFlagSet(a.cmdPath, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addGlobalFlags(fs, a.g)
	a.fs = fs
	run := cur.setup(fs)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return a.flagError(err, path)
	}
	if err := a.checkGlobals(); err != nil {
		return err
	}
	if a.g.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, a.g.timeout)
		defer cancel()
	}
	a.ctx = ctx
	return run(ctx, a, pos)
}

func (a *app) flagError(err error, path []*command) error {
	if errors.Is(err, flag.ErrHelp) {
		printUsage(a.stdout, path)
		return err
	}
	return usagef("%v: run `%s --help`", err, pathName(path))
}

// help prints the usage of "pipedrive help deals list".
func (a *app) help(path []*command, args []string) error {
	for _, name := range args {
		next := path[len(path)-1].sub(name)
		if next == nil {
			return usagef("unknown command %q for `%s`", name, pathName(path))
		}
		path = append(path, next)
	}
	printUsage(a.stdout, path)
	return nil
}

func pathName(path []*command) string {
	names := make([]string, len(path))
	for i, c := range path {
		names[i] = c.name
	}
	return strings.Join(names, " ")
}

func (a *app) checkGlobals() error {
	switch a.g.output {
	case formatTable, formatJSON, formatNDJSON:
	default:
		return usagef("-o %q: choose table, json or ndjson", a.g.output)
	}
	switch a.g.api {
	case apiV1, apiV2:
	default:
		return usagef("--api %q: choose v1 or v2", a.g.api)
	}
	if a.g.timeout < 0 {
		return usagef("--timeout %s is negative", a.g.timeout)
	}
	a.api = a.g.api
	if c := firstNonEmpty(a.g.connection, a.env(pipedrive.EnvConnection)); c != "" && !a.g.demo && !uuidShape.MatchString(c) {
		// Never echo the value: a pasted API key must not reach a log.
		return usagef("--connection (or MATON_CONNECTION) must be a Maton connection ID, a UUID of 36 characters such as 21fd90f9-5935-43cd-b6c8-bde9d915ca80; got %d characters (value not shown): run `pipedrive connections list`", len(c))
	}
	return nil
}

var uuidShape = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// globalFlagNames maps the SDK's names of client settings to the flag and
// environment variable that set them.
var globalFlagNames = map[string]string{
	"apiKey": "--api-key (or MATON_API_KEY)", pipedrive.EnvAPIKey: "MATON_API_KEY (or --api-key)",
	"connection": "--connection (or MATON_CONNECTION)", pipedrive.EnvConnection: "MATON_CONNECTION (or --connection)",
	"gatewayURL": "--gateway-url (or MATON_GATEWAY_URL)", pipedrive.EnvGatewayURL: "MATON_GATEWAY_URL (or --gateway-url)",
	"controlURL": "--ctrl-url (or MATON_CTRL_URL)", pipedrive.EnvControlURL: "MATON_CTRL_URL (or --ctrl-url)",
}

// flagName names, in the CLI's words, the setting an SDK validation error
// is about: a global flag and its environment variable, the command's
// flag ("due_date" → "--due-date", "org_id" → "--org"), or, when no flag
// sets it, the field itself.
func (a *app) flagName(field string) string {
	if n, ok := globalFlagNames[field]; ok {
		return n
	}
	if a.fs != nil {
		base := field
		if i := strings.LastIndexAny(base, ".["); i >= 0 {
			base = strings.TrimRight(base[i+1:], "]")
		}
		kebab := strings.ReplaceAll(base, "_", "-")
		last := kebab[strings.LastIndex(kebab, "-")+1:] // subscription_url → --url
		for _, name := range []string{kebab, strings.TrimSuffix(kebab, "-id"), strings.TrimSuffix(kebab, "-ids"), strings.TrimSuffix(kebab, "-date"), last} {
			if name != "" && a.fs.Lookup(name) != nil {
				return "--" + name
			}
		}
		switch base {
		case "user_id", "owner_id":
			if a.fs.Lookup("owner") != nil {
				return "--owner"
			}
		case "custom_fields":
			return "--set"
		}
	}
	return field
}

// cliWords rewrites the SDK's option names in a message into the CLI's
// flags.
func cliWords(s string) string {
	return strings.NewReplacer(
		" (or WithInsecureHTTP)", "",
		", or WithInsecureHTTP", "",
		"WithMaxResponseBytes", "a smaller --limit",
		"WithConnection", "--connection",
		"WithGatewayURL", "--gateway-url",
		"WithControlURL", "--ctrl-url",
	).Replace(s)
}

// wasNetworkWrite reports whether err ended a write command after its
// request went out: an answer or a transport failure, not bad input.
func (a *app) wasNetworkWrite(err error) bool {
	var apiErr *pipedrive.APIError
	var te *pipedrive.TransportError
	if !errors.As(err, &apiErr) && !errors.As(err, &te) {
		return false
	}
	f := strings.Fields(a.cmdPath)
	if len(f) == 0 {
		return false
	}
	switch f[len(f)-1] {
	case "create", "update", "delete", "api":
		return true
	}
	return false
}

// mayHaveWrittenHint tells, after a failed write, that it may have reached
// Pipedrive and how to check before retrying.
func (a *app) mayHaveWrittenHint() string {
	resource := ""
	if f := strings.Fields(a.cmdPath); len(f) >= 2 {
		resource = f[1]
	}
	check := "`pipedrive " + resource + " list`"
	if resource == "" || resource == "api" {
		check = "a GET of the same resource"
	}
	return "the request may have reached Pipedrive and taken effect: check with " + check + " before retrying, so nothing is written twice"
}

// errNoAPIKey is returned when neither --api-key nor MATON_API_KEY is set.
var errNoAPIKey = errors.New("no Maton API key: pass --api-key or set MATON_API_KEY (create one at https://maton.ai/settings), or try --demo")

// client returns the SDK client, creating it (and, with --demo, the demo
// server) on first use.
func (a *app) client(ctx context.Context) (*pipedrive.Client, error) {
	if a.cl != nil {
		return a.cl, nil
	}
	opts := []pipedrive.Option{pipedrive.WithUserAgent("pipedrive-cli/" + pipedrive.Version)}
	if a.g.verbose {
		// The SDK logs each attempt once, after it, on its own transport
		// (its timeouts kept); verboseHandler prints those records.
		opts = append(opts, pipedrive.WithLogger(slog.New(&verboseHandler{mu: &sync.Mutex{}, w: a.stderr})))
	}
	var key string
	if a.g.demo {
		srv, err := NewDemoServer(ctx, pipedrivetest.WithFileDir(a.demoFileDir()))
		if err != nil {
			return nil, err
		}
		a.closers = append(a.closers, srv.Close)
		a.demoSrv = srv
		key = srv.APIKey
		opts = append(opts,
			pipedrive.WithGatewayURL(srv.URL), pipedrive.WithControlURL(srv.URL),
			pipedrive.WithConnection(srv.ConnectionID),
			pipedrive.WithRateLimit(1000, 100))
	} else {
		key = firstNonEmpty(a.g.apiKey, a.env(pipedrive.EnvAPIKey))
		if key == "" {
			return nil, errNoAPIKey
		}
		if c := firstNonEmpty(a.g.connection, a.env(pipedrive.EnvConnection)); c != "" {
			opts = append(opts, pipedrive.WithConnection(c))
		}
		if u := firstNonEmpty(a.g.gatewayURL, a.env(pipedrive.EnvGatewayURL)); u != "" {
			opts = append(opts, pipedrive.WithGatewayURL(u))
		}
		if u := firstNonEmpty(a.g.ctrlURL, a.env(pipedrive.EnvControlURL)); u != "" {
			opts = append(opts, pipedrive.WithControlURL(u))
		}
	}
	cl, err := pipedrive.NewClient(key, opts...)
	if err != nil {
		return nil, err
	}
	a.cl = cl
	return cl, nil
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// describe maps an error to the exit status and a one-line, actionable
// message.
func describe(err error, g *globals) (int, string) {
	var ue *usageError
	var ve *pipedrive.ValidationError
	var apiErr *pipedrive.APIError
	switch {
	case errors.As(err, &ue):
		return ExitUsage, ue.msg
	case errors.Is(err, errNoAPIKey):
		return ExitUnauthorized, err.Error()
	case errors.As(err, &ve):
		return ExitUsage, "invalid " + ve.Field + ": " + ve.Reason
	case errors.Is(err, pipedrive.ErrMissingConnection):
		return ExitMissingConnection, "no Pipedrive connection: run `pipedrive connections create`, open its URL to authorize it, then retry (or pass --connection ID)"
	case errors.Is(err, pipedrive.ErrUnauthorized):
		return ExitUnauthorized, "unauthorized: the Maton API key was refused; check --api-key or MATON_API_KEY (keys: https://maton.ai/settings)"
	case errors.Is(err, pipedrive.ErrNotFound):
		msg := "not found"
		if errors.As(err, &apiErr) && apiErr.Source == pipedrive.SourceGateway && strings.HasPrefix(apiErr.Path, "/pipedrive/") {
			return ExitNotFound, "not found: the gateway knows no such Maton connection (--connection or MATON_CONNECTION): run `pipedrive connections list`"
		}
		if errors.As(err, &apiErr) {
			msg += ": " + apiErr.Method + " " + strings.TrimPrefix(apiErr.Path, "/pipedrive")
			if apiErr.Message != "" {
				msg += ": " + apiErr.Message
			}
			if apiErr.Replacement != "" {
				msg += " (this v1 endpoint was retired; try --api v2)"
			}
		}
		return ExitNotFound, msg
	case errors.Is(err, pipedrive.ErrRateLimited):
		msg := "rate limited"
		if errors.Is(err, pipedrive.ErrDailyBudgetExhausted) {
			msg += ": Pipedrive's daily token budget is spent; it resets at the server's midnight"
		} else if errors.As(err, &apiErr) && apiErr.RetryAfter > 0 {
			msg += ": retry in " + apiErr.RetryAfter.String()
		} else {
			msg += ": wait a moment and retry"
		}
		return ExitRateLimited, msg
	case errors.Is(err, context.DeadlineExceeded):
		if g != nil && g.timeout > 0 {
			return ExitError, "timed out after " + g.timeout.String() + " (--timeout)"
		}
		return ExitError, "timed out"
	case errors.Is(err, context.Canceled):
		return ExitError, "interrupted"
	}
	return ExitError, strings.TrimPrefix(err.Error(), "pipedrive: ")
}

// oneLine folds a message onto one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// itoa is strconv.Itoa, short.
func itoa(n int) string { return strconv.Itoa(n) }

// demoFileDir is where --demo keeps uploaded files, so that a download
// in a later run finds them: $PIPEDRIVE_DEMO_DIR, else pipedrive/demo-files
// under the user's cache directory (or the temporary directory).
func (a *app) demoFileDir() string {
	if d := a.env("PIPEDRIVE_DEMO_DIR"); d != "" {
		return d
	}
	base := a.env("XDG_CACHE_HOME")
	if base == "" {
		if home := a.env("HOME"); home != "" {
			base = filepath.Join(home, ".cache")
		} else {
			base = os.TempDir()
		}
	}
	return filepath.Join(base, "pipedrive", "demo-files")
}
