package pipedrive

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// allMethod is one All/SearchAll/ArchivedAll iterator of the SDK, drained
// into a count of items and the final error.
type allMethod struct {
	name  string
	v2    bool
	drain func(ctx context.Context, c *Client) (int, error)
}

// drainSeq ranges seq to the end.
func drainSeq[T any](seq iter.Seq2[T, error]) (n int, err error) {
	for _, e := range seq {
		if e != nil {
			return n, e
		}
		n++
	}
	return n, nil
}

func m[T any](name string, v2 bool, seq func(ctx context.Context, c *Client) iter.Seq2[T, error]) allMethod {
	return allMethod{name: name, v2: v2, drain: func(ctx context.Context, c *Client) (int, error) { return drainSeq(seq(ctx, c)) }}
}

// allMethods lists every iterator of the SDK. TestEveryIteratorListed keeps
// it complete.
func allMethods() []allMethod {
	return []allMethod{
		m("Deals.All", false, func(ctx context.Context, c *Client) iter.Seq2[*Deal, error] { return c.Deals.All(ctx, nil) }),
		m("Deals.SearchAll", false, func(ctx context.Context, c *Client) iter.Seq2[*DealSearchResult, error] {
			return c.Deals.SearchAll(ctx, &DealSearchOptions{Term: "acme"})
		}),
		m("Persons.All", false, func(ctx context.Context, c *Client) iter.Seq2[*Person, error] { return c.Persons.All(ctx, nil) }),
		m("Persons.SearchAll", false, func(ctx context.Context, c *Client) iter.Seq2[*PersonSearchResult, error] {
			return c.Persons.SearchAll(ctx, &PersonSearchOptions{Term: "acme"})
		}),
		m("Organizations.All", false, func(ctx context.Context, c *Client) iter.Seq2[*Organization, error] {
			return c.Organizations.All(ctx, nil)
		}),
		m("Organizations.SearchAll", false, func(ctx context.Context, c *Client) iter.Seq2[*OrganizationSearchResult, error] {
			return c.Organizations.SearchAll(ctx, &OrganizationSearchOptions{Term: "acme"})
		}),
		m("Activities.All", false, func(ctx context.Context, c *Client) iter.Seq2[*Activity, error] { return c.Activities.All(ctx, nil) }),
		m("Notes.All", false, func(ctx context.Context, c *Client) iter.Seq2[*Note, error] { return c.Notes.All(ctx, nil) }),
		m("Stages.All", false, func(ctx context.Context, c *Client) iter.Seq2[*Stage, error] { return c.Stages.All(ctx, nil) }),
		m("Leads.All", false, func(ctx context.Context, c *Client) iter.Seq2[*Lead, error] { return c.Leads.All(ctx, nil) }),
		m("Leads.ArchivedAll", false, func(ctx context.Context, c *Client) iter.Seq2[*Lead, error] {
			return c.Leads.ArchivedAll(ctx, nil)
		}),
		m("Fields.All", false, func(ctx context.Context, c *Client) iter.Seq2[*FieldDefinition, error] {
			return c.Fields.All(ctx, EntityDeal, nil)
		}),
		m("V2.Deals.All", true, func(ctx context.Context, c *Client) iter.Seq2[*V2Deal, error] { return c.V2.Deals.All(ctx, nil) }),
		m("V2.Deals.ArchivedAll", true, func(ctx context.Context, c *Client) iter.Seq2[*V2Deal, error] {
			return c.V2.Deals.ArchivedAll(ctx, nil)
		}),
		m("V2.Deals.SearchAll", true, func(ctx context.Context, c *Client) iter.Seq2[*V2DealSearchResult, error] {
			return c.V2.Deals.SearchAll(ctx, &V2DealSearchOptions{Term: "acme"})
		}),
		m("V2.Persons.All", true, func(ctx context.Context, c *Client) iter.Seq2[*V2Person, error] { return c.V2.Persons.All(ctx, nil) }),
		m("V2.Persons.SearchAll", true, func(ctx context.Context, c *Client) iter.Seq2[*V2PersonSearchResult, error] {
			return c.V2.Persons.SearchAll(ctx, &V2PersonSearchOptions{Term: "acme"})
		}),
		m("V2.Organizations.All", true, func(ctx context.Context, c *Client) iter.Seq2[*V2Organization, error] {
			return c.V2.Organizations.All(ctx, nil)
		}),
		m("V2.Organizations.SearchAll", true, func(ctx context.Context, c *Client) iter.Seq2[*V2OrganizationSearchResult, error] {
			return c.V2.Organizations.SearchAll(ctx, &V2OrganizationSearchOptions{Term: "acme"})
		}),
		m("V2.Activities.All", true, func(ctx context.Context, c *Client) iter.Seq2[*V2Activity, error] {
			return c.V2.Activities.All(ctx, nil)
		}),
		m("V2.Pipelines.All", true, func(ctx context.Context, c *Client) iter.Seq2[*V2Pipeline, error] {
			return c.V2.Pipelines.All(ctx, nil)
		}),
		m("V2.Stages.All", true, func(ctx context.Context, c *Client) iter.Seq2[*V2Stage, error] { return c.V2.Stages.All(ctx, nil) }),
		m("V2.Fields.All", true, func(ctx context.Context, c *Client) iter.Seq2[*V2FieldDefinition, error] {
			return c.V2.Fields.All(ctx, EntityDeal, nil)
		}),
		m("V2.Leads.SearchAll", true, func(ctx context.Context, c *Client) iter.Seq2[*V2LeadSearchResult, error] {
			return c.V2.Leads.SearchAll(ctx, &V2LeadSearchOptions{Term: "acme"})
		}),
		m("V2.ItemSearch.SearchAll", true, func(ctx context.Context, c *Client) iter.Seq2[*V2ItemSearchResult, error] {
			return c.V2.ItemSearch.SearchAll(ctx, &V2ItemSearchOptions{Term: "acme"})
		}),
		m("Deals.ChangelogAll", true, func(ctx context.Context, c *Client) iter.Seq2[*ChangelogEntry, error] {
			return c.Deals.ChangelogAll(ctx, 1, nil)
		}),
		m("Deals.UpdatesAll", false, func(ctx context.Context, c *Client) iter.Seq2[*FlowItem, error] {
			return c.Deals.UpdatesAll(ctx, 1, nil)
		}),
		m("Persons.ChangelogAll", true, func(ctx context.Context, c *Client) iter.Seq2[*ChangelogEntry, error] {
			return c.Persons.ChangelogAll(ctx, 1, nil)
		}),
		m("Persons.UpdatesAll", false, func(ctx context.Context, c *Client) iter.Seq2[*FlowItem, error] {
			return c.Persons.UpdatesAll(ctx, 1, nil)
		}),
		m("Organizations.ChangelogAll", true, func(ctx context.Context, c *Client) iter.Seq2[*ChangelogEntry, error] {
			return c.Organizations.ChangelogAll(ctx, 1, nil)
		}),
		m("Organizations.UpdatesAll", false, func(ctx context.Context, c *Client) iter.Seq2[*FlowItem, error] {
			return c.Organizations.UpdatesAll(ctx, 1, nil)
		}),
		m("Deals.ParticipantsAll", false, func(ctx context.Context, c *Client) iter.Seq2[*DealParticipant, error] {
			return c.Deals.ParticipantsAll(ctx, 1, nil)
		}),
		m("Deals.ParticipantsChangelogAll", true, func(ctx context.Context, c *Client) iter.Seq2[*DealParticipantChange, error] {
			return c.Deals.ParticipantsChangelogAll(ctx, 1, nil)
		}),
		m("V2.Products.All", true, func(ctx context.Context, c *Client) iter.Seq2[*V2Product, error] {
			return c.V2.Products.All(ctx, nil)
		}),
		m("V2.Products.SearchAll", true, func(ctx context.Context, c *Client) iter.Seq2[*V2ProductSearchResult, error] {
			return c.V2.Products.SearchAll(ctx, &V2ProductSearchOptions{Term: "acme"})
		}),
		m("V2.Products.VariationsAll", true, func(ctx context.Context, c *Client) iter.Seq2[*V2ProductVariation, error] {
			return c.V2.Products.VariationsAll(ctx, 1, nil)
		}),
		m("V2.Deals.ProductsAll", true, func(ctx context.Context, c *Client) iter.Seq2[*V2DealProduct, error] {
			return c.V2.Deals.ProductsAll(ctx, 1, nil)
		}),
		m("V2.Deals.ProductsOfDealsAll", true, func(ctx context.Context, c *Client) iter.Seq2[*V2DealProduct, error] {
			return c.V2.Deals.ProductsOfDealsAll(ctx, &V2DealsProductsOptions{DealIDs: []int{1, 2}})
		}),
		m("V2.Deals.InstallmentsAll", true, func(ctx context.Context, c *Client) iter.Seq2[*V2Installment, error] {
			return c.V2.Deals.InstallmentsAll(ctx, &V2InstallmentListOptions{DealIDs: []int{1}})
		}),
		m("Leads.SearchAll", false, func(ctx context.Context, c *Client) iter.Seq2[*V2LeadSearchResult, error] {
			return c.Leads.SearchAll(ctx, &LeadSearchOptions{Term: "acme"})
		}),
		m("V2.Users.FollowersAll", true, func(ctx context.Context, c *Client) iter.Seq2[*V2Follower, error] {
			return c.V2.Users.FollowersAll(ctx, 1, nil)
		}),
		m("V2.ItemSearch.FieldAll", true, func(ctx context.Context, c *Client) iter.Seq2[V2FieldSearchResult, error] {
			return c.V2.ItemSearch.FieldAll(ctx, &V2FieldSearchOptions{Term: "acme", EntityType: "deal", Field: "title"})
		}),
		m("Recents.All", false, func(ctx context.Context, c *Client) iter.Seq2[*RecentItem, error] {
			return c.Recents.All(ctx, &RecentsOptions{Since: time.Unix(0, 0)})
		}),
		m("CallLogs.All", false, func(ctx context.Context, c *Client) iter.Seq2[*CallLog, error] {
			return c.CallLogs.All(ctx, nil)
		}),
		m("Files.All", false, func(ctx context.Context, c *Client) iter.Seq2[*File, error] {
			return c.Files.All(ctx, nil)
		}),
		m("V2.Projects.All", true, func(ctx context.Context, c *Client) iter.Seq2[*V2Project, error] {
			return c.V2.Projects.All(ctx, nil)
		}),
		m("V2.Projects.ArchivedAll", true, func(ctx context.Context, c *Client) iter.Seq2[*V2Project, error] {
			return c.V2.Projects.ArchivedAll(ctx, nil)
		}),
		m("V2.Projects.ChangelogAll", true, func(ctx context.Context, c *Client) iter.Seq2[*V2ProjectChange, error] {
			return c.V2.Projects.ChangelogAll(ctx, 1, nil)
		}),
		m("V2.Projects.SearchAll", true, func(ctx context.Context, c *Client) iter.Seq2[*V2ProjectSearchResult, error] {
			return c.V2.Projects.SearchAll(ctx, &V2ProjectSearchOptions{Term: "acme"})
		}),
		m("V2.Tasks.All", true, func(ctx context.Context, c *Client) iter.Seq2[*V2Task, error] {
			return c.V2.Tasks.All(ctx, nil)
		}),
		m("V2.ProjectTemplates.All", true, func(ctx context.Context, c *Client) iter.Seq2[*V2ProjectTemplate, error] {
			return c.V2.ProjectTemplates.All(ctx, nil)
		}),
		m("V2.Followers.All", true, func(ctx context.Context, c *Client) iter.Seq2[*V2Follower, error] {
			return c.V2.Followers.All(ctx, FollowedDeal, 1, nil)
		}),
		m("V2.Followers.ChangelogAll", true, func(ctx context.Context, c *Client) iter.Seq2[*V2FollowerChange, error] {
			return c.V2.Followers.ChangelogAll(ctx, FollowedOrganization, 1, nil)
		}),
		m("Mailbox.ThreadsAll", false, func(ctx context.Context, c *Client) iter.Seq2[*MailThread, error] {
			return c.Mailbox.ThreadsAll(ctx, &MailThreadListOptions{Folder: MailInbox})
		}),
		m("Roles.All", false, func(ctx context.Context, c *Client) iter.Seq2[*Role, error] { return c.Roles.All(ctx, nil) }),
		m("Roles.AssignmentsAll", false, func(ctx context.Context, c *Client) iter.Seq2[*RoleAssignment, error] {
			return c.Roles.AssignmentsAll(ctx, 1, nil)
		}),
		m("PermissionSets.AssignmentsAll", false, func(ctx context.Context, c *Client) iter.Seq2[*PermissionSetAssignment, error] {
			return c.PermissionSets.AssignmentsAll(ctx, "f07d229d-088a-4144-a40f-1fe64295d180", nil)
		}),
	}
}

