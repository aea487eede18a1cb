package pipedrive

// ProjectsService holds the project operations that only API v1 has: a
// project's plan, groups, activities and tasks (projects themselves:
// Client.V2.Projects).
type ProjectsService service

// V2ProjectsService manages projects (API v2).
type V2ProjectsService service

// V2TasksService manages the tasks of projects (API v2).
type V2TasksService service

// V2ProjectBoardsService manages project boards (API v2).
type V2ProjectBoardsService service

// V2ProjectPhasesService manages the phases of project boards (API v2).
type V2ProjectPhasesService service

// V2ProjectTemplatesService reads project templates (API v2).
type V2ProjectTemplatesService service
