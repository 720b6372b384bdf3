// Users' own annotations in steward.yaml: keys starting with `x-` are ignored at the top level, in
// each settings section and in each entry of a resource list (a model, a route…), so a document can
// carry notes and tool metadata while every other unknown key is an error. Deeper maps (provider
// headers, route metadata) are data and keep their `x-` keys.

export const ANNOTATION_PREFIX = 'x-';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function dropAnnotations(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith(ANNOTATION_PREFIX)));
}

/** The document without its `x-` annotations (top level, sections, list entries); other values unchanged. */
export function withoutAnnotations(document: unknown): unknown {
  if (!isRecord(document)) return document;
  const top = dropAnnotations(document);
  for (const [key, section] of Object.entries(top)) {
    if (isRecord(section)) top[key] = dropAnnotations(section);
    else if (Array.isArray(section)) top[key] = section.map((entry) => (isRecord(entry) ? dropAnnotations(entry) : entry));
  }
  return top;
}
