package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/gopipedrive/pipedrive"
)

// productsCommand is `pipedrive products` (API v2).
func productsCommand() *command {
	v := view{singular: "product", plural: "products", columns: []string{"ID", "NAME", "CODE", "PRICES", "OWNER"}}
	priceText := func(ps []pipedrive.V2ProductPrice) string {
		var out []string
		for _, p := range ps {
			out = append(out, money(p.Price, p.Currency))
		}
		return strings.Join(out, ", ")
	}
	cells := func(p *pipedrive.V2Product) []string {
		return []string{itoa(p.ID), cell(p.Name), cell(p.Code), priceText(p.Prices), itoa(p.OwnerID)}
	}
	var all bool
	var limit int
	one := func(p *pipedrive.V2Product, err error) func(a *app) error {
		return func(a *app) error {
			if err != nil {
				return err
			}
			return a.printOne(v, row{p, cells(p)})
		}
	}
	create := &pipedrive.V2ProductCreateParams{}
	var createPrices, updatePrices pricesFlag
	upd := struct {
		name, code, unit string
		tax              float64
	}{}
	var term string
	return &command{
		name:    "products",
		summary: "Products (API v2): list, get, create, update, delete, search, duplicate; variations",
		subs: []*command{
			argsCommand("list", "", "List products (one page, or every page with --all)", func(fs *flag.FlagSet) {
				fs.BoolVar(&all, "all", false, "fetch every page")
				fs.IntVar(&limit, "limit", 0, "page size, 1 to 500 (default 100)")
			}, func(ctx context.Context, a *app, cl *pipedrive.Client, _ []string) error {
				opts := &pipedrive.V2ProductListOptions{V2ListOptions: pipedrive.V2ListOptions{Limit: limit}}
				if all {
					ps, err := collect(cl.V2.Products.All(ctx, opts))
					if err != nil {
						return err
					}
					return a.printPage(v, page{rows: rows(ps, cells)})
				}
				ps, resp, err := cl.V2.Products.List(ctx, opts)
				if err != nil {
					return err
				}
				return a.printPage(v, page{rows: rows(ps, cells), next: v2Next(resp)})
			}),
			idsCommand("get", "PRODUCT_ID", "Show a product", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
				p, _, err := cl.V2.Products.Get(ctx, ids[0])
				return one(p, err)(a)
			}),
			argsCommand("create", "", "Create a product (--name required)", func(fs *flag.FlagSet) {
				fs.StringVar(&create.Name, "name", "", "the product's name (required)")
				fs.StringVar(&create.Code, "code", "", "the product code")
				fs.StringVar(&create.Unit, "unit", "", "the unit it is sold in")
				fs.Float64Var(&create.Tax, "tax", 0, "tax percentage")
				fs.Var(&createPrices, "price", "a price as CURRENCY:AMOUNT (EUR:100); repeatable")
			}, func(ctx context.Context, a *app, cl *pipedrive.Client, _ []string) error {
				create.Prices = createPrices
				p, _, err := cl.V2.Products.Create(ctx, create)
				return one(p, err)(a)
			}),
			argsCommand("update", "PRODUCT_ID", "Change the fields given as flags", func(fs *flag.FlagSet) {
				fs.StringVar(&upd.name, "name", "", "the product's name")
				fs.StringVar(&upd.code, "code", "", "the product code")
				fs.StringVar(&upd.unit, "unit", "", "the unit it is sold in")
				fs.Float64Var(&upd.tax, "tax", -1, "tax percentage")
				fs.Var(&updatePrices, "price", "a price as CURRENCY:AMOUNT; repeatable (replaces the prices)")
			}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
				ids, err := parseIDs([]string{"PRODUCT_ID"}, argv)
				if err != nil {
					return err
				}
				p := &pipedrive.V2ProductUpdateParams{}
				if upd.name != "" {
					p.Name = pipedrive.Set(upd.name)
				}
				if upd.code != "" {
					p.Code = pipedrive.Set(upd.code)
				}
				if upd.unit != "" {
					p.Unit = pipedrive.Set(upd.unit)
				}
				if upd.tax >= 0 {
					p.Tax = pipedrive.Set(upd.tax)
				}
				if len(updatePrices) > 0 {
					p.Prices = pipedrive.Set([]pipedrive.V2ProductPrice(updatePrices))
				}
				got, _, err := cl.V2.Products.Update(ctx, ids[0], p)
				return one(got, err)(a)
			}),
			idsCommand("delete", "PRODUCT_ID", "Delete a product", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
				if _, err := cl.V2.Products.Delete(ctx, ids[0]); err != nil {
					return err
				}
				return a.printDeleted("product", itoa(ids[0]))
			}),
			idsCommand("duplicate", "PRODUCT_ID", "Copy a product into a new one", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
				p, _, err := cl.V2.Products.Duplicate(ctx, ids[0])
				return one(p, err)(a)
			}),
			argsCommand("search", "TERM", "Search products by name, code or custom fields", nil, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
				term = argv[0]
				hits, err := collect(cl.V2.Products.SearchAll(ctx, &pipedrive.V2ProductSearchOptions{Term: term}))
				if err != nil {
					return err
				}
				sv := view{singular: "product", plural: "products", columns: []string{"ID", "NAME", "CODE", "SCORE"}}
				return a.printPage(sv, page{rows: rows(hits, func(h *pipedrive.V2ProductSearchResult) []string {
					return []string{itoa(h.Item.ID), cell(h.Item.Name), cell(string(h.Item.Code)), strconv.FormatFloat(h.ResultScore, 'f', 2, 64)}
				})})
			}),
			variationsCommand(),
		},
	}
}

