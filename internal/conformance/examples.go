package conformance

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
)

// ResponseExamples returns the JSON examples the spec embeds in the
// responses (statuses below 400) of operation operationID, keyed by
// "status/name": "200/example" for a media type's single example,
// "200/<name>" for each entry of its examples map, and "200/schema" for an
// example set on the top-level response schema.
func (s *Spec) ResponseExamples(operationID string) (map[string][]byte, error) {
	route, ok := s.ops[operationID]
	if !ok {
		return nil, fmt.Errorf("no operation %q in the %s spec", operationID, s.version)
	}
	out := map[string][]byte{}
	if route.Operation.Responses == nil {
		return out, nil
	}
	for code, ref := range route.Operation.Responses.Map() {
		status, err := strconv.Atoi(code)
		if err != nil || status >= 400 || ref.Value == nil {
			continue // "default", "2XX" and error responses
		}
		mt := ref.Value.Content.Get("application/json")
		if mt == nil {
			continue
		}
		add := func(name string, v any) error {
			if v == nil {
				return nil
			}
			b, err := json.Marshal(v)
			if err != nil {
				return fmt.Errorf("%s %s/%s: %w", operationID, code, name, err)
			}
			out[code+"/"+name] = b
			return nil
		}
		if err := add("example", mt.Example); err != nil {
			return nil, err
		}
		for name, ex := range mt.Examples {
			if ex != nil && ex.Value != nil {
				if err := add(name, ex.Value.Value); err != nil {
					return nil, err
				}
			}
		}
		if mt.Schema != nil && mt.Schema.Value != nil {
			if err := add("schema", mt.Schema.Value.Example); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// OperationIDs returns the spec's operation IDs, sorted.
func (s *Spec) OperationIDs() []string {
	ids := make([]string, 0, len(s.ops))
	for id := range s.ops {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Operation returns the operation with the given operationId.
func (s *Spec) Operation(operationID string) (*Operation, bool) {
	route, ok := s.ops[operationID]
	if !ok {
		return nil, false
	}
	return s.operation(route), true
}
