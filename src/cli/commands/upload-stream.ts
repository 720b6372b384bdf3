// Streams a file to Steward as a raw request body, and a response body to a file or stdout, so
// large datasets never sit in the CLI's memory; both through the SDK's untyped `send`.
import { accessSync, constants, createReadStream, createWriteStream, statSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type SendInit, StewardApiError, type StewardClient } from '@steward/sdk';
import { CliError, type ErrorBody } from '../cli-error.js';
import { describeFileError } from '../read-local-file.js';

/** The details of a refused import (DATASET_IMPORT_INVALID, DATASET_FIELD_UNKNOWN): the contract types an error's details, which differ per code, as plain JSON. */
type ImportRefusalDetails = { errors?: { line: number; message: string }[] };

/** A refused upload names its first bad lines under the error line. */
function failure(error: unknown): unknown {
  if (!(error instanceof StewardApiError)) return error;
  if (typeof error.body !== 'object' || error.body === null) return new CliError(`HTTP ${error.status} from ${new URL(error.url).pathname}${new URL(error.url).search}`);
  const detail = (error.body as ErrorBody)?.error;
  const lines = (detail?.details as ImportRefusalDetails | undefined)?.errors?.slice(0, 20).map((e) => `  line ${e.line}: ${e.message}`) ?? [];
  return new CliError([`${detail?.code ?? error.status}: ${detail?.message ?? JSON.stringify(error.body)}`, ...lines].join('\n'));
}

/** POSTs a file as the body with `contentType`; returns the parsed JSON answer. */
export async function uploadFile(steward: StewardClient, path: string, query: SendInit['query'], file: string, contentType: string): Promise<unknown> {
  // A file that cannot be opened fails the stream inside fetch as a bare "fetch failed": check first.
  try {
    accessSync(file, constants.R_OK);
    if (statSync(file).isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${describeFileError(error)}`);
  }
  const rawBody = Readable.toWeb(createReadStream(file)) as ReadableStream;
  return steward.send('POST', path, { query, rawBody, contentType }).catch((error: unknown) => {
    throw failure(error);
  });
}

/** GETs `path` and streams the body to `file` (or stdout when undefined); returns the response headers. */
export async function downloadTo(steward: StewardClient, path: string, query: SendInit['query'], file: string | undefined): Promise<Headers> {
  const response = await steward.send('GET', path, { query, parseAs: 'response' }).catch((error: unknown) => {
    throw failure(error);
  });
  if (!response.body) throw new CliError(`HTTP ${response.status} from ${path}`);
  const source = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  const sink = file ? createWriteStream(file) : new Writable({ write: (chunk, _encoding, done) => (process.stdout.write(chunk) ? done() : process.stdout.once('drain', done)) });
  await pipeline(source, sink);
  return response.headers;
}
