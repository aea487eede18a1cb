package pipedrive

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"mime"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
)

// FilesService lists, uploads, downloads, links and removes files (API v1).
// Uploads and downloads are streamed: a file is never held in memory
// whole.
type FilesService service

// FileUploadParams uploads a file. Content and Name are required; the
// file is linked to the items whose ids are set (none, one or several).
type FileUploadParams struct {
	// Name is the file's name as Pipedrive shows it; its extension gives
	// the content type unless ContentType is set.
	Name        string
	ContentType string
	// Content is read once, as the request is sent, and never held in
	// memory whole. An io.ReadSeeker can be sent again after a 429 or a
	// refused connection; any other reader is sent at most once.
	Content io.Reader
	// Size, when above 0, is the number of bytes Content holds: the
	// upload is aborted (and Pipedrive keeps nothing) when Content ends
	// early or holds more.
	Size int64

	DealID     int
	PersonID   int
	OrgID      int
	ProductID  int
	ActivityID int
	ProjectID  int
	// LeadID is a lead's UUID.
	LeadID string
}

func (p *FileUploadParams) check() error {
	switch {
	case p == nil:
		return invalid("params", "nil *FileUploadParams")
	case p.Content == nil:
		return invalid("file", "nil Content: the file's bytes are required")
	case strings.TrimSpace(p.Name) == "":
		return invalid("file", "empty Name: the file's name is required")
	case strings.ContainsAny(p.Name, "\x00\r\n"):
		return invalid("file", "the name holds a control character")
	case p.Size < 0:
		return invalid("file", "Size %d is negative", p.Size)
	}
	return firstInvalid(checkOptionalID("deal_id", p.DealID), checkOptionalID("person_id", p.PersonID),
		checkOptionalID("org_id", p.OrgID), checkOptionalID("product_id", p.ProductID),
		checkOptionalID("activity_id", p.ActivityID), checkOptionalID("project_id", p.ProjectID),
		leadUUID.check("lead_id", p.LeadID))
}

// fields are the form fields sent before the file.
func (p *FileUploadParams) fields() [][2]string {
	var out [][2]string
	for _, f := range []struct {
		name string
		id   int
	}{{"deal_id", p.DealID}, {"person_id", p.PersonID}, {"org_id", p.OrgID}, {"product_id", p.ProductID},
		{"activity_id", p.ActivityID}, {"project_id", p.ProjectID}} {
		if f.id > 0 {
			out = append(out, [2]string{f.name, strconv.Itoa(f.id)})
		}
	}
	if p.LeadID != "" {
		out = append(out, [2]string{"lead_id", p.LeadID})
	}
	return out
}

// ErrUploadSize reports an upload whose Content did not hold
// FileUploadParams.Size bytes; the upload was aborted.
var ErrUploadSize = errors.New("pipedrive: the upload's content does not match its declared size")

// sizedReader fails when its reader ends before, or goes past, size bytes.
type sizedReader struct {
	r    io.Reader
	size int64
	n    int64
}

// Read reads from the underlying reader, failing past or short of size.
func (s *sizedReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	s.n += int64(n)
	switch {
	case s.n > s.size:
		return n, fmt.Errorf("%w: more than %d bytes", ErrUploadSize, s.size)
	case errors.Is(err, io.EOF) && s.n < s.size:
		return n, fmt.Errorf("%w: %d bytes of %d", ErrUploadSize, s.n, s.size)
	}
	return n, err
}

// Seek rewinds the underlying reader for a resend (only to the start).
func (s *sizedReader) Seek(offset int64, whence int) (int64, error) {
	sk, ok := s.r.(io.Seeker)
	if !ok || offset != 0 || whence != io.SeekStart {
		return 0, errUploadNotReplayable
	}
	s.n = 0
	return sk.Seek(0, io.SeekStart)
}

