package pipedrivetest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Products and their variations (API v2), declared on the generic store;
// search and duplicate are hand-written. A product's prices are one per
// currency; a create without prices gets a price of 0 in the user's
// currency, as Pipedrive does.

var billingFrequencies = []string{"one-time", "annually", "semi-annually", "quarterly", "monthly", "weekly"}

// jsonNumber reads a JSON number of a body (json.Number, float64 or int).
func jsonNumber(v any) (float64, bool) {
	switch n := v.(type) {
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	case float64:
		return n, true
	case int:
		return float64(n), true
	}
	return 0, false
}

// normPrices checks a prices array and fills each price's defaults. owner
// names the id field the prices point back to ("product_id").
func normPrices(owner string) func(c *call, v any) (any, *reply) {
	return func(c *call, v any) (any, *reply) {
		list, ok := v.([]any)
		if !ok {
			return nil, badRequest(`Invalid value for field "prices": expected an array of prices`)
		}
		out := make([]any, 0, len(list))
		seen := map[string]bool{}
		for i, item := range list {
			p, ok := item.(map[string]any)
			if !ok {
				return nil, badRequest(fmt.Sprintf(`Invalid value for field "prices[%d]": expected an object`, i))
			}
			cur, _ := p["currency"].(string)
			if len(cur) != 3 {
				return nil, badRequest(fmt.Sprintf(`Invalid value for field "prices[%d].currency": expected a 3-letter currency code`, i))
			}
			if seen[cur] {
				return nil, badRequest(fmt.Sprintf("Only one price per currency: %s is given twice", cur))
			}
			seen[cur] = true
			price := map[string]any{"currency": cur, "price": 0.0, "cost": 0.0, "direct_cost": nil, "notes": ""}
			for _, k := range []string{"price", "cost", "direct_cost"} {
				if raw, has := p[k]; has && raw != nil {
					n, ok := jsonNumber(raw)
					if !ok {
						return nil, badRequest(fmt.Sprintf(`Invalid value for field "prices[%d].%s": expected a number`, i, k))
					}
					price[k] = n
				}
			}
			if s, ok := p["notes"].(string); ok {
				price["notes"] = s
			}
			out = append(out, price)
		}
		return out, nil
	}
}

// defaultPrices is the price list of a product created without prices.
func defaultPrices(c *call) []any {
	return []any{map[string]any{"currency": c.defaultCurrency(), "price": 0.0, "cost": 0.0, "direct_cost": nil, "notes": ""}}
}

// linkPrices sets the id the prices of a row point back to.
func linkPrices(row map[string]any, key string) {
	if list, ok := row["prices"].([]any); ok {
		for _, p := range list {
			if m, ok := p.(map[string]any); ok {
				m[key] = row["id"]
			}
		}
	}
}

// productFields are the body fields of a product.
func productFields() []crudField {
	return []crudField{
		{name: "name", kind: crudString, required: true},
		{name: "code", kind: crudString, def: ""},
		{name: "description", kind: crudString, def: ""},
		{name: "unit", kind: crudString, def: ""},
		{name: "tax", kind: crudNumber, def: 0.0},
		{name: "category", kind: crudRaw},
		{name: "owner_id", kind: crudInt, positive: true},
		{name: "is_linkable", kind: crudBool, def: true},
		{name: "visible_to", kind: crudInt, ints: []int{1, 3, 5, 7}, def: 3},
		{name: "prices", kind: crudRaw, norm: normPrices("product_id")},
		{name: "custom_fields", kind: crudRaw, def: map[string]any{}, norm: func(_ *call, v any) (any, *reply) {
			if _, ok := v.(map[string]any); !ok {
				return nil, badRequest(`Invalid value for field "custom_fields": expected an object`)
			}
			return v, nil
		}},
		{name: "billing_frequency", kind: crudString, enum: billingFrequencies, def: "one-time"},
		{name: "billing_frequency_cycles", kind: crudInt, nullable: true, positive: true},
	}
}

// checkProduct applies the rules between a product's fields.
func checkProduct(c *call, row map[string]any) *reply {
	if strings.TrimSpace(fmt.Sprint(row["name"])) == "" {
		return badRequest("Name must be given.")
	}
	if row["owner_id"] == nil {
		row["owner_id"] = c.st.meID
	} else if _, found := c.st.users.get(row["owner_id"].(int)); !found {
		return notFound("User")
	}
	if row["prices"] == nil {
		row["prices"] = defaultPrices(c)
	}
	if row["billing_frequency"] == "one-time" && row["billing_frequency_cycles"] != nil {
		return badRequest("billing_frequency_cycles is only allowed with a recurring billing_frequency")
	}
	if cat, has := row["category"]; has && cat != nil {
		if _, ok := jsonNumber(cat); !ok {
			return badRequest(`Invalid value for field "category": expected a number`)
		}
		row["category"] = fmt.Sprint(cat)
	}
	return nil
}

