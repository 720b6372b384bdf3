// How deep a query nests and how much it may read, measured before anything is resolved. Cost: each
// field costs 1 for every parent object it is read on; a field with `first` (or `maxNodes`) is read
// that many times over for its sub-selection, a list without one counts as LIST_GUESS items.
// Introspection (`__schema`, `__type`) is bounded by the schema itself and counts nothing.
import type { DocumentNode, FragmentDefinitionNode, GraphQLField, GraphQLNamedType, GraphQLSchema, OperationDefinitionNode, SelectionSetNode, ValueNode } from 'graphql';
import { graphqlJs } from '../graphql-module.js';

const { Kind, getNamedType, getNullableType, isListType, isObjectType, valueFromAST } = graphqlJs;

/** Items a list without a page-size argument is assumed to hold. */
export const LIST_GUESS = 10;

/** Arguments that set how many items a field reads. */
const SIZE_ARGUMENTS = ['first', 'maxNodes'] as const;

export interface QueryMeasure {
  depth: number;
  cost: number;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

function sizeOf(field: GraphQLField<unknown, unknown>, node: { arguments?: readonly { name: { value: string }; value: ValueNode }[] }, walk: Walk): number | undefined {
  for (const name of SIZE_ARGUMENTS) {
    const def = field.args.find((a) => a.name === name);
    if (!def) continue;
    const given = node.arguments?.find((a) => a.name.value === name);
    const value = given ? valueFromAST(given.value, def.type, walk.variables) : def.defaultValue;
    if (typeof value === 'number' && Number.isFinite(value)) return Math.max(1, value);
  }
  return undefined;
}

/** Depth and cost of a selection set read `times` times; `sized` when it is a page whose item count its parent set. */
function measureSet(set: SelectionSetNode, type: GraphQLNamedType, times: number, sized: boolean, walk: Walk, seen: ReadonlySet<string>): QueryMeasure {
  let depth = 0;
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD || selection.kind === Kind.INLINE_FRAGMENT) {
      let fragmentSet: SelectionSetNode | undefined;
      let condition: string | undefined;
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = walk.fragments.get(name);
        if (!fragment || seen.has(name)) continue;
        fragmentSet = fragment.selectionSet;
        condition = fragment.typeCondition.name.value;
        seen = new Set([...seen, name]);
      } else {
        fragmentSet = selection.selectionSet;
        condition = selection.typeCondition?.name.value;
      }
      const fragmentType = (condition ? walk.schema.getType(condition) : undefined) ?? type;
      const inner = measureSet(fragmentSet, fragmentType, times, sized, walk, seen);
      depth = Math.max(depth, inner.depth);
      cost += inner.cost;
      continue;
    }
    const name = selection.name.value;
    if (name.startsWith('__')) continue;
    if (!isObjectType(type)) continue;
    const field = type.getFields()[name];
    if (!field) continue;
    cost += times;
    let fieldDepth = 1;
    if (selection.selectionSet) {
      const size = sizeOf(field, selection, walk);
      const list = isListType(getNullableType(field.type));
      const factor = size ?? (list && !sized ? LIST_GUESS : 1);
      // A sized page object (not itself a list) holds the page: its own list is not counted again.
      const inner = measureSet(selection.selectionSet, getNamedType(field.type), times * factor, size !== undefined && !list, walk, seen);
      fieldDepth += inner.depth;
      cost += inner.cost;
    }
    depth = Math.max(depth, fieldDepth);
  }
  return { depth, cost };
}

/** The depth and cost of the operation that will run (the named one, else the only one). */
export function measureQuery(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string | null): QueryMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const walk: Walk = { schema, fragments, variables: variables ?? {} };
  let worst: QueryMeasure = { depth: 0, cost: 0 };
  for (const operation of operations) {
    if (operationName && operation.name?.value !== operationName) continue;
    const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    if (!root) continue;
    const measure = measureSet(operation.selectionSet, root, 1, false, walk, new Set());
    worst = { depth: Math.max(worst.depth, measure.depth), cost: Math.max(worst.cost, measure.cost) };
  }
  return worst;
}
