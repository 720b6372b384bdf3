// A pipeline as the `pipelines:` section of a declarative document (steward.yaml, `steward apply`)
// declares it. A leaf file: the config loader validates with it without loading the services.
import { z } from 'zod';
import { PipelineDefinitionSchema } from './pipeline-definition.js';

export const DeclaredPipelineSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    /** A disabled pipeline keeps its definition but no trigger starts it. */
    enabled: z.boolean().default(true),
    definition: PipelineDefinitionSchema,
  })
  .strict();
export type DeclaredPipeline = z.infer<typeof DeclaredPipelineSchema>;
