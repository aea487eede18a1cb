package coverage

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/gopipedrive/pipedrive"
	"github.com/gopipedrive/pipedrive/internal/conformance"
)

var update = flag.Bool("update", false, "rewrite docs/COVERAGE.md")

// currentV1 is the current v1 spec; conformance validates v1 traffic
// against the January 2026 spec, whose operations are a superset.
const currentV1 = "pipedrive-v1-2026-08.yaml"

// op is one operation of a spec.
type op struct {
	version, id, method, path, tag string
	deprecated                     bool
}

func specOps(doc *openapi3.T, version string) []op {
	var out []op
	for path, item := range doc.Paths.Map() {
		for method, o := range item.Operations() {
			if o.OperationID == "" {
				continue
			}
			tag := ""
			if len(o.Tags) > 0 {
				tag = o.Tags[0]
			}
			out = append(out, op{version, o.OperationID, method, path, tag, o.Deprecated})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].tag != out[j].tag {
			return out[i].tag < out[j].tag
		}
		return out[i].id < out[j].id
	})
	return out
}

// records reads docs/coverage/<name>.json.
func records(t *testing.T, name string) map[string]conformance.Use {
	t.Helper()
	path, err := conformance.RecordFile(name)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var uses []conformance.Use
	if err := json.Unmarshal(b, &uses); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	m := map[string]conformance.Use{}
	for _, u := range uses {
		m[u.Op] = u
	}
	return m
}

// servicePaths maps each service type of the SDK to its place on the
// client: "V2DealsService" → "V2.Deals".
func servicePaths() map[string]string {
	out := map[string]string{}
	var walk func(prefix string, t reflect.Type)
	walk = func(prefix string, t reflect.Type) {
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() || f.Type.Kind() != reflect.Pointer || f.Type.Elem().Kind() != reflect.Struct {
				continue
			}
			name := f.Type.Elem().Name()
			switch {
			case strings.HasSuffix(name, "Service"):
				out[name] = prefix + f.Name
			case strings.HasSuffix(name, "Services"):
				walk(prefix+f.Name+".", f.Type.Elem())
			}
		}
	}
	walk("", reflect.TypeFor[pipedrive.Client]())
	return out
}

// ledger is what the records say of every operation.
type ledger struct {
	sdk, fake, cli map[string]conformance.Use
	paths          map[string]string
}

func (l ledger) row(o op) (sdk, emulated, cli, test string, covered bool) {
	key := o.version + ":" + o.id
	var u conformance.Use
	for _, m := range []map[string]conformance.Use{l.sdk, l.fake} {
		if x, ok := m[key]; ok && x.SDK != "" && (u.SDK == "" || x.SDK < u.SDK) {
			u = x
		}
	}
	if u.SDK != "" {
		typ, method, _ := strings.Cut(u.SDK, ".")
		place := l.paths[typ]
		if place == "" {
			place = typ
		}
		sdk, covered, test = place+"."+method, true, u.Test
	}
	emulated = "no"
	if l.fake[key].Served || l.cli[key].Served {
		emulated = "yes"
	}
	cli = "`api`"
	if c := l.cli[key].CLI; c != "" {
		cli = "`" + c + "`"
	}
	return sdk, emulated, cli, test, covered
}

func reason(o op) string {
	if r := reasons[o.version+":"+o.id]; r != "" {
		return r
	}
	if r := reasons[o.id]; r != "" {
		return r
	}
	return reasons["tag:"+o.tag]
}

