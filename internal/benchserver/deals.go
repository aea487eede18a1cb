package benchserver

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// CustomKeys are the 40-hex keys of the ten custom deal fields every
// generated deal carries, in the order they are written. Monetary fields
// also carry "<key>_currency", the address field "<key>_locality" and
// "<key>_formatted_address".
var CustomKeys = [10]string{
	"d4de1c1518b4531717c676029a45911c340390a6", // monetary
	"5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9a8b7c6d", // monetary
	"9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b", // address
	"0b1a2f3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c8b9a", // varchar
	"1c2b3a4f5e6d7c8b9a0b1a2f3e4d5c6b7a8f9e0d", // text
	"2d3c4b5a6f7e8d9c0b1a2f3e4d5c6b7a8f9e0d1c", // enum (option id)
	"3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c8b9a0b1a2f", // set (option ids)
	"4f5e6d7c8b9a0b1a2f3e4d5c6b7a8f9e0d1c2b3a", // date
	"5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b", // double
	"6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c", // person
}

var (
	firstNames = []string{"Maria", "Karl", "Liisa", "Jaan", "Kadri", "Mart", "Anu", "Peeter", "Triin", "Rasmus"}
	lastNames  = []string{"Tamm", "Kask", "Saar", "Mägi", "Sepp", "Ilves", "Rebane", "Kukk", "Lepik", "Pärn"}
	orgNames   = []string{"Acme OÜ", "Nordic Timber AS", "Baltic Freight", "Tallinn Bakery", "Riga Robotics", "Vilnius Web", "Tartu Labs", "Pärnu Solar"}
	stages     = []int{1, 2, 3, 4, 5}
	currencies = []string{"EUR", "USD", "GBP", "SEK"}
)

func pick[T any](s []T, i int) T { return s[i%len(s)] }

func userObject(id int) map[string]any {
	first, last := pick(firstNames, id), pick(lastNames, id/3)
	return map[string]any{
		"id": id, "name": first + " " + last,
		"email":   fmt.Sprintf("%s.%s@example.com", first, last),
		"has_pic": id % 2, "pic_hash": fmt.Sprintf("%08x", id*2654435761%(1<<32)),
		"active_flag": true, "value": id,
	}
}

