// POST /v1/embeddings: OpenAI's wire format, through routing, limits, cache and traces. Upstreams are
// asked for floats; `encoding_format: base64` (the official clients' default) is encoded here.
import { type EmbeddingResult, EmbeddingRequestSchema } from '../../providers/spec/index.js';
import { actorOf } from '../auth-plugin.js';
import type { RouteModule } from './route-module.js';
import { cacheDirective } from './v1-outcome-headers.js';
import { clientSignal, parseBody, sendResult, traceIdOf } from './v1-reply.js';

/** Little-endian float32 bytes in base64, as OpenAI sends them. */
function toBase64(embedding: number[]): string {
  return Buffer.from(new Float32Array(embedding).buffer).toString('base64');
}

export const v1EmbeddingsRoutes: RouteModule = (app, services) => {
  app.post('/v1/embeddings', { schema: { tags: ['data plane'], summary: 'Create embeddings (OpenAI-compatible)' } }, async (request, reply) => {
    const startedAt = performance.now();
    const body = parseBody(EmbeddingRequestSchema, request.body);
    const options = { signal: clientSignal(reply), traceId: traceIdOf(request), cache: cacheDirective(request.headers), startedAt };
    const { encoding_format: format, ...upstream } = body;
    const result = await services.gateway.embeddingCall(actorOf(request), upstream, options);
    if (format !== 'base64') return sendResult(reply, result);
    const encoded = { ...result.body, data: result.body.data.map((d) => ({ ...d, embedding: toBase64(d.embedding) })) } as unknown as EmbeddingResult;
    return sendResult(reply, { ...result, body: encoded });
  });
};
