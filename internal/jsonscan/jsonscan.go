// Package jsonscan walks the top level of a JSON object without decoding its
// values, so that callers can pick out a few raw members (Pipedrive custom
// fields) next to a regular json.Unmarshal at little extra cost.
package jsonscan

import "errors"

// ErrSyntax is returned for input that is not a well-formed JSON object at the
// top level. Values are only skimmed, not validated: run json.Unmarshal on the
// same bytes for that.
var ErrSyntax = errors.New("jsonscan: malformed JSON object")

// Members calls fn for each member of the top-level object in data, with the
// key as it appears between its quotes (escapes left as they are) and the raw
// value bytes. escaped reports whether the key contains a backslash escape.
// It stops early when fn returns false.
func Members(data []byte, fn func(key []byte, escaped bool, value []byte) bool) error {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return ErrSyntax
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return nil
	}
	for {
		if i >= len(data) || data[i] != '"' {
			return ErrSyntax
		}
		end, esc, ok := scanString(data, i)
		if !ok {
			return ErrSyntax
		}
		key := data[i+1 : end-1]
		i = skipSpace(data, end)
		if i >= len(data) || data[i] != ':' {
			return ErrSyntax
		}
		i = skipSpace(data, i+1)
		vend, ok := skipValue(data, i)
		if !ok {
			return ErrSyntax
		}
		if !fn(key, esc, data[i:vend]) {
			return nil
		}
		i = skipSpace(data, vend)
		if i >= len(data) {
			return ErrSyntax
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case '}':
			return nil
		default:
			return ErrSyntax
		}
	}
}

// Elements calls fn with the raw bytes of each element of the top-level
// array in data, in order. It stops early when fn returns false. Like
// Members, it skims: run json.Unmarshal on the same bytes to validate them.
func Elements(data []byte, fn func(value []byte) bool) error {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '[' {
		return ErrSyntax
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == ']' {
		return nil
	}
	for {
		end, ok := skipValue(data, i)
		if !ok {
			return ErrSyntax
		}
		if !fn(data[i:end]) {
			return nil
		}
		i = skipSpace(data, end)
		if i >= len(data) {
			return ErrSyntax
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case ']':
			return nil
		default:
			return ErrSyntax
		}
	}
}

func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// scanString returns the index just past the closing quote of the string
// starting at data[i] == '"'.
func scanString(data []byte, i int) (end int, escaped, ok bool) {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			escaped = true
			j++
		case '"':
			return j + 1, escaped, true
		}
	}
	return 0, false, false
}

// skipValue returns the index just past the value starting at data[i].
func skipValue(data []byte, i int) (int, bool) {
	if i >= len(data) {
		return 0, false
	}
	switch data[i] {
	case '"':
		end, _, ok := scanString(data, i)
		return end, ok
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				end, _, ok := scanString(data, j)
				if !ok {
					return 0, false
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, true
				}
			}
		}
		return 0, false
	default:
		j := i
		for j < len(data) {
			switch data[j] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				if j == i {
					return 0, false
				}
				return j, true
			}
			j++
		}
		if j == i {
			return 0, false
		}
		return j, true
	}
}
