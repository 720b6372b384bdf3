// `npm run sdk:generate`: writes packages/sdk/openapi.json, the SDK's generated types and its error
// codes from a default Steward built in-process; rerun whenever a route's schema changes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ERROR_CODES_PATH, OPENAPI_PATH, TYPES_PATH, buildOpenApiDocument, renderErrorCodes, renderOpenApiJson, renderOpenApiTypes } from './sdk-contract.js';

const document = await buildOpenApiDocument();
const outputs: [string, string][] = [
  [OPENAPI_PATH, renderOpenApiJson(document)],
  [TYPES_PATH, await renderOpenApiTypes(document)],
  [ERROR_CODES_PATH, renderErrorCodes()],
];
for (const [path, text] of outputs) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  process.stdout.write(`wrote ${path} (${text.length} characters)\n`);
}
