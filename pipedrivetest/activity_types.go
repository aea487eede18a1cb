package pipedrivetest

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Activity types (API v1), declared on the generic store: the built-in
// types every company starts with, and custom ones whose key_string is
// derived from the name. Deleting a type deactivates it (active_flag
// false), as Pipedrive does; built-in types, and types that activities
// still use, cannot be deleted.

var activityIcons = []string{"task", "email", "meeting", "deadline", "call", "lunch", "calendar", "downarrow", "document",
	"smartphone", "camera", "scissors", "cogs", "bubble", "uparrow", "checkbox", "signpost", "shuffle", "addressbook",
	"linegraph", "picture", "car", "world", "search", "clip", "sound", "brush", "key", "padlock", "pricetag", "suitcase",
	"finish", "plane", "loop", "wifi", "truck", "cart", "bulb", "bell", "presentation"}

var hexColor = regexp.MustCompile(`^[0-9A-Fa-f]{6}$`)

func activityTypesV1() *crudResource {
	seedTime := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
	r := &crudResource{
		path: "activityTypes", noun: "Activity type", update: "PUT", times: true, createStatus: 200,
		softDelete: true, deletedKey: "active_flag", deletedValue: false, answerRow: true, listDeleted: true,
		fields: []crudField{
			{name: "name", kind: crudString, required: true},
			{name: "icon_key", kind: crudString, required: true, enum: activityIcons},
			{name: "color", kind: crudString, def: "FFFFFF"},
			{name: "order_nr", kind: crudInt},
		},
		check: func(c *call, row map[string]any) *reply {
			if strings.TrimSpace(fmt.Sprint(row["name"])) == "" {
				return badRequest("Name must be given.")
			}
			if !hexColor.MatchString(fmt.Sprint(row["color"])) {
				return badRequest(`Invalid value for field "color": expected 6 hexadecimal digits (RRGGBB)`)
			}
			return nil
		},
		canDelete: func(c *call, row map[string]any) *reply {
			if row["is_custom_flag"] == false {
				return badRequest("Built-in activity types cannot be deleted")
			}
			n := 0
			for _, a := range c.st.activities.all() {
				if !a.Deleted && a.Type == row["key_string"] {
					n++
				}
			}
			if n > 0 {
				return badRequest(fmt.Sprintf("The activity type is in use by %d activities: change their type first", n))
			}
			return nil
		},
		onCreate: func(c *call, row map[string]any) {
			t := activityTypesV1().table(c.st)
			key := strings.Trim(nonWord.ReplaceAllString(strings.ToLower(fmt.Sprint(row["name"])), "_"), "_")
			for n, k := 2, key; ; n++ {
				if t.findBy("key_string", k) < 0 {
					key = k
					break
				}
				k = fmt.Sprintf("%s_%d", key, n)
			}
			row["key_string"], row["is_custom_flag"] = key, true
			if row["order_nr"] == nil {
				row["order_nr"] = len(t.rows) + 1
			}
		},
	}
	r.cost.list, r.cost.create, r.cost.update, r.cost.delete = 20, 10, 10, 6
	for i, b := range []struct{ name, key string }{{"Call", "call"}, {"Meeting", "meeting"}, {"Task", "task"},
		{"Deadline", "deadline"}, {"Email", "email"}, {"Lunch", "lunch"}} {
		r.seed = append(r.seed, map[string]any{"id": i + 1, "order_nr": i + 1, "name": b.name, "key_string": b.key,
			"icon_key": b.key, "active_flag": true, "color": "FFFFFF", "is_custom_flag": false,
			"add_time": seedTime, "update_time": seedTime})
	}
	return r
}

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)
