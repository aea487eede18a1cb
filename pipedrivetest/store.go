package pipedrivetest

import (
	"sort"
	"strings"
	"sync"
	"time"
)

// table is a tiny in-memory table of rows with per-table sequential IDs
// starting at 1. The zero value is ready to use. Rows are kept in ID order.
type table[E entity] struct {
	next int
	rows []E
	byID map[int]E
}

// insert assigns the next ID to e and stores it.
func (t *table[E]) insert(e E) E {
	if t.byID == nil {
		t.byID = make(map[int]E)
	}
	t.next++
	e.rec().ID = t.next
	t.rows = append(t.rows, e)
	t.byID[t.next] = e
	return e
}

// get returns the row with the given ID (including soft-deleted rows).
func (t *table[E]) get(id int) (E, bool) {
	e, ok := t.byID[id]
	return e, ok
}

// live returns the row with the given ID unless it is missing or
// soft-deleted.
func (t *table[E]) live(id int) (E, bool) {
	e, ok := t.byID[id]
	if !ok || e.rec().Deleted {
		var zero E
		return zero, false
	}
	return e, true
}

// remove deletes the row permanently.
func (t *table[E]) remove(id int) {
	if _, ok := t.byID[id]; !ok {
		return
	}
	delete(t.byID, id)
	i := sort.Search(len(t.rows), func(i int) bool { return t.rows[i].rec().ID >= id })
	t.rows = append(t.rows[:i], t.rows[i+1:]...)
}

// all returns the rows in ID order (a fresh slice).
func (t *table[E]) all() []E {
	return append([]E(nil), t.rows...)
}

// company describes the emulated Pipedrive company behind one connection.
type company struct {
	ID       int
	Name     string
	Domain   string
	Country  string
	Industry string
}

// store is the complete data of one Pipedrive company (one Maton
// connection). All access goes through mu.
type store struct {
	mu      sync.Mutex
	now     func() time.Time
	company company
	meID    int // the authorizing user

	users      table[*user]
	pipelines  table[*pipeline]
	stages     table[*stage]
	deals      table[*deal]
	persons    table[*person]
	orgs       table[*organization]
	activities table[*activity]
	notes      table[*note]

	// fieldDefs holds the field definitions per entity ("deal", "person",
	// "organization", "activity"): the built-in fields first, then the
	// custom ones in creation order.
	fieldDefs map[string][]*fieldDef
	fieldSeq  int   // last field id
	optionSeq int   // last option id
	keySeed   int64 // mixed into custom-field keys (WithSeed)

	storyID int // additional_data.updates_story_id counter

	hooks   []*webhookSub // webhook subscriptions
	hookSeq int           // last webhook id

	crud  map[string]*crudTable  // the generic store's tables, by resource path
	convs map[string]*conversion // lead/deal conversion jobs, by id
}

// newStore returns a store with the authorizing user (id 1, "Alice Admin")
// and the built-in field definitions and, when seed is true, the "Sales"
// pipeline with its four stages and the seed deal custom fields. keySeed
// is mixed into the keys of custom fields.
func newStore(now func() time.Time, companyID int, seed bool, keySeed int64) *store {
	st := &store{
		now:     now,
		keySeed: keySeed,
		company: company{
			ID:       companyID,
			Name:     "Emulated Company",
			Domain:   "emulated",
			Country:  "US",
			Industry: "Software",
		},
	}
	st.meID = st.addUser("Alice Admin", "alice@example.com", true).ID
	st.addBuiltinFields()
	if seed {
		st.addPipeline("Sales", "Qualified", "Contact Made", "Proposal Made", "Negotiations Started")
		for _, f := range seedDealFields {
			if _, err := st.addField("deal", f); err != nil {
				panic("pipedrivetest: seed field: " + err.Error())
			}
		}
	}
	return st
}

// clock returns the current emulated time, truncated to seconds (the v1 wire
// format has second precision).
func (st *store) clock() time.Time {
	return st.now().UTC().Truncate(time.Second)
}

func (st *store) newRecord() record {
	now := st.clock()
	return record{AddTime: now, UpdateTime: now}
}

func (st *store) addUser(name, email string, admin bool) *user {
	return st.users.insert(&user{
		record:          st.newRecord(),
		Name:            name,
		Email:           email,
		DefaultCurrency: "USD",
		Locale:          "en_US",
		Lang:            1,
		TimezoneName:    "UTC",
		TimezoneOffset:  "+00:00",
		RoleID:          1,
		Admin:           admin,
		Activated:       true,
	})
}

func (st *store) addPipeline(name string, stageNames ...string) (*pipeline, []*stage) {
	p := st.pipelines.insert(&pipeline{
		record:          st.newRecord(),
		Name:            name,
		OrderNr:         len(st.pipelines.rows),
		Active:          true,
		DealProbability: true,
	})
	var out []*stage
	for i, sn := range stageNames {
		out = append(out, st.stages.insert(&stage{
			record:          st.newRecord(),
			PipelineID:      p.ID,
			Name:            sn,
			OrderNr:         i + 1,
			Active:          true,
			DealProbability: 100,
		}))
	}
	return p, out
}

