package jsonscan

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

func collect(t *testing.T, in string) (map[string]string, error) {
	t.Helper()
	got := map[string]string{}
	err := Members([]byte(in), func(k []byte, _ bool, v []byte) bool {
		got[string(k)] = string(v)
		return true
	})
	return got, err
}

func TestMembers(t *testing.T) {
	got, err := collect(t, ` { "a" : 1, "b":"x\"}", "c":{"d":[1,{"e":"]"}]}, "f":null,"g":true , "h":[] } `)
	require.NoError(t, err)
	require.Equal(t, map[string]string{
		"a": "1", "b": `"x\"}"`, "c": `{"d":[1,{"e":"]"}]}`, "f": "null", "g": "true", "h": "[]",
	}, got)

	got, err = collect(t, `{}`)
	require.NoError(t, err)
	require.Empty(t, got)
}

func TestMembersSyntax(t *testing.T) {
	for _, in := range []string{``, `[]`, `{`, `{"a"}`, `{"a":}`, `{"a":1,}`, `{"a":"x}`, `{"a":{"b":1}`, `{"a":1 "b":2}`} {
		_, err := collect(t, in)
		require.ErrorIs(t, err, ErrSyntax, in)
	}
}

func TestMembersStops(t *testing.T) {
	n := 0
	err := Members([]byte(`{"a":1,"b":2,"c":3}`), func([]byte, bool, []byte) bool { n++; return n < 2 })
	require.NoError(t, err)
	require.Equal(t, 2, n)
}

func FuzzMembers(f *testing.F) {
	for _, s := range []string{`{"a":1}`, `{"a":"\\\"","b":[{"c":"}"}]}`, `{"k":-1.5e3}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Every value Members yields for a valid object must be valid JSON.
		if !json.Valid(data) {
			_ = Members(data, func([]byte, bool, []byte) bool { return true })
			return
		}
		_ = Members(data, func(_ []byte, _ bool, v []byte) bool {
			if !json.Valid(v) {
				t.Fatalf("invalid member value %q in %q", v, data)
			}
			return true
		})
	})
}

func TestElements(t *testing.T) {
	var got []string
	err := Elements([]byte(` [ 1, "a,]", {"b":[1,2]} ,null,[] ] `), func(v []byte) bool {
		got = append(got, string(v))
		return true
	})
	require.NoError(t, err)
	require.Equal(t, []string{"1", `"a,]"`, `{"b":[1,2]}`, "null", "[]"}, got)

	require.NoError(t, Elements([]byte(`[]`), func([]byte) bool { t.Fatal("called"); return true }))
	for _, in := range []string{``, `{}`, `[`, `[1,]`, `[1 2]`, `["a]`, `[{"a":1]`} {
		err := Elements([]byte(in), func([]byte) bool { return true })
		require.ErrorIs(t, err, ErrSyntax, in)
	}
	n := 0
	require.NoError(t, Elements([]byte(`[1,2,3]`), func([]byte) bool { n++; return n < 2 }))
	require.Equal(t, 2, n)
}

func FuzzElements(f *testing.F) {
	for _, s := range []string{`[1]`, `[{"a":"]"},[],"x"]`, `[ ]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// For a valid array, the elements are valid JSON and as many as
		// encoding/json finds.
		var want []json.RawMessage
		valid := json.Unmarshal(data, &want) == nil
		n := 0
		err := Elements(data, func(v []byte) bool {
			if valid && !json.Valid(v) {
				t.Fatalf("invalid element %q in %q", v, data)
			}
			n++
			return true
		})
		if valid && (err != nil || n != len(want)) && want != nil {
			t.Fatalf("%q: %d elements, %v; encoding/json finds %d", data, n, err, len(want))
		}
	})
}
