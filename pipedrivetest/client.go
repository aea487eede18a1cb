package pipedrivetest

import (
	"testing"

	"github.com/gopipedrive/pipedrive"
)

// Client returns a *pipedrive.Client configured for the server: gateway and
// control-plane URLs set to s.URL, the server's API key and, unless the
// server was started WithoutConnection, its default connection
// (s.ConnectionID). opts are applied after those settings and can override
// them. The test fails immediately if the client cannot be built. The client
// holds no resources, so there is nothing to clean up.
func (s *Server) Client(t testing.TB, opts ...pipedrive.Option) *pipedrive.Client {
	t.Helper()
	base := []pipedrive.Option{
		pipedrive.WithGatewayURL(s.URL),
		pipedrive.WithControlURL(s.URL),
	}
	if s.ConnectionID != "" {
		base = append(base, pipedrive.WithConnection(s.ConnectionID))
	}
	c, err := pipedrive.NewClient(s.APIKey, append(base, opts...)...)
	if err != nil {
		t.Fatalf("pipedrivetest: building the client: %v", err)
	}
	return c
}
