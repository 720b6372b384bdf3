// Every route module of the server, in registration order. Adding an area is one file and one line.
import { applyRoutes } from './apply-routes.js';
import { auditRoutes } from './audit-routes.js';
import { auditExportRoutes } from './audit-export-routes.js';
import { oidcRoutes } from './oidc-routes.js';
import { dashboardRoutes } from './dashboard-routes.js';
import { datasetRoutes } from './dataset-routes.js';
import { evalRoutes } from './eval-routes.js';
import { deploymentRoutes } from './deployment-routes.js';
import { healthRoutes } from './health-routes.js';
import { keyRoutes } from './key-routes.js';
import { modelRoutes } from './model-routes.js';
import { projectRoutes } from './project-routes.js';
import { promptRoutes } from './prompt-routes.js';
import type { RouteModule } from './route-module.js';
import { secretRoutes } from './secret-routes.js';
import { trainingRoutes } from './training-routes.js';
import { alertRoutes } from './alert-routes.js';
import { monitoringMetricsRoutes } from './monitoring-metrics-routes.js';
import { otlpRoutes } from './otlp-routes.js';
import { pipelineRoutes } from './pipeline-routes.js';
import { driftRoutes } from './drift-routes.js';
import { annotationRoutes } from './annotation-routes.js';
import { limitRoutes } from './limit-routes.js';
import { providerRoutes } from './provider-routes.js';
import { routeRoutes } from './route-routes.js';
import { traceRoutes } from './trace-routes.js';
import { v1BatchRoutes } from './v1-batch-routes.js';
import { v1ChatRoutes } from './v1-chat-routes.js';
import { v1EmbeddingsRoutes } from './v1-embeddings-routes.js';
import { v1MessagesRoutes } from './v1-messages-routes.js';
import { v1ModelsRoutes } from './v1-models-routes.js';
import { v1ResponsesRoutes } from './v1-responses-routes.js';
import { v1TraceHeader } from './v1-trace-header.js';
import { graphqlRoutes } from '../graphql/index.js';

export type { RouteModule } from './route-module.js';

export const ROUTE_MODULES: readonly RouteModule[] = [healthRoutes, trainingRoutes, monitoringMetricsRoutes, alertRoutes, otlpRoutes, pipelineRoutes, driftRoutes, annotationRoutes, keyRoutes, projectRoutes, secretRoutes, auditRoutes, auditExportRoutes, oidcRoutes, datasetRoutes, evalRoutes, modelRoutes, promptRoutes, v1TraceHeader, v1ChatRoutes, v1ResponsesRoutes, v1MessagesRoutes, v1EmbeddingsRoutes, v1ModelsRoutes, v1BatchRoutes, routeRoutes, providerRoutes, traceRoutes, limitRoutes, dashboardRoutes, deploymentRoutes, useCaseRoutes, applyRoutes, graphqlRoutes];
