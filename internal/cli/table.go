package cli

import (
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"
)

// table writes aligned columns two spaces apart, like text/tabwriter, but
// with widths that can be fixed: a streamed list (--all) takes them from
// its first page and keeps them, so later pages line up with the header;
// a cell wider than its column is cut with "…". maxWidth, when above 0,
// is the terminal's width: the widest columns shrink until a line fits.
type table struct {
	w        io.Writer
	widths   []int
	maxWidth int
}

// keepWhole names the columns never cut to fit the terminal: ids and URLs
// are useless cut.
var keepWhole = map[string]bool{"ID": true, "URL": true, "KEY": true}

// minColumn is the narrowest a column shrinks to for the terminal.
const minColumn = 6

// plan fixes the column widths from the header and rows.
func (t *table) plan(columns []string, rows []row) {
	t.widths = make([]int, len(columns))
	for i, c := range columns {
		t.widths[i] = utf8.RuneCountInString(c)
	}
	for _, r := range rows {
		for i, c := range r.cells {
			if i < len(t.widths) {
				t.widths[i] = max(t.widths[i], utf8.RuneCountInString(c))
			}
		}
	}
	if t.maxWidth <= 0 || len(t.widths) == 0 {
		return
	}
	// Shrink the widest column, one character at a time, until the line
	// fits (the last column's width counts too: it is not padded, but it
	// is what overflows).
	for t.lineWidth() > t.maxWidth {
		widest := -1
		for i, w := range t.widths {
			if keepWhole[columns[i]] {
				continue
			}
			if widest < 0 || w > t.widths[widest] {
				widest = i
			}
		}
		if widest < 0 || t.widths[widest] <= minColumn {
			return
		}
		t.widths[widest]--
	}
}

func (t *table) lineWidth() int {
	n := 2 * (len(t.widths) - 1)
	for _, w := range t.widths {
		n += w
	}
	return n
}

// line writes one line of cells fitted to the widths.
func (t *table) line(cells []string) error {
	var b strings.Builder
	for i := range t.widths {
		c := ""
		if i < len(cells) {
			c = cells[i]
		}
		c = fit(c, t.widths[i])
		b.WriteString(c)
		if i < len(t.widths)-1 {
			b.WriteString(strings.Repeat(" ", t.widths[i]-utf8.RuneCountInString(c)+2))
		}
	}
	b.WriteByte('\n')
	_, err := io.WriteString(t.w, b.String())
	return err
}

// fit cuts s to width runes, ending with "…" when cut.
func fit(s string, width int) string {
	if utf8.RuneCountInString(s) <= width {
		return s
	}
	if width <= 1 {
		return "…"
	}
	r := []rune(s)
	return string(r[:width-1]) + "…"
}

// terminalWidth is $COLUMNS when set, else the width of the terminal w
// writes to, else 0 (not a terminal: no limit).
func terminalWidth(env func(string) string, w io.Writer) int {
	if env != nil {
		if n, err := strconv.Atoi(strings.TrimSpace(env("COLUMNS"))); err == nil && n >= 20 {
			return n
		}
	}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if width, _, err := term.GetSize(int(f.Fd())); err == nil && width >= 20 {
			return width
		}
	}
	return 0
}
