package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
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

// dealProductsCommand is `deals products list|add|update|delete` (API v2).
func dealProductsCommand() *command {
	v := view{singular: "product line", plural: "product lines", columns: []string{"ID", "PRODUCT", "NAME", "QTY", "PRICE", "SUM", "ENABLED"}}
	cells := func(l *pipedrive.V2DealProduct) []string {
		return []string{itoa(l.ID), itoa(l.ProductID), cell(l.Name), strconv.FormatFloat(l.Quantity, 'f', -1, 64),
			money(l.ItemPrice, l.Currency), money(l.Sum, l.Currency), boolCell(l.IsEnabled)}
	}
	add := &pipedrive.V2DealProductParams{}
	var discountType string
	var updQty, updPrice, updDiscount float64
	var disable bool
	return &command{
		name:    "products",
		summary: "A deal's product lines: list, add, update, delete (the deal's value follows them)",
		subs: []*command{
			idsCommand("list", "DEAL_ID", "List the products of a deal", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
				ls, err := collect(cl.V2.Deals.ProductsAll(ctx, ids[0], nil))
				if err != nil {
					return err
				}
				return a.printPage(v, page{rows: rows(ls, cells)})
			}),
			argsCommand("add", "DEAL_ID PRODUCT_ID", "Add a product to a deal (--price and --quantity)", func(fs *flag.FlagSet) {
				fs.Float64Var(&add.ItemPrice, "price", 0, "the unit price")
				fs.Float64Var(&add.Quantity, "quantity", 1, "how many units")
				fs.Float64Var(&add.Discount, "discount", 0, "a discount: a percentage, or an amount with --discount-type amount")
				fs.StringVar(&discountType, "discount-type", "", "percentage (default) or amount")
				fs.Float64Var(&add.Tax, "tax", 0, "tax percentage")
				fs.StringVar(&add.Comments, "comments", "", "a comment on the line")
			}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
				ids, err := parseIDs([]string{"DEAL_ID", "PRODUCT_ID"}, argv)
				if err != nil {
					return err
				}
				add.ProductID, add.DiscountType = ids[1], pipedrive.V2DiscountType(discountType)
				l, _, err := cl.V2.Deals.AddProduct(ctx, ids[0], add)
				if err != nil {
					return err
				}
				return a.printOne(v, row{l, cells(l)})
			}),
			argsCommand("update", "DEAL_ID LINE_ID", "Change a product line", func(fs *flag.FlagSet) {
				fs.Float64Var(&updQty, "quantity", 0, "how many units")
				fs.Float64Var(&updPrice, "price", -1, "the unit price")
				fs.Float64Var(&updDiscount, "discount", -1, "the discount")
				fs.BoolVar(&disable, "disable", false, "leave the line out of the deal's value")
			}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
				ids, err := parseIDs([]string{"DEAL_ID", "LINE_ID"}, argv)
				if err != nil {
					return err
				}
				p := &pipedrive.V2DealProductUpdateParams{}
				if updQty != 0 {
					p.Quantity = pipedrive.Set(updQty)
				}
				if updPrice >= 0 {
					p.ItemPrice = pipedrive.Set(updPrice)
				}
				if updDiscount >= 0 {
					p.Discount = pipedrive.Set(updDiscount)
				}
				if disable {
					p.IsEnabled = pipedrive.Set(false)
				}
				l, _, err := cl.V2.Deals.UpdateProduct(ctx, ids[0], ids[1], p)
				if err != nil {
					return err
				}
				return a.printOne(v, row{l, cells(l)})
			}),
			idsCommand("delete", "DEAL_ID LINE_ID", "Remove a product line from a deal", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
				if _, err := cl.V2.Deals.DeleteProduct(ctx, ids[0], ids[1]); err != nil {
					return err
				}
				return a.printDeleted("product line", itoa(ids[1]))
			}),
		},
	}
}

// installmentsCommand is `deals installments list|add|delete` (API v2).
func installmentsCommand() *command {
	v := view{singular: "installment", plural: "installments", columns: []string{"ID", "DEAL", "BILLING DATE", "AMOUNT", "DESCRIPTION"}}
	cells := func(i *pipedrive.V2Installment) []string {
		return []string{itoa(i.ID), itoa(i.DealID), string(i.BillingDate), strconv.FormatFloat(i.Amount, 'f', -1, 64), cell(i.Description)}
	}
	p := &pipedrive.V2InstallmentParams{}
	return &command{
		name:    "installments",
		summary: "A deal's payment installments: list, add, delete (Growth plans and above)",
		subs: []*command{
			idsCommand("list", "DEAL_ID", "List the installments of a deal", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
				is, err := collect(cl.V2.Deals.InstallmentsAll(ctx, &pipedrive.V2InstallmentListOptions{DealIDs: ids}))
				if err != nil {
					return err
				}
				return a.printPage(v, page{rows: rows(is, cells)})
			}),
			argsCommand("add", "DEAL_ID", "Add an installment (--description, --amount, --date)", func(fs *flag.FlagSet) {
				fs.StringVar(&p.Description, "description", "", "what the installment is for")
				fs.Float64Var(&p.Amount, "amount", 0, "the amount")
				fs.Func("date", "the billing date, YYYY-MM-DD", func(s string) error { p.BillingDate = pipedrive.Date(s); return nil })
			}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
				ids, err := parseIDs([]string{"DEAL_ID"}, argv)
				if err != nil {
					return err
				}
				i, _, err := cl.V2.Deals.AddInstallment(ctx, ids[0], p)
				if err != nil {
					return err
				}
				return a.printOne(v, row{i, cells(i)})
			}),
			idsCommand("delete", "DEAL_ID INSTALLMENT_ID", "Delete an installment", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
				if _, err := cl.V2.Deals.DeleteInstallment(ctx, ids[0], ids[1]); err != nil {
					return err
				}
				return a.printDeleted("installment", itoa(ids[1]))
			}),
		},
	}
}

