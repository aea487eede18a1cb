package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/gopipedrive/pipedrive"
)

// runFunc runs a leaf command with its positional arguments, after every
// flag (global and command) has been parsed.
type runFunc func(ctx context.Context, a *app, args []string) error

// command is a node of the command tree: a group (subs) or a leaf (setup).
type command struct {
	name    string
	args    string // synopsis of the positional arguments, e.g. "ID"
	summary string
	long    string // more help, printed under the usage line
	// setup registers the command's flags on fs and returns its runner.
	setup func(fs *flag.FlagSet) runFunc
	subs  []*command
}

func (c *command) sub(name string) *command {
	for _, s := range c.subs {
		if s.name == name {
			return s
		}
	}
	return nil
}

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// parseInterspersed parses flags that may appear before, between and after
// positional arguments ("deals get 42 -o json"); "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// printUsage writes the help of the command at path.
func printUsage(w io.Writer, path []*command) {
	c := path[len(path)-1]
	names := make([]string, len(path))
	for i, p := range path {
		names[i] = p.name
	}
	full := strings.Join(names, " ")
	switch {
	case c.setup != nil:
		line := "Usage: " + full + " [flags]"
		if c.args != "" {
			line += " " + c.args
		}
		fmt.Fprintln(w, line)
	case len(path) == 1:
		fmt.Fprintln(w, "Usage: "+full+" [global flags] <command> [flags] [args]")
	default:
		fmt.Fprintln(w, "Usage: "+full+" <command> [flags] [args]")
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, c.summary)
	if c.long != "" {
		fmt.Fprintln(w)
		fmt.Fprintln(w, strings.TrimRight(c.long, "\n"))
	}
	if len(c.subs) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Commands:")
		width := 0
		for _, s := range c.subs {
			width = max(width, len(s.name))
		}
		for _, s := range c.subs {
			fmt.Fprintf(w, "  %-*s  %s\n", width, s.name, s.summary)
		}
	}
	if c.setup != nil {
		fs := flag.NewFlagSet(full, flag.ContinueOnError)
		c.setup(fs)
		if hasFlags(fs) {
			fmt.Fprintln(w)
			fmt.Fprintln(w, "Flags:")
			printFlags(w, fs)
		}
	}
	if len(path) == 1 {
		fs := flag.NewFlagSet(full, flag.ContinueOnError)
		addGlobalFlags(fs, newGlobals())
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Global flags (also accepted after the command):")
		printFlags(w, fs)
		fmt.Fprintln(w)
		fmt.Fprintln(w, exitCodesHelp)
	} else {
		fmt.Fprintln(w)
		fmt.Fprintf(w, "Global flags: see `%s --help`.\n", names[0])
		if len(c.subs) > 0 {
			fmt.Fprintf(w, "Run `%s <command> --help` for a command's flags.\n", full)
		}
	}
}

const exitCodesHelp = `Exit status: 0 ok, 1 other error, 2 usage, 3 unauthorized, 4 not found,
5 rate limited, 6 no Pipedrive connection.`

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// printFlags lists flags as "--name value  usage", one-letter aliases
// (registered with the same usage) folded into their long name.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	type entry struct{ names, usage string }
	byUsage := map[string][]*flag.Flag{}
	var order []string
	fs.VisitAll(func(f *flag.Flag) {
		if _, ok := byUsage[f.Usage]; !ok {
			order = append(order, f.Usage)
		}
		byUsage[f.Usage] = append(byUsage[f.Usage], f)
	})
	sort.Slice(order, func(i, j int) bool { return longest(byUsage[order[i]]) < longest(byUsage[order[j]]) })
	var entries []entry
	width := 0
	for _, u := range order {
		fl := byUsage[u]
		sort.Slice(fl, func(i, j int) bool { return len(fl[i].Name) < len(fl[j].Name) })
		var parts []string
		for _, f := range fl {
			dash := "--"
			if len(f.Name) == 1 {
				dash = "-"
			}
			parts = append(parts, dash+f.Name)
		}
		name, usage := placeholder(fl[0])
		names := strings.Join(parts, ", ")
		if name != "" {
			names += " " + name
		}
		if d := fl[0].DefValue; d != "" && d != "0" && d != "false" && d != "0s" && !strings.Contains(usage, "(default") {
			usage += " (default " + d + ")"
		}
		entries = append(entries, entry{names, usage})
		width = max(width, len(names))
	}
	for _, e := range entries {
		fmt.Fprintf(w, "  %-*s  %s\n", width, e.names, e.usage)
	}
}

