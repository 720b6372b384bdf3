// The one schema of Steward, both engines: each part keeps its tables in its own file here.
import type { AccountingTables } from './accounting-tables.js';
import type { ArtifactTables } from './artifact-tables.js';
import type { DatasetTables } from './dataset-tables.js';
import type { EvalTables } from './eval-tables.js';
import type { GatewayTables } from './gateway-tables.js';
import type { GovernanceTables } from './governance-tables.js';
import type { MonitoringTables } from './monitoring-tables.js';
import type { PipelineTables } from './pipeline-tables.js';
import type { AnnotationTables } from './annotation-tables.js';
import type { TrainingTables } from './training-tables.js';
import type { DeploymentTables } from './deployment-tables.js';
import type { RegistryTables } from './registry-tables.js';
import type { ResponseTables } from './response-tables.js';
import type { UseCaseTables } from './use-case-tables.js';

export type * from './accounting-tables.js';
export type * from './artifact-tables.js';
export type * from './dataset-tables.js';
export type * from './eval-tables.js';
export type * from './gateway-tables.js';
export type * from './governance-tables.js';
export type * from './monitoring-tables.js';
export type * from './pipeline-tables.js';
export type * from './annotation-tables.js';
export type * from './training-tables.js';
export type * from './registry-tables.js';
export type * from './deployment-tables.js';
export type * from './response-tables.js';
export type * from './use-case-tables.js';

/** Every table Kysely knows; a part adds its tables with one `extends`. */
export interface Database extends GovernanceTables, TrainingTables, MonitoringTables, PipelineTables, AnnotationTables, GatewayTables, DatasetTables, EvalTables, RegistryTables, DeploymentTables, AccountingTables, ArtifactTables, ResponseTables, UseCaseTables {}
