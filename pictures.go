package pipedrive

import (
	"context"
	"io"
	"mime"
	"net/http"
	"path/filepath"
	"strconv"
)

// Person pictures: uploaded as multipart/form-data streamed from an
// io.Reader (API v1), read back with API v2.

// PictureCrop crops an uploaded picture to a rectangle, in pixels of the
// original image. Width and Height are required, X and Y default to 0.
type PictureCrop struct {
	X, Y, Width, Height int
}

func (c *PictureCrop) fields() ([][2]string, error) {
	if c == nil {
		return nil, nil
	}
	switch {
	case c.X < 0 || c.Y < 0:
		return nil, invalid("crop_x", "the crop starts at %d,%d: negative", c.X, c.Y)
	case c.Width <= 0 || c.Height <= 0:
		return nil, invalid("crop_width", "the crop is %dx%d: both sides must be above 0", c.Width, c.Height)
	}
	return [][2]string{
		{"crop_x", strconv.Itoa(c.X)}, {"crop_y", strconv.Itoa(c.Y)},
		{"crop_width", strconv.Itoa(c.Width)}, {"crop_height", strconv.Itoa(c.Height)},
	}, nil
}

// AddPicture sets a person's picture from an image read from r (streamed,
// never held in memory whole); filename names it (its extension gives the
// content type). crop may be nil. When r is an io.ReadSeeker the upload
// can be retried after a 429; otherwise it is sent once.
//
// Pipedrive: POST /api/v1/persons/{id}/picture (https://developers.pipedrive.com/docs/api/v1/Persons#addPersonPicture).
// Token cost: 10.
func (s *PersonsService) AddPicture(ctx context.Context, id int, filename string, r io.Reader, crop *PictureCrop) (*Picture, *Response, error) {
	fields, err := crop.fields()
	check := firstInvalid(checkID("id", id), err)
	if check == nil && r == nil {
		check = invalid("file", "nil io.Reader: the picture's content is required")
	}
	if check == nil && filename == "" {
		check = invalid("file", "empty file name")
	}
	return validated(check, func() (*Picture, *Response, error) {
		ct := mime.TypeByExtension(filepath.Ext(filename))
		up := newUpload("file", filepath.Base(filename), ct, r, fields...)
		return doOne[Picture](ctx, s.client, &request{method: http.MethodPost, path: v1Path("persons", strconv.Itoa(id), "picture"), upload: up})
	})
}

// DeletePicture removes a person's picture.
//
// Pipedrive: DELETE /api/v1/persons/{id}/picture (https://developers.pipedrive.com/docs/api/v1/Persons#deletePersonPicture).
// Token cost: 6.
func (s *PersonsService) DeletePicture(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return deletePath(ctx, s.client, v1Path("persons", strconv.Itoa(id), "picture"))
}

// V2PersonPicture is a person's picture (API v2).
type V2PersonPicture struct {
	ID            int         `json:"id"`
	ItemType      string      `json:"item_type"`
	ItemID        int         `json:"item_id"`
	AddedByUserID int         `json:"added_by_user_id"`
	ActiveFlag    bool        `json:"active_flag"`
	FileSize      int64       `json:"file_size"`
	Pictures      PictureURLs `json:"pictures"`
}

// Picture returns a person's picture; ErrNotFound when there is none.
//
// Pipedrive: GET /api/v2/persons/{id}/picture (https://developers.pipedrive.com/docs/api/v2/Persons#getPersonPicture).
// Token cost: 1.
func (s *V2PersonsService) Picture(ctx context.Context, id int) (*V2PersonPicture, *Response, error) {
	return validated(checkID("id", id), func() (*V2PersonPicture, *Response, error) {
		return doOne[V2PersonPicture](ctx, s.client, &request{method: http.MethodGet, path: v2Path("persons", strconv.Itoa(id), "picture")})
	})
}
