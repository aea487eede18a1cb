package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// Operation describes the spec operation a request was matched to.
type Operation struct {
	ID         string  // operationId, e.g. "getDeals"
	Version    Version // spec the operation belongs to
	Method     string  // HTTP method, e.g. "GET"
	Path       string  // path template relative to the prefix, e.g. "/deals/{id}"
	Deprecated bool    // the spec marks the operation deprecated: true
	TokenCost  int     // x-token-cost, 0 when the spec has none
}

// Key returns the operation's key in [Seen]: "v1:getDeals".
func (o *Operation) Key() string { return string(o.Version) + ":" + o.ID }

// customFieldKey matches Pipedrive custom-field keys, which bodies may carry
// beside the declared properties: 40 hex digits, optionally followed by a
// subfield suffix such as "_currency" or "_until".
var customFieldKey = regexp.MustCompile(`^[0-9a-f]{40}(_[a-z0-9_]+)?$`)

// lenientDateTime accepts what Pipedrive actually sends for format:
// date-time: RFC 3339 (v2), "2006-01-02 15:04:05" (v1) and the zero time
// "0000-00-00 00:00:00" found in v1 picture objects.
var lenientDateTime = openapi3.NewCallbackValidator(func(s string) error {
	if s == "0000-00-00 00:00:00" {
		return nil
	}
	if _, err := time.Parse(time.RFC3339, s); err == nil {
		return nil
	}
	if _, err := time.Parse(time.DateTime, s); err == nil {
		return nil
	}
	return fmt.Errorf("%q is neither RFC 3339 nor YYYY-MM-DD HH:MM:SS", s)
})

var options = func() *openapi3filter.Options {
	o := &openapi3filter.Options{
		AuthenticationFunc:  openapi3filter.NoopAuthenticationFunc, // the gateway uses Bearer
		SkipSettingDefaults: true,                                  // never write defaults into the request
		MultiError:          true,
		SchemaValidationOptions: []openapi3.SchemaValidationOption{
			openapi3.WithStringFormatValidator("date-time", lenientDateTime),
		},
	}
	o.WithCustomSchemaErrorFunc(schemaErrorMessage)
	return o
}()

// schemaErrorMessage is a one-line SchemaError message: kin-openapi's
// default dumps the whole schema, which drowns test output.
func schemaErrorMessage(err *openapi3.SchemaError) string {
	var b strings.Builder
	if p := err.JSONPointer(); len(p) > 0 {
		fmt.Fprintf(&b, "at /%s: ", strings.Join(p, "/"))
	}
	if err.Origin != nil {
		b.WriteString(err.Origin.Error())
		return b.String()
	}
	if err.Reason != "" {
		b.WriteString(err.Reason)
	} else {
		fmt.Fprintf(&b, "doesn't match schema %q", err.SchemaField)
	}
	if v, e := json.Marshal(err.Value); e == nil {
		const max = 120
		if len(v) > max {
			v = append(v[:max-3:max-3], "..."...)
		}
		fmt.Fprintf(&b, " (got %s)", v)
	}
	return b.String()
}

var responseOptions = func() *openapi3filter.Options {
	o := *options
	o.IncludeResponseStatus = true
	return &o
}()

func (s *Spec) operation(route *routers.Route) *Operation {
	op := route.Operation
	return &Operation{
		ID:         op.OperationID,
		Version:    s.version,
		Method:     route.Method,
		Path:       route.Path,
		Deprecated: op.Deprecated,
		TokenCost:  tokenCost(op.Extensions["x-token-cost"]),
	}
}

func tokenCost(v any) int {
	switch n := v.(type) {
	case float64:
		return int(n)
	case int:
		return n
	case int64:
		return int(n)
	case json.Number:
		i, _ := n.Int64()
		return int(i)
	case string:
		i, _ := strconv.Atoi(n)
		return i
	}
	return 0
}

