package pipedrivetest

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// This file turns the version-neutral custom-field values (customValue)
// into each version's wire form and back:
//
//   - v1 flattens them into the entity object: "<key>" (option IDs as
//     strings, "12" or "12,13"), "<key>_currency", "<key>_until" and the
//     address sub-keys "<key>_route" ...; bodies use the same keys.
//   - v2 nests them in "custom_fields": monetary {value, currency}, ranges
//     {value, until}, enum an option ID, set a list of IDs, address an
//     object; bodies use the same shapes and null clears a field.

// formatNumber renders a float without a trailing ".0" ("1500", "12.5").
func formatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// customErr is the 400 for an invalid custom-field value.
func customErr(d *fieldDef, want string) *reply {
	return badRequest(fmt.Sprintf("Invalid value for custom field %q (%s): expected %s", d.key, d.name, want))
}

// normClock turns "HH:MM" or "HH:MM:SS" into "HH:MM:SS".
func normClock(s string) (string, bool) {
	if !hhmm.MatchString(s) {
		return "", false
	}
	if len(s) == 5 {
		return s + ":00", true
	}
	return s, true
}

func validDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// strictInt accepts only JSON integers (v2 does not coerce strings).
func strictInt(v any) (int, bool) {
	switch x := v.(type) {
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return int(n), true
		}
		if f, err := x.Float64(); err == nil && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
			return int(f), true
		}
	case float64:
		if x == math.Trunc(x) {
			return int(x), true
		}
	}
	return 0, false
}

// strictNumber accepts only JSON numbers.
func strictNumber(v any) (float64, bool) {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case float64:
		return x, true
	}
	return 0, false
}

// refExists reports whether a user, organization or person (by field type)
// exists and is not deleted.
func (c *call) refExists(typ string, id int) bool {
	var found bool
	switch typ {
	case "user":
		_, found = c.st.users.live(id)
	case "org":
		_, found = c.st.orgs.live(id)
	case "people":
		_, found = c.st.persons.live(id)
	}
	return found
}

// checkOptions validates option IDs against a definition.
func checkOptions(d *fieldDef, ids []int) *reply {
	for _, id := range ids {
		if _, found := d.option(id); !found {
			return customErr(d, fmt.Sprintf("option IDs of the field (%d is not one)", id))
		}
	}
	return nil
}

// ---- v1 ----

// putCustomV1 adds a row's custom fields to its v1 object: every field
// defined for the entity (null when unset, with its sub-keys), then the
// keys without a definition as they were received.
func (c *call) putCustomV1(m map[string]any, entity string, r *record) {
	for _, d := range c.st.customDefs(entity) {
		cv := r.Custom[d.key]
		m[d.key] = c.customValueV1(d, cv)
		switch d.typ {
		case "monetary":
			m[d.key+"_currency"] = emptyOrNil(cv.Currency)
		case "daterange", "timerange":
			m[d.key+"_until"] = emptyOrNil(cv.Until)
		case "address":
			for _, part := range addressParts {
				if v, found := cv.Addr[part]; found {
					m[d.key+"_"+part] = v
				} else {
					m[d.key+"_"+part] = nil
				}
			}
		}
	}
	for k, cv := range r.Custom {
		if c.st.customDef(entity, k) != nil {
			continue
		}
		if cv.V != nil {
			m[k] = cv.V
		}
		for sfx, v := range cv.Sub {
			m[k+"_"+sfx] = v
		}
	}
}

// customValueV1 renders the main value of a defined field the v1 way.
func (c *call) customValueV1(d *fieldDef, cv customValue) any {
	switch v := cv.V.(type) {
	case nil:
		return nil
	case int:
		switch d.typ {
		case "enum":
			return strconv.Itoa(v)
		case "user":
			return c.userRefV1(v)
		case "org":
			return c.orgRefV1(v)
		case "people":
			return c.personRefV1(v)
		}
		return v
	case []int:
		parts := make([]string, len(v))
		for i, id := range v {
			parts[i] = strconv.Itoa(id)
		}
		return strings.Join(parts, ",")
	}
	return cv.V
}

