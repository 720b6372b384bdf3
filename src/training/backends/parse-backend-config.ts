// Validation of a backend's configuration: zod issues become one VALIDATION_FAILED naming each field.
import type { z } from 'zod';
import { invalid } from '../../errors/index.js';

export function parseBackendConfig<T extends z.ZodType>(backend: string, schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: `backendConfig.${i.path.join('.')}`, message: i.message }));
  throw invalid(`invalid ${backend} backend configuration: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
}
