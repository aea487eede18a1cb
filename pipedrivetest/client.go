package pipedrivetest

import (
	"testing"

	"github.com/gopipedrive/pipedrive"
)

// NewClient returns a *pipedrive.Client configured for the server: gateway
// and control-plane URLs set to s.URL, the server's API key and, unless the
// server was started WithoutConnection, its default connection
// (s.ConnectionID). opts are applied after those settings and can override
// them. Use it where no testing.TB is at hand (examples, main programs);
// tests can call Client.
func (s *Server) NewClient(opts ...pipedrive.Option) (*pipedrive.Client, error) {
	base := []pipedrive.Option{
		pipedrive.WithGatewayURL(s.URL),
		pipedrive.WithControlURL(s.URL),
	}
	if s.ConnectionID != "" {
		base = append(base, pipedrive.WithConnection(s.ConnectionID))
	}
	return pipedrive.NewClient(s.APIKey, append(base, opts...)...)
}

// Client is NewClient for tests: the test fails immediately if the client
// cannot be built. The client holds no resources, so there is nothing to
// clean up.
func (s *Server) Client(t testing.TB, opts ...pipedrive.Option) *pipedrive.Client {
	t.Helper()
	c, err := s.NewClient(opts...)
	if err != nil {
		t.Fatalf("pipedrivetest: building the client: %v", err)
	}
	return c
}
