// Command customfields sets and reads a deal's custom fields by name
// instead of by their 40-hex keys, through API v2 and API v1.
//
// It loads the deal fields once (client.FieldSchema), creates a deal through
// API v2 with the -set values, changes it through API v1 with the -update
// values, and prints what each version sent and read back, by name.
//
// Offline by default, against a pipedrivetest server whose seed data defines
// the deal fields "Region", "Contract value", "Renewal date", "Tags",
// "Contract period" and "Notes summary":
//
//	go run ./examples/customfields
//	go run ./examples/customfields -set "Region=Americas" -set "Contract value=99 USD"
//
// -live uses your account (MATON_API_KEY): name your own deal fields with
// -set and -update. It deletes the deal it created before it exits.
//
//	MATON_API_KEY=... go run ./examples/customfields -live -set "Priority=High" -update ""
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/gopipedrive/pipedrive"
	"github.com/gopipedrive/pipedrive/pipedrivetest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	var usage usageError
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
	case errors.As(err, &usage):
		os.Exit(2) // the flag package has already said what is wrong
	default:
		fmt.Fprintln(os.Stderr, "customfields:", strings.ReplaceAll(err.Error(), "\n", "; "))
		os.Exit(1)
	}
}

// usageError is a command-line error the flag package has already reported.
type usageError struct{ error }

// assignments collects repeated "Field name=value" flags; the first use
// replaces the defaults, and an empty value means none.
type assignments struct {
	list []string
	set  bool
}

func (a *assignments) String() string { return strings.Join(a.list, "; ") }

func (a *assignments) Set(s string) error {
	if !a.set {
		a.list, a.set = nil, true
	}
	if s != "" {
		a.list = append(a.list, s)
	}
	return nil
}

// run is the whole program; main only maps its error to an exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("customfields", flag.ContinueOnError)
	fs.SetOutput(stderr)
	live := fs.Bool("live", false, "use your Pipedrive account (MATON_API_KEY) instead of pipedrivetest")
	create := &assignments{list: []string{
		"Region=EMEA",
		"Contract value=25000 EUR",
		"Renewal date=2027-03-31",
		"Tags=Hot, Strategic",
		"Contract period=2026-04-01..2027-03-31",
		"Notes summary=Signed at the Tallinn fair",
	}}
	update := &assignments{list: []string{"Region=APAC", "Contract value=27500 EUR"}}
	fs.Var(create, "set", `"Field name=value" for the new deal, through API v2 (repeatable)`)
	fs.Var(update, "update", `"Field name=value" changed afterwards through API v1 (repeatable; "" for none)`)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q (see -h)", fs.Arg(0))
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()

	client, cleanup, err := newClient(*live)
	if err != nil {
		return err
	}
	defer cleanup()

	// 1. The schema: one GET /v1/dealFields, then cached for this client
	// and connection.
	schema, err := client.FieldSchema(ctx, pipedrive.EntityDeal)
	if err != nil {
		return fmt.Errorf("loading the deal fields: %w", err)
	}
	printSchema(stdout, schema)

	// 2. Create through API v2: SetV2 writes v2's shape into custom_fields.
	p2 := &pipedrive.V2DealCreateParams{Title: "Custom fields example", CustomFields: map[string]any{}}
	if err := apply(schema, create.list, p2.CustomFields, schema.SetV2); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "\nAPI v2 create, custom_fields by name:")
	printWire(stdout, schema, p2.CustomFields)
	created, _, err := client.V2.Deals.Create(ctx, p2)
	if err != nil {
		return fmt.Errorf("creating the deal: %w", err)
	}
	if *live {
		defer func() {
			// Clean up even after Ctrl-C.
			dctx, dcancel := context.WithTimeout(context.WithoutCancel(ctx), 15*time.Second)
			defer dcancel()
			if _, err := client.V2.Deals.Delete(dctx, created.ID); err != nil {
				fmt.Fprintf(stderr, "customfields: deleting deal %d: %v\n", created.ID, err)
			}
		}()
	}

	// 3. Update through API v1: Set writes v1's flat shape.
	v1Retired := false
	if len(update.list) > 0 {
		p1 := &pipedrive.DealUpdateParams{CustomFields: map[string]any{}}
		if err := apply(schema, update.list, p1.CustomFields, schema.Set); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "\nAPI v1 update, flat keys by name:")
		printWire(stdout, schema, p1.CustomFields)
		if _, _, err := client.Deals.Update(ctx, created.ID, p1); err != nil {
			if !errors.Is(err, pipedrive.ErrGone) {
				return fmt.Errorf("updating the deal through API v1: %w", err)
			}
			v1Retired = true
			fmt.Fprintln(stdout, "  (API v1 deals are retired on this account: skipped)")
		}
	}

	// 4. Read back by name, in both versions.
	got2, _, err := client.V2.Deals.Get(ctx, created.ID)
	if err != nil {
		return fmt.Errorf("reading the deal through API v2: %w", err)
	}
	var v1Values pipedrive.CustomValues
	if !v1Retired {
		got1, _, err := client.Deals.Get(ctx, created.ID)
		switch {
		case errors.Is(err, pipedrive.ErrGone):
			v1Retired = true
		case err != nil:
			return fmt.Errorf("reading the deal through API v1: %w", err)
		default:
			v1Values = got1.CustomFields
		}
	}
	fmt.Fprintf(stdout, "\nDeal %d read back by name:\n", created.ID)
	return printValues(stdout, schema, v1Values, got2.CustomFields, v1Retired)
}

