// Where the master key comes from: STEWARD_MASTER_KEY (base64 or hex of 32 bytes), or a key file
// created once in the data dir with mode 0600.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StewardError } from '../../errors/index.js';

export const MASTER_KEY_FILE = 'master.key';

export interface MasterKeySource {
  key: Buffer;
  /** `env` when given by STEWARD_MASTER_KEY, else the key file's path. */
  origin: 'env' | string;
}

/** Parses a 32-byte key written as 64 hex characters or base64. */
export function parseMasterKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new StewardError({ code: 'CONFIG_INVALID', message: 'security.masterKey (STEWARD_MASTER_KEY): expected 32 bytes as 64 hex characters or base64' });
  }
  return key;
}

export function loadMasterKey(options: { masterKey?: string; dataDir: string }): MasterKeySource {
  if (options.masterKey) return { key: parseMasterKey(options.masterKey), origin: 'env' };
  const path = join(options.dataDir, MASTER_KEY_FILE);
  if (existsSync(path)) {
    const mode = statSync(path).mode & 0o777;
    if (mode & 0o077) chmodSync(path, 0o600);
    return { key: parseMasterKey(readFileSync(path, 'utf8')), origin: path };
  }
  const key = randomBytes(32);
  writeMasterKeyFile(path, key);
  return { key, origin: path };
}

/** Writes the key file atomically (temporary file, then rename) with mode 0600. */
export function writeMasterKeyFile(path: string, key: Buffer): void {
  mkdirSync(join(path, '..'), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${key.toString('base64')}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}
