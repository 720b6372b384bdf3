// The value of `active_route` on a live rollout or experiment: unique per route of a project (two
// projects may each roll out on their own `chat`). Project ids hold no slash.
export function activeRouteKey(projectId: string, route: string): string {
  return `${projectId}/${route}`;
}
