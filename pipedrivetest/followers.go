package pipedrivetest

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// Followers of deals, persons, organizations and products, served by API
// v1 and v2 from one store. Like Pipedrive, an entity's owner follows it
// from the start; v2 keeps a changelog of who started and stopped
// following, and v1 addresses a following by its own id while v2
// addresses it by the user's.

// followable are the kinds of entity with followers, with the v1 name of
// the entity's id in a follower row.
var followable = []struct{ kind, idField string }{
	{"deals", "deal_id"}, {"persons", "person_id"}, {"organizations", "org_id"}, {"products", "product_id"},
}

// children returns the generic table of rows that live under one entity,
// such as "deals/5/followers", creating it empty.
func (st *store) children(key string) (t *crudTable, created bool) {
	if st.crud == nil {
		st.crud = map[string]*crudTable{}
	}
	if t = st.crud[key]; t == nil {
		t, created = &crudTable{}, true
		st.crud[key] = t
	}
	return t, created
}

// parentOwner finds the live entity of kind with id and returns its owner
// (0 when it has none) and when it was added.
func (st *store) parentOwner(kind string, id int) (owner int, added time.Time, found bool) {
	switch kind {
	case "deals":
		if d, ok := st.deals.live(id); ok {
			return d.OwnerID, d.AddTime, true
		}
	case "persons":
		if p, ok := st.persons.live(id); ok {
			return p.OwnerID, p.AddTime, true
		}
	case "organizations":
		if o, ok := st.orgs.live(id); ok {
			return o.OwnerID, o.AddTime, true
		}
	case "notes":
		if n, ok := st.notes.live(id); ok {
			return n.UserID, n.AddTime, true
		}
	default: // declared on the generic store
		if t := st.crud[kind]; t != nil {
			if i := t.find(id); i >= 0 {
				owner, _ := t.rows[i]["owner_id"].(int)
				added, _ := time.Parse(time.RFC3339, fmt.Sprint(t.rows[i]["add_time"]))
				return owner, added, true
			}
		}
	}
	return 0, time.Time{}, false
}

// followers returns the followers and changelog tables of an entity, with
// its owner as the first follower, or a 404 when the entity is missing.
func followers(c *call, kind string) (rows, log *crudTable, rep *reply) {
	owner, added, found := c.st.parentOwner(kind, c.id)
	if !found {
		return nil, nil, notFound(nounOf(kind))
	}
	key := kind + "/" + strconv.Itoa(c.id) + "/followers"
	rows, created := c.st.children(key)
	log, _ = c.st.children(key + "/changelog")
	if created && owner > 0 {
		rows.seq++
		rows.rows = append(rows.rows, map[string]any{"id": rows.seq, "user_id": owner, "add_time": added})
		log.rows = append(log.rows, map[string]any{"action": "added", "actor_user_id": owner, "follower_user_id": owner, "time": added})
	}
	return rows, log, nil
}

// nounOf is the "<noun> not found" noun of a kind.
func nounOf(kind string) string {
	return map[string]string{"deals": "Deal", "persons": "Person", "organizations": "Organization", "products": "Product", "notes": "Note"}[kind]
}

// follow adds userID from the body to the entity's followers.
func follow(c *call, kind string, body func() (fields, *reply)) (map[string]any, *reply) {
	rows, log, rep := followers(c, kind)
	if rep != nil {
		return nil, rep
	}
	f, rep := body()
	if rep != nil {
		return nil, rep
	}
	userID, present, err := f.integer("user_id")
	switch {
	case !present:
		return nil, badRequest(`Parameter "user_id" is required`)
	case err != nil || userID <= 0:
		return nil, badRequest(`Invalid value for field "user_id": expected a positive integer`)
	}
	if _, ok := c.st.users.live(userID); !ok {
		return nil, notFound("User")
	}
	if slices.ContainsFunc(rows.rows, func(r map[string]any) bool { return r["user_id"] == userID }) {
		return nil, badRequest(fmt.Sprintf("User %d already follows this %s", userID, singular(kind)))
	}
	now := c.st.clock()
	rows.seq++
	row := map[string]any{"id": rows.seq, "user_id": userID, "add_time": now}
	rows.rows = append(rows.rows, row)
	log.rows = append(log.rows, map[string]any{"action": "added", "actor_user_id": c.st.meID, "follower_user_id": userID, "time": now})
	return row, nil
}

