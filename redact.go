package pipedrive

import (
	"fmt"
	"io"
	"strings"
)

// This file keeps the Maton API key out of everything a caller or a
// server can make the SDK print.
//
// The key lives behind a pointer in Client (fmt prints a nested pointer as
// an address, never what it points to), and every service type embeds
// redactedService, whose String, GoString and Format are promoted to it:
// `type DealsService service` keeps the methods of service's embedded
// fields, so a new service gets them without a line of code, and
// TestServicesNeverPrintKey reflects over Client and V2Services to prove
// it for every service field.

// redactedService gives every service type a Format that prints no field.
type redactedService struct{}

const servicePrint = "pipedrive service (API key redacted)"

// String describes the service without the client behind it.
func (redactedService) String() string { return servicePrint }

// GoString is String, for %#v.
func (redactedService) GoString() string { return servicePrint }

// Format prints String for every verb (%v %+v %#v %s %q %x %X %p ...).
func (redactedService) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, servicePrint) }

// String describes the v2 services without the client behind them.
func (*V2Services) String() string { return "pipedrive.V2Services (API key redacted)" }

// GoString is String, for %#v.
func (v *V2Services) GoString() string { return v.String() }

// Format prints String for every verb.
func (v *V2Services) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, v.String()) }

// redactWindow is the shortest run of key characters that is redacted: no
// 8 consecutive characters of the key survive in any text the SDK builds.
const redactWindow = 8

const redactedMark = "[redacted]"

// redactKey replaces every run of redactWindow or more consecutive
// characters of key found in text with "[redacted]". A key shorter than
// the window is replaced only whole.
func redactKey(key, text string) string {
	if key == "" || text == "" {
		return text
	}
	w := min(redactWindow, len(key))
	if !containsWindow(key, text, w) {
		return text
	}
	var b strings.Builder
	for i := 0; i < len(text); {
		n := longestKeyRun(key, text[i:])
		if n >= w {
			b.WriteString(redactedMark)
			i += n
			continue
		}
		b.WriteByte(text[i])
		i++
	}
	return b.String()
}

// containsWindow reports whether any w-byte run of key appears in text.
func containsWindow(key, text string, w int) bool {
	for i := 0; i+w <= len(key); i++ {
		if strings.Contains(text, key[i:i+w]) {
			return true
		}
	}
	return false
}

// longestKeyRun is the length of the longest prefix of text that is a
// substring of key.
func longestKeyRun(key, text string) int {
	best := 0
	for j := 0; j < len(key); j++ {
		n := 0
		for n < len(text) && j+n < len(key) && text[n] == key[j+n] {
			n++
		}
		best = max(best, n)
	}
	return best
}

// redact removes the API key, and any 8+ character run of it, from text
// that may echo it.
func (c *Client) redact(text string) string {
	if c.apiKey == nil {
		return text
	}
	return redactKey(string(*c.apiKey), text)
}

// redactedError is an error whose text had key material removed. It does
// not unwrap to the original, whose text holds the key.
type redactedError struct{ text string }

func (e *redactedError) Error() string { return e.text }

// redactErr returns err, or a redacted copy of it when its text holds key
// material (net/http quotes malformed server bytes in its errors).
func (c *Client) redactErr(err error) error {
	if err == nil {
		return nil
	}
	text := err.Error()
	if clean := c.redact(text); clean != text {
		return &redactedError{clean}
	}
	return err
}

// looksLikeKey reports whether v holds a run of the client's API key: a
// key pasted into the wrong option.
func (c *Client) looksLikeKey(v string) bool {
	return c.apiKey != nil && len(*c.apiKey) > 0 && c.redact(v) != v
}

// redactBytes is redact for a body; it returns b itself when b holds no key
// material.
func (c *Client) redactBytes(b []byte) []byte {
	if c.apiKey == nil || !containsWindow(string(*c.apiKey), string(b), min(redactWindow, len(*c.apiKey))) {
		return b
	}
	return []byte(c.redact(string(b)))
}
