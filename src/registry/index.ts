// The model registry: models, immutable numbered versions, lifecycle stages with gates, aliases
// with history, deprecation dates, model cards, and the resolver the gateway calls.
export { RegistryService, REGISTRY_TOPIC, type CreateModelInput, type UpdateModelInput, type RegisterVersionInput } from './registry-service.js';
export { ModelStages, type ChangeStageInput, type DeprecateInput, type SetAliasInput } from './model-stages.js';
export { type GateChecker, type GateResult, type GateOutcome, type GateSubject, ApprovalGateChecker, anyGateChecker } from './gate-checker.js';
export { RegistryModelResolver, type RegistryResolution } from './registry-model-resolver.js';
export { VERSION_STATUSES, type VersionStatus, RESERVED_ALIASES, canMove, isVersionStatus } from './lifecycle.js';
export {
  VersionSpecSchema,
  VersionSourceSchema,
  ProviderModelSpecSchema,
  ArtifactSpecSchema,
  ARTIFACT_KINDS,
  VERSION_SOURCE_KINDS,
  type VersionSpec,
  type VersionSource,
  type VersionSourceKind,
  type ArtifactKind,
  sameSpec,
} from './version-spec.js';
export { ModelCardSchema, type ModelCard, type ComposedModelCard, type CardLineageEntry } from './model-card.js';
export { versionName, parseModelReference, parseVersionNumber, type ModelReference } from './registry-names.js';
export type { ModelRecord, ModelVersionRecord, StageChangeEntry, AliasMoveEntry, ApprovalRecord, ActorRef } from './registry-records.js';
