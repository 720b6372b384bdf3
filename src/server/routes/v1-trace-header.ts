// Every /v1 response carries `x-steward-trace-id`, errors included (authentication and validation
// failures, unknown endpoints), so a client can always quote the request it is asking about.
import { TRACE_HEADER, traceIdOf } from './v1-reply.js';
import type { RouteModule } from './route-module.js';

export const v1TraceHeader: RouteModule = (app) => {
  app.decorateRequest('stewardTraceId', undefined);
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/v1') && !reply.hasHeader(TRACE_HEADER)) reply.header(TRACE_HEADER, traceIdOf(request));
    return payload;
  });
};