// placeholder names a flag's value in the help (a `NAME` in backquotes
// in the usage wins) and returns the usage without the backquotes.
func placeholder(f *flag.Flag) (string, string) {
	name, usage := flag.UnquoteUsage(f)
	if strings.Contains(f.Usage, "`") {
		return name, usage
	}
	switch f.Name {
	case "output", "o":
		return "table|json|ndjson", usage
	case "api":
		return "v1|v2", usage
	}
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		return "", usage
	}
	switch f.Value.(type) {
	case *optInt:
		return "N", usage
	case *optFloat:
		return "NUMBER", usage
	case *listFlag:
		if strings.Contains(f.Usage, "comma-separated") {
			return "LIST", usage
		}
		return "VALUE", usage
	}
	switch name {
	case "value", "string":
		return "TEXT", usage
	}
	return strings.ToUpper(name), usage
}

func longest(fl []*flag.Flag) string {
	s := ""
	for _, f := range fl {
		if len(f.Name) > len(s) {
			s = f.Name
		}
	}
	return s
}

// Flag values that remember whether they were given, so that updates send
// only the fields named on the command line (--value 0 sets 0).

type optString struct {
	v   string
	set bool
}

func (o *optString) String() string     { return o.v }
func (o *optString) Set(s string) error { o.v, o.set = s, true; return nil }

type optInt struct {
	v   int
	set bool
}

func (o *optInt) String() string {
	if !o.set {
		return ""
	}
	return strconv.Itoa(o.v)
}

func (o *optInt) Set(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return errors.New("not an integer")
	}
	o.v, o.set = n, true
	return nil
}

// limitValue is --limit: an optInt from 1 to pipedrive.MaxLimit, as its
// help says.
type limitValue struct{ *optInt }

func (l limitValue) Set(s string) error {
	var n optInt
	if err := n.Set(s); err != nil {
		return err
	}
	if n.v < 1 || n.v > pipedrive.MaxLimit {
		return fmt.Errorf("--limit must be from 1 to %d", pipedrive.MaxLimit)
	}
	*l.optInt = n
	return nil
}

type optFloat struct {
	v   float64
	set bool
}

func (o *optFloat) String() string {
	if !o.set {
		return ""
	}
	return strconv.FormatFloat(o.v, 'f', -1, 64)
}

func (o *optFloat) Set(s string) error {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return errors.New("not a number")
	}
	o.v, o.set = f, true
	return nil
}

type optBool struct {
	v   bool
	set bool
}

func (o *optBool) String() string {
	if !o.set {
		return ""
	}
	return strconv.FormatBool(o.v)
}

func (o *optBool) Set(s string) error {
	b, err := strconv.ParseBool(s)
	if err != nil {
		return errors.New("not a boolean")
	}
	o.v, o.set = b, true
	return nil
}

func (o *optBool) IsBoolFlag() bool { return true }

// listFlag collects a repeatable flag; each value may also hold several
// comma-separated items when split is set.
type listFlag struct {
	v     []string
	split bool
	set   bool
}

func (l *listFlag) String() string { return strings.Join(l.v, ",") }

func (l *listFlag) Set(s string) error {
	l.set = true
	if !l.split {
		l.v = append(l.v, s)
		return nil
	}
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			l.v = append(l.v, p)
		}
	}
	return nil
}

// ints parses the items as integers.
func (l *listFlag) ints(name string) ([]int, error) {
	out := make([]int, 0, len(l.v))
	for _, s := range l.v {
		n, err := strconv.Atoi(s)
		if err != nil {
			return nil, usagef("--%s: %q is not an integer", name, s)
		}
		out = append(out, n)
	}
	return out, nil
}

// parseID parses a positional id argument.
func parseID(what, s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		if what == "" {
			return 0, usagef("%q is not an id (a positive integer)", s)
		}
		return 0, usagef("%q is not %s id (a positive integer)", s, article(what))
	}
	return n, nil
}

// wantArgs checks the number of positional arguments of a leaf command.
func wantArgs(args []string, synopsis string, n int) error {
	if len(args) < n {
		return usagef("missing argument: %s", synopsis)
	}
	if len(args) > n {
		return usagef("unexpected argument %q", args[n])
	}
	return nil
}

// article puts "a" or "an" before a noun: "an organization", "a deal".
func article(noun string) string {
	if noun != "" && strings.ContainsRune("aeiouAEIOU", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}
