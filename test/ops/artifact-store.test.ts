// The artifact store's engines: local files, chunked rows in the store (SQLite and PostgreSQL) and
// S3 (a stand-in on loopback): blobs by sha256, directories by manifest, a replica's cache, and a
// blob altered at rest refused by its digest.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArtifactService, type ArtifactStore, DatabaseArtifactStore, LocalArtifactStore, openArtifactStore, sha256Hex } from '../../src/artifacts/index.js';
import { ArtifactSettingsSchema } from '../../src/artifacts/artifact-settings.js';
import { S3ArtifactStore } from '../../src/artifacts/s3-artifact-store.js';
import { ProjectService, SecretService, systemActor } from '../../src/governance/index.js';
import { ENGINES } from '../harness/engines.js';
import { type TestStore, openTestStore } from '../harness/test-store.js';
import { type S3StandIn, startS3StandIn } from '../stand-ins/s3-stand-in.js';

const ACCESS_KEY = 'AKIASTEWARDTEST00001';
const BUCKET = 'steward-artifacts';

interface EngineCase {
  name: string;
  open(ts: TestStore): Promise<ArtifactStore>;
  /** Alters the stored bytes of a digest behind the store's back. */
  corrupt(ts: TestStore, digest: string): Promise<void>;
}

let s3: S3StandIn;
const cases: EngineCase[] = [
  {
    name: 'local',
    open: async (ts) => new LocalArtifactStore({ dir: join(ts.dataDir, 'artifacts') }),
    corrupt: async (ts, digest) => writeFileSync(join(ts.dataDir, 'artifacts', 'sha256', digest.slice(0, 2), digest), 'tampered'),
  },
  {
    name: 'postgres engine (chunked rows, 7-byte chunks)',
    open: async (ts) => new DatabaseArtifactStore({ store: ts.store, chunkBytes: 7 }),
    corrupt: async (ts, digest) => void (await ts.store.db.updateTable('artifact_chunks').set({ data: Buffer.from('tampere') }).where('digest', '=', digest).where('seq', '=', 0).execute()),
  },
  {
    name: 's3',
    open: () => S3ArtifactStore.open({ bucket: BUCKET, prefix: 'team-a/', endpoint: s3.url, region: 'eu-west-1', forcePathStyle: true, credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: 'secret-of-the-stand-in' } }),
    corrupt: async (_ts, digest) => void s3.objects.set(`${BUCKET}/team-a/sha256/${digest}`, Buffer.from('tampered')),
  },
];

beforeAll(async () => {
  s3 = await startS3StandIn({ accessKeyId: ACCESS_KEY, bucket: BUCKET });
});
afterAll(async () => {
  await s3?.close();
});

