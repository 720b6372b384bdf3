// Every resolver and batched loader of the read API, by area (the same areas as the SDL modules).
import { datasetsLoaders, datasetsResolvers } from './datasets-resolvers.js';
import { deploymentsLoaders, deploymentsResolvers } from './deployments-resolvers.js';
import { evalsLoaders, evalsResolvers } from './evals-resolvers.js';
import { queryResolvers } from './query-resolvers.js';
import { registryLoaders, registryResolvers } from './registry-resolvers.js';
import { trainingLoaders } from './training-resolvers.js';
import { tracesLoaders } from './traces-resolvers.js';

export const GRAPHQL_RESOLVERS = { ...queryResolvers, ...registryResolvers, ...datasetsResolvers, ...evalsResolvers, ...deploymentsResolvers };

export const GRAPHQL_LOADERS = { ...registryLoaders, ...datasetsLoaders, ...trainingLoaders, ...evalsLoaders, ...deploymentsLoaders, ...tracesLoaders };
