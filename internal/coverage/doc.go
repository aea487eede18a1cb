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

// reasons says why an operation is left out, by version and operationId
// ("v1:getProjects"), operationId or tag ("tag:Oauth"). It never marks
// anything covered.
var reasons = map[string]string{
	"tag:Oauth":       "OAuth token endpoints: Maton holds and refreshes the Pipedrive token",
	"tag:LegacyTeams": "deprecated by Pipedrive (LegacyTeams)",
	"tag:Channels":    "deprecated by Pipedrive (Channels, for messaging-app vendors)",
	// API v1 projects, boards, phases, templates and tasks that API v2
	// serves the same: the SDK uses v2 (Client.V2.Projects and so on),
	// and keeps v1 only for what v2 lacks (Client.Projects).
	"v1:getProjectsBoard":    superseded,
	"v1:getProjectsBoards":   superseded,
	"v1:getProjectsPhase":    superseded,
	"v1:getProjectsPhases":   superseded,
	"v1:getProjectTemplate":  superseded,
	"v1:getProjectTemplates": superseded,
	"v1:addProject":          superseded,
	"v1:archiveProject":      superseded,
	"v1:deleteProject":       superseded,
	"v1:getProject":          superseded,
	"v1:getProjects":         superseded,
	"v1:updateProject":       superseded,
	"v1:addTask":             superseded,
	"v1:deleteTask":          superseded,
	"v1:getTask":             superseded,
	"v1:getTasks":            superseded,
	"v1:updateTask":          superseded,
}

// superseded is the reason of a v1 operation with a v2 twin.
const superseded = "API v2 has the same operation (the SDK uses it: Client.V2.Projects, Tasks, ProjectBoards, ProjectPhases, ProjectTemplates)"