// Upload sends a file (multipart/form-data, streamed from p.Content) and
// links it to the items set in p. An upload that may have reached
// Pipedrive is never sent again (see MayHaveWritten).
//
// Pipedrive: POST /api/v1/files (https://developers.pipedrive.com/docs/api/v1/Files#addFile).
// Token cost: 10.
func (s *FilesService) Upload(ctx context.Context, p *FileUploadParams) (*File, *Response, error) {
	return validated(p.check(), func() (*File, *Response, error) {
		content := p.Content
		if p.Size > 0 {
			sr := &sizedReader{r: content, size: p.Size}
			if _, ok := content.(io.Seeker); ok {
				content = sr
			} else {
				content = struct{ io.Reader }{sr} // not rewindable
			}
		}
		name := filepath.Base(p.Name)
		ct := p.ContentType
		if ct == "" {
			ct = mime.TypeByExtension(filepath.Ext(name))
		}
		up := newUpload("file", name, ct, content, p.fields()...)
		return doOne[File](ctx, s.client, &request{method: http.MethodPost, path: v1Path("files"), upload: up})
	})
}

// List returns one page of the company's files.
//
// Pipedrive: GET /api/v1/files (https://developers.pipedrive.com/docs/api/v1/Files#getFiles).
// Token cost: 20.
func (s *FilesService) List(ctx context.Context, opts *FileListOptions) ([]*File, *Response, error) {
	return validated(opts.validate(), func() ([]*File, *Response, error) {
		return listPage[File](ctx, s.client, v1Path("files"), queryOf(opts), "")
	})
}

// All iterates over every file, fetching pages lazily.
//
// Pipedrive: GET /api/v1/files, once per page.
// Token cost: 20 per page.
func (s *FilesService) All(ctx context.Context, opts *FileListOptions) iter.Seq2[*File, error] {
	return allPages(ctx, offsetPages, opts, func(o *FileListOptions) *int { return &o.Start }, s.List)
}

// Get returns a file's details (not its bytes: see Download).
//
// Pipedrive: GET /api/v1/files/{id} (https://developers.pipedrive.com/docs/api/v1/Files#getFile).
// Token cost: 2.
func (s *FilesService) Get(ctx context.Context, id int) (*File, *Response, error) {
	return validated(checkID("id", id), func() (*File, *Response, error) {
		return v1Get[File](ctx, s.client, v1IDPath("files", id), "")
	})
}

// Download returns the file's bytes as a stream: the caller reads and
// closes it. Nothing is buffered, so a file of any size is copied at flat
// memory; ctx bounds the whole transfer (the client's default call
// timeout does not apply). A transfer cut short ends with an error from
// Read (io.ErrUnexpectedEOF when the length was announced). The answer is
// not subject to WithMaxResponseBytes.
//
// Pipedrive: GET /api/v1/files/{id}/download (https://developers.pipedrive.com/docs/api/v1/Files#downloadFile).
// Token cost: 20.
func (s *FilesService) Download(ctx context.Context, id int) (io.ReadCloser, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	var body io.ReadCloser
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: v1Path("files", strconv.Itoa(id), "download"), stream: true}, &body)
	if err != nil {
		return nil, resp, err
	}
	return body, resp, nil
}

// FileUpdateParams renames a file or changes its description.
type FileUpdateParams struct {
	Name        *string
	Description *string
}

// Update changes a file's visible name or description.
//
// Pipedrive: PUT /api/v1/files/{id} (https://developers.pipedrive.com/docs/api/v1/Files#updateFile).
// Token cost: 10.
func (s *FilesService) Update(ctx context.Context, id int, p *FileUpdateParams) (*File, *Response, error) {
	check := checkID("id", id)
	if check == nil {
		switch {
		case p == nil || (p.Name == nil && p.Description == nil):
			check = invalid("params", "nothing to change: set Name or Description")
		case p.Name != nil && strings.TrimSpace(*p.Name) == "":
			check = invalid("name", "empty: a file needs a name")
		}
	}
	return validated(check, func() (*File, *Response, error) {
		form := url.Values{}
		if p.Name != nil {
			form.Set("name", *p.Name)
		}
		if p.Description != nil {
			form.Set("description", *p.Description)
		}
		return doOne[File](ctx, s.client, &request{method: http.MethodPut, path: v1IDPath("files", id), form: form})
	})
}

