// The typed shape of a resolver map: parent record, arguments and the shared context.
import type { GraphqlContext } from '../graphql-context.js';

export type FieldResolver<Parent, Args, Result> = (parent: Parent, args: Args, context: GraphqlContext) => Promise<Result> | Result;

/** A loader field: one call for every parent that asked for the field in the same tick. */
export type BatchLoader<Parent, Args, Result> = (queries: { obj: Parent; params: Args }[], context: GraphqlContext) => Promise<Result[]>;

export type NoArgs = Record<string, never>;
