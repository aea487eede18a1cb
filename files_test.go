package pipedrive

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const fileJSON = `{"success":true,"data":{"id":5,"user_id":1,"deal_id":1,"add_time":"2026-01-02 03:04:05","update_time":"2026-01-02 03:04:05","file_name":"a_1.txt","file_type":"text","file_size":5,"active_flag":true,"inline_flag":false,"name":"a.txt","description":""}}`

// pattern yields n bytes of a repeating pattern without holding them, so
// a test can check what arrived byte for byte.
type pattern struct{ n, off int64 }

func (p *pattern) Read(b []byte) (int, error) {
	if p.off >= p.n {
		return 0, io.EOF
	}
	k := min(int64(len(b)), p.n-p.off)
	for i := range k {
		b[i] = byte((p.off + i) % 251)
	}
	p.off += k
	return int(k), nil
}

// checkPattern consumes r and reports how many bytes matched the pattern.
func checkPattern(t *testing.T, r io.Reader) int64 {
	t.Helper()
	buf := make([]byte, 64<<10)
	var off int64
	for {
		n, err := r.Read(buf)
		for i := range n {
			if buf[i] != byte((off+int64(i))%251) {
				t.Fatalf("byte %d differs", off+int64(i))
			}
		}
		off += int64(n)
		if errors.Is(err, io.EOF) {
			return off
		}
		require.NoError(t, err)
	}
}

// A 1 GiB download streams at flat memory: the heap grows by a few
// buffers, not by the file, and every byte arrives in order. It is not
// held to WithMaxResponseBytes.
func TestFileDownloadStreamsFlat(t *testing.T) {
	size := int64(1 << 30)
	if testing.Short() || raceEnabled {
		size = 128 << 20 // the 1 GiB run is the plain go test
	}
	env := setupRaw(t, WithMaxResponseBytes(1<<20))
	env.gateway.HandleFunc("GET /pipedrive/api/v1/files/{id}/download", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
		_, _ = io.Copy(w, &pattern{n: size})
	})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	body, res, err := env.client.Files.Download(context.Background(), 5)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, res.StatusCode)
	got := checkPattern(t, body)
	require.NoError(t, body.Close())
	runtime.ReadMemStats(&after)
	assert.Equal(t, size, got)
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(16<<20), "allocated in all while copying %d bytes", size)
	assert.Less(t, after.HeapInuse, before.HeapInuse+16<<20, "the heap stays flat")
}

// A download cut short ends with io.ErrUnexpectedEOF from Read, never a
// silent short file; an error answer is an *APIError, its body read.
func TestFileDownloadInterrupted(t *testing.T) {
	env := setupRaw(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/files/{id}/download", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") == "404" {
			writeJSON(t, w, http.StatusNotFound, `{"success":false,"error":"File not found"}`)
			return
		}
		w.Header().Set("Content-Length", "1000000")
		_, _ = io.CopyN(w, &pattern{n: 1e6}, 4000)
		// The handler returns early: the connection is cut.
		panic(http.ErrAbortHandler)
	})
	body, _, err := env.client.Files.Download(context.Background(), 5)
	require.NoError(t, err)
	_, err = io.Copy(io.Discard, body)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	require.NoError(t, body.Close())

	_, _, err = env.client.Files.Download(context.Background(), 404)
	assert.ErrorIs(t, err, ErrNotFound)
}

// A context cancelled mid-transfer stops the stream.
func TestFileDownloadCancelled(t *testing.T) {
	env := setupRaw(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/files/{id}/download", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(w, &pattern{n: 1 << 40})
	})
	ctx, cancel := context.WithCancel(context.Background())
	body, _, err := env.client.Files.Download(ctx, 5)
	require.NoError(t, err)
	_, err = io.CopyN(io.Discard, body, 1<<20)
	require.NoError(t, err)
	cancel()
	_, err = io.Copy(io.Discard, body)
	assert.ErrorIs(t, err, context.Canceled)
	_ = body.Close()
}

