package pipedrive

import (
	"context"
	"iter"
	"strconv"
)

// The participants of a deal (API v1, current): the persons taking part
// in it beside its contact person.

// DealParticipant is a person taking part in a deal.
type DealParticipant struct {
	// ID identifies the participation (DeleteParticipant takes it).
	ID         int       `json:"id"`
	PersonID   PersonRef `json:"person_id"`
	AddTime    Time      `json:"add_time"`
	ActiveFlag FlexBool  `json:"active_flag"`
	// RelatedItemType is "deal" and RelatedItemID the deal's id.
	RelatedItemType string                 `json:"related_item_type"`
	RelatedItemID   int                    `json:"related_item_id"`
	RelatedItemData DealParticipantDealRef `json:"related_item_data"`
	// Person is the whole person.
	Person *Person `json:"person"`
}

// DealParticipantDealRef names the deal of a participation.
type DealParticipantDealRef struct {
	DealID int    `json:"deal_id"`
	Title  string `json:"title"`
}

// DealParticipantChange is one entry of a deal's participants changelog:
// a person was "added" or "removed".
type DealParticipantChange struct {
	ActorUserID int    `json:"actor_user_id"`
	PersonID    int    `json:"person_id"`
	Action      string `json:"action"`
	Time        Time   `json:"time"`
}

// participantBody is the body of an add: {"person_id": N}.
type participantBody struct {
	PersonID int `json:"person_id"`
}

// Participants returns one page of the participants of a deal.
//
// Pipedrive: GET /api/v1/deals/{id}/participants (https://developers.pipedrive.com/docs/api/v1/Deals#getDealParticipants).
// Token cost: 10.
func (s *DealsService) Participants(ctx context.Context, dealID int, opts *ListOptions) ([]*DealParticipant, *Response, error) {
	check := checkID("id", dealID)
	if check == nil && opts != nil {
		check = opts.validate()
	}
	return validated(check, func() ([]*DealParticipant, *Response, error) {
		return listPage[DealParticipant](ctx, s.client, v1Path("deals", strconv.Itoa(dealID), "participants"), queryOf(opts), "")
	})
}

// ParticipantsAll iterates over every participant of a deal, fetching
// pages lazily. It yields an error once and stops.
//
// Pipedrive: GET /api/v1/deals/{id}/participants, once per page.
// Token cost: 10 per page.
func (s *DealsService) ParticipantsAll(ctx context.Context, dealID int, opts *ListOptions) iter.Seq2[*DealParticipant, error] {
	return allPages(ctx, offsetPages, opts, func(o *ListOptions) *int { return &o.Start },
		func(ctx context.Context, o *ListOptions) ([]*DealParticipant, *Response, error) {
			return s.Participants(ctx, dealID, o)
		})
}

// AddParticipant makes a person a participant of a deal.
//
// Pipedrive: POST /api/v1/deals/{id}/participants (https://developers.pipedrive.com/docs/api/v1/Deals#addDealParticipant).
// Token cost: 10.
func (s *DealsService) AddParticipant(ctx context.Context, dealID, personID int) (*DealParticipant, *Response, error) {
	return validated(firstInvalid(checkID("id", dealID), checkID("person_id", personID)), func() (*DealParticipant, *Response, error) {
		return v1Create[DealParticipant](ctx, s.client, v1Path("deals", strconv.Itoa(dealID), "participants"), participantBody{personID}, "")
	})
}

// DeleteParticipant removes a participation: participantID is a
// DealParticipant's ID, not the person's.
//
// Pipedrive: DELETE /api/v1/deals/{id}/participants/{deal_participant_id} (https://developers.pipedrive.com/docs/api/v1/Deals#deleteDealParticipant).
// Token cost: 6.
func (s *DealsService) DeleteParticipant(ctx context.Context, dealID, participantID int) (*Response, error) {
	if err := firstInvalid(checkID("id", dealID), checkID("deal_participant_id", participantID)); err != nil {
		return nil, err
	}
	return deletePath(ctx, s.client, v1Path("deals", strconv.Itoa(dealID), "participants", strconv.Itoa(participantID)))
}

// ParticipantsChangelog returns one page of who was added to and removed
// from a deal's participants, newest first.
//
// Pipedrive: GET /api/v1/deals/{id}/participantsChangelog (https://developers.pipedrive.com/docs/api/v1/Deals#getDealParticipantsChangelog).
// Token cost: 10.
func (s *DealsService) ParticipantsChangelog(ctx context.Context, dealID int, opts *ChangelogOptions) ([]*DealParticipantChange, *Response, error) {
	return validated(firstInvalid(checkID("id", dealID), opts.validate()), func() ([]*DealParticipantChange, *Response, error) {
		return listPage[DealParticipantChange](ctx, s.client, v1Path("deals", strconv.Itoa(dealID), "participantsChangelog"), queryOf(opts), "")
	})
}

// ParticipantsChangelogAll iterates over the whole participants changelog
// of a deal, fetching pages lazily.
//
// Pipedrive: GET /api/v1/deals/{id}/participantsChangelog, once per page.
// Token cost: 10 per page.
func (s *DealsService) ParticipantsChangelogAll(ctx context.Context, dealID int, opts *ChangelogOptions) iter.Seq2[*DealParticipantChange, error] {
	return allPages(ctx, cursorPages, opts, func(o *ChangelogOptions) *string { return &o.Cursor },
		func(ctx context.Context, o *ChangelogOptions) ([]*DealParticipantChange, *Response, error) {
			return s.ParticipantsChangelog(ctx, dealID, o)
		})
}
