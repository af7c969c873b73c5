/** A table of report figures, one row per month, owner or stage; moved through with the keyboard like the customers
 * table (arrow keys, Home, End, Page Up/Down). */
import type { ReactNode } from "react";
import { useRowNavigation } from "@/components/useRowNavigation";

export interface FigureColumn<R> {
  header: string;
  cell: (row: R) => ReactNode;
  numeric?: boolean;
}

interface Props<R> {
  label: string;
  rows: R[];
  rowKey: (row: R) => string;
  rowHeader: (row: R) => ReactNode;
  rowHeaderLabel: string;
  columns: FigureColumn<R>[];
  footer?: ReactNode;
}

export function FigureTable<R>({ label, rows, rowKey, rowHeader, rowHeaderLabel, columns, footer }: Props<R>) {
  const navigation = useRowNavigation(rows.length);
  return (
    <div className="figure-table-scroll">
      <table className="data-table figure-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{rowHeaderLabel}</th>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={column.numeric ? "num" : undefined}>{column.header}</th>
            ))}
          </tr>
        </thead>
        <tbody {...navigation.bodyProps}>
          {rows.map((row, index) => (
            <tr key={rowKey(row)} {...navigation.rowProps(index)}>
              <th scope="row">{rowHeader(row)}</th>
              {columns.map((column) => (
                <td key={column.header} className={column.numeric ? "num" : undefined}>{column.cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
        {footer && <tfoot>{footer}</tfoot>}
      </table>
    </div>
  );
}
