// Package conformance validates the HTTP traffic of the SDK against
// Pipedrive's official OpenAPI specifications.
//
// Tests use it in three ways:
//
//   - [Spec.ValidateRequest] and [Spec.ValidateResponse] check one request
//     or one response body directly;
//   - [Middleware] wraps a fake server's handler so that every request the
//     SDK sends, and every JSON response the fake serves to it, is checked;
//   - [Spec.ResponseExamples] hands out the response examples embedded in
//     the spec, to use as fixtures.
//
// The specs are not part of this repository. They are looked up in the
// directory named by PIPEDRIVE_OPENAPI_DIR, or else in ../shared/openapi
// beside the module root (see [Dir]). When they are missing, [Load] skips
// the test, or fails it when CI=true.
//
// The harness is stricter than kin-openapi on its own: it rejects query
// parameters and top-level JSON body keys the operation does not declare
// (40-hex custom-field keys excepted). It is more lenient where the specs
// are known to be wrong: it accepts "2006-01-02 15:04:05" times, ignores
// null-valued keys in responses and treats enum parameters documented as
// comma-separated lists as such.
package conformance

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// Version names one of Pipedrive's API versions, each described by its own spec.
type Version string

// The API versions the harness knows.
const (
	V1 Version = "v1" // Pipedrive API v1: the August 2026 spec, plus the retired operations of January's
	V2 Version = "v2" // Pipedrive API v2
)

// ModulePath is the module whose root [Dir] looks for.
const ModulePath = "github.com/gopipedrive/pipedrive"

// EnvDir is the environment variable that overrides the spec directory.
const EnvDir = "PIPEDRIVE_OPENAPI_DIR"

// ErrSpecNotFound is wrapped by the errors of [Dir], [SpecPath] and [LoadErr]
// when the spec directory or file does not exist.
var ErrSpecNotFound = errors.New("spec not found")

// specFiles maps each version to its file inside [Dir]. v1 operations are
// checked against the August 2026 spec (the current one: it has, for
// example, include_body on mail message lists); the operations it no
// longer lists (the retired v1 deal/person/organization/activity/pipeline/
// stage paths) against the January 2026 spec, retiredV1File.
var specFiles = map[Version]string{
	V1: "pipedrive-v1-2026-08.yaml",
	V2: "pipedrive-v2-2026-08.yaml",
}

// retiredV1File is the last v1 spec that lists the retired operations.
const retiredV1File = "pipedrive-v1-2026-01.yaml"

// Spec is one loaded and patched OpenAPI document with its router. It is
// safe for concurrent use.
type Spec struct {
	version  Version
	prefix   string
	path     string
	doc      *openapi3.T
	router   routers.Router
	loadTime time.Duration
	ops      map[string]*routers.Route // by operationId
}

// Version reports which API version the spec describes.
func (s *Spec) Version() Version { return s.version }

// Prefix is the path prefix the spec's operations are served under:
// "/pipedrive/api/v1" or "/pipedrive/api/v2". It is installed as the
// document's only (relative) server, so requests to any host match.
func (s *Spec) Prefix() string { return s.prefix }

// Doc returns the patched document. Callers must not modify it.
func (s *Spec) Doc() *openapi3.T { return s.doc }

// File returns the path the spec was loaded from.
func (s *Spec) File() string { return s.path }

// LoadTime reports how long loading, validating and patching the spec took.
func (s *Spec) LoadTime() time.Duration { return s.loadTime }

// Prefix returns the path prefix of version v ("/pipedrive/api/v1" for V1).
func Prefix(v Version) string { return "/pipedrive/api/" + string(v) }

// Dir returns the directory holding the specs: $PIPEDRIVE_OPENAPI_DIR if set,
// otherwise ../shared/openapi beside the root of module [ModulePath], found by
// walking up from the working directory. The error wraps [ErrSpecNotFound]
// when the directory does not exist or the module root cannot be found.
func Dir() (string, error) {
	if d := os.Getenv(EnvDir); d != "" {
		return checkDir(d, EnvDir)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("%w: working directory: %v", ErrSpecNotFound, err)
	}
	root, err := moduleRoot(wd)
	if err != nil {
		return "", err
	}
	return checkDir(filepath.Join(filepath.Dir(root), "shared", "openapi"), "module root "+root)
}

func checkDir(d, origin string) (string, error) {
	fi, err := os.Stat(d)
	if err != nil {
		return "", fmt.Errorf("%w: directory %s (from %s): %v", ErrSpecNotFound, d, origin, err)
	}
	if !fi.IsDir() {
		return "", fmt.Errorf("%w: %s (from %s) is not a directory", ErrSpecNotFound, d, origin)
	}
	return d, nil
}

// moduleRoot walks up from dir to the directory whose go.mod declares ModulePath.
func moduleRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrSpecNotFound, err)
	}
	for d := dir; ; {
		if isModuleRoot(filepath.Join(d, "go.mod")) {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("%w: no go.mod with module %s above %s (set %s)", ErrSpecNotFound, ModulePath, dir, EnvDir)
		}
		d = parent
	}
}

func isModuleRoot(gomod string) bool {
	f, err := os.Open(gomod)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "module" {
			return strings.Trim(fields[1], `"`+"`") == ModulePath
		}
	}
	return false
}

// SpecPath returns the file of version v inside [Dir], checking it exists.
func SpecPath(v Version) (string, error) {
	name, ok := specFiles[v]
	if !ok {
		return "", fmt.Errorf("conformance: unknown version %q", v)
	}
	d, err := Dir()
	if err != nil {
		return "", err
	}
	p := filepath.Join(d, name)
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("%w: %s: %v", ErrSpecNotFound, p, err)
	}
	return p, nil
}

