package pipedrivetest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"mime"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// fields is a decoded request body: JSON values (numbers as json.Number) or,
// for form-encoded bodies, strings ([]any of strings for repeated keys).
// Accessors coerce leniently, the way Pipedrive v1 does: numbers may arrive
// as strings, booleans as 0/1 or "true"/"false".
type fields map[string]any

// parseBody decodes a JSON or form-encoded body. An empty body yields an
// empty set.
func parseBody(contentType string, body []byte) (fields, error) {
	f := fields{}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return f, nil
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	if mt == "application/x-www-form-urlencoded" || (mt != "application/json" && trimmed[0] != '{') {
		vals, err := url.ParseQuery(string(trimmed))
		if err != nil {
			return nil, errors.New("Invalid form-encoded body")
		}
		for rawKey, vs := range vals {
			k := strings.TrimSuffix(rawKey, "[]")
			if len(vs) == 1 && k == rawKey {
				f[k] = vs[0]
				continue
			}
			arr := make([]any, len(vs))
			for i, v := range vs {
				arr[i] = v
			}
			f[k] = arr
		}
		return f, nil
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.UseNumber()
	if err := dec.Decode(&f); err != nil {
		return nil, errors.New("Invalid JSON body: " + err.Error())
	}
	return f, nil
}

func (f fields) has(k string) bool { _, ok := f[k]; return ok }

func (f fields) isNull(k string) bool { v, ok := f[k]; return ok && v == nil }

func fieldErr(k, want string) error {
	return fmt.Errorf("Invalid value for field %q: expected %s", k, want)
}

// str returns a string field; numbers and booleans are formatted.
func (f fields) str(k string) (string, bool, error) {
	v, ok := f[k]
	if !ok || v == nil {
		return "", false, nil
	}
	switch x := v.(type) {
	case string:
		return x, true, nil
	case json.Number:
		return x.String(), true, nil
	case bool:
		return strconv.FormatBool(x), true, nil
	}
	return "", true, fieldErr(k, "a string")
}

// optStr returns nil for null or absent, else the string.
func (f fields) optStr(k string) (*string, error) {
	s, present, err := f.str(k)
	if err != nil || !present {
		return nil, err
	}
	return &s, nil
}

func toInt(v any) (int, bool) {
	switch x := v.(type) {
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return int(n), true
		}
		if fl, err := x.Float64(); err == nil && fl == math.Trunc(fl) && math.Abs(fl) < 1<<53 {
			return int(fl), true
		}
	case string:
		if n, err := strconv.Atoi(strings.TrimSpace(x)); err == nil {
			return n, true
		}
	case float64:
		if x == math.Trunc(x) {
			return int(x), true
		}
	}
	return 0, false
}

// integer returns an integer field; null counts as 0 ("unlink").
func (f fields) integer(k string) (int, bool, error) {
	v, ok := f[k]
	if !ok {
		return 0, false, nil
	}
	if v == nil {
		return 0, true, nil
	}
	if n, okay := toInt(v); okay {
		return n, true, nil
	}
	return 0, true, fieldErr(k, "an integer")
}

// optInt returns nil for null or absent.
func (f fields) optInt(k string) (*int, error) {
	if v, ok := f[k]; !ok || v == nil {
		return nil, nil
	}
	n, _, err := f.integer(k)
	return &n, err
}

// number returns a numeric field (JSON number or numeric string).
func (f fields) number(k string) (float64, bool, error) {
	v, ok := f[k]
	if !ok || v == nil {
		return 0, false, nil
	}
	switch x := v.(type) {
	case json.Number:
		if n, err := x.Float64(); err == nil {
			return n, true, nil
		}
	case string:
		s := strings.TrimSpace(x)
		if s == "" {
			return 0, true, nil
		}
		if n, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(n, 0) && !math.IsNaN(n) {
			return n, true, nil
		}
	}
	return 0, true, fieldErr(k, "a number")
}

// optNumber returns nil for null or absent.
func (f fields) optNumber(k string) (*float64, error) {
	n, present, err := f.number(k)
	if err != nil || !present {
		return nil, err
	}
	return &n, nil
}

func toBool(v any) (bool, bool) {
	switch x := v.(type) {
	case bool:
		return x, true
	case json.Number:
		switch x.String() {
		case "0":
			return false, true
		case "1":
			return true, true
		}
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "0", "false":
			return false, true
		case "1", "true":
			return true, true
		}
	}
	return false, false
}

