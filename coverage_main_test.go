package pipedrive

import (
	"os"
	"testing"

	"github.com/gopipedrive/pipedrive/internal/conformance"
)

// TestMain runs the package's tests, then checks docs/coverage/sdk.json,
// the record of the operations they validated against the specs (see
// conformance.RunAndRecord and docs/COVERAGE.md).
func TestMain(m *testing.M) {
	os.Exit(conformance.RunAndRecord(m, "sdk"))
}
