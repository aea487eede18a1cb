package pipedrive

import (
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// slowReader returns at most n bytes per Read, so a json.Decoder reuses
// and overwrites its buffer between values.
type slowReader struct {
	r io.Reader
	n int
}

func (s *slowReader) Read(p []byte) (int, error) {
	if len(p) > s.n {
		p = p[:s.n]
	}
	return s.r.Read(p)
}

// Custom field values must not alias the decoder's buffer: decoding the
// next deal from the same stream must leave the first one intact.
func TestCustomFieldsDoNotAliasDecoderBuffer(t *testing.T) {
	const key = "0123456789abcdef0123456789abcdef01234567"
	stream := `{"id":1,"title":"a","` + key + `":"first-value"} {"id":2,"title":"b","` + key + `":"SECOND-VAL!"}`
	dec := json.NewDecoder(&slowReader{r: strings.NewReader(stream), n: 7})
	var first, second Deal
	require.NoError(t, dec.Decode(&first))
	require.NoError(t, dec.Decode(&second))
	assert.Equal(t, "first-value", first.CustomFields.String(key))
	assert.Equal(t, "SECOND-VAL!", second.CustomFields.String(key))
}

func TestIsCustomFieldKey(t *testing.T) {
	for k, want := range map[string]bool{
		"0123456789abcdef0123456789abcdef01234567":          true,
		"0123456789abcdef0123456789abcdef01234567_currency": true,
		"0123456789abcdef0123456789abcdef01234567_":         false,
		"0123456789ABCDEF0123456789abcdef01234567":          false,
		"0123456789abcdef0123456789abcdef0123456":           false,
		"title": false,
	} {
		assert.Equal(t, want, IsCustomFieldKey(k), k)
	}
}
