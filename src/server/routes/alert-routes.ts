// Alerting through the API: rules, channels (webhook secrets stored sealed), silences, the event
// history, and a manual evaluation.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AlertChannelSchema,
  AlertEvaluationSchema,
  AlertEventQuerySchema,
  type AlertEvent,
  AlertEventSchema,
  AlertRuleBodySchema,
  AlertRuleSchema,
  CreateAlertChannelBodySchema,
  CreateSilenceBodySchema,
  SilenceQuerySchema,
  SilenceSchema,
} from '../../contracts/alert-contract.js';
import { actorOf } from '../auth-plugin.js';
import { ERROR_RESPONSES, IdParamsSchema, listOf, pageOf } from '../../contracts/common-contract.js';
import type { RouteModule } from './route-module.js';

export const alertRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['alerts'];
  const alerting = services.monitoring.alerting;

  app.get('/api/alerts/rules', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Alert rules with their current status', response: { 200: listOf(AlertRuleSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await alerting.listRules(actorOf(request).projectId) }));

  app.post('/api/alerts/rules', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Create an alert rule', body: AlertRuleBodySchema, response: { 201: AlertRuleSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => reply.code(201).send(await alerting.createRule(actorOf(request), request.body)));

  app.get('/api/alerts/rules/:id', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'An alert rule', params: IdParamsSchema, response: { 200: AlertRuleSchema, ...ERROR_RESPONSES } },
  }, async (request) => alerting.getRule(actorOf(request).projectId, request.params.id));

  app.put('/api/alerts/rules/:id', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Replace an alert rule', params: IdParamsSchema, body: AlertRuleBodySchema, response: { 200: AlertRuleSchema, ...ERROR_RESPONSES } },
  }, async (request) => alerting.updateRule(actorOf(request), request.params.id, request.body));

  app.delete('/api/alerts/rules/:id', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Delete an alert rule (its state goes; its history stays)', params: IdParamsSchema, response: { 204: z.null(), ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    await alerting.deleteRule(actorOf(request), request.params.id);
    return reply.code(204).send(null);
  });

  app.get('/api/alerts/channels', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Alert channels (secrets never shown)', response: { 200: listOf(AlertChannelSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await alerting.listChannels(actorOf(request).projectId) }));

  app.post('/api/alerts/channels', {
    config: { role: 'admin' },
    schema: {
      tags,
      summary: 'Create an alert channel: signed JSON webhook, Slack-compatible webhook, or log',
      body: CreateAlertChannelBodySchema,
      response: { 201: AlertChannelSchema, ...ERROR_RESPONSES },
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
    schema: { tags, summary: 'Silences (active and upcoming; all with ?all=true)', querystring: SilenceQuerySchema, response: { 200: listOf(SilenceSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await alerting.listSilences(actorOf(request).projectId, request.query.all) }));

  app.post('/api/alerts/silences', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Silence matching alerts for a time range (they change state but notify no one)',
      body: CreateSilenceBodySchema,
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
      querystring: AlertEventQuerySchema,
      response: { 200: pageOf(AlertEventSchema), ...ERROR_RESPONSES },
    },
  }, async (request) => {
    const page = await alerting.listEvents(actorOf(request).projectId, { ruleId: request.query.ruleId, kind: request.query.kind, before: request.query.cursor, limit: request.query.limit });
    // The evaluator writes `data` in the shape of AlertEventDataSchema; the record keeps it as JSON.
    return { data: page.data as AlertEvent[], next_cursor: page.nextCursor };
  });

  app.post('/api/alerts/evaluate', {
    config: { role: 'admin' },
    schema: { tags, summary: 'Evaluate every rule now (the evaluator also ticks on its interval)', response: { 200: AlertEvaluationSchema, ...ERROR_RESPONSES } },
  }, async () => {
    const result = await services.monitoring.alertEvaluator.tick();
    return { evaluated: result.evaluated, notifications: result.notifications.length };
  });
};