// An upload is streamed with its links first; a declared Size that the
// content does not match aborts it, and Pipedrive stores nothing. An
// upload that may have reached Pipedrive is not sent again.
func TestFileUpload(t *testing.T) {
	env := setupRaw(t)
	var stored atomic.Int32
	var attempts atomic.Int32
	var fail atomic.Bool
	env.gateway.HandleFunc("POST /pipedrive/api/v1/files", func(w http.ResponseWriter, r *http.Request) {
		attempts.Add(1)
		mr, err := r.MultipartReader()
		require.NoError(t, err)
		var order []string
		var n int64
		for {
			part, err := mr.NextPart()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return // the client aborted the body: nothing is stored
			}
			order = append(order, part.FormName())
			if part.FormName() == "file" {
				assert.Equal(t, "big.bin", part.FileName())
				if n, err = io.Copy(io.Discard, part); err != nil {
					return
				}
			}
		}
		assert.Equal(t, []string{"deal_id", "lead_id", "file"}, order)
		if r.URL.Query().Get("fail") == "" && n > 0 {
			stored.Add(1)
		}
		if fail.Load() {
			writeJSON(t, w, http.StatusInternalServerError, `{"success":false,"error":"boom"}`)
			return
		}
		writeJSON(t, w, http.StatusOK, fileJSON)
	})
	ctx := context.Background()
	lead := "adf21080-0e10-11eb-879b-05d71fb426ec"
	const size = 8 << 20
	f, _, err := env.client.Files.Upload(ctx, &FileUploadParams{Name: "dir/big.bin", Content: &pattern{n: size}, Size: size, DealID: 1, LeadID: lead})
	require.NoError(t, err)
	assert.Equal(t, 5, f.ID)
	assert.Equal(t, int32(1), stored.Load())

	for _, tc := range []struct {
		name string
		r    io.Reader
		size int64
	}{{"short", &pattern{n: size - 1}, size}, {"long", &pattern{n: size + 1}, size}} {
		_, _, err := env.client.Files.Upload(ctx, &FileUploadParams{Name: "big.bin", Content: tc.r, Size: tc.size, DealID: 1, LeadID: lead})
		require.ErrorIs(t, err, ErrUploadSize, tc.name)
		var te *TransportError
		require.ErrorAs(t, err, &te, tc.name)
		assert.False(t, MayHaveWritten(err), "%s: the body was cut short, so Pipedrive stored nothing", tc.name)
		assert.Equal(t, 1, te.Attempts, tc.name)
	}
	assert.Equal(t, int32(1), stored.Load())

	// A 5xx after the whole file went: the write may have happened, and
	// the upload is not sent again.
	attempts.Store(0)
	fail.Store(true)
	_, _, err = env.client.Files.Upload(ctx, &FileUploadParams{Name: "big.bin", Content: bytes.NewReader([]byte("data")), DealID: 1, LeadID: lead})
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.True(t, MayHaveWritten(err))
	assert.Equal(t, int32(1), attempts.Load(), "a POST that may have written is never resent")
}

// Bad file input never reaches the network.
func TestFilesRefused(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	r := strings.NewReader("x")
	errs := []error{
		second(env.client.Files.Upload(ctx, nil)),
		second(env.client.Files.Upload(ctx, &FileUploadParams{Name: "a.txt"})),
		second(env.client.Files.Upload(ctx, &FileUploadParams{Content: r})),
		second(env.client.Files.Upload(ctx, &FileUploadParams{Name: "a\r\n.txt", Content: r})),
		second(env.client.Files.Upload(ctx, &FileUploadParams{Name: "a.txt", Content: r, Size: -1})),
		second(env.client.Files.Upload(ctx, &FileUploadParams{Name: "a.txt", Content: r, DealID: -1})),
		second(env.client.Files.Upload(ctx, &FileUploadParams{Name: "a.txt", Content: r, LeadID: "42"})),
		second(env.client.Files.Get(ctx, 0)),
		second(env.client.Files.List(ctx, &FileListOptions{ListOptions: ListOptions{Limit: 101}})),
		second(env.client.Files.Update(ctx, 1, nil)),
		second(env.client.Files.Update(ctx, 1, &FileUpdateParams{Name: Ptr(" ")})),
		second(env.client.Files.CreateRemote(ctx, nil)),
		second(env.client.Files.CreateRemote(ctx, &RemoteFileParams{FileType: "docx", Title: "x", ItemType: RemoteItemDeal, ItemID: 1})),
		second(env.client.Files.CreateRemote(ctx, &RemoteFileParams{FileType: RemoteDoc, Title: "x", ItemType: "lead", ItemID: 1})),
		second(env.client.Files.CreateRemote(ctx, &RemoteFileParams{FileType: RemoteDoc, ItemType: RemoteItemDeal, ItemID: 1})),
		second(env.client.Files.LinkRemote(ctx, RemoteItemDeal, 0, "abc")),
		second(env.client.Files.LinkRemote(ctx, RemoteItemDeal, 1, "a/b")),
	}
	_, _, err := env.client.Files.Download(ctx, -1)
	errs = append(errs, err)
	_, err = env.client.Files.Delete(ctx, 0)
	errs = append(errs, err)
	for i, err := range errs {
		var ve *ValidationError
		assert.ErrorAs(t, err, &ve, "case %d", i)
	}
	assert.Zero(t, env.requests.Load())
}

