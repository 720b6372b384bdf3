// Secrets (provider credentials): write-only from the API's point of view; values are always masked.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth-plugin.js';
import { ERROR_RESPONSES, listOf } from '../../contracts/common-contract.js';
import type { RouteModule } from './route-module.js';

const SecretSchema = z.object({ id: z.string(), projectId: z.string(), name: z.string(), value: z.literal('********'), createdAt: z.string(), updatedAt: z.string() });
const NameParams = z.object({ name: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, 'letters, digits, dot, dash, underscore') });

export const secretRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['secrets'];
  app.get('/api/secrets', {
    config: { role: 'admin' },
    schema: { tags, summary: 'List secrets (values masked)', response: { 200: listOf(SecretSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await services.secrets.list(actorOf(request).projectId) }));

  app.put('/api/secrets/:name', {
    config: { role: 'admin' },
    schema: { tags, summary: 'Create or replace a secret', params: NameParams, body: z.object({ value: z.string().min(1).max(65_536) }).strict(), response: { 200: SecretSchema, ...ERROR_RESPONSES } },
  }, async (request) => services.secrets.put(actorOf(request), { name: request.params.name, value: request.body.value }));

  app.delete('/api/secrets/:name', {
    config: { role: 'admin' },
    schema: { tags, summary: 'Delete a secret', params: NameParams, response: { 204: z.null(), ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await services.secrets.remove(actor, actor.projectId, request.params.name);
    return reply.code(204).send(null);
  });

  // The master key seals every project's secrets: an instance setting.
  app.post('/api/secrets/rotate-master-key', {
    config: { role: 'owner' },
    schema: {
      tags,
      summary: 'Re-encrypt every secret under a new master key, in one transaction',
      body: z.object({ newKey: z.string().optional().describe('Required when the key comes from STEWARD_MASTER_KEY') }).strict().prefault({}),
      response: { 200: z.object({ rotated: z.number(), fingerprint: z.string() }), ...ERROR_RESPONSES },
    },
  }, async (request) => services.secrets.rotateMasterKey(actorOf(request), request.body));
};
