package pipedrive

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// This file names where a response failed to decode. encoding/json reports
// a bad value in a custom UnmarshalJSON (a date, a flexible number) with
// no position, which in a 500-deal page leaves the caller guessing. The
// decode that failed is run again, slowly, one member and one element at a
// time, only on that error path, so a successful decode costs nothing.

// decodePathError is a decode failure at a JSON path such as
// "data[17].add_time".
type decodePathError struct {
	Path string
	Err  error
}

func (e *decodePathError) Error() string { return "decoding " + e.Path + ": " + e.Err.Error() }
func (e *decodePathError) Unwrap() error { return e.Err }

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// locateEnvelopeError re-decodes an envelope whose fast decode failed with
// err, and returns an error naming the path of the value that failed, or
// err itself when no member alone fails (a syntax error).
func locateEnvelopeError(body []byte, out any, err error) error {
	types := map[string]reflect.Type{
		"additional_data": reflect.TypeFor[additionalData](),
		"related_objects": reflect.TypeFor[RelatedObjects](),
		"success":         reflect.TypeFor[bool](),
	}
	if out != nil {
		types["data"] = reflect.TypeOf(out)
	}
	var members map[string]json.RawMessage
	if json.Unmarshal(body, &members) != nil {
		return err
	}
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range members {
			if !yield(k) {
				return
			}
		}
	}) {
		if t, ok := types[name]; ok {
			if path, leaf := locate(members[name], t, name, 0); leaf != nil {
				return &decodePathError{path, leaf}
			}
		}
	}
	return err
}

// locateError is locateEnvelopeError for a body decoded whole into out.
func locateError(body []byte, out any, err error) error {
	if path, leaf := locate(body, reflect.TypeOf(out), "", 0); leaf != nil && path != "" {
		return &decodePathError{path, leaf}
	}
	return err
}

// locate decodes raw into a new t and, when that fails, descends into the
// members and elements to find the innermost value that fails alone. It
// returns that value's path and error, or "", nil when raw decodes.
func locate(raw json.RawMessage, t reflect.Type, path string, depth int) (string, error) {
	err := json.Unmarshal(raw, reflect.New(t).Interface())
	if err == nil {
		return "", nil
	}
	if depth > 64 {
		return path, err
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	custom := reflect.PointerTo(t).Implements(unmarshalerType)
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		if custom {
			break
		}
		var elems []json.RawMessage
		if json.Unmarshal(raw, &elems) != nil {
			break
		}
		for i, e := range elems {
			if p, leaf := locate(e, t.Elem(), path+"["+strconv.Itoa(i)+"]", depth+1); leaf != nil {
				return p, leaf
			}
		}
	case reflect.Map:
		if custom {
			break
		}
		var members map[string]json.RawMessage
		if json.Unmarshal(raw, &members) != nil {
			break
		}
		for _, k := range sortedKeys(members) {
			if p, leaf := locate(members[k], t.Elem(), joinPath(path, k), depth+1); leaf != nil {
				return p, leaf
			}
		}
	case reflect.Struct:
		// A struct with its own UnmarshalJSON usually decodes its members
		// into its fields: look there too, and fall back to the struct.
		var members map[string]json.RawMessage
		if json.Unmarshal(raw, &members) != nil {
			break
		}
		for _, k := range sortedKeys(members) {
			if ft, ok := memberType(t, k); ok {
				if p, leaf := locate(members[k], ft, joinPath(path, k), depth+1); leaf != nil {
					return p, leaf
				}
			}
		}
	}
	return path, stripJSONPrefix(err)
}

func sortedKeys(m map[string]json.RawMessage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// memberType finds the type of the field of struct t that JSON member name
// decodes into, as encoding/json does (tag, else field name, case
// insensitive; embedded structs flattened).
func memberType(t reflect.Type, name string) (reflect.Type, bool) {
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		if sf.Anonymous && tag == "" {
			et := sf.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct {
				if ft, ok := memberType(et, name); ok {
					return ft, true
				}
				continue
			}
		}
		if !sf.IsExported() {
			continue
		}
		fname, _, _ := strings.Cut(tag, ",")
		if fname == "" {
			fname = sf.Name
		}
		if strings.EqualFold(fname, name) {
			return sf.Type, true
		}
	}
	return nil, false
}

// stripJSONPrefix shortens encoding/json's "json: cannot unmarshal ... into
// Go struct field X.y of type z" to what the path does not already say.
func stripJSONPrefix(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("cannot decode JSON %s as %s", te.Value, te.Type)
	}
	return err
}
