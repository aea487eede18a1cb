package pipedrivetest

import (
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Products on deals and deal installments (API v2), declared on the
// generic store. As in Pipedrive, a product line's sum follows its
// quantity, price, discount and tax, and a deal with products is worth
// the sum of its enabled lines less its additional discounts. Installments
// need a deal with a one-time product and no recurring one.

// lineSum is the sum of a deal product line.
func lineSum(row map[string]any) float64 {
	num := func(k string) float64 { f, _ := toFloat(row[k]); return f }
	sum := num("quantity") * num("item_price")
	if row["discount_type"] == "amount" {
		sum -= num("discount")
	} else {
		sum *= 1 - num("discount")/100
	}
	if row["tax_method"] == "exclusive" {
		sum *= 1 + num("tax")/100
	}
	return math.Round(sum*100) / 100
}

// dealLines returns a deal's product lines (nil when it has none).
func (st *store) dealLines(dealID int) []map[string]any {
	if t := st.crud["deals/"+strconv.Itoa(dealID)+"/products"]; t != nil {
		return t.rows
	}
	return nil
}

// revalue sets the value of a deal with products: the sum of its enabled
// lines, less its additional discounts.
func revalue(c *call) {
	d, found := c.st.deals.live(c.id)
	lines := c.st.dealLines(c.id)
	if !found || len(lines) == 0 {
		return
	}
	total := 0.0
	for _, l := range lines {
		if l["is_enabled"] != false {
			total += lineSum(l)
		}
	}
	if t := c.st.crud["deals/"+strconv.Itoa(c.id)+"/discounts"]; t != nil {
		base := total
		for _, disc := range t.rows {
			amount, _ := toFloat(disc["amount"])
			if disc["type"] == "percentage" {
				total -= base * amount / 100
			} else {
				total -= amount
			}
		}
	}
	before := c.snapshot("deals", d.ID)
	d.Value = math.Max(0, math.Round(total*100)/100)
	d.UpdateTime = c.st.clock()
	c.emit("deals", "change", d.ID, before)
}

// checkLine completes and checks a deal product line.
func checkLine(c *call, row map[string]any) *reply {
	pid, _ := row["product_id"].(int)
	if _, found := c.st.liveProduct(pid); !found {
		return notFound("Product")
	}
	if vid, ok := row["product_variation_id"].(int); ok {
		vt := c.st.crud["products/"+strconv.Itoa(pid)+"/variations"]
		if vt == nil || vt.find(vid) < 0 {
			return badRequest(fmt.Sprintf("Product variation %d does not belong to product %d", vid, pid))
		}
	}
	if q, _ := toFloat(row["quantity"]); q <= 0 {
		return badRequest(`Invalid value for field "quantity": expected a number above 0`)
	}
	if disc, _ := toFloat(row["discount"]); disc < 0 || (row["discount_type"] == "percentage" && disc > 100) {
		return badRequest(`Invalid value for field "discount": a percentage is from 0 to 100`)
	}
	if row["billing_frequency"] == "one-time" && row["billing_frequency_cycles"] != nil {
		return badRequest("billing_frequency_cycles is only allowed with a recurring billing_frequency")
	}
	if s, ok := row["billing_start_date"].(string); ok {
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			return badRequest(`Invalid value for field "billing_start_date": expected YYYY-MM-DD`)
		}
	}
	d, _ := c.st.deals.live(c.id)
	row["name"] = c.st.productName(pid)
	row["currency"] = d.Currency
	row["sum"] = lineSum(row)
	return nil
}

func dealProductsV2() *crudResource {
	r := &crudResource{
		path: "products", parent: "deals", parentField: "deal_id", noun: "Deal product",
		update: "PATCH", cursor: true, times: true,
		fields: []crudField{
			{name: "product_id", kind: crudInt, required: true, positive: true},
			{name: "item_price", kind: crudNumber, required: true},
			{name: "quantity", kind: crudNumber, required: true},
			{name: "tax", kind: crudNumber, def: 0.0},
			{name: "comments", kind: crudString, def: ""},
			{name: "discount", kind: crudNumber, def: 0.0},
			{name: "is_enabled", kind: crudBool, def: true},
			{name: "tax_method", kind: crudString, enum: []string{"exclusive", "inclusive", "none"}, def: "inclusive"},
			{name: "discount_type", kind: crudString, enum: []string{"percentage", "amount"}, def: "percentage"},
			{name: "product_variation_id", kind: crudInt, nullable: true, positive: true},
			{name: "billing_frequency", kind: crudString, enum: billingFrequencies, def: "one-time"},
			{name: "billing_frequency_cycles", kind: crudInt, nullable: true, positive: true},
			{name: "billing_start_date", kind: crudString, nullable: true},
		},
		check:      checkLine,
		onCreate:   func(c *call, row map[string]any) { row["order_nr"] = row["id"] },
		afterWrite: revalue,
		sortKeys:   []string{"id", "add_time", "update_time", "order_nr"},
	}
	r.cost.list, r.cost.create, r.cost.update, r.cost.delete = 10, 5, 5, 3
	return r
}

