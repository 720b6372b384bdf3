// Gateway traces with the filters of GET /api/traces and cursor pagination, newest first.
export const tracesSdl = /* GraphQL */ `
  input TraceFilter {
    route: String
    "The requested or the upstream model."
    model: String
    status: TraceStatus
    keyId: String
    "ISO 8601, inclusive."
    from: String
    "ISO 8601, exclusive."
    to: String
  }

  type TraceAttempt {
    provider: String!
    model: String!
    status: Int
    latencyMs: Float!
    error: String
    outcome: String!
  }

  type Feedback {
    id: ID!
    thumb: String
    rating: Int
    comment: String
    correction: String
    source: String!
    createdAt: String!
  }

  type Trace {
    id: ID!
    createdAt: String!
    endpoint: String!
    requestedModel: String!
    route: String
    routeRevision: Int
    provider: String
    model: String
    versionId: String
    promptVersionId: String
    status: TraceStatus!
    httpStatus: Int!
    errorCode: String
    stream: Boolean!
    cacheHit: Boolean!
    keyId: String
    user: String
    batchId: String
    tokensIn: Int!
    tokensOut: Int!
    costUsd: Float!
    ttftMs: Float
    latencyMs: Float!
    attempts: [TraceAttempt!]!
    "The registry version that answered, when one did."
    modelVersion: ModelVersion
    feedback: [Feedback!]!
  }

  type TracePage {
    nodes: [Trace!]!
    pageInfo: PageInfo!
  }
`;
