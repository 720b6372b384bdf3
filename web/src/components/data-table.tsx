// A plain, readable table: columns declare a header and how to render a row; rows may be clickable.
import type { ReactNode } from 'react';

export interface Column<T> {
  header: string;
  cell(row: T): ReactNode;
  align?: 'left' | 'right';
  width?: string;
  /** Let long text wrap (cells stay on one line otherwise). */
  wrap?: boolean;
}

export interface DataTableProps<T> {
  columns: Column<T>[];
  rows: T[];
  rowKey(row: T): string;
  onRowClick?(row: T): void;
  selectedKey?: string | null;
  empty?: ReactNode;
  label: string;
}

export function DataTable<T>({ columns, rows, rowKey, onRowClick, selectedKey, empty, label }: DataTableProps<T>) {
  if (rows.length === 0) return <div className="empty">{empty ?? 'Nothing here yet.'}</div>;
  return (
    <div className="table-wrap">
      <table className="table" aria-label={label}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} style={{ textAlign: column.align ?? 'left', width: column.width }}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const key = rowKey(row);
            return (
              <tr
                key={key}
                data-key={key}
                className={`${onRowClick ? 'clickable' : ''} ${selectedKey === key ? 'selected' : ''}`}
                onClick={onRowClick ? () => onRowClick(row) : undefined}
              >
                {columns.map((column) => (
                  <td key={column.header} className={column.wrap ? 'wrap' : undefined} style={{ textAlign: column.align ?? 'left' }}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
