package pipedrive

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Sentinel errors. Match them with errors.Is; use errors.As with *APIError
// for the details (status, Pipedrive's error and error_info, method, path).
var (
	// ErrUnauthorized: the Maton API key is missing, invalid or expired (401).
	ErrUnauthorized = errors.New("pipedrive: unauthorized: check MATON_API_KEY")
	// ErrMissingConnection: the gateway has no active Pipedrive connection for
	// this account (400 from the gateway). Create one with Connections.Create.
	ErrMissingConnection = errors.New("pipedrive: no active Pipedrive connection")
	// ErrForbidden: Pipedrive refused the request (403): permissions, plan
	// limits or an abuse block.
	ErrForbidden = errors.New("pipedrive: forbidden")
	// ErrNotFound: the entity, endpoint or Maton connection does not exist (404).
	ErrNotFound = errors.New("pipedrive: not found")
	// ErrGone: the resource or endpoint has been removed (410).
	ErrGone = errors.New("pipedrive: gone")
	// ErrRateLimited: the gateway's 10 requests/second, Pipedrive's burst limit
	// or the daily token budget was exceeded (429), and retrying did not help
	// or was not allowed. APIError.RetryAfter says how long to wait, when known.
	ErrRateLimited = errors.New("pipedrive: rate limited")
	// ErrDailyBudgetExhausted: Pipedrive's daily token budget is spent; every
	// request fails until it resets at the server's midnight. Errors matching
	// it also match ErrRateLimited.
	ErrDailyBudgetExhausted = errors.New("pipedrive: daily API token budget exhausted")
	// ErrServer: the gateway or Pipedrive answered with a 5xx status.
	ErrServer = errors.New("pipedrive: server error")
	// ErrResponseTooLarge: a response body exceeded the configured cap
	// (WithMaxResponseBytes).
	ErrResponseTooLarge = errors.New("pipedrive: response body too large")
	// ErrInvalidResponse: a successful status arrived with a body that is not
	// the JSON the API documents (truncated, HTML, wrong shape).
	ErrInvalidResponse = errors.New("pipedrive: invalid response body")
)

// ErrorSource tells which party produced an error body.
type ErrorSource string

// Error sources, told apart by the shape of the error body.
const (
	// SourcePipedrive: a Pipedrive body such as {"success":false,"error":...}.
	SourcePipedrive ErrorSource = "pipedrive"
	// SourceGateway: a Maton body {"message":...,"type":...,"code":...}.
	SourceGateway ErrorSource = "gateway"
	// SourceUnknown: a body that is not JSON (an HTML page, a proxy's text);
	// APIError.Message holds a short snippet of it.
	SourceUnknown ErrorSource = "unknown"
)

// APIError is an error answer from the Maton gateway, its control plane or
// Pipedrive. It never contains the API key or query values.
type APIError struct {
	// StatusCode is the HTTP status (a 2xx when Pipedrive said success:false).
	StatusCode int
	// Method and Path identify the request; Path has no query string.
	Method string
	Path   string
	// Message is Pipedrive's "error" (or "message"), Maton's "message", or a
	// snippet of a non-JSON body.
	Message string
	// ErrorInfo is Pipedrive's "error_info", when present.
	ErrorInfo string
	// Code is Pipedrive's "code"/"errorCode" or Maton's "type"/"code", as text.
	Code string
	// Fields holds per-field messages (Pipedrive's "errors" object), if any.
	Fields map[string][]string
	// Source says whether Pipedrive, the gateway, or an unidentified party
	// produced the body.
	Source ErrorSource
	// RetryAfter is how long the server asked the caller to wait (429/503),
	// zero when unknown.
	RetryAfter time.Duration
	// DailyBudgetExhausted is true when Pipedrive reported that the daily
	// token budget is spent (x-daily-ratelimit-token-remaining: 0).
	DailyBudgetExhausted bool
	// Replacement names the API v2 method that replaces a retired v1
	// endpoint, when this error came from one (a 404 or 410).
	Replacement string
	// Attempts is how many times the request was sent.
	Attempts int

	// processed: an attempt may have been carried out (a 303 on the way,
	// an earlier 5xx), whatever the final status.
	processed bool
}

