package pipedrive

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// limitedTransport waits on the limiter before every attempt, so retries
// are paced too, then sends with the underlying transport.
type limitedTransport struct {
	base    http.RoundTripper
	limiter Limiter
}

// limiterError marks a failure of the limiter, which is never retried.
type limiterError struct{ err error }

func (e *limiterError) Error() string { return "rate limiter: " + e.err.Error() }
func (e *limiterError) Unwrap() error { return e.err }

func (t *limitedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if t.limiter != nil {
		ctx := r.Context()
		if err := t.limiter.Wait(ctx); err != nil {
			if ctx.Err() != nil {
				err = ctx.Err()
			} else if _, ok := ctx.Deadline(); ok {
				// x/time/rate refuses at once a wait that would pass the deadline.
				err = fmt.Errorf("waiting for the rate limiter would pass the deadline: %w", context.DeadlineExceeded)
			}
			if r.Body != nil {
				_ = r.Body.Close()
			}
			return nil, &limiterError{err}
		}
	}
	resp, err := t.base.RoundTrip(r)
	if resp != nil && resp.Request == nil {
		// A RoundTripper should set it; the pipeline finds the call's
		// state through it (readBodyHandler).
		resp.Request = r
	}
	return resp, err
}

var errRedirect = errors.New("pipedrive: too many redirects")

// defaultCallTimeout bounds a call whose context has no deadline, when the
// client uses its own HTTP client.
const defaultCallTimeout = 2 * time.Minute

func (c *Client) buildHTTPClient() *http.Client {
	var hc http.Client
	if c.userHTTP != nil {
		hc = *c.userHTTP // a copy: the caller's client is never mutated
	} else {
		// Not hc.Timeout: do puts the limit on the call's context.
		c.callTimeout = defaultCallTimeout
	}
	base := hc.Transport
	if base == nil {
		if c.userHTTP != nil {
			base = http.DefaultTransport
		} else {
			base = defaultTransport()
		}
	}
	hc.Transport = &limitedTransport{base: base, limiter: c.limiter}
	userCheck := hc.CheckRedirect
	hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= 10 {
			return errRedirect
		}
		if req.URL.Host != via[0].URL.Host || req.URL.Scheme != via[0].URL.Scheme {
			// Credentials never follow a redirect to another origin.
			req.Header.Del("Authorization")
			req.Header.Del("Maton-Connection")
		}
		if userCheck != nil {
			return userCheck(req, via)
		}
		return nil
	}
	return &hc
}

func defaultTransport() *http.Transport {
	return &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: (&net.Dialer{
			Timeout:   30 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   32,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: 1 * time.Second,
	}
}
