package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// printer writes the report: an indented label column and a value column,
// lines kept under 80 characters. It keeps the first write error.
type printer struct {
	w   io.Writer
	err error
}

const (
	labelWidth = 15
	lineWidth  = 78
)

func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

// header starts the report with the mode it runs in.
func (p *printer) header(mode, hint string) {
	p.printf("gopipedrive quickstart\n")
	p.row("mode", "%s", mode)
	p.more("%s", hint)
}

// section starts a block of rows.
func (p *printer) section(title string) { p.printf("\n%s\n", title) }

// row prints a labelled line; an empty label continues the previous row.
func (p *printer) row(label, format string, args ...any) {
	line := fmt.Sprintf("  %-*s%s", labelWidth, label, fmt.Sprintf(format, args...))
	p.printf("%s\n", strings.TrimRight(line, " "))
}

// more continues the previous row on a new line.
func (p *printer) more(format string, args ...any) { p.row("", format, args...) }

// wrapped prints prefix followed by items joined with sep, wrapping the line
// before an item that would not fit.
func (p *printer) wrapped(label, prefix, sep string, items []string) {
	width := lineWidth - 2 - labelWidth
	line := prefix
	for i, it := range items {
		piece := it
		if i > 0 {
			piece = sep + it
		}
		if i > 0 && len([]rune(line+piece)) > width {
			// The separator stays at the end of the line: "a →" / "b".
			p.row(label, "%s", line+strings.TrimRight(sep, " "))
			label, line = "", it
			continue
		}
		line += piece
	}
	p.row(label, "%s", line)
}

// done ends a successful report.
func (p *printer) done(what string, took time.Duration) {
	took = took.Round(10 * time.Millisecond)
	if what == "" {
		p.printf("\nDone in %s.\n", took)
		return
	}
	p.printf("\nDone: %s in %s.\n", what, took)
}

// undo collects deletions to run when the flow ends, newest first.
type undo struct {
	steps []undoStep
}

type undoStep struct {
	kind string
	id   int
	del  func(context.Context) error
}

// push registers the deletion of something just created.
func (u *undo) push(kind string, id int, del func(context.Context) error) {
	u.steps = append(u.steps, undoStep{kind, id, del})
}

// run deletes everything registered, newest first, and reports it. It runs
// even when ctx has ended (a timeout, Ctrl-C), with a short deadline of its
// own, and keeps going after a failed deletion.
func (u *undo) run(ctx context.Context, out *printer) error {
	if len(u.steps) == 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()

	var errs []error
	var kinds []string
	deleted := map[string][]string{}
	for i := len(u.steps) - 1; i >= 0; i-- {
		s := u.steps[i]
		if err := s.del(ctx); err != nil {
			errs = append(errs, fmt.Errorf("deleting %s #%d: %w", s.kind, s.id, err))
			continue
		}
		if deleted[s.kind] == nil {
			kinds = append(kinds, s.kind)
		}
		deleted[s.kind] = append(deleted[s.kind], fmt.Sprintf("#%d", s.id))
	}
	u.steps = nil

	var items []string
	for _, k := range kinds {
		ids := deleted[k]
		if len(ids) > 1 {
			k += "s"
		}
		items = append(items, k+" "+strings.Join(ids, " "))
	}
	out.section("Cleanup")
	if len(items) > 0 {
		out.wrapped("deleted", "", ", ", items)
	}
	for _, err := range errs {
		out.row("failed", "%v", err)
	}
	return errors.Join(errs...)
}