// pagingServer answers every GET with one item per page and the pagination
// the test's next function decides. It refuses more than maxPages requests
// with a 400 (never retried), so a regression fails instead of hanging.
type pagingServer struct {
	requests atomic.Int64
	// page returns, for the n-th request (0-based) and the position asked
	// (start or cursor), the items of the page (nil for "data": null) and
	// the pagination: more/next_start for v1, next_cursor for v2.
	page func(n int, pos string) (items []int, more bool, next string)
}

const maxPages = 50

func (ps *pagingServer) handler(t *testing.T, v2 bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n := int(ps.requests.Add(1)) - 1
		if n >= maxPages {
			writeJSON(t, w, http.StatusBadRequest, `{"success":false,"error":"too many pages"}`)
			return
		}
		pos := r.URL.Query().Get("start")
		if v2 {
			pos = r.URL.Query().Get("cursor")
		}
		items, more, next := ps.page(n, pos)
		var data string
		switch {
		case items == nil:
			data = "null"
		default:
			objs := make([]string, len(items))
			for i, id := range items {
				objs[i] = fmt.Sprintf(`{"id":%d,"key":"k%d","name":"n%d","result_score":1,"item":{"id":%d,"type":"deal"}}`, id, id, id, id)
				if strings.Contains(r.URL.Path, "/leads") { // lead ids are UUIDs
					objs[i] = fmt.Sprintf(`{"id":"00000000-0000-4000-8000-%012d","title":"n%d"}`, id, id)
				}
			}
			data = "[" + strings.Join(objs, ",") + "]"
			if strings.HasSuffix(r.URL.Path, "/search") || strings.HasSuffix(r.URL.Path, "/itemSearch") {
				data = `{"items":` + data + `}`
			}
		}
		var extra string
		if v2 {
			if next == "" {
				extra = `{"next_cursor":null}`
			} else {
				extra = `{"next_cursor":"` + next + `"}`
			}
		} else {
			start, _ := strconv.Atoi(pos)
			nextStart, _ := strconv.Atoi(next)
			extra = fmt.Sprintf(`{"pagination":{"start":%d,"limit":1,"more_items_in_collection":%t,"next_start":%d}}`, start, more, nextStart)
		}
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":`+data+`,"additional_data":`+extra+`}`)
	}
}

