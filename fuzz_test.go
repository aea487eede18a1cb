package pipedrive

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"
)

// seedFromTestdata adds every JSON file under testdata/ as a seed.
func seedFromTestdata(f *testing.F) {
	_ = filepath.WalkDir("testdata", func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (filepath.Ext(path) == ".json" || filepath.Ext(path) == ".html") {
			if b, err := os.ReadFile(path); err == nil {
				f.Add(b)
			}
		}
		return nil
	})
}

// FuzzEnvelope: decoding any body into the envelope never panics, and a
// body that decodes has consistent pagination.
func FuzzEnvelope(f *testing.F) {
	seedFromTestdata(f)
	f.Add([]byte(`{"success":true,"data":[],"additional_data":{"next_cursor":null}}`))
	f.Add([]byte(`{"success":true,"data":null,"additional_data":{"start":0,"limit":1,"more_items_in_collection":true}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var out []map[string]json.RawMessage
		res := &Response{Response: &http.Response{StatusCode: 200}}
		if err := decodeEnvelope(body, &out, res); err == nil && res.Pagination != nil && res.Pagination.Limit < 0 && !json.Valid(body) {
			t.Fatalf("invalid JSON decoded: %q", body)
		}
	})
}

// FuzzClassifyError: any error body yields an APIError with a short,
// single-line, valid UTF-8 message.
func FuzzClassifyError(f *testing.F) {
	seedFromTestdata(f)
	f.Add([]byte("\xff\xfe<html>"))
	f.Fuzz(func(t *testing.T, body []byte) {
		e := classifyError(500, "GET", "/pipedrive/api/v1/deals", body)
		if e == nil {
			t.Fatal("nil error")
		}
		msg := e.Error()
		if e.Source == SourceUnknown && len(e.Message) > snippetLen+10 {
			t.Fatalf("snippet too long: %d", len(e.Message))
		}
		if e.Source == SourceUnknown && !utf8.ValidString(e.Message) {
			t.Fatalf("snippet not UTF-8: %q", e.Message)
		}
		_ = msg
	})
}

// FuzzRetryAfter: parsing never panics and never yields a negative wait.
func FuzzRetryAfter(f *testing.F) {
	for _, s := range []string{"0", "2", "1.5", "-1", "NaN", "1e400", "Wed, 21 Oct 2015 07:28:00 GMT", "", " 3 "} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, v string) {
		d, ok := ParseRetryAfter(v, now)
		if d < 0 || (!ok && d != 0) {
			t.Fatalf("ParseRetryAfter(%q) = %v, %v", v, d, ok)
		}
	})
}

// FuzzFlexTypes: the flexible wire types never panic, and what they decode
// they encode back to something that decodes to the same value.
func FuzzFlexTypes(f *testing.F) {
	for _, s := range []string{`true`, `0`, `"1"`, `null`, `""`, `"3"`, `7`, `12.5`, `"2026-01-02 03:04:05"`,
		`"0000-00-00 00:00:00"`, `"2026-01-02T03:04:05Z"`, `{"value":3,"name":"x"}`, `{"id":4}`, `"a@b.c"`, `{"value":"a@b.c","primary":"true"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var b FlexBool
		if json.Unmarshal(data, &b) == nil {
			roundTrip(t, b)
		}
		var n FlexFloat
		_ = json.Unmarshal(data, &n)
		var i FlexInt
		_ = json.Unmarshal(data, &i)
		var v Visibility
		if json.Unmarshal(data, &v) == nil {
			roundTrip(t, v)
		}
		var tm Time
		if json.Unmarshal(data, &tm) == nil && tm.Year() > 0 && tm.Year() < 10000 {
			roundTrip(t, Time{tm.Truncate(time.Second)})
		}
		var u UserRef
		_ = json.Unmarshal(data, &u)
		var p PersonRef
		_ = json.Unmarshal(data, &p)
		var o OrganizationRef
		_ = json.Unmarshal(data, &o)
		var c ContactDetail
		_ = json.Unmarshal(data, &c)
	})
}

func roundTrip[T comparable](t *testing.T, v T) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal %v: %v", v, err)
	}
	var back T
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("unmarshal %s: %v", b, err)
	}
	if back != v {
		t.Fatalf("round trip %v -> %s -> %v", v, b, back)
	}
}

// FuzzParseTimeFast: the allocation-free parser agrees with ParseTime on
// every input it accepts.
func FuzzParseTimeFast(f *testing.F) {
	for _, s := range []string{"2026-01-02 03:04:05", "2026-01-02T03:04:05Z", "2026-02-30 00:00:00", "0000-00-00 00:00:00",
		"2026-13-01 00:00:00", "2026-01-02 24:00:00", "2026-01-02 23:59:60", "9999-12-31T23:59:59Z", "2026-01-02 03:04:0x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fast, ok := parseTimeFast([]byte(s))
		if !ok {
			return
		}
		slow, err := ParseTime(s)
		if err != nil || !fast.Equal(slow) || fast.Location() != slow.Location() {
			t.Fatalf("parseTimeFast(%q) = %v; ParseTime = %v, %v", s, fast, slow, err)
		}
	})
}
