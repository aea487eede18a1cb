package pipedrivetest

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// reply is a complete HTTP response produced by a handler; it is written to
// the wire in one place (Server.write) so that faults can cut it.
type reply struct {
	status int
	header http.Header
	body   []byte
}

// jsonReply encodes v as the body of a JSON response.
func jsonReply(status int, v any) *reply {
	b, err := json.Marshal(v)
	if err != nil {
		// Only programming errors can get here; make them visible.
		b = []byte(`{"success":false,"error":"pipedrivetest: cannot encode response: ` +
			strconv.Quote(err.Error()) + `"}`)
		status = http.StatusInternalServerError
	}
	h := http.Header{}
	h.Set("Content-Type", "application/json; charset=utf-8")
	return &reply{status: status, header: h, body: b}
}

// matonError is Maton's own error shape: {"message","type","code"}.
func matonError(status int, message string) *reply {
	return jsonReply(status, map[string]any{
		"message": message,
		"type":    http.StatusText(status),
		"code":    status,
	})
}

// errorInfo is the error_info every Pipedrive v1 error carries.
const errorInfo = "Please check developers.pipedrive.com"

// pdError is Pipedrive's general error envelope.
func pdError(status int, message string) *reply {
	return jsonReply(status, map[string]any{
		"success":         false,
		"error":           message,
		"error_info":      errorInfo,
		"data":            nil,
		"additional_data": nil,
	})
}

// badRequest is a Pipedrive 400.
func badRequest(message string) *reply { return pdError(http.StatusBadRequest, message) }

// notFound is a Pipedrive 404 for a missing entity ("Deal not found").
func notFound(noun string) *reply { return pdError(http.StatusNotFound, noun+" not found") }

// unknownMethod is Pipedrive's answer to an unknown path.
func unknownMethod() *reply { return pdError(http.StatusNotFound, "Unknown method .") }

// ok is a successful v1 envelope. additional and related are omitted when
// nil.
func ok(status int, data any, additional, related map[string]any) *reply {
	body := map[string]any{"success": true, "data": data}
	if additional != nil {
		body["additional_data"] = additional
	}
	if related != nil {
		body["related_objects"] = related
	}
	return jsonReply(status, body)
}