// Bad filter input never reaches the network: the conditions' shape,
// operators, objects, field ids, dates and count are checked first.
func TestFiltersRefused(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	ok := Cond("deal", 12, OpEqual, "x")
	tooMany := make([]FilterCondition, 17)
	for i := range tooMany {
		tooMany[i] = ok
	}
	bad := func(c FilterCondition) *FilterCreateParams {
		return &FilterCreateParams{Name: "f", Type: FilterDeals, Conditions: AllOf(c)}
	}
	noValue := ok
	noValue.Value = nil
	errs := []error{
		second(env.client.Filters.Create(ctx, nil)),
		second(env.client.Filters.Create(ctx, &FilterCreateParams{Name: "f", Type: "widgets", Conditions: AllOf(ok)})),
		second(env.client.Filters.Create(ctx, &FilterCreateParams{Name: " ", Type: FilterDeals, Conditions: AllOf(ok)})),
		second(env.client.Filters.Create(ctx, &FilterCreateParams{Name: "f", Type: FilterDeals})),
		second(env.client.Filters.Create(ctx, &FilterCreateParams{Name: "f", Type: FilterDeals, Conditions: &FilterConditions{Glue: "or"}})),
		second(env.client.Filters.Create(ctx, &FilterCreateParams{Name: "f", Type: FilterDeals, Conditions: AllOf(tooMany...)})),
		second(env.client.Filters.Create(ctx, bad(Cond("widget", 12, OpEqual, "x")))),
		second(env.client.Filters.Create(ctx, bad(Cond("deal", 12, "LIKE", "x")))),
		second(env.client.Filters.Create(ctx, bad(FilterCondition{Object: "deal", FieldID: "abc", Operator: OpIsNull}))),
		second(env.client.Filters.Create(ctx, bad(noValue))),
		second(env.client.Filters.Create(ctx, bad(Cond("deal", 12, OpEqual, "2026-13-1x")))),
		second(env.client.Filters.Update(ctx, 0, &FilterUpdateParams{Conditions: AllOf(ok)})),
		second(env.client.Filters.Update(ctx, 1, nil)),
		second(env.client.Filters.Get(ctx, -1, nil)),
		second(env.client.Filters.List(ctx, &FilterListOptions{Type: "deal"})),
		second(env.client.Filters.Find(ctx, FilterDeals, "")),
		second(env.client.Filters.DeleteMany(ctx)),
		second(env.client.Filters.DeleteMany(ctx, 1, 0)),
	}
	_, err := env.client.Filters.Delete(ctx, 0)
	errs = append(errs, err)
	for i, err := range errs {
		var ve *ValidationError
		assert.ErrorAs(t, err, &ve, "case %d", i)
	}
	assert.Zero(t, env.requests.Load())
	// IS NULL needs no value; the builders give Pipedrive's two groups.
	c := Cond("deal", 3, OpIsNull, "ignored")
	assert.Nil(t, c.Value)
	assert.Equal(t, "and", AnyOf(c).Conditions[0].Glue)
	assert.Equal(t, "or", AnyOf(c).Conditions[1].Glue)
}