// productDealsCommand is `products deals PRODUCT_ID` (API v1, current).
func productDealsCommand() *command {
	return idsCommand("deals", "PRODUCT_ID", "The deals a product is on", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
		ds, _, err := cl.Products.Deals(ctx, ids[0], &pipedrive.ProductDealsOptions{ListOptions: pipedrive.ListOptions{Limit: pipedrive.MaxLimit}})
		if err != nil {
			return err
		}
		v := view{singular: "deal", plural: "deals", columns: []string{"ID", "TITLE", "VALUE", "STATUS"}}
		return a.printPage(v, page{rows: rows(ds, func(d *pipedrive.Deal) []string {
			return []string{itoa(d.ID), cell(d.Title), money(float64(d.Value), d.Currency), string(d.Status)}
		})})
	})
}

// currenciesCommand is `pipedrive currencies [TERM]` (API v1).
func currenciesCommand() *command {
	return &command{name: "currencies", args: "[TERM]", summary: "List the currencies Pipedrive supports (matching TERM)", setup: func(*flag.FlagSet) runFunc {
		return func(ctx context.Context, a *app, args []string) error {
			if len(args) > 1 {
				return usagef("unexpected argument %q", args[1])
			}
			cl, err := a.client(ctx)
			if err != nil {
				return err
			}
			term := ""
			if len(args) == 1 {
				term = args[0]
			}
			cs, _, err := cl.Currencies.List(ctx, term)
			if err != nil {
				return err
			}
			v := view{singular: "currency", plural: "currencies", columns: []string{"CODE", "NAME", "SYMBOL", "DECIMALS"}}
			return a.printPage(v, page{rows: rows(cs, func(c *pipedrive.Currency) []string {
				return []string{c.Code, cell(c.Name), c.Symbol, itoa(c.DecimalPoints)}
			})})
		}
	}}
}

// leadSearchCommand is `leads search TERM` (API v1).
func leadSearchCommand() *command {
	return argsCommand("search", "TERM", "Search leads by title, notes or custom fields", nil, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
		hits, err := collect(cl.Leads.SearchAll(ctx, &pipedrive.LeadSearchOptions{Term: argv[0]}))
		if err != nil {
			return err
		}
		v := view{singular: "lead", plural: "leads", columns: []string{"ID", "TITLE", "SCORE"}}
		return a.printPage(v, page{rows: rows(hits, func(h *pipedrive.V2LeadSearchResult) []string {
			return []string{h.Item.ID, cell(h.Item.Title), strconv.FormatFloat(h.ResultScore, 'f', 2, 64)}
		})})
	})
}

// productImageCommand is `products image set|get|delete`.
func productImageCommand() *command {
	v := view{singular: "image", plural: "images", columns: []string{"ID", "PRODUCT", "NAME", "TYPE", "URL"}}
	cells := func(i *pipedrive.V2ProductImage) []string {
		return []string{itoa(i.ID), itoa(i.ProductID), cell(i.Name), i.MimeType, i.PublicURL}
	}
	return &command{
		name:    "image",
		summary: "A product's image: set (from a file, or - for stdin), get, delete",
		subs: []*command{
			argsCommand("set", "PRODUCT_ID FILE", "Upload or replace a product's image (streamed)", nil, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
				ids, err := parseIDs([]string{"PRODUCT_ID"}, argv[:1])
				if err != nil {
					return err
				}
				var r io.Reader = a.stdin
				name := "stdin"
				if argv[1] != "-" {
					f, err := os.Open(argv[1])
					if err != nil {
						return usagef("cannot read the image: %v", err)
					}
					defer f.Close()
					r, name = f, argv[1]
				}
				upload := cl.V2.Products.UploadImage
				if _, _, err := cl.V2.Products.Image(ctx, ids[0]); err == nil {
					upload = cl.V2.Products.UpdateImage
				}
				img, _, err := upload(ctx, ids[0], name, r)
				if err != nil {
					return err
				}
				return a.printOne(v, row{img, cells(img)})
			}),
			idsCommand("get", "PRODUCT_ID", "Show a product's image and its public URL", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
				img, _, err := cl.V2.Products.Image(ctx, ids[0])
				if err != nil {
					return err
				}
				return a.printOne(v, row{img, cells(img)})
			}),
			idsCommand("delete", "PRODUCT_ID", "Remove a product's image", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
				if _, err := cl.V2.Products.DeleteImage(ctx, ids[0]); err != nil {
					return err
				}
				return a.printDeleted("image of product", itoa(ids[0]))
			}),
		},
	}
}

// personProductsCommand is `persons products PERSON_ID` (API v1).
func personProductsCommand() *command {
	return idsCommand("products", "PERSON_ID", "The products on a person's deals", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
		ps, _, err := cl.Persons.Products(ctx, ids[0], &pipedrive.ListOptions{Limit: pipedrive.MaxLimit})
		if err != nil {
			return err
		}
		v := view{singular: "product", plural: "products", columns: []string{"DEAL", "TITLE", "PRODUCT", "NAME"}}
		return a.printPage(v, page{rows: rows(ps, func(p *pipedrive.PersonProduct) []string {
			title := ""
			if p.Deal != nil {
				title = p.Deal.Title
			}
			return []string{itoa(p.DealID), cell(title), itoa(p.Product.ID), cell(p.Product.Name)}
		})})
	})
}
