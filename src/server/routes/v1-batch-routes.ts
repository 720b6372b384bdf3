// The OpenAI Files and Batch APIs: POST/GET/DELETE /v1/files (multipart upload, purpose=batch),
// GET /v1/files/{id}/content, and /v1/batches create, get, list and cancel.
import type { FastifyInstance } from 'fastify';
import { StewardError, invalid } from '../../errors/index.js';
import { FILE_PURPOSES, multipartBoundary, parseMultipart } from '../../gateway/batch/index.js';
import { actorOf } from '../auth-plugin.js';
import type { RouteModule } from './route-module.js';

const FILE_BODY_LIMIT = 200 * 1024 * 1024;

function json(reply: { type(t: string): { send(payload: string): unknown } }, value: unknown) {
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
}

export const v1BatchRoutes: RouteModule = async (root, services) => {
  const { files, batches } = services.gatewayServices;
  const tags = ['data plane'];
  await root.register(async (scope: FastifyInstance) => {
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: FILE_BODY_LIMIT }, (_request, body, done) => done(null, body));

    scope.post('/v1/files', { bodyLimit: FILE_BODY_LIMIT, schema: { tags, summary: 'Upload a file (multipart: file, purpose)' } }, async (request, reply) => {
      const boundary = multipartBoundary(request.headers['content-type']);
      if (!boundary || !Buffer.isBuffer(request.body)) throw new StewardError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'upload the file as multipart/form-data with fields file and purpose' });
      let parts: ReturnType<typeof parseMultipart>;
      try {
        parts = parseMultipart(request.body, boundary);
      } catch (error) {
        throw invalid(`the multipart body is malformed: ${(error as Error).message}`);
      }
      const purpose = parts.find((p) => p.name === 'purpose')?.data.toString('utf8').trim();
      const file = parts.find((p) => p.name === 'file');
      if (!file) throw invalid('the upload has no file field', { param: 'file' });
      if (!purpose || !(FILE_PURPOSES as readonly string[]).includes(purpose)) throw invalid(`purpose must be one of ${FILE_PURPOSES.join(', ')}`, { param: 'purpose' });
      const actor = actorOf(request);
      return json(reply, await files.create({ projectId: actor.projectId, purpose, filename: file.filename ?? 'upload.jsonl', data: file.data, actor }));
    });
  });

  root.get('/v1/files', { schema: { tags, summary: 'List files' } }, async (request, reply) => {
    const purpose = (request.query as { purpose?: string }).purpose;
    const data = await files.list(actorOf(request).projectId, purpose);
    return json(reply, { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: false });
  });

  root.get('/v1/files/:id', { schema: { tags, summary: 'Retrieve a file' } }, async (request, reply) =>
    json(reply, await files.get((request.params as { id: string }).id, actorOf(request).projectId)),
  );

  root.get('/v1/files/:id/content', { schema: { tags, summary: 'Download a file’s content' } }, async (request, reply) => {
    const file = await files.get((request.params as { id: string }).id, actorOf(request).projectId);
    return reply.type('application/jsonl').send(files.stream(file.id));
  });

  root.delete('/v1/files/:id', { schema: { tags, summary: 'Delete a file' } }, async (request, reply) => {
    const id = (request.params as { id: string }).id;
    await files.remove(id, actorOf(request).projectId, actorOf(request));
    return json(reply, { id, object: 'file', deleted: true });
  });

  root.post('/v1/batches', { schema: { tags, summary: 'Create a batch from an uploaded JSONL file' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    for (const field of ['input_file_id', 'endpoint', 'completion_window']) {
      if (typeof body[field] !== 'string') throw invalid(`${field} is required`, { param: field });
    }
    const metadata = body.metadata as Record<string, string> | undefined;
    return json(reply, await batches.create(actorOf(request), { input_file_id: String(body.input_file_id), endpoint: String(body.endpoint), completion_window: String(body.completion_window), metadata }));
  });

  root.get('/v1/batches', { schema: { tags, summary: 'List batches' } }, async (request, reply) => {
    const query = request.query as { after?: string; limit?: string };
    const limit = Math.min(100, Math.max(1, Number(query.limit ?? 20) || 20));
    const page = await batches.list(actorOf(request).projectId, { after: query.after, limit });
    return json(reply, { object: 'list', data: page.data, first_id: page.data[0]?.id ?? null, last_id: page.data.at(-1)?.id ?? null, has_more: page.has_more });
  });

  root.get('/v1/batches/:id', { schema: { tags, summary: 'Retrieve a batch' } }, async (request, reply) =>
    json(reply, await batches.get((request.params as { id: string }).id, actorOf(request).projectId)),
  );

  root.post('/v1/batches/:id/cancel', { schema: { tags, summary: 'Cancel a batch' } }, async (request, reply) =>
    json(reply, await batches.cancel((request.params as { id: string }).id, actorOf(request).projectId, actorOf(request))),
  );
};
