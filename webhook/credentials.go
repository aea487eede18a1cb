package webhook

import (
	"crypto/rand"
	"encoding/base64"
)

// Credentials are the HTTP basic auth pair a subscription gives Pipedrive
// and the Handler checks.
type Credentials struct {
	User     string
	Password string
}

// String never prints the password.
func (c Credentials) String() string {
	return "webhook.Credentials{User: " + c.User + ", Password: [redacted]}"
}

// GoString is String, for %#v.
func (c Credentials) GoString() string { return c.String() }

// NewCredentials makes a random user name (64 bits) and password (256
// bits) from crypto/rand, URL-safe and without a colon.
func NewCredentials() Credentials {
	return Credentials{User: "pd-" + random(8), Password: random(32)}
}

func random(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // never fails (crypto/rand panics instead)
	return base64.RawURLEncoding.EncodeToString(b)
}
