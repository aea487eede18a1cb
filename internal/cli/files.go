package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/gopipedrive/pipedrive"
)

var fileView = view{singular: "file", plural: "files", columns: []string{"ID", "NAME", "TYPE", "SIZE", "DEAL", "PERSON", "ORG", "ADDED"}}

func fileCells(f *pipedrive.File) []string {
	return []string{itoa(f.ID), cell(f.Name), f.FileType, strconv.FormatInt(f.FileSize, 10), idCell(f.DealID),
		idCell(f.PersonID), idCell(f.OrgID), f.AddTime.String()}
}

// filesCommand is `pipedrive files list|get|upload|download|update|delete|remote`.
func filesCommand() *command {
	var sort string
	list := v1ListCommand("list", "List files (one page, or every page with --all)", fileView, fileCells, func(fs *flag.FlagSet) {
		fs.StringVar(&sort, "sort", "", `sort, e.g. "update_time DESC"`)
	}, func(ctx context.Context, cl *pipedrive.Client, o pipedrive.ListOptions) ([]*pipedrive.File, *pipedrive.Response, error) {
		o.Limit = min(o.Limit, 100)
		return cl.Files.List(ctx, &pipedrive.FileListOptions{Sort: sort, ListOptions: o})
	})
	up := &pipedrive.FileUploadParams{}
	var name string
	upload := argsCommand("upload", "PATH", "Upload a file (streamed; - reads standard input) and link it to items", func(fs *flag.FlagSet) {
		fs.IntVar(&up.DealID, "deal", 0, "link it to this deal id")
		fs.IntVar(&up.PersonID, "person", 0, "link it to this person id")
		fs.IntVar(&up.OrgID, "org", 0, "link it to this organization id")
		fs.IntVar(&up.ProductID, "product", 0, "link it to this product id")
		fs.IntVar(&up.ActivityID, "activity", 0, "link it to this activity id")
		fs.IntVar(&up.ProjectID, "project", 0, "link it to this project id")
		fs.StringVar(&up.LeadID, "lead", "", "link it to this lead (UUID)")
		fs.StringVar(&name, "name", "", "the file's name in Pipedrive (default: the base name of PATH)")
	}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
		up.Name = name
		if argv[0] == "-" {
			if name == "" {
				return usagef("--name is required when the file comes from standard input")
			}
			up.Content = a.stdin
		} else {
			f, err := os.Open(argv[0])
			if err != nil {
				return usagef("cannot read %s: %v", argv[0], errors.Unwrap(err))
			}
			defer f.Close()
			st, err := f.Stat()
			if err != nil || st.IsDir() {
				return usagef("%s is not a file", argv[0])
			}
			if up.Name == "" {
				up.Name = filepath.Base(argv[0])
			}
			up.Content, up.Size = f, st.Size()
		}
		file, _, err := cl.Files.Upload(ctx, up)
		if err != nil {
			return err
		}
		return a.printOne(fileView, row{file, fileCells(file)})
	})
	var out string
	download := argsCommand("download", "FILE_ID", "Write a file's bytes to standard output (or -O PATH), streamed", func(fs *flag.FlagSet) {
		fs.StringVar(&out, "O", "", "write to this path instead of standard output")
	}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
		ids, err := parseIDs([]string{"FILE_ID"}, argv)
		if err != nil {
			return err
		}
		body, _, err := cl.Files.Download(ctx, ids[0])
		if err != nil {
			return err
		}
		defer body.Close()
		w := a.stdout
		if out != "" {
			f, err := os.Create(out)
			if err != nil {
				return usagef("cannot write %s: %v", out, errors.Unwrap(err))
			}
			defer f.Close()
			w = f
		}
		if _, err := io.Copy(w, body); err != nil {
			return fmt.Errorf("downloading file %d: %w", ids[0], err)
		}
		return nil
	})
	var newName, description optString
	update := argsCommand("update", "FILE_ID", "Rename a file or change its description", func(fs *flag.FlagSet) {
		fs.Var(&newName, "name", "the new name")
		fs.Var(&description, "description", "the new description")
	}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
		ids, err := parseIDs([]string{"FILE_ID"}, argv)
		if err != nil {
			return err
		}
		p := &pipedrive.FileUpdateParams{}
		if newName.set {
			p.Name = &newName.v
		}
		if description.set {
			p.Description = &description.v
		}
		f, _, err := cl.Files.Update(ctx, ids[0], p)
		if err != nil {
			return err
		}
		return a.printOne(fileView, row{f, fileCells(f)})
	})
	return &command{name: "files", summary: "Files: list, get, upload, download, update, delete, Google Drive links", subs: []*command{
		list,
		idsCommand("get", "FILE_ID", "Show a file's details", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			f, _, err := cl.Files.Get(ctx, ids[0])
			if err != nil {
				return err
			}
			return a.printOne(fileView, row{f, fileCells(f)}, [2]string{"URL", f.URL}, [2]string{"DESCRIPTION", f.Description})
		}),
		upload, download, update,
		idsCommand("delete", "FILE_ID", "Delete a file", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			if _, err := cl.Files.Delete(ctx, ids[0]); err != nil {
				return err
			}
			return a.printDeleted("file", itoa(ids[0]))
		}),
		remoteFilesCommand(),
	}}
}