func (s *Spec) findRoute(r *http.Request) (*routers.Route, map[string]string, error) {
	route, params, err := s.router.FindRoute(r)
	if err != nil {
		return nil, nil, fmt.Errorf("no operation in the %s spec matches %s %s: %w", s.version, r.Method, r.URL.Path, err)
	}
	return route, params, nil
}

// FindOperation returns the operation r is routed to, without validating
// anything and without recording it in [Seen].
func (s *Spec) FindOperation(r *http.Request) (*Operation, error) {
	route, _, err := s.findRoute(r)
	if err != nil {
		return nil, err
	}
	return s.operation(route), nil
}

// ValidateRequest matches r to an operation and checks its parameters and
// body against the spec, plus two checks kin-openapi lacks: query keys the
// operation does not declare and top-level JSON body keys that are neither
// declared properties nor custom-field keys are errors. The operation is
// returned whenever r was routed, even when it is invalid, and recorded in
// [Seen]. r.Body is left readable from its start.
func (s *Spec) ValidateRequest(r *http.Request) (*Operation, error) {
	route, params, err := s.findRoute(r)
	if err != nil {
		return nil, err
	}
	op := s.operation(route)
	record(op)

	var body []byte
	if r.Body != nil && r.Body != http.NoBody {
		body, err = io.ReadAll(r.Body)
		r.Body.Close()
		if err != nil {
			return op, fmt.Errorf("reading request body: %w", err)
		}
	}
	restore := func() {
		if r.Body != nil && r.Body != http.NoBody {
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
	}
	restore()
	defer restore()

	var errs []error
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route, Options: options}
	if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
		errs = append(errs, err)
	}
	errs = append(errs, checkQuery(route, r)...)
	if isJSON(r.Header.Get("Content-Type")) && len(bytes.TrimSpace(body)) > 0 {
		errs = append(errs, unknownBodyKeys(route, r.Header.Get("Content-Type"), body)...)
	}
	return op, errors.Join(errs...)
}

