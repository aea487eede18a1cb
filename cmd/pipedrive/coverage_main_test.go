package main

import (
	"os"
	"testing"

	"github.com/gopipedrive/pipedrive/internal/conformance"
)

// TestMain runs the command's tests, then checks docs/coverage/cli.json,
// the record of the operations its commands sent and the spec validated
// (see docs/COVERAGE.md).
func TestMain(m *testing.M) {
	os.Exit(conformance.RunAndRecord(m, "cli"))
}