func newPagingEnv(t *testing.T, v2 bool, page func(n int, pos string) ([]int, bool, string)) (*testEnv, *pagingServer) {
	env := setupRaw(t)
	ps := &pagingServer{page: page}
	env.gateway.Handle("GET /", ps.handler(t, v2))
	return env, ps
}

// TestIteratorsStallWithError: a server whose pagination does not move
// forward ends every iterator with ErrPaginationStalled after the items it
// already yielded — never an endless loop, never a silent stop.
func TestIteratorsStallWithError(t *testing.T) {
	v1Cases := []struct {
		name      string
		page      func(n int, pos string) ([]int, bool, string)
		wantItems int
	}{
		{"repeated next_start", func(n int, pos string) ([]int, bool, string) { return []int{n + 1}, true, "1" }, 2},
		{"next_start moves backwards", func(n int, pos string) ([]int, bool, string) {
			if n == 0 {
				return []int{1}, true, "5"
			}
			return []int{n + 1}, true, "2"
		}, 2},
		{"next_start equal to start", func(n int, pos string) ([]int, bool, string) { return []int{n + 1}, true, pos }, 1},
		{"more items with an empty page", func(n int, pos string) ([]int, bool, string) {
			if n == 0 {
				return []int{1}, true, "1"
			}
			return []int{}, true, "2"
		}, 1},
		{"more items with a null page", func(n int, pos string) ([]int, bool, string) {
			if n == 0 {
				return []int{1}, true, "1"
			}
			return nil, true, "2"
		}, 1},
	}
	v2Cases := []struct {
		name      string
		page      func(n int, pos string) ([]int, bool, string)
		wantItems int
	}{
		{"repeated next_cursor", func(n int, pos string) ([]int, bool, string) { return []int{n + 1}, false, "c1" }, 2},
		{"cursor cycle", func(n int, pos string) ([]int, bool, string) {
			return []int{n + 1}, false, []string{"a", "b", "a"}[min(n, 2)]
		}, 3},
		{"next_cursor with an empty page", func(n int, pos string) ([]int, bool, string) {
			if n == 0 {
				return []int{1}, false, "c1"
			}
			return []int{}, false, "c2"
		}, 1},
		{"next_cursor with a null page", func(n int, pos string) ([]int, bool, string) {
			if n == 0 {
				return []int{1}, false, "c1"
			}
			return nil, false, "c2"
		}, 1},
	}
	for _, meth := range allMethods() {
		cases := v1Cases
		if meth.v2 {
			cases = v2Cases
		}
		for _, tc := range cases {
			t.Run(meth.name+"/"+tc.name, func(t *testing.T) {
				env, ps := newPagingEnv(t, meth.v2, tc.page)
				n, err := meth.drain(context.Background(), env.client)
				require.ErrorIs(t, err, ErrPaginationStalled, "after %d requests", ps.requests.Load())
				assert.Equal(t, tc.wantItems, n, "items yielded before the error")
				assert.Less(t, ps.requests.Load(), int64(maxPages))
				assert.NotContains(t, err.Error(), testKey)
			})
		}
	}
}

