package pipedrive

import (
	"context"
	"iter"
)

// V2ProjectBoardsService manages project boards (API v2).
type V2ProjectBoardsService service

// V2ProjectPhasesService manages the phases of project boards (API v2).
type V2ProjectPhasesService service

// V2ProjectTemplatesService reads project templates (API v2).
type V2ProjectTemplatesService service

// V2ProjectBoard is a board projects move across.
type V2ProjectBoard struct {
	ID         int    `json:"id"`
	Name       string `json:"name"`
	OrderNr    int    `json:"order_nr"`
	AddTime    Time   `json:"add_time"`
	UpdateTime Time   `json:"update_time"`
}

// V2ProjectPhase is a phase (column) of a project board.
type V2ProjectPhase struct {
	ID         int    `json:"id"`
	Name       string `json:"name"`
	BoardID    int    `json:"board_id"`
	OrderNr    int    `json:"order_nr"`
	AddTime    Time   `json:"add_time"`
	UpdateTime Time   `json:"update_time"`
}

// V2ProjectBoardParams creates a board (Name required) or changes it.
type V2ProjectBoardParams struct {
	Name    string `json:"name,omitempty"`
	OrderNr int    `json:"order_nr,omitempty"`
}

// V2ProjectPhaseParams creates a phase (Name and BoardID required) or
// changes it.
type V2ProjectPhaseParams struct {
	Name    string `json:"name,omitempty"`
	BoardID int    `json:"board_id,omitempty"`
	OrderNr int    `json:"order_nr,omitempty"`
}

func checkBoardParams(p *V2ProjectBoardParams, create bool) error {
	switch {
	case p == nil:
		return invalid("params", "nil *V2ProjectBoardParams")
	case create && isBlank(p.Name):
		return invalid("name", "empty: a board needs a name")
	case !create && p.Name == "" && p.OrderNr == 0:
		return invalid("params", "nothing to change: set Name or OrderNr")
	}
	return checkOptionalID("order_nr", p.OrderNr)
}

func checkPhaseParams(p *V2ProjectPhaseParams, create bool) error {
	switch {
	case p == nil:
		return invalid("params", "nil *V2ProjectPhaseParams")
	case create && isBlank(p.Name):
		return invalid("name", "empty: a phase needs a name")
	case create && p.BoardID == 0:
		return invalid("board_id", "a phase belongs to a board: BoardID is required")
	case !create && p.Name == "" && p.OrderNr == 0 && p.BoardID == 0:
		return invalid("params", "nothing to change: set Name, BoardID or OrderNr")
	}
	return firstInvalid(checkOptionalID("board_id", p.BoardID), checkOptionalID("order_nr", p.OrderNr))
}

// List returns the project boards.
//
// Pipedrive: GET /api/v2/boards (https://developers.pipedrive.com/docs/api/v2/ProjectBoards#getProjectsBoards).
// Token cost: 10.
func (s *V2ProjectBoardsService) List(ctx context.Context) ([]*V2ProjectBoard, *Response, error) {
	return listPage[V2ProjectBoard](ctx, s.client, v2Path("boards"), nil, "")
}

// Get returns a board.
//
// Pipedrive: GET /api/v2/boards/{id} (https://developers.pipedrive.com/docs/api/v2/ProjectBoards#getProjectsBoard).
// Token cost: 10.
func (s *V2ProjectBoardsService) Get(ctx context.Context, id int) (*V2ProjectBoard, *Response, error) {
	return validated(checkID("id", id), func() (*V2ProjectBoard, *Response, error) {
		return v1Get[V2ProjectBoard](ctx, s.client, v2IDPath("boards", id), "")
	})
}

// Create adds a board.
//
// Pipedrive: POST /api/v2/boards (https://developers.pipedrive.com/docs/api/v2/ProjectBoards#addProjectBoard).
// Token cost: 5.
func (s *V2ProjectBoardsService) Create(ctx context.Context, p *V2ProjectBoardParams) (*V2ProjectBoard, *Response, error) {
	return validated(checkBoardParams(p, true), func() (*V2ProjectBoard, *Response, error) {
		return v1Create[V2ProjectBoard](ctx, s.client, v2Path("boards"), p, "")
	})
}

// Update renames or moves a board.
//
// Pipedrive: PATCH /api/v2/boards/{id} (https://developers.pipedrive.com/docs/api/v2/ProjectBoards#updateProjectBoard).
// Token cost: 5.
func (s *V2ProjectBoardsService) Update(ctx context.Context, id int, p *V2ProjectBoardParams) (*V2ProjectBoard, *Response, error) {
	return validated(firstInvalid(checkID("id", id), checkBoardParams(p, false)), func() (*V2ProjectBoard, *Response, error) {
		return v1Patch[V2ProjectBoard](ctx, s.client, v2IDPath("boards", id), p)
	})
}

