// Datasets: create, import (JSON items or a streamed JSONL/CSV body), versions and their items,
// derived versions (filter, split, merge, augment, curate), diff, lineage, quality and export.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AugmentBodySchema,
  CreateDatasetBodySchema,
  CreatedVersionSchema,
  CurateBodySchema,
  DatasetDiffSchema,
  DatasetLineageSchema,
  DatasetNameParamsSchema,
  DatasetSchema,
  DatasetVersionRefParamsSchema,
  DatasetVersionSchema,
  DiffQuerySchema,
  ExportQuerySchema,
  FilterBodySchema,
  FromAnnotationsBodySchema,
  FromFeedbackBodySchema,
  FromTracesBodySchema,
  ImportItemsBodySchema,
  ImportStreamQuerySchema,
  ItemPageQuerySchema,
  LineageQuerySchema,
  MergeBodySchema,
  QualityOptionsBodySchema,
  QualityReportSchema,
  SplitBodySchema,
  StoredItemSchema,
} from '../../contracts/dataset-contract.js';
import { ERROR_RESPONSES, listOf, pageOf } from '../../contracts/common-contract.js';
import { EXPORT_CONTENT_TYPES } from '../../datasets/index.js';
import { parseFieldMap } from '../../datasets/import/item-fields.js';
import { StewardError } from '../../errors/index.js';
import { actorOf } from '../auth-plugin.js';
import type { RouteModule } from './route-module.js';

const STREAM_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/jsonlines', 'text/csv', 'application/octet-stream', 'text/plain'];

export const datasetRoutes: RouteModule = async (root, services) => {
  await root.register(async (scope: FastifyInstance) => {
    // Uploads reach the handler as a stream: the body is parsed line by line, never buffered whole.
    scope.addContentTypeParser(STREAM_TYPES, (_request, payload, done) => done(null, payload));
    register(scope, services);
  });
};

