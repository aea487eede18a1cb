package pipedrive

import (
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/time/rate"
)

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// checkConnectionID refuses an id that is not a UUID. The message never
// echoes the value: a key pasted in the wrong place would be printed.
func checkConnectionID(id string) error {
	if !uuidPattern.MatchString(id) {
		return invalid("connection", "not a Maton connection id: expected a UUID of 36 characters such as 21fd90f9-5935-43cd-b6c8-bde9d915ca80, got %d characters (value not shown)", len(id))
	}
	return nil
}

// WithConnection selects the Maton connection (a UUID) every gateway call
// uses, sent as the Maton-Connection header. Without it the gateway picks
// the account's default Pipedrive connection. ContextWithConnection
// overrides it for one call.
func WithConnection(id string) Option {
	return func(c *Client) error {
		if c.looksLikeKey(id) {
			return invalid("connection", "holds the Maton API key: expected a connection id (a UUID of 36 characters), got %d characters (value not shown)", len(id))
		}
		if err := checkConnectionID(id); err != nil {
			return err
		}
		c.connection = id
		return nil
	}
}

// WithGatewayURL sets the gateway's base URL (default
// https://gateway.maton.ai; Maton's newer docs use https://api.maton.ai).
// It must be https unless it is a loopback address or WithInsecureHTTP is
// given.
func WithGatewayURL(u string) Option {
	return func(c *Client) error {
		norm, err := c.normalizeBaseURL("gatewayURL", u)
		c.gatewayURL = norm
		return err
	}
}

// WithControlURL sets the base URL of Maton's control plane (default
// https://ctrl.maton.ai; Maton's newer docs use https://api.maton.ai).
func WithControlURL(u string) Option {
	return func(c *Client) error {
		norm, err := c.normalizeBaseURL("controlURL", u)
		c.controlURL = norm
		return err
	}
}

// WithInsecureHTTP allows plain-http gateway and control URLs on hosts other
// than loopback. Only for trusted networks: the API key travels in clear.
func WithInsecureHTTP() Option {
	return func(c *Client) error {
		c.allowHTTP = true
		return nil
	}
}

// normalizeBaseURL checks a base URL. Its messages never echo the value:
// a key pasted there (or an environment variable set to the key) would be
// printed.
func (c *Client) normalizeBaseURL(field, raw string) (string, error) {
	if c.looksLikeKey(raw) {
		return "", invalid(field, "holds the Maton API key: expected a base URL such as %s (value not shown)", DefaultGatewayURL)
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return "", invalid(field, "not an absolute http(s) URL: expected one such as %s, got %d characters (value not shown)", DefaultGatewayURL, len(raw))
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", invalid(field, "must not contain credentials, a query or a fragment")
	}
	return strings.TrimRight(u.Scheme+"://"+u.Host+u.EscapedPath(), "/"), nil
}

func checkBaseURL(field, raw string, allowHTTP bool) error {
	u, err := url.Parse(raw)
	if err != nil {
		return invalid(field, "not a URL (value not shown)")
	}
	if u.Scheme == "https" || allowHTTP || isLoopback(u.Hostname()) {
		return nil
	}
	return invalid(field, "plain http on a non-loopback host: the API key would travel in clear; expected https (or WithInsecureHTTP)")
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// WithHTTPClient sends requests with a copy of hc (its Transport, Timeout,
// Jar; hc itself is never modified). The SDK wraps the transport with its
// rate limiter and drops credentials on cross-origin redirects.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Client) error {
		if hc == nil {
			return invalid("httpClient", "nil *http.Client")
		}
		c.userHTTP = hc
		return nil
	}
}

// WithRateLimit paces requests with a token bucket of rps per second and
// the given burst (golang.org/x/time/rate). The limiter is waited on before
// every attempt, retries included. A burst above 1 lets up to 2×burst-1
// requests through in one rolling burst/rps window (a full bucket, then
// the refill), which Maton's gateway rejects; the default
// (NewDefaultLimiter: one request every 102.5 ms, burst 1) never does.
func WithRateLimit(rps float64, burst int) Option {
	return func(c *Client) error {
		if !(rps > 0) || rps > 1e6 {
			return invalid("rateLimit", "rps %v must be above 0", rps)
		}
		if burst < 1 || burst > 100000 {
			return invalid("rateLimit", "burst %d is outside 1..100000", burst)
		}
		c.limiter = rate.NewLimiter(rate.Limit(rps), burst)
		return nil
	}
}

// WithLimiter replaces the built-in limiter, for example with one shared by
// many processes that use the same Maton key.
func WithLimiter(l Limiter) Option {
	return func(c *Client) error {
		if l == nil {
			return invalid("limiter", "nil Limiter")
		}
		c.limiter = l
		return nil
	}
}

// WithRetry sets the retry policy. Zero fields keep their defaults; see
// DefaultRetryPolicy.
func WithRetry(p RetryPolicy) Option {
	return func(c *Client) error {
		d := DefaultRetryPolicy()
		if p.MaxAttempts == 0 {
			p.MaxAttempts = d.MaxAttempts
		}
		if p.MinWait == 0 {
			p.MinWait = d.MinWait
		}
		if p.MaxWait == 0 {
			p.MaxWait = max(d.MaxWait, p.MinWait)
		}
		if p.MaxServerWait == 0 {
			p.MaxServerWait = d.MaxServerWait
		}
		if err := p.validate(); err != nil {
			return err
		}
		c.retry = p
		return nil
	}
}

// WithUserAgent puts product (for example "my-crm-sync/1.2") in front of
// the SDK's own User-Agent.
func WithUserAgent(product string) Option {
	return func(c *Client) error {
		product = strings.TrimSpace(product)
		if product == "" || hasControlChars(product) {
			return invalid("userAgent", "empty or contains control characters")
		}
		c.userAgent = product + " " + defaultUserAgent()
		return nil
	}
}

// WithLogger logs each attempt at debug level (method, path, status,
// attempt, wait). Headers, bodies, query strings and the key are never
// logged.
func WithLogger(l *slog.Logger) Option {
	return func(c *Client) error {
		if l == nil {
			return invalid("logger", "nil *slog.Logger")
		}
		c.logger = l
		return nil
	}
}

// WithMaxResponseBytes caps the size of a successful response body
// (default 64 MiB). Error bodies are read up to 1 MiB.
func WithMaxResponseBytes(n int64) Option {
	return func(c *Client) error {
		if n < 1024 {
			return invalid("maxResponseBytes", "%d is below 1024", n)
		}
		c.maxBody = n
		return nil
	}
}
