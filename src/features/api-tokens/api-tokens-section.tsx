// The account page's "API tokens" section: tokens for training jobs (see /docs/api).
import Link from 'next/link';
import { api } from '@/trpc/server';
import { ApiTokensPanel } from './api-tokens-panel';

export async function ApiTokensSection({ cohorts }: { cohorts: { slug: string; name: string }[] }) {
  const tokens = await api.apiTokens.list();
  return (
    <section aria-labelledby="api-tokens-heading" className="mt-10">
      <h2 id="api-tokens-heading" className="text-xl font-semibold">
        API tokens for training jobs
      </h2>
      <p className="mt-1 mb-4 text-muted">
        A token lets a training job send its metrics to one of your cohorts, as you. Treat it like a password: anyone
        with it can add runs in your name. See the <Link href="/docs/api">API reference</Link>.
      </p>
      <ApiTokensPanel initialTokens={tokens} cohorts={cohorts} />
    </section>
  );
}
