package pipedrivetest

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Files (API v1), declared on the generic store: an upload
// (multipart/form-data) keeps the file's bytes, which download serves
// back; remote files (Google Drive) are linked to a deal, person or
// organization; delete marks a file inactive (it stays readable by id,
// as in Pipedrive, which removes it for good after 30 days). The files
// of a deal, person, organization or product are listed from the same
// table. With WithFileDir the files live in a directory and outlive the
// server.

// fileLinks are the items a file can be linked to: the row key and the
// store path of the item.
var fileLinks = []struct{ key, path, nameKey string }{
	{"deal_id", "deals", "deal_name"}, {"person_id", "persons", "person_name"}, {"org_id", "organizations", "org_name"},
	{"product_id", "products", "product_name"}, {"activity_id", "activities", ""}, {"project_id", "projects", "project_name"},
}

func filesV1() *crudResource {
	return &crudResource{
		path: "files", noun: "File", update: "PUT", times: true, paginated: true,
		cost:       struct{ list, get, create, update, delete int }{20, 2, 10, 10, 6},
		fields:     []crudField{{name: "name", kind: crudString}, {name: "description", kind: crudString}},
		softDelete: true, deletedKey: "active_flag", deletedValue: false,
		filter: func(c *call) (func(map[string]any) bool, *reply) {
			if limit, _, rep := queryInt(c.q, "limit"); rep != nil || limit > 100 {
				return nil, badRequest("limit must be from 1 to 100")
			}
			return func(map[string]any) bool { return true }, nil
		},
		v1Sort: []string{"id", "user_id", "deal_id", "person_id", "org_id", "product_id", "add_time", "update_time", "file_name", "file_type", "file_size"},
		check: func(c *call, row map[string]any) *reply {
			if name, _ := row["name"].(string); strings.TrimSpace(name) == "" {
				return badRequest("A file needs a name")
			}
			return nil
		},
		afterWrite: func(c *call) { c.s.saveFiles(c.st) },
		render:     renderFile,
	}
}

// renderFile shapes a file row: v1 times, the names of what it is linked
// to, its download URL; the bytes stay out.
func renderFile(c *call, row map[string]any) map[string]any {
	delete(row, "_content")
	row["add_time"], row["update_time"] = v1Stamp(row["add_time"]), v1Stamp(row["update_time"])
	for _, l := range fileLinks {
		id, _ := row[l.key].(int)
		if id == 0 {
			delete(row, l.key)
			continue
		}
		if l.nameKey != "" {
			if m := c.itemName(l.path, id); m != "" {
				row[l.nameKey] = m
			}
		}
	}
	if row["lead_id"] == "" {
		delete(row, "lead_id")
	}
	row["url"] = fmt.Sprintf("%s/pipedrive/api/v1/files/%v/download", c.s.URL, row["id"])
	return row
}

// itemName is the title or name of a linked item, "" when unknown.
func (c *call) itemName(path string, id int) string {
	switch path {
	case "deals":
		if d, found := c.st.deals.get(id); found {
			return d.Title
		}
	case "persons":
		if p, found := c.st.persons.get(id); found {
			return p.Name
		}
	case "organizations":
		if o, found := c.st.orgs.get(id); found {
			return o.Name
		}
	}
	return ""
}

// fileType is Pipedrive's coarse kind of a file.
func fileType(name, contentType string) string {
	ct, _, _ := mime.ParseMediaType(contentType)
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(name)), ".")
	switch {
	case strings.HasPrefix(ct, "image/"):
		return "img"
	case ext == "pdf":
		return "pdf"
	case strings.HasPrefix(ct, "text/") || ext == "md" || ext == "txt" || ext == "csv":
		return "text"
	case ext != "":
		return ext
	}
	return "other"
}

// storedName is the file_name Pipedrive gives an upload: the name with a
// unique suffix.
func storedName(c *call, name string, seq int) string {
	sum := sha1.Sum([]byte(fmt.Sprintf("file\x00%d\x00%d\x00%s", c.st.company.ID, seq, name)))
	ext := filepath.Ext(name)
	return strings.TrimSuffix(name, ext) + "_" + hex.EncodeToString(sum[:12]) + ext
}

