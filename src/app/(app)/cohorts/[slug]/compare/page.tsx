import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';
import { Container } from '@/components/ui/container';
import { EmptyState } from '@/components/ui/empty-state';
import { OverlayChart } from '@/features/results/overlay-chart';
import { ParamsTable } from '@/features/results/params-table';
import { api, isNotFoundError } from '@/trpc/server';
import { loadCohort } from '../load-cohort';
import { reachOf } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

type ComparePageProps = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const MAX_RUNS = 8;

/** `?runs=a,b,c` (a link) or `?runs=a&runs=b` (the picker form): the run ids, in order. */
function parseRunIds(value: string | string[] | undefined): string[] {
  const list = (Array.isArray(value) ? value : value ? [value] : []).flatMap((entry) => entry.split(','));
  return [...new Set(list.map((entry) => entry.trim()).filter((entry) => /^[A-Za-z0-9_-]{1,100}$/.test(entry)))].slice(0, MAX_RUNS);
}

export async function generateMetadata({ params }: ComparePageProps): Promise<Metadata> {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/compare`);
  return { title: `Compare runs · ${home.name}` };
}

export default async function ComparePage({ params, searchParams }: ComparePageProps) {
  const { slug } = await params;
  const query = await searchParams;
  const home = await loadCohort(slug, `/cohorts/${slug}/compare`);
  const runIds = parseRunIds(query.runs);
  const key = typeof query.key === 'string' && query.key.length <= 250 ? query.key : null;
  const candidates = await api.runs.list({ cohort: slug });
  let comparison = null;
  if (runIds.length > 0) {
    try {
      comparison = await api.runs.compare({ cohort: slug, runIds, key });
    } catch (error) {
      if (isNotFoundError(error)) notFound();
      throw error;
    }
  }
  const chosen = new Set(runIds);

  return (
    <Container className="py-8 sm:py-12">
      <p className="text-[0.95rem]">
        <Link href={`/cohorts/${home.slug}/runs`}>← {reachOf(home, 'runs.view') === 'self' ? 'My runs' : 'Runs'}</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold tracking-tight">Compare runs</h1>
      <p className="mt-2 max-w-[65ch] text-muted">
        Pick up to {MAX_RUNS} runs{reachOf(home, 'runs.view') === 'self' ? ' of yours' : ''}, then a metric to overlay. Params that differ are marked.
      </p>

      {candidates.length === 0 ? (
        <div className="mt-8">
          <EmptyState title="No runs to compare yet">Runs appear here once a training job sends results.</EmptyState>
        </div>
      ) : (
        <form method="get" className="mt-6 grid gap-4 rounded-xl border border-line bg-surface p-4 sm:p-5">
          <fieldset>
            <legend className="font-semibold">Runs</legend>
            <ul className="mt-2 grid gap-1 sm:grid-cols-2">
              {candidates.map((run) => (
                <li key={run.id}>
                  <label className="flex min-h-11 items-center gap-2">
                    <input type="checkbox" name="runs" value={run.id} defaultChecked={chosen.has(run.id)} className="size-4 shrink-0" />
                    <span className="min-w-0 break-words">
                      {run.name ?? 'Unnamed run'}
                      <span className="text-muted">
                        {' '}
                        · {run.exercise.title}
                        {run.owner.isViewer ? '' : ` · ${run.owner.name}`}
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          {comparison && comparison.keys.length > 0 ? (
            <div className="max-w-sm">
              <label htmlFor="compare-key" className="font-semibold">
                Metric
              </label>
              <select id="compare-key" name="key" defaultValue={comparison.key ?? undefined} className={`mt-1 ${inputClasses}`}>
                {comparison.keys.map((entry) => (
                  <option key={entry} value={entry}>
                    {entry}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div>
            <button type="submit" className={buttonClasses('primary')}>
              Compare
            </button>
          </div>
        </form>
      )}

      {comparison ? (
        <div className="mt-10 grid grid-cols-[minmax(0,1fr)] gap-10">
          <section aria-labelledby="overlay-heading">
            <h2 id="overlay-heading" className="mb-3 text-xl font-semibold">
              {comparison.key ?? 'No metrics yet'}
            </h2>
            {comparison.key ? (
              <OverlayChart
                metric={comparison.key}
                series={comparison.series.map((series, index) =>
                  series ? { label: comparison.runs[index]!.name ?? `Run ${index + 1}`, steps: series.steps, values: series.values } : null,
                )}
              />
            ) : (
              <EmptyState title="These runs have no metrics yet" />
            )}
          </section>
          <section aria-labelledby="params-heading">
            <h2 id="params-heading" className="mb-3 text-xl font-semibold">
              Params
            </h2>
            <ParamsTable cohort={home.slug} runs={comparison.runs} rows={comparison.params} />
          </section>
        </div>
      ) : null}
    </Container>
  );
}
