package pipedrive

import (
	"context"
	"iter"
)

// The history, files, mail, visibility and merging of deals, persons and
// organizations (API v1, current): one-line methods over entityHistory
// (history.go).

func (s *DealsService) history() entityHistory { return entityHistory{s.client, "deals"} }

// Changelog returns one page of the changes of a deal's fields, newest
// first.
//
// Pipedrive: GET /api/v1/deals/{id}/changelog (https://developers.pipedrive.com/docs/api/v1/Deals#getDealChangelog).
// Token cost: 20.
func (s *DealsService) Changelog(ctx context.Context, id int, opts *ChangelogOptions) ([]*ChangelogEntry, *Response, error) {
	return s.history().changelog(ctx, id, opts)
}

// ChangelogAll iterates over every change of a deal's fields, fetching
// pages lazily. It yields an error once and stops.
//
// Pipedrive: GET /api/v1/deals/{id}/changelog, once per page.
// Token cost: 20 per page.
func (s *DealsService) ChangelogAll(ctx context.Context, id int, opts *ChangelogOptions) iter.Seq2[*ChangelogEntry, error] {
	return s.history().changelogAll(ctx, id, opts)
}

// Updates returns one page of a deal's flow: changes, activities,
// notes, files and mail, newest first (see FlowItem).
//
// Pipedrive: GET /api/v1/deals/{id}/flow (https://developers.pipedrive.com/docs/api/v1/Deals#getDealUpdates).
// Token cost: 40.
func (s *DealsService) Updates(ctx context.Context, id int, opts *FlowOptions) ([]*FlowItem, *Response, error) {
	return s.history().flow(ctx, id, opts)
}

// UpdatesAll iterates over a deal's whole flow, fetching pages lazily.
//
// Pipedrive: GET /api/v1/deals/{id}/flow, once per page.
// Token cost: 40 per page.
func (s *DealsService) UpdatesAll(ctx context.Context, id int, opts *FlowOptions) iter.Seq2[*FlowItem, error] {
	return s.history().flowAll(ctx, id, opts)
}

// Files returns one page of the files attached to a deal.
//
// Pipedrive: GET /api/v1/deals/{id}/files (https://developers.pipedrive.com/docs/api/v1/Deals#getDealFiles).
// Token cost: 20.
func (s *DealsService) Files(ctx context.Context, id int, opts *FileListOptions) ([]*File, *Response, error) {
	return s.history().files(ctx, id, opts)
}

// MailMessages returns one page of the mail messages linked to a deal.
//
// Pipedrive: GET /api/v1/deals/{id}/mailMessages (https://developers.pipedrive.com/docs/api/v1/Deals#getDealMailMessages).
// Token cost: 20.
func (s *DealsService) MailMessages(ctx context.Context, id int, opts *MailMessageOptions) ([]*MailMessage, *Response, error) {
	return s.history().mailMessages(ctx, id, opts)
}

// PermittedUsers returns the ids of the users allowed to see a deal.
//
// Pipedrive: GET /api/v1/deals/{id}/permittedUsers (https://developers.pipedrive.com/docs/api/v1/Deals#getDealUsers).
// Token cost: 10.
func (s *DealsService) PermittedUsers(ctx context.Context, id int) ([]int, *Response, error) {
	return s.history().permittedUsers(ctx, id)
}

// Merge merges a deal into the one with intoID: its activities, notes,
// followers and links move there, it is deleted, and the deal with intoID,
// whose values win, is returned. Merging cannot be undone.
//
// Pipedrive: PUT /api/v1/deals/{id}/merge (https://developers.pipedrive.com/docs/api/v1/Deals#mergeDeals).
// Token cost: 40.
func (s *DealsService) Merge(ctx context.Context, id, intoID int) (*Deal, *Response, error) {
	return merge[Deal](ctx, s.history(), id, intoID)
}

func (s *PersonsService) history() entityHistory { return entityHistory{s.client, "persons"} }