// fileItems checks and links the items of a new file.
func fileItems(c *call, row map[string]any, get func(key string) (int, bool, *reply)) *reply {
	for _, l := range fileLinks {
		id, has, rep := get(l.key)
		if rep != nil {
			return rep
		}
		if !has {
			continue
		}
		if id <= 0 {
			return badRequest(fmt.Sprintf("Parameter %q must be a positive integer", l.key))
		}
		if l.path == "projects" {
			row[l.key] = id // projects are checked by their own tables
			continue
		}
		if _, _, found := c.st.parentOwner(l.path, id); !found {
			return notFound(nounOf(l.path))
		}
		row[l.key] = id
	}
	return nil
}

func newFileRow(c *call, t *crudTable, name string) map[string]any {
	return map[string]any{
		"user_id": c.st.meID, "name": name, "description": "", "file_name": storedName(c, name, t.seq+1),
		"inline_flag": false, "remote_location": "", "remote_id": "", "cid": "", "s3_bucket": "",
		"mail_message_id": "", "mail_template_id": "", "active_flag": true, "lead_id": "",
	}
}

func registerFilesV1(rt *router) {
	res := filesV1()
	files := func(c *call) *crudTable { return c.s.filesTable(c.st, res) }
	rt.handle("GET /files", 20, func(c *call) *reply { files(c); return res.list(c) })
	rt.handle("GET /files/{id}", 2, func(c *call) *reply { files(c); return res.get(c) })
	rt.handle("PUT /files/{id}", 10, func(c *call) *reply { files(c); return res.change(c) })
	rt.handle("DELETE /files/{id}", 6, func(c *call) *reply { files(c); return res.remove(c) })
	rt.handle("POST /files", 10, func(c *call) *reply {
		t := files(c)
		content, values, rep := readUploadContent(c, "file")
		if rep != nil {
			return rep
		}
		name := values[":filename"]
		row := newFileRow(c, t, name)
		if rep := fileItems(c, row, func(k string) (int, bool, *reply) {
			v, has := values[k]
			if !has {
				return 0, false, nil
			}
			n, err := strconv.Atoi(v)
			if err != nil {
				return 0, false, badRequest(fmt.Sprintf("Parameter %q must be an integer", k))
			}
			return n, true, nil
		}); rep != nil {
			return rep
		}
		if lead := values["lead_id"]; lead != "" {
			if leadsRes.table(c.st).find(lead) < 0 {
				return notFound("Lead")
			}
			row["lead_id"] = lead
		}
		row["file_type"], row["file_size"], row["_content"] = fileType(name, values[":type"]), len(content), content
		res.insert(c, t, row)
		return ok(http.StatusOK, res.out(c, row), nil, nil)
	})
	remote := func(c *call, create bool) *reply {
		t := files(c)
		f, rep := c.fields()
		if rep != nil {
			return rep
		}
		required := []string{"item_type", "item_id", "remote_location"}
		if create {
			required = append(required, "file_type", "title")
		} else {
			required = append(required, "remote_id")
		}
		for _, k := range required {
			if v, _, _ := f.str(k); v == "" && !f.has(k) {
				return badRequest(fmt.Sprintf("Parameter %q is required", k))
			}
		}
		if loc, _, _ := f.str("remote_location"); loc != "googledrive" {
			return badRequest(`Only "googledrive" is supported as remote_location`)
		}
		itemType, _, _ := f.str("item_type")
		key := map[string]string{"deal": "deal_id", "organization": "org_id", "person": "person_id"}[itemType]
		if key == "" {
			return badRequest(`item_type must be deal, organization or person`)
		}
		itemID, _, err := f.integer("item_id")
		if err != nil {
			return badRequest(err.Error())
		}
		title, remoteID := "", ""
		if create {
			ft, _, _ := f.str("file_type")
			if !strings.Contains(" gdoc gslides gsheet gform gdraw ", " "+ft+" ") {
				return badRequest("file_type must be gdoc, gslides, gsheet, gform or gdraw")
			}
			title, _, _ = f.str("title")
			sum := sha1.Sum([]byte(fmt.Sprintf("drive\x00%d\x00%d", c.st.company.ID, t.seq+1)))
			remoteID = hex.EncodeToString(sum[:])[:33]
		} else {
			remoteID, _, _ = f.str("remote_id")
			title = "Google Drive file " + remoteID
		}
		row := newFileRow(c, t, title)
		if rep := fileItems(c, row, func(k string) (int, bool, *reply) { return itemID, k == key, nil }); rep != nil {
			return rep
		}
		row["file_name"], row["remote_location"], row["remote_id"], row["file_type"], row["file_size"] = title, "googledrive", remoteID, "gdoc", 0
		if create {
			ft, _, _ := f.str("file_type")
			row["file_type"] = ft
		}
		res.insert(c, t, row)
		return ok(http.StatusOK, res.out(c, row), nil, nil)
	}
	rt.handle("POST /files/remote", 10, func(c *call) *reply { return remote(c, true) })
	rt.handle("POST /files/remoteLink", 10, func(c *call) *reply { return remote(c, false) })
	rt.handle("GET /files/{id}/download", 20, func(c *call) *reply {
		t := files(c)
		i := t.find(c.id)
		if i < 0 || res.deleted(t.rows[i]) {
			return notFound("File")
		}
		row := t.rows[i]
		content, _ := row["_content"].([]byte)
		if content == nil && row["remote_location"] == "googledrive" {
			return pdError(http.StatusBadRequest, "A remote file is downloaded from Google Drive")
		}
		h := http.Header{}
		h.Set("Content-Type", "application/octet-stream")
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": fmt.Sprint(row["name"])}))
		return &reply{status: http.StatusOK, header: h, body: content}
	})
}