func installmentsV2() *crudResource {
	r := &crudResource{
		path: "installments", parent: "deals", parentField: "deal_id", noun: "Installment",
		update: "PATCH", cursor: true, noList: true, createStatus: http.StatusOK,
		fields: []crudField{
			{name: "description", kind: crudString, required: true},
			{name: "amount", kind: crudNumber, required: true, positive: true},
			{name: "billing_date", kind: crudString, required: true},
		},
		check: func(c *call, row map[string]any) *reply {
			if _, err := time.Parse(time.DateOnly, fmt.Sprint(row["billing_date"])); err != nil {
				return badRequest(`Invalid value for field "billing_date": expected YYYY-MM-DD`)
			}
			oneTime, recurring := false, false
			for _, l := range c.st.dealLines(c.id) {
				if l["billing_frequency"] == "one-time" {
					oneTime = true
				} else {
					recurring = true
				}
			}
			switch {
			case recurring:
				return badRequest("Installments cannot be added to a deal with recurring products")
			case !oneTime:
				return badRequest("Installments need a deal with at least one one-time product")
			}
			return nil
		},
	}
	r.cost.create, r.cost.update, r.cost.delete = 5, 5, 3
	return r
}

// dealIDsQuery reads deal_ids (required, at most 100).
func dealIDsQuery(c *call) ([]int, *reply) {
	raw := commaList(c.q.Get("deal_ids"))
	if len(raw) == 0 || len(raw) > 100 {
		return nil, badRequest(`Parameter "deal_ids" is required: 1 to 100 deal ids`)
	}
	ids := make([]int, 0, len(raw))
	for _, s := range raw {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			return nil, badRequest(fmt.Sprintf(`Invalid value for parameter "deal_ids": %q`, s))
		}
		ids = append(ids, n)
	}
	return ids, nil
}

// acrossDeals lists the rows of a resource of several deals.
func acrossDeals(res *crudResource) func(c *call) *reply {
	return func(c *call) *reply {
		ids, rep := dealIDsQuery(c)
		if rep != nil {
			return rep
		}
		var rows []map[string]any
		for _, id := range ids {
			if t := c.st.crud["deals/"+strconv.Itoa(id)+"/"+res.path]; t != nil {
				rows = append(rows, t.rows...)
			}
		}
		if rep := res.sort(c, rows); rep != nil {
			return rep
		}
		start, end, next, rep := cursorPage(c.q, len(rows), v2MaxLimit)
		if rep != nil {
			return rep
		}
		data := make([]map[string]any, 0, end-start)
		for _, r := range rows[start:end] {
			data = append(data, cloneMap(r))
		}
		return okV2List(data, next)
	}
}

func registerDealProductsV2(rt *router) {
	lines := dealProductsV2()
	lines.register(rt)
	across := dealProductsV2()
	across.sortKeys = append(across.sortKeys, "deal_id")
	rt.handle("GET /deals/products", 10, acrossDeals(across))
	rt.handle("POST /deals/{id}/products/bulk", 25, func(c *call) *reply {
		t, rep := lines.rowsOf(c)
		if rep != nil {
			return rep
		}
		f, rep := c.bodyV2()
		if rep != nil {
			return rep
		}
		items, ok := f["data"].([]any)
		if !ok || len(items) == 0 || len(items) > 100 {
			return badRequest(`Parameter "data" is required: 1 to 100 products`)
		}
		var rows []map[string]any
		for i, it := range items {
			m, ok := it.(map[string]any)
			if !ok {
				return badRequest(fmt.Sprintf(`Invalid value for "data[%d]": expected an object`, i))
			}
			row, rep := lines.newRow(c, fields(m))
			if rep != nil {
				return rep
			}
			rows = append(rows, row)
		}
		data := make([]any, 0, len(rows))
		for _, row := range rows {
			lines.insert(c, t, row)
			data = append(data, cloneMap(row))
		}
		return jsonReply(http.StatusCreated, map[string]any{"success": true, "data": data})
	})
	rt.handle("DELETE /deals/{id}/products", 15, func(c *call) *reply {
		t, rep := lines.rowsOf(c)
		if rep != nil {
			return rep
		}
		var want map[int]bool
		if raw := strings.TrimSpace(c.q.Get("ids")); raw != "" {
			want = map[int]bool{}
			for _, s := range commaList(raw) {
				n, err := strconv.Atoi(s)
				if err != nil || n <= 0 {
					return badRequest(fmt.Sprintf(`Invalid value for parameter "ids": %q`, s))
				}
				want[n] = true
			}
			if len(want) > 100 {
				return badRequest(`At most 100 ids`)
			}
		}
		deleted := []int{}
		t.rows = slices.DeleteFunc(t.rows, func(r map[string]any) bool {
			id := r["id"].(int)
			if (want == nil && len(deleted) < 100) || want[id] {
				deleted = append(deleted, id)
				return true
			}
			return false
		})
		revalue(c)
		return jsonReply(http.StatusOK, map[string]any{"success": true, "data": map[string]any{"ids": deleted},
			"additional_data": map[string]any{"more_items_in_collection": want == nil && len(t.rows) > 0}})
	})
	inst := installmentsV2()
	inst.register(rt)
	inst.sortKeys = []string{"id", "billing_date", "deal_id"}
	rt.handle("GET /deals/installments", 10, acrossDeals(inst))
}
