package pipedrive

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/gopipedrive/pipedrive/internal/jsonscan"
)

// CustomFields holds the custom fields an API v1 entity arrived with: the
// 40-hex field keys at the top level of the object and their sub-keys
// (monetary "<key>_currency", daterange "<key>_until", address
// "<key>_locality" and so on), each as the raw JSON Pipedrive sent. It
// round-trips: an entity encodes its custom fields back at the top level.
type CustomFields map[string]json.RawMessage

// Has reports whether the entity carries key.
func (c CustomFields) Has(key string) bool {
	_, ok := c[key]
	return ok
}

// Decode decodes the value of key into out. A missing key leaves out
// unchanged and returns nil.
func (c CustomFields) Decode(key string, out any) error {
	raw, ok := c[key]
	if !ok {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("pipedrive: custom field %s: %w", key, err)
	}
	return nil
}

// String returns the value of key as text: a JSON string unquoted, a number
// or bool as written, and "" for null or a missing key.
func (c CustomFields) String(key string) string {
	return rawText(c[key])
}

// Keys returns the keys in sorted order.
func (c CustomFields) Keys() []string {
	return slices.Sorted(maps.Keys(c))
}

// IsCustomFieldKey reports whether key is a Pipedrive custom field key (40
// lowercase hex characters), optionally followed by a sub-key suffix such as
// "_currency" or "_until".
func IsCustomFieldKey(key string) bool {
	return isCustomKey([]byte(key))
}

func isCustomKey(k []byte) bool {
	if len(k) < 40 {
		return false
	}
	for _, c := range k[:40] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	if len(k) == 40 {
		return true
	}
	if k[40] != '_' || len(k) == 41 {
		return false
	}
	for _, c := range k[41:] {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// decodeCustom decodes data into v with one json.Unmarshal, then skims the
// same bytes once for custom field keys (no second decode) and returns them.
// The keys' strings come from keys when it is not nil, so that the entities
// of a page share them.
func decodeCustom(data []byte, v any, keys keyCache) (CustomFields, error) {
	if err := json.Unmarshal(data, v); err != nil {
		return nil, err
	}
	type member struct{ key, value []byte }
	var stack [24]member
	found, size := stack[:0], 0
	err := jsonscan.Members(data, func(key []byte, escaped bool, value []byte) bool {
		if !escaped && isCustomKey(key) {
			found = append(found, member{key, value})
			size += len(value)
		}
		return true
	})
	if err != nil && !isNull(data) {
		return nil, err
	}
	if len(found) == 0 {
		return nil, nil
	}
	// The values are copied into one buffer of their own: data belongs to
	// the decoder (json.Unmarshaler must not keep it), and keeping a slice
	// of it would pin a whole page for one entity.
	arena := make([]byte, 0, size)
	custom := make(CustomFields, len(found))
	for _, m := range found {
		n := len(arena)
		arena = append(arena, m.value...)
		custom[keys.intern(m.key)] = json.RawMessage(arena[n:len(arena):len(arena)])
	}
	return custom, nil
}

// encodeCustom encodes v (a struct) and appends the custom fields at the top
// level of the object, in sorted key order.
func encodeCustom[V any](v V, custom map[string]any) ([]byte, error) {
	base, err := json.Marshal(v)
	if err != nil || len(custom) == 0 {
		return base, err
	}
	for k := range custom {
		if !IsCustomFieldKey(k) {
			return nil, invalid("custom_fields", "%q is not a custom field key (40 hex characters, optionally with a _suffix)", k)
		}
	}
	var buf bytes.Buffer
	buf.Write(base[:len(base)-1])
	first := len(base) == 2
	for _, k := range slices.Sorted(maps.Keys(custom)) {
		val, err := json.Marshal(custom[k])
		if err != nil {
			return nil, fmt.Errorf("pipedrive: custom field %s: %w", k, err)
		}
		if !first {
			buf.WriteByte(',')
		}
		first = false
		kb, _ := json.Marshal(k)
		buf.Write(kb)
		buf.WriteByte(':')
		buf.Write(val)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// encodeCustomRaw is encodeCustom for the raw values an entity arrived with.
func encodeCustomRaw[V any](v V, custom CustomFields) ([]byte, error) {
	if len(custom) == 0 {
		return json.Marshal(v)
	}
	m := make(map[string]any, len(custom))
	for k, raw := range custom {
		m[k] = raw
	}
	return encodeCustom(v, m)
}