// newClient returns a client for the account (-live) or for a
// pipedrivetest server with seed data, and what to call when done.
func newClient(live bool) (*pipedrive.Client, func(), error) {
	if live {
		c, err := pipedrive.NewClientFromEnv()
		return c, func() {}, err
	}
	srv := pipedrivetest.NewServer(pipedrivetest.WithSeedData())
	c, err := srv.NewClient()
	if err != nil {
		srv.Close()
		return nil, nil, err
	}
	return c, srv.Close, nil
}

// apply parses each "Field name=value" as the field's type wants and sets
// it with set (schema.Set for v1, schema.SetV2 for v2).
func apply(schema *pipedrive.FieldSchema, list []string, custom map[string]any, set func(map[string]any, string, any) error) error {
	for _, a := range list {
		name, value, err := schema.ParseAssignment(a)
		if err == nil {
			err = set(custom, name, value)
		}
		if err != nil {
			return fmt.Errorf("-set/-update %q: %w", a, err)
		}
	}
	return nil
}

func printSchema(w io.Writer, schema *pipedrive.FieldSchema) {
	fields := schema.Fields()
	fmt.Fprintf(w, "Deal custom fields (%d):\n", len(fields))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, f := range fields {
		var labels []string
		for _, o := range f.Options {
			labels = append(labels, fmt.Sprintf("%d=%s", o.ID, o.Label))
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s…", f.Name, f.FieldType, f.Key[:8])
		if len(labels) > 0 {
			fmt.Fprintf(tw, "\t%s", strings.Join(labels, " "))
		}
		fmt.Fprintln(tw)
	}
	_ = tw.Flush()
}

// printWire prints the custom fields of a request body with the keys
// replaced by "<Field name>", so that the shapes show.
func printWire(w io.Writer, schema *pipedrive.FieldSchema, custom map[string]any) {
	order := map[string]int{}
	for i, f := range schema.Fields() {
		order[f.Key] = i
	}
	keys := slices.Sorted(maps.Keys(custom)) // "<key>" sorts before "<key>_currency"
	slices.SortStableFunc(keys, func(a, b string) int { return order[a[:40]] - order[b[:40]] })
	for _, key := range keys {
		label := key
		if name, ok := schema.Name(key); ok {
			label = "<" + name + ">" + key[40:] // keeps a sub-key's suffix, such as "_currency"
		}
		b, _ := json.Marshal(custom[key])
		fmt.Fprintf(w, "  %-34s %s\n", label, b)
	}
}

func printValues(w io.Writer, schema *pipedrive.FieldSchema, v1, v2 pipedrive.CustomValues, v1Retired bool) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  field\tAPI v1\tAPI v2")
	for _, f := range schema.Fields() {
		col1 := "(retired)"
		if !v1Retired {
			v, err := schema.Value(v1, f.Name)
			if err != nil {
				return err
			}
			col1 = show(v)
		}
		v, err := schema.Value(v2, f.Name)
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", f.Name, col1, show(v))
	}
	return tw.Flush()
}

// show prints a value as ParseValue reads it, "-" when empty.
func show(v any) string {
	switch x := v.(type) {
	case nil:
		return "-"
	case []string:
		return strings.Join(x, ", ")
	}
	return fmt.Sprint(v)
}
