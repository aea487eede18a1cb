package pipedrive

import "strconv"

// V2Services groups the services of Pipedrive's API v2, reached as
// client.V2.Deals, client.V2.Persons and so on. API v2 replaced the v1
// deal, person, organization, activity, pipeline and stage endpoints, which
// have been out of support since 2026-08-01.
//
// Compared with v1, v2 entities carry plain integer references (owner_id,
// person_id, org_id), real booleans, RFC 3339 times, visible_to as an
// integer and their custom fields in a "custom_fields" object (see
// V2CustomFields); lists page by cursor (Response.NextCursor), updates are
// PATCH requests that send only the fields set (see Field), and there are
// no related_objects.
type V2Services struct {
	// Deals: list, get, create, update, delete, search, archived deals.
	Deals *V2DealsService
	// Persons: list, get, create, update, delete, search.
	Persons *V2PersonsService
	// Organizations: list, get, create, update, delete, search.
	Organizations *V2OrganizationsService
	// Activities: list, get, create, update, delete.
	Activities *V2ActivitiesService
	// Pipelines: list, get, create, update, delete.
	Pipelines *V2PipelinesService
	// Stages: list, get, create, update, delete.
	Stages *V2StagesService
	// ItemSearch searches deals, persons, organizations, products, leads,
	// files, mail attachments and projects at once.
	ItemSearch *V2ItemSearchService
	// Fields lists and gets deal, person, organization and activity
	// fields.
	Fields *V2FieldsService
	// Leads: search, and the conversion of a lead into a deal (leads
	// themselves are API v1: Client.Leads).
	Leads *V2LeadsService
	// Followers: the followers of deals, persons, organizations and
	// products, and their changelog.
	Followers *V2FollowersService
	// Products: list, get, create, update, delete, search, duplicate,
	// variations.
	Products *V2ProductsService
	// Users: the users following a user (users themselves are API v1).
	Users *V2UsersService
	// Projects: list, get, create, update, delete, archive, search,
	// changelog, permitted users.
	Projects *V2ProjectsService
	// Tasks: the tasks of projects.
	Tasks *V2TasksService
	// ProjectBoards and ProjectPhases are the boards of projects and the
	// phases of a board.
	ProjectBoards *V2ProjectBoardsService
	ProjectPhases *V2ProjectPhasesService
	// ProjectTemplates lists and gets project templates.
	ProjectTemplates *V2ProjectTemplatesService
}

func (c *Client) initV2(s *service) {
	c.V2 = &V2Services{
		Deals:            (*V2DealsService)(s),
		Persons:          (*V2PersonsService)(s),
		Organizations:    (*V2OrganizationsService)(s),
		Activities:       (*V2ActivitiesService)(s),
		Pipelines:        (*V2PipelinesService)(s),
		Stages:           (*V2StagesService)(s),
		ItemSearch:       (*V2ItemSearchService)(s),
		Fields:           (*V2FieldsService)(s),
		Leads:            (*V2LeadsService)(s),
		Followers:        (*V2FollowersService)(s),
		Products:         (*V2ProductsService)(s),
		Users:            (*V2UsersService)(s),
		Projects:         (*V2ProjectsService)(s),
		Tasks:            (*V2TasksService)(s),
		ProjectBoards:    (*V2ProjectBoardsService)(s),
		ProjectPhases:    (*V2ProjectPhasesService)(s),
		ProjectTemplates: (*V2ProjectTemplatesService)(s),
	}
}

// v2IDPath is the path of one v2 entity: v2IDPath("deals", 42) is
// "/pipedrive/api/v2/deals/42".
func v2IDPath(resource string, id int) string {
	return v2Path(resource, strconv.Itoa(id))
}
