package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"
)

// row is one entity ready for the printers: the SDK value, written as is
// by json and ndjson, and its table cells.
type row struct {
	value any
	cells []string
}

// page is one page of a list: its rows and the position of the next page
// ("" on the last one): an offset in API v1, a cursor in API v2.
type page struct {
	rows []row
	next string
}

// view is what the printers need to know about a resource.
type view struct {
	singular string // "deal"
	plural   string // "deals"
	columns  []string
	// detail names the cells a row may have beyond columns, shown only
	// for a single entity (get, create, update).
	detail []string
}

// printOne prints a single entity: a FIELD/VALUE table, or its JSON.
// extra rows (label, value) follow the view's columns in the table.
func (a *app) printOne(v view, r row, extra ...[2]string) error {
	switch a.g.output {
	case formatJSON:
		return writeJSON(a.stdout, r.value, true)
	case formatNDJSON:
		return writeJSON(a.stdout, r.value, false)
	}
	a.resolveNames(a.ctx, v.columns, []row{r})
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	for i, c := range append(v.columns[:len(v.columns):len(v.columns)], v.detail...) {
		cell := ""
		if i < len(r.cells) {
			cell = r.cells[i]
		}
		fmt.Fprintf(tw, "%s\t%s\n", c, cell)
	}
	for _, e := range extra {
		fmt.Fprintf(tw, "%s\t%s\n", e[0], e[1])
	}
	return tw.Flush()
}

// printPage prints one page of a list, and on stderr how to get the next.
func (a *app) printPage(v view, p page) error {
	switch a.g.output {
	case formatJSON:
		values := make([]any, len(p.rows))
		for i, r := range p.rows {
			values[i] = r.value
		}
		if err := writeJSON(a.stdout, values, true); err != nil {
			return err
		}
	case formatNDJSON:
		for _, r := range p.rows {
			if err := writeJSON(a.stdout, r.value, false); err != nil {
				return err
			}
		}
	default:
		a.resolveNames(a.ctx, v.columns, p.rows)
		if err := a.writeTable(v.columns, p.rows); err != nil {
			return err
		}
		if len(p.rows) == 0 {
			fmt.Fprintf(a.stderr, "no %s\n", v.plural)
		}
	}
	if p.next != "" {
		fmt.Fprintf(a.stderr, "more %s follow: add --cursor %s for the next page, or --all for every page\n", v.plural, p.next)
	}
	return nil
}

// fetchFunc fetches the page at a position ("" for the first).
type fetchFunc func(ctx context.Context, pos string) (page, error)

// stream prints every page from start on, one page in memory at a time:
// ndjson line by line, json as one array written incrementally, table
// flushed page by page. When stderr is a terminal a progress line shows
// the items, pages and rate.
func (a *app) stream(ctx context.Context, v view, start string, fetch fetchFunc) error {
	prog := &progress{w: a.stderr, on: a.isTTY, noun: v.plural, start: time.Now()}
	pos := start
	first := true
	// Table columns keep the widths of the first page, so that every page
	// lines up with the header; one page is in memory at a time.
	tbl := &table{w: a.stdout, maxWidth: terminalWidth(a.env, a.stdout)}
	if a.g.output == formatJSON {
		if _, err := io.WriteString(a.stdout, "["); err != nil {
			return err
		}
	}
	for {
		p, err := fetch(ctx, pos)
		if err != nil {
			prog.clear()
			if a.g.output == formatJSON {
				// Close the array so that what was printed stays valid JSON.
				if first {
					fmt.Fprintln(a.stdout, "]")
				} else {
					fmt.Fprintln(a.stdout, "\n]")
				}
			}
			return err
		}
		switch a.g.output {
		case formatJSON:
			for _, r := range p.rows {
				b, err := json.MarshalIndent(r.value, "  ", "  ")
				if err != nil {
					return err
				}
				sep := ",\n  "
				if first {
					sep = "\n  "
				}
				first = false
				if _, err := io.WriteString(a.stdout, sep); err != nil {
					return err
				}
				if _, err := a.stdout.Write(b); err != nil {
					return err
				}
			}
		case formatNDJSON:
			for _, r := range p.rows {
				if err := writeJSON(a.stdout, r.value, false); err != nil {
					return err
				}
			}
		default:
			prog.clear()
			a.resolveNames(ctx, v.columns, p.rows)
			if first {
				tbl.plan(v.columns, p.rows)
			}
			if err := tbl.write(v.columns, p.rows, first); err != nil {
				return err
			}
			first = false
		}
		prog.page(len(p.rows))
		if p.next == "" || p.next == pos || len(p.rows) == 0 {
			break
		}
		pos = p.next
	}
	if a.g.output == formatJSON {
		end := "\n]\n"
		if first {
			end = "]\n"
		}
		if _, err := io.WriteString(a.stdout, end); err != nil {
			return err
		}
	}
	prog.finish()
	return nil
}

