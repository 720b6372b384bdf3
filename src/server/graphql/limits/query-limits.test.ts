import { describe, expect, it } from 'vitest';
import { graphqlJs } from '../graphql-module.js';
import { measureQuery } from './query-limits.js';

const schema = graphqlJs.buildSchema(`
  type Query { items(first: Int = 50): [Item!]! page(first: Int = 20): Page! one: Item }
  type Page { nodes: [Item!]! total: Int! }
  type Item { id: ID! tags: [String!]! children: [Item!]! parent: Item }
`);
const measure = (query: string, variables?: Record<string, unknown>) => measureQuery(schema, graphqlJs.parse(query), variables);

describe('measureQuery', () => {
  it('counts depth by nested fields, through fragments, and leaves introspection out', () => {
    expect(measure('{ one { id } }').depth).toBe(2);
    expect(measure('{ one { parent { parent { id } } } }').depth).toBe(4);
    expect(measure('query { one { ...P } } fragment P on Item { parent { parent { id } } }').depth).toBe(4);
    expect(measure('{ one { ... on Item { parent { id } } } }').depth).toBe(3);
    expect(measure('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }')).toEqual({ depth: 0, cost: 0 });
  });

  it('multiplies a sub-selection by first (given, from a variable, or its default), and a list without one by 10', () => {
    expect(measure('{ one { id } }').cost).toBe(2);
    expect(measure('{ items(first: 5) { id } }').cost).toBe(1 + 5);
    expect(measure('query Q($n: Int) { items(first: $n) { id } }', { n: 7 }).cost).toBe(1 + 7);
    expect(measure('{ items { id } }').cost).toBe(1 + 50);
    expect(measure('{ items(first: 2) { children { id } } }').cost).toBe(1 + 2 + 2 * 10);
    // A page's own list is the page size already: no second factor.
    expect(measure('{ page(first: 3) { total nodes { id } } }').cost).toBe(1 + 3 + 3 + 3);
    expect(measure('{ items(first: 100) { children { children { id } } } }').cost).toBe(1 + 100 + 1000 + 10_000);
  });

  it('takes the costliest of several operations when no name is given', () => {
    expect(measure('query A { one { id } } query B { items(first: 9) { id } }').cost).toBe(10);
  });
});
