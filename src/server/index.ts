// The HTTP server: builds the app over the domain services, starts and stops a Steward process.
export { buildApp, type StewardApp, type BuildAppOptions } from './build-app.js';
export { buildServices, type BuildServicesOptions } from './build-services.js';
export { startSteward, type StewardHandle, type StartOptions } from './start-steward.js';
export type { StewardServices } from './services.js';
export { errorResponse, toStewardError } from './http-error.js';
