// Shapes every area shares: the JSON scalar for bodies whose shape is their own (specs, configs,
// scores), page info for cursor pagination, and who did something.
export const commonSdl = /* GraphQL */ `
  "Any JSON value (specs, configs, scores, request bodies): the REST API documents its shape."
  scalar JSON

  type PageInfo {
    "Pass as \`after\` to get the next page; null on the last page."
    endCursor: String
    hasNextPage: Boolean!
  }

  type ActorRef {
    id: String
    name: String!
  }
`;
