// Reading a file the user named on the command line: a missing or unreadable file is one line that
// names it and the cause (`cannot read data.jsonl: no such file`), never a raw ENOENT or a stack.
import { readFileSync } from 'node:fs';
import { CliError } from './cli-error.js';

const CAUSES: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EMFILE: 'too many open files',
};

/** Why a file could not be read, in words. */
export function describeFileError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && CAUSES[code]) return CAUSES[code];
  return error instanceof Error ? error.message : String(error);
}

/** The file's text. @throws CliError `cannot read <path>: <cause>` */
export function readLocalFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${describeFileError(error)}`);
  }
}

/** The file's bytes. @throws CliError `cannot read <path>: <cause>` */
export function readLocalBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${describeFileError(error)}`);
  }
}
