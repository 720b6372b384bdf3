// Every error code Steward answers with, its HTTP status and default message: grep a code, find
// its one definition. Each part of the system keeps its codes in its own section.

export interface CatalogueEntry {
  status: number;
  message: string;
}

export const ERROR_CATALOGUE = {
  // general
  VALIDATION_FAILED: { status: 400, message: 'The request is not valid' },
  BAD_JSON: { status: 400, message: 'The body is not valid JSON' },
  JSON_TOO_DEEP: { status: 400, message: 'The JSON body is nested deeper than the server accepts' },
  BODY_TOO_LARGE: { status: 413, message: 'The body is larger than the limit' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Unsupported content type' },
  NOT_FOUND: { status: 404, message: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, message: 'No such endpoint' },
  BAD_URL: { status: 400, message: 'The URL is not valid (bad percent-encoding)' },
  URL_TOO_LONG: { status: 414, message: 'A path parameter is longer than the limit' },
  CONFLICT: { status: 409, message: 'The request conflicts with the current state' },
  ALREADY_EXISTS: { status: 409, message: 'Already exists' },
  GONE: { status: 410, message: 'No longer available' },
  PRECONDITION_FAILED: { status: 412, message: 'A precondition failed' },
  INTERNAL: { status: 500, message: 'Internal error' },
  NOT_READY: { status: 503, message: 'The service is not ready' },
  SHUTTING_DOWN: { status: 503, message: 'The service is shutting down' },

  // governance
  UNAUTHENTICATED: { status: 401, message: 'A valid API key is required (Authorization: Bearer <key>)' },
  KEY_REVOKED: { status: 401, message: 'This API key has been revoked' },
  KEY_EXPIRED: { status: 401, message: 'This API key has expired' },
  FORBIDDEN: { status: 403, message: 'This API key does not have the role this action needs' },
  CSRF_FAILED: { status: 403, message: 'A cookie-authenticated write needs the x-steward-csrf header matching the steward_csrf cookie' },
  SIGN_IN_FAILED: { status: 401, message: 'OpenID Connect sign-in failed' },
  NO_ROLE_MAPPED: { status: 403, message: 'Signed in, but no project role is mapped to this identity' },
  SECRET_DECRYPT_FAILED: { status: 500, message: 'A stored secret could not be decrypted with the master key' },
  AUDIT_CHAIN_BROKEN: { status: 500, message: 'The audit log hash chain is broken' },

  // config
  CONFIG_INVALID: { status: 500, message: 'The configuration is not valid' },

  // store
  STORE_UNAVAILABLE: { status: 503, message: 'The store does not answer' },

  // gateway
  RATE_LIMITED: { status: 429, message: 'Rate limit reached' },
  BUDGET_EXCEEDED: { status: 429, message: 'Spend budget exhausted for this period' },
  QUEUE_FULL: { status: 429, message: 'Too many requests queued for this target' },
  MODEL_NOT_FOUND: { status: 404, message: 'The model does not exist or this key may not call it' },
  UPSTREAM_ERROR: { status: 502, message: 'The upstream provider failed' },
  UPSTREAM_AUTHENTICATION_FAILED: { status: 502, message: 'The upstream provider refused the credentials Steward holds for it' },
  UPSTREAM_MODEL_NOT_FOUND: { status: 404, message: 'The upstream provider does not serve this model' },
  UPSTREAM_INVALID_REQUEST: { status: 400, message: 'The upstream provider rejected the request' },
  UPSTREAM_UNAVAILABLE: { status: 503, message: 'No upstream target is available' },
  UPSTREAM_TIMEOUT: { status: 504, message: 'The upstream provider did not answer in time' },
  /** Recorded on traces only: the caller is gone, so no client ever reads it. */
  CLIENT_CLOSED: { status: 499, message: 'The client closed the connection before the answer was complete' },
  UNSUPPORTED_PARAMETER: { status: 400, message: 'A parameter is not supported by this provider' },
  MODEL_DISCONTINUED: { status: 410, message: 'This model version has been discontinued' },
  PROVIDER_NOT_CONFIGURED: { status: 404, message: 'No such provider is configured' },

  // responses surface (/v1/responses)
  RESPONSE_NOT_FOUND: { status: 404, message: 'No stored response with this id in this project' },
  RESPONSE_ITEM_NOT_FOUND: { status: 404, message: 'No stored response item with this id in this project' },

  // model (builtin transformer)
  MODEL_CONFIG_INVALID: { status: 400, message: 'The builtin model configuration is not valid' },
  MODEL_FILE_CORRUPT: { status: 500, message: 'A builtin model file is corrupt or truncated' },
  MODEL_FILE_MISSING: { status: 404, message: 'A builtin model file is missing' },
  // artifacts (src/artifacts): content-addressed blobs every replica fetches
  ARTIFACT_NOT_FOUND: { status: 404, message: 'No artifact with this digest in the artifact store' },
  ARTIFACT_CORRUPT: { status: 500, message: 'An artifact read back does not match its digest' },
  TOKENIZER_MISMATCH: { status: 500, message: 'The tokenizer does not match the model weights' },
  TRAINING_DATA_INVALID: { status: 400, message: 'The training data is empty or malformed' },
  HYPERPARAMETER_INVALID: { status: 400, message: 'A training hyper-parameter is out of range' },
  TRAINING_CANCELLED: { status: 499, message: 'The training run was cancelled' },

  // evals and datasets (metrics, quality, augmentation, privacy)
  METRIC_NOT_FOUND: { status: 404, message: 'No such evaluation metric' },
  METRIC_CONFIG_INVALID: { status: 400, message: 'The evaluation metric configuration is not valid' },
  DATASET_ITEM_INVALID: { status: 400, message: 'The dataset item is not valid' },
  DATASET_IMPORT_INVALID: { status: 400, message: 'The upload has invalid lines; nothing was imported' },
  DATASET_COLUMNS_MISSING: { status: 400, message: 'The CSV lacks required columns' },
  EVAL_RUNS_NOT_COMPARABLE: { status: 400, message: 'The runs cannot be compared (different dataset versions or no common metric)' },
  EVAL_RUN_STATE: { status: 409, message: 'The evaluation run is not in a state that allows this' },
  GATE_RULE_INVALID: { status: 400, message: 'The gate rule is not valid' },
  EVAL_TARGET_INVALID: { status: 400, message: 'A model the evaluation run would call (its target, a judge, the embedding model) cannot be called' },
  EVAL_DATASET_INVALID: { status: 400, message: 'The dataset or dataset version the evaluation run names does not exist or has no items' },
  DATASET_FIELD_UNKNOWN: { status: 400, message: 'The upload has fields a dataset item does not have; map them (--map) or keep them as metadata (--keep-unknown)' },
  DATASET_EXPORT_EMPTY: { status: 400, message: 'No item of the version has what the export format needs; nothing was exported' },
  DATASET_ITEM_TOO_DEEP: { status: 400, message: 'The item nests objects or arrays deeper than the limit' },
  MODEL_CALLER_UNAVAILABLE: { status: 503, message: 'No model caller is configured (no gateway or provider)' },
  // monitoring (alerts, channels, OTLP ingest)
  ALERT_DELIVERY_FAILED: { status: 502, message: 'An alert notification could not be delivered' },
  ALERT_CHANNEL_NOT_FOUND: { status: 404, message: 'No such alert channel' },
  // registry, prompts, deployments, declarative configuration
  REGISTRY_MODEL_NOT_FOUND: { status: 404, message: 'No such model in the registry' },
  MODEL_VERSION_NOT_FOUND: { status: 404, message: 'No such model version' },
  MODEL_VERSION_EXISTS: { status: 409, message: 'This model version already exists' },
  MODEL_VERSION_IMMUTABLE: { status: 409, message: 'A model version never changes after it is registered' },
  MODEL_VERSION_RETIRED: { status: 409, message: 'The model version is retired: nothing may point at it' },
  // references checked at write time (src/references): the field, the value and the closest names
  REFERENCE_NOT_FOUND: { status: 400, message: 'A name this request refers to does not exist' },
  KEY_TOO_WEAK: { status: 400, message: 'API keys need at least 32 characters' },
  STAGE_TRANSITION_INVALID: { status: 409, message: 'A version cannot move to this lifecycle stage from its current one' },
  GATE_NOT_PASSED: { status: 409, message: 'A promotion gate of this model has not passed' },
  FORCE_REASON_REQUIRED: { status: 400, message: 'Forcing past the gates needs a reason' },
  ALIAS_RESERVED: { status: 409, message: 'This alias is maintained by Steward and cannot be set directly' },
  ALIAS_NOT_FOUND: { status: 404, message: 'No such alias' },
  PROMPT_NOT_FOUND: { status: 404, message: 'No such prompt' },
  PROMPT_VERSION_NOT_FOUND: { status: 404, message: 'No such prompt version or label' },
  PROMPT_UNDECLARED_VARIABLE: { status: 400, message: 'The template uses a variable that is not declared' },
  PROMPT_VARIABLE_MISSING: { status: 400, message: 'A variable the prompt needs was not given' },
  PROMPT_TEMPLATE_INVALID: { status: 400, message: 'The prompt template is not valid' },
  ROUTE_CYCLE: { status: 400, message: 'The routes would target each other in a cycle' },
  ROUTE_WEIGHTS_INVALID: { status: 400, message: 'Traffic weights must be non-negative with a positive sum' },
  ROUTE_REVISION_NOT_FOUND: { status: 404, message: 'No such route revision' },
  NOTHING_TO_ROLL_BACK: { status: 409, message: 'The route has no earlier revision to roll back to' },
  ROLLOUT_IN_PROGRESS: { status: 409, message: 'A rollout is already in progress on this route' },
  ROLLOUT_NOT_FOUND: { status: 404, message: 'No such rollout' },
  ROLLOUT_STATE_INVALID: { status: 409, message: 'The rollout cannot do this in its current state' },
  EXPERIMENT_NOT_FOUND: { status: 404, message: 'No such experiment' },
  EXPERIMENT_RUNNING: { status: 409, message: 'An experiment is already running on this route' },
  USE_CASE_NOT_FOUND: { status: 404, message: 'No such use case' },
  USE_CASE_EXISTS: { status: 409, message: 'A use case of that name already exists in the project' },
  DECLARATIVE_INVALID: { status: 400, message: 'The declarative configuration is not valid' },
  // training jobs and pipelines
  TRAINING_BACKEND_NOT_FOUND: { status: 404, message: 'No such training backend' },
  TRAINING_FAILED: { status: 500, message: 'The training run failed' },
  PIPELINE_NOT_FOUND: { status: 404, message: 'No such pipeline' },
  PIPELINE_STEP_NOT_WIRED: { status: 503, message: 'A pipeline step needs a part that is not available' },
  // monitoring services (roll-ups, alerts, drift, OTLP ingest) and annotation
  OTLP_PAYLOAD_INVALID: { status: 400, message: 'The OTLP payload is not valid' },
  METRIC_UNKNOWN: { status: 400, message: 'No such metric' },
  DRIFT_MONITOR_NOT_FOUND: { status: 404, message: 'No such drift monitor' },
  ANNOTATION_QUEUE_NOT_FOUND: { status: 404, message: 'No such annotation queue' },
  ANNOTATION_INVALID: { status: 400, message: 'The annotation does not fit the queue\'s score schema' },
  // GraphQL read API (/graphql): the code is in each error's extensions.code
  GRAPHQL_VALIDATION_FAILED: { status: 400, message: 'The GraphQL document does not parse or does not fit the schema' },
  GRAPHQL_QUERY_TOO_DEEP: { status: 400, message: 'The GraphQL query nests deeper than the server allows' },
  GRAPHQL_QUERY_TOO_COSTLY: { status: 400, message: 'The GraphQL query would read more than the server allows in one request' },
  GRAPHQL_PERSISTED_QUERY_NOT_FOUND: { status: 400, message: 'PersistedQueryNotFound' },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