// progress draws "1,234 deals · 13 pages · 410/s" on a terminal's stderr,
// rewriting the same line.
type progress struct {
	w            io.Writer
	on           bool
	noun         string
	items, pages int
	start        time.Time
	drawn        bool
}

func (p *progress) line() string {
	rate := ""
	if el := time.Since(p.start).Seconds(); el > 0 {
		rate = " · " + strconv.FormatFloat(math.Round(float64(p.items)/el), 'f', 0, 64) + "/s"
	}
	pages := "pages"
	if p.pages == 1 {
		pages = "page"
	}
	return fmt.Sprintf("%s %s · %d %s%s", groupDigits(strconv.Itoa(p.items)), p.noun, p.pages, pages, rate)
}

func (p *progress) page(n int) {
	p.items += n
	p.pages++
	if !p.on {
		return
	}
	fmt.Fprint(p.w, "\r\x1b[K"+p.line())
	p.drawn = true
}

func (p *progress) clear() {
	if p.on && p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}

func (p *progress) finish() {
	if !p.on {
		return
	}
	p.clear()
	fmt.Fprintln(p.w, p.line())
}

// writeJSON writes v as indented JSON or as one compact line.
func writeJSON(w io.Writer, v any, pretty bool) error {
	var b []byte
	var err error
	if pretty {
		b, err = json.MarshalIndent(v, "", "  ")
	} else {
		b, err = json.Marshal(v)
	}
	if err != nil {
		return err
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}

// writeTable writes rows as aligned columns with the header, fitting the
// terminal's width.
func (a *app) writeTable(columns []string, rows []row) error {
	t := &table{w: a.stdout, maxWidth: terminalWidth(a.env, a.stdout)}
	t.plan(columns, rows)
	return t.write(columns, rows, true)
}

// write writes the header (when asked) and the rows.
func (t *table) write(columns []string, rows []row, header bool) error {
	if header {
		if err := t.line(columns); err != nil {
			return err
		}
	}
	for _, r := range rows {
		if err := t.line(r.cells); err != nil {
			return err
		}
	}
	return nil
}

// maxCell is the widest a table cell gets before it is cut with "…".
const maxCell = 40

// cell makes a value fit a table cell: one line, no tabs, at most maxCell
// characters.
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > maxCell {
		r := []rune(s)
		s = string(r[:maxCell-1]) + "…"
	}
	return s
}

// idCell renders an id, empty for 0.
func idCell(id int) string {
	if id == 0 {
		return ""
	}
	return strconv.Itoa(id)
}

// refCell renders a reference: its name when known, else its id.
func refCell(id int, name string) string {
	if name != "" {
		return cell(name)
	}
	return idCell(id)
}

func boolCell(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// money renders an amount with thousands separators and its currency:
// "5,000 EUR", "1,234.50 USD".
func money(v float64, currency string) string {
	s := formatAmount(v)
	if currency != "" {
		s += " " + currency
	}
	return s
}

func formatAmount(v float64) string {
	neg := v < 0
	v = math.Abs(v)
	s := strconv.FormatFloat(v, 'f', 2, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	out := groupDigits(intPart)
	if frac != "00" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// groupDigits puts thousands separators into a run of digits.
func groupDigits(s string) string {
	if len(s) <= 3 {
		return s
	}
	var b bytes.Buffer
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}
