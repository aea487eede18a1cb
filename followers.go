package pipedrive

import (
	"context"
	"iter"
	"net/http"
	"strconv"
	"time"
)

// Followers are the users who get notified about a deal, a person, an
// organization or a product. The four kinds share one set of endpoints
// ({kind}/{id}/followers), so one service of each API version serves them
// all, the kind given as a FollowedType.

// FollowedType is a kind of entity users can follow.
type FollowedType string

// The kinds of entity users can follow.
const (
	FollowedDeal         FollowedType = "deals"
	FollowedPerson       FollowedType = "persons"
	FollowedOrganization FollowedType = "organizations"
	FollowedProduct      FollowedType = "products"
)

// check refuses a kind that is not one of the constants and an id that
// cannot exist.
func (t FollowedType) check(id int) error {
	if err := checkEnumList("type", []FollowedType{t}, FollowedDeal, FollowedPerson, FollowedOrganization, FollowedProduct); err != nil {
		return err
	}
	return checkID("id", id)
}

// followersPath is /{kind}/{id}/followers[/{rest}] in the given version.
func followersPath(path func(...string) string, t FollowedType, id int, rest ...string) string {
	return path(append([]string{string(t), strconv.Itoa(id), "followers"}, rest...)...)
}

// FollowersService lists, adds and removes the followers of deals,
// persons, organizations and products (API v1, current).
type FollowersService service

// Follower is one user following an entity (API v1). Exactly one of
// DealID, PersonID, OrgID and ProductID is set, after the entity's kind.
type Follower struct {
	// ID identifies the following itself (Delete takes it), not the user.
	ID        int  `json:"id"`
	UserID    int  `json:"user_id"`
	DealID    int  `json:"deal_id,omitempty"`
	PersonID  int  `json:"person_id,omitempty"`
	OrgID     int  `json:"org_id,omitempty"`
	ProductID int  `json:"product_id,omitempty"`
	AddTime   Time `json:"add_time"`
}

// List returns the followers of the entity of kind t with the given id.
//
// Pipedrive: GET /api/v1/{deals|persons|organizations|products}/{id}/followers
// (https://developers.pipedrive.com/docs/api/v1/Deals#getDealFollowers and
// the same operation of Persons, Organizations and Products).
// Token cost: 20.
func (s *FollowersService) List(ctx context.Context, t FollowedType, id int) ([]*Follower, *Response, error) {
	return validated(t.check(id), func() ([]*Follower, *Response, error) {
		return listPage[Follower](ctx, s.client, followersPath(v1Path, t, id), nil, "")
	})
}

// Add makes the user with userID follow the entity.
//
// Pipedrive: POST /api/v1/{deals|persons|organizations|products}/{id}/followers
// (https://developers.pipedrive.com/docs/api/v1/Deals#addDealFollower).
// Token cost: 10.
func (s *FollowersService) Add(ctx context.Context, t FollowedType, id, userID int) (*Follower, *Response, error) {
	return validated(firstInvalid(t.check(id), checkID("user_id", userID)), func() (*Follower, *Response, error) {
		return v1Create[Follower](ctx, s.client, followersPath(v1Path, t, id), followerBody{userID}, "")
	})
}

// Delete removes a following: followerID is a Follower's ID, not the user's
// (API v2's Delete takes the user's).
//
// Pipedrive: DELETE /api/v1/{deals|persons|organizations|products}/{id}/followers/{follower_id}
// (https://developers.pipedrive.com/docs/api/v1/Deals#deleteDealFollower).
// Token cost: 6.
func (s *FollowersService) Delete(ctx context.Context, t FollowedType, id, followerID int) (*Response, error) {
	if err := firstInvalid(t.check(id), checkID("follower_id", followerID)); err != nil {
		return nil, err
	}
	return deletePath(ctx, s.client, followersPath(v1Path, t, id, strconv.Itoa(followerID)))
}

// followerBody is the body of an add: {"user_id": N}.
type followerBody struct {
	UserID int `json:"user_id"`
}

// V2FollowersService lists, adds and removes the followers of deals,
// persons, organizations and products, and lists the history of who
// followed them (API v2).
type V2FollowersService service