// Delete removes a file.
//
// Pipedrive: DELETE /api/v1/files/{id} (https://developers.pipedrive.com/docs/api/v1/Files#deleteFile).
// Token cost: 6.
func (s *FilesService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return deletePath(ctx, s.client, v1IDPath("files", id))
}

// RemoteFileType is the kind of Google Drive document CreateRemote makes.
type RemoteFileType string

// Remote file types.
const (
	RemoteDoc     RemoteFileType = "gdoc"
	RemoteSlides  RemoteFileType = "gslides"
	RemoteSheet   RemoteFileType = "gsheet"
	RemoteForm    RemoteFileType = "gform"
	RemoteDrawing RemoteFileType = "gdraw"
)

// RemoteItemType is the kind of item a remote file is linked to.
type RemoteItemType string

// Items a remote file can be linked to.
const (
	RemoteItemDeal         RemoteItemType = "deal"
	RemoteItemOrganization RemoteItemType = "organization"
	RemoteItemPerson       RemoteItemType = "person"
)

// RemoteFileParams creates an empty Google Drive document linked to an
// item (every field required; the location is always googledrive).
type RemoteFileParams struct {
	FileType RemoteFileType
	Title    string
	ItemType RemoteItemType
	ItemID   int
}

func checkRemoteItem(t RemoteItemType, id int) error {
	return firstInvalid(checkEnumList("item_type", []RemoteItemType{t}, RemoteItemDeal, RemoteItemOrganization, RemoteItemPerson),
		checkID("item_id", id))
}

// CreateRemote creates an empty document in the company's Google Drive
// and links it to a deal, person or organization.
//
// Pipedrive: POST /api/v1/files/remote (https://developers.pipedrive.com/docs/api/v1/Files#addFileAndLinkIt).
// Token cost: 10.
func (s *FilesService) CreateRemote(ctx context.Context, p *RemoteFileParams) (*File, *Response, error) {
	check := invalid("params", "nil *RemoteFileParams")
	if p != nil {
		check = firstInvalid(checkEnumList("file_type", []RemoteFileType{p.FileType}, RemoteDoc, RemoteSlides, RemoteSheet, RemoteForm, RemoteDrawing),
			checkRemoteItem(p.ItemType, p.ItemID))
		if check == nil && strings.TrimSpace(p.Title) == "" {
			check = invalid("title", "empty: the document needs a title")
		}
	}
	return validated(check, func() (*File, *Response, error) {
		form := url.Values{"file_type": {string(p.FileType)}, "title": {p.Title}, "item_type": {string(p.ItemType)},
			"item_id": {strconv.Itoa(p.ItemID)}, "remote_location": {"googledrive"}}
		return doOne[File](ctx, s.client, &request{method: http.MethodPost, path: v1Path("files", "remote"), form: form})
	})
}

// LinkRemote links an existing Google Drive file (its Drive id) to a
// deal, person or organization.
//
// Pipedrive: POST /api/v1/files/remoteLink (https://developers.pipedrive.com/docs/api/v1/Files#linkFileToItem).
// Token cost: 10.
func (s *FilesService) LinkRemote(ctx context.Context, itemType RemoteItemType, itemID int, remoteID string) (*File, *Response, error) {
	check := checkRemoteItem(itemType, itemID)
	if check == nil && (strings.TrimSpace(remoteID) == "" || strings.ContainsAny(remoteID, "/?#% ")) {
		check = invalid("remote_id", "%q is not a Google Drive file id", remoteID)
	}
	return validated(check, func() (*File, *Response, error) {
		form := url.Values{"item_type": {string(itemType)}, "item_id": {strconv.Itoa(itemID)},
			"remote_id": {remoteID}, "remote_location": {"googledrive"}}
		return doOne[File](ctx, s.client, &request{method: http.MethodPost, path: v1Path("files", "remoteLink"), form: form})
	})
}