func productsV2() *crudResource {
	r := &crudResource{
		path: "products", noun: "Product", update: "PATCH", times: true, cursor: true, softDelete: true,
		fields: productFields(), check: checkProduct,
		onCreate: func(c *call, row map[string]any) { linkPrices(row, "product_id") },
		sortKeys: []string{"id", "name", "add_time", "update_time"},
		filter: func(c *call) (func(map[string]any) bool, *reply) {
			filterID, hasFilter, rep := v2QueryInt(c.q, "filter_id")
			if rep != nil {
				return nil, rep
			}
			saved := func(int) bool { return true }
			if hasFilter {
				if saved, rep = savedFilter(c, "products", filterID); rep != nil {
					return nil, rep
				}
			}
			owner, hasOwner, rep := queryInt(c.q, "owner_id")
			if rep != nil {
				return nil, rep
			}
			ids, rep := v2QueryIDs(c.q)
			if rep != nil {
				return nil, rep
			}
			since, hasSince, rep := v2QueryTime(c.q, "updated_since")
			if rep != nil {
				return nil, rep
			}
			return func(row map[string]any) bool {
				updated, _ := time.Parse(time.RFC3339, fmt.Sprint(row["update_time"]))
				return (!hasOwner || row["owner_id"] == owner) && (ids == nil || ids[row["id"].(int)]) &&
					(!hasSince || !updated.Before(since)) && saved(row["id"].(int))
			}, nil
		},
	}
	r.cost.list, r.cost.get, r.cost.create, r.cost.update, r.cost.delete = 10, 1, 5, 5, 3
	return r
}

func productVariationsV2() *crudResource {
	r := &crudResource{
		path: "variations", parent: "products", parentField: "product_id", noun: "Product variation",
		update: "PATCH", cursor: true,
		fields: []crudField{
			{name: "name", kind: crudString, required: true},
			{name: "prices", kind: crudRaw, norm: normPrices("product_variation_id")},
		},
		check: func(c *call, row map[string]any) *reply {
			if strings.TrimSpace(fmt.Sprint(row["name"])) == "" || len(fmt.Sprint(row["name"])) > 255 {
				return badRequest("The name of a variation is 1 to 255 characters")
			}
			if row["prices"] == nil {
				row["prices"] = defaultPrices(c)
			}
			return nil
		},
		onCreate: func(c *call, row map[string]any) { linkPrices(row, "product_variation_id") },
	}
	r.cost.list, r.cost.create, r.cost.update, r.cost.delete = 10, 5, 5, 3
	return r
}

// products returns the company's products table.
func (st *store) products() *crudTable { return productsV2().table(st) }

// liveProduct finds a product that is not deleted.
func (st *store) liveProduct(id int) (map[string]any, bool) {
	t := st.products()
	i := t.find(id)
	if i < 0 || t.rows[i]["is_deleted"] == true {
		return nil, false
	}
	return t.rows[i], true
}

func registerProductsV2(rt *router) {
	productsV2().register(rt)
	productVariationsV2().register(rt)
	rt.handle("POST /products/{id}/duplicate", 5, func(c *call) *reply {
		src, found := c.st.liveProduct(c.id)
		if !found {
			return notFound("Product")
		}
		row := cloneMap(src)
		delete(row, "id")
		if list, ok := src["prices"].([]any); ok {
			prices := make([]any, len(list))
			for i, p := range list {
				prices[i] = cloneMap(p.(map[string]any))
			}
			row["prices"] = prices
		}
		productsV2().insert(c, c.st.products(), row)
		return jsonReply(http.StatusCreated, map[string]any{"success": true, "data": cloneMap(row)})
	})
	rt.handle("GET /products/search", v2SearchCost, func(c *call) *reply {
		term := strings.TrimSpace(c.q.Get("term"))
		exact := c.q.Get("exact_match") == "true"
		if len([]rune(term)) < 2 && !(exact && term != "") {
			return badRequest(`Parameter "term" must be at least 2 characters long (1 with exact_match)`)
		}
		fields := commaList(c.q.Get("fields"))
		if len(fields) == 0 {
			fields = []string{"code", "custom_fields", "name"}
		}
		for _, f := range fields {
			if !slices.Contains([]string{"code", "custom_fields", "name"}, f) {
				return badRequest(fmt.Sprintf(`Invalid value for parameter "fields": %q`, f))
			}
		}
		withPrice := c.q.Get("include_fields") == "product.price"
		t := strings.ToLower(term)
		var items []map[string]any
		for _, r := range c.st.products().rows {
			if r["is_deleted"] == true {
				continue
			}
			score, hit := 0.0, false
			for _, f := range fields {
				var hay []string
				switch f {
				case "custom_fields":
					for _, v := range r["custom_fields"].(map[string]any) {
						if s, ok := v.(string); ok {
							hay = append(hay, s)
						}
					}
				default:
					hay = []string{fmt.Sprint(r[f])}
				}
				for _, h := range hay {
					h = strings.ToLower(h)
					if (exact && h == t) || (!exact && strings.Contains(h, t)) {
						hit = true
						score = max(score, float64(len(t))/float64(max(1, len(h))))
					}
				}
			}
			if !hit {
				continue
			}
			item := map[string]any{"id": r["id"], "type": "product", "name": r["name"], "code": r["code"],
				"visible_to": r["visible_to"], "owner": map[string]any{"id": r["owner_id"]}, "custom_fields": []any{}}
			if withPrice {
				if list, ok := r["prices"].([]any); ok && len(list) > 0 {
					item["price"] = list[0].(map[string]any)["price"]
				}
			}
			items = append(items, map[string]any{"result_score": score, "item": item})
		}
		slices.SortStableFunc(items, func(a, b map[string]any) int { return compareValues(b["result_score"], a["result_score"]) })
		start, end, next, rep := cursorPage(c.q, len(items), 100)
		if rep != nil {
			return rep
		}
		return okV2List(map[string]any{"items": items[start:end]}, next)
	})
}

// productName names a product for deal product rows ("" when missing).
func (st *store) productName(id int) string {
	t := st.products()
	if i := t.find(id); i >= 0 {
		return fmt.Sprint(t.rows[i]["name"])
	}
	return ""
}
