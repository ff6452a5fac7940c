'use client';

// A cohort's copy against its template: what changed, and "Apply to this cohort".
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { pluralize } from '@/lib/format';
import { errorMessage } from '@/trpc/errors';
import { useTRPC, type RouterOutputs } from '@/trpc/react';

type Comparison = RouterOutputs['curriculumEditor']['templateChanges'];
type Change = Comparison['changes'][number];

const KIND_TEXT: Record<Change['kind'], { icon: string; label: string; className: string }> = {
  added: { icon: '+', label: 'Added', className: 'border-success/50 bg-success-soft text-success' },
  removed: { icon: '−', label: 'Removed', className: 'border-danger/50 bg-danger-soft text-danger' },
  changed: { icon: '~', label: 'Changed', className: 'border-warning/50 bg-warning-soft text-warning' },
};

const ENTITY_TEXT: Record<Change['entity'], string> = {
  curriculum: 'curriculum',
  week: 'week',
  section: 'section',
  reading: 'reading',
  goal: 'learning goal',
  prompt: 'prompt',
};

function groupByWeek(changes: Change[]): { heading: string; changes: Change[] }[] {
  const groups: { heading: string; changes: Change[] }[] = [];
  for (const change of changes) {
    const heading = change.week ?? 'The curriculum';
    const last = groups.at(-1);
    if (last && last.heading === heading) last.changes.push(change);
    else groups.push({ heading, changes: [change] });
  }
  return groups;
}

/** Long values (a week's notes) are cut short: the editor shows them whole. */
function shorten(value: string): string {
  return value.length > 240 ? `${value.slice(0, 237)}…` : value;
}

