// The shape both engines answer `Store.tableColumns` with, from their catalogue's rows.
import type { TableColumns } from './store.js';

export type { TableColumns };

/** One entry per table, its columns in their order, from (table, column) rows sorted by table. */
export function groupColumns(rows: readonly { table_name: string; column_name: string }[]): TableColumns[] {
  const tables = new Map<string, string[]>();
  for (const row of rows) {
    const columns = tables.get(row.table_name) ?? [];
    columns.push(row.column_name);
    tables.set(row.table_name, columns);
  }
  return [...tables].map(([name, columns]) => ({ name, columns }));
}
