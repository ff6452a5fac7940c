'use client';

// The fellow's ticks in the browser: a tick shows at once (optimistic) and is sent in the
// background. Requests for one reading go one after another, so a quick tick and untick reach
// the server in the order they were made. When one fails, the box goes back to how it was
// (unless a newer click has changed it since) and a quiet message says so.
import { useCallback, useRef, useState } from 'react';
import { errorMessage } from '@/trpc/errors';
import { useTRPCClient } from '@/trpc/react';

export type TickTarget = { id: string; title: string };

export function useReadingTicks(cohortSlug: string, initialDone: readonly string[]) {
  const client = useTRPCClient();
  const [done, setDone] = useState(() => new Set(initialDone));
  const [notice, setNotice] = useState<string | null>(null);
  const queues = useRef(new Map<string, Promise<void>>());
  const latestIntent = useRef(new Map<string, boolean>());

  const show = useCallback((itemId: string, value: boolean) => {
    setDone((previous) => {
      const next = new Set(previous);
      if (value) next.add(itemId);
      else next.delete(itemId);
      return next;
    });
  }, []);

  const setReadingDone = useCallback(
    (reading: TickTarget, value: boolean) => {
      setNotice(null);
      latestIntent.current.set(reading.id, value);
      show(reading.id, value);
      const previous = queues.current.get(reading.id) ?? Promise.resolve();
      const request = previous
        .then(() => client.progress.setReadingDone.mutate({ cohort: cohortSlug, itemId: reading.id, done: value }))
        .then(
          () => undefined,
          (error: unknown) => {
            if (latestIntent.current.get(reading.id) === value) show(reading.id, !value);
            setNotice(`“${reading.title}” could not be ${value ? 'ticked' : 'unticked'}, so it is back as it was. ${errorMessage(error)}`);
          },
        );
      queues.current.set(reading.id, request);
    },
    [client, cohortSlug, show],
  );

  const isDone = useCallback((itemId: string) => done.has(itemId), [done]);
  return { isDone, setReadingDone, notice, dismissNotice: () => setNotice(null) };
}
