package conformance

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Optional loads the spec of version v for a test whose subject is
// behaviour, not the spec: when the spec files are missing the test runs
// without validation (Middleware then passes traffic through unchecked)
// instead of skipping, and a one-line notice says so once per `go test`
// run. With CI=true a missing spec fails the test; any other load error
// fails it too. It returns nil when the spec is missing.
func Optional(t testing.TB, v Version) *Spec {
	t.Helper()
	s, err := LoadErr(v)
	switch {
	case err == nil:
		return s
	case errors.Is(err, ErrSpecNotFound) && os.Getenv("CI") != "true":
		Notice()
		return nil
	}
	loadFailed(t, v, err)
	return nil
}

// NoticeText is the line printed when spec validation is off.
const NoticeText = "pipedrive: OpenAPI validation off (specs not found): put Pipedrive's " +
	"pipedrive-v1-2026-08.yaml, pipedrive-v1-2026-01.yaml (for the retired v1 operations) and " +
	"pipedrive-v2-2026-08.yaml in ../shared/openapi beside the checkout " +
	"or set " + EnvDir + "; Pipedrive publishes its specs at " +
	"https://developers.pipedrive.com/docs/api/v1/openapi.yaml and https://developers.pipedrive.com/docs/api/v2/openapi.yaml"

var noticeOnce sync.Once

// Notice prints NoticeText once per `go test` run, however many packages
// the run tests. `go test ./...` shows nothing a passing package prints, so
// on Linux the line goes to the standard error of the test binary's parent
// (the go command), and a marker file in the temporary directory, named
// after that parent, keeps the other packages of the same run quiet.
// Elsewhere it goes to the binary's own standard error (seen with -v or on
// failure).
func Notice() {
	noticeOnce.Do(func() {
		w, closeW := noticeWriter()
		defer closeW()
		if marker := runMarker(); marker != "" {
			f, err := os.OpenFile(marker, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
			if err != nil {
				return // another package of this run printed it
			}
			_ = f.Close()
		}
		_, _ = fmt.Fprintln(w, NoticeText)
	})
}

// noticeWriter is the go command's standard error when it can be reached,
// the process's own otherwise.
func noticeWriter() (io.Writer, func()) {
	if runtime.GOOS == "linux" {
		if f, err := os.OpenFile(fmt.Sprintf("/proc/%d/fd/2", os.Getppid()), os.O_WRONLY|os.O_APPEND, 0); err == nil {
			return f, func() { _ = f.Close() }
		}
	}
	return os.Stderr, func() {}
}

// runMarker names a file that identifies the current `go test` run: the
// parent process's id and start time (so a reused pid is a new run). It is
// "" when the start time cannot be read.
func runMarker() string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", os.Getppid()))
	if err != nil {
		return ""
	}
	// Field 22 (starttime) counts from after the command name, which is
	// in parentheses and may contain spaces.
	rest := string(b)
	if i := strings.LastIndexByte(rest, ')'); i >= 0 {
		rest = rest[i+1:]
	}
	fields := strings.Fields(rest)
	if len(fields) < 20 {
		return ""
	}
	return filepath.Join(os.TempDir(), "pipedrive-openapi-notice-"+strconv.Itoa(os.Getppid())+"-"+fields[19])
}
