import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { buttonClasses } from '@/components/ui/button-styles';
import { Container } from '@/components/ui/container';
import { EmptyState } from '@/components/ui/empty-state';
import { LiveRunWatcher } from '@/features/results/live-run-watcher';
import { MetricChart } from '@/features/results/metric-chart';
import { RunFacts } from '@/features/results/run-facts';
import { RunImages } from '@/features/results/run-images';
import { runSignature } from '@/features/results/run-signature';
import { RunStatusBadge } from '@/features/results/run-status-badge';
import { api, isNotFoundError } from '@/trpc/server';
import { loadCohort } from '../../load-cohort';

export const dynamic = 'force-dynamic';

type RunPageProps = { params: Promise<{ slug: string; runId: string }> };

async function loadRun(slug: string, runId: string) {
  const home = await loadCohort(slug, `/cohorts/${slug}/runs/${runId}`);
  try {
    return { home, run: await api.runs.get({ cohort: slug, runId }) };
  } catch (error) {
    if (isNotFoundError(error)) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: RunPageProps): Promise<Metadata> {
  const { slug, runId } = await params;
  const { home, run } = await loadRun(slug, runId);
  return { title: `${run.name ?? 'Run'} · ${run.exercise.title} · ${home.name}` };
}

export default async function RunPage({ params }: RunPageProps) {
  const { slug, runId } = await params;
  const { home, run } = await loadRun(slug, runId);
  const title = run.name ?? 'Unnamed run';

  return (
    <Container className="py-8 sm:py-12">
      <p className="text-[0.95rem]">
        <Link href={`/cohorts/${home.slug}/runs`}>← {run.owner.isViewer ? 'My runs' : 'Runs'}</Link>
      </p>
      <header className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="min-w-0">
          <p className="text-[0.95rem] text-muted">
            {run.exercise.slug ? <Link href={`/cohorts/${home.slug}/exercises/${run.exercise.slug}`}>{run.exercise.title}</Link> : run.exercise.title}
            {run.owner.isViewer ? '' : ` · ${run.owner.name}`}
          </p>
          <h1 className="text-3xl font-bold tracking-tight break-words">{title}</h1>
          <p className="mt-2">
            <RunStatusBadge status={run.status} />
          </p>
        </div>
        <Link href={`/cohorts/${home.slug}/compare?runs=${run.id}`} className={buttonClasses('secondary')}>
          Compare with other runs
        </Link>
      </header>
      {run.live ? (
        <div className="mt-4">
          <LiveRunWatcher cohort={home.slug} runId={run.id} signature={runSignature(run)} />
        </div>
      ) : null}

      <div className="mt-8 lg:grid lg:grid-cols-[minmax(0,1fr)_20rem] lg:gap-10">
        <section aria-labelledby="charts-heading" className="min-w-0">
          <h2 id="charts-heading" className="mb-3 text-xl font-semibold">
            Metrics
          </h2>
          {run.metrics.length === 0 ? (
            <EmptyState title="No metrics yet">
              Points appear here as soon as the job calls <code>run.log(…)</code>.
            </EmptyState>
          ) : (
            <div className="grid gap-4">
              {run.metrics.map((metric) => (
                <MetricChart key={metric.key} cohort={home.slug} runId={run.id} metric={metric} live={run.live} />
              ))}
            </div>
          )}
          {run.artifacts.length > 0 ? (
            <section aria-labelledby="images-heading" className="mt-10">
              <h2 id="images-heading" className="mb-3 text-xl font-semibold">
                Images
              </h2>
              <RunImages runId={run.id} images={run.artifacts} />
            </section>
          ) : null}
        </section>
        <aside aria-labelledby="facts-heading" className="mt-10 lg:mt-0">
          <h2 id="facts-heading" className="mb-3 text-xl font-semibold">
            About this run
          </h2>
          <RunFacts run={run} timeZone={home.timeZone} />
        </aside>
      </div>
    </Container>
  );
}
