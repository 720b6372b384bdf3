// Evaluation runs, their per-item results and the gates evaluated on them (the same records as /api/evals).
export const evalsSdl = /* GraphQL */ `
  type EvalRunModel {
    name: String!
    version: String!
  }

  type EvalRunProgress {
    total: Int!
    completed: Int!
    failed: Int!
    percent: Float!
  }

  type EvalRun {
    id: ID!
    name: String!
    status: EvalRunStatus!
    target: String!
    model: EvalRunModel
    progress: EvalRunProgress!
    "Aggregates per metric with confidence intervals (see GET /api/evals/runs/{id}/summary)."
    summary: JSON
    error: String
    rescoredFrom: String
    createdAt: String!
    startedAt: String
    finishedAt: String
    createdBy: String
    datasetVersionId: String!
    datasetVersion: DatasetVersion
    "The registry version the run evaluated, when its target is one."
    modelVersion: ModelVersion
    "Per-item results in order; \`after\` is the position of the last result of the previous page."
    results(first: Int = 50, after: Int, errorsOnly: Boolean = false): [EvalResult!]!
    "Every gate evaluated on the run, oldest first."
    gateResults: [GateEvaluation!]!
  }

  type EvalResult {
    itemId: String!
    position: Int!
    output: String
    latencyMs: Float
    costUsd: Float
    callError: String
    scores: JSON!
  }

  type GateRuleOutcome {
    rule: String!
    passed: Boolean!
    actual: Float
    reason: String!
  }

  type GateEvaluation {
    id: ID!
    gate: String!
    passed: Boolean!
    rules: [GateRuleOutcome!]!
    baselineRunId: String
    createdAt: String!
  }

  type EvalGate {
    id: ID!
    name: String!
    description: String!
    dataset: String
    rules: [String!]!
    maxErrorRate: Float!
    createdAt: String!
    updatedAt: String!
  }
`;
