// Datasets as a graph: immutable versions, their parents, and items that remember the traces and
// feedback they came from (the same records as /api/datasets).
export const datasetsSdl = /* GraphQL */ `
  type Dataset {
    id: ID!
    name: String!
    description: String!
    latestVersion: Int
    provenance: DatasetProvenance!
    createdAt: String!
    updatedAt: String!
    versions(first: Int = 50): [DatasetVersion!]!
  }

  type DatasetVersion {
    id: ID!
    "The dataset's name."
    dataset: String!
    version: Int!
    "dataset@version"
    label: String!
    hash: String!
    itemCount: Int!
    splits: JSON!
    operation: DatasetOperation!
    message: String!
    createdAt: String!
    createdBy: String
    "The versions this one was made from."
    parents: [DatasetVersion!]!
    "Items in order; \`after\` is the position of the last item of the previous page."
    items(first: Int = 50, after: Int, split: DatasetSplit): DatasetItemPage!
  }

  type DatasetItemPage {
    nodes: [DatasetItem!]!
    pageInfo: PageInfo!
  }

  extend type DatasetItem {
    "Its place in the version (pass the last one as \`after\` for the next page)."
    position: Int!
    "The trace the item was curated from, when it was (and the trace is still kept)."
    sourceTrace: Trace
  }
`;
