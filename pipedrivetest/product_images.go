package pipedrivetest

import (
	"net/http"
	"strconv"
	"time"
)

// Product images (API v2): one image per product, uploaded as
// multipart/form-data (part "data"), replaced with PUT. The fake keeps the
// name, type and size, not the bytes; its public URL is a placeholder.

func registerProductImagesV2(rt *router) {
	image := func(c *call) (*crudTable, *reply) {
		if _, found := c.st.liveProduct(c.id); !found {
			return nil, notFound("Product")
		}
		t, _ := c.st.children("products/" + strconv.Itoa(c.id) + "/image")
		return t, nil
	}
	put := func(c *call, t *crudTable, status int) *reply {
		size, values, rep := readUploadPart(c, "data")
		if rep != nil {
			return rep
		}
		images, _ := c.st.children("productImages")
		images.seq++
		row := map[string]any{"id": images.seq, "product_id": c.id, "company_id": strconv.Itoa(c.st.company.ID),
			"add_time": c.st.clock(), "name": values[":filename"], "mime_type": values[":type"], "size": size}
		t.rows = []map[string]any{row}
		return jsonReply(status, map[string]any{"success": true, "data": map[string]any{"id": row["id"], "product_id": c.id,
			"company_id": row["company_id"], "add_time": rfc(c.st.clock())}})
	}
	rt.handle("GET /products/{id}/images", 10, func(c *call) *reply {
		t, rep := image(c)
		if rep != nil {
			return rep
		}
		if len(t.rows) == 0 {
			return notFound("Product image")
		}
		r := t.rows[0]
		return okV2(map[string]any{"id": r["id"], "product_id": c.id, "company_id": r["company_id"],
			"public_url": "https://images.pipedrivetest.invalid/" + strconv.Itoa(r["id"].(int)),
			"add_time":   rfc(r["add_time"].(time.Time)), "mime_type": r["mime_type"], "name": r["name"]})
	})
	rt.handle("POST /products/{id}/images", 20, func(c *call) *reply {
		t, rep := image(c)
		if rep != nil {
			return rep
		}
		if len(t.rows) > 0 {
			return badRequest("The product already has an image: replace it with PUT")
		}
		return put(c, t, http.StatusCreated)
	})
	rt.handle("PUT /products/{id}/images", 20, func(c *call) *reply {
		t, rep := image(c)
		if rep != nil {
			return rep
		}
		if len(t.rows) == 0 {
			return notFound("Product image")
		}
		return put(c, t, http.StatusOK)
	})
	rt.handle("DELETE /products/{id}/images", 6, func(c *call) *reply {
		t, rep := image(c)
		if rep != nil {
			return rep
		}
		if len(t.rows) == 0 {
			return notFound("Product image")
		}
		id := t.rows[0]["id"]
		t.rows = nil
		return jsonReply(http.StatusOK, map[string]any{"success": true, "data": map[string]any{"id": id}})
	})
}
