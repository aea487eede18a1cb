package pipedrivetest

import (
	"fmt"
	"net/http"
	"strings"
)

// This file holds the read-only v1 resources: pipelines, stages and users.

func pipelineV1(p *pipeline) map[string]any {
	return map[string]any{
		"id":               p.ID,
		"name":             p.Name,
		"url_title":        strings.ReplaceAll(p.Name, " ", "-"),
		"order_nr":         p.OrderNr,
		"active":           p.Active && !p.Deleted,
		"deal_probability": p.DealProbability,
		"add_time":         ts(p.AddTime),
		"update_time":      ts(p.UpdateTime),
		"selected":         p.OrderNr == 0,
	}
}

func pipelinesV1() *v1Resource[*pipeline] {
	return &v1Resource[*pipeline]{
		path:     "pipelines",
		noun:     "Pipeline",
		table:    func(st *store) *table[*pipeline] { return &st.pipelines },
		render:   func(_ *call, p *pipeline) map[string]any { return pipelineV1(p) },
		listCost: 10,
	}
}

func stageV1(c *call, s *stage) map[string]any {
	m := map[string]any{
		"id":               s.ID,
		"order_nr":         s.OrderNr,
		"name":             s.Name,
		"active_flag":      s.Active && !s.Deleted,
		"deal_probability": s.DealProbability,
		"pipeline_id":      s.PipelineID,
		"rotten_flag":      s.RottenFlag,
		"rotten_days":      intPtrOrNil(s.RottenDays),
		"add_time":         ts(s.AddTime),
		"update_time":      ts(s.UpdateTime),
	}
	if p, found := c.st.pipelines.get(s.PipelineID); found {
		m["pipeline_name"] = p.Name
		m["pipeline_deal_probability"] = p.DealProbability
	}
	return m
}

func stagesV1() *v1Resource[*stage] {
	return &v1Resource[*stage]{
		path:      "stages",
		noun:      "Stage",
		table:     func(st *store) *table[*stage] { return &st.stages },
		render:    stageV1,
		paginated: true,
		listCost:  10,
		filter: func(c *call) (func(*stage) bool, *reply) {
			pid, has, rep := queryInt(c.q, "pipeline_id")
			if rep != nil {
				return nil, rep
			}
			return func(s *stage) bool {
				return !s.Deleted && (!has || s.PipelineID == pid)
			}, nil
		},
	}
}

// permissionSetID returns a deterministic UUID-shaped permission set ID.
func permissionSetID(app string, admin bool) string {
	var h uint64 = 1469598103934665603
	for _, b := range []byte(fmt.Sprint(app, admin)) {
		h = (h ^ uint64(b)) * 1099511628211
	}
	return fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", uint32(h), uint16(h>>32), uint16(h>>48)&0xfff,
		uint16(h>>20)&0xfff, h&0xffffffffffff)
}

func userV1(c *call, u *user) map[string]any {
	access := []any{
		map[string]any{"app": "sales", "admin": u.Admin, "permission_set_id": permissionSetID("sales", u.Admin)},
		map[string]any{"app": "global", "admin": u.Admin, "permission_set_id": permissionSetID("global", u.Admin)},
	}
	if u.Admin {
		access = append(access, map[string]any{
			"app": "account_settings", "admin": true, "permission_set_id": permissionSetID("account_settings", true),
		})
	}
	return map[string]any{
		"id":                  u.ID,
		"name":                u.Name,
		"default_currency":    u.DefaultCurrency,
		"locale":              u.Locale,
		"lang":                u.Lang,
		"email":               u.Email,
		"phone":               strOrNil(u.Phone),
		"activated":           u.Activated,
		"last_login":          ts(u.AddTime),
		"created":             ts(u.AddTime),
		"modified":            ts(u.UpdateTime),
		"has_created_company": u.ID == c.st.meID,
		"access":              access,
		"active_flag":         !u.Deleted,
		"timezone_name":       u.TimezoneName,
		"timezone_offset":     u.TimezoneOffset,
		"role_id":             u.RoleID,
		"icon_url":            strOrNil(u.IconURL),
		"is_you":              u.ID == c.st.meID,
		"is_deleted":          u.Deleted,
	}
}

func registerUsersV1(rt *router) {
	rt.handle("GET /users", 20, func(c *call) *reply {
		var data []any
		for _, u := range c.st.users.rows {
			data = append(data, userV1(c, u))
		}
		return ok(http.StatusOK, data, nil, nil)
	})
	rt.handle("GET /users/me", 2, func(c *call) *reply {
		u, _ := c.st.users.get(c.st.meID)
		m := userV1(c, u)
		m["company_id"] = c.st.company.ID
		m["company_name"] = c.st.company.Name
		m["company_domain"] = c.st.company.Domain
		m["company_country"] = c.st.company.Country
		m["company_industry"] = c.st.company.Industry
		m["language"] = map[string]any{"language_code": "en", "country_code": "US"}
		return ok(http.StatusOK, m, nil, nil)
	})
	rt.handle("GET /users/{id}", 2, func(c *call) *reply {
		u, found := c.st.users.get(c.id)
		if !found {
			return jsonReply(http.StatusNotFound, map[string]any{
				"success": false,
				"error":   "User not found or not accessible.",
			})
		}
		return ok(http.StatusOK, userV1(c, u), nil, nil)
	})
}
