package pipedrive

import (
	"crypto/rand"
	"errors"
	"io"
	"mime/multipart"
	"net/textproto"
	"strings"
	"sync"
)

// upload is a multipart/form-data request body streamed from a reader as
// the request is written: a file is never held in memory whole. A reader
// that is also an io.Seeker is rewound for a retry; any other reader can
// be sent once, so a retry (after a 429 or a refused connection, the only
// ones a write gets) fails with errUploadNotReplayable instead of sending
// a truncated file.
type upload struct {
	field, filename, contentType string
	content                      io.Reader
	fields                       [][2]string // form fields sent before the file, in order
	boundary                     string

	mu   sync.Mutex
	sent bool
}

// errUploadNotReplayable reports a retry of an upload whose reader cannot
// be read again.
var errUploadNotReplayable = errors.New("pipedrive: the upload cannot be sent again: its reader is not an io.Seeker")

func newUpload(field, filename, contentType string, content io.Reader, fields ...[2]string) *upload {
	return &upload{field: field, filename: filename, contentType: contentType, content: content, fields: fields,
		boundary: "gopipedrive-" + rand.Text()}
}

// header is the request's Content-Type.
func (u *upload) header() string { return "multipart/form-data; boundary=" + u.boundary }

// reader returns the body of one attempt. It starts writing only when
// first read: retryablehttp calls reader once up front to probe the
// length, and closes that reader unread.
func (u *upload) reader() (io.Reader, error) {
	return &lazyBody{u: u}, nil
}

// lazyBody starts the upload's writer on its first Read.
type lazyBody struct {
	u  *upload
	pr *io.PipeReader
}

func (b *lazyBody) Read(p []byte) (int, error) {
	if b.pr == nil {
		pr, err := b.u.start()
		if err != nil {
			return 0, err
		}
		b.pr = pr
	}
	return b.pr.Read(p)
}

// Close ends the writer when the transport stops reading early.
func (b *lazyBody) Close() error {
	if b.pr == nil {
		return nil
	}
	return b.pr.Close()
}

// start writes the body into a pipe from a goroutine and returns the
// pipe's reading end. A second start rewinds the content, or fails.
func (u *upload) start() (*io.PipeReader, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.sent {
		s, ok := u.content.(io.Seeker)
		if !ok {
			return nil, errUploadNotReplayable
		}
		if _, err := s.Seek(0, io.SeekStart); err != nil {
			return nil, err
		}
	}
	u.sent = true
	pr, pw := io.Pipe()
	go func() {
		mw := multipart.NewWriter(pw)
		err := mw.SetBoundary(u.boundary)
		for _, f := range u.fields {
			if err == nil {
				err = mw.WriteField(f[0], f[1])
			}
		}
		if err == nil {
			h := textproto.MIMEHeader{}
			h.Set("Content-Disposition", `form-data; name="`+quoteEscaper.Replace(u.field)+`"; filename="`+quoteEscaper.Replace(u.filename)+`"`)
			ct := u.contentType
			if ct == "" {
				ct = "application/octet-stream"
			}
			h.Set("Content-Type", ct)
			var part io.Writer
			if part, err = mw.CreatePart(h); err == nil {
				_, err = io.Copy(part, u.content)
			}
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	return pr, nil
}

var quoteEscaper = strings.NewReplacer("\\", "\\\\", `"`, "\\\"", "\r", "", "\n", "")
