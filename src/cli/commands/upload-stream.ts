// Streams a file to Steward as a raw request body, and a response body to a file or stdout, so
// large datasets never sit in the CLI's memory.
import { accessSync, constants, createReadStream, createWriteStream, statSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiClient, CliError } from '../api-client.js';
import { describeFileError } from '../read-local-file.js';

function apiKey(): string {
  const key = process.env.STEWARD_API_KEY ?? process.env.STEWARD_ADMIN_KEY;
  if (!key) throw new CliError('no API key: set STEWARD_API_KEY (or pass --api-key)');
  return key;
}

async function failure(response: Response, path: string): Promise<CliError> {
  const text = await response.text();
  try {
    const error = (JSON.parse(text) as { error?: { code?: string; message?: string; details?: { errors?: { line: number; message: string }[] } } }).error;
    const lines = error?.details?.errors?.slice(0, 20).map((e) => `  line ${e.line}: ${e.message}`) ?? [];
    return new CliError([`${error?.code ?? response.status}: ${error?.message ?? text}`, ...lines].join('\n'));
  } catch {
    return new CliError(`HTTP ${response.status} from ${path}`);
  }
}

/** POSTs a file as the body with `contentType`; returns the parsed JSON answer. */
export async function uploadFile<T>(path: string, file: string, contentType: string): Promise<T> {
  // A file that cannot be opened fails the stream inside fetch as a bare "fetch failed": check first.
  try {
    accessSync(file, constants.R_OK);
    if (statSync(file).isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${describeFileError(error)}`);
  }
  const client = new ApiClient();
  const response = await fetch(client.baseUrl + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey()}`, 'content-type': contentType },
    body: Readable.toWeb(createReadStream(file)) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  if (!response.ok) throw await failure(response, path);
  return (await response.json()) as T;
}

/** GETs `path` and streams the body to `file` (or stdout when undefined); returns the response headers. */
export async function downloadTo(path: string, file: string | undefined): Promise<Headers> {
  const client = new ApiClient();
  const response = await fetch(client.baseUrl + path, { headers: { authorization: `Bearer ${apiKey()}` } });
  if (!response.ok || !response.body) throw await failure(response, path);
  const source = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  const sink = file ? createWriteStream(file) : new Writable({ write: (chunk, _encoding, done) => (process.stdout.write(chunk) ? done() : process.stdout.once('drain', done)) });
  await pipeline(source, sink);
  return response.headers;
}