function ChangeRow({ change }: { change: Change }) {
  const kind = KIND_TEXT[change.kind];
  return (
    <li className="rounded-lg border border-line bg-surface p-3">
      <p className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <span className={`inline-flex items-center gap-1 rounded-full border px-2 text-[0.8rem] font-semibold ${kind.className}`}>
          <span aria-hidden="true">{kind.icon}</span>
          {kind.label}
        </span>
        <span className="text-[0.85rem] text-muted">{ENTITY_TEXT[change.entity]}</span>
        <span className="min-w-0 font-medium break-words">{change.title || '(untitled)'}</span>
        {change.section ? <span className="text-[0.85rem] text-muted">in {change.section}</span> : null}
      </p>
      {change.fields.length > 0 ? (
        <dl className="mt-2 grid gap-1 text-[0.9rem]">
          {change.fields.map((field) => (
            <div key={field.field} className="grid gap-x-3 sm:grid-cols-[10rem_minmax(0,1fr)]">
              <dt className="text-muted">{field.field}</dt>
              <dd className="min-w-0 break-words">
                <del className="text-muted decoration-danger/70">
                  <span className="sr-only">was </span>
                  {shorten(field.before)}
                </del>{' '}
                <span aria-hidden="true">→</span>{' '}
                <ins className="font-medium no-underline">
                  <span className="sr-only">now </span>
                  {shorten(field.after)}
                </ins>
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </li>
  );
}

export function TemplateChangesPanel({ initial }: { initial: Comparison }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cohort = initial.cohort.slug;
  const queryKey = trpc.curriculumEditor.templateChanges.queryKey({ cohort });
  const comparison = useQuery({ ...trpc.curriculumEditor.templateChanges.queryOptions({ cohort }), initialData: initial }).data;
  const apply = useMutation(
    trpc.curriculumEditor.applyTemplateChanges.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey }),
    }),
  );

  const { template, copy, changes } = comparison;
  const count = changes.length;
  const result = apply.data;

  return (
    <div className="mt-6 grid gap-6">
      <div aria-live="polite">
        {result?.applied ? (
          <Alert tone="success" role="status" title="Applied to this cohort">
            {pluralize(result.readingsKept, 'reading')} kept as they were, so fellows’ progress on them stays; {result.readingsAdded}{' '}
            added, {result.readingsRemoved} removed. The cohort now follows version {result.templateVersion} of the template.
          </Alert>
        ) : null}
        {result && !result.applied ? <Alert tone="info">{result.reason}</Alert> : null}
        {apply.error ? (
          <Alert tone="error" role="alert" title="Not applied">
            {errorMessage(apply.error)}
          </Alert>
        ) : null}
      </div>

      {!template ? (
        <Alert tone="info" title="No template to compare with">
          This cohort runs <Link href={`/admin/curricula/${copy.slug}/edit`}>{copy.title}</Link> directly rather than its own copy
          of a template, so there is nothing to apply. Edits to it show on the cohort’s syllabus at once.
        </Alert>
      ) : (
        <>
          <section aria-labelledby="status-heading" className="max-w-[75ch]">
            <h2 id="status-heading" className="text-xl font-semibold">
              {count === 0
                ? 'Up to date'
                : comparison.templateMovedOn
                  ? `The template changed since this cohort was created: ${pluralize(count, 'change')}`
                  : `Up to date with the template, with ${pluralize(count, 'local edit')}`}
            </h2>
            <p className="mt-2 text-muted">
              {count === 0 ? (
                <>
                  This cohort’s syllabus says what version {template.version} of{' '}
                  <Link href={`/admin/curricula/${template.slug}/edit`}>{template.title}</Link> says
                  {comparison.templateMovedOn ? ` (the template was edited after version ${copy.sourceVersion ?? '?'}, but reads the same)` : ''}.
                </>
              ) : comparison.templateMovedOn ? (
                <>
                  This cohort runs its own copy of <Link href={`/admin/curricula/${template.slug}/edit`}>{template.title}</Link>,
                  made from version {copy.sourceVersion ?? '?'}; the template is now at version {template.version}. Nothing changes
                  for the cohort until you apply the changes.
                </>
              ) : (
                <>
                  The template (<Link href={`/admin/curricula/${template.slug}/edit`}>{template.title}</Link>, version{' '}
                  {template.version}) has not changed, but{' '}
                  <Link href={`/admin/curricula/${copy.slug}/edit`}>this cohort’s copy</Link> was edited. Applying the template
                  would undo these edits.
                </>
              )}
            </p>
            {count > 0 ? (
              <div className="mt-4">
                <ConfirmButton
                  variant="primary"
                  size="md"
                  question="Replace this cohort’s syllabus with the template’s? Readings that match keep fellows’ progress."
                  confirmLabel={`Apply ${pluralize(count, 'change')}`}
                  pending={apply.isPending}
                  onConfirm={() => apply.mutate({ cohort })}
                >
                  Apply to this cohort
                </ConfirmButton>
              </div>
            ) : comparison.templateMovedOn ? (
              <div className="mt-4">
                <ConfirmButton
                  variant="primary"
                  size="md"
                  question={`Record that this cohort follows version ${template.version}?`}
                  confirmLabel="Mark as up to date"
                  pending={apply.isPending}
                  onConfirm={() => apply.mutate({ cohort })}
                >
                  Mark as up to date
                </ConfirmButton>
              </div>
            ) : null}
          </section>

          {count > 0 ? (
            <section aria-labelledby="changes-heading">
              <h2 id="changes-heading" className="text-xl font-semibold">
                {comparison.templateMovedOn ? 'What applying would change' : 'Where the copy differs'}
              </h2>
              <div className="mt-3 grid gap-6">
                {groupByWeek(changes).map((group) => (
                  <section key={group.heading} aria-label={group.heading}>
                    <h3 className="mb-2 font-semibold">{group.heading}</h3>
                    <ul className="grid gap-2">
                      {group.changes.map((change, index) => (
                        <ChangeRow key={`${change.kind}-${change.entity}-${change.title}-${index}`} change={change} />
                      ))}
                    </ul>
                  </section>
                ))}
              </div>
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}
