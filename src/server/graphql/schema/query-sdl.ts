// The entry points of the read API: every list and lookup of the REST reads, within the caller's project.
export const querySdl = /* GraphQL */ `
  type Query {
    models: [Model!]!
    "Null when the project has no model of that name."
    model(name: String!): Model
    modelVersion(id: ID!): ModelVersion
    datasets: [Dataset!]!
    dataset(name: String!): Dataset
    datasetVersion(id: ID!): DatasetVersion
    "Newest first; \`after\` is the endCursor of the previous page."
    trainingJobs(first: Int = 50, after: String, state: TrainingJobState): TrainingJobPage!
    trainingJob(id: ID!): TrainingJob
    "Newest first."
    evalRuns(first: Int = 50, status: EvalRunStatus, target: String, dataset: String): [EvalRun!]!
    evalRun(id: ID!): EvalRun
    gates: [EvalGate!]!
    routes: [Route!]!
    route(name: String!): Route
    rollouts(first: Int = 50, route: String, status: RolloutStatus): [Rollout!]!
    rollout(id: ID!): Rollout
    experiments(first: Int = 50, route: String): [Experiment!]!
    "Newest first; \`after\` is the endCursor of the previous page."
    traces(filter: TraceFilter, first: Int = 50, after: String): TracePage!
    trace(id: ID!): Trace
    "The lineage around a node, at most \`depth\` steps away and \`maxNodes\` nodes; null when the project has no such node."
    lineage(node: LineageNodeInput!, direction: LineageDirection = BOTH, depth: Int = 3, maxNodes: Int = 100): LineageGraph
  }
`;
