package pipedrivetest

import (
	"net/http"
	"strings"
)

// specOperation is one operation of Pipedrive's OpenAPI specs: the API
// version ("v1" or "v2"), the HTTP method, the path template relative to the
// version's prefix (e.g. "/deals/{id}/followers"), the same with typed
// parameters ("/deals/{int}/followers") and the operationId.
type specOperation struct {
	version, method, path, pattern, id string
}

// specOperationFor finds the operation of the specs that method and path
// (relative to the API prefix) address. Literal segments win over
// parameters.
func specOperationFor(version, method, path string) (specOperation, bool) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	var best specOperation
	bestLiterals := -1
	for _, op := range specOperations {
		if op.version != version || op.method != method {
			continue
		}
		tmpl := strings.Split(strings.Trim(op.pattern, "/"), "/")
		if len(tmpl) != len(segs) {
			continue
		}
		literals, okay := 0, true
		for i, s := range tmpl {
			switch {
			case s == "{int}":
				okay = isPositiveInt(segs[i])
			case s == "{str}":
				okay = segs[i] != ""
			case s == segs[i]:
				literals++
			default:
				okay = false
			}
			if !okay {
				break
			}
		}
		if okay && literals > bestLiterals {
			best, bestLiterals = op, literals
		}
	}
	return best, bestLiterals >= 0
}

// NotEmulatedPrefix starts the error of the 501 answer the fake gives for a
// real Pipedrive operation it does not emulate. The full message names the
// operation: "not emulated by pipedrivetest: getTask (GET
// /api/v1/tasks/{id})". Pipedrive's own 404 "Unknown method"
// keeps its meaning: the path does not exist (or was removed).
const NotEmulatedPrefix = "not emulated by pipedrivetest"

// Emulated reports whether the fake serves method and path (a Pipedrive
// path such as "/api/v2/deals/5" or "/api/v1/notes", with or without the
// gateway's "/pipedrive" prefix), and, when the path is an operation of
// Pipedrive's specs, its operationId. Emulated("GET", "/api/v2/deals/1")
// is (true, "getDeal").
func Emulated(method, path string) (emulated bool, operationID string) {
	rt, sub := apiFor(strings.TrimPrefix(path, "/pipedrive"))
	if rt == nil {
		return false, ""
	}
	op, _ := specOperationFor(versionOf(rt), method, sub)
	route, _ := rt.match(method, sub)
	return route != nil, op.id
}

// notEmulated is the answer for a real Pipedrive operation the fake has no
// handler for: 501 with Pipedrive's error shape, naming the operation.
func notEmulated(op specOperation) *reply {
	prefix := "/api/" + op.version
	return pdError(http.StatusNotImplemented,
		NotEmulatedPrefix+": "+op.id+" ("+op.method+" "+prefix+op.path+")")
}

// noRoute answers a gateway path the fake has no handler for: 501 naming
// the operation when the path is a real Pipedrive operation, Pipedrive's
// 404 "Unknown method" otherwise.
func (s *Server) noRoute(rt *router, method, sub string) *reply {
	if rt != nil {
		if op, found := specOperationFor(versionOf(rt), method, sub); found {
			return notEmulated(op)
		}
	}
	return unknownMethod()
}

// versionOf names the API of one of the fake's routers.
func versionOf(rt *router) string {
	if rt == apis.v2 {
		return "v2"
	}
	return "v1"
}

func isPositiveInt(s string) bool {
	if s == "" || s[0] == '0' || len(s) > 18 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
