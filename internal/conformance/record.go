package conformance

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
)

// Headers a test harness sets on requests so that the record of validated
// operations says what caused them. The middleware reads them; nothing
// else does.
const (
	// HeaderSDKMethod carries the SDK method that sent the request, as
	// "V2DealsService.Get" (see TagTransport).
	HeaderSDKMethod = "X-Conformance-Sdk-Method"
	// HeaderCLICommand carries the CLI command that sent it, as "deals
	// list".
	HeaderCLICommand = "X-Conformance-Cli-Command"
)

// Use is what the harness recorded of one operation over a test run: the
// operation ("v1:getDeals"), the first test (by name) whose request for it
// validated, the SDK method and CLI command that sent it (the first by
// name, "" when none did), and whether an answer with a 2xx status
// validated too.
type Use struct {
	Op     string `json:"op"`
	Test   string `json:"test"`
	SDK    string `json:"sdk,omitempty"`
	CLI    string `json:"cli,omitempty"`
	Served bool   `json:"served,omitempty"`
}

var uses struct {
	sync.Mutex
	m map[string]*Use
}

// recordUse merges one validated request into the record.
func recordUse(op *Operation, test string, r *http.Request, served bool) {
	u := Use{Op: op.Key(), Test: test, SDK: r.Header.Get(HeaderSDKMethod), CLI: r.Header.Get(HeaderCLICommand), Served: served}
	uses.Lock()
	defer uses.Unlock()
	if uses.m == nil {
		uses.m = map[string]*Use{}
	}
	cur := uses.m[u.Op]
	if cur == nil {
		uses.m[u.Op] = &u
		return
	}
	cur.Test = first(cur.Test, u.Test)
	cur.SDK = first(cur.SDK, u.SDK)
	cur.CLI = firstCommand(cur.CLI, u.CLI)
	cur.Served = cur.Served || u.Served
}

// first is the smaller of two names, "" counting as absent.
func first(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "" || a <= b:
		return a
	}
	return b
}

// firstCommand is first for CLI commands, where a typed command wins over
// the generic "api" one.
func firstCommand(a, b string) string {
	if isAPI(a) != isAPI(b) && a != "" && b != "" {
		if isAPI(a) {
			return b
		}
		return a
	}
	return first(a, b)
}

func isAPI(cmd string) bool { return cmd == "api" || strings.HasPrefix(cmd, "api ") }

// Uses returns the record of validated operations of this process, sorted
// by operation.
func Uses() []Use {
	uses.Lock()
	defer uses.Unlock()
	out := make([]Use, 0, len(uses.m))
	for _, u := range uses.m {
		out = append(out, *u)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Op < out[j].Op })
	return out
}

// TagTransport wraps base (http.DefaultTransport when nil) so that each
// request carries, in HeaderSDKMethod, the exported method of the SDK's
// service types that sent it ("V2DealsService.Get"), found on the caller's
// stack: the SDK's pipeline calls the transport on the caller's goroutine.
func TagTransport(base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return tagTransport{base}
}

type tagTransport struct{ base http.RoundTripper }

func (t tagTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if m := sdkMethod(); m != "" {
		r = r.Clone(r.Context())
		r.Header.Set(HeaderSDKMethod, m)
	}
	return t.base.RoundTrip(r)
}

// sdkMethod finds, on the stack, the outermost call of an exported method
// of an exported *XxxService type of the SDK's root package.
func sdkMethod() string {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	found := ""
	for {
		f, more := frames.Next()
		if m := serviceMethod(f.Function); m != "" {
			found = m // keep going: the outermost one (All over List) wins
		}
		if !more {
			break
		}
	}
	return found
}

// serviceMethod turns "github.com/gopipedrive/pipedrive.(*V2DealsService).Get"
// into "V2DealsService.Get", and anything else into "".
func serviceMethod(fn string) string {
	rest, ok := strings.CutPrefix(fn, ModulePath+".(*")
	if !ok {
		return ""
	}
	typ, method, ok := strings.Cut(rest, ").")
	if !ok || !strings.HasSuffix(typ, "Service") || method == "" || strings.ContainsAny(method, ".[") {
		return ""
	}
	if method[0] < 'A' || method[0] > 'Z' || typ[0] < 'A' || typ[0] > 'Z' {
		return ""
	}
	return typ + "." + method
}

var updateRecord = flag.Bool("update-coverage", false, "rewrite docs/coverage/<name>.json from this run's validated operations")

// EnvUpdateCoverage, set to 1, rewrites the record files like
// -update-coverage (handy with go test ./..., where a flag must be known to
// every package).
const EnvUpdateCoverage = "PIPEDRIVE_UPDATE_COVERAGE"

// RunAndRecord runs the tests of m, then, when the whole package ran
// (no -run, -skip or -short), passed and validated traffic against the
// specs, compares this run's record of validated operations with
// docs/coverage/<name>.json at the module root: a stale file fails the
// run; -update-coverage (or PIPEDRIVE_UPDATE_COVERAGE=1) rewrites it.
// Call it from TestMain: os.Exit(conformance.RunAndRecord(m, "sdk")).
func RunAndRecord(m *testing.M, name string) int {
	code := m.Run()
	if code != 0 || !wholeRun() {
		return code
	}
	if _, err := LoadErr(V1); err != nil {
		return code // without the specs nothing was validated
	}
	if err := checkRecord(name, Uses()); err != nil {
		fmt.Fprintln(os.Stderr, "FAIL:", err)
		return 1
	}
	return code
}

// wholeRun reports whether every test of the package ran (not a -run,
// -skip, -list, -fuzz or -short run).
func wholeRun() bool {
	if testing.Short() {
		return false
	}
	for _, name := range []string{"test.run", "test.skip", "test.list", "test.fuzz"} {
		if f := flag.Lookup(name); f != nil && f.Value.String() != "" {
			return false
		}
	}
	return true
}

// RecordFile is the path of docs/coverage/<name>.json at the module root.
func RecordFile(name string) (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	root, err := moduleRoot(wd)
	if err != nil {
		return "", err
	}
	return filepath.Join(root, "docs", "coverage", name+".json"), nil
}

func checkRecord(name string, got []Use) error {
	path, err := RecordFile(name)
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if *updateRecord || os.Getenv(EnvUpdateCoverage) == "1" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		return os.WriteFile(path, b, 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if !bytes.Equal(want, b) {
		return fmt.Errorf("%s is stale (the operations this package's tests validate changed): rerun with %s=1 go test ./... and commit it", path, EnvUpdateCoverage)
	}
	return nil
}