// Delete marks a board as deleted.
//
// Pipedrive: DELETE /api/v2/boards/{id} (https://developers.pipedrive.com/docs/api/v2/ProjectBoards#deleteProjectBoard).
// Token cost: 3.
func (s *V2ProjectBoardsService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return deletePath(ctx, s.client, v2IDPath("boards", id))
}

// List returns the phases of a board.
//
// Pipedrive: GET /api/v2/phases (https://developers.pipedrive.com/docs/api/v2/ProjectPhases#getProjectsPhases).
// Token cost: 10.
func (s *V2ProjectPhasesService) List(ctx context.Context, boardID int) ([]*V2ProjectPhase, *Response, error) {
	return validated(checkID("board_id", boardID), func() ([]*V2ProjectPhase, *Response, error) {
		return listPage[V2ProjectPhase](ctx, s.client, v2Path("phases"), struct {
			BoardID int `url:"board_id"`
		}{boardID}, "")
	})
}

// Get returns a phase.
//
// Pipedrive: GET /api/v2/phases/{id} (https://developers.pipedrive.com/docs/api/v2/ProjectPhases#getProjectsPhase).
// Token cost: 10.
func (s *V2ProjectPhasesService) Get(ctx context.Context, id int) (*V2ProjectPhase, *Response, error) {
	return validated(checkID("id", id), func() (*V2ProjectPhase, *Response, error) {
		return v1Get[V2ProjectPhase](ctx, s.client, v2IDPath("phases", id), "")
	})
}

// Create adds a phase to a board.
//
// Pipedrive: POST /api/v2/phases (https://developers.pipedrive.com/docs/api/v2/ProjectPhases#addProjectPhase).
// Token cost: 5.
func (s *V2ProjectPhasesService) Create(ctx context.Context, p *V2ProjectPhaseParams) (*V2ProjectPhase, *Response, error) {
	return validated(checkPhaseParams(p, true), func() (*V2ProjectPhase, *Response, error) {
		return v1Create[V2ProjectPhase](ctx, s.client, v2Path("phases"), p, "")
	})
}

// Update renames or moves a phase.
//
// Pipedrive: PATCH /api/v2/phases/{id} (https://developers.pipedrive.com/docs/api/v2/ProjectPhases#updateProjectPhase).
// Token cost: 5.
func (s *V2ProjectPhasesService) Update(ctx context.Context, id int, p *V2ProjectPhaseParams) (*V2ProjectPhase, *Response, error) {
	return validated(firstInvalid(checkID("id", id), checkPhaseParams(p, false)), func() (*V2ProjectPhase, *Response, error) {
		return v1Patch[V2ProjectPhase](ctx, s.client, v2IDPath("phases", id), p)
	})
}

// Delete marks a phase as deleted.
//
// Pipedrive: DELETE /api/v2/phases/{id} (https://developers.pipedrive.com/docs/api/v2/ProjectPhases#deleteProjectPhase).
// Token cost: 3.
func (s *V2ProjectPhasesService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return deletePath(ctx, s.client, v2IDPath("phases", id))
}

// V2ProjectTemplate is a template projects are created from.
type V2ProjectTemplate struct {
	ID              int    `json:"id"`
	Title           string `json:"title"`
	Description     string `json:"description"`
	ProjectsBoardID int    `json:"projects_board_id"`
	OwnerID         int    `json:"owner_id"`
	AddTime         Time   `json:"add_time"`
	UpdateTime      Time   `json:"update_time"`
}

// List returns one page of project templates.
//
// Pipedrive: GET /api/v2/projectTemplates (https://developers.pipedrive.com/docs/api/v2/ProjectTemplates#getProjectTemplates).
// Token cost: 10.
func (s *V2ProjectTemplatesService) List(ctx context.Context, opts *V2ListOptions) ([]*V2ProjectTemplate, *Response, error) {
	return v2SubList[V2ProjectTemplate](ctx, s.client, nil, v2Path("projectTemplates"), opts)
}

// All iterates over every project template.
//
// Pipedrive: GET /api/v2/projectTemplates, once per page.
// Token cost: 10 per page.
func (s *V2ProjectTemplatesService) All(ctx context.Context, opts *V2ListOptions) iter.Seq2[*V2ProjectTemplate, error] {
	return v2SubAll(ctx, opts, s.List)
}

// Get returns a project template.
//
// Pipedrive: GET /api/v2/projectTemplates/{id} (https://developers.pipedrive.com/docs/api/v2/ProjectTemplates#getProjectTemplate).
// Token cost: 1.
func (s *V2ProjectTemplatesService) Get(ctx context.Context, id int) (*V2ProjectTemplate, *Response, error) {
	return validated(checkID("id", id), func() (*V2ProjectTemplate, *Response, error) {
		return v1Get[V2ProjectTemplate](ctx, s.client, v2IDPath("projectTemplates", id), "")
	})
}