// unfollow removes the following whose key (id in v1, user_id in v2) is
// c.sub.
func unfollow(c *call, kind, key string) (map[string]any, *reply) {
	rows, log, rep := followers(c, kind)
	if rep != nil {
		return nil, rep
	}
	i := slices.IndexFunc(rows.rows, func(r map[string]any) bool { return r[key] == c.sub })
	if i < 0 {
		return nil, notFound("Follower")
	}
	row := rows.rows[i]
	rows.rows = slices.Delete(rows.rows, i, i+1)
	log.rows = append(log.rows, map[string]any{"action": "removed", "actor_user_id": c.st.meID, "follower_user_id": row["user_id"], "time": c.st.clock()})
	return row, nil
}

func singular(kind string) string {
	return map[string]string{"deals": "deal", "persons": "person", "organizations": "organization", "products": "product"}[kind]
}

// registerFollowersV1 adds the v1 followers operations of every kind.
func registerFollowersV1(rt *router) {
	for _, k := range followable {
		render := func(r map[string]any, id int) map[string]any {
			return map[string]any{"id": r["id"], "user_id": r["user_id"], k.idField: id, "add_time": ts(r["add_time"].(time.Time))}
		}
		base := "/" + k.kind + "/{id}/followers"
		rt.handle("GET "+base, 20, func(c *call) *reply {
			rows, _, rep := followers(c, k.kind)
			if rep != nil {
				return rep
			}
			data := make([]map[string]any, 0, len(rows.rows))
			for _, r := range rows.rows {
				data = append(data, render(r, c.id))
			}
			return ok(http.StatusOK, data, map[string]any{"pagination": map[string]any{
				"start": 0, "limit": max(100, len(data)), "more_items_in_collection": false,
			}}, nil)
		})
		rt.handle("POST "+base, 10, func(c *call) *reply {
			row, rep := follow(c, k.kind, c.fields)
			if rep != nil {
				return rep
			}
			status := http.StatusOK
			if k.kind == "products" {
				status = http.StatusCreated // as the spec declares for products only
			}
			return ok(status, render(row, c.id), nil, nil)
		})
		rt.handle("DELETE "+base+"/{sub}", 6, func(c *call) *reply {
			row, rep := unfollow(c, k.kind, "id")
			if rep != nil {
				return rep
			}
			return ok(http.StatusOK, map[string]any{"id": row["id"]}, nil, nil)
		})
	}
}

// registerFollowersV2 adds the v2 followers operations of every kind.
func registerFollowersV2(rt *router) {
	for _, k := range followable {
		base := "/" + k.kind + "/{id}/followers"
		page := func(c *call, t *crudTable, render func(map[string]any) map[string]any) *reply {
			start, end, next, rep := cursorPage(c.q, len(t.rows), v2MaxLimit)
			if rep != nil {
				return rep
			}
			data := make([]map[string]any, 0, end-start)
			for _, r := range t.rows[start:end] {
				data = append(data, render(r))
			}
			return okV2List(data, next)
		}
		follower := func(r map[string]any) map[string]any {
			return map[string]any{"user_id": r["user_id"], "add_time": rfc(r["add_time"].(time.Time))}
		}
		rt.handle("GET "+base, 10, func(c *call) *reply {
			rows, _, rep := followers(c, k.kind)
			if rep != nil {
				return rep
			}
			return page(c, rows, follower)
		})
		rt.handle("GET "+base+"/changelog", 10, func(c *call) *reply {
			_, log, rep := followers(c, k.kind)
			if rep != nil {
				return rep
			}
			return page(c, log, func(r map[string]any) map[string]any {
				return map[string]any{"action": r["action"], "actor_user_id": r["actor_user_id"],
					"follower_user_id": r["follower_user_id"], "time": rfc(r["time"].(time.Time))}
			})
		})
		rt.handle("POST "+base, 5, func(c *call) *reply {
			row, rep := follow(c, k.kind, c.bodyV2)
			if rep != nil {
				return rep
			}
			return jsonReply(http.StatusCreated, map[string]any{"success": true, "data": follower(row)})
		})
		rt.handle("DELETE "+base+"/{sub}", 3, func(c *call) *reply {
			row, rep := unfollow(c, k.kind, "user_id")
			if rep != nil {
				return rep
			}
			return okV2(map[string]any{"user_id": row["user_id"]})
		})
	}
}
