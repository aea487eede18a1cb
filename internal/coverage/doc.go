// Package coverage holds the test that writes docs/COVERAGE.md, the ledger
// of Pipedrive's current API operations the SDK covers: for every
// operation of the current specs, the SDK method, whether pipedrivetest
// emulates it, the CLI command and the test that sent it through the
// spec-validating harness. It is read from the harness's own records
// (docs/coverage/*.json, kept up to date by each package's TestMain, see
// internal/conformance.RunAndRecord), never from a hand-kept list; only
// the reasons for leaving an operation out are written by hand (reasons).
//
//	go test ./internal/coverage -update   # rewrite docs/COVERAGE.md
package coverage

// reasons says why an operation is left out, by operationId or by tag
// ("tag:Oauth"). It never marks anything covered.
var reasons = map[string]string{
	"tag:Oauth":       "OAuth token endpoints: Maton holds and refreshes the Pipedrive token",
	"tag:LegacyTeams": "deprecated by Pipedrive (LegacyTeams)",
	"tag:Channels":    "deprecated by Pipedrive (Channels, for messaging-app vendors)",
}