// Error implements error.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("pipedrive: ")
	b.WriteString(e.Method)
	b.WriteByte(' ')
	b.WriteString(e.Path)
	fmt.Fprintf(&b, ": %d", e.StatusCode)
	if t := http.StatusText(e.StatusCode); t != "" {
		b.WriteByte(' ')
		b.WriteString(t)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(clip(e.Message, maxErrorText, "Message"))
	}
	if e.ErrorInfo != "" {
		b.WriteString(" (")
		b.WriteString(clip(e.ErrorInfo, maxErrorText/2, "ErrorInfo"))
		b.WriteByte(')')
	}
	if e.Source != "" {
		fmt.Fprintf(&b, " [source: %s]", e.Source)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " [retry after %s]", e.RetryAfter)
	}
	if hint := e.hint(); hint != "" {
		b.WriteString(": ")
		b.WriteString(hint)
	}
	return b.String()
}

func (e *APIError) hint() string {
	switch {
	case e.Replacement != "":
		return "this Pipedrive API v1 endpoint was retired on 2026-08-01; use " + e.Replacement
	case e.isMissingConnection():
		return "create a Pipedrive connection with Connections.Create (or `pipedrive connections create`) and authorize it in a browser"
	case e.StatusCode == http.StatusUnauthorized:
		return "check the Maton API key (MATON_API_KEY)"
	case e.StatusCode == http.StatusInternalServerError && e.Source != SourcePipedrive:
		return "the gateway failed; the Pipedrive OAuth connection may have expired: create a new connection, use it, then delete the old one"
	case e.DailyBudgetExhausted:
		return "Pipedrive's daily token budget is spent; requests fail until it resets at the server's midnight"
	}
	return ""
}

func (e *APIError) isMissingConnection() bool {
	if e.StatusCode != http.StatusBadRequest {
		return false
	}
	if e.Source == SourceGateway {
		return true
	}
	return e.Source != SourcePipedrive && strings.Contains(strings.ToLower(e.Message), "connection")
}

// Is reports whether the error matches one of the package's sentinel errors,
// so that errors.Is(err, pipedrive.ErrNotFound) works on an *APIError.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrMissingConnection:
		return e.isMissingConnection()
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrGone:
		return e.StatusCode == http.StatusGone
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrDailyBudgetExhausted:
		return e.DailyBudgetExhausted
	case ErrServer:
		return e.StatusCode >= 500
	}
	return false
}

// ValidationError reports input the SDK refused before any network call.
type ValidationError struct {
	// Field names the offending option or parameter, e.g. "title" or "limit".
	Field string
	// Reason says what is wrong with it.
	Reason string
}

// Error implements error.
func (e *ValidationError) Error() string {
	return "pipedrive: invalid " + e.Field + ": " + e.Reason
}

func invalid(field, format string, args ...any) error {
	return &ValidationError{Field: field, Reason: fmt.Sprintf(format, args...)}
}

// errorBody is every error shape seen on the wire, all fields optional.
type errorBody struct {
	Success   *bool               `json:"success"`
	Status    string              `json:"status"`
	Error     json.RawMessage     `json:"error"`
	ErrorInfo string              `json:"error_info"`
	ErrorCode json.RawMessage     `json:"errorCode"`
	Code      json.RawMessage     `json:"code"`
	Message   string              `json:"message"`
	Type      string              `json:"type"`
	Errors    map[string][]string `json:"errors"`
}

const snippetLen = 200

// maxErrorText caps how much of the server's message Error() quotes, so a
// hostile or broken server cannot make an error line megabytes long; the
// full (redacted) text stays in APIError.Message and ErrorInfo.
const maxErrorText = 300

// clip cuts s to at most n bytes on a rune boundary, saying how much was
// left out.
func clip(s string, n int, field string) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "… [" + strconv.Itoa(len(s)-cut) + " more bytes in APIError." + field + "]"
}

