package cli

import (
	"context"
	"flag"

	"strings"

	"github.com/gopipedrive/pipedrive"
)

// fieldsCommand is `pipedrive fields list|get|create|rename|delete|options`
// over the v2 field endpoints of deals, persons, organizations, products
// (and, read-only, activities).
func fieldsCommand() *command {
	v := view{singular: "field", plural: "fields", columns: []string{"CODE", "NAME", "TYPE", "CUSTOM", "OPTIONS"}}
	cells := func(f *pipedrive.V2FieldDefinition) []string {
		var opts []string
		for _, o := range f.Options {
			opts = append(opts, o.Label)
		}
		return []string{f.FieldCode, cell(f.FieldName), string(f.FieldType), boolCell(f.IsCustomField), cell(strings.Join(opts, ", "))}
	}
	entity := func(s string) (pipedrive.FieldEntity, error) {
		e := pipedrive.FieldEntity(strings.TrimSuffix(s, "s"))
		switch e {
		case pipedrive.EntityDeal, pipedrive.EntityPerson, pipedrive.EntityOrganization, pipedrive.EntityProduct, pipedrive.EntityActivity, pipedrive.EntityProject:
			return e, nil
		}
		return "", usagef("%q is not deal, person, organization, product, activity or project", s)
	}
	withEntity := func(name, args, summary string, flags func(*flag.FlagSet), run func(ctx context.Context, a *app, cl *pipedrive.Client, e pipedrive.FieldEntity, argv []string) error) *command {
		return argsCommand(name, "ENTITY"+args, summary, flags, func(ctx context.Context, a *app, cl *pipedrive.Client, argv []string) error {
			e, err := entity(argv[0])
			if err != nil {
				return err
			}
			return run(ctx, a, cl, e, argv[1:])
		})
	}
	one := func(a *app, f *pipedrive.V2FieldDefinition, err error) error {
		if err != nil {
			return err
		}
		return a.printOne(v, row{f, cells(f)})
	}
	create := &pipedrive.V2FieldCreateParams{}
	var options stringsFlag
	optionView := view{singular: "option", plural: "options", columns: []string{"ID", "LABEL"}}
	printOptions := func(a *app, os []*pipedrive.V2FieldOption, err error) error {
		if err != nil {
			return err
		}
		return a.printPage(optionView, page{rows: rows(os, func(o *pipedrive.V2FieldOption) []string { return []string{itoa(o.ID), cell(o.Label)} })})
	}
	return &command{
		name:    "fields",
		summary: "Fields of deals, persons, organizations, products (API v2): list, get, create, rename, delete, options",
		long:    "ENTITY is deal, person, organization, product or activity (activity fields are read-only).",
		subs: []*command{
			withEntity("list", "", "List an entity's fields", nil, func(ctx context.Context, a *app, cl *pipedrive.Client, e pipedrive.FieldEntity, _ []string) error {
				fs, err := collect(cl.V2.Fields.All(ctx, e, nil))
				if err != nil {
					return err
				}
				return a.printPage(v, page{rows: rows(fs, cells)})
			}),
			withEntity("get", " CODE", "Show a field", nil, func(ctx context.Context, a *app, cl *pipedrive.Client, e pipedrive.FieldEntity, argv []string) error {
				f, _, err := cl.V2.Fields.Get(ctx, e, argv[0], nil)
				return one(a, f, err)
			}),
			withEntity("create", " NAME", "Add a custom field (--type, and --option for enum and set)", func(fs *flag.FlagSet) {
				fs.Func("type", "varchar, text, double, monetary, date, enum, set, user, org, people, phone, address...", func(s string) error {
					create.FieldType = pipedrive.FieldType(s)
					return nil
				})
				fs.Var(&options, "option", "an option of an enum or set field; repeatable")
			}, func(ctx context.Context, a *app, cl *pipedrive.Client, e pipedrive.FieldEntity, argv []string) error {
				create.FieldName = argv[0]
				for _, o := range options {
					create.Options = append(create.Options, pipedrive.V2FieldOptionLabel{Label: o})
				}
				f, _, err := cl.V2.Fields.Create(ctx, e, create)
				return one(a, f, err)
			}),
			withEntity("rename", " CODE NAME", "Rename a custom field", nil, func(ctx context.Context, a *app, cl *pipedrive.Client, e pipedrive.FieldEntity, argv []string) error {
				f, _, err := cl.V2.Fields.Update(ctx, e, argv[0], &pipedrive.V2FieldUpdateParams{FieldName: argv[1]})
				return one(a, f, err)
			}),
			withEntity("delete", " CODE", "Delete a custom field and its values", nil, func(ctx context.Context, a *app, cl *pipedrive.Client, e pipedrive.FieldEntity, argv []string) error {
				if _, _, err := cl.V2.Fields.Delete(ctx, e, argv[0]); err != nil {
					return err
				}
				return a.printDeleted("field", argv[0])
			}),
			{
				name: "options", summary: "The options of an enum or set field: add, rename, delete",
				subs: []*command{
					withEntity("add", " CODE LABEL", "Add an option", nil, func(ctx context.Context, a *app, cl *pipedrive.Client, e pipedrive.FieldEntity, argv []string) error {
						os, _, err := cl.V2.Fields.AddOptions(ctx, e, argv[0], argv[1])
						return printOptions(a, os, err)
					}),
					withEntity("rename", " CODE OPTION_ID LABEL", "Relabel an option", nil, func(ctx context.Context, a *app, cl *pipedrive.Client, e pipedrive.FieldEntity, argv []string) error {
						id, err := parseID("option", argv[1])
						if err != nil {
							return err
						}
						os, _, err := cl.V2.Fields.UpdateOptions(ctx, e, argv[0], pipedrive.V2FieldOptionChange{ID: id, Label: argv[2]})
						return printOptions(a, os, err)
					}),
					withEntity("delete", " CODE OPTION_ID", "Delete an option", nil, func(ctx context.Context, a *app, cl *pipedrive.Client, e pipedrive.FieldEntity, argv []string) error {
						id, err := parseID("option", argv[1])
						if err != nil {
							return err
						}
						os, _, err := cl.V2.Fields.DeleteOptions(ctx, e, argv[0], id)
						return printOptions(a, os, err)
					}),
				},
			},
		},
	}
}

// stringsFlag collects a repeatable string flag.
type stringsFlag []string

func (s *stringsFlag) String() string     { return strings.Join(*s, ",") }
func (s *stringsFlag) Set(v string) error { *s = append(*s, v); return nil }
