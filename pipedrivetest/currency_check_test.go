package pipedrivetest_test

import (
	"strings"
	"testing"

	"github.com/gopipedrive/pipedrive"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Currencies.Check and MonetaryValue.Check: on request only, one listing
// per connection for the client's life.
func TestConformanceCurrencyCheck(t *testing.T) {
	srv, c, ctx := sdkConformance(t)
	before := len(srv.RequestLog())
	require.NoError(t, c.Currencies.Check(ctx, "EUR"))
	require.NoError(t, c.Currencies.Check(ctx, "usd"))
	require.NoError(t, pipedrive.MonetaryValue{Value: 10, Currency: "GBP"}.Check(ctx, c))
	err := pipedrive.MonetaryValue{Value: 10, Currency: "XQQ"}.Check(ctx, c)
	var ve *pipedrive.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "currency", ve.Field)
	assert.Contains(t, err.Error(), `"XQQ"`)
	require.ErrorAs(t, pipedrive.MonetaryValue{Value: 1}.Check(ctx, c), &ve)
	require.ErrorAs(t, c.Currencies.Check(ctx, "EURO"), &ve)
	codes, err := c.Currencies.Codes(ctx)
	require.NoError(t, err)
	assert.Contains(t, codes, "EUR")
	n := 0
	for _, r := range srv.RequestLog()[before:] {
		if strings.HasSuffix(r.Path, "/currencies") {
			n++
		}
	}
	assert.Equal(t, 1, n, "the currencies are listed once")
}
