// The model registry as a graph: models, their versions, and each version's training job, data and
// evaluations (the same records as /api/models).
export const registrySdl = /* GraphQL */ `
  type ModelAlias {
    alias: String!
    version: String!
  }

  type Model {
    id: ID!
    name: String!
    description: String!
    tags: [String!]!
    "Gates a promotion to production must pass."
    gates: [String!]!
    aliases: [ModelAlias!]!
    versionCount: Int!
    card: ModelCard!
    createdAt: String!
    updatedAt: String!
    "Versions in order (name-001 first)."
    versions(first: Int = 50): [ModelVersion!]!
    "One version by name-NNN, number or alias; null when there is none."
    version(ref: String!): ModelVersion
  }

  type ModelVersion {
    id: ID!
    "The model's name."
    model: String!
    name: String!
    seq: Int!
    description: String!
    status: VersionStatus!
    spec: JSON!
    source: VersionSource!
    datasetVersionIds: [String!]!
    evalRunIds: [String!]!
    deprecatedAt: String
    sunsetAt: String
    replacement: String
    discontinued: Boolean!
    aliases: [String!]!
    createdAt: String!
    createdBy: String
    "The job that made this version (its source, or the job that registered it)."
    trainingJob: TrainingJob
    "The dataset versions it was trained or distilled on."
    datasetVersions: [DatasetVersion!]!
    "Evaluation runs of this version (linked to it, or run on it)."
    evalRuns(first: Int = 20): [EvalRun!]!
  }
`;
