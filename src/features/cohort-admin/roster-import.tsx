'use client';

// Roster CSV import: a file or pasted text → a preview with every row's fate (new account,
// existing account, invalid and why) → "Import N people" → a summary. All rows or none.
import Link from 'next/link';
import { useId, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button-styles';
import { TextSourceFields, usePreviewThenImport } from '@/components/ui/preview-then-import';
import { Table } from '@/components/ui/table';
import { pluralize } from '@/lib/format';
import { errorMessage } from '@/trpc/errors';
import { useTRPC, type RouterOutputs } from '@/trpc/react';

type Preview = RouterOutputs['roster']['preview'];
type Row = Preview['rows'][number];

const MAX_BYTES = 1024 * 1024;

const FATES: Record<Row['fate'], { icon: string; label: string; className: string }> = {
  new: { icon: '+', label: 'New', className: 'border-success/50 bg-success-soft text-success' },
  existing: { icon: '✓', label: 'Existing', className: 'border-accent/40 bg-accent-soft text-accent-strong' },
  invalid: { icon: '!', label: 'Invalid', className: 'border-danger/50 bg-danger-soft text-danger' },
};

const ROLE_LABELS = { FELLOW: 'Fellow', FACILITATOR: 'Facilitator' } as const;

export function RosterImport({ cohort, groupNames, archived }: { cohort: string; groupNames: string[]; archived: boolean }) {
  const trpc = useTRPC();
  const id = useId();
  const [createMissingGroups, setCreateMissingGroups] = useState(false);
  const [sendEmail, setSendEmail] = useState(true);
  const [onlyInvalid, setOnlyInvalid] = useState(false);
  const flow = usePreviewThenImport({
    maxBytes: MAX_BYTES,
    tooLarge: (chosen) => `${chosen.name} is ${(chosen.size / 1024 / 1024).toFixed(1)} MB; a roster may be at most 1 MB. Split it into smaller files.`,
    emptyMessage: 'Choose a CSV file or paste the roster first.',
    preview: trpc.roster.preview.mutationOptions(),
    import: trpc.roster.import.mutationOptions(),
  });
  const { preview, imported, previewMutation, importMutation } = flow;
  const csv = flow.text;

  const importable = preview ? preview.counts.total - preview.counts.unchanged : 0;
  const rows = preview ? (onlyInvalid ? preview.rows.filter((row) => row.fate === 'invalid') : preview.rows) : [];
  const inputError = flow.clientError ?? (previewMutation.error ? errorMessage(previewMutation.error) : null);

  return (
    <div className="grid grid-cols-1 gap-8">
      <form onSubmit={(event) => flow.submitPreview(event, { cohort, csv, createMissingGroups })} noValidate className="grid max-w-3xl grid-cols-1 gap-5 rounded-xl border border-line bg-surface p-5 sm:p-6">
        <div className="text-[0.95rem]">
          <p>
            The first line names the columns, in any order and any case: <code>name</code>, <code>email</code>,{' '}
            <code>role</code> (fellow or facilitator; fellow when empty) and <code>group</code>.
          </p>
          <p className="mt-1 text-muted">
            {groupNames.length ? (
              <>This cohort’s groups: {groupNames.join(', ')}.</>
            ) : (
              <>
                This cohort has no groups yet: <Link href={`/cohorts/${cohort}/groups`}>create them</Link>, or let the import
                create the ones the file names.
              </>
            )}{' '}
            People without an account get one and sign in later with that email.
          </p>
        </div>
        <TextSourceFields
          id={id}
          flow={flow}
          fileLabel="CSV file"
          fileHint="Up to 1 MB (5000 people). Its text appears below, where you can still correct it."
          fileNote={(name) => `Read ${name}: it is shown below, where you can correct it.`}
          accept=".csv,text/csv,text/plain"
          textLabel="Or paste the roster"
          placeholder={'name,email,role,group\nAda Lovelace,ada@example.org,fellow,Group A\nGrace Hopper,grace@example.org,facilitator,Group A'}
          errors={inputError ? [inputError] : null}
          disabled={archived}
        />
        <label className="flex items-start gap-2 py-1">
          <input
            type="checkbox"
            className="mt-1.5 size-4 shrink-0"
            checked={createMissingGroups}
            disabled={archived}
            onChange={(event) => {
              flow.changed();
              setCreateMissingGroups(event.target.checked);
            }}
          />
          Create the groups the file names that this cohort does not have yet
        </label>
        <div>
          <button type="submit" className={buttonClasses('primary')} disabled={archived || previewMutation.isPending}>
            {previewMutation.isPending ? 'Reading the roster…' : 'Preview'}
          </button>
        </div>
      </form>

      <div aria-live="polite" className="max-w-3xl">
        {imported ? (
          <Alert tone="success" role="status" title={`Imported ${pluralize(imported.joined + imported.updated, 'person', 'people')}`}>
            <p>
              {pluralize(imported.accountsCreated, 'new account')}, {imported.joined} joined the cohort, {imported.updated} updated
              {imported.unchanged ? `, ${imported.unchanged} already as listed` : ''}.
              {imported.groupsCreated.length ? ` Created ${pluralize(imported.groupsCreated.length, 'group')}: ${imported.groupsCreated.join(', ')}.` : ''}
              {imported.emailed ? ` ${pluralize(imported.emailed, 'invitation email')} queued.` : ''}
            </p>
            <p className="mt-1">
              <Link href={`/cohorts/${cohort}/members`}>See the members</Link> ·{' '}
              <Link href={`/cohorts/${cohort}/groups`}>Check the groups</Link>
            </p>
          </Alert>
        ) : null}
      </div>

      {preview ? (
        <section aria-labelledby={`${id}-preview`} className="grid grid-cols-1 gap-4">
          <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
            <div>
              <h2 id={`${id}-preview`} className="text-xl font-semibold">
                Preview
              </h2>
              <p role="status">
                {pluralize(preview.counts.total, 'row')}: {preview.counts.new} new, {preview.counts.existing} existing
                {preview.counts.unchanged ? ` (${preview.counts.unchanged} already as listed)` : ''},{' '}
                <span className={preview.counts.invalid ? 'font-semibold text-danger' : ''}>{preview.counts.invalid} invalid</span>.
              </p>
              {preview.groupsToCreate.length ? (
                <p className="text-muted">Groups to create: {preview.groupsToCreate.join(', ')}.</p>
              ) : null}
              {preview.delimiter !== ',' ? (
                <p className="text-muted">Read as {preview.delimiter === ';' ? 'semicolon' : 'tab'}-separated values.</p>
              ) : null}
              {preview.ignoredColumns.length ? (
                <p className="text-muted">Columns left out: {preview.ignoredColumns.join(', ')}.</p>
              ) : null}
            </div>
            {preview.counts.invalid ? (
              <label className="inline-flex min-h-11 items-center gap-2">
                <input type="checkbox" className="size-4" checked={onlyInvalid} onChange={(event) => setOnlyInvalid(event.target.checked)} />
                Show only the rows to fix
              </label>
            ) : null}
          </div>

          {preview.counts.invalid ? (
            <Alert tone="warning" title={`${pluralize(preview.counts.invalid, 'row needs', 'rows need')} fixing`}>
              Correct the file or the box above, then preview again. An import adds every row or none, so nobody is left out by
              accident.
            </Alert>
          ) : null}

          <fieldset className="grid gap-2">
            <legend className="font-medium">Invitation emails</legend>
            <label className="flex items-start gap-2">
              <input type="radio" name={`${id}-send`} className="mt-1.5 size-4 shrink-0" checked={sendEmail} onChange={() => setSendEmail(true)} />
              <span>
                Email {pluralize(preview.invitationEmails, 'person', 'people')} who join{' '}
                <span className="text-muted">now, with a link to sign in</span>
              </span>
            </label>
            <label className="flex items-start gap-2">
              <input type="radio" name={`${id}-send`} className="mt-1.5 size-4 shrink-0" checked={!sendEmail} onChange={() => setSendEmail(false)} />
              <span>
                Don’t email them yet <span className="text-muted">(tell them yourself, or invite them later from the members page)</span>
              </span>
            </label>
          </fieldset>

          <div className="flex flex-wrap items-center gap-3">
            <button
              type="button"
              className={buttonClasses('primary')}
              disabled={preview.counts.invalid > 0 || importable === 0 || importMutation.isPending}
              onClick={() => flow.runImport({ cohort, csv, createMissingGroups, sendEmail })}
            >
              {importMutation.isPending
                ? 'Importing…'
                : preview.counts.invalid
                  ? 'Import'
                  : importable === 0
                    ? 'Nothing to import'
                    : `Import ${pluralize(importable, 'person', 'people')}`}
            </button>
            <p className="text-[0.9rem] text-muted">
              {preview.counts.invalid
                ? 'Fix the invalid rows first.'
                : importable === 0
                  ? 'Everyone is already in the cohort as listed.'
                  : 'Every row is written together, or none is.'}
            </p>
          </div>
          <Table caption="What the import does with each row of the file" minWidth="44rem" stickyFirstColumn columns={[{ label: 'Person (line)', className: 'min-w-[13rem]' }, 'Role', 'Group', 'What happens']}>
            {rows.map((row) => {
              const fate = FATES[row.fate];
              return (
                <tr key={row.line} data-fate={row.fate}>
                  <th scope="row" className="max-w-[16rem] text-left align-top font-normal">
                    <span className="block font-medium">{row.name ?? <span className="text-muted">No name</span>}</span>
                    <span className="block text-[0.9rem] break-all text-muted">{row.email || 'No email'}</span>
                    <span className="block text-[0.85rem] text-muted tabular-nums">Line {row.line}</span>
                  </th>
                  <td className="align-top">{row.role ? ROLE_LABELS[row.role] : '—'}</td>
                  <td className="align-top whitespace-nowrap">{row.group ?? <span className="text-muted">None</span>}</td>
                  <td className="align-top">
                    <span className={`mr-2 inline-flex items-center gap-1 rounded-full border px-2 text-[0.8rem] leading-5 font-semibold ${fate.className}`}>
                      <span aria-hidden="true">{fate.icon}</span>
                      {fate.label}
                    </span>
                    <span>{row.message}</span>
                  </td>
                </tr>
              );
            })}
          </Table>

          {importMutation.error ? (
            <Alert tone="error" role="alert">
              {errorMessage(importMutation.error)}
            </Alert>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
