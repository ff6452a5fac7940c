// Params of the compared runs side by side; a row whose values differ is marked with a
// symbol and the word "differs" as well as a tint, so colour is never the only signal.
import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import type { ComparedRun, ParamRow } from '@/server/services/results/compare-runs';

export function ParamsTable({ cohort, runs, rows }: { cohort: string; runs: ComparedRun[]; rows: ParamRow[] }) {
  if (rows.length === 0) return <EmptyState title="None of these runs sent params" />;
  return (
    <div className="overflow-x-auto rounded-xl border border-line bg-surface">
      <table className="w-full min-w-[32rem] text-left text-[0.95rem]">
        <thead className="border-b border-line bg-surface-muted text-[0.85rem] text-muted">
          <tr>
            <th scope="col" className="sticky left-0 bg-surface-muted px-3 py-2 font-semibold">
              Param
            </th>
            {runs.map((run) => (
              <th key={run.id} scope="col" className="px-3 py-2 font-semibold">
                <Link href={`/cohorts/${cohort}/runs/${run.id}`}>{run.name ?? 'Unnamed run'}</Link>
                <span className="block font-normal">{run.owner}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name} className={`border-t border-line ${row.differs ? 'bg-warning-soft' : ''}`}>
              <th scope="row" className={`sticky left-0 px-3 py-2 font-medium break-all ${row.differs ? 'bg-warning-soft' : 'bg-surface'}`}>
                {row.name}
                {row.differs ? (
                  <span className="ml-2 text-[0.85rem] font-semibold whitespace-nowrap text-warning">
                    <span aria-hidden="true">≠ </span>differs
                  </span>
                ) : null}
              </th>
              {row.values.map((value, index) => (
                <td key={index} className="px-3 py-2 font-mono text-[0.9rem] break-all">
                  {value ?? <span className="text-muted">not set</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
