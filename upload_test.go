package pipedrive

import (
	"bytes"
	"context"
	"errors"
	"io"

	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const pictureJSON = `{"success":true,"data":{"id":7,"item_type":"person","item_id":3,"active_flag":true,"add_time":"2026-01-02 03:04:05","update_time":"0000-00-00 00:00:00","added_by_user_id":1,"pictures":{"128":"https://x.test/7_128.jpg","512":"https://x.test/7_512.jpg"}}}`

// The picture goes as multipart/form-data, crop fields first, the file
// with the content type of its extension.
func TestPersonPictureUpload(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("POST /pipedrive/api/v1/persons/{id}/picture", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "3", r.PathValue("id"))
		require.NoError(t, r.ParseMultipartForm(1<<20))
		assert.Equal(t, "10", r.FormValue("crop_x"))
		assert.Equal(t, "200", r.FormValue("crop_height"))
		f, h, err := r.FormFile("file")
		require.NoError(t, err)
		assert.Equal(t, "me.png", h.Filename)
		assert.Equal(t, "image/png", h.Header.Get("Content-Type"))
		b, _ := io.ReadAll(f)
		assert.Equal(t, "PNGDATA", string(b))
		writeJSON(t, w, http.StatusOK, pictureJSON)
	})
	env.gateway.HandleFunc("DELETE /pipedrive/api/v1/persons/{id}/picture", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusOK, `{"success":true,"data":{"id":7}}`)
	})
	p, _, err := env.client.Persons.AddPicture(context.Background(), 3, "/tmp/me.png", strings.NewReader("PNGDATA"),
		&PictureCrop{X: 10, Y: 0, Width: 200, Height: 200})
	require.NoError(t, err)
	assert.Equal(t, 7, p.ID)
	assert.Equal(t, "https://x.test/7_512.jpg", p.Pictures.Size512)
	_, err = env.client.Persons.DeletePicture(context.Background(), 3)
	require.NoError(t, err)
}

// After a 429, a seekable reader is sent again from its start; any other
// reader is not, and the call says why.
func TestUploadRetry(t *testing.T) {
	env := setupRaw(t)
	var calls atomic.Int32
	var got []string
	env.gateway.HandleFunc("POST /pipedrive/api/v1/persons/{id}/picture", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if calls.Add(1)%2 == 1 {
			w.Header().Set("Retry-After", "0")
			writeJSON(t, w, http.StatusTooManyRequests, `{"success":false,"error":"Rate limit"}`)
			return
		}
		got = append(got, "sent")
		writeJSON(t, w, http.StatusOK, pictureJSON)
	})
	ctx := context.Background()
	_, res, err := env.client.Persons.AddPicture(ctx, 3, "a.jpg", strings.NewReader("JPEG"), nil)
	require.NoError(t, err)
	assert.Equal(t, 2, res.Attempts)
	_, _, err = env.client.Persons.AddPicture(ctx, 3, "a.jpg", io.MultiReader(strings.NewReader("JPEG")), nil)
	require.Error(t, err)
	assert.True(t, errors.Is(err, errUploadNotReplayable), "%v", err)
}

// endless yields n bytes without holding them.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	if e.n <= 0 {
		return 0, io.EOF
	}
	k := min(int64(len(p)), e.n)
	e.n -= k
	return int(k), nil
}

// A 64 MiB file is streamed: the heap does not grow by its size; and when
// the server answers before reading, the writer ends.
func TestUploadStreams(t *testing.T) {
	env := setupRaw(t)
	var received atomic.Int64
	env.gateway.HandleFunc("POST /pipedrive/api/v1/persons/{id}/picture", func(w http.ResponseWriter, r *http.Request) {
		mr, err := r.MultipartReader()
		require.NoError(t, err)
		for {
			part, err := mr.NextPart()
			if err != nil {
				break
			}
			n, _ := io.Copy(io.Discard, part)
			received.Add(n)
		}
		writeJSON(t, w, http.StatusOK, pictureJSON)
	})
	env.gateway.HandleFunc("POST /pipedrive/api/v1/persons/9/picture", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusBadRequest, `{"success":false,"error":"too big"}`)
	})
	const size = 64 << 20
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, _, err := env.client.Persons.AddPicture(context.Background(), 3, "big.jpg", &endless{size}, nil)
	require.NoError(t, err)
	runtime.ReadMemStats(&after)
	assert.Equal(t, int64(size), received.Load())
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(size/4), "the file is not buffered")

	goroutines := runtime.NumGoroutine()
	_, _, err = env.client.Persons.AddPicture(context.Background(), 9, "big.jpg", &endless{size}, nil)
	require.Error(t, err)
	assert.Eventually(t, func() bool { return runtime.NumGoroutine() <= goroutines+1 }, 5*time.Second, 10*time.Millisecond,
		"the writer stops when the server stops reading")
}

// Bad picture input never reaches the network.
func TestPictureRefused(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	r := bytes.NewReader([]byte("x"))
	errs := []error{
		second(env.client.Persons.AddPicture(ctx, 0, "a.png", r, nil)),
		second(env.client.Persons.AddPicture(ctx, 1, "", r, nil)),
		second(env.client.Persons.AddPicture(ctx, 1, "a.png", nil, nil)),
		second(env.client.Persons.AddPicture(ctx, 1, "a.png", r, &PictureCrop{X: -1, Width: 5, Height: 5})),
		second(env.client.Persons.AddPicture(ctx, 1, "a.png", r, &PictureCrop{Width: 0, Height: 5})),
		second(env.client.V2.Persons.Picture(ctx, 0)),
	}
	_, err := env.client.Persons.DeletePicture(ctx, -2)
	errs = append(errs, err)
	var ve *ValidationError
	for i, err := range errs {
		assert.True(t, errors.As(err, &ve), "%d: %v", i, err)
	}
	assert.Zero(t, env.requests.Load(), "nothing sent")
}
