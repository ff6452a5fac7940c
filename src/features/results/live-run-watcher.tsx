'use client';

// While a run is running: asks every few seconds whether it still is, and whether new metric
// keys or images arrived; when something changed, the server page is rendered again (which
// stops this watcher once the run has ended). The charts refresh their own data meanwhile.
import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { useTRPC } from '@/trpc/react';
import { runSignature } from './run-signature';

export function LiveRunWatcher({ cohort, runId, signature }: { cohort: string; runId: string; signature: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const query = useQuery({ ...trpc.runs.get.queryOptions({ cohort, runId }), refetchInterval: 5000, staleTime: 0 });
  const refreshed = useRef(signature);
  useEffect(() => {
    const run = query.data;
    if (!run) return;
    const now = runSignature(run);
    if (now !== refreshed.current) {
      refreshed.current = now;
      router.refresh();
    }
  }, [query.data, router]);
  return (
    <p className="text-[0.9rem] text-muted" role="status">
      <span aria-hidden="true">● </span>Live: charts refresh every few seconds while the run is running.
    </p>
  );
}
