// What a person does to a live rollout by hand: one endpoint each (POST /api/rollouts/:id/<action>)
// and one CLI command each. Kept apart from the service so the CLI reads the list without loading it.
export const ROLLOUT_ACTIONS = ['pause', 'resume', 'abort'] as const;
export type RolloutAction = (typeof ROLLOUT_ACTIONS)[number];
