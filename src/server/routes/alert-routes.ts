// Alerting through the API: rules, channels (webhook secrets stored sealed), silences, the event
// history, and a manual evaluation.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALERT_CHANNEL_KINDS } from '../../monitoring/channels/index.js';
import { MATCHER_OPERATORS, alertRuleSchema } from '../../monitoring/alerts/index.js';
import { actorOf } from '../auth-plugin.js';
import { ERROR_RESPONSES, IdParamsSchema, listOf, pageOf } from './common-schemas.js';
import type { RouteModule } from './route-module.js';

const RuleBody = z.record(z.string(), z.unknown()).describe('An alert rule: name, metric, filter, condition (threshold | rate_of_change | baseline_deviation), aggregation, windowSeconds, forSeconds, severity, channels, minPoints, enabled');
const RuleSchema = alertRuleSchema.extend({ createdAt: z.string(), updatedAt: z.string(), status: z.string().optional().describe('inactive, pending, firing or resolved') });
const ChannelSchema = z.object({ id: z.string(), name: z.string(), kind: z.string(), url: z.string().nullable(), signed: z.boolean(), createdAt: z.string() });
const MatcherSchema = z.object({ name: z.string().min(1), op: z.enum(MATCHER_OPERATORS).default('='), value: z.string() });
const SilenceSchema = z.object({ id: z.string(), matchers: z.array(MatcherSchema), startsAt: z.string(), endsAt: z.string(), comment: z.string(), createdBy: z.string(), active: z.boolean() });
const EventSchema = z.object({ id: z.string(), ruleId: z.string(), fingerprint: z.string(), at: z.string(), kind: z.string(), severity: z.string(), observed: z.number().nullable(), description: z.string(), silencedBy: z.string().nullable(), data: z.unknown() });

const isoOrMs = z.union([z.number().int().nonnegative(), z.iso.datetime({ offset: true }).transform((s) => Date.parse(s))]);

export const alertRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['alerts'];
  const alerting = services.monitoring.alerting;

  app.get('/api/alerts/rules', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Alert rules with their current status', response: { 200: listOf(RuleSchema) } },
  }, async (request) => ({ data: await alerting.listRules(actorOf(request).projectId) }));

  app.post('/api/alerts/rules', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Create an alert rule', body: RuleBody, response: { 201: RuleSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => reply.code(201).send(await alerting.createRule(actorOf(request), request.body as never)));

  app.get('/api/alerts/rules/:id', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'An alert rule', params: IdParamsSchema, response: { 200: RuleSchema, ...ERROR_RESPONSES } },
  }, async (request) => alerting.getRule(actorOf(request).projectId, request.params.id));

  app.put('/api/alerts/rules/:id', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Replace an alert rule', params: IdParamsSchema, body: RuleBody, response: { 200: RuleSchema, ...ERROR_RESPONSES } },
  }, async (request) => alerting.updateRule(actorOf(request), request.params.id, request.body as never));

  app.delete('/api/alerts/rules/:id', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Delete an alert rule (its state goes; its history stays)', params: IdParamsSchema, response: { 204: z.null(), ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    await alerting.deleteRule(actorOf(request), request.params.id);
    return reply.code(204).send(null);
  });

  app.get('/api/alerts/channels', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Alert channels (secrets never shown)', response: { 200: listOf(ChannelSchema) } },
  }, async (request) => ({ data: await alerting.listChannels(actorOf(request).projectId) }));

  app.post('/api/alerts/channels', {
    config: { role: 'admin' },
    schema: {
      tags,
      summary: 'Create an alert channel: signed JSON webhook, Slack-compatible webhook, or log',
      body: z.object({ name: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only'), kind: z.enum(ALERT_CHANNEL_KINDS), url: z.string().optional(), secret: z.string().min(16, 'a signing secret needs at least 16 characters').optional() }).strict(),
      response: { 201: ChannelSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => reply.code(201).send(await alerting.createChannel(actorOf(request), request.body)));

  app.delete('/api/alerts/channels/:name', {
    config: { role: 'admin' },
    schema: { tags, summary: 'Delete an alert channel and its secret', params: z.object({ name: z.string().min(1) }), response: { 204: z.null(), ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    await alerting.deleteChannel(actorOf(request), request.params.name);
    return reply.code(204).send(null);
  });

  app.get('/api/alerts/silences', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Silences (active and upcoming; all with ?all=true)', querystring: z.object({ all: z.stringbool().default(false) }), response: { 200: listOf(SilenceSchema) } },
  }, async (request) => ({ data: await alerting.listSilences(actorOf(request).projectId, request.query.all) }));

  app.post('/api/alerts/silences', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Silence matching alerts for a time range (they change state but notify no one)',
      body: z.object({ matchers: z.array(MatcherSchema).min(1), startsAt: isoOrMs.optional(), endsAt: isoOrMs, comment: z.string().max(1000).optional() }).strict(),
      response: { 201: SilenceSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => reply.code(201).send(await alerting.createSilence(actorOf(request), request.body)));

  app.post('/api/alerts/silences/:id/expire', {
    config: { role: 'developer' },
    schema: { tags, summary: 'End a silence now', params: IdParamsSchema, response: { 200: SilenceSchema, ...ERROR_RESPONSES } },
  }, async (request) => alerting.expireSilence(actorOf(request), request.params.id));

  app.get('/api/alerts/events', {
    config: { role: 'viewer' },
    schema: {
      tags,
      summary: 'Alert history: transitions (pending, firing, resolved, inactive) and deliveries, newest first',
      querystring: z.object({ ruleId: z.string().optional(), kind: z.string().optional(), cursor: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { 200: pageOf(EventSchema), ...ERROR_RESPONSES },
    },
  }, async (request) => {
    const page = await alerting.listEvents(actorOf(request).projectId, { ruleId: request.query.ruleId, kind: request.query.kind, before: request.query.cursor, limit: request.query.limit });
    return { data: page.data, next_cursor: page.nextCursor };
  });

  app.post('/api/alerts/evaluate', {
    config: { role: 'admin' },
    schema: { tags, summary: 'Evaluate every rule now (the evaluator also ticks on its interval)', response: { 200: z.object({ evaluated: z.number(), notifications: z.number() }), ...ERROR_RESPONSES } },
  }, async () => {
    const result = await services.monitoring.alertEvaluator.tick();
    return { evaluated: result.evaluated, notifications: result.notifications.length };
  });
};
