// graphql-js as mercurius loads it. The package ships CommonJS and ESM builds; mercurius requires
// the CommonJS one, and graphql-js refuses (or, in production, silently fails) to mix objects of
// the two, so every runtime use here goes through this one instance.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const graphqlJs = require('graphql') as typeof import('graphql');