// TestIteratorsEndNormally: the usual end of a list stays an end without
// error.
func TestIteratorsEndNormally(t *testing.T) {
	for _, meth := range allMethods() {
		t.Run(meth.name, func(t *testing.T) {
			env, _ := newPagingEnv(t, meth.v2, func(n int, pos string) ([]int, bool, string) {
				switch {
				case n < 2 && meth.v2:
					return []int{n + 1}, false, "c" + strconv.Itoa(n+1)
				case n < 2:
					return []int{n + 1}, true, strconv.Itoa(n + 1)
				}
				return []int{n + 1}, false, ""
			})
			n, err := meth.drain(context.Background(), env.client)
			require.NoError(t, err)
			assert.Equal(t, 3, n)
		})
	}
}

// TestIteratorsRangeAgain: the sequence an All method returns starts from
// the beginning each time it is ranged, also after a break, and can be
// ranged from several goroutines at once (run with -race).
func TestIteratorsRangeAgain(t *testing.T) {
	page := func(v2 bool) func(n int, pos string) ([]int, bool, string) {
		return func(_ int, pos string) ([]int, bool, string) {
			i := 0
			if v2 && pos != "" {
				i, _ = strconv.Atoi(strings.TrimPrefix(pos, "c"))
			} else if !v2 && pos != "" {
				i, _ = strconv.Atoi(pos)
			}
			switch {
			case i >= 4:
				return []int{i + 1}, false, ""
			case v2:
				return []int{i + 1}, false, "c" + strconv.Itoa(i+1)
			default:
				return []int{i + 1}, true, strconv.Itoa(i + 1)
			}
		}
	}
	ids := func(seq iter.Seq2[*Deal, error], stopAfter int) []int {
		var got []int
		for d, err := range seq {
			require.NoError(t, err)
			got = append(got, d.ID)
			if len(got) == stopAfter {
				break
			}
		}
		return got
	}
	t.Run("v1", func(t *testing.T) {
		env, _ := newPagingEnv(t, false, page(false))
		seq := env.client.Deals.All(context.Background(), &DealListOptions{ListOptions: ListOptions{Limit: 1}})
		assert.Equal(t, []int{1, 2}, ids(seq, 2))
		assert.Equal(t, []int{1, 2, 3, 4, 5}, ids(seq, -1))
		assert.Equal(t, []int{1, 2, 3, 4, 5}, ids(seq, -1))
	})
	t.Run("v2", func(t *testing.T) {
		env, _ := newPagingEnv(t, true, page(true))
		seq := env.client.V2.Deals.All(context.Background(), nil)
		var got []int
		for d, err := range seq {
			require.NoError(t, err)
			got = append(got, d.ID)
			if len(got) == 2 {
				break
			}
		}
		assert.Equal(t, []int{1, 2}, got)
		got = got[:0]
		for d, err := range seq {
			require.NoError(t, err)
			got = append(got, d.ID)
		}
		assert.Equal(t, []int{1, 2, 3, 4, 5}, got)
	})
	t.Run("concurrent", func(t *testing.T) {
		for _, v2 := range []bool{false, true} {
			env, _ := newPagingEnv(t, v2, page(v2))
			var seq iter.Seq2[int, error]
			if v2 {
				s := env.client.V2.Deals.All(context.Background(), nil)
				seq = func(yield func(int, error) bool) {
					for d, err := range s {
						if !yield(idOf(d), err) {
							return
						}
					}
				}
			} else {
				s := env.client.Deals.All(context.Background(), nil)
				seq = func(yield func(int, error) bool) {
					for d, err := range s {
						if !yield(idOf(d), err) {
							return
						}
					}
				}
			}
			var wg sync.WaitGroup
			results := make([][]int, 8)
			for g := range results {
				wg.Go(func() {
					for id, err := range seq {
						if err != nil {
							return
						}
						results[g] = append(results[g], id)
					}
				})
			}
			wg.Wait()
			for _, r := range results {
				assert.Equal(t, []int{1, 2, 3, 4, 5}, r)
			}
		}
	})
}

