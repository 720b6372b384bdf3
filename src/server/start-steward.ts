// Starts one Steward process: services, the admin key on first start, the HTTP server; and stops
// it gracefully (stop accepting, finish in-flight requests, drain writers, close the store).
import type { StewardConfig } from '../config/index.js';
import { systemActor } from '../governance/index.js';
import { type BuildAppOptions, type StewardApp, buildApp } from './build-app.js';
import { type BuildServicesOptions, buildServices } from './build-services.js';
import type { StewardServices } from './services.js';

export interface StewardHandle {
  app: StewardApp;
  services: StewardServices;
  /** http://host:port the server listens on. */
  url: string;
  /** The admin key generated on first start (undefined when one already existed or was configured). */
  generatedAdminKey: string | undefined;
  close(): Promise<void>;
}

export type StartOptions = BuildServicesOptions & BuildAppOptions;

export async function startSteward(config: StewardConfig, options: StartOptions = {}): Promise<StewardHandle> {
  const services = await buildServices(config, options);
  let app: StewardApp | undefined;
  try {
    const generatedAdminKey = await bootstrapAdminKey(services);
    app = await buildApp(services, options);
    const appRef = app;
    services.lifecycle.onClose('http server', () => appRef.close());
    await app.listen({ host: config.server.host, port: config.server.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.server.port;
    const host = config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host;
    return {
      app,
      services,
      url: `http://${host}:${port}`,
      generatedAdminKey,
      close: () => services.lifecycle.close((message, error) => appRef.log.error({ err: error }, message)),
    };
  } catch (error) {
    await services.lifecycle.close();
    throw error;
  }
}

/** Registers STEWARD_ADMIN_KEY as the instance owner, or creates an owner key when none exists; returns a created key. */
async function bootstrapAdminKey(services: StewardServices): Promise<string | undefined> {
  const system = systemActor(services.defaultProject.id);
  const configured = services.config.security.adminKey;
  if (configured) {
    await services.keys.ensureKnownKey(system, configured, { name: 'admin (STEWARD_ADMIN_KEY)', role: 'owner', projectId: services.defaultProject.id });
    return undefined;
  }
  if (await services.keys.hasActiveOwner()) return undefined;
  const created = await services.keys.create(system, { name: 'admin (first start)', role: 'owner', projectId: services.defaultProject.id });
  return created.key;
}
