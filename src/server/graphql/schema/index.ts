// The GraphQL schema of the read API, one SDL module per area (the same areas as the REST routes).
import { commonSdl } from './common-sdl.js';
import { derivedSdl } from './derived-sdl.js';
import { datasetsSdl } from './datasets-sdl.js';
import { deploymentsSdl } from './deployments-sdl.js';
import { evalsSdl } from './evals-sdl.js';
import { lineageSdl } from './lineage-sdl.js';
import { querySdl } from './query-sdl.js';
import { registrySdl } from './registry-sdl.js';
import { trainingSdl } from './training-sdl.js';
import { tracesSdl } from './traces-sdl.js';

export const GRAPHQL_SCHEMA = [commonSdl, derivedSdl, registrySdl, datasetsSdl, trainingSdl, evalsSdl, deploymentsSdl, tracesSdl, lineageSdl, querySdl].join('\n');