// boolean returns a boolean field given as true/false, 0/1 or their string
// forms.
func (f fields) boolean(k string) (bool, bool, error) {
	v, ok := f[k]
	if !ok || v == nil {
		return false, false, nil
	}
	if b, okay := toBool(v); okay {
		return b, true, nil
	}
	return false, true, fieldErr(k, "a boolean (true/false or 0/1)")
}

// intList returns an array of integers, accepting a JSON array, a single
// integer or a comma-separated string. null yields an empty list.
func (f fields) intList(k string) ([]int, bool, error) {
	v, ok := f[k]
	if !ok {
		return nil, false, nil
	}
	var items []any
	switch x := v.(type) {
	case nil:
		return []int{}, true, nil
	case []any:
		items = x
	case string:
		for _, p := range strings.Split(x, ",") {
			if p = strings.TrimSpace(p); p != "" {
				items = append(items, p)
			}
		}
	default:
		items = []any{x}
	}
	out := []int{}
	for _, it := range items {
		n, okay := toInt(it)
		if !okay {
			return nil, true, fieldErr(k, "an array of integers")
		}
		out = append(out, n)
	}
	return out, true, nil
}

// timestamp parses a "YYYY-MM-DD HH:MM:SS" field (null or "" = zero time).
func (f fields) timestamp(k string) (time.Time, bool, error) {
	s, present, err := f.str(k)
	if err != nil || !present {
		return time.Time{}, present, err
	}
	if s == "" {
		return time.Time{}, true, nil
	}
	for _, layout := range []string{time.DateTime, time.DateOnly, time.RFC3339} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true, nil
		}
	}
	return time.Time{}, true, fieldErr(k, "a date and time in the format YYYY-MM-DD HH:MM:SS")
}

// date parses a "YYYY-MM-DD" field ("" when null or empty).
func (f fields) date(k string) (string, bool, error) {
	s, present, err := f.str(k)
	if err != nil || !present || s == "" {
		return s, present || f.isNull(k), err
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return "", true, fieldErr(k, "a date in the format YYYY-MM-DD")
	}
	return s, true, nil
}

var hhmm = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$`)

// clockTime parses an "HH:MM" field (seconds are accepted and dropped).
func (f fields) clockTime(k string) (string, bool, error) {
	s, present, err := f.str(k)
	if err != nil || !present || s == "" {
		return s, present || f.isNull(k), err
	}
	if !hhmm.MatchString(s) {
		return "", true, fieldErr(k, "a time in the format HH:MM")
	}
	return s[:5], true, nil
}

// visibleTo parses visible_to ("1", "3", "5", "7", as string or number).
func (f fields) visibleTo(k string) (int, bool, error) {
	v, ok := f[k]
	if !ok || v == nil {
		return 0, false, nil
	}
	n, okay := toInt(v)
	if !okay || (n != 1 && n != 3 && n != 5 && n != 7) {
		return 0, true, fieldErr(k, `one of "1", "3", "5", "7"`)
	}
	return n, true, nil
}

// customKey matches custom-field keys (40 hex characters) with an optional
// subkey suffix such as "_currency", "_until" or "_street_number".
var customKey = regexp.MustCompile(`^[0-9a-f]{40}(_[a-z0-9_]+)?$`)

// queryInt reads an integer query parameter.
func queryInt(q url.Values, k string) (int, bool, *reply) {
	s := strings.TrimSpace(q.Get(k))
	if s == "" {
		return 0, false, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, true, badRequest(fmt.Sprintf("Invalid value for parameter %q: expected an integer", k))
	}
	return n, true, nil
}

// queryBool reads a boolean (0/1, true/false) query parameter.
func queryBool(q url.Values, k string) (bool, bool, *reply) {
	s := strings.TrimSpace(q.Get(k))
	if s == "" {
		return false, false, nil
	}
	b, okay := toBool(s)
	if !okay {
		return false, true, badRequest(fmt.Sprintf("Invalid value for parameter %q: expected 0 or 1", k))
	}
	return b, true, nil
}

// queryDate reads a YYYY-MM-DD query parameter.
func queryDate(q url.Values, k string) (string, *reply) {
	s := strings.TrimSpace(q.Get(k))
	if s == "" {
		return "", nil
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return "", badRequest(fmt.Sprintf("Invalid value for parameter %q: expected YYYY-MM-DD", k))
	}
	return s, nil
}
