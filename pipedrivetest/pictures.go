package pipedrivetest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"time"
)

// Person pictures: uploaded as multipart/form-data (API v1), read back
// with API v2; the person's picture_id follows. The fake keeps the size of
// the file, not its bytes, and serves no image: the URLs are placeholders.

// pictureOf returns a person's picture row, or nil.
func (st *store) pictureOf(personID int) map[string]any {
	if t := st.crud["persons/"+strconv.Itoa(personID)+"/picture"]; t != nil && len(t.rows) > 0 {
		return t.rows[0]
	}
	return nil
}

// pictureV1 renders a picture (v1 times).
func pictureV1(r map[string]any) map[string]any {
	id := r["id"].(int)
	return map[string]any{
		"id": id, "item_type": "person", "item_id": r["item_id"], "active_flag": true,
		"add_time": ts(r["add_time"].(time.Time)), "update_time": ts(r["add_time"].(time.Time)),
		"added_by_user_id": r["added_by_user_id"], "pictures": pictureURLs(id),
	}
}

func pictureURLs(id int) map[string]any {
	base := "https://pictures.pipedrivetest.invalid/" + strconv.Itoa(id)
	return map[string]any{"128": base + "_128.jpg", "512": base + "_512.jpg"}
}

// personPictureV1 is a person's v1 picture_id: the picture object with
// its id as value, or null.
func (c *call) personPictureV1(personID int) any {
	r := c.st.pictureOf(personID)
	if r == nil {
		return nil
	}
	p := pictureV1(r)
	p["value"] = r["id"]
	return p
}

// personPictureID is a person's v2 picture_id, or null.
func (c *call) personPictureID(personID int) any {
	if r := c.st.pictureOf(personID); r != nil {
		return r["id"]
	}
	return nil
}

// readUpload reads a multipart/form-data body: its "file" part's size,
// and its other fields.
func readUpload(c *call) (size int64, values map[string]string, rep *reply) {
	return readUploadPart(c, "file")
}

// readUploadPart reads a multipart/form-data body: the size of the file
// in the part named field, and the other fields.
func readUploadPart(c *call, field string) (size int64, values map[string]string, rep *reply) {
	content, values, rep := readUploadContent(c, field)
	return int64(len(content)), values, rep
}

// readUploadContent reads a multipart/form-data body: the bytes of the
// file in the part named field, and the other fields (":filename" and
// ":type" describe the file).
func readUploadContent(c *call, field string) (content []byte, values map[string]string, rep *reply) {
	mt, params, err := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return nil, nil, badRequest("The request must be multipart/form-data with a file")
	}
	mr := multipart.NewReader(bytes.NewReader(c.body), params["boundary"])
	values = map[string]string{}
	found := false
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, badRequest("Malformed multipart body: " + err.Error())
		}
		if part.FormName() == field && part.FileName() != "" {
			b, err := io.ReadAll(part)
			if err != nil {
				return nil, nil, badRequest("Malformed multipart body: " + err.Error())
			}
			content, found = b, true
			values[":filename"], values[":type"] = part.FileName(), part.Header.Get("Content-Type")
			continue
		}
		b, _ := io.ReadAll(io.LimitReader(part, 1<<10))
		values[part.FormName()] = string(b)
	}
	if !found {
		return nil, nil, badRequest(fmt.Sprintf("Parameter %q is required", field))
	}
	if len(content) == 0 {
		return nil, nil, badRequest("The file is empty")
	}
	return content, values, nil
}

func registerPicturesV1(rt *router) {
	rt.handle("POST /persons/{id}/picture", 10, func(c *call) *reply {
		if _, found := c.st.persons.live(c.id); !found {
			return notFound("Person")
		}
		size, values, rep := readUpload(c)
		if rep != nil {
			return rep
		}
		for _, k := range []string{"crop_x", "crop_y", "crop_width", "crop_height"} {
			if v, has := values[k]; has {
				if n, err := strconv.Atoi(v); err != nil || n < 0 {
					return badRequest(`Invalid value for field "` + k + `": expected a non-negative integer`)
				}
			}
		}
		before := c.snapshot("persons", c.id)
		t, _ := c.st.children("persons/" + strconv.Itoa(c.id) + "/picture")
		pictures, _ := c.st.children("pictures")
		pictures.seq++
		row := map[string]any{"id": pictures.seq, "item_id": c.id, "added_by_user_id": c.st.meID,
			"add_time": c.st.clock(), "file_size": size}
		t.rows = []map[string]any{row}
		c.emit("persons", "change", c.id, before)
		return ok(http.StatusOK, pictureV1(row), nil, nil)
	})
	rt.handle("DELETE /persons/{id}/picture", 6, func(c *call) *reply {
		if _, found := c.st.persons.live(c.id); !found {
			return notFound("Person")
		}
		r := c.st.pictureOf(c.id)
		if r == nil {
			return notFound("Picture")
		}
		before := c.snapshot("persons", c.id)
		c.st.crud["persons/"+strconv.Itoa(c.id)+"/picture"].rows = nil
		c.emit("persons", "change", c.id, before)
		return ok(http.StatusOK, map[string]any{"id": r["id"]}, nil, nil)
	})
}

func registerPicturesV2(rt *router) {
	rt.handle("GET /persons/{id}/picture", 1, func(c *call) *reply {
		if _, found := c.st.persons.live(c.id); !found {
			return notFound("Person")
		}
		r := c.st.pictureOf(c.id)
		if r == nil {
			return notFound("Picture")
		}
		return okV2(map[string]any{"id": r["id"], "item_type": "person", "item_id": c.id, "active_flag": true,
			"added_by_user_id": r["added_by_user_id"], "file_size": r["file_size"], "pictures": pictureURLs(r["id"].(int))})
	})
}
