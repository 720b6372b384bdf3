// A small S3-compatible server on loopback for the s3 artifact engine: path-style PUT, GET and
// HEAD of objects in memory, requests signed with a known access key (AWS Signature V4 header),
// 404 NoSuchKey as S3 answers it. Tests may corrupt an object to see the digest check refuse it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface S3StandIn {
  url: string;
  /** Objects by `bucket/key`. */
  objects: Map<string, Buffer>;
  /** Access key ids of the requests received, in order. */
  accessKeys: string[];
  close(): Promise<void>;
}

export async function startS3StandIn(options: { accessKeyId: string; bucket: string }): Promise<S3StandIn> {
  const objects = new Map<string, Buffer>();
  const accessKeys: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const auth = String(req.headers.authorization ?? '');
      const key = /^AWS4-HMAC-SHA256 Credential=([^/]+)\//.exec(auth)?.[1];
      if (key) accessKeys.push(key);
      if (key !== options.accessKeyId) return xmlError(res, 403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
      const path = decodeURIComponent((req.url ?? '/').split('?')[0]).replace(/^\//, '');
      const bucket = path.split('/')[0];
      if (bucket !== options.bucket) return xmlError(res, 404, 'NoSuchBucket', 'The specified bucket does not exist');
      if (req.method === 'PUT') {
        objects.set(path, Buffer.concat(chunks));
        res.writeHead(200, { etag: '"stand-in"' }).end();
        return;
      }
      const object = objects.get(path);
      if (req.method === 'HEAD') {
        res.writeHead(object ? 200 : 404, object ? { 'content-length': object.byteLength } : {}).end();
        return;
      }
      if (req.method === 'GET') {
        if (!object) return xmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': object.byteLength }).end(object);
        return;
      }
      xmlError(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    accessKeys,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function xmlError(res: import('node:http').ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}
