// Live rollouts and experiments from before projects were tenants hold the bare route name in
// `active_route`; the lock is now `projectId/route`, so a second live one on that route stays refused.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['rollouts', 'route_experiments'] as const) {
    await sql`update ${sql.table(table)} set active_route = project_id || '/' || active_route where active_route is not null and project_id is not null and active_route not like project_id || '/%'`.execute(db);
  }
}