// applyCustomV1 applies the flat custom-field keys of a v1 body to r.
// Keys with a definition are validated and stored typed; null (or "")
// clears a field. Keys without one are kept as received, each sub-key on
// its own; null removes a key.
func (c *call) applyCustomV1(entity string, r *record, f fields) *reply {
	type group struct {
		main    any
		hasMain bool
		subs    map[string]any
	}
	groups := map[string]*group{}
	for k, v := range f {
		if !customKey.MatchString(k) {
			continue
		}
		base := k[:40]
		g := groups[base]
		if g == nil {
			g = &group{subs: map[string]any{}}
			groups[base] = g
		}
		if len(k) == 40 {
			g.main, g.hasMain = v, true
		} else {
			g.subs[k[41:]] = v
		}
	}
	for _, base := range slices.Sorted(maps.Keys(groups)) {
		g := groups[base]
		cv := r.Custom[base]
		d := c.st.customDef(entity, base)
		if d == nil {
			if g.hasMain {
				cv.V = g.main
			}
			if len(g.subs) > 0 {
				sub := maps.Clone(cv.Sub)
				if sub == nil {
					sub = map[string]any{}
				}
				for sfx, v := range g.subs {
					if v == nil {
						delete(sub, sfx)
					} else {
						sub[sfx] = v
					}
				}
				cv.Sub = sub
			}
			setCustom(r, base, cv)
			continue
		}
		if g.hasMain {
			v, rep := c.customMainV1(d, g.main)
			if rep != nil {
				return rep
			}
			if v == nil {
				cv = customValue{}
			} else {
				cv.V = v
				if d.typ == "address" {
					cv.Addr = map[string]string{"formatted_address": v.(string)}
				}
			}
		}
		for _, sfx := range slices.Sorted(maps.Keys(g.subs)) {
			if rep := customSubV1(d, &cv, sfx, g.subs[sfx]); rep != nil {
				return rep
			}
		}
		setCustom(r, base, cv)
	}
	return nil
}

// customMainV1 parses the main value of a defined field from a v1 body,
// leniently (numbers may be strings). nil means "clear".
func (c *call) customMainV1(d *fieldDef, v any) (any, *reply) {
	if v == nil || v == "" {
		return nil, nil
	}
	f := fields{d.key: v}
	switch d.typ {
	case "double", "monetary":
		n, _, err := f.number(d.key)
		if err != nil {
			return nil, customErr(d, "a number")
		}
		return n, nil
	case "date", "daterange":
		s, _, err := f.date(d.key)
		if err != nil {
			return nil, customErr(d, "a date YYYY-MM-DD")
		}
		return s, nil
	case "time", "timerange":
		s, _, _ := f.str(d.key)
		t, okay := normClock(s)
		if !okay {
			return nil, customErr(d, "a time HH:MM")
		}
		return t, nil
	case "enum":
		id, okay := toInt(v)
		if !okay {
			return nil, customErr(d, "an option ID")
		}
		return id, checkOptions(d, []int{id})
	case "set":
		ids, _, err := f.intList(d.key)
		if err != nil {
			return nil, customErr(d, `option IDs ("12,13" or an array)`)
		}
		if len(ids) == 0 {
			return nil, nil
		}
		return ids, checkOptions(d, ids)
	case "user", "org", "people":
		id, okay := toInt(v)
		if !okay {
			return nil, customErr(d, "an ID")
		}
		if id == 0 {
			return nil, nil
		}
		if !c.refExists(d.typ, id) {
			return nil, customErr(d, fmt.Sprintf("the ID of an existing %s (%d is not one)", refNoun(d.typ), id))
		}
		return id, nil
	}
	s, _, err := f.str(d.key)
	if err != nil {
		return nil, customErr(d, "a string")
	}
	return s, nil
}

func refNoun(typ string) string {
	switch typ {
	case "org":
		return "organization"
	case "people":
		return "person"
	}
	return typ
}

