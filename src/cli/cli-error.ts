// The one kind of error the CLI prints as it is: a single clear line (or a few, for a rejected
// upload's first bad lines). SDK errors become one in the CLI's own wording.
import { StewardApiError, StewardConnectionError, type components } from '@steward/sdk';

/** What an error answer holds when it is a management error; any other body is read as none. */
export type ErrorBody = { error?: Partial<components['schemas']['ManagementError']['error']> | null } | null | undefined;

export class CliError extends Error {
  override name = 'CliError';
}

/** An SDK error in the words the CLI has always used: `CODE: message`, `HTTP 502 from /path`, `cannot reach …`. */
export function toCliError(error: unknown): unknown {
  if (error instanceof StewardConnectionError) {
    if (error.cause instanceof CliError) return error.cause;
    return new CliError(`${error.message}; is it running? (STEWARD_URL)`);
  }
  if (error instanceof StewardApiError) {
    const body = error.body as ErrorBody;
    const detail = body !== null && typeof body === 'object' ? body.error : undefined;
    if (detail === undefined || detail === null) return new CliError(`HTTP ${error.status} from ${pathOf(error.url)}`);
    return new CliError(`${detail.code ?? error.status}: ${detail.message}`);
  }
  return error;
}

function pathOf(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}
