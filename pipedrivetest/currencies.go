package pipedrivetest

import (
	"net/http"
	"strings"
)

// currency is one of the currencies every fake company knows.
type currency struct {
	id       int
	code     string
	name     string
	decimals int
	symbol   string
}

// currencies are a handful of Pipedrive's built-in currencies, in
// Pipedrive's order (by name).
var currencies = []currency{
	{1, "AUD", "Australian Dollar", 2, "A$"},
	{2, "GBP", "British Pound", 2, "£"},
	{3, "CAD", "Canadian Dollar", 2, "CA$"},
	{4, "EUR", "Euro", 2, "€"},
	{5, "JPY", "Japanese Yen", 0, "¥"},
	{6, "SEK", "Swedish Krona", 2, "kr"},
	{7, "CHF", "Swiss Franc", 2, "CHF"},
	{8, "USD", "US Dollar", 2, "$"},
}

// registerCurrenciesV1 serves GET /currencies: every currency, or those
// whose code or name contains term (case-insensitive).
func registerCurrenciesV1(rt *router) {
	rt.handle("GET /currencies", 20, func(c *call) *reply {
		term := strings.ToLower(strings.TrimSpace(c.q.Get("term")))
		data := []map[string]any{}
		for _, cur := range currencies {
			if term != "" && !strings.Contains(strings.ToLower(cur.code), term) && !strings.Contains(strings.ToLower(cur.name), term) {
				continue
			}
			data = append(data, map[string]any{
				"id": cur.id, "code": cur.code, "name": cur.name, "decimal_points": cur.decimals,
				"symbol": cur.symbol, "active_flag": true, "is_custom_flag": false,
			})
		}
		return ok(http.StatusOK, data, nil, nil)
	})
}