// customSubV1 applies one "<key>_<sfx>" sub-key of a defined field.
// Sub-keys the field type does not have are ignored, as Pipedrive does.
func customSubV1(d *fieldDef, cv *customValue, sfx string, v any) *reply {
	f := fields{sfx: v}
	switch {
	case d.typ == "monetary" && sfx == "currency":
		s, _, err := f.str(sfx)
		if err != nil {
			return customErr(d, "a currency code in "+d.key+"_currency")
		}
		cv.Currency = strings.ToUpper(s)
	case d.typ == "daterange" && sfx == "until":
		s, _, err := f.date(sfx)
		if err != nil {
			return customErr(d, "a date YYYY-MM-DD in "+d.key+"_until")
		}
		cv.Until = s
	case d.typ == "timerange" && sfx == "until":
		s, _, _ := f.str(sfx)
		if s == "" {
			cv.Until = ""
			return nil
		}
		t, okay := normClock(s)
		if !okay {
			return customErr(d, "a time HH:MM in "+d.key+"_until")
		}
		cv.Until = t
	case d.typ == "address" && slices.Contains(addressParts, sfx):
		s, _, err := f.str(sfx)
		if err != nil {
			return customErr(d, "a string in "+d.key+"_"+sfx)
		}
		addr := maps.Clone(cv.Addr)
		if addr == nil {
			addr = map[string]string{}
		}
		if s == "" {
			delete(addr, sfx)
		} else {
			addr[sfx] = s
		}
		cv.Addr = addr
	}
	return nil
}

// ---- v2 ----

// customFieldsV2 renders a row's custom fields as v2's custom_fields
// object: every field defined for the entity (null when unset), then the
// keys without a definition that hold a value. The custom_fields query
// parameter limits the keys.
func (c *call) customFieldsV2(entity string, r *record) map[string]any {
	out := map[string]any{}
	want := c.view().customKeys
	for _, d := range c.st.customDefs(entity) {
		if want == nil || want[d.key] {
			out[d.key] = c.customValueV2(d, r.Custom[d.key])
		}
	}
	for k, cv := range r.Custom {
		if cv.V == nil || c.st.customDef(entity, k) != nil || (want != nil && !want[k]) {
			continue
		}
		out[k] = cv.V
	}
	return out
}

// customValueV2 renders a defined field's value the v2 way.
func (c *call) customValueV2(d *fieldDef, cv customValue) any {
	if cv.V == nil {
		return nil
	}
	labels := c.view().optionLabels
	switch d.typ {
	case "monetary":
		return map[string]any{"value": cv.V, "currency": emptyOrNil(cv.Currency)}
	case "daterange", "timerange":
		return map[string]any{"value": cv.V, "until": emptyOrNil(cv.Until)}
	case "enum":
		id := cv.V.(int)
		if labels {
			o, _ := d.option(id)
			return map[string]any{"id": id, "label": o.Label}
		}
		return id
	case "set":
		ids := cv.V.([]int)
		if !labels {
			return ids
		}
		out := make([]any, len(ids))
		for i, id := range ids {
			o, _ := d.option(id)
			out[i] = map[string]any{"id": id, "label": o.Label}
		}
		return out
	case "address":
		m := map[string]any{"value": cv.V}
		for part, v := range cv.Addr {
			m[part] = v
		}
		return m
	}
	return cv.V
}

// applyCustomV2 applies the custom_fields object of a v2 body to r: the
// values must have their field type's v2 shape and null clears a field.
// Keys without a definition are kept as received.
func (c *call) applyCustomV2(entity string, r *record, f fields) *reply {
	raw, present := f["custom_fields"]
	if !present || raw == nil {
		return nil
	}
	obj, isObj := raw.(map[string]any)
	if !isObj {
		return badRequest(`Invalid value for field "custom_fields": expected an object`)
	}
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		v := obj[k]
		if len(k) != 40 || !customKey.MatchString(k) {
			return badRequest(fmt.Sprintf("Invalid custom field key %q in custom_fields: expected 40 hex characters", k))
		}
		d := c.st.customDef(entity, k)
		if d == nil {
			cv := r.Custom[k]
			cv.V = v
			setCustom(r, k, cv)
			continue
		}
		if v == nil {
			setCustom(r, k, customValue{})
			continue
		}
		cv, rep := c.customParseV2(d, v, r.Custom[k])
		if rep != nil {
			return rep
		}
		setCustom(r, k, cv)
	}
	return nil
}

// rangeV2 reads a {value, until} object.
func rangeV2(v any) (from, until any, ok bool) {
	m, isObj := v.(map[string]any)
	if !isObj {
		return nil, nil, false
	}
	return m["value"], m["until"], true
}