for (const engine of ENGINES) {
  describe(`artifact engines on ${engine.name}`, () => {
    let ts: TestStore;
    beforeAll(async () => {
      ts = await openTestStore(engine);
    });
    afterAll(async () => {
      await ts?.close();
    });

    for (const c of cases) {
      it(`${c.name}: stores by sha256, reads back verified, refuses a blob altered at rest`, async () => {
        const blobs = await c.open(ts);
        const service = new ArtifactService({ store: ts.store, blobs, cacheDir: mkdtempSync(join(tmpdir(), 'stw-cache-')) });
        try {
          const bytes = randomBytes(100);
          const digest = await service.putBytes(bytes);
          expect(digest).toBe(sha256Hex(bytes));
          await service.putBytes(bytes); // idempotent
          expect(await blobs.has(digest)).toBe(true);
          expect(Buffer.compare(await service.getBytes(digest), bytes)).toBe(0);
          const missing = sha256Hex(Buffer.from('never stored'));
          expect(await blobs.has(missing)).toBe(false);
          await expect(service.getBytes(missing)).rejects.toMatchObject({ code: 'ARTIFACT_NOT_FOUND' });
          await c.corrupt(ts, digest);
          await expect(service.getBytes(digest)).rejects.toMatchObject({ code: 'ARTIFACT_CORRUPT' });
        } finally {
          await service.close();
        }
      });

      it(`${c.name}: a directory travels by manifest and name to another replica's cache`, async () => {
        const writer = new ArtifactService({ store: ts.store, blobs: await c.open(ts), cacheDir: mkdtempSync(join(tmpdir(), 'stw-cache-a-')) });
        const reader = new ArtifactService({ store: ts.store, blobs: await c.open(ts), cacheDir: mkdtempSync(join(tmpdir(), 'stw-cache-b-')) });
        const dir = mkdtempSync(join(tmpdir(), 'stw-artifact-'));
        try {
          mkdirSync(join(dir, 'nested'));
          writeFileSync(join(dir, 'config.json'), '{"a":1}');
          writeFileSync(join(dir, 'nested', 'weights.bin'), randomBytes(50));
          const name = `ft-${c.name.split(' ')[0]}-${randomBytes(3).toString('hex')}`;
          const digest = await writer.putDirectory(dir, 'lora');
          expect((await writer.manifest(digest)).files.map((f) => f.path)).toEqual(['config.json', 'nested/weights.bin']);
          await writer.publish({ name, digest, kind: 'lora' });
          const local = await reader.materialiseModel(name);
          expect(local).toBe(join(reader.modelsCacheDir, name));
          expect(readFileSync(join(local!, 'nested', 'weights.bin')).equals(readFileSync(join(dir, 'nested', 'weights.bin')))).toBe(true);
          expect(await reader.materialiseModel('ft-nobody-published-this')).toBeUndefined();
          expect(await reader.materialiseModel('../escape')).toBeUndefined();
          // The same content is the same digest: a second upload stores nothing new.
          expect(await writer.putDirectory(dir, 'lora')).toBe(digest);
        } finally {
          await writer.close();
          await reader.close();
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }

    it('refuses a manifest that would write outside its directory', async () => {
      const service = new ArtifactService({ store: ts.store, blobs: new LocalArtifactStore({ dir: join(ts.dataDir, 'artifacts') }), cacheDir: mkdtempSync(join(tmpdir(), 'stw-cache-')) });
      const file = await service.putBytes(Buffer.from('x'));
      const manifest = await service.putBytes(Buffer.from(JSON.stringify({ format: 'steward-artifact', version: 1, kind: 'lora', files: [{ path: '../../outside', sha256: file, size: 1 }] })));
      await expect(service.materialise(manifest, join(tmpdir(), `stw-target-${randomBytes(3).toString('hex')}`))).rejects.toMatchObject({ code: 'ARTIFACT_CORRUPT' });
    });

    it('s3 settings: credentials come from a sealed secret, never the configuration file', async () => {
      const secrets = new SecretService({ store: ts.store, masterKey: { key: ts.masterKey, origin: 'env' } });
      const project = (await new ProjectService(ts.store).ensureDefault()).id;
      await secrets.put(systemActor(project), { name: 'artifacts-s3', value: JSON.stringify({ accessKeyId: ACCESS_KEY, secretAccessKey: 'secret-of-the-stand-in' }), projectId: project });
      const settings = ArtifactSettingsSchema.parse({ engine: 's3', s3: { bucket: BUCKET, endpoint: s3.url, forcePathStyle: 'true', credentialsSecret: 'artifacts-s3' } });
      const blobs = await openArtifactStore({ settings, store: ts.store, dataDir: ts.dataDir, revealSecret: (name) => secrets.reveal(project, name) });
      const before = s3.accessKeys.length;
      await blobs.put(sha256Hex(Buffer.from('sealed')), Buffer.from('sealed'));
      expect(s3.accessKeys.slice(before).every((k) => k === ACCESS_KEY)).toBe(true);
      expect([...s3.objects.keys()]).toContain(`${BUCKET}/sha256/${sha256Hex(Buffer.from('sealed'))}`);
      await blobs.close();
      const noBucket = ArtifactSettingsSchema.parse({ engine: 's3' });
      await expect(openArtifactStore({ settings: noBucket, store: ts.store, dataDir: ts.dataDir, revealSecret: async () => '' })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    });
  });
}
