import type { ReactNode } from 'react';

// The one table shell of the app: a bordered box that scrolls sideways on phones, a muted header
// row, rows divided by lines, and cell padding set once for the whole table (so a row is written
// as plain <th scope="row"> and <td> cells). A server component: no context, no state.

export type TableColumn = {
  label: ReactNode;
  /** Numbers read best right-aligned; the header follows its cells. */
  align?: 'start' | 'end';
  className?: string;
};

const DENSITY = {
  /** Result tables: many short values. */
  compact: '[&_:is(td,th)]:px-3 [&_:is(td,th)]:py-2',
  /** People and things with actions beside them. */
  roomy: '[&_:is(td,th)]:px-4 [&_thead_th]:py-2 [&_tbody_:is(td,th)]:py-3',
} as const;

/**
 * Lines between rows, drawn by the cells rather than the rows: a sticky first cell paints over
 * its row's border, so a row line would stop short of it.
 */
const ROW_LINES = '[&_tbody_tr:not(:first-child)>*]:border-t [&_tbody_tr>*]:border-line';

/** The first column (the row's name) stays in view while the rest scrolls. */
const STICKY_FIRST_COLUMN =
  '[&_tr>:first-child]:sticky [&_tr>:first-child]:left-0 [&_tr>:first-child]:z-10 [&_thead_tr>:first-child]:bg-surface-muted [&_tbody_tr>:first-child]:bg-surface';

export function Table({
  caption,
  columns,
  children,
  minWidth,
  density = 'compact',
  stickyFirstColumn = false,
  testId,
}: {
  /** Read by screen readers only: what the table lists. */
  caption?: string;
  /** `null` or `false` leaves a column out (one shown only to some viewers). */
  columns: Array<TableColumn | string | null | false>;
  children: ReactNode;
  /** Below this width the table scrolls instead of squeezing its cells, e.g. '44rem'. */
  minWidth?: `${number}rem`;
  density?: keyof typeof DENSITY;
  stickyFirstColumn?: boolean;
  testId?: string;
}) {
  const shown = columns.filter((column): column is TableColumn | string => Boolean(column));
  return (
    <div className="relative overflow-x-auto rounded-xl border border-line bg-surface">
      <table
        className={`w-full text-left text-[0.95rem] ${DENSITY[density]} ${ROW_LINES} ${stickyFirstColumn ? STICKY_FIRST_COLUMN : ''}`}
        style={minWidth ? { minWidth } : undefined}
        data-testid={testId}
      >
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className="border-b border-line bg-surface-muted text-[0.85rem] text-muted">
          <tr>
            {shown.map((column, index) => {
              const { label, align, className } = typeof column === 'string' ? { label: column, align: 'start', className: '' } : column;
              return (
                <th key={index} scope="col" className={`font-semibold ${align === 'end' ? 'text-right' : ''} ${className ?? ''}`}>
                  {label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