// TestCoverageLedger writes docs/COVERAGE.md from the specs and the
// harness's records, and fails when the committed file differs. Its
// subject is the specs, so it skips without them (and fails on CI).
func TestCoverageLedger(t *testing.T) {
	v1old := conformance.Load(t, conformance.V1)
	v2 := conformance.Load(t, conformance.V2)
	dir, err := conformance.Dir()
	if err != nil {
		t.Fatal(err)
	}
	loader := openapi3.NewLoader()
	v1doc, err := loader.LoadFromFile(filepath.Join(dir, currentV1))
	if err != nil {
		t.Fatalf("loading %s: %v", currentV1, err)
	}
	l := ledger{sdk: records(t, "sdk"), fake: records(t, "pipedrivetest"), cli: records(t, "cli"), paths: servicePaths()}

	v1ops, v2ops := specOps(v1doc, "v1"), specOps(v2.Doc(), "v2")
	current := map[string]bool{}
	var live, deprecated []op
	for _, o := range v1ops {
		current[o.id] = true
		if o.deprecated {
			deprecated = append(deprecated, o)
		} else {
			live = append(live, o)
		}
	}
	live = append(live, v2ops...)
	var retired []op
	for _, o := range specOps(v1old.Doc(), "v1") {
		if !current[o.id] {
			retired = append(retired, o)
		}
	}

	var body bytes.Buffer
	count := func(ops []op) (covered, emulated, cli int) {
		for _, o := range ops {
			_, em, c, _, cov := l.row(o)
			if cov {
				covered++
			}
			if em == "yes" {
				emulated++
			}
			if c != "`api`" {
				cli++
			}
		}
		return
	}
	table := func(ops []op, withReason bool) {
		body.WriteString("| operationId | method and path | SDK method | emulated | CLI | test |\n|---|---|---|---|---|---|\n")
		for _, o := range ops {
			sdk, em, c, test, _ := l.row(o)
			if sdk == "" {
				sdk = "—"
				if r := reason(o); withReason && r != "" {
					sdk = "left out: " + r
				}
			} else {
				sdk = "`" + sdk + "`"
			}
			if test == "" {
				test = "—"
			} else {
				test = "`" + test + "`"
			}
			fmt.Fprintf(&body, "| %s | `%s /api/%s%s` | %s | %s | %s | %s |\n", o.id, o.method, o.version, o.path, sdk, em, c, test)
		}
	}
	cov, em, cli := count(live)
	v1cov, _, _ := count(live[:len(live)-len(v2ops)])
	v2cov, _, _ := count(v2ops)
	left, open := 0, 0
	for _, o := range live {
		if _, _, _, _, c := l.row(o); !c {
			if reason(o) != "" {
				left++
			} else {
				open++
			}
		}
	}
	rcov, _, _ := count(retired)

	fmt.Fprintf(&body, "<!-- Generated by TestCoverageLedger (internal/coverage) from the specs and docs/coverage/*.json. Do not edit:\n     go test ./internal/coverage -update -->\n\n")
	fmt.Fprintf(&body, "# What the SDK covers of Pipedrive's API\n\n")
	fmt.Fprintf(&body, "**%d of %d current operations covered** (API v1 %d of %d, API v2 %d of %d); %d emulated by pipedrivetest; %d with a CLI command of their own (every other one is reachable with `pipedrive api`); %d left out on purpose, each with its reason; %d not covered yet. %d retired v1 operations kept.\n\n",
		cov, len(live), v1cov, len(live)-len(v2ops), v2cov, len(v2ops), em, cli, left, open, rcov)
	body.WriteString("\"Covered\" means a test sent the operation through the SDK method named and the request validated against Pipedrive's spec; \"emulated\" means pipedrivetest answered it and the answer validated. Both come from the harness's records (docs/coverage/*.json), which every package's tests keep up to date (`" + conformance.EnvUpdateCoverage + "=1 go test ./...` rewrites them). The current specs are `pipedrive-v1-2026-08.yaml` (operations not marked deprecated) and `pipedrive-v2-2026-08.yaml`.\n\n")
	body.WriteString("## Current operations\n\n")
	table(live, true)
	body.WriteString("\n## Deprecated in the current v1 spec\n\n")
	table(deprecated, true)
	body.WriteString("\n## Retired v1 operations (in the January 2026 spec, turned off on 2026-08-01)\n\nThe SDK keeps the seed's methods for them, marked Deprecated with their v2 replacement.\n\n")
	table(retired, false)

	path := filepath.Join(filepath.Dir(filepath.Dir(mustRecordDir(t))), "COVERAGE.md")
	if *update {
		if err := os.WriteFile(path, body.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, body.Bytes()) {
		t.Fatalf("docs/COVERAGE.md is stale: go test ./internal/coverage -update")
	}
}

// mustRecordDir is the path of a file in docs/coverage.
func mustRecordDir(t *testing.T) string {
	p, err := conformance.RecordFile("sdk")
	if err != nil {
		t.Fatal(err)
	}
	return p
}
