package pipedrivetest

import (
	"cmp"
	"strings"
)

// This file holds the v2 pipelines and stages, which v2 (unlike v1) can
// create, update and delete.

func pipelineV2(_ *call, p *pipeline) map[string]any {
	return map[string]any{
		"id":                          p.ID,
		"name":                        p.Name,
		"order_nr":                    p.OrderNr,
		"is_deleted":                  p.Deleted,
		"is_deal_probability_enabled": p.DealProbability,
		"is_selected":                 p.OrderNr == 0,
		"add_time":                    rfc(p.AddTime),
		"update_time":                 rfc(p.UpdateTime),
	}
}

// v2Name applies a required, non-empty name.
func v2Name(f fields, creating bool, dst *string) func() *reply {
	return func() *reply {
		name, present, _, rep := v2Read(f, "name", false, asString, "a string")
		if rep != nil {
			return rep
		}
		if (creating || present) && strings.TrimSpace(name) == "" {
			return badRequest("Name must be given.")
		}
		if present {
			*dst = strings.TrimSpace(name)
		}
		return nil
	}
}

func pipelinesV2() *v2Resource[*pipeline] {
	return &v2Resource[*pipeline]{
		path:     "pipelines",
		noun:     "Pipeline",
		table:    func(st *store) *table[*pipeline] { return &st.pipelines },
		render:   pipelineV2,
		listCost: 5,
		newRow: func(c *call) *pipeline {
			return &pipeline{
				record:          c.st.newRecord(),
				OrderNr:         len(c.st.pipelines.rows),
				Active:          true,
				DealProbability: true,
			}
		},
		apply: func(_ *call, p *pipeline, f fields, creating bool) *reply {
			return applyAll(
				v2Name(f, creating, &p.Name),
				v2SetBool(f, "is_deal_probability_enabled", &p.DealProbability),
			)
		},
		clone: cloneRow[pipeline],
		// Deleting a pipeline deletes its stages too.
		afterDelete: func(c *call, p *pipeline) {
			for _, s := range c.st.stagesOf(p.ID) {
				x := cloneRow(s)
				x.Deleted = true
				x.UpdateTime = p.UpdateTime
				c.st.stages.put(x)
			}
		},
	}
}

func stageV2(_ *call, s *stage) map[string]any {
	return map[string]any{
		"id":                  s.ID,
		"order_nr":            s.OrderNr,
		"name":                s.Name,
		"is_deleted":          s.Deleted,
		"deal_probability":    s.DealProbability,
		"pipeline_id":         s.PipelineID,
		"is_deal_rot_enabled": s.RottenFlag,
		"days_to_rotten":      intPtrOrNil(s.RottenDays),
		"add_time":            rfc(s.AddTime),
		"update_time":         rfc(s.UpdateTime),
	}
}

// nextStageOrder is the order_nr of a stage appended to a pipeline.
func (st *store) nextStageOrder(pipelineID int) int {
	n := 0
	for _, s := range st.stagesOf(pipelineID) {
		n = max(n, s.OrderNr)
	}
	return n + 1
}

func applyStageV2(c *call, s *stage, f fields, creating bool) *reply {
	return applyAll(
		v2Name(f, creating, &s.Name),
		func() *reply {
			id, present, _, rep := v2Read(f, "pipeline_id", false, strictInt, "an integer")
			if rep != nil {
				return rep
			}
			if !present {
				if creating {
					return badRequest(`Field "pipeline_id" is required`)
				}
				return nil
			}
			if _, found := c.st.pipelines.live(id); !found {
				return badRequest("Pipeline not found")
			}
			if creating || id != s.PipelineID {
				s.PipelineID, s.OrderNr = id, c.st.nextStageOrder(id)
			}
			return nil
		},
		func() *reply {
			p, present, _, rep := v2Read(f, "deal_probability", false, strictInt, "an integer from 0 to 100")
			if rep != nil || !present {
				return rep
			}
			if p < 0 || p > 100 {
				return badRequest(fieldErr("deal_probability", "an integer from 0 to 100").Error())
			}
			s.DealProbability = p
			return nil
		},
		v2SetBool(f, "is_deal_rot_enabled", &s.RottenFlag),
		func() *reply {
			n, present, _, rep := v2Read(f, "days_to_rotten", false, strictInt, "a non-negative integer")
			if rep != nil || !present {
				return rep
			}
			if n < 0 {
				return badRequest(fieldErr("days_to_rotten", "a non-negative integer").Error())
			}
			s.RottenDays = &n
			return nil
		},
	)
}

func stagesV2() *v2Resource[*stage] {
	return &v2Resource[*stage]{
		path:     "stages",
		noun:     "Stage",
		table:    func(st *store) *table[*stage] { return &st.stages },
		render:   stageV2,
		listCost: 5,
		filter: func(c *call) (func(*stage) bool, *reply) {
			pid, has, rep := v2QueryInt(c.q, "pipeline_id")
			if rep != nil {
				return nil, rep
			}
			return func(s *stage) bool { return !s.Deleted && (!has || s.PipelineID == pid) }, nil
		},
		sortExtra: map[string]func(a, b *stage) int{
			"order_nr": func(a, b *stage) int { return cmp.Compare(a.OrderNr, b.OrderNr) },
		},
		newRow: func(c *call) *stage {
			return &stage{record: c.st.newRecord(), Active: true, DealProbability: 100}
		},
		apply: applyStageV2,
		clone: cloneRow[stage],
	}
}
