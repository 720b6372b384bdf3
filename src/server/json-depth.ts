// Refuses JSON nested deeper than a limit right after parsing, before validation or any other
// recursive walk could overflow the stack on it (a 10,000-deep `tools[].function.parameters` did).
import type { FastifyInstance } from 'fastify';
import { StewardError } from '../errors/index.js';

/** The nesting depth of a parsed JSON value, counted without recursion; stops once past `limit`. */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: [object, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [object, number];
    if (depth > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Replaces the app's JSON body parser with Fastify's own followed by the depth check. */
export function limitJsonDepth(app: FastifyInstance, maxDepth: number): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, String(body), (error, value) => {
      if (error) return done(error);
      if (jsonDepthExceeds(value, maxDepth)) {
        return done(new StewardError({ code: 'JSON_TOO_DEEP', message: `the JSON body is nested deeper than ${maxDepth} levels`, details: { maxDepth } }), undefined);
      }
      done(null, value);
    });
  });
}
