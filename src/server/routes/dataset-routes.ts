// Datasets: create, import (JSON items or a streamed JSONL/CSV body), versions and their items,
// derived versions (filter, split, merge, augment, curate), diff, lineage, quality and export.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AnnotationCurationSchema,
  CurateSpecSchema,
  DATASET_SPLITS,
  DatasetProvenanceSchema,
  EXPORT_CONTENT_TYPES,
  EXPORT_FORMATS,
  FilterSpecSchema,
  IMPORT_FORMATS,
  LINEAGE_DIRECTIONS,
  ProvenanceSchema,
  SplitSpecSchema,
  CURATION_KINDS,
  TraceFilterSchema,
} from '../../datasets/index.js';
import { FieldOptionsSchema, ItemInputRowSchema } from '../../datasets/import/item-input-schema.js';
import { parseFieldMap } from '../../datasets/import/item-fields.js';
import { StewardError } from '../../errors/index.js';
import { actorOf } from '../auth-plugin.js';
import { ERROR_RESPONSES, listOf, pageOf } from '../../contracts/common-contract.js';
import type { RouteModule } from './route-module.js';

const DatasetSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  description: z.string(),
  provenance: z.record(z.string(), z.unknown()),
  latestVersion: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string().nullable(),
});

const VersionSchema = z.object({
  id: z.string(),
  datasetId: z.string(),
  dataset: z.string(),
  version: z.number(),
  hash: z.string(),
  itemCount: z.number(),
  splits: z.record(z.string(), z.number()),
  operation: z.string(),
  params: z.record(z.string(), z.unknown()),
  parents: z.array(z.string()),
  message: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});

const QualitySchema = z.object({ id: z.string(), versionId: z.string(), status: z.string(), report: z.unknown(), createdAt: z.string() });
const CreatedVersionSchema = z.object({
  version: VersionSchema,
  unchanged: z.boolean().describe('True when the content equals the latest version: nothing new was written'),
  quality: QualitySchema.nullable(),
  rejected: z.array(z.object({ index: z.number(), reason: z.string() })).optional(),
});

const NAME = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/i, 'letters, digits, dot, dash, underscore; 1-100 characters');
const NameParams = z.object({ name: z.string().min(1) });
const VersionParams = z.object({ name: z.string().min(1), version: z.string().min(1).describe('A version number, `latest`, or a version id') });
const Message = z.string().max(2000).optional();