// Changelog returns one page of the changes of a person's fields, newest
// first.
//
// Pipedrive: GET /api/v1/persons/{id}/changelog (https://developers.pipedrive.com/docs/api/v1/Persons#getPersonChangelog).
// Token cost: 20.
func (s *PersonsService) Changelog(ctx context.Context, id int, opts *ChangelogOptions) ([]*ChangelogEntry, *Response, error) {
	return s.history().changelog(ctx, id, opts)
}

// ChangelogAll iterates over every change of a person's fields, fetching
// pages lazily. It yields an error once and stops.
//
// Pipedrive: GET /api/v1/persons/{id}/changelog, once per page.
// Token cost: 20 per page.
func (s *PersonsService) ChangelogAll(ctx context.Context, id int, opts *ChangelogOptions) iter.Seq2[*ChangelogEntry, error] {
	return s.history().changelogAll(ctx, id, opts)
}

// Updates returns one page of a person's flow: changes, activities,
// notes, files and mail, newest first (see FlowItem).
//
// Pipedrive: GET /api/v1/persons/{id}/flow (https://developers.pipedrive.com/docs/api/v1/Persons#getPersonUpdates).
// Token cost: 40.
func (s *PersonsService) Updates(ctx context.Context, id int, opts *FlowOptions) ([]*FlowItem, *Response, error) {
	return s.history().flow(ctx, id, opts)
}

// UpdatesAll iterates over a person's whole flow, fetching pages lazily.
//
// Pipedrive: GET /api/v1/persons/{id}/flow, once per page.
// Token cost: 40 per page.
func (s *PersonsService) UpdatesAll(ctx context.Context, id int, opts *FlowOptions) iter.Seq2[*FlowItem, error] {
	return s.history().flowAll(ctx, id, opts)
}

// Files returns one page of the files attached to a person.
//
// Pipedrive: GET /api/v1/persons/{id}/files (https://developers.pipedrive.com/docs/api/v1/Persons#getPersonFiles).
// Token cost: 20.
func (s *PersonsService) Files(ctx context.Context, id int, opts *FileListOptions) ([]*File, *Response, error) {
	return s.history().files(ctx, id, opts)
}

// MailMessages returns one page of the mail messages linked to a person.
//
// Pipedrive: GET /api/v1/persons/{id}/mailMessages (https://developers.pipedrive.com/docs/api/v1/Persons#getPersonMailMessages).
// Token cost: 20.
func (s *PersonsService) MailMessages(ctx context.Context, id int, opts *MailMessageOptions) ([]*MailMessage, *Response, error) {
	return s.history().mailMessages(ctx, id, opts)
}

// PermittedUsers returns the ids of the users allowed to see a person.
//
// Pipedrive: GET /api/v1/persons/{id}/permittedUsers (https://developers.pipedrive.com/docs/api/v1/Persons#getPersonUsers).
// Token cost: 10.
func (s *PersonsService) PermittedUsers(ctx context.Context, id int) ([]int, *Response, error) {
	return s.history().permittedUsers(ctx, id)
}

// Merge merges a person into the one with intoID: its activities, notes,
// followers and links move there, it is deleted, and the person with intoID,
// whose values win, is returned. Merging cannot be undone.
//
// Pipedrive: PUT /api/v1/persons/{id}/merge (https://developers.pipedrive.com/docs/api/v1/Persons#mergePersons).
// Token cost: 40.
func (s *PersonsService) Merge(ctx context.Context, id, intoID int) (*Person, *Response, error) {
	return merge[Person](ctx, s.history(), id, intoID)
}

func (s *OrganizationsService) history() entityHistory {
	return entityHistory{s.client, "organizations"}
}

// Changelog returns one page of the changes of an organization's fields, newest
// first.
//
// Pipedrive: GET /api/v1/organizations/{id}/changelog (https://developers.pipedrive.com/docs/api/v1/Organizations#getOrganizationChangelog).
// Token cost: 20.
func (s *OrganizationsService) Changelog(ctx context.Context, id int, opts *ChangelogOptions) ([]*ChangelogEntry, *Response, error) {
	return s.history().changelog(ctx, id, opts)
}