// firstStage returns the first active stage of the pipeline (by order_nr,
// then id), or nil.
func (st *store) firstStage(pipelineID int) *stage {
	var best *stage
	for _, s := range st.stages.rows {
		if s.PipelineID != pipelineID || s.Deleted || !s.Active {
			continue
		}
		if best == nil || s.OrderNr < best.OrderNr {
			best = s
		}
	}
	return best
}

// defaultStage is the first stage of the first (default) pipeline.
func (st *store) defaultStage() *stage {
	ps := st.pipelines.all()
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].OrderNr < ps[j].OrderNr })
	for _, p := range ps {
		if p.Deleted || !p.Active {
			continue
		}
		if s := st.firstStage(p.ID); s != nil {
			return s
		}
	}
	return nil
}

// stagesOf returns the stages of a pipeline in pipeline order.
func (st *store) stagesOf(pipelineID int) []*stage {
	var out []*stage
	for _, s := range st.stages.rows {
		if s.PipelineID == pipelineID && !s.Deleted {
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].OrderNr < out[j].OrderNr })
	return out
}

// nextStoryID returns a fresh updates_story_id.
func (st *store) nextStoryID() int {
	st.storyID++
	return st.storyID
}

// kind identifies an entity type in aggregate keys.
type kind byte

const (
	kDeal kind = iota + 1
	kPerson
	kOrg
)

type refKey struct {
	k  kind
	id int
}

// actStats summarises the activities linked to one entity.
type actStats struct {
	total, done, undone int
	next, last          *activity
}

// dealStats summarises the deals linked to a person or organization.
type dealStats struct {
	open, won, lost int
}

// aggregates holds derived counters computed from the whole store once per
// request (counts, next/last activity, people_count ...).
type aggregates struct {
	acts   map[refKey]*actStats
	notes  map[refKey]int
	deals  map[refKey]*dealStats
	people map[int]int // org id -> active persons
}

// activityOrder orders activities by due date and time (undated last), then
// by id.
func activityBefore(a, b *activity) bool {
	ka := a.DueDate + " " + a.DueTime
	kb := b.DueDate + " " + b.DueTime
	if a.DueDate == "" {
		ka = "~"
	}
	if b.DueDate == "" {
		kb = "~"
	}
	if ka != kb {
		return ka < kb
	}
	return a.ID < b.ID
}

func (st *store) aggregate() *aggregates {
	ag := &aggregates{
		acts:   map[refKey]*actStats{},
		notes:  map[refKey]int{},
		deals:  map[refKey]*dealStats{},
		people: map[int]int{},
	}
	for _, a := range st.activities.rows {
		if a.Deleted {
			continue
		}
		for _, key := range []refKey{{kDeal, a.DealID}, {kPerson, a.PersonID}, {kOrg, a.OrgID}} {
			if key.id == 0 {
				continue
			}
			s := ag.acts[key]
			if s == nil {
				s = &actStats{}
				ag.acts[key] = s
			}
			s.total++
			if a.Done {
				s.done++
				if s.last == nil || activityBefore(s.last, a) {
					s.last = a
				}
			} else {
				s.undone++
				if s.next == nil || activityBefore(a, s.next) {
					s.next = a
				}
			}
		}
	}
	for _, n := range st.notes.rows {
		for _, key := range []refKey{{kDeal, n.DealID}, {kPerson, n.PersonID}, {kOrg, n.OrgID}} {
			if key.id != 0 {
				ag.notes[key]++
			}
		}
	}
	for _, d := range st.deals.rows {
		if d.Deleted {
			continue
		}
		for _, key := range []refKey{{kPerson, d.PersonID}, {kOrg, d.OrgID}} {
			if key.id == 0 {
				continue
			}
			s := ag.deals[key]
			if s == nil {
				s = &dealStats{}
				ag.deals[key] = s
			}
			switch d.Status {
			case "won":
				s.won++
			case "lost":
				s.lost++
			default:
				s.open++
			}
		}
	}
	for _, p := range st.persons.rows {
		if !p.Deleted && p.OrgID != 0 {
			ag.people[p.OrgID]++
		}
	}
	return ag
}

func (ag *aggregates) activities(k kind, id int) actStats {
	if s := ag.acts[refKey{k, id}]; s != nil {
		return *s
	}
	return actStats{}
}

func (ag *aggregates) dealCounts(k kind, id int) dealStats {
	if s := ag.deals[refKey{k, id}]; s != nil {
		return *s
	}
	return dealStats{}
}

// splitName splits a person's name into first and last name the way
// Pipedrive does (first word / the rest).
func splitName(name string) (first, last string) {
	name = strings.TrimSpace(name)
	if i := strings.IndexByte(name, ' '); i >= 0 {
		return name[:i], strings.TrimSpace(name[i+1:])
	}
	return name, ""
}
