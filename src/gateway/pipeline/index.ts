// The gateway's pipeline stages: plan, bind prompt, admit, cache, run targets (in ../resilience),
// fold the stream, and the pipeline that runs them in order.
export { CallPipeline, type CallPipelineDeps, type ProviderCall } from './call-pipeline.js';
export { CallPlanner, type CallPlan, type PlannedTarget, type PlanContext } from './call-plan.js';
export { bindPrompt, type BoundChat, type PromptRenderer } from './bind-prompt.js';
export { admit, limitScopes } from './admit.js';
export { CacheStage, type CacheSlot } from './cache-stage.js';
export { StreamFold, type StreamSpec, continuationRequest, spliceChunks } from './stream-fold.js';
