package pipedrivetest

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// ts renders a v1 timestamp ("YYYY-MM-DD HH:MM:SS", UTC) or null.
func ts(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.DateTime)
}

// idOrNil renders a plain reference ID (0 = null).
func idOrNil(id int) any {
	if id == 0 {
		return nil
	}
	return id
}

// strOrNil renders an optional string.
func strOrNil(p *string) any {
	if p == nil {
		return nil
	}
	return *p
}

// emptyOrNil renders "" as null.
func emptyOrNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func intPtrOrNil(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func floatPtrOrNil(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func hasPic(u *user) int {
	if u.HasPic {
		return 1
	}
	return 0
}

// visibleToV1 renders visible_to the v1 way (a string).
func visibleToV1(v int) string { return strconv.Itoa(v) }

// labelV1 renders a deal's labels the v1 way ("1,2" or null).
func labelV1(ids []int) any {
	if len(ids) == 0 {
		return nil
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.Itoa(id)
	}
	return strings.Join(parts, ",")
}

// firstLabel renders a person's/organization's label (first label ID or
// null).
func firstLabel(ids []int) any {
	if len(ids) == 0 {
		return nil
	}
	return ids[0]
}

func intsOrEmpty(ids []int) []int {
	if ids == nil {
		return []int{}
	}
	return ids
}

// contactsV1 renders emails/phones as [{value,primary,label}]. Like the real
// API, a person without any renders [{"value":"","primary":true}].
func contactsV1(cs []contact) []any {
	if len(cs) == 0 {
		return []any{map[string]any{"value": "", "primary": true}}
	}
	out := make([]any, len(cs))
	for i, x := range cs {
		out[i] = map[string]any{"value": x.Value, "primary": x.Primary, "label": x.Label}
	}
	return out
}

// primaryValue returns the primary (or first) contact value, or "".
func primaryValue(cs []contact) string {
	for _, x := range cs {
		if x.Primary {
			return x.Value
		}
	}
	if len(cs) > 0 {
		return cs[0].Value
	}
	return ""
}

// ccEmail is the company's Smart BCC address; deals get their own.
func (c *call) ccEmail() string { return c.st.company.Domain + "@pipedrivemail.com" }

func (c *call) dealCCEmail(id int) string {
	return c.st.company.Domain + "+deal" + strconv.Itoa(id) + "@pipedrivemail.com"
}

// userName returns the name of a user, or "".
func (c *call) userName(id int) string {
	if u, found := c.st.users.get(id); found {
		return u.Name
	}
	return ""
}

// userRefV1 is the expanded user reference (deal user_id/creator_user_id,
// person/organization owner_id).
func (c *call) userRefV1(id int) any {
	u, found := c.st.users.get(id)
	if !found {
		return nil
	}
	m := relatedUserV1(u)
	m["value"] = u.ID
	return m
}

// dealUserRefV1 is the user reference of a deal (user_id, creator_user_id),
// whose has_pic the spec types as a boolean (see WithLiveWireShapes).
func (c *call) dealUserRefV1(id int) any {
	ref := c.userRefV1(id)
	if m, isMap := ref.(map[string]any); isMap && !c.s.cfg.liveShapes {
		m["has_pic"] = m["has_pic"] == 1
	}
	return ref
}

func relatedUserV1(u *user) map[string]any {
	return map[string]any{
		"id":          u.ID,
		"name":        u.Name,
		"email":       u.Email,
		"has_pic":     hasPic(u),
		"pic_hash":    nil,
		"active_flag": !u.Deleted,
	}
}

// personRefV1 is the expanded person reference of a deal (person_id).
func (c *call) personRefV1(id int) any {
	p, found := c.st.persons.get(id)
	if !found {
		return nil
	}
	return map[string]any{
		"active_flag": !p.Deleted,
		"name":        p.Name,
		"email":       contactsV1(p.Emails),
		"phone":       contactsV1(p.Phones),
		"owner_id":    p.OwnerID,
		"value":       p.ID,
	}
}

func relatedPersonV1(p *person) map[string]any {
	return map[string]any{
		"active_flag": !p.Deleted,
		"id":          p.ID,
		"name":        p.Name,
		"email":       contactsV1(p.Emails),
		"phone":       contactsV1(p.Phones),
		"owner_id":    p.OwnerID,
	}
}

// orgRefV1 is the expanded organization reference (deal/person org_id).
func (c *call) orgRefV1(id int) any {
	o, found := c.st.orgs.get(id)
	if !found {
		return nil
	}
	m := c.relatedOrgV1(o)
	delete(m, "id")
	m["value"] = o.ID
	return m
}

func (c *call) relatedOrgV1(o *organization) map[string]any {
	return map[string]any{
		"active_flag":  !o.Deleted,
		"id":           o.ID,
		"name":         o.Name,
		"people_count": c.agg().people[o.ID],
		"owner_id":     o.OwnerID,
		"address":      strOrNil(o.Address),
		"cc_email":     c.ccEmail(),
	}
}

func relatedStageV1(c *call, s *stage) map[string]any {
	m := stageV1(c, s)
	m["company_id"] = c.st.company.ID
	return m
}

func relatedPipelineV1(p *pipeline) map[string]any {
	m := pipelineV1(p)
	delete(m, "selected")
	return m
}

func relatedDealV1(d *deal) map[string]any {
	return map[string]any{
		"id":          d.ID,
		"title":       d.Title,
		"status":      dealStatusV1(d),
		"value":       d.Value,
		"currency":    d.Currency,
		"stage_id":    d.StageID,
		"pipeline_id": d.PipelineID,
	}
}

// related collects related_objects keyed by category and ID string.
type related struct {
	c    *call
	cats map[string]map[string]any
}

func newRelated(c *call) *related { return &related{c: c, cats: map[string]map[string]any{}} }

func (r *related) put(cat string, id int, mk func() map[string]any) {
	if id == 0 {
		return
	}
	key := strconv.Itoa(id)
	if _, dup := r.cats[cat][key]; dup {
		return
	}
	obj := mk()
	if obj == nil {
		return
	}
	if r.cats[cat] == nil {
		r.cats[cat] = map[string]any{}
	}
	r.cats[cat][key] = obj
}

func (r *related) user(id int) {
	r.put("user", id, func() map[string]any {
		if u, found := r.c.st.users.get(id); found {
			return relatedUserV1(u)
		}
		return nil
	})
}

func (r *related) person(id int) {
	r.put("person", id, func() map[string]any {
		if p, found := r.c.st.persons.get(id); found {
			return relatedPersonV1(p)
		}
		return nil
	})
}

func (r *related) org(id int) {
	r.put("organization", id, func() map[string]any {
		if o, found := r.c.st.orgs.get(id); found {
			return r.c.relatedOrgV1(o)
		}
		return nil
	})
}

func (r *related) stage(id int) {
	r.put("stage", id, func() map[string]any {
		if s, found := r.c.st.stages.get(id); found {
			return relatedStageV1(r.c, s)
		}
		return nil
	})
}

func (r *related) pipeline(id int) {
	r.put("pipeline", id, func() map[string]any {
		if p, found := r.c.st.pipelines.get(id); found {
			return relatedPipelineV1(p)
		}
		return nil
	})
}

func (r *related) deal(id int) {
	r.put("deal", id, func() map[string]any {
		if d, found := r.c.st.deals.get(id); found {
			return relatedDealV1(d)
		}
		return nil
	})
}

// out returns the collected related_objects, or nil when empty.
func (r *related) out() map[string]any {
	if len(r.cats) == 0 {
		return nil
	}
	m := make(map[string]any, len(r.cats))
	for k, v := range r.cats {
		m[k] = v
	}
	return m
}

// currencySymbols are used for formatted_value.
var currencySymbols = map[string]string{
	"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "AUD": "A$", "CAD": "CA$",
}

// formatMoney renders an amount the way formatted_value does, e.g. "$1,500"
// or "€1,234.50".
func formatMoney(v float64, currency string) string {
	neg := v < 0
	v = math.Abs(v)
	whole := math.Floor(v)
	cents := math.Round((v - whole) * 100)
	if cents >= 100 {
		whole++
		cents = 0
	}
	digits := strconv.FormatFloat(whole, 'f', 0, 64)
	var b strings.Builder
	for i, ch := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(ch)
	}
	num := b.String()
	if cents != 0 {
		num += "." + strconv.Itoa(int(cents)/10) + strconv.Itoa(int(cents)%10)
	}
	if neg {
		num = "-" + num
	}
	if sym, found := currencySymbols[currency]; found {
		return sym + num
	}
	return num + " " + currency
}
