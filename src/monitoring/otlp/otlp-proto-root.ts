// Loads the committed OTLP .proto definitions (proto/) into one protobufjs root, once.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type protobuf from 'protobufjs';

// Required on the first protobuf request, not at import: most installations never receive one.
const require = createRequire(import.meta.url);

const FILES = ['common.proto', 'resource.proto', 'trace.proto', 'trace_service.proto'];

let root: protobuf.Root | undefined;

/** The protobufjs root holding the OTLP trace messages. */
export function otlpProtoRoot(): protobuf.Root {
  if (!root) {
    const pb: typeof protobuf = require('protobufjs');
    const next = new pb.Root();
    for (const file of FILES) pb.parse(readFileSync(new URL(`./proto/${file}`, import.meta.url), 'utf8'), next, { keepCase: false });
    next.resolveAll();
    root = next;
  }
  return root;
}

/** The ExportTraceServiceRequest message type. */
export function exportTraceServiceRequestType(): protobuf.Type {
  return otlpProtoRoot().lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest');
}

/** The ExportTraceServiceResponse message type (for answering protobuf clients). */
export function exportTraceServiceResponseType(): protobuf.Type {
  return otlpProtoRoot().lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse');
}