const AugmentBody = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('perturb'),
    seed: z.union([z.number(), z.string()]).default(0),
    perturbations: z.array(z.enum(['typos', 'casing', 'whitespace', 'synonyms'])).optional(),
    copies: z.number().int().min(1).max(10).optional(),
    rate: z.number().gt(0).max(1).optional(),
    includeOriginals: z.boolean().optional(),
    message: Message,
  }),
  z.object({ kind: z.literal('counterfactual'), seed: z.union([z.number(), z.string()]).default(0), includeOriginals: z.boolean().optional(), message: Message }),
  z.object({
    kind: z.literal('paraphrase'),
    model: z.string().min(1),
    copies: z.number().int().min(1).max(5).optional(),
    instruction: z.string().min(1).optional(),
    includeOriginals: z.boolean().optional(),
    message: Message,
  }),
  z.object({
    kind: z.literal('synthetic'),
    model: z.string().min(1),
    count: z.number().int().min(1).max(10_000),
    seed: z.union([z.number(), z.string()]).default(0),
    examplesPerPrompt: z.number().int().min(1).max(20).optional(),
    includeOriginals: z.boolean().optional(),
    message: Message,
  }),
]);

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
      body: z.object({ name: NAME, description: z.string().max(2000).optional(), provenance: DatasetProvenanceSchema.optional() }).strict(),
      response: { 201: DatasetSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => reply.code(201).send(await datasets.create(actorOf(request), request.body)));

  app.get('/api/datasets/:name', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Get a dataset', params: NameParams, response: { 200: DatasetSchema, ...ERROR_RESPONSES } },
  }, async (request) => datasets.get(actorOf(request).projectId, request.params.name));

  app.get('/api/datasets/:name/versions', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'List the versions of a dataset, newest first', params: NameParams, response: { 200: listOf(VersionSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await datasets.listVersions(actorOf(request).projectId, request.params.name) }));

  app.post('/api/datasets/:name/versions', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Create a version from items in the body (JSON); for large files use /versions/import',
      description: 'Strict: an item with a field that is not an item field is refused by name (DATASET_FIELD_UNKNOWN) unless `map` renames it or `keepUnknown` keeps it under metadata. Items nesting deeper than 64 levels are refused (DATASET_ITEM_TOO_DEEP).',
      params: NameParams,
      body: z.object({ items: z.array(ItemInputRowSchema).min(1).max(50_000), message: Message, provenance: ProvenanceSchema.optional(), ...FieldOptionsSchema }).strict(),
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
      params: NameParams,
      querystring: z.object({
        format: z.enum(IMPORT_FORMATS).optional().describe('Defaults from the content type'),
        message: Message,
        filename: z.string().max(300).optional(),
        source: z.string().min(1).optional().describe('Item provenance filled in where missing'),
        licence: z.string().min(1).optional(),
        consent: z.string().min(1).optional(),
        collectedAt: z.iso.datetime({ offset: true }).optional(),
        keepUnknown: z.stringbool().default(false).describe('Keep unknown fields under metadata instead of refusing the upload'),
        map: z.union([z.string(), z.array(z.string())]).optional().describe('Field renames from=to, e.g. expected=reference (repeatable or comma-separated)'),
      }),
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
    schema: { tags, summary: 'Get a version', params: VersionParams, response: { 200: VersionSchema, ...ERROR_RESPONSES } },
  }, async (request) => datasets.getVersion(actorOf(request).projectId, request.params.name, request.params.version));

  app.get('/api/datasets/:name/versions/:version/items', {
    config: { role: 'viewer' },
    schema: {
      tags,
      summary: 'Page through the items of a version, in order',
      params: VersionParams,
      querystring: z.object({ cursor: z.string().regex(/^\d+$/).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100), split: z.enum(DATASET_SPLITS).optional() }),
      response: { 200: pageOf(z.object({ position: z.number(), hash: z.string(), item: z.unknown() })), ...ERROR_RESPONSES },
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
      params: NameParams,
      querystring: z.object({ from: z.string().min(1), to: z.string().min(1), limit: z.coerce.number().int().min(0).max(5000).default(200) }),
      response: {
        200: z.object({
          from: z.string(),
          to: z.string(),
          counts: z.object({ added: z.number(), removed: z.number(), changed: z.number(), unchanged: z.number() }),
          added: z.array(z.unknown()),
          removed: z.array(z.unknown()),
          changed: z.array(z.object({ id: z.string(), before: z.unknown(), after: z.unknown() })),
          truncated: z.boolean(),
        }),
        ...ERROR_RESPONSES,
      },
    },
  }, async (request) => datasets.diff(actorOf(request).projectId, request.params.name, request.query.from, request.query.to, request.query.limit));

  app.get('/api/datasets/:name/versions/:version/lineage', {
    config: { role: 'viewer' },
    schema: {
      tags,
      summary: 'The lineage graph of a version: what it was made from (up) or what was made from it (down)',
      params: VersionParams,
      querystring: z.object({ direction: z.enum(LINEAGE_DIRECTIONS).default('up') }),
      response: {
        200: z.object({
          root: z.string(),
          direction: z.enum(LINEAGE_DIRECTIONS),
          nodes: z.array(z.object({ id: z.string(), label: z.string(), dataset: z.string(), version: z.number(), hash: z.string(), operation: z.string(), itemCount: z.number(), createdAt: z.string(), depth: z.number() })),
          edges: z.array(z.object({ from: z.string(), to: z.string() })),
        }),
        ...ERROR_RESPONSES,
      },
    },
  }, async (request) => datasets.lineage(actorOf(request).projectId, request.params.name, request.params.version, request.query.direction));

  app.get('/api/datasets/:name/versions/:version/quality', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'The latest quality report of a version', params: VersionParams, response: { 200: QualitySchema, ...ERROR_RESPONSES } },
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
      params: VersionParams,
      body: z.record(z.string(), z.unknown()).prefault({}).describe('Quality options (checks, thresholds)'),
      response: { 201: QualitySchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => reply.code(201).send(await datasets.runQuality(actorOf(request), request.params.name, request.params.version, request.body)));

  app.post('/api/datasets/:name/versions/:version/filter', {
    config: { role: 'developer' },
    schema: { tags, summary: 'A new version with the items that pass a filter', params: VersionParams, body: z.object({ filter: FilterSpecSchema, message: Message }).strict(), response: { 201: CreatedVersionSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => reply.code(201).send(await datasets.filter(actorOf(request), request.params.name, request.params.version, request.body.filter, request.body.message)));

  app.post('/api/datasets/:name/versions/:version/split', {
    config: { role: 'developer' },
    schema: { tags, summary: 'A new version with train / validation / test assigned by seeded hash', params: VersionParams, body: SplitSpecSchema.extend({ message: Message }), response: { 201: CreatedVersionSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    const { message, ...spec } = request.body;
    return reply.code(201).send(await datasets.split(actorOf(request), request.params.name, request.params.version, spec, message));
  });

  app.post('/api/datasets/:name/versions/:version/curate', {
    config: { role: 'developer' },
    schema: { tags, summary: 'A new version with items added, replaced (same id) or removed', params: VersionParams, body: CurateSpecSchema.extend({ message: Message }), response: { 201: CreatedVersionSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    const { message, ...spec } = request.body;
    return reply.code(201).send(await datasets.curate(actorOf(request), request.params.name, request.params.version, spec, message));
  });

  app.post('/api/datasets/:name/versions/:version/augment', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'A new version with augmented items: perturbations, counterfactual swaps, or paraphrases and synthetic items written by a model',
      params: VersionParams,
      body: AugmentBody,
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
      params: NameParams,
      body: z.object({ sources: z.array(z.object({ dataset: z.string().min(1), version: z.union([z.string().min(1), z.number().int().positive()]) })).min(1).max(50), message: Message }).strict(),
      response: { 201: CreatedVersionSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => reply.code(201).send(await datasets.merge(actorOf(request), request.params.name, request.body.sources, request.body.message)));

  app.post('/api/datasets/:name/from-traces', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'A new version from gateway traces matching a filter (messages as input, answer as reference, trace ids as provenance)',
      params: NameParams,
      body: z.object({ filter: TraceFilterSchema.prefault({}), append: z.boolean().default(false), message: Message }).strict(),
      response: { 201: CreatedVersionSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => reply.code(201).send(await datasets.fromTraces(actorOf(request), request.params.name, request.body.filter, { append: request.body.append, message: request.body.message })));

  app.post('/api/datasets/:name/from-feedback', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Curate feedback into a new version: corrections become SFT examples, thumbs and ratings become preference pairs',
      params: NameParams,
      body: z
        .object({
          filter: TraceFilterSchema.omit({ thumb: true, status: true }).prefault({}),
          kinds: z.array(z.enum(CURATION_KINDS)).min(1).optional(),
          append: z.boolean().default(true),
          message: Message,
        })
        .strict(),
      response: { 201: CreatedVersionSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => reply.code(201).send(await datasets.fromFeedback(actorOf(request), request.params.name, request.body.filter, { kinds: request.body.kinds, append: request.body.append, message: request.body.message })));

  app.post('/api/datasets/:name/from-annotations', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: "Curate an annotation queue into a new version: a text field's corrections become SFT examples, a grade field ranks answers into preference pairs",
      params: NameParams,
      body: AnnotationCurationSchema.extend({ append: z.boolean().default(true), message: Message }).strict(),
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
      params: VersionParams,
      querystring: z.object({ format: z.enum(EXPORT_FORMATS).default('jsonl'), split: z.enum(DATASET_SPLITS).optional() }),
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
