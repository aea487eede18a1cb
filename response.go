package pipedrive

import (
	"net/http"
	"strconv"
	"time"
)

// Response wraps the *http.Response of a call (its body already read and
// closed) with what the SDK decoded from it. Its Request's Authorization
// header is redacted.
type Response struct {
	*http.Response

	// Pagination is set for API v1 offset-paginated lists.
	Pagination *Pagination
	// NextCursor is the cursor of the next page of an API v2 (or v1
	// /collection) list; "" on the last page. Keep it to resume an export.
	NextCursor string
	// RelatedObjects holds the users, persons, organizations, stages,
	// pipelines and deals an API v1 response referenced, keyed by id.
	RelatedObjects *RelatedObjects
	// RateLimit is what Pipedrive's rate-limit headers said, when present.
	RateLimit RateLimit
	// Attempts is how many times the request was sent (1 without retries).
	Attempts int
}

// Pagination is the offset pagination of an API v1 list.
type Pagination struct {
	Start     int  `json:"start"`
	Limit     int  `json:"limit"`
	MoreItems bool `json:"more_items_in_collection"`
	// NextStart is the start of the next page; 0 when there is none.
	NextStart int `json:"next_start"`
}

// RateLimit reports Pipedrive's rate-limit headers. Fields are zero when
// the headers are absent (the gateway may not forward them).
type RateLimit struct {
	// Limit is the number of requests allowed in the current window
	// (x-ratelimit-limit; Pipedrive's window is 2 seconds).
	Limit int
	// Remaining is the number of requests left in the window.
	Remaining int
	// Reset is the time left until the window resets.
	Reset time.Duration
	// DailyTokenLimit and DailyTokenRemaining report the company's daily
	// token budget, when Pipedrive sends them.
	DailyTokenLimit     *int
	DailyTokenRemaining *int
}

// parseRateLimit reads the rate-limit headers. An absent header is skipped
// before any parsing: strconv allocates an error for "".
func parseRateLimit(h http.Header) RateLimit {
	var rl RateLimit
	if v := headerValue(h, "X-Ratelimit-Limit"); v != "" {
		rl.Limit, _ = strconv.Atoi(v)
	}
	if v := headerValue(h, "X-Ratelimit-Remaining"); v != "" {
		rl.Remaining, _ = strconv.Atoi(v)
	}
	if v := headerValue(h, "X-Ratelimit-Reset"); v != "" {
		if s, err := strconv.ParseFloat(v, 64); err == nil && s > 0 {
			rl.Reset = time.Duration(min(s, maxSeconds) * float64(time.Second))
		}
	}
	rl.DailyTokenLimit = headerInt(h, "X-Daily-Ratelimit-Token-Limit")
	rl.DailyTokenRemaining = headerInt(h, "X-Daily-Ratelimit-Token-Remaining")
	return rl
}

// headerValue is h.Get for a key already in canonical form.
func headerValue(h http.Header, key string) string {
	if v := h[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// headerInt parses an integer header; nil when absent or malformed.
func headerInt(h http.Header, key string) *int {
	v := headerValue(h, key)
	if v == "" {
		return nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return nil
	}
	return &n
}

// RelatedObjects are the entities an API v1 response refers to, keyed by
// id, so that a caller can show a deal's owner or stage without more calls.
type RelatedObjects struct {
	Users         map[int]RelatedUser         `json:"user,omitempty"`
	Persons       map[int]RelatedPerson       `json:"person,omitempty"`
	Organizations map[int]RelatedOrganization `json:"organization,omitempty"`
	Deals         map[int]RelatedDeal         `json:"deal,omitempty"`
	Stages        map[int]RelatedStage        `json:"stage,omitempty"`
	Pipelines     map[int]RelatedPipeline     `json:"pipeline,omitempty"`
}

// RelatedUser is a user in RelatedObjects.
type RelatedUser struct {
	ID         int      `json:"id"`
	Name       string   `json:"name"`
	Email      string   `json:"email"`
	HasPic     FlexBool `json:"has_pic"`
	PicHash    string   `json:"pic_hash"`
	ActiveFlag FlexBool `json:"active_flag"`
}

// RelatedPerson is a person in RelatedObjects.
type RelatedPerson struct {
	ID      int             `json:"id"`
	Name    string          `json:"name"`
	Emails  []ContactDetail `json:"email"`
	Phones  []ContactDetail `json:"phone"`
	OwnerID int             `json:"owner_id"`
}

// RelatedOrganization is an organization in RelatedObjects.
type RelatedOrganization struct {
	ID          int     `json:"id"`
	Name        string  `json:"name"`
	PeopleCount int     `json:"people_count"`
	OwnerID     int     `json:"owner_id"`
	Address     *string `json:"address"`
	CCEmail     string  `json:"cc_email"`
	ActiveFlag  bool    `json:"active_flag"`
}

// RelatedDeal is a deal in RelatedObjects.
type RelatedDeal struct {
	ID         int       `json:"id"`
	Title      string    `json:"title"`
	Status     string    `json:"status"`
	Value      FlexFloat `json:"value"`
	Currency   string    `json:"currency"`
	StageID    int       `json:"stage_id"`
	PipelineID int       `json:"pipeline_id"`
}

// RelatedStage is a stage in RelatedObjects.
type RelatedStage struct {
	ID              int      `json:"id"`
	Name            string   `json:"name"`
	OrderNr         int      `json:"order_nr"`
	PipelineID      int      `json:"pipeline_id"`
	DealProbability int      `json:"deal_probability"`
	ActiveFlag      FlexBool `json:"active_flag"`
	RottenFlag      FlexBool `json:"rotten_flag"`
	RottenDays      *int     `json:"rotten_days"`
}

// RelatedPipeline is a pipeline in RelatedObjects.
type RelatedPipeline struct {
	ID              int      `json:"id"`
	Name            string   `json:"name"`
	URLTitle        string   `json:"url_title"`
	OrderNr         int      `json:"order_nr"`
	Active          FlexBool `json:"active"`
	DealProbability FlexBool `json:"deal_probability"`
}