// pricesFlag collects --price CURRENCY:AMOUNT values.
type pricesFlag []pipedrive.V2ProductPrice

func (p *pricesFlag) String() string { return "" }

func (p *pricesFlag) Set(s string) error {
	cur, amount, ok := strings.Cut(s, ":")
	n, err := strconv.ParseFloat(strings.TrimSpace(amount), 64)
	if !ok || err != nil {
		return fmt.Errorf("want CURRENCY:AMOUNT, such as EUR:100")
	}
	*p = append(*p, pipedrive.V2ProductPrice{Currency: strings.ToUpper(strings.TrimSpace(cur)), Price: n})
	return nil
}

// variationsCommand is `products variations list|add|update|delete`.
func variationsCommand() *command {
	v := view{singular: "variation", plural: "variations", columns: []string{"ID", "NAME", "PRICES"}}
	cells := func(x *pipedrive.V2ProductVariation) []string {
		var ps []string
		for _, p := range x.Prices {
			ps = append(ps, money(p.Price, p.Currency))
		}
		return []string{itoa(x.ID), cell(x.Name), strings.Join(ps, ", ")}
	}
	var addPrices, updPrices pricesFlag
	var addName, updName string
	return &command{
		name:    "variations",
		summary: "A product's variations: list, add, update, delete",
		subs: []*command{
			idsCommand("list", "PRODUCT_ID", "List a product's variations", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
				vs, err := collect(cl.V2.Products.VariationsAll(ctx, ids[0], nil))
				if err != nil {
					return err
				}
				return a.printPage(v, page{rows: rows(vs, cells)})
			}),
			argsCommand("add", "PRODUCT_ID", "Add a variation (--name required)", func(fs *flag.FlagSet) {
				fs.StringVar(&addName, "name", "", "the variation's name (required)")
				fs.Var(&addPrices, "price", "a price as CURRENCY:AMOUNT; repeatable")
			}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
				ids, err := parseIDs([]string{"PRODUCT_ID"}, argv)
				if err != nil {
					return err
				}
				x, _, err := cl.V2.Products.AddVariation(ctx, ids[0], &pipedrive.V2ProductVariationParams{Name: addName, Prices: addPrices})
				if err != nil {
					return err
				}
				return a.printOne(v, row{x, cells(x)})
			}),
			argsCommand("update", "PRODUCT_ID VARIATION_ID", "Change a variation", func(fs *flag.FlagSet) {
				fs.StringVar(&updName, "name", "", "the variation's name")
				fs.Var(&updPrices, "price", "a price as CURRENCY:AMOUNT; repeatable")
			}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
				ids, err := parseIDs([]string{"PRODUCT_ID", "VARIATION_ID"}, argv)
				if err != nil {
					return err
				}
				x, _, err := cl.V2.Products.UpdateVariation(ctx, ids[0], ids[1], &pipedrive.V2ProductVariationParams{Name: updName, Prices: updPrices})
				if err != nil {
					return err
				}
				return a.printOne(v, row{x, cells(x)})
			}),
			idsCommand("delete", "PRODUCT_ID VARIATION_ID", "Delete a variation", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
				if _, err := cl.V2.Products.DeleteVariation(ctx, ids[0], ids[1]); err != nil {
					return err
				}
				return a.printDeleted("variation", itoa(ids[1]))
			}),
		},
	}
}