// itemFiles lists the active files linked to an item (GET
// /deals/{id}/files and the like).
func itemFiles(c *call, key string) *reply {
	res := filesV1()
	t := c.s.filesTable(c.st, res)
	if limit, _, rep := queryInt(c.q, "limit"); rep != nil || limit > 100 {
		return badRequest("limit must be from 1 to 100")
	}
	var rows []map[string]any
	for _, r := range t.rows {
		if r[key] == c.id && !res.deleted(r) {
			rows = append(rows, r)
		}
	}
	start, end, additional, rep := paginate(c.q, len(rows))
	if rep != nil {
		return rep
	}
	data := make([]map[string]any, 0, end-start)
	for _, r := range rows[start:end] {
		data = append(data, res.out(c, r))
	}
	return ok(http.StatusOK, data, additional, nil)
}

// ---- files kept in a directory (WithFileDir) ----

// fileRecord is a file row on disk; the bytes are in a file beside it.
type fileRecord struct {
	Row map[string]any `json:"row"`
}

// filesTable returns the company's files, loaded from the file directory
// the first time when the server has one.
func (s *Server) filesTable(st *store, res *crudResource) *crudTable {
	fresh := st.crud == nil || st.crud[res.path] == nil
	t := res.table(st)
	if !fresh || s.cfg.fileDir == "" {
		return t
	}
	b, err := os.ReadFile(filepath.Join(s.cfg.fileDir, "files.json"))
	if err != nil {
		return t
	}
	var recs []fileRecord
	if json.Unmarshal(b, &recs) != nil {
		return t
	}
	for _, r := range recs {
		row := map[string]any{}
		for k, v := range r.Row {
			if n, ok := v.(float64); ok && n == float64(int(n)) {
				v = int(n) // ids and sizes come back as numbers
			}
			row[k] = v
		}
		id, _ := row["id"].(int)
		content, err := os.ReadFile(filepath.Join(s.cfg.fileDir, strconv.Itoa(id)+".bin"))
		if err == nil {
			row["_content"] = content
		}
		t.rows = append(t.rows, row)
		t.seq = max(t.seq, id)
	}
	return t
}

// saveFiles writes the company's files to the file directory (when the
// server has one): the rows in files.json, each file's bytes beside it.
func (s *Server) saveFiles(st *store) {
	if s.cfg.fileDir == "" || st.crud == nil || st.crud["files"] == nil {
		return
	}
	t := st.crud["files"]
	if os.MkdirAll(s.cfg.fileDir, 0o700) != nil {
		return
	}
	recs := make([]fileRecord, 0, len(t.rows))
	for _, row := range t.rows {
		r := cloneMap(row)
		if content, ok := r["_content"].([]byte); ok {
			p := filepath.Join(s.cfg.fileDir, fmt.Sprint(r["id"])+".bin")
			if _, err := os.Stat(p); err != nil {
				_ = os.WriteFile(p, content, 0o600)
			}
		}
		delete(r, "_content")
		recs = append(recs, fileRecord{Row: r})
	}
	b, err := json.Marshal(recs)
	if err == nil {
		tmp := filepath.Join(s.cfg.fileDir, "files.json.tmp")
		if os.WriteFile(tmp, b, 0o600) == nil {
			_ = os.Rename(tmp, filepath.Join(s.cfg.fileDir, "files.json"))
		}
	}
}
