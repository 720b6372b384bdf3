// Routes with their revisions, rollouts and experiments (the same records as /api/routes,
// /api/rollouts and /api/experiments).
export const deploymentsSdl = /* GraphQL */ `
  type Route {
    name: String!
    revision: Int!
    config: JSON!
    updatedAt: String!
    "Every revision, newest first."
    revisions(first: Int = 20): [RouteRevision!]!
    rollouts(first: Int = 20): [Rollout!]!
    experiments(first: Int = 20): [Experiment!]!
  }

  type RouteRevision {
    name: String!
    revision: Int!
    "Null for a deletion."
    config: JSON
    actor: ActorRef!
    reason: String
    createdAt: String!
  }

  type Rollout {
    id: ID!
    route: String!
    target: String!
    status: RolloutStatus!
    steps: [Float!]!
    stepIndex: Int!
    percent: Float!
    stepStartedAt: String!
    minStepSeconds: Float!
    minRequests: Int!
    guards: JSON!
    baselineRevision: Int!
    lastRevision: Int
    reason: String
    createdBy: String
    createdAt: String!
    updatedAt: String!
    "The registry version the target names, when it names one."
    targetVersion: ModelVersion
    events: [RolloutEvent!]!
  }

  type RolloutEvent {
    id: ID!
    at: String!
    kind: String!
    message: String!
    data: JSON
  }

  type ExperimentArm {
    name: String!
    model: String!
    weight: Float!
  }

  type Experiment {
    id: ID!
    route: String!
    name: String!
    description: String!
    status: String!
    arms: [ExperimentArm!]!
    sticky: String!
    baselineRevision: Int
    startedAt: String!
    stoppedAt: String
    winner: String
  }
`;
