// Declarative configuration: the models, versions, prompts, routes and gates of steward.yaml, planned
// and applied idempotently in one transaction (`steward apply`), and exported in the same format.
export { DeclarativeService, PLAN_ACTIONS, type PlanAction, type PlanEntry, type ApplyResult, type DeclarativeGates, type DeclaredGateState } from './declarative-service.js';
export { parseDeclarativeDocument, DeclarativeDocumentSchema, type DeclarativeDocument, type DeclaredModel, type DeclaredPrompt, type DeclaredGate } from './declarative-document.js';
