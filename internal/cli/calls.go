package cli

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"time"

	"github.com/gopipedrive/pipedrive"
)

var callView = view{singular: "call log", plural: "call logs", columns: []string{"ID", "OUTCOME", "TO", "START", "DURATION", "DEAL", "PERSON", "SUBJECT"}}

func callCells(c *pipedrive.CallLog) []string {
	return []string{string(c.ID), string(c.Outcome), c.ToPhoneNumber, c.StartTime.UTC().Format(time.RFC3339), string(c.Duration),
		idCell(c.DealID), idCell(c.PersonID), cell(c.Subject)}
}

// callLogsCommand is `pipedrive calls list|get|log|delete|recording`.
func callLogsCommand() *command {
	p := &pipedrive.CallLogParams{}
	var outcome, start, end string
	logCall := argsCommand("log", "TO_PHONE_NUMBER", "Log a call (--outcome, --start and --end required)", func(fs *flag.FlagSet) {
		fs.StringVar(&outcome, "outcome", "", "connected, no_answer, left_message, left_voicemail, wrong_number or busy")
		fs.StringVar(&start, "start", "", "when the call started, RFC 3339")
		fs.StringVar(&end, "end", "", "when it ended, RFC 3339")
		fs.StringVar(&p.Subject, "subject", "", "what the call was about")
		fs.StringVar(&p.Note, "note", "", "a note (HTML allowed)")
		fs.StringVar(&p.FromPhoneNumber, "from", "", "the number called from")
		fs.IntVar(&p.DealID, "deal", 0, "deal id")
		fs.IntVar(&p.PersonID, "person", 0, "person id")
		fs.IntVar(&p.OrgID, "org", 0, "organization id")
		fs.StringVar(&p.LeadID, "lead", "", "lead UUID")
	}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
		s, err1 := time.Parse(time.RFC3339, start)
		e, err2 := time.Parse(time.RFC3339, end)
		if err1 != nil || err2 != nil {
			return usagef("--start and --end are required RFC 3339 times, such as 2026-12-01T10:00:00Z")
		}
		p.ToPhoneNumber, p.Outcome, p.StartTime, p.EndTime = argv[0], pipedrive.CallOutcome(outcome), s, e
		p.Duration = itoa(int(e.Sub(s).Seconds()))
		c, _, err := cl.CallLogs.Create(ctx, p)
		if err != nil {
			return err
		}
		return a.printOne(callView, row{c, callCells(c)})
	})
	return &command{name: "calls", summary: "Call logs: list, get, log, delete, attach a recording", subs: []*command{
		noArgs("list", "List your call logs", func(ctx context.Context, a *app, cl *pipedrive.Client) error {
			all, err := collect(cl.CallLogs.All(ctx, nil))
			if err != nil {
				return err
			}
			return a.printPage(callView, page{rows: rows(all, callCells)})
		}),
		argsCommand("get", "CALL_ID", "Show a call log", nil, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			c, _, err := cl.CallLogs.Get(ctx, argv[0])
			if err != nil {
				return err
			}
			return a.printOne(callView, row{c, callCells(c)}, [2]string{"NOTE", c.Note})
		}),
		logCall,
		argsCommand("delete", "CALL_ID", "Delete a call log", nil, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			if _, err := cl.CallLogs.Delete(ctx, argv[0]); err != nil {
				return err
			}
			return a.printDeleted("call log", argv[0])
		}),
		argsCommand("recording", "CALL_ID PATH", "Attach the call's audio (streamed)", nil, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			f, err := os.Open(argv[1])
			if err != nil {
				return usagef("cannot read %s", argv[1])
			}
			defer f.Close()
			if _, err := cl.CallLogs.AddRecording(ctx, argv[0], filepath.Base(argv[1]), f); err != nil {
				return err
			}
			c, _, err := cl.CallLogs.Get(ctx, argv[0])
			if err != nil {
				return err
			}
			return a.printOne(callView, row{c, callCells(c)}, [2]string{"RECORDING", boolCell(c.HasRecording)})
		}),
	}}
}

var relView = view{singular: "relationship", plural: "relationships", columns: []string{"ID", "TYPE", "OWNER ORG", "LINKED ORG", "SEEN AS", "OTHER"}}

func relCells(r *pipedrive.OrganizationRelationship) []string {
	return []string{itoa(r.ID), r.Type, idCell(r.RelOwnerOrgID.ID), idCell(r.RelLinkedOrgID.ID), r.CalculatedType, cell(r.RelatedOrganizationName)}
}

// relationshipsCommand is `pipedrive organizations relationships ...`.
func relationshipsCommand() *command {
	var relType string
	var updType string
	return &command{name: "relationships", summary: "Parent, daughter and related organizations: list, get, add, update, delete", subs: []*command{
		idsCommand("list", "ORG_ID", "List an organization's relationships", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			rs, _, err := cl.OrganizationRelationships.List(ctx, ids[0])
			if err != nil {
				return err
			}
			return a.printPage(relView, page{rows: rows(rs, relCells)})
		}),
		idsCommand("get", "RELATIONSHIP_ID", "Show a relationship", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			r, _, err := cl.OrganizationRelationships.Get(ctx, ids[0], 0)
			if err != nil {
				return err
			}
			return a.printOne(relView, row{r, relCells(r)})
		}),
		argsCommand("add", "ORG_ID OTHER_ORG_ID", "Relate two organizations (--type parent makes the first the parent)", func(fs *flag.FlagSet) {
			fs.StringVar(&relType, "type", "related", "parent or related")
		}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			ids, err := parseIDs([]string{"ORG_ID", "OTHER_ORG_ID"}, argv)
			if err != nil {
				return err
			}
			r, _, err := cl.OrganizationRelationships.Create(ctx, &pipedrive.OrganizationRelationshipParams{Type: relType, RelOwnerOrgID: ids[0], RelLinkedOrgID: ids[1]})
			if err != nil {
				return err
			}
			return a.printOne(relView, row{r, relCells(r)})
		}),
		argsCommand("update", "RELATIONSHIP_ID", "Change a relationship's type", func(fs *flag.FlagSet) {
			fs.StringVar(&updType, "type", "", "parent or related")
		}, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			ids, err := parseIDs([]string{"RELATIONSHIP_ID"}, argv)
			if err != nil {
				return err
			}
			r, _, err := cl.OrganizationRelationships.Update(ctx, ids[0], &pipedrive.OrganizationRelationshipParams{Type: updType})
			if err != nil {
				return err
			}
			return a.printOne(relView, row{r, relCells(r)})
		}),
		idsCommand("delete", "RELATIONSHIP_ID", "Delete a relationship", func(ctx context.Context, a *app, cl *pipedrive.Client, ids []int) error {
			if _, err := cl.OrganizationRelationships.Delete(ctx, ids[0]); err != nil {
				return err
			}
			return a.printDeleted("relationship", itoa(ids[0]))
		}),
	}}
}