function register(base: FastifyInstance, services: Parameters<RouteModule>[1]): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const datasets = services.datasets;
  const tags = ['datasets'];

  app.get('/api/datasets', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'List datasets', response: { 200: listOf(DatasetSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await datasets.list(actorOf(request).projectId) }));

  app.post('/api/datasets', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Create a dataset (empty; add versions by import)',
      body: CreateDatasetBodySchema,
      response: { 201: DatasetSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => reply.code(201).send(await datasets.create(actorOf(request), request.body)));

  app.get('/api/datasets/:name', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Get a dataset', params: DatasetNameParamsSchema, response: { 200: DatasetSchema, ...ERROR_RESPONSES } },
  }, async (request) => datasets.get(actorOf(request).projectId, request.params.name));

  app.get('/api/datasets/:name/versions', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'List the versions of a dataset, newest first', params: DatasetNameParamsSchema, response: { 200: listOf(DatasetVersionSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await datasets.listVersions(actorOf(request).projectId, request.params.name) }));

  app.post('/api/datasets/:name/versions', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Create a version from items in the body (JSON); for large files use /versions/import',
      description: 'Strict: an item with a field that is not an item field is refused by name (DATASET_FIELD_UNKNOWN) unless `map` renames it or `keepUnknown` keeps it under metadata. Items nesting deeper than 64 levels are refused (DATASET_ITEM_TOO_DEEP).',
      params: DatasetNameParamsSchema,
      body: ImportItemsBodySchema,
      response: { 201: CreatedVersionSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => reply.code(201).send(await datasets.importItems(actorOf(request), request.params.name, request.body)));

  app.post('/api/datasets/:name/versions/import', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Import a JSONL or CSV upload as a new version: streamed, all or nothing (bad lines are reported by number)',
      description:
        'Send the file as the raw body (Content-Type application/x-ndjson or text/csv; a JSON body is 415: use POST /versions for JSON items). Strict: a field (JSONL) or column (CSV) that is not an item field is refused, naming it and the line (DATASET_FIELD_UNKNOWN), unless map renames it (map=expected=reference, repeatable or comma-separated; a target metadata.x puts it under metadata) or keepUnknown=true keeps it under metadata. CSV columns: input (required), reference, chosen, rejected, split, id, kind, metadata (JSON).',
      params: DatasetNameParamsSchema,
      querystring: ImportStreamQuerySchema,
      response: { 201: CreatedVersionSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => {
    const { format, message, filename, source, licence, consent, collectedAt, keepUnknown } = request.query;
    const contentType = String(request.headers['content-type'] ?? '');
    // A parsed JSON body is not a file stream: say what to send instead of failing inside the reader.
    if (request.body === null || typeof request.body !== 'object' || typeof (request.body as { pipe?: unknown }).pipe !== 'function') {
      throw new StewardError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: `send the file as the raw body with Content-Type application/x-ndjson or text/csv (got ${contentType || 'none'}); JSON items go to POST /api/datasets/{name}/versions` });
    }
    const map = parseFieldMap(request.query.map === undefined ? [] : [request.query.map].flat());
    if (typeof map === 'string') throw new StewardError({ code: 'VALIDATION_FAILED', message: `map: ${map}`, details: { field: 'map' } });
    const provenanceEntries = Object.entries({ source, licence, consent, collectedAt }).filter(([, v]) => v !== undefined);
    const created = await datasets.importStream(actorOf(request), request.params.name, {
      source: request.body as NodeJS.ReadableStream,
      format: format ?? (contentType.includes('csv') ? 'csv' : 'jsonl'),
      message,
      filename,
      provenance: provenanceEntries.length > 0 ? Object.fromEntries(provenanceEntries) : undefined,
      fields: { keepUnknown, map },
    });
    return reply.code(201).send(created);
  });

  app.get('/api/datasets/:name/versions/:version', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Get a version', params: DatasetVersionRefParamsSchema, response: { 200: DatasetVersionSchema, ...ERROR_RESPONSES } },
  }, async (request) => datasets.getVersion(actorOf(request).projectId, request.params.name, request.params.version));

  app.get('/api/datasets/:name/versions/:version/items', {
    config: { role: 'viewer' },
    schema: {
      tags,
      summary: 'Page through the items of a version, in order',
      params: DatasetVersionRefParamsSchema,
      querystring: ItemPageQuerySchema,
      response: { 200: pageOf(StoredItemSchema), ...ERROR_RESPONSES },
    },
  }, async (request) => {
    const { cursor, limit, split } = request.query;
    const page = await datasets.items(actorOf(request).projectId, request.params.name, request.params.version, { after: cursor ? Number(cursor) : undefined, limit, split });
    return { data: page, next_cursor: page.length === limit ? String(page[page.length - 1].position) : null };
  });

  app.get('/api/datasets/:name/diff', {
    config: { role: 'viewer' },
    schema: {
      tags,
      summary: 'Items added, removed and changed between two versions (matched by item id)',
      params: DatasetNameParamsSchema,
      querystring: DiffQuerySchema,
      response: { 200: DatasetDiffSchema, ...ERROR_RESPONSES },
    },
  }, async (request) => datasets.diff(actorOf(request).projectId, request.params.name, request.query.from, request.query.to, request.query.limit));

  app.get('/api/datasets/:name/versions/:version/lineage', {
    config: { role: 'viewer' },
    schema: {
      tags,
      summary: 'The lineage graph of a version: what it was made from (up) or what was made from it (down)',
      params: DatasetVersionRefParamsSchema,
      querystring: LineageQuerySchema,
      response: { 200: DatasetLineageSchema, ...ERROR_RESPONSES },
    },
  }, async (request) => datasets.lineage(actorOf(request).projectId, request.params.name, request.params.version, request.query.direction));

  app.get('/api/datasets/:name/versions/:version/quality', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'The latest quality report of a version', params: DatasetVersionRefParamsSchema, response: { 200: QualityReportSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    const report = await datasets.latestQuality(actorOf(request).projectId, request.params.name, request.params.version);
    if (!report) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'no quality report for this version yet: POST to run the checks', details: null } });
    return report;
  });

  app.post('/api/datasets/:name/versions/:version/quality', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Run the quality checks on a version and store the report',
      params: DatasetVersionRefParamsSchema,
      body: QualityOptionsBodySchema,
      response: { 201: QualityReportSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => reply.code(201).send(await datasets.runQuality(actorOf(request), request.params.name, request.params.version, request.body)));

  app.post('/api/datasets/:name/versions/:version/filter', {
    config: { role: 'developer' },
    schema: { tags, summary: 'A new version with the items that pass a filter', params: DatasetVersionRefParamsSchema, body: FilterBodySchema, response: { 201: CreatedVersionSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => reply.code(201).send(await datasets.filter(actorOf(request), request.params.name, request.params.version, request.body.filter, request.body.message)));

  app.post('/api/datasets/:name/versions/:version/split', {
    config: { role: 'developer' },
    schema: { tags, summary: 'A new version with train / validation / test assigned by seeded hash', params: DatasetVersionRefParamsSchema, body: SplitBodySchema, response: { 201: CreatedVersionSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    const { message, ...spec } = request.body;
    return reply.code(201).send(await datasets.split(actorOf(request), request.params.name, request.params.version, spec, message));
  });

  app.post('/api/datasets/:name/versions/:version/curate', {
    config: { role: 'developer' },
    schema: { tags, summary: 'A new version with items added, replaced (same id) or removed', params: DatasetVersionRefParamsSchema, body: CurateBodySchema, response: { 201: CreatedVersionSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    const { message, ...spec } = request.body;
    return reply.code(201).send(await datasets.curate(actorOf(request), request.params.name, request.params.version, spec, message));
  });

  app.post('/api/datasets/:name/versions/:version/augment', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'A new version with augmented items: perturbations, counterfactual swaps, or paraphrases and synthetic items written by a model',
      params: DatasetVersionRefParamsSchema,
      body: AugmentBodySchema,
      response: { 201: CreatedVersionSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => {
    const { message, ...augmentation } = request.body;
    return reply.code(201).send(await datasets.augment(actorOf(request), request.params.name, request.params.version, augmentation, message));
  });

  app.post('/api/datasets/:name/merge', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'A new version holding the items of several versions (of any datasets), in order',
      params: DatasetNameParamsSchema,
      body: MergeBodySchema,
      response: { 201: CreatedVersionSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => reply.code(201).send(await datasets.merge(actorOf(request), request.params.name, request.body.sources, request.body.message)));

  app.post('/api/datasets/:name/from-traces', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'A new version from gateway traces matching a filter (messages as input, answer as reference, trace ids as provenance)',
      params: DatasetNameParamsSchema,
      body: FromTracesBodySchema,
      response: { 201: CreatedVersionSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => reply.code(201).send(await datasets.fromTraces(actorOf(request), request.params.name, request.body.filter, { append: request.body.append, message: request.body.message })));

  app.post('/api/datasets/:name/from-feedback', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Curate feedback into a new version: corrections become SFT examples, thumbs and ratings become preference pairs',
      params: DatasetNameParamsSchema,
      body: FromFeedbackBodySchema,
      response: { 201: CreatedVersionSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => reply.code(201).send(await datasets.fromFeedback(actorOf(request), request.params.name, request.body.filter, { kinds: request.body.kinds, append: request.body.append, message: request.body.message })));

  app.post('/api/datasets/:name/from-annotations', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: "Curate an annotation queue into a new version: a text field's corrections become SFT examples, a grade field ranks answers into preference pairs",
      params: DatasetNameParamsSchema,
      body: FromAnnotationsBodySchema,
      response: { 201: CreatedVersionSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => {
    const { append, message, ...curation } = request.body;
    return reply.code(201).send(await datasets.fromAnnotations(actorOf(request), request.params.name, curation, { append, message }));
  });

  app.get('/api/datasets/:name/versions/:version/export', {
    config: { role: 'viewer' },
    schema: {
      tags,
      summary: 'Export a version (streamed): OpenAI chat fine-tuning JSONL, preference JSONL, Steward JSONL or CSV',
      description:
        'Items the format cannot hold (openai-chat: no reference; preference: not a preference pair) are skipped and counted in the headers x-steward-export-written, x-steward-export-skipped and x-steward-export-skipped-reasons (field=count). When no item can be written the answer is 400 DATASET_EXPORT_EMPTY naming the missing field. CSV cells beginning with = + - @ are escaped with a leading apostrophe.',
      params: DatasetVersionRefParamsSchema,
      querystring: ExportQuerySchema,
    },
  }, async (request, reply) => {
    const { version, plan, chunks } = await datasets.export(actorOf(request).projectId, request.params.name, request.params.version, request.query.format, { split: request.query.split });
    const extension = request.query.format === 'csv' ? 'csv' : 'jsonl';
    return reply
      .header('content-type', EXPORT_CONTENT_TYPES[request.query.format])
      .header('content-disposition', `attachment; filename="${version.dataset}-v${version.version}${request.query.split ? `-${request.query.split}` : ''}.${extension}"`)
      .header('x-dataset-version-hash', version.hash)
      .header('x-steward-export-written', String(plan.written))
      .header('x-steward-export-skipped', String(plan.skipped))
      .header('x-steward-export-skipped-reasons', Object.entries(plan.missing).map(([field, count]) => `${field}=${count}`).join(','))
      .send(Readable.from(chunks));
  });
}
