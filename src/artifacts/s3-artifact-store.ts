// The `s3` engine: one object per blob at `<prefix>sha256/<digest>` in any S3-compatible store
// (AWS S3, MinIO, Ceph, R2…) through the AWS SDK v3. The SDK is imported when this engine is chosen.
import type { S3Client } from '@aws-sdk/client-s3';
import type { ArtifactStore } from './artifact-store.js';

export interface S3ArtifactStoreOptions {
  bucket: string;
  /** Key prefix inside the bucket, e.g. `steward/` (default none). */
  prefix?: string;
  /** Endpoint of an S3-compatible server (default AWS for the region). */
  endpoint?: string;
  region: string;
  /** Path-style URLs (`endpoint/bucket/key`), which most self-hosted servers need. */
  forcePathStyle?: boolean;
  /** Static credentials; without them the SDK's default chain (AWS_* variables, profiles, roles) applies. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

type S3Module = typeof import('@aws-sdk/client-s3');

export class S3ArtifactStore implements ArtifactStore {
  readonly engine = 's3' as const;
  readonly #sdk: S3Module;
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;

  private constructor(sdk: S3Module, options: S3ArtifactStoreOptions) {
    this.#sdk = sdk;
    this.#bucket = options.bucket;
    this.#prefix = options.prefix ?? '';
    this.#client = new sdk.S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle ?? false,
      credentials: options.credentials,
      // Digests are checked by Steward itself; optional checksums are what S3-compatible servers differ on.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  static async open(options: S3ArtifactStoreOptions): Promise<S3ArtifactStore> {
    return new S3ArtifactStore(await import('@aws-sdk/client-s3'), options);
  }

  #key(digest: string): string {
    return `${this.#prefix}sha256/${digest}`;
  }

  async put(digest: string, bytes: Uint8Array): Promise<void> {
    if (await this.has(digest)) return;
    await this.#client.send(new this.#sdk.PutObjectCommand({ Bucket: this.#bucket, Key: this.#key(digest), Body: bytes, ContentType: 'application/octet-stream' }));
  }

  async get(digest: string): Promise<Buffer | undefined> {
    try {
      const out = await this.#client.send(new this.#sdk.GetObjectCommand({ Bucket: this.#bucket, Key: this.#key(digest) }));
      if (!out.Body) return undefined;
      return Buffer.from(await out.Body.transformToByteArray());
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async has(digest: string): Promise<boolean> {
    try {
      await this.#client.send(new this.#sdk.HeadObjectCommand({ Bucket: this.#bucket, Key: this.#key(digest) }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async close(): Promise<void> {
    this.#client.destroy();
  }
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}
