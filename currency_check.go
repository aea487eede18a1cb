package pipedrive

import (
	"context"
	"slices"
	"strings"
	"sync"
)

// currencyCache holds the currency codes of each connection's company,
// listed once (Currencies.Check).
type currencyCache struct {
	mu     sync.Mutex
	byConn map[string]map[string]bool // code → active
}

// Check reports whether code is an active currency of the company (the
// connection in ctx, or the client's): nil if it is, a *ValidationError
// naming the code otherwise. The currencies are listed on the first call
// for each connection and kept for the client's life, so checking many
// values costs one request. Nothing checks currencies unless asked: see
// also MonetaryValue.Check.
//
// Pipedrive: GET /api/v1/currencies, on the first call per connection (https://developers.pipedrive.com/docs/api/v1/Currencies#getCurrencies).
// Token cost: 20 once, then 0.
func (s *CurrenciesService) Check(ctx context.Context, code string) error {
	if ctx == nil {
		return invalid("ctx", "nil context")
	}
	code = strings.TrimSpace(code)
	if len(code) != 3 {
		return invalid("currency", "%q is not a 3-letter currency code", code)
	}
	conn, err := s.client.connectionFor(ctx)
	if err != nil {
		return err
	}
	known, err := s.known(ctx, conn)
	if err != nil {
		return err
	}
	active, found := known[strings.ToUpper(code)]
	switch {
	case found && active:
		return nil
	case found:
		return invalid("currency", "%s is a deactivated currency of this company", strings.ToUpper(code))
	}
	return invalid("currency", "%q is not a currency Pipedrive knows for this company", code)
}

func (s *CurrenciesService) known(ctx context.Context, conn string) (map[string]bool, error) {
	cc := s.client.currencies
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if m := cc.byConn[conn]; m != nil {
		return m, nil
	}
	all, _, err := s.List(ctx, "")
	if err != nil {
		return nil, err
	}
	m := make(map[string]bool, len(all))
	for _, c := range all {
		m[strings.ToUpper(c.Code)] = bool(c.ActiveFlag)
	}
	if cc.byConn == nil {
		cc.byConn = map[string]map[string]bool{}
	}
	cc.byConn[conn] = m
	return m, nil
}

// Codes returns the active currency codes the check knows for the
// connection in ctx, sorted (listing them first if needed).
//
// Pipedrive: GET /api/v1/currencies, on the first call per connection.
// Token cost: 20 once, then 0.
func (s *CurrenciesService) Codes(ctx context.Context) ([]string, error) {
	if ctx == nil {
		return nil, invalid("ctx", "nil context")
	}
	conn, err := s.client.connectionFor(ctx)
	if err != nil {
		return nil, err
	}
	m, err := s.known(ctx, conn)
	if err != nil {
		return nil, err
	}
	var out []string
	for code, active := range m {
		if active {
			out = append(out, code)
		}
	}
	slices.Sort(out)
	return out, nil
}

// Check verifies, on request, that m's currency is one of the company's
// active currencies (Currencies.Check: one request per connection for the
// client's life). A value with no currency is refused too.
func (m MonetaryValue) Check(ctx context.Context, c *Client) error {
	if c == nil {
		return invalid("client", "nil *Client")
	}
	if strings.TrimSpace(m.Currency) == "" {
		return invalid("currency", "empty: a monetary value needs a currency, such as EUR")
	}
	return c.Currencies.Check(ctx, m.Currency)
}

// connectionFor is the connection a call with ctx uses: the context's
// (checked), or the client's.
func (c *Client) connectionFor(ctx context.Context) (string, error) {
	if id, ok := ctx.Value(connectionKey{}).(string); ok {
		if err := checkConnectionID(id); err != nil {
			return "", err
		}
		return id, nil
	}
	return c.connection, nil
}
