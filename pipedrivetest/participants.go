package pipedrivetest

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// The participants of a deal (API v1, current): persons taking part in it
// beside its contact person, who is a participant from the start. Adding
// and removing them is logged.

// participants returns the deal's participants and their changelog, or a
// 404 when the deal is missing.
func participants(c *call) (rows, log *crudTable, rep *reply) {
	d, found := c.st.deals.live(c.id)
	if !found {
		return nil, nil, notFound("Deal")
	}
	key := "deals/" + strconv.Itoa(c.id) + "/participants"
	rows, created := c.st.children(key)
	log, _ = c.st.children(key + "/changelog")
	if created && d.PersonID > 0 {
		rows.seq++
		rows.rows = append(rows.rows, map[string]any{"id": rows.seq, "person_id": d.PersonID, "add_time": d.AddTime})
		log.rows = append(log.rows, map[string]any{"actor_user_id": d.CreatorUserID, "person_id": d.PersonID, "action": "added", "time": d.AddTime})
	}
	return rows, log, nil
}

// participantV1 renders a participant with its person.
func participantV1(c *call, dealID int, r map[string]any) map[string]any {
	pid := r["person_id"].(int)
	d := c.st.deals.byID[dealID]
	return map[string]any{
		"id": r["id"], "person_id": c.personRefV1(pid), "add_time": ts(r["add_time"].(time.Time)),
		"active_flag": true, "related_item_type": "deal", "related_item_id": dealID,
		"related_item_data": map[string]any{"deal_id": dealID, "title": d.Title},
		"person":            renderV1(c, "persons", pid),
	}
}

func registerParticipantsV1(rt *router) {
	rt.handle("GET /deals/{id}/participants", 10, func(c *call) *reply {
		rows, _, rep := participants(c)
		if rep != nil {
			return rep
		}
		start, end, additional, rep := paginate(c.q, len(rows.rows))
		if rep != nil {
			return rep
		}
		data := make([]map[string]any, 0, end-start)
		for _, r := range rows.rows[start:end] {
			data = append(data, participantV1(c, c.id, r))
		}
		return ok(http.StatusOK, data, additional, nil)
	})
	rt.handle("POST /deals/{id}/participants", 10, func(c *call) *reply {
		rows, log, rep := participants(c)
		if rep != nil {
			return rep
		}
		f, rep := c.fields()
		if rep != nil {
			return rep
		}
		pid, present, err := f.integer("person_id")
		switch {
		case !present:
			return badRequest(`Parameter "person_id" is required`)
		case err != nil || pid <= 0:
			return badRequest(`Invalid value for field "person_id": expected a positive integer`)
		}
		if _, found := c.st.persons.live(pid); !found {
			return notFound("Person")
		}
		if slices.ContainsFunc(rows.rows, func(r map[string]any) bool { return r["person_id"] == pid }) {
			return badRequest(fmt.Sprintf("Person %d is already a participant of this deal", pid))
		}
		now := c.st.clock()
		rows.seq++
		row := map[string]any{"id": rows.seq, "person_id": pid, "add_time": now}
		rows.rows = append(rows.rows, row)
		log.rows = append(log.rows, map[string]any{"actor_user_id": c.st.meID, "person_id": pid, "action": "added", "time": now})
		return ok(http.StatusOK, participantV1(c, c.id, row), nil, nil)
	})
	rt.handle("DELETE /deals/{id}/participants/{sub}", 6, func(c *call) *reply {
		rows, log, rep := participants(c)
		if rep != nil {
			return rep
		}
		i := slices.IndexFunc(rows.rows, func(r map[string]any) bool { return r["id"] == c.sub })
		if i < 0 {
			return notFound("Participant")
		}
		pid := rows.rows[i]["person_id"]
		rows.rows = slices.Delete(rows.rows, i, i+1)
		log.rows = append(log.rows, map[string]any{"actor_user_id": c.st.meID, "person_id": pid, "action": "removed", "time": c.st.clock()})
		return ok(http.StatusOK, map[string]any{"id": c.sub}, nil, nil)
	})
	rt.handle("GET /deals/{id}/participantsChangelog", 10, func(c *call) *reply {
		_, log, rep := participants(c)
		if rep != nil {
			return rep
		}
		entries := slices.Clone(log.rows)
		slices.Reverse(entries)
		start, end, next, rep := cursorPage(c.q, len(entries), 500)
		if rep != nil {
			return rep
		}
		data := make([]map[string]any, 0, end-start)
		for _, r := range entries[start:end] {
			data = append(data, map[string]any{"actor_user_id": r["actor_user_id"], "person_id": r["person_id"],
				"action": r["action"], "time": ts(r["time"].(time.Time))})
		}
		return ok(http.StatusOK, data, map[string]any{"next_cursor": next}, nil)
	})
}