// remoteFilesCommand is `pipedrive files remote create|link`.
func remoteFilesCommand() *command {
	var item remoteItem
	p := &pipedrive.RemoteFileParams{}
	var fileType string
	create := argsCommand("create", "TITLE", "Create an empty Google Drive document linked to an item", func(fs *flag.FlagSet) {
		item.flags(fs)
		fs.StringVar(&fileType, "type", "gdoc", "gdoc, gslides, gsheet, gform or gdraw")
	}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
		t, id, err := item.get()
		if err != nil {
			return err
		}
		p.Title, p.FileType, p.ItemType, p.ItemID = argv[0], pipedrive.RemoteFileType(fileType), t, id
		f, _, err := cl.Files.CreateRemote(ctx, p)
		if err != nil {
			return err
		}
		return a.printOne(fileView, row{f, fileCells(f)}, [2]string{"REMOTE ID", f.RemoteID})
	})
	var linkItem remoteItem
	link := argsCommand("link", "DRIVE_FILE_ID", "Link an existing Google Drive file to an item", linkItem.flags,
		func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			t, id, err := linkItem.get()
			if err != nil {
				return err
			}
			f, _, err := cl.Files.LinkRemote(ctx, t, id, argv[0])
			if err != nil {
				return err
			}
			return a.printOne(fileView, row{f, fileCells(f)}, [2]string{"REMOTE ID", f.RemoteID})
		})
	return &command{name: "remote", summary: "Google Drive files: create a document, link an existing one", subs: []*command{create, link}}
}

// remoteItem is the --deal, --person or --org a remote file is linked to.
type remoteItem struct{ deal, person, org int }

func (r *remoteItem) flags(fs *flag.FlagSet) {
	fs.IntVar(&r.deal, "deal", 0, "link it to this deal id")
	fs.IntVar(&r.person, "person", 0, "link it to this person id")
	fs.IntVar(&r.org, "org", 0, "link it to this organization id")
}

func (r *remoteItem) get() (pipedrive.RemoteItemType, int, error) {
	var t pipedrive.RemoteItemType
	var id, n int
	for _, c := range []struct {
		t  pipedrive.RemoteItemType
		id int
	}{{pipedrive.RemoteItemDeal, r.deal}, {pipedrive.RemoteItemPerson, r.person}, {pipedrive.RemoteItemOrganization, r.org}} {
		if c.id != 0 {
			t, id, n = c.t, c.id, n+1
		}
	}
	if n != 1 {
		return "", 0, usagef("give exactly one of --deal, --person or --org")
	}
	return t, id, nil
}
