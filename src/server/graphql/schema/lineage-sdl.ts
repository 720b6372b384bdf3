// The lineage graph across parts: trace → dataset version → training job → model version →
// evaluation run / rollout, walked up (where a node came from) or down (what was made from it).
export const lineageSdl = /* GraphQL */ `
  enum LineageKind {
    TRACE
    DATASET_VERSION
    TRAINING_JOB
    MODEL_VERSION
    EVAL_RUN
    ROLLOUT
  }

  enum LineageDirection {
    "Towards sources: what the node was made from."
    UP
    "Towards results: what was made from the node."
    DOWN
    BOTH
  }

  input LineageNodeInput {
    kind: LineageKind!
    id: ID!
  }

  type LineageNode {
    kind: LineageKind!
    id: ID!
    "A readable name: dataset@version, a version name, a job or run name, route → target."
    label: String!
    "Steps from the start node."
    depth: Int!
    "Where the walk met it from the start node: UP or DOWN (the start node is BOTH)."
    direction: LineageDirection!
  }

  type LineageEdge {
    "The node that was made into \`to\` (parent → child, whatever the direction walked)."
    from: ID!
    to: ID!
    "curated_into, derived_into, trained, produced, evaluated, rolled_out, served, distilled_into, evaluated_on, trained_on"
    relation: String!
  }

  type LineageGraph {
    root: LineageNode!
    nodes: [LineageNode!]!
    edges: [LineageEdge!]!
    "True when the walk stopped at maxNodes before reaching the depth limit."
    truncated: Boolean!
  }
`;
