package pipedrivetest_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gopipedrive/pipedrive"
	"github.com/gopipedrive/pipedrive/pipedrivetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Files: upload (streamed multipart), get, list, the files of a deal,
// update, download byte for byte, remote files, delete — through the SDK,
// validated against the spec.
func TestConformanceFiles(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	deal, _, err := c.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "Files deal"})
	require.NoError(t, err)
	person, _, err := c.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{Name: "Filed person"})
	require.NoError(t, err)

	content := bytes.Repeat([]byte("quarterly numbers\n"), 1000)
	f, _, err := c.Files.Upload(ctx, &pipedrive.FileUploadParams{Name: "report.csv", Content: bytes.NewReader(content),
		Size: int64(len(content)), DealID: deal.ID})
	require.NoError(t, err)
	assert.Equal(t, "report.csv", f.Name)
	assert.Equal(t, int64(len(content)), f.FileSize)
	assert.Equal(t, deal.ID, f.DealID)
	assert.Equal(t, "Files deal", f.DealName)
	assert.True(t, strings.HasPrefix(f.FileName, "report_") && strings.HasSuffix(f.FileName, ".csv"), f.FileName)

	body, _, err := c.Files.Download(ctx, f.ID)
	require.NoError(t, err)
	got, err := io.ReadAll(body)
	require.NoError(t, err)
	require.NoError(t, body.Close())
	assert.Equal(t, content, got, "the download is the upload, byte for byte")

	_, _, err = c.Files.Upload(ctx, &pipedrive.FileUploadParams{Name: "notes.txt", Content: strings.NewReader("hello"), PersonID: person.ID})
	require.NoError(t, err)
	_, _, err = c.Files.Upload(ctx, &pipedrive.FileUploadParams{Name: "x.txt", Content: strings.NewReader("x"), DealID: 999999})
	assert.ErrorIs(t, err, pipedrive.ErrNotFound, "a file is linked to an item that exists")

	up, _, err := c.Files.Update(ctx, f.ID, &pipedrive.FileUpdateParams{Name: pipedrive.Ptr("Q3 report.csv"), Description: pipedrive.Ptr("numbers")})
	require.NoError(t, err)
	assert.Equal(t, "Q3 report.csv", up.Name)
	assert.Equal(t, "numbers", up.Description)

	doc, _, err := c.Files.CreateRemote(ctx, &pipedrive.RemoteFileParams{FileType: pipedrive.RemoteSheet, Title: "Forecast",
		ItemType: pipedrive.RemoteItemDeal, ItemID: deal.ID})
	require.NoError(t, err)
	assert.Equal(t, "googledrive", doc.RemoteLocation)
	assert.NotEmpty(t, doc.RemoteID)
	linked, _, err := c.Files.LinkRemote(ctx, pipedrive.RemoteItemPerson, person.ID, "1mT6jshiv6537IirwOExXJuG1jdR4F0FQ")
	require.NoError(t, err)
	assert.Equal(t, person.ID, linked.PersonID)

	dealFiles, _, err := c.Deals.Files(ctx, deal.ID, nil)
	require.NoError(t, err)
	assert.Len(t, dealFiles, 2, "the upload and the remote document")

	n := 0
	for file, err := range c.Files.All(ctx, &pipedrive.FileListOptions{ListOptions: pipedrive.ListOptions{Limit: 1}, Sort: "id DESC"}) {
		require.NoError(t, err)
		n++
		if n == 1 {
			assert.Equal(t, linked.ID, file.ID, "sorted by id, descending")
		}
	}
	assert.Equal(t, 4, n)

	_, err = c.Files.Delete(ctx, f.ID)
	require.NoError(t, err)
	gone, _, err := c.Files.Get(ctx, f.ID)
	require.NoError(t, err, "a deleted file stays readable by id")
	assert.False(t, bool(gone.ActiveFlag))
	_, _, err = c.Files.Download(ctx, f.ID)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
	list, _, err := c.Files.List(ctx, nil)
	require.NoError(t, err)
	assert.Len(t, list, 3)
}

// WithFileDir: a file uploaded to one server is downloaded, byte for
// byte, from another started later on the same directory.
func TestFileDirOutlivesServer(t *testing.T) {
	dir := t.TempDir()
	content := []byte("kept on disk\x00\xff")
	first := newServer(t, pipedrivetest.WithFileDir(dir))
	c1 := first.Client(t)
	f, _, err := c1.Files.Upload(t.Context(), &pipedrive.FileUploadParams{Name: "blob.bin", Content: bytes.NewReader(content)})
	require.NoError(t, err)
	first.Close()

	second := newServer(t, pipedrivetest.WithFileDir(dir))
	c2 := second.Client(t)
	body, _, err := c2.Files.Download(t.Context(), f.ID)
	require.NoError(t, err)
	got, err := io.ReadAll(body)
	require.NoError(t, err)
	assert.Equal(t, content, got)
	next, _, err := c2.Files.Upload(t.Context(), &pipedrive.FileUploadParams{Name: "more.bin", Content: bytes.NewReader(content)})
	require.NoError(t, err)
	assert.Equal(t, f.ID+1, next.ID, "ids continue after the stored files")
}

// The fake refuses what Pipedrive refuses: an empty file, a remote file
// for an unknown item type, a page of files above 100.
func TestFilesRefused(t *testing.T) {
	srv := newServer(t)
	c := srv.Client(t)
	ctx := t.Context()
	_, _, err := c.Files.Upload(ctx, &pipedrive.FileUploadParams{Name: "empty.txt", Content: strings.NewReader("")})
	var apiErr *pipedrive.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	res, err := c.Do(ctx, http.MethodGet, "/api/v1/files", url.Values{"limit": {"101"}}, nil, nil)
	require.Error(t, err)
	assert.Equal(t, http.StatusBadRequest, res.StatusCode)
	assert.False(t, errors.Is(err, pipedrive.ErrNotFound))
}
