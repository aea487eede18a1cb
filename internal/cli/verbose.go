package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
)

// verboseHandler prints the SDK's debug log for -v, one line per record:
// "> GET /api/v2/deals: 200 OK (attempt 1)" for each attempt. It prints
// status codes with Go's own text, never the server's reason phrase, and
// only the attributes the SDK logs (which never hold the key).
type verboseHandler struct {
	mu    *sync.Mutex
	w     io.Writer
	attrs []slog.Attr
}

func (h *verboseHandler) Enabled(context.Context, slog.Level) bool { return true }

func (h *verboseHandler) Handle(_ context.Context, r slog.Record) error {
	vals := map[string]string{}
	var order []string
	add := func(a slog.Attr) bool {
		if _, seen := vals[a.Key]; !seen {
			order = append(order, a.Key)
		}
		vals[a.Key] = a.Value.String()
		return true
	}
	for _, a := range h.attrs {
		add(a)
	}
	r.Attrs(add)
	var line string
	if r.Message == "pipedrive: attempt" {
		line = "> " + vals["method"] + " " + strings.TrimPrefix(vals["path"], "/pipedrive")
		if st := vals["status"]; st != "" {
			var code int
			_, _ = fmt.Sscan(st, &code)
			line += ": " + st + " " + http.StatusText(code)
		}
		if e := vals["error"]; e != "" {
			line += ": " + oneLine(e)
		}
		if n := vals["attempt"]; n != "" && n != "1" {
			line += " (attempt " + n + ")"
		}
	} else {
		parts := []string{strings.TrimPrefix(r.Message, "pipedrive: ")}
		for _, k := range order {
			parts = append(parts, k+"="+oneLine(vals[k]))
		}
		line = "  " + strings.Join(parts, " ")
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	_, err := fmt.Fprintln(h.w, line)
	return err
}

func (h *verboseHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &verboseHandler{mu: h.mu, w: h.w, attrs: append(append([]slog.Attr{}, h.attrs...), attrs...)}
}

func (h *verboseHandler) WithGroup(string) slog.Handler { return h }
