package cli

import "github.com/gopipedrive/pipedrive"

// commandTree is the whole command: resource groups, connections and api.
func commandTree() *command {
	tree := &command{
		name:    "pipedrive",
		summary: "Pipedrive CRM through the Maton API gateway, from the shell.",
		long: "Authenticate with a Maton API key (--api-key or MATON_API_KEY); try it without\n" +
			"an account with --demo. Examples:\n\n" +
			"  pipedrive --demo deals funnel\n" +
			"  pipedrive deals list --status open --stage 3 --limit 50\n" +
			"  pipedrive deals list --all -o ndjson > deals.ndjson\n" +
			"  pipedrive deals create --title \"Big deal\" --value 5000 --currency EUR --person 1 --org 2\n" +
			"  pipedrive api GET /api/v1/currencies",
		subs: []*command{
			withSubs(dealsResource().group(), append(entityExtras(pipedrive.FollowedDeal),
				followersCommand(pipedrive.FollowedDeal, "deal"), discountsCommand(), participantsCommand(), summaryCommand(), timelineCommand(),
				dealProductsCommand(), installmentsCommand())...),
			withSubs(personsResource().group(), append(entityExtras(pipedrive.FollowedPerson),
				followersCommand(pipedrive.FollowedPerson, "person"), pictureCommand(), personProductsCommand())...),
			withSubs(organizationsResource().group(), append(entityExtras(pipedrive.FollowedOrganization),
				followersCommand(pipedrive.FollowedOrganization, "organization"), relationshipsCommand())...),
			withSubs(activitiesResource().group(), activityTypesCommand()),
			withSubs(pipelinesResource().group(), pipelineStatsCommands()...),
			stagesResource().group(),
			withSubs(notesResource().group(), commentsCommand()),
			withSubs(usersResource().group(), usersExtras()...),
			connectionsCommand(),
			webhooksCommand(),
			withSubs(leadsCommand(), leadFieldsCommand(), leadSearchCommand()),
			withSubs(productsCommand(), productDealsCommand(), productImageCommand()),
			currenciesCommand(),
			fieldsCommand(),
			recentsCommand(),
			filesCommand(),
			filtersCommand(),
			callLogsCommand(),
		},
	}
	tree.subs = append(tree.subs, adminCommands()...)
	tree.subs = append(tree.subs, projectCommands()...)
	tree.subs = append(tree.subs, apiCommand())
	return tree
}
