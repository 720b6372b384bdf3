// OTLP/HTTP trace ingest at POST /v1/traces (application/x-protobuf and application/json), for any
// OpenTelemetry exporter; it needs a data-plane key like the rest of /v1.
import { encodeOtlpExportResponse } from '../../monitoring/otlp/index.js';
import { actorOf } from '../auth-plugin.js';
import type { RouteModule } from './route-module.js';

const OTLP_BODY_LIMIT = 16 * 1024 * 1024;

export const otlpRoutes: RouteModule = async (app, services) => {
  await app.register(async (scope) => {
    // Raw bodies: the decoder parses both encodings itself and rejects what is not OTLP.
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(['application/json', 'application/x-protobuf', 'application/protobuf'], { parseAs: 'buffer', bodyLimit: OTLP_BODY_LIMIT }, (_request, body, done) => done(null, body));
    scope.post('/v1/traces', { schema: { hide: true } }, async (request, reply) => {
      const contentType = request.headers['content-type'];
      const body = request.body as Buffer;
      const result = await services.monitoring.otlpIngest.ingest(actorOf(request), contentType?.startsWith('application/json') ? body.toString('utf8') : new Uint8Array(body), contentType);
      request.log.debug({ spans: result.spans, traces: result.traces }, 'otlp ingest');
      if (contentType?.startsWith('application/json')) return reply.code(200).type('application/json').send({ partialSuccess: {} });
      return reply.code(200).type('application/x-protobuf').send(Buffer.from(encodeOtlpExportResponse()));
    });
  });
};
