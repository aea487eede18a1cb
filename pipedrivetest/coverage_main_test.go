package pipedrivetest_test

import (
	"os"
	"testing"

	"github.com/gopipedrive/pipedrive/internal/conformance"
)

// TestMain runs the package's tests, then checks
// docs/coverage/pipedrivetest.json, the record of the operations the fake
// served and the spec validated (see docs/COVERAGE.md).
func TestMain(m *testing.M) {
	os.Exit(conformance.RunAndRecord(m, "pipedrivetest"))
}