// Deal returns one API v1 deal as GET /v1/deals answers it in data: the
// expanded user, person and organization objects, the denormalized names,
// counts and times, and ten custom fields with their sub-keys. details adds
// what only GET /v1/deals/{id} returns (age, time in stages, last and next
// activity). It is deterministic in id.
func Deal(id int, details bool) map[string]any {
	owner := 9000 + id%12
	creator := 9000 + (id/7)%12
	person := 500 + id%97
	org := 700 + id%41
	cur := pick(currencies, id/5)
	value := float64(id%50)*250 + 1000
	first, last := pick(firstNames, person), pick(lastNames, person/2)
	orgName := pick(orgNames, org)
	day := 1 + id%28
	d := map[string]any{
		"id":              id,
		"creator_user_id": userObject(creator),
		"user_id":         userObject(owner),
		"person_id": map[string]any{
			"active_flag": true, "name": first + " " + last,
			"email":    []any{map[string]any{"label": "work", "value": fmt.Sprintf("%s.%s@customer%d.example", first, last, person), "primary": true}},
			"phone":    []any{map[string]any{"label": "mobile", "value": fmt.Sprintf("+372 5%07d", person*7919%10000000), "primary": true}},
			"owner_id": owner, "value": person,
		},
		"org_id": map[string]any{
			"name": orgName, "people_count": 1 + org%9, "owner_id": owner,
			"address": fmt.Sprintf("Narva mnt %d, Tallinn", org%90), "active_flag": true,
			"cc_email": fmt.Sprintf("org%d@pipedrivemail.example", org), "value": org,
		},
		"stage_id":                 pick(stages, id),
		"title":                    fmt.Sprintf("%s deal #%d", orgName, id),
		"value":                    value,
		"currency":                 cur,
		"add_time":                 fmt.Sprintf("2026-01-%02d 08:%02d:00", day, id%60),
		"update_time":              fmt.Sprintf("2026-02-%02d 09:%02d:13", day, id%60),
		"stage_change_time":        fmt.Sprintf("2026-02-%02d 10:00:00", day),
		"active":                   id%5 != 0,
		"deleted":                  false,
		"is_archived":              false,
		"status":                   pick([]string{"open", "open", "open", "won", "lost"}, id),
		"probability":              nil,
		"next_activity_date":       fmt.Sprintf("2026-03-%02d", day),
		"next_activity_time":       "10:30:00",
		"next_activity_id":         10000 + id,
		"last_activity_id":         nil,
		"last_activity_date":       nil,
		"lost_reason":              nil,
		"visible_to":               "3",
		"close_time":               nil,
		"pipeline_id":              1,
		"won_time":                 nil,
		"first_won_time":           nil,
		"lost_time":                nil,
		"products_count":           id % 3,
		"files_count":              0,
		"notes_count":              id % 4,
		"followers_count":          1,
		"email_messages_count":     id % 6,
		"activities_count":         1 + id%5,
		"done_activities_count":    id % 3,
		"undone_activities_count":  1,
		"participants_count":       1,
		"expected_close_date":      fmt.Sprintf("2026-06-%02d", day),
		"last_incoming_mail_time":  fmt.Sprintf("2026-02-%02d 12:01:44", day),
		"last_outgoing_mail_time":  nil,
		"label":                    pick([]any{"2,3", nil, "5"}, id),
		"origin":                   "ManuallyCreated",
		"origin_id":                nil,
		"channel":                  nil,
		"channel_id":               nil,
		"stage_order_nr":           pick(stages, id),
		"person_name":              first + " " + last,
		"org_name":                 orgName,
		"next_activity_subject":    "Follow-up call",
		"next_activity_type":       "call",
		"next_activity_duration":   "00:30:00",
		"next_activity_note":       "<p>Ask about the Q2 budget</p>",
		"formatted_value":          fmt.Sprintf("€%.0f", value),
		"weighted_value":           value,
		"formatted_weighted_value": fmt.Sprintf("€%.0f", value),
		"weighted_value_currency":  cur,
		"rotten_time":              nil,
		"owner_name":               pick(firstNames, owner) + " " + pick(lastNames, owner/3),
		"cc_email":                 fmt.Sprintf("acme+deal%d@pipedrivemail.example", id),
		"org_hidden":               false,
		"person_hidden":            false,
		"acv":                      nil,
		"arr":                      nil,
		"mrr":                      nil,
		"acv_currency":             nil,
		"arr_currency":             nil,
		"mrr_currency":             nil,

		CustomKeys[0]:                        1500 + id%100*10,
		CustomKeys[0] + "_currency":          cur,
		CustomKeys[1]:                        250.5,
		CustomKeys[1] + "_currency":          "EUR",
		CustomKeys[2]:                        fmt.Sprintf("Narva mnt %d, Tallinn", id%90),
		CustomKeys[2] + "_locality":          "Tallinn",
		CustomKeys[2] + "_formatted_address": fmt.Sprintf("Narva mnt %d, 10117 Tallinn, Estonia", id%90),
		CustomKeys[3]:                        fmt.Sprintf("PO-%06d", id),
		CustomKeys[4]:                        "Renewal of the annual licence; decision maker is the CFO.",
		CustomKeys[5]:                        strconv.Itoa(40 + id%4),
		CustomKeys[6]:                        "41,43",
		CustomKeys[7]:                        fmt.Sprintf("2026-05-%02d", day),
		CustomKeys[8]:                        float64(id%1000) / 8,
		CustomKeys[9]:                        person,
	}
	if details {
		d["average_stage_progress"] = 2.5
		d["age"] = map[string]any{"y": 0, "m": 1, "d": 5, "h": 8, "i": 27, "s": 13, "total_seconds": 3140833}
		d["average_time_to_won"] = map[string]any{"y": 0, "m": 0, "d": 12, "h": 0, "i": 0, "s": 0, "total_seconds": 1036800}
		d["stay_in_pipeline_stages"] = map[string]any{
			"times_in_stages": map[string]any{"1": 86400, "2": 172800, "3": 950400},
			"order_of_stages": []int{1, 2, 3},
		}
		d["last_activity"] = map[string]any{"id": 87, "subject": "Intro call", "type": "call", "done": true, "due_date": "2026-02-09"}
		d["next_activity"] = nil
	}
	return d
}

