'use client';

// "Check links": the server asks each reading's web address whether it still answers, ten at
// a time so the bar can show how far it got; then the links that need a look are listed, each
// with a button that opens its week and puts the cursor in its address field.
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button-styles';
import { ProgressBar } from '@/components/ui/progress-bar';
import { MAX_LINKS_PER_CHECK } from '@/lib/schemas/curriculum-editor';
import { pluralize } from '@/lib/format';
import { errorMessage } from '@/trpc/errors';
import { useTRPC, type RouterOutputs } from '@/trpc/react';
import { domId, useEditor } from './editor-context';
import type { EditorData } from './editor-tree';
import { weekName } from './week-editor';

type Result = RouterOutputs['curriculumEditor']['checkLinks'][number];

type Run = { done: number; total: number; results: Result[]; running: boolean; error: string | null };

const OUTCOME_LABELS: Record<Result['outcome'], string> = { ok: 'Works', moved: 'Moved', broken: 'Broken', unreachable: 'No answer' };

export function LinkCheck({ data, reveal }: { data: EditorData; reveal: (weekId: string) => void }) {
  const trpc = useTRPC();
  const { slug, focusSoon } = useEditor();
  const check = useMutation(trpc.curriculumEditor.checkLinks.mutationOptions());
  const [run, setRun] = useState<Run | null>(null);

  const readings = data.weeks.flatMap((week) =>
    week.sections.flatMap((section) =>
      section.items.filter((item) => item.url && /^https?:\/\//i.test(item.url)).map((item) => ({ item, section, week })),
    ),
  );
  const where = new Map(readings.map((reading) => [reading.item.id, reading]));

  async function start() {
    const ids = readings.map((reading) => reading.item.id);
    const results: Result[] = [];
    setRun({ done: 0, total: ids.length, results, running: true, error: null });
    for (let from = 0; from < ids.length; from += MAX_LINKS_PER_CHECK) {
      const batch = ids.slice(from, from + MAX_LINKS_PER_CHECK);
      try {
        results.push(...(await check.mutateAsync({ curriculum: slug, itemIds: batch })));
      } catch (error) {
        setRun({ done: from, total: ids.length, results: [...results], running: false, error: errorMessage(error) });
        return;
      }
      setRun({ done: from + batch.length, total: ids.length, results: [...results], running: from + batch.length < ids.length, error: null });
    }
  }

  function edit(itemId: string) {
    const reading = where.get(itemId);
    if (!reading) return;
    reveal(reading.week.id);
    focusSoon(domId.itemUrl(itemId));
  }

  const needsLook = run ? run.results.filter((result) => result.outcome !== 'ok') : [];
  const broken = needsLook.filter((result) => result.outcome !== 'moved').length;
  const finished = run && !run.running && !run.error;

  return (
    <section aria-labelledby="link-check-heading">
      <h2 id="link-check-heading" className="mb-3 text-xl font-semibold">
        Links
      </h2>
      <div className="grid gap-4 rounded-xl border border-line bg-surface p-5 sm:p-6">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="max-w-[60ch] text-muted">
            {readings.length === 0
              ? 'No reading has a web link yet.'
              : `${pluralize(readings.length, 'reading has a web link', 'readings have web links')}. Check that each still answers before fellows find one that does not.`}
          </p>
          <button type="button" className={buttonClasses('secondary', 'md')} onClick={() => void start()} disabled={readings.length === 0 || Boolean(run?.running)}>
            {run?.running ? 'Checking…' : run ? 'Check again' : 'Check links'}
          </button>
        </div>
        {run && (run.running || run.done < run.total) ? (
          <ProgressBar label="Checking links" value={run.done} max={run.total} valueText={`${run.done} of ${run.total}`} />
        ) : null}
        {run?.error ? (
          <Alert tone="error" title="The check stopped">
            {run.error} The links checked so far are below; press “Check again” to start over.
          </Alert>
        ) : null}
        <div role="status" aria-live="polite">
          {finished ? (
            <p className="font-medium">
              {needsLook.length === 0
                ? `All ${pluralize(run.total, 'link answers', 'links answer')}.`
                : `${pluralize(run.total, 'link', 'links')} checked: ${broken} ${broken === 1 ? 'needs' : 'need'} fixing${needsLook.length > broken ? `, ${needsLook.length - broken} moved` : ''}.`}
            </p>
          ) : null}
        </div>
        {needsLook.length > 0 ? (
          <ul className="grid gap-3" aria-label="Links that need a look">
            {needsLook.map((result) => {
              const reading = where.get(result.itemId);
              return (
                <li key={result.itemId} className="grid gap-1 rounded-lg border border-line p-3 sm:grid-cols-[1fr_auto] sm:items-center sm:gap-x-4">
                  <div className="min-w-0">
                    <p className="flex flex-wrap items-center gap-2">
                      <Badge tone={result.outcome === 'moved' ? 'accent' : 'warning'}>{OUTCOME_LABELS[result.outcome]}</Badge>
                      <span className="font-medium break-words">{reading?.item.title || 'Untitled reading'}</span>
                    </p>
                    <p className="mt-1 text-[0.9rem] text-muted">
                      {reading ? `${weekName(reading.week)} · ${reading.section.title || 'Untitled section'}` : null}
                    </p>
                    <p className="mt-1 text-[0.95rem] break-all">{result.url}</p>
                    <p className="mt-1 text-[0.95rem]">{result.detail}</p>
                  </div>
                  <button type="button" className={buttonClasses('quiet', 'sm', 'justify-self-start')} onClick={() => edit(result.itemId)}>
                    Edit link<span className="sr-only"> of {reading?.item.title || 'this reading'}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
