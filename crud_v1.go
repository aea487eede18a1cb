package pipedrive

import (
	"regexp"
	"strings"
)

// This file holds the validation helpers of the API v1 activities and
// notes services that crud.go lacks. The requests themselves go through
// crud.go's generic helpers (v1One, v1List, v1All...). The names carry the
// v1crud prefix so that they never clash with other files' helpers.

// v1crudCheckClock refuses a set time of day that is not HH:MM (00:00 to
// 23:59).
func v1crudCheckClock(field, s string) error {
	if s == "" {
		return nil
	}
	h, m, ok := v1crudHHMM(s)
	if !ok || h > 23 || m > 59 {
		return invalid(field, "%q is not a time of day in the form HH:MM", s)
	}
	return nil
}

// v1crudCheckDuration refuses a set duration that is not HH:MM (minutes
// 00 to 59).
func v1crudCheckDuration(field, s string) error {
	if s == "" {
		return nil
	}
	if _, m, ok := v1crudHHMM(s); !ok || m > 59 {
		return invalid(field, "%q is not a duration in the form HH:MM", s)
	}
	return nil
}

func v1crudHHMM(s string) (h, m int, ok bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, 0, false
	}
	for _, i := range []int{0, 1, 3, 4} {
		if s[i] < '0' || s[i] > '9' {
			return 0, 0, false
		}
	}
	return int(s[0]-'0')*10 + int(s[1]-'0'), int(s[3]-'0')*10 + int(s[4]-'0'), true
}

var v1crudUUID = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// v1crudCheckUUID refuses a set lead id that is not a UUID.
func v1crudCheckUUID(field, s string) error {
	if s != "" && !v1crudUUID.MatchString(s) {
		return invalid(field, "%q is not a UUID", s)
	}
	return nil
}

// v1crudCheckUUIDPtr refuses a set lead id that is not a UUID.
func v1crudCheckUUIDPtr(field string, s *string) error {
	if s == nil {
		return nil
	}
	if *s == "" {
		return invalid(field, "empty: a lead id is a UUID")
	}
	return v1crudCheckUUID(field, *s)
}

// v1crudCheckKeyStrings refuses empty entries and entries holding a comma
// in a list sent comma-separated.
func v1crudCheckKeyStrings(field string, values []string) error {
	for _, v := range values {
		if strings.TrimSpace(v) == "" || strings.Contains(v, ",") {
			return invalid(field, "%q is not a key_string (non-empty, without commas)", v)
		}
	}
	return nil
}