// relatedObjects is the related_objects member of a page: the users,
// persons, organizations, stages and pipeline its deals refer to.
func relatedObjects(ids []int) map[string]any {
	users, persons, orgs := map[string]any{}, map[string]any{}, map[string]any{}
	for _, id := range ids {
		for _, u := range []int{9000 + id%12, 9000 + (id/7)%12} {
			obj := userObject(u)
			delete(obj, "value")
			users[strconv.Itoa(u)] = obj
		}
		p := 500 + id%97
		persons[strconv.Itoa(p)] = map[string]any{"id": p, "name": pick(firstNames, p) + " " + pick(lastNames, p/2), "owner_id": 9000 + id%12}
		o := 700 + id%41
		orgs[strconv.Itoa(o)] = map[string]any{"id": o, "name": pick(orgNames, o), "people_count": 1 + o%9, "owner_id": 9000 + id%12, "address": nil, "cc_email": "", "active_flag": true}
	}
	st := map[string]any{}
	for _, s := range stages {
		st[strconv.Itoa(s)] = map[string]any{"id": s, "order_nr": s, "name": fmt.Sprintf("Stage %d", s), "active_flag": true, "deal_probability": 20 * s, "pipeline_id": 1, "rotten_flag": false, "rotten_days": nil}
	}
	return map[string]any{
		"user": users, "person": persons, "organization": orgs, "stage": st,
		"pipeline": map[string]any{"1": map[string]any{"id": 1, "name": "Sales", "url_title": "sales", "order_nr": 0, "active": true, "deal_probability": true}},
	}
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only maps of plain values: cannot fail
	}
	return b
}

// DealBody returns the body of GET /v1/deals/{id}: the envelope with one
// deal (with details), additional_data and related_objects.
func DealBody(id int) []byte {
	return mustJSON(map[string]any{
		"success":         true,
		"data":            Deal(id, true),
		"additional_data": map[string]any{"dropbox_email": fmt.Sprintf("acme+deal%d@pipedrivemail.example", id)},
		"related_objects": relatedObjects([]int{id}),
	})
}

// page is a list answer split around its pagination so that the server
// writes any page of a long list without rendering it again.
type page struct {
	head []byte // {"success":true,"data":[...],"related_objects":{...},"additional_data":{"pagination":
}

func newPage(size int) page {
	deals := make([]any, size)
	ids := make([]int, size)
	for i := range deals {
		ids[i] = i + 1
		deals[i] = Deal(i+1, false)
	}
	head := []byte(`{"success":true,"data":`)
	head = append(head, mustJSON(deals)...)
	head = append(head, `,"related_objects":`...)
	head = append(head, mustJSON(relatedObjects(ids))...)
	head = append(head, `,"additional_data":{"pagination":`...)
	return page{head: head}
}

// tail appends the pagination of the page at start and closes the body.
func (p page) tail(dst []byte, start, limit int, more bool) []byte {
	dst = append(dst, `{"start":`...)
	dst = strconv.AppendInt(dst, int64(start), 10)
	dst = append(dst, `,"limit":`...)
	dst = strconv.AppendInt(dst, int64(limit), 10)
	dst = append(dst, `,"more_items_in_collection":`...)
	dst = strconv.AppendBool(dst, more)
	if more {
		dst = append(dst, `,"next_start":`...)
		dst = strconv.AppendInt(dst, int64(start+limit), 10)
	}
	return append(dst, "}}}"...)
}

// PageBody returns a whole GET /v1/deals page of size deals, the first of a
// longer list (more_items_in_collection true), as the server sends it.
func PageBody(size int) []byte {
	p := newPage(size)
	return p.tail(append([]byte(nil), p.head...), 0, size, true)
}
