package pipedrivetest

import (
	"net/http"
	"strings"
	"testing"

	"github.com/gopipedrive/pipedrive/internal/conformance"
)

// testTokenCostsMatchSpecs checks that every emulated operation charges the
// x-token-cost its version's official spec gives it, and that every route
// is an operation of that spec.
func testTokenCostsMatchSpecs(t *testing.T) {
	for _, tc := range []struct {
		version conformance.Version
		router  *router
	}{
		{conformance.V1, newV1Router()},
		{conformance.V2, newV2Router()},
	} {
		spec := conformance.Load(t, tc.version)
		for _, r := range tc.router.routes {
			segs := make([]string, len(r.segs))
			for i, s := range r.segs {
				switch s {
				case "{id}":
					segs[i] = "1"
				case "{code}":
					segs[i] = "title"
				default:
					segs[i] = s
				}
			}
			path := spec.Prefix() + "/" + strings.Join(segs, "/")
			req, err := http.NewRequest(r.method, path, nil)
			if err != nil {
				t.Fatal(err)
			}
			op, err := spec.FindOperation(req)
			if err != nil {
				t.Errorf("%s %s %s: %v", tc.version, r.method, path, err)
				continue
			}
			if op.TokenCost != r.cost {
				t.Errorf("%s %s %s (%s): charges %d tokens, the spec says %d", tc.version, r.method, path, op.ID, r.cost, op.TokenCost)
			}
		}
	}
}