// checkQuery reports query keys declared neither by the path item nor by
// the operation, and boolean parameters whose value is not "true" or
// "false" (kin-openapi also takes 1, t, TRUE..., which Pipedrive v2 rejects;
// v1 declares its 0/1 flags as number enums, which kin-openapi checks).
func checkQuery(route *routers.Route, r *http.Request) []error {
	declared := map[string]*openapi3.Parameter{}
	var deep []string
	for _, ps := range []openapi3.Parameters{route.PathItem.Parameters, route.Operation.Parameters} {
		for _, ref := range ps {
			if p := ref.Value; p != nil && p.In == openapi3.ParameterInQuery {
				declared[p.Name] = p
				if p.Style == openapi3.SerializationDeepObject {
					deep = append(deep, p.Name+"[")
				}
			}
		}
	}
	query := r.URL.Query()
	keys := make([]string, 0, len(query))
	for k := range query {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var errs []error
	for _, k := range keys {
		p := declared[k]
		switch {
		case p == nil && !hasAnyPrefix(k, deep):
			errs = append(errs, fmt.Errorf("unknown query parameter %q (not declared for %s %s)", k, route.Method, route.Path))
		case p != nil && p.Schema != nil && p.Schema.Value != nil && p.Schema.Value.Type.Is(openapi3.TypeBoolean):
			for _, v := range query[k] {
				if v != "true" && v != "false" {
					errs = append(errs, fmt.Errorf("query parameter %q: boolean must be true or false, got %q", k, v))
				}
			}
		}
	}
	return errs
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// undeclaredButAccepted lists body keys the v1 API takes although its spec
// does not declare them. Each entry is "operationId key" and is backed by
// a source: the organization address is a standard organization field that
// Maton's own Pipedrive examples post (shared/docs/PIPEDRIVE-WIRE.md §3.3),
// and every v1 organization response carries it.
var undeclaredButAccepted = map[string]bool{
	"addOrganization address":    true,
	"updateOrganization address": true,
}

// unknownBodyKeys reports top-level keys of a JSON object body that are not
// among the properties of the request schema (collected through allOf,
// oneOf and anyOf) and are not custom-field keys. additionalProperties is
// deliberately ignored: v1 bodies declare it true, yet a misspelt field is
// silently dropped by Pipedrive. Schemas without any declared property
// (free-form maps) are not checked.
func unknownBodyKeys(route *routers.Route, contentType string, body []byte) []error {
	rb := route.Operation.RequestBody
	if rb == nil || rb.Value == nil {
		return nil
	}
	mt := rb.Value.Content.Get(contentType)
	if mt == nil || mt.Schema == nil {
		return nil
	}
	props := map[string]bool{}
	collectProperties(mt.Schema, props, map[*openapi3.Schema]bool{})
	if len(props) == 0 {
		return nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil {
		return nil // not an object (or not JSON): the schema check reports it
	}
	var keys []string
	for k := range obj {
		if !props[k] && !customFieldKey.MatchString(k) && !undeclaredButAccepted[route.Operation.OperationID+" "+k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	errs := make([]error, 0, len(keys))
	for _, k := range keys {
		errs = append(errs, fmt.Errorf("unknown body property %q (not declared for %s %s)", k, route.Method, route.Path))
	}
	return errs
}

func collectProperties(ref *openapi3.SchemaRef, props map[string]bool, seen map[*openapi3.Schema]bool) {
	if ref == nil || ref.Value == nil || seen[ref.Value] {
		return
	}
	s := ref.Value
	seen[s] = true
	for name := range s.Properties {
		props[name] = true
	}
	for _, group := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, sub := range group {
			collectProperties(sub, props, seen)
		}
	}
}

func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

// ValidateResponse checks a response served for request r (only its method
// and URL are used). Statuses of 400 and above are not checked: the specs
// document few of them. Otherwise the status must be declared (or the
// operation must have a default response); a 2xx the spec does not declare
// is reported together with the 2xx it does declare. Null-valued object
// keys are removed from a JSON body before it is checked, because the specs
// omit nullable: true on many fields Pipedrive sends as null. A missing
// Content-Type is taken as application/json.
func (s *Spec) ValidateResponse(r *http.Request, status int, header http.Header, body []byte) error {
	route, params, err := s.findRoute(r)
	if err != nil {
		return err
	}
	return s.validateResponse(&openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route, Options: options}, status, header, body)
}

// ValidateResponseBody checks a response body as if operation operationID
// had answered it with status, with Content-Type application/json. It is
// meant for canned fixtures that are not tied to a request.
func (s *Spec) ValidateResponseBody(operationID string, status int, body []byte) error {
	route, ok := s.ops[operationID]
	if !ok {
		return fmt.Errorf("no operation %q in the %s spec", operationID, s.version)
	}
	u := s.prefix + route.Path
	req, err := http.NewRequest(route.Method, u, nil)
	if err != nil {
		return err
	}
	in := &openapi3filter.RequestValidationInput{Request: req, Route: route, Options: options}
	return s.validateResponse(in, status, http.Header{"Content-Type": {"application/json"}}, body)
}

// uuidShape matches a UUID in its usual 8-4-4-4-12 form.
var uuidShape = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// responseErrata adjust the answers of operations whose spec contradicts
// itself before they are validated, and return the bodies to validate;
// each entry says why. The rest of the answer is validated as usual.
var responseErrata = map[string]func(body any) []any{
	// Discounts are addressed by UUID (updateAdditionalDiscount and
	// deleteAdditionalDiscount declare discount_id as format: uuid, and
	// getAdditionalDiscounts returns string ids), but the delete answer
	// declares data.id an integer: a UUID there is not checked.
	"deleteAdditionalDiscount": func(body any) []any {
		if data, ok := body.(map[string]any)["data"].(map[string]any); ok {
			if id, ok := data["id"].(string); ok && uuidShape.MatchString(id) {
				delete(data, "id")
			}
		}
		return []any{body}
	},
	// A product's code is text (addProduct and getProduct declare a
	// string), but the search hit declares item.code an integer: a text
	// code there is not checked.
	"searchProducts": func(body any) []any {
		data, _ := body.(map[string]any)["data"].(map[string]any)
		items, _ := data["items"].([]any)
		for _, it := range items {
			if item, ok := it.(map[string]any)["item"].(map[string]any); ok {
				if _, text := item["code"].(string); text {
					delete(item, "code")
				}
			}
		}
		return []any{body}
	},
	// The timeline groups deals into `amount` periods (the operation's
	// description), so data is an array of the period object the schema
	// declares: each period is validated as that object.
	"getDealsTimeline": func(body any) []any {
		env, _ := body.(map[string]any)
		periods, ok := env["data"].([]any)
		if !ok {
			return []any{body}
		}
		out := make([]any, 0, len(periods))
		for _, p := range periods {
			out = append(out, map[string]any{"success": env["success"], "data": p})
		}
		return out
	},
}

func (s *Spec) validateResponse(in *openapi3filter.RequestValidationInput, status int, header http.Header, body []byte) error {
	if status >= 400 {
		return nil
	}
	route := in.Route
	if err := checkStatus(route, status); err != nil {
		return err
	}
	h := header.Clone()
	if h == nil {
		h = http.Header{}
	}
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", "application/json")
	}
	if isJSON(h.Get("Content-Type")) && len(bytes.TrimSpace(body)) > 0 {
		var v any
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			return fmt.Errorf("%s %s: response body is not JSON: %w", route.Method, route.Path, err)
		}
		bodies := []any{v}
		if fix := responseErrata[route.Operation.OperationID]; fix != nil {
			bodies = fix(v)
		}
		for _, b := range bodies {
			stripped, err := json.Marshal(stripNulls(b))
			if err != nil {
				return err
			}
			if err := validateResponseBytes(in, status, h, stripped); err != nil {
				return err
			}
		}
		return nil
	}
	return validateResponseBytes(in, status, h, body)
}

func validateResponseBytes(in *openapi3filter.RequestValidationInput, status int, h http.Header, body []byte) error {
	rin := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: status, Header: h, Options: responseOptions}
	rin.SetBodyBytes(body)
	return openapi3filter.ValidateResponse(context.Background(), rin)
}

