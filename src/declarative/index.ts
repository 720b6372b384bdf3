// Declarative configuration: the models, versions, prompts and routes of steward.yaml, planned
// and applied idempotently in one transaction (`steward apply`), and exported in the same format.
export { DeclarativeService, PLAN_ACTIONS, type PlanAction, type PlanEntry, type ApplyResult } from './declarative-service.js';
export { parseDeclarativeDocument, DeclarativeDocumentSchema, type DeclarativeDocument, type DeclaredModel, type DeclaredPrompt } from './declarative-document.js';