func idOf[T interface{ *Deal | *V2Deal }](d T) int {
	switch v := any(d).(type) {
	case *Deal:
		return v.ID
	case *V2Deal:
		return v.ID
	}
	return 0
}

// TestFieldSchemaStalledPagination: loading a FieldSchema goes through the
// same guard.
func TestFieldSchemaStalledPagination(t *testing.T) {
	env, _ := newPagingEnv(t, false, func(n int, pos string) ([]int, bool, string) { return []int{n + 1}, true, "1" })
	_, err := env.client.FieldSchema(context.Background(), EntityDeal)
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrPaginationStalled), "%v", err)
}

// TestEveryIteratorListed: allMethods names every method of every service
// whose name ends in "All", so a new iterator gets the hostile-server
// tests above.
func TestEveryIteratorListed(t *testing.T) {
	listed := map[string]bool{}
	for _, m := range allMethods() {
		listed[m.name] = true
	}
	c, err := NewClient(testKey)
	require.NoError(t, err)
	var walk func(prefix string, v reflect.Value)
	walk = func(prefix string, v reflect.Value) {
		for i := range v.Elem().NumField() {
			f := v.Elem().Type().Field(i)
			fv := v.Elem().Field(i)
			if !f.IsExported() || fv.Kind() != reflect.Pointer || fv.IsNil() {
				continue
			}
			if f.Type == reflect.TypeFor[*V2Services]() {
				walk(prefix+f.Name+".", fv)
				continue
			}
			for j := range fv.NumMethod() {
				name := fv.Type().Method(j).Name
				if strings.HasSuffix(name, "All") {
					assert.True(t, listed[prefix+f.Name+"."+name], "%s%s.%s is missing from allMethods", prefix, f.Name, name)
				}
			}
		}
	}
	walk("", reflect.ValueOf(c))
}