// checkStatus reports a status the operation does not declare, naming the
// 2xx statuses it does declare.
func checkStatus(route *routers.Route, status int) error {
	responses := route.Operation.Responses
	if responses == nil || responses.Len() == 0 || responses.Status(status) != nil || responses.Default() != nil {
		return nil
	}
	var declared []string
	for code := range responses.Map() {
		if strings.HasPrefix(code, "2") {
			declared = append(declared, code)
		}
	}
	sort.Strings(declared)
	if len(declared) == 0 {
		return fmt.Errorf("%s %s (%s): status %d is not declared by the spec", route.Method, route.Path, route.Operation.OperationID, status)
	}
	return fmt.Errorf("%s %s (%s): status %d is not declared by the spec, which declares %s",
		route.Method, route.Path, route.Operation.OperationID, status, strings.Join(declared, ", "))
}

// stripNulls removes null-valued keys from every object inside v.
func stripNulls(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if e == nil {
				delete(x, k)
				continue
			}
			x[k] = stripNulls(e)
		}
	case []any:
		for i, e := range x {
			x[i] = stripNulls(e)
		}
	}
	return v
}

var seen struct {
	sync.Mutex
	ops map[string]struct{}
}

func record(op *Operation) {
	seen.Lock()
	defer seen.Unlock()
	if seen.ops == nil {
		seen.ops = map[string]struct{}{}
	}
	seen.ops[op.Key()] = struct{}{}
}

// Seen returns, sorted, the operations ValidateRequest has routed in this
// process (directly or through [Middleware]), as "v1:getDeals", "v2:getDeals".
func Seen() []string {
	seen.Lock()
	defer seen.Unlock()
	out := make([]string, 0, len(seen.ops))
	for k := range seen.ops {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
