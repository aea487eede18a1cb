package pipedrive

import (
	"encoding/json"

	"github.com/gopipedrive/pipedrive/internal/jsonscan"
)

// maxCachedKeys bounds a keyCache: an account has a few dozen custom
// fields, a hostile answer could have a new key on every entity.
const maxCachedKeys = 256

// keyCache holds the custom field keys met on one page, so that its
// entities share one string per key: a page of 500 deals with 14 custom
// fields allocates 14 key strings, not 7,000. A nil keyCache allocates a
// string per key.
type keyCache map[string]string

func (k keyCache) intern(b []byte) string {
	if k == nil {
		return string(b)
	}
	if s, ok := k[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(k) < maxCachedKeys {
		k[s] = s
	}
	return s
}

// pageDecoder is implemented by the v1 entities that carry custom fields
// at the top level of their object.
type pageDecoder interface {
	decodeJSON(data []byte, keys keyCache) error
}

// pageTarget returns what a page of T decodes into: out itself, or, when
// *T carries custom fields, a decoder that gives the page's entities one
// shared string per custom field key. Either way *out ends up as
// encoding/json would leave it.
func pageTarget[T any](out *[]*T) any {
	if _, ok := any((*T)(nil)).(pageDecoder); !ok {
		return out
	}
	return &customPage[T]{out: out}
}

// customPage decodes a JSON array into *out, one element at a time.
type customPage[T any] struct{ out *[]*T }

// UnmarshalJSON implements json.Unmarshaler. encoding/json has already
// checked that data is well-formed JSON.
func (p *customPage[T]) UnmarshalJSON(data []byte) error {
	if isNull(data) {
		*p.out = nil
		return nil
	}
	keys := keyCache{}
	items := *p.out
	if items != nil {
		items = items[:0]
	}
	var err error
	scanErr := jsonscan.Elements(data, func(raw []byte) bool {
		if isNull(raw) {
			items = append(items, nil)
			return true
		}
		v := new(T)
		if err = any(v).(pageDecoder).decodeJSON(raw, keys); err != nil {
			return false
		}
		items = append(items, v)
		return true
	})
	switch {
	case scanErr != nil:
		// Not an array: encoding/json's own error, word for word.
		return json.Unmarshal(data, p.out)
	case err != nil:
		return err
	}
	if items == nil {
		items = []*T{}
	}
	*p.out = items
	return nil
}

// decodeTarget returns the value a page target fills, for error messages.
func (p *customPage[T]) decodeTarget() any { return p.out }
