// The lifecycle of a model version: candidate → staging → production → deprecated → retired.
// Moves go forward only; skipping a stage is allowed (a candidate may go straight to production
// if its gates pass), going back is not: register a new version instead.

export const VERSION_STATUSES = ['candidate', 'staging', 'production', 'deprecated', 'retired'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/** Aliases Steward maintains itself: `latest` on every registration, `production` on promotion. */
export const RESERVED_ALIASES = ['latest', 'production'] as const;

export function isVersionStatus(value: string): value is VersionStatus {
  return (VERSION_STATUSES as readonly string[]).includes(value);
}

/** Whether a version may move from `from` to `to`. */
export function canMove(from: VersionStatus, to: VersionStatus): boolean {
  return VERSION_STATUSES.indexOf(to) > VERSION_STATUSES.indexOf(from);
}
