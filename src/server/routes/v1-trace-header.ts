// Every /v1 response carries `x-steward-trace-id` (and every response `x-request-id`), errors included (authentication and validation
// failures, unknown endpoints), so a client can always quote the request it is asking about. Limit
// refusals also carry the x-ratelimit-* headers that say which limit was hit and when it resets.
import { GatewayCallError } from '../../gateway/index.js';
import { limitHeaders } from './v1-outcome-headers.js';
import { REQUEST_ID_HEADER, TRACE_HEADER, requestIdOf, traceIdOf } from './v1-reply.js';
import type { RouteModule } from './route-module.js';

export const v1TraceHeader: RouteModule = (app) => {
  app.decorateRequest('stewardTraceId', undefined);
  app.decorateRequest('stewardRequestId', undefined);
  app.addHook('onSend', async (request, reply, payload) => {
    // Every response, not only /v1: clients and proxies correlate logs by it.
    if (!reply.hasHeader(REQUEST_ID_HEADER)) reply.header(REQUEST_ID_HEADER, requestIdOf(request));
    if (request.url.startsWith('/v1') && !reply.hasHeader(TRACE_HEADER)) reply.header(TRACE_HEADER, traceIdOf(request));
    return payload;
  });
  app.addHook('onError', async (request, reply, error) => {
    if (!request.url.startsWith('/v1') || !(error instanceof GatewayCallError) || !error.limits) return;
    reply.headers(limitHeaders(error.limits));
  });
};
