// Training jobs: what they trained on and what they produced (the same records as /api/training/jobs).
export const trainingSdl = /* GraphQL */ `
  type TrainingJob {
    id: ID!
    name: String!
    backend: String!
    method: TrainingMethod!
    baseModel: String!
    outputModel: String!
    state: TrainingJobState!
    attempt: Int!
    progress: Float!
    step: Int!
    totalSteps: Int!
    lastLoss: Float
    error: String
    hyperParameters: HyperParameters!
    createdAt: String!
    startedAt: String
    finishedAt: String
    createdBy: String
    datasetVersionId: String
    modelVersionId: String
    "The dataset version it trained on (null for inline items)."
    datasetVersion: DatasetVersion
    "The model version it registered."
    modelVersion: ModelVersion
  }

  type TrainingJobPage {
    nodes: [TrainingJob!]!
    pageInfo: PageInfo!
  }
`;
