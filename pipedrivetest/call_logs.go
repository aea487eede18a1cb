package pipedrivetest

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"net/http"

	"time"
)

// Call logs (API v1), declared on the generic store: ids are text
// ("CA…"), a call ends after it starts, and a recording is attached once
// (multipart/form-data, part "file"; the fake keeps its size).

var callOutcomes = []string{"connected", "no_answer", "left_message", "left_voicemail", "wrong_number", "busy"}

func callLogsV1() *crudResource {
	r := &crudResource{
		path: "callLogs", noun: "Call log", uuidIDs: true, createStatus: http.StatusOK, paginated: true,
		cost: struct{ list, get, create, update, delete int }{20, 2, 10, 0, 6},
		fields: []crudField{
			{name: "outcome", kind: crudString, required: true, enum: callOutcomes},
			{name: "to_phone_number", kind: crudString, required: true},
			{name: "start_time", kind: crudString, required: true},
			{name: "end_time", kind: crudString, required: true},
			{name: "from_phone_number", kind: crudString},
			{name: "subject", kind: crudString},
			{name: "duration", kind: crudString, def: "0"},
			{name: "note", kind: crudString},
			{name: "user_id", kind: crudInt, positive: true},
			{name: "activity_id", kind: crudInt, positive: true},
			{name: "person_id", kind: crudInt, positive: true},
			{name: "org_id", kind: crudInt, positive: true},
			{name: "deal_id", kind: crudInt, positive: true},
			{name: "lead_id", kind: crudString},
		},
		newID: func(c *call, t *crudTable) any {
			sum := sha1.Sum([]byte(fmt.Sprintf("call\x00%d\x00%d", c.st.company.ID, t.seq)))
			return "CA" + hex.EncodeToString(sum[:14])
		},
		check: func(c *call, row map[string]any) *reply {
			start, err1 := time.Parse(time.RFC3339, fmt.Sprint(row["start_time"]))
			end, err2 := time.Parse(time.RFC3339, fmt.Sprint(row["end_time"]))
			switch {
			case err1 != nil || err2 != nil:
				return badRequest("start_time and end_time are RFC 3339 times")
			case end.Before(start):
				return badRequest("end_time is before start_time")
			}
			if id, ok := row["person_id"].(int); ok {
				if _, found := c.st.persons.live(id); !found {
					return notFound("Person")
				}
			}
			if id, ok := row["deal_id"].(int); ok {
				if _, found := c.st.deals.live(id); !found {
					return notFound("Deal")
				}
			}
			if row["user_id"] == nil {
				row["user_id"] = c.st.meID
			}
			return nil
		},
		onCreate: func(c *call, row map[string]any) {
			row["has_recording"], row["company_id"] = false, c.st.company.ID
		},
		deleteData: func(any) any { return nil },
	}
	return r
}

func registerCallLogsV1(rt *router) {
	res := callLogsV1()
	res.register(rt)
	rt.handle("POST /callLogs/{code}/recordings", 10, func(c *call) *reply {
		t := res.table(c.st)
		i := t.findBy("id", c.code)
		if i < 0 {
			return notFound("Call log")
		}
		if t.rows[i]["has_recording"] == true {
			return pdError(http.StatusConflict, "The call log already has a recording")
		}
		size, _, rep := readUpload(c)
		if rep != nil {
			return rep
		}
		row := cloneMap(t.rows[i])
		_ = size // the fake keeps no recording
		row["has_recording"] = true
		t.rows[i] = row
		return jsonReply(http.StatusOK, map[string]any{"success": true})
	})
}
