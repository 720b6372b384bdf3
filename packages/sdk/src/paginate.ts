// Cursor pagination: every list that answers `{ data, next_cursor }` and takes `?cursor=` is read
// page by page, each page fetched only when the loop reaches it.
import type { PathsWithMethod } from 'openapi-typescript-helpers';
import type { CallResult } from './api-types.js';
import type { paths } from './generated/openapi-types.js';

/** A cursor page as Steward answers it. */
export interface CursorPage<Item = unknown> {
  data: Item[];
  next_cursor: string | null;
}

type GetPath = PathsWithMethod<paths, 'get'>;

/** The GET paths whose answer is a cursor page. */
export type PagedPath = { [Path in GetPath]: CallResult<'get', Path> extends CursorPage ? Path : never }[GetPath];

/** The page body of a paged path. */
export type PageOf<Path extends PagedPath> = CallResult<'get', Path> & CursorPage;

type Get = (path: string, init?: object) => Promise<unknown>;

export async function* paginatePages(get: Get, path: string, init: object = {}): AsyncGenerator<CursorPage, void, undefined> {
  const base = init as { params?: { query?: Record<string, unknown> } };
  let cursor = base.params?.query?.cursor as string | undefined;
  for (;;) {
    const page = (await get(path, { ...base, params: { ...base.params, query: { ...base.params?.query, ...(cursor === undefined ? {} : { cursor }) } } })) as CursorPage;
    yield page;
    // A page with no items ends the walk even if a cursor came back: nothing past it can be new.
    if (page.next_cursor === null || page.next_cursor === undefined || page.data.length === 0 || page.next_cursor === cursor) return;
    cursor = page.next_cursor;
  }
}

export async function* paginateItems(get: Get, path: string, init?: object): AsyncGenerator<unknown, void, undefined> {
  for await (const page of paginatePages(get, path, init)) yield* page.data;
}