// ChangelogAll iterates over every change of an organization's fields, fetching
// pages lazily. It yields an error once and stops.
//
// Pipedrive: GET /api/v1/organizations/{id}/changelog, once per page.
// Token cost: 20 per page.
func (s *OrganizationsService) ChangelogAll(ctx context.Context, id int, opts *ChangelogOptions) iter.Seq2[*ChangelogEntry, error] {
	return s.history().changelogAll(ctx, id, opts)
}

// Updates returns one page of an organization's flow: changes, activities,
// notes, files and mail, newest first (see FlowItem).
//
// Pipedrive: GET /api/v1/organizations/{id}/flow (https://developers.pipedrive.com/docs/api/v1/Organizations#getOrganizationUpdates).
// Token cost: 40.
func (s *OrganizationsService) Updates(ctx context.Context, id int, opts *FlowOptions) ([]*FlowItem, *Response, error) {
	return s.history().flow(ctx, id, opts)
}

// UpdatesAll iterates over an organization's whole flow, fetching pages lazily.
//
// Pipedrive: GET /api/v1/organizations/{id}/flow, once per page.
// Token cost: 40 per page.
func (s *OrganizationsService) UpdatesAll(ctx context.Context, id int, opts *FlowOptions) iter.Seq2[*FlowItem, error] {
	return s.history().flowAll(ctx, id, opts)
}

// Files returns one page of the files attached to an organization.
//
// Pipedrive: GET /api/v1/organizations/{id}/files (https://developers.pipedrive.com/docs/api/v1/Organizations#getOrganizationFiles).
// Token cost: 20.
func (s *OrganizationsService) Files(ctx context.Context, id int, opts *FileListOptions) ([]*File, *Response, error) {
	return s.history().files(ctx, id, opts)
}

// MailMessages returns one page of the mail messages linked to an organization.
//
// Pipedrive: GET /api/v1/organizations/{id}/mailMessages (https://developers.pipedrive.com/docs/api/v1/Organizations#getOrganizationMailMessages).
// Token cost: 20.
func (s *OrganizationsService) MailMessages(ctx context.Context, id int, opts *MailMessageOptions) ([]*MailMessage, *Response, error) {
	return s.history().mailMessages(ctx, id, opts)
}

// PermittedUsers returns the ids of the users allowed to see an organization.
//
// Pipedrive: GET /api/v1/organizations/{id}/permittedUsers (https://developers.pipedrive.com/docs/api/v1/Organizations#getOrganizationUsers).
// Token cost: 10.
func (s *OrganizationsService) PermittedUsers(ctx context.Context, id int) ([]int, *Response, error) {
	return s.history().permittedUsers(ctx, id)
}

// Merge merges an organization into the one with intoID: its activities, notes,
// followers and links move there, it is deleted, and the organization with intoID,
// whose values win, is returned. Merging cannot be undone.
//
// Pipedrive: PUT /api/v1/organizations/{id}/merge (https://developers.pipedrive.com/docs/api/v1/Organizations#mergeOrganizations).
// Token cost: 40.
func (s *OrganizationsService) Merge(ctx context.Context, id, intoID int) (*Organization, *Response, error) {
	return merge[Organization](ctx, s.history(), id, intoID)
}

// Duplicate copies a deal (its fields, custom fields and links) into a new
// deal and returns the copy.
//
// Pipedrive: POST /api/v1/deals/{id}/duplicate (https://developers.pipedrive.com/docs/api/v1/Deals#duplicateDeal).
// Token cost: 10.
func (s *DealsService) Duplicate(ctx context.Context, id int) (*Deal, *Response, error) {
	return validated(checkID("id", id), func() (*Deal, *Response, error) {
		return v1Create[Deal](ctx, s.client, v1IDPath("deals", id)+"/duplicate", nil, "")
	})
}