// V2Follower is one user following an entity (API v2).
type V2Follower struct {
	UserID  int       `json:"user_id"`
	AddTime time.Time `json:"add_time"`
}

// V2FollowerChange is one event of a followers changelog: a user started
// ("added") or stopped ("removed") following.
type V2FollowerChange struct {
	Action         string    `json:"action"`
	ActorUserID    int       `json:"actor_user_id"`
	FollowerUserID int       `json:"follower_user_id"`
	Time           time.Time `json:"time"`
}

// List returns one page of the followers of the entity of kind t with the
// given id.
//
// Pipedrive: GET /api/v2/{deals|persons|organizations|products}/{id}/followers
// (https://developers.pipedrive.com/docs/api/v2/Deals#getDealFollowers and
// the same operation of Persons, Organizations and Products).
// Token cost: 10.
func (s *V2FollowersService) List(ctx context.Context, t FollowedType, id int, opts *V2ListOptions) ([]*V2Follower, *Response, error) {
	return v2SubList[V2Follower](ctx, s.client, t.check(id), followersPath(v2Path, t, id), opts)
}

// All iterates over every follower List returns, fetching pages lazily. It
// yields an error once and stops.
//
// Pipedrive: GET /api/v2/{deals|persons|organizations|products}/{id}/followers, once per page.
// Token cost: 10 per page.
func (s *V2FollowersService) All(ctx context.Context, t FollowedType, id int, opts *V2ListOptions) iter.Seq2[*V2Follower, error] {
	return v2SubAll(ctx, opts, func(ctx context.Context, o *V2ListOptions) ([]*V2Follower, *Response, error) {
		return s.List(ctx, t, id, o)
	})
}

// Add makes the user with userID follow the entity.
//
// Pipedrive: POST /api/v2/{deals|persons|organizations|products}/{id}/followers
// (https://developers.pipedrive.com/docs/api/v2/Deals#addDealFollower).
// Token cost: 5.
func (s *V2FollowersService) Add(ctx context.Context, t FollowedType, id, userID int) (*V2Follower, *Response, error) {
	return validated(firstInvalid(t.check(id), checkID("user_id", userID)), func() (*V2Follower, *Response, error) {
		return doOne[V2Follower](ctx, s.client, &request{method: http.MethodPost, path: followersPath(v2Path, t, id), body: followerBody{userID}})
	})
}

// Delete makes the user with userID stop following the entity.
//
// Pipedrive: DELETE /api/v2/{deals|persons|organizations|products}/{id}/followers/{follower_id}
// (https://developers.pipedrive.com/docs/api/v2/Deals#deleteDealFollower).
// Token cost: 3.
func (s *V2FollowersService) Delete(ctx context.Context, t FollowedType, id, userID int) (*Response, error) {
	if err := firstInvalid(t.check(id), checkID("follower_id", userID)); err != nil {
		return nil, err
	}
	return deletePath(ctx, s.client, followersPath(v2Path, t, id, strconv.Itoa(userID)))
}

// Changelog returns one page of the history of who started and stopped
// following the entity.
//
// Pipedrive: GET /api/v2/{deals|persons|organizations|products}/{id}/followers/changelog
// (https://developers.pipedrive.com/docs/api/v2/Deals#getDealFollowersChangelog).
// Token cost: 10.
func (s *V2FollowersService) Changelog(ctx context.Context, t FollowedType, id int, opts *V2ListOptions) ([]*V2FollowerChange, *Response, error) {
	return v2SubList[V2FollowerChange](ctx, s.client, t.check(id), followersPath(v2Path, t, id, "changelog"), opts)
}

// ChangelogAll iterates over the whole changelog, fetching pages lazily.
//
// Pipedrive: GET /api/v2/{deals|persons|organizations|products}/{id}/followers/changelog, once per page.
// Token cost: 10 per page.
func (s *V2FollowersService) ChangelogAll(ctx context.Context, t FollowedType, id int, opts *V2ListOptions) iter.Seq2[*V2FollowerChange, error] {
	return v2SubAll(ctx, opts, func(ctx context.Context, o *V2ListOptions) ([]*V2FollowerChange, *Response, error) {
		return s.Changelog(ctx, t, id, o)
	})
}
