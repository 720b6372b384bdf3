// Whether an error means the store cannot be reached (as opposed to a bad query or a constraint):
// the server answers those with 503 STORE_UNAVAILABLE and retry-after, and the auth cache serves
// known keys from stale entries. PostgreSQL: connection exceptions (class 08), admin shutdown and
// "cannot connect now" (57P0x), a database that does not accept connections (55000 with that
// message, after ALTER DATABASE … ALLOW_CONNECTIONS false), too many connections (53300), and
// node-level socket errors; SQLite: a busy or locked database, a file that cannot be opened.
const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const SQLITE_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_CANTOPEN', 'SQLITE_IOERR', 'SQLITE_READONLY']);
const MESSAGES = [/connection terminated/i, /timeout exceeded when trying to connect/i, /not currently accepting connections/i, /the database system is (starting up|shutting down)/i, /Connection terminated unexpectedly/i, /Client has encountered a connection error/i, /pool is (ended|closed)/i];

export function isStoreUnavailable(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 4) return false;
  const { code, message, cause, errors } = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') {
    if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300') return true;
    if (NODE_CODES.has(code) || SQLITE_CODES.has(code)) return true;
  }
  if (typeof message === 'string' && MESSAGES.some((pattern) => pattern.test(message))) return true;
  if (Array.isArray(errors) && errors.some((inner) => isStoreUnavailable(inner, depth + 1))) return true;
  return isStoreUnavailable(cause, depth + 1);
}
