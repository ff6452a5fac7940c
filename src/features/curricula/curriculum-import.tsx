'use client';

// Markdown import for admins: a file (or pasted text) → a dry run that shows what would be
// stored, the warnings with their line numbers and the text kept as notes → the import.
import Link from 'next/link';
import { useId, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';
import { FieldError } from '@/components/ui/field-error';
import { TextSourceFields, usePreviewThenImport } from '@/components/ui/preview-then-import';
import { formatMinutes, pluralize } from '@/lib/format';
import { errorMessage, fieldErrors } from '@/trpc/errors';
import { useTRPC, type RouterOutputs } from '@/trpc/react';

type Preview = RouterOutputs['curricula']['preview'];
type Imported = RouterOutputs['curricula']['import'];

const MAX_BYTES = 1024 * 1024;

export function CurriculumImport() {
  const trpc = useTRPC();
  const id = useId();
  const [slug, setSlug] = useState('');
  const [replace, setReplace] = useState(false);
  const flow = usePreviewThenImport({
    maxBytes: MAX_BYTES,
    tooLarge: (chosen) => `${chosen.name} is ${(chosen.size / MAX_BYTES).toFixed(1)} MB; a syllabus may be at most 1 MB.`,
    emptyMessage: 'Choose a markdown file or paste the syllabus first.',
    preview: trpc.curricula.preview.mutationOptions(),
    import: trpc.curricula.import.mutationOptions(),
    onPreviewed: () => setReplace(false),
    onImported: () => setSlug(''),
  });
  const { preview, imported, previewMutation, importMutation, changed } = flow;
  const markdown = flow.text;

  const previewFieldErrors = previewMutation.error ? fieldErrors(previewMutation.error) : {};
  const slugErrors = previewFieldErrors.slug ?? null;
  const markdownErrors = flow.clientError ? [flow.clientError] : (previewFieldErrors.markdown ?? null);
  const previewError = previewMutation.error && !slugErrors && !markdownErrors ? errorMessage(previewMutation.error) : null;
  const blockedByConflict = preview?.conflict ? !preview.conflict.replaceable || !replace : false;

  return (
    <div className="grid gap-6">
      <form onSubmit={(event) => flow.submitPreview(event, { markdown, slug: slug.trim() || undefined })} noValidate className="grid gap-5 rounded-xl border border-line bg-surface p-5">
        <TextSourceFields
          id={id}
          flow={flow}
          fileLabel="Markdown file"
          fileHint="A .md file of at most 1 MB. Its text appears below, where you can still change it."
          fileNote={(name) => `From ${name}: its text is below, where you can still change it.`}
          accept=".md,.markdown,.txt,text/markdown,text/plain"
          textLabel="Or paste the markdown"
          placeholder={'# AI Safety Reading Group\n\n## Week 1: Introduction\n\nCore Readings (60 min):\n\n1. [A reading](https://example.com) (30 min)'}
          errors={markdownErrors}
        />
        <div>
          <label htmlFor={`${id}-slug`} className="block font-medium">
            Slug <span className="font-normal text-muted">(optional)</span>
          </label>
          <p id={`${id}-slug-hint`} className="text-[0.9rem] text-muted">
            The address of the syllabus page, /syllabus/&lt;slug&gt;. Left empty, it is made from the title.
          </p>
          <input
            id={`${id}-slug`}
            name="slug"
            value={slug}
            autoComplete="off"
            aria-invalid={slugErrors ? true : undefined}
            aria-describedby={`${id}-slug-hint${slugErrors ? ` ${id}-slug-error` : ''}`}
            onChange={(event) => {
              changed();
              setSlug(event.target.value);
            }}
            className={`${inputClasses} mt-2 max-w-md`}
          />
          <FieldError id={`${id}-slug-error`} messages={slugErrors} />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className={buttonClasses('primary')} disabled={previewMutation.isPending}>
            {previewMutation.isPending ? 'Reading the syllabus…' : 'Preview import'}
          </button>
          <span className="text-[0.9rem] text-muted">Nothing is stored yet.</span>
        </div>
      </form>

      <div aria-live="polite">
        {previewError ? (
          <Alert tone="error" role="alert" title="The syllabus could not be read">
            {previewError}
          </Alert>
        ) : null}
        {imported ? <ImportedSummary imported={imported} /> : null}
      </div>

      {preview ? (
        <section aria-labelledby={`${id}-preview-heading`} className="rounded-xl border border-line bg-surface p-5">
          <h3 id={`${id}-preview-heading`} className="text-xl font-semibold">
            Preview: {preview.title}
          </h3>
          <ImportPreviewDetails preview={preview} />

          {preview.conflict ? (
            <div className="mt-6">
              <Alert tone="warning" title={`The slug “${preview.conflict.slug}” is taken`}>
                <p>{preview.conflict.message}</p>
                {preview.conflict.replaceable ? (
                  <label className="mt-3 flex items-start gap-2 font-medium">
                    <input
                      type="checkbox"
                      checked={replace}
                      onChange={(event) => setReplace(event.target.checked)}
                      className="mt-1.5 size-4 accent-[var(--accent)]"
                    />
                    Replace the weeks of “{preview.conflict.title}” with this file
                  </label>
                ) : null}
              </Alert>
            </div>
          ) : null}

          <div className="mt-6 flex flex-wrap items-center gap-3">
            <button
              type="button"
              className={buttonClasses('primary')}
              disabled={importMutation.isPending || blockedByConflict}
              onClick={() => flow.runImport({ markdown, slug: preview.slug, replace: Boolean(preview.conflict) && replace })}
            >
              {importMutation.isPending
                ? 'Importing…'
                : `${preview.conflict && replace ? 'Replace with' : 'Import'} ${pluralize(preview.counts.weeks, 'week')} and ${pluralize(preview.counts.items, 'reading')}`}
            </button>
            <button type="button" className={buttonClasses('quiet')} onClick={changed} disabled={importMutation.isPending}>
              Cancel
            </button>
          </div>
          {importMutation.error ? (
            <p role="alert" className="mt-3 font-medium text-danger">
              {errorMessage(importMutation.error)}
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

function ImportPreviewDetails({ preview }: { preview: Preview }) {
  const { counts, coverage } = preview;
  return (
    <>
      <p className="mt-1 text-muted">
        Slug <code className="font-mono">{preview.slug}</code> · {pluralize(counts.weeks, 'week')}
        {counts.calendarWeeks !== counts.weeks ? ` (${pluralize(counts.calendarWeeks, 'calendar week')})` : null} ·{' '}
        {pluralize(counts.sections, 'section')} · {pluralize(counts.items, 'reading')} ({counts.linked} with links) ·{' '}
        {pluralize(counts.goals, 'learning goal')}
      </p>
      <p className="mt-1 text-[0.9rem] text-muted">
        Of {pluralize(coverage.totalLines, 'line')}: {coverage.structuredLines} read as weeks, sections, readings and goals;{' '}
        {coverage.keptLines} kept as notes; {coverage.ignoredLines} not imported (front matter, table of contents);{' '}
        {coverage.blankLines} blank.
      </p>

      <h4 className="mt-5 font-semibold">Weeks</h4>
      {preview.weeks.length === 0 ? (
        <p className="text-muted">No weeks.</p>
      ) : (
        <ol className="mt-2 divide-y divide-line rounded-lg border border-line">
          {preview.weeks.map((week) => {
            const items = week.sections.reduce((sum, section) => sum + section.items, 0);
            return (
              <li key={week.index} className="px-3 py-2">
                {week.part ? <span className="block text-sm text-muted">{week.part}</span> : null}
                <span className="font-medium">
                  {week.label ? `${week.label}: ` : null}
                  {week.title}
                </span>
                <span className="block text-[0.9rem] text-muted">
                  {pluralize(week.sections.length, 'section')} · {pluralize(items, 'reading')} · {formatMinutes(week.readingTime.requiredMinutes)} core
                  {week.readingTime.optionalMinutes > 0 ? ` · ${formatMinutes(week.readingTime.optionalMinutes)} optional` : null}
                  {week.goals > 0 ? ` · ${pluralize(week.goals, 'learning goal')}` : null}
                  {week.hasNotes ? ' · notes' : null}
                </span>
              </li>
            );
          })}
        </ol>
      )}

      <h4 className="mt-5 font-semibold">
        Warnings <Badge tone={preview.warnings.length ? 'warning' : 'neutral'}>{preview.warnings.length}</Badge>
      </h4>
      {preview.warnings.length === 0 ? (
        <p className="text-muted">None: every line was understood or kept.</p>
      ) : (
        <ul className="mt-2 space-y-1">
          {preview.warnings.map((warning, index) => (
            <li key={`${warning.line}-${index}`} className="text-[0.95rem]">
              <span className="font-semibold text-warning">Line {warning.line}:</span> {warning.message}
            </li>
          ))}
        </ul>
      )}

      <h4 className="mt-5 font-semibold">Kept as notes</h4>
      {preview.kept.length === 0 ? (
        <p className="text-muted">Nothing: all the text became weeks, readings and goals.</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {preview.kept.map((span) => (
            <li key={`${span.from}-${span.to}`}>
              <details className="group rounded-lg border border-line">
                <summary className="flex cursor-pointer items-center gap-2 px-3 py-2 text-[0.95rem]">
                  <span aria-hidden="true" className="inline-block text-muted transition-transform group-open:rotate-90">
                    ▸
                  </span>
                  {span.from === span.to ? `Line ${span.from}` : `Lines ${span.from}–${span.to}`}: {span.reason}
                </summary>
                <pre className="overflow-x-auto border-t border-line px-3 py-2 font-mono text-[0.85rem] whitespace-pre-wrap">{span.text}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
      {preview.ignored.length > 0 ? (
        <p className="mt-3 text-[0.9rem] text-muted">
          Not imported:{' '}
          {preview.ignored
            .map((span) => `${span.from === span.to ? `line ${span.from}` : `lines ${span.from}–${span.to}`} (${span.reason})`)
            .join('; ')}
          .
        </p>
      ) : null}
    </>
  );
}

function ImportedSummary({ imported }: { imported: Imported }) {
  return (
    <Alert tone="success" role="status" title={`${imported.outcome === 'replaced' ? 'Replaced' : 'Imported'} “${imported.title}”`}>
      <p>
        {pluralize(imported.weeks, 'week')}, {pluralize(imported.sections, 'section')}, {pluralize(imported.items, 'reading')} and{' '}
        {pluralize(imported.goals, 'learning goal')}, as {imported.slug}.
      </p>
      <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
        <Link href={`/syllabus/${imported.slug}`}>View the syllabus</Link>
        <Link href={`/admin/curricula/${imported.slug}/edit`}>Edit it</Link>
        <a href={`/admin/curricula/${imported.slug}/export`} download>
          Download markdown
        </a>
      </p>
    </Alert>
  );
}
