// Every route module of the server, in registration order. Adding an area is one file and one line.
import { auditRoutes } from './audit-routes.js';
import { datasetRoutes } from './dataset-routes.js';
import { healthRoutes } from './health-routes.js';
import { keyRoutes } from './key-routes.js';
import { modelRoutes } from './model-routes.js';
import { projectRoutes } from './project-routes.js';
import { promptRoutes } from './prompt-routes.js';
import type { RouteModule } from './route-module.js';
import { secretRoutes } from './secret-routes.js';

export type { RouteModule } from './route-module.js';

export const ROUTE_MODULES: readonly RouteModule[] = [healthRoutes, keyRoutes, projectRoutes, secretRoutes, auditRoutes, datasetRoutes, modelRoutes, promptRoutes];