type cacheEntry struct {
	once sync.Once
	spec *Spec
	err  error
}

var cache = map[Version]*cacheEntry{V1: {}, V2: {}}

// LoadErr loads, validates and patches the spec of version v, once per
// process; later calls return the same *Spec (or the same error). A missing
// spec gives an error wrapping [ErrSpecNotFound].
func LoadErr(v Version) (*Spec, error) {
	e, ok := cache[v]
	if !ok {
		return nil, fmt.Errorf("conformance: unknown version %q", v)
	}
	e.once.Do(func() { e.spec, e.err = load(v) })
	return e.spec, e.err
}

// Load is [LoadErr] for tests. When the spec file is missing it skips the
// test, or fails it if the environment has CI=true; any other load error
// fails the test. Call it from the test's goroutine.
func Load(t testing.TB, v Version) *Spec {
	t.Helper()
	s, err := LoadErr(v)
	if err != nil {
		loadFailed(t, v, err)
	}
	return s
}

// loadFailed skips or fails t for the load error err.
func loadFailed(t testing.TB, v Version, err error) {
	t.Helper()
	if errors.Is(err, ErrSpecNotFound) {
		detail := strings.TrimPrefix(err.Error(), ErrSpecNotFound.Error()+": ")
		if os.Getenv("CI") == "true" {
			t.Fatalf("conformance: OpenAPI %s spec required on CI (CI=true), spec not found: %s; put Pipedrive's OpenAPI specs in ../shared/openapi beside the checkout or set %s", v, detail, EnvDir)
			return
		}
		t.Skipf("spec not found: %s; put Pipedrive's OpenAPI specs in ../shared/openapi beside the checkout or set %s", detail, EnvDir)
		return
	}
	t.Fatalf("conformance: loading OpenAPI %s spec: %v", v, err)
}

func load(v Version) (*Spec, error) {
	p, err := SpecPath(v)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = false
	doc, err := loader.LoadFromFile(p)
	if err != nil {
		return nil, fmt.Errorf("conformance: parsing %s: %w", p, err)
	}
	// The v1 spec's own examples use "YYYY-MM-DD HH:MM:SS" for date-time.
	if err := doc.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
		return nil, fmt.Errorf("conformance: validating %s: %w", p, err)
	}
	if v == V1 {
		if err := addRetired(doc, filepath.Join(filepath.Dir(p), retiredV1File)); err != nil {
			return nil, err
		}
	}
	prefix := Prefix(v)
	doc.Servers = openapi3.Servers{{URL: prefix}}
	patchListParams(doc)
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("conformance: routing %s: %w", p, err)
	}
	s := &Spec{version: v, prefix: prefix, path: p, doc: doc, router: router, ops: map[string]*routers.Route{}}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for method, op := range item.Operations() {
			if op.OperationID == "" {
				continue
			}
			s.ops[op.OperationID] = &routers.Route{
				Spec: doc, Server: doc.Servers[0], Path: path, PathItem: item, Method: method, Operation: op,
			}
		}
	}
	s.loadTime = time.Since(start)
	return s, nil
}

// addRetired adds to doc the operations of the spec in file that doc no
// longer lists (with their deprecated flag), so that a request to a
// retired v1 path is still matched and checked.
func addRetired(doc *openapi3.T, file string) error {
	if _, err := os.Stat(file); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrSpecNotFound, file, err)
	}
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = false
	old, err := loader.LoadFromFile(file)
	if err != nil {
		return fmt.Errorf("conformance: parsing %s: %w", file, err)
	}
	for _, path := range old.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		if item == nil {
			item = &openapi3.PathItem{Parameters: old.Paths.Value(path).Parameters}
			doc.Paths.Set(path, item)
		}
		for method, op := range old.Paths.Value(path).Operations() {
			if item.GetOperation(method) == nil {
				item.SetOperation(method, op)
			}
		}
	}
	return nil
}

// patchListParams rewrites query parameters that the API takes as a
// comma-separated list but the spec declares as a single string: every
// include_fields, and every string enum whose description says it is
// comma-separated (v2 deals "status", search "fields", itemSearch
// "item_types"). They become arrays of the original schema with
// style: form, explode: false.
func patchListParams(doc *openapi3.T) {
	patch := func(params openapi3.Parameters) {
		for _, ref := range params {
			p := ref.Value
			if p == nil || p.In != openapi3.ParameterInQuery || p.Schema == nil || p.Schema.Value == nil {
				continue
			}
			sch := p.Schema.Value
			if sch.Type == nil || !sch.Type.Is(openapi3.TypeString) {
				continue // not a string, or already patched through a shared $ref
			}
			desc := strings.ToLower(p.Description)
			list := p.Name == "include_fields" ||
				(len(sch.Enum) > 0 && (strings.Contains(desc, "comma separated") || strings.Contains(desc, "comma-separated")))
			if !list {
				continue
			}
			explode := false
			p.Style = openapi3.SerializationForm
			p.Explode = &explode
			p.Schema = &openapi3.SchemaRef{Value: &openapi3.Schema{
				Type:  &openapi3.Types{openapi3.TypeArray},
				Items: &openapi3.SchemaRef{Value: sch},
			}}
		}
	}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		patch(item.Parameters)
		for _, op := range item.Operations() {
			patch(op.Parameters)
		}
	}
}