// classifyError builds an *APIError from an error body. It never fails:
// bodies that are not JSON are kept as a short snippet.
func classifyError(status int, method, path string, body []byte) *APIError {
	e := &APIError{StatusCode: status, Method: method, Path: path}
	trimmed := bytes.TrimSpace(body)
	var eb errorBody
	if len(trimmed) == 0 || trimmed[0] != '{' || json.Unmarshal(trimmed, &eb) != nil {
		e.Source = SourceUnknown
		e.Message = snippet(trimmed)
		return e
	}
	isPipedrive := eb.Success != nil || len(eb.Error) > 0 || eb.ErrorInfo != "" || eb.Status != ""
	if isPipedrive {
		e.Source = SourcePipedrive
		e.Message = rawText(eb.Error)
		if e.Message == "" {
			e.Message = eb.Message
		}
		e.ErrorInfo = eb.ErrorInfo
		e.Code = rawText(eb.Code)
		if e.Code == "" {
			e.Code = rawText(eb.ErrorCode)
		}
		e.Fields = eb.Errors
		if e.Message == "" && len(eb.Errors) > 0 {
			e.Message = flattenFieldErrors(eb.Errors)
		}
		return e
	}
	if eb.Message != "" || eb.Type != "" || len(eb.Code) > 0 {
		e.Source = SourceGateway
		e.Message = eb.Message
		e.Code = eb.Type
		if e.Code == "" {
			e.Code = rawText(eb.Code)
		}
		return e
	}
	e.Source = SourceUnknown
	e.Message = snippet(trimmed)
	return e
}

func flattenFieldErrors(m map[string][]string) string {
	var parts []string
	for k, v := range m {
		parts = append(parts, k+": "+strings.Join(v, ", "))
	}
	return strings.Join(parts, "; ")
}

// rawText renders a JSON string, number or bool as text.
func rawText(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

// snippet returns a short, single-line, valid UTF-8 excerpt of a body.
func snippet(b []byte) string {
	if len(b) > snippetLen {
		b = b[:snippetLen]
		for len(b) > 0 && !utf8.Valid(b) {
			b = b[:len(b)-1]
		}
	}
	return strings.ToValidUTF8(strings.Join(strings.Fields(string(b)), " "), "\uFFFD")
}

// MayHaveWritten reports whether the call that failed with err may
// nevertheless have been carried out by the server, so that sending a
// create again could make a duplicate. The SDK never resends such a
// request itself; a caller that wants to retry should first look for the
// entity (for example by a unique field).
//
// It is false only when the request provably was not processed: err is nil
// or a *ValidationError (nothing was sent; a body that cannot be encoded
// is one), the connection could not be opened or the rate limiter gave up
// or was cancelled (nothing was sent), or the server answered with a 3xx
// other than 303 or a 4xx status (429 included) or with success:false, and
// no earlier attempt of the call may have been processed.
// It is true for everything else: a 5xx, a 303 See Other (the server
// processed the request and points at the result), a connection broken or
// a deadline passed after the request left, a successful status whose
// body could not be read or decoded, and a Connections.Create that created
// the connection but could not read it back.
func MayHaveWritten(err error) bool {
	if err == nil {
		return false
	}
	var wd *writeDoneError
	if errors.As(err, &wd) {
		return true
	}
	var ve *ValidationError
	if errors.As(err, &ve) {
		return false
	}
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.StatusCode >= 500 || ae.StatusCode == http.StatusSeeOther || ae.processed
	}
	var te *TransportError
	if errors.As(err, &te) {
		switch te.verdict {
		case verdictWritten:
			return true
		case verdictNotWritten:
			return false
		}
		var le *limiterError
		if errors.As(te.Err, &le) || notSent(te.Err) {
			return false
		}
	}
	return true
}

// writeVerdict is the pipeline's knowledge of whether a failed call may
// have been carried out.
type writeVerdict int8

const (
	verdictUnknown writeVerdict = iota
	verdictWritten
	verdictNotWritten
)

// writeDoneError marks a failure that came after a write the server
// carried out (a created connection that could not be read back).
type writeDoneError struct {
	what string
	err  error
}

func (e *writeDoneError) Error() string { return e.err.Error() + " (" + e.what + ")" }
func (e *writeDoneError) Unwrap() error { return e.err }