// customParseV2 parses the v2 value of a defined field.
func (c *call) customParseV2(d *fieldDef, v any, old customValue) (customValue, *reply) {
	switch d.typ {
	case "double":
		n, okay := strictNumber(v)
		if !okay {
			return old, customErr(d, "a number")
		}
		return customValue{V: n}, nil
	case "monetary":
		m, isObj := v.(map[string]any)
		if !isObj {
			return old, customErr(d, "an object {value, currency}")
		}
		n, okay := strictNumber(m["value"])
		if !okay {
			return old, customErr(d, "an object {value, currency} with a numeric value")
		}
		cur := old.Currency
		if raw, has := m["currency"]; has && raw != nil {
			s, isStr := raw.(string)
			if !isStr {
				return old, customErr(d, "an object {value, currency} with a string currency")
			}
			cur = strings.ToUpper(s)
		}
		if cur == "" {
			cur = c.defaultCurrency()
		}
		return customValue{V: n, Currency: cur}, nil
	case "date":
		s, isStr := v.(string)
		if !isStr || !validDate(s) {
			return old, customErr(d, "a date YYYY-MM-DD")
		}
		return customValue{V: s}, nil
	case "time":
		s, _ := v.(string)
		t, okay := normClock(s)
		if !okay {
			return old, customErr(d, "a time HH:MM:SS")
		}
		return customValue{V: t}, nil
	case "daterange", "timerange":
		from, until, okay := rangeV2(v)
		fs, _ := from.(string)
		us, _ := until.(string)
		if okay && d.typ == "daterange" && validDate(fs) && validDate(us) {
			return customValue{V: fs, Until: us}, nil
		}
		if okay && d.typ == "timerange" {
			ft, ok1 := normClock(fs)
			ut, ok2 := normClock(us)
			if ok1 && ok2 {
				return customValue{V: ft, Until: ut}, nil
			}
		}
		return old, customErr(d, "an object {value, until}")
	case "enum":
		id, okay := strictInt(v)
		if !okay {
			return old, customErr(d, "an option ID (integer)")
		}
		return customValue{V: id}, checkOptions(d, []int{id})
	case "set":
		list, isList := v.([]any)
		if !isList || len(list) == 0 {
			return old, customErr(d, "a non-empty array of option IDs")
		}
		ids := make([]int, 0, len(list))
		for _, it := range list {
			id, okay := strictInt(it)
			if !okay {
				return old, customErr(d, "a non-empty array of option IDs")
			}
			ids = append(ids, id)
		}
		return customValue{V: ids}, checkOptions(d, ids)
	case "user", "org", "people":
		id, okay := strictInt(v)
		if !okay || id <= 0 {
			return old, customErr(d, "an ID (integer)")
		}
		if !c.refExists(d.typ, id) {
			return old, customErr(d, fmt.Sprintf("the ID of an existing %s (%d is not one)", refNoun(d.typ), id))
		}
		return customValue{V: id}, nil
	case "address":
		return addressV2(d, v, old)
	}
	s, isStr := v.(string)
	if !isStr {
		return old, customErr(d, "a string")
	}
	if s == "" {
		return customValue{}, nil
	}
	return customValue{V: s}, nil
}

// addressV2 parses an address custom field: a string or an object with
// "value" and the address components.
func addressV2(d *fieldDef, v any, old customValue) (customValue, *reply) {
	if s, isStr := v.(string); isStr {
		if s == "" {
			return customValue{}, nil
		}
		return customValue{V: s, Addr: map[string]string{"formatted_address": s}}, nil
	}
	obj, isObj := v.(map[string]any)
	if !isObj {
		return old, customErr(d, "an address object {value, route, locality, ...}")
	}
	cv := customValue{Addr: map[string]string{}}
	for k, x := range obj {
		if x == nil {
			continue
		}
		s, isStr := x.(string)
		if !isStr {
			return old, customErr(d, "an address object whose members are strings")
		}
		switch {
		case k == "value":
			cv.V = s
		case slices.Contains(addressParts, k):
			cv.Addr[k] = s
		}
	}
	if cv.V == nil || cv.V == "" {
		if fa := cv.Addr["formatted_address"]; fa != "" {
			cv.V = fa
		} else {
			return old, customErr(d, `an address object with a "value"`)
		}
	}
	if _, has := cv.Addr["formatted_address"]; !has {
		cv.Addr["formatted_address"] = cv.V.(string)
	}
	return cv, nil
}

// defaultCurrency is the authorizing user's default currency.
func (c *call) defaultCurrency() string {
	if u, found := c.st.users.get(c.st.meID); found && u.DefaultCurrency != "" {
		return u.DefaultCurrency
	}
	return "USD"
}
