'use client';

// A new cohort for the coming quarter: from a curriculum template, or a clone of a cohort
// (its syllabus copy, groups and meeting times; facilitators if wanted; never fellows).
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState, useSyncExternalStore, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';
import { slugifyName } from '@/lib/schemas/cohort';
import { errorMessage, formFieldErrors } from '@/trpc/errors';
import { useTRPC, type RouterOutputs } from '@/trpc/react';
import { Field, TextField } from '@/components/ui/form-fields';
import { CohortScheduleFields } from './cohort-schedule-fields';
import { browserTimeZone } from '@/lib/time-zones';

type Template = RouterOutputs['cohorts']['templates'][number];
type CohortRow = RouterOutputs['cohorts']['list'][number];
type Created = RouterOutputs['cohorts']['create'];
type Mode = 'template' | 'clone';

const subscribeToNothing = () => () => {};

export function NewCohortForm({ templates, cohorts }: { templates: Template[]; cohorts: CohortRow[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [mode, setMode] = useState<Mode>(templates.length === 0 && cohorts.length > 0 ? 'clone' : 'template');
  const [curriculum, setCurriculum] = useState(templates[0]?.slug ?? '');
  const [source, setSource] = useState(cohorts[0]?.slug ?? '');
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [term, setTerm] = useState('');
  const [startDate, setStartDate] = useState('');
  // The browser's zone is known only after hydration (the server renders UTC); until the
  // admin types one, the field shows it.
  const browserZone = useSyncExternalStore(subscribeToNothing, () => browserTimeZone() ?? 'UTC', () => 'UTC');
  const [typedTimeZone, setTimeZone] = useState<string | null>(null);
  const timeZone = typedTimeZone ?? browserZone;
  const [cadence, setCadence] = useState('1');
  const [includeFacilitators, setIncludeFacilitators] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);

  const onSuccess = (cohort: Created) => {
    setCreated(cohort);
    setName('');
    setSlug('');
    setTerm('');
    setStartDate('');
    router.refresh();
  };
  const create = useMutation(trpc.cohorts.create.mutationOptions({ onSuccess }));
  const clone = useMutation(trpc.cohorts.clone.mutationOptions({ onSuccess }));
  const active = mode === 'template' ? create : clone;
  const errors = active.error ? formFieldErrors(active.error) : {};
  const hasFieldErrors = Object.keys(errors).length > 0;
  const sourceCohort = cohorts.find((cohort) => cohort.slug === source);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    const common = {
      name,
      slug: slug.trim() || undefined,
      term: term.trim() || null,
      startDate,
      timeZone: timeZone.trim(),
      meetingCadenceWeeks: Number(cadence),
    };
    if (mode === 'template') create.mutate({ ...common, curriculum });
    else clone.mutate({ ...common, source, includeFacilitators });
  }

  const canStart = mode === 'template' ? templates.length > 0 : cohorts.length > 0;

  return (
    <div>
      <form onSubmit={onSubmit} noValidate className="grid grid-cols-1 gap-5 rounded-xl border border-line bg-surface p-5 sm:p-6">
        <fieldset>
          <legend id={`${id}-legend`} className="font-medium">
            Start from
          </legend>
          <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:gap-6">
            <label className="inline-flex min-h-11 items-center gap-2">
              <input type="radio" name={`${id}-mode`} value="template" checked={mode === 'template'} onChange={() => setMode('template')} className="size-4" />
              A curriculum template
            </label>
            <label className="inline-flex min-h-11 items-center gap-2">
              <input type="radio" name={`${id}-mode`} value="clone" checked={mode === 'clone'} onChange={() => setMode('clone')} className="size-4" />
              A copy of an existing cohort
            </label>
          </div>
        </fieldset>

        {mode === 'template' ? (
          <Field
            id={`${id}-curriculum`}
            label="Curriculum"
            hint={
              templates.length ? (
                'The cohort gets its own copy: later edits to the template do not change it.'
              ) : (
                <>
                  No templates yet: <Link href="/admin/curricula">import a syllabus</Link> first.
                </>
              )
            }
            errors={errors.curriculum}
          >
            {(describedBy, invalid) => (
              <select
                id={`${id}-curriculum`}
                value={curriculum}
                onChange={(event) => setCurriculum(event.target.value)}
                aria-invalid={invalid || undefined}
                aria-describedby={describedBy}
                className={`mt-1 ${inputClasses}`}
              >
                {templates.map((template) => (
                  <option key={template.slug} value={template.slug}>
                    {template.title} ({template.slug}, {template.teachingWeeks} weeks)
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <div className="grid grid-cols-1 gap-3">
            <Field
              id={`${id}-source`}
              label="Cohort to copy"
              hint="Copies its syllabus (with the edits made for it), its groups and their meeting times. Never its fellows or their progress."
              errors={errors.source}
            >
              {(describedBy, invalid) => (
                <select
                  id={`${id}-source`}
                  value={source}
                  onChange={(event) => setSource(event.target.value)}
                  aria-invalid={invalid || undefined}
                  aria-describedby={describedBy}
                  className={`mt-1 ${inputClasses}`}
                >
                  {cohorts.map((cohort) => (
                    <option key={cohort.slug} value={cohort.slug}>
                      {cohort.name}
                      {cohort.term && cohort.term !== cohort.name ? ` (${cohort.term})` : ''}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <label className="flex items-start gap-2 py-2">
              <input
                type="checkbox"
                checked={includeFacilitators}
                onChange={(event) => setIncludeFacilitators(event.target.checked)}
                className="mt-1.5 size-4 shrink-0"
              />
              <span>
                Bring its facilitators along, leading the same groups
                {sourceCohort ? <span className="text-muted"> ({sourceCohort.counts.facilitators})</span> : null}
              </span>
            </label>
          </div>
        )}

        <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
          <TextField id={`${id}-name`} label="Name" value={name} onChange={setName} errors={errors.name} placeholder="e.g. Spring 2027" required />
          <TextField
            id={`${id}-term`}
            label="Term (optional)"
            value={term}
            onChange={setTerm}
            errors={errors.term}
            placeholder="e.g. Spring 2027"
            hint="Shown above the cohort’s name."
          />
          <CohortScheduleFields
            id={id}
            value={{ startDate, timeZone, cadence }}
            onChange={{ startDate: setStartDate, timeZone: setTimeZone, cadence: setCadence }}
            errors={errors}
            cadenceHint="1 for weekly meetings."
          />
          <TextField
            id={`${id}-slug`}
            label="Web address (optional)"
            value={slug}
            onChange={setSlug}
            errors={errors.slug}
            placeholder={name ? slugifyName(name) : 'e.g. spring-2027'}
            hint={
              name || slug.trim() ? (
                <>
                  Its page: <span className="break-all">/cohorts/{slug.trim() || slugifyName(name)}</span>. Left empty, it is made from
                  the name.
                </>
              ) : (
                'Left empty, it is made from the name.'
              )
            }
          />
        </div>

        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className={buttonClasses('primary')} disabled={active.isPending || !canStart}>
            {active.isPending ? (mode === 'template' ? 'Creating the cohort…' : 'Copying the cohort…') : mode === 'template' ? 'Create cohort' : 'Create the copy'}
          </button>
          <p className="text-[0.9rem] text-muted">New cohorts start as drafts; set them running in their settings.</p>
        </div>
      </form>

      <div aria-live="polite" className="mt-4">
        {active.error && !hasFieldErrors ? (
          <Alert tone="error" role="alert">
            {errorMessage(active.error)}
          </Alert>
        ) : null}
        {active.error && hasFieldErrors ? (
          <Alert tone="error" role="alert">
            Some fields need attention: see the messages beside them.
          </Alert>
        ) : null}
        {created ? (
          <Alert tone="success" role="status" title={`${created.name} is ready`}>
            <p>
              It runs its own copy of “{created.curriculum.title}”
              {created._count.groups ? ` and has ${created._count.groups} groups` : ''}, as a draft. Next:
            </p>
            <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
              <li>
                <Link href={`/cohorts/${created.slug}/groups`}>Set up groups</Link>
              </li>
              <li>
                <Link href={`/cohorts/${created.slug}/roster`}>Import the roster</Link>
              </li>
              <li>
                <Link href={`/cohorts/${created.slug}/settings`}>Skip holiday weeks</Link>
              </li>
              <li>
                <Link href={`/cohorts/${created.slug}`}>Open {created.name}</Link>
              </li>
            </ul>
          </Alert>
        ) : null}
      </div>
    </div>
  );
}
