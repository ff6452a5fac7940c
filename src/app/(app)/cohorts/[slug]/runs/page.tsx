import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button-styles';
import { Container } from '@/components/ui/container';
import { EmptyState } from '@/components/ui/empty-state';
import { RunsTable } from '@/features/results/runs-table';
import { api } from '@/trpc/server';
import { loadCohort } from '../load-cohort';
import { reachOf } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

type RunsPageProps = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: RunsPageProps): Promise<Metadata> {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/runs`);
  return { title: `${reachOf(home, 'runs.view') === 'self' ? 'My runs' : 'Runs'} · ${home.name}` };
}

export default async function RunsPage({ params }: RunsPageProps) {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/runs`);
  const runs = await api.runs.list({ cohort: slug });
  const isFellow = reachOf(home, 'runs.view') === 'self';
  const showOwner = runs.some((run) => !run.owner.isViewer);

  return (
    <Container className="py-8 sm:py-12">
      <p className="text-[0.95rem]">
        <Link href={`/cohorts/${home.slug}`}>← {home.name}</Link>
      </p>
      <div className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="text-3xl font-bold tracking-tight">{isFellow ? 'My runs' : 'Runs'}</h1>
          <p className="mt-2 max-w-[65ch] text-muted">
            {isFellow
              ? 'Your training runs in this cohort, newest first. Open one to see its curves and sample images.'
              : reachOf(home, 'runs.view') === 'cohort'
                ? 'Every training run in this cohort, newest first.'
                : 'The training runs of the fellows in your groups, newest first.'}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link href={`/cohorts/${home.slug}/exercises`} className={buttonClasses('secondary')}>
            Exercises and leaderboards
          </Link>
          {runs.length > 1 ? (
            <Link href={`/cohorts/${home.slug}/compare`} className={buttonClasses('secondary')}>
              Compare runs
            </Link>
          ) : null}
        </div>
      </div>
      <div className="mt-8">
        {runs.length === 0 ? (
          <EmptyState title="No runs yet: add these two lines to your notebook">
            <pre className="mt-2 overflow-x-auto rounded-lg bg-surface-muted p-3 font-mono text-[0.9rem] text-text">
              <code>{`import fellowship_client as fc\nrun = fc.init(exercise="vae")`}</code>
            </pre>
            <p className="mt-2">
              Then, as it trains: <code>run.log({'{'}&quot;elbo&quot;: elbo{'}'}, step=step)</code>.
            </p>
            <p className="mt-2">
              The job needs an API token: make one on <Link href="/account">your account page</Link> and set it as{' '}
              <code>FELLOWSHIP_TOKEN</code>, with <code>FELLOWSHIP_URL</code> set to this site’s address.
            </p>
          </EmptyState>
        ) : (
          <RunsTable cohort={home.slug} runs={runs} timeZone={home.timeZone} showOwner={showOwner} />
        )}
      </div>
    </Container>
  );
}
