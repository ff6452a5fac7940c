'use client';

// A cohort's settings: name, term, dates, time zone, cadence, weeks off, who may read its
// syllabus, and its status. Archiving makes it read-only; restoring undoes that.
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { buildCohortCalendar, parseIsoDate, toIsoDate } from '@/lib/cohort-calendar';
import { formatCalendarDate, pluralize } from '@/lib/format';
import { errorMessage, formFieldErrors } from '@/trpc/errors';
import { useTRPC, type RouterOutputs } from '@/trpc/react';
import { Field, TextField } from '@/components/ui/form-fields';
import { CohortScheduleFields } from './cohort-schedule-fields';
import { SkippedWeeksPicker } from './skipped-weeks-picker';

type Settings = RouterOutputs['cohorts']['settings'];

type RuleKey = 'atRiskMissedMeetings' | 'atRiskReadingPercent' | 'completionMaxUnexcusedAbsences' | 'completionReadingPercent';

/** The at-risk and completion rules (compute-standing.ts), in the order the form shows them. */
const RULE_FIELDS: { key: RuleKey; label: string; hint?: string }[] = [
  { key: 'atRiskMissedMeetings', label: 'At risk after … missed meetings', hint: 'Unexcused absences at meetings that took place.' },
  { key: 'atRiskReadingPercent', label: '…or below this % of due core readings', hint: 'Readings are due once their week has ended.' },
  { key: 'completionMaxUnexcusedAbsences', label: 'Completed with at most … unexcused absences' },
  { key: 'completionReadingPercent', label: '…and this % of all core readings done' },
];

export function CohortSettingsForm({ settings }: { settings: Settings }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const archived = settings.status === 'ARCHIVED';
  const [name, setName] = useState(settings.name);
  const [term, setTerm] = useState(settings.term ?? '');
  const [startDate, setStartDate] = useState(toIsoDate(settings.startDate));
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [cadence, setCadence] = useState(String(settings.meetingCadenceWeeks));
  const [skippedWeeks, setSkippedWeeks] = useState<number[]>(settings.skippedWeeks);
  const [visibility, setVisibility] = useState(settings.syllabusVisibility);
  const [hideNames, setHideNames] = useState(settings.leaderboardHideNames);
  const [digestHour, setDigestHour] = useState(String(settings.digestHour));
  const [reminderHours, setReminderHours] = useState(String(settings.reminderHoursBefore));
  const [nudges, setNudges] = useState(settings.atRiskNudges);
  const [autoSwitch, setAutoSwitch] = useState(settings.autoApproveSwitches);
  const [promptsRequired, setPromptsRequired] = useState(settings.promptsRequired);
  const [shareResponses, setShareResponses] = useState(settings.shareResponsesInGroup);
  const [needSurvey, setNeedSurvey] = useState(settings.certificatesNeedSurvey);
  const [rules, setRules] = useState(
    Object.fromEntries(RULE_FIELDS.map(({ key }) => [key, String(settings[key])])) as Record<RuleKey, string>,
  );
  const setRule = (key: RuleKey) => (value: string) => setRules((current) => ({ ...current, [key]: value }));
  // An empty or unreadable box goes to the server as NaN, which answers with the field's message.
  const ruleNumber = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));
  const [status, setStatus] = useState<'DRAFT' | 'ACTIVE'>(settings.status === 'ACTIVE' ? 'ACTIVE' : 'DRAFT');
  const [saved, setSaved] = useState<string | null>(null);

  const update = useMutation(
    trpc.cohorts.update.mutationOptions({
      onSuccess: (cohort) => {
        setSaved(cohort.status === 'ARCHIVED' ? null : `Saved. ${cohort.name} is ${cohort.status === 'ACTIVE' ? 'running' : 'a draft'}.`);
        router.refresh();
      },
    }),
  );
  const archive = useMutation(
    trpc.cohorts.archive.mutationOptions({
      onSuccess: () => {
        setSaved(null);
        router.refresh();
      },
    }),
  );
  const errors = update.error ? formFieldErrors(update.error) : {};
  const hasFieldErrors = Object.keys(errors).length > 0;
  const start = parseIsoDate(startDate);
  const calendar = start ? buildCohortCalendar({ startDate: start, skippedWeeks }, settings.curriculum.weeks) : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    update.mutate({
      cohort: settings.slug,
      name,
      term: term.trim() || null,
      startDate,
      timeZone: timeZone.trim(),
      meetingCadenceWeeks: Number(cadence),
      skippedWeeks,
      syllabusVisibility: visibility,
      leaderboardHideNames: hideNames,
      digestHour: ruleNumber(digestHour),
      reminderHoursBefore: ruleNumber(reminderHours),
      atRiskNudges: nudges,
      autoApproveSwitches: autoSwitch,
      promptsRequired,
      shareResponsesInGroup: shareResponses,
      certificatesNeedSurvey: needSurvey,
      ...(Object.fromEntries(RULE_FIELDS.map(({ key }) => [key, ruleNumber(rules[key])])) as Record<RuleKey, number>),
      status,
    });
  }

  if (archived) {
    return (
      <div className="grid grid-cols-1 gap-4 rounded-xl border border-line bg-surface p-5 sm:p-6">
        <p>
          {settings.name} ran from {formatCalendarDate(settings.startDate)}
          {settings.endDate ? ` to ${formatCalendarDate(settings.endDate)}` : ''} ({settings.timeZone}). Restore it to change its
          settings, people or groups again.
        </p>
        <div className="flex flex-wrap gap-3">
          <button type="button" className={buttonClasses('primary')} disabled={update.isPending} onClick={() => update.mutate({ cohort: settings.slug, status: 'ACTIVE' })}>
            Restore as running
          </button>
          <button type="button" className={buttonClasses('secondary')} disabled={update.isPending} onClick={() => update.mutate({ cohort: settings.slug, status: 'DRAFT' })}>
            Restore as a draft
          </button>
        </div>
        {update.error ? (
          <Alert tone="error" role="alert">
            {errorMessage(update.error)}
          </Alert>
        ) : null}
      </div>
    );
  }

  return (
    <div>
      <form onSubmit={onSubmit} noValidate className="grid grid-cols-1 gap-8">
        <div className="grid grid-cols-1 gap-5 rounded-xl border border-line bg-surface p-5 sm:grid-cols-2 sm:p-6">
          <TextField id={`${id}-name`} label="Name" value={name} onChange={setName} errors={errors.name} required />
          <TextField id={`${id}-term`} label="Term (optional)" value={term} onChange={setTerm} errors={errors.term} />
          <CohortScheduleFields
            id={id}
            value={{ startDate, timeZone, cadence }}
            onChange={{ startDate: setStartDate, timeZone: setTimeZone, cadence: setCadence }}
            errors={errors}
            cadenceHint="1 for weekly meetings; weeks off have no meeting and do not count."
          />
          <Field id={`${id}-status`} label="Status" hint="Drafts are for setting up; running cohorts are under way." errors={errors.status}>
            {(describedBy, invalid) => (
              <select
                id={`${id}-status`}
                value={status}
                onChange={(event) => setStatus(event.target.value as 'DRAFT' | 'ACTIVE')}
                aria-invalid={invalid || undefined}
                aria-describedby={describedBy}
                className={`mt-1 ${inputClasses}`}
              >
                <option value="DRAFT">Draft</option>
                <option value="ACTIVE">Running</option>
              </select>
            )}
          </Field>
          <fieldset className="sm:col-span-2">
            <legend className="font-medium">Who can read the cohort’s syllabus page</legend>
            <div className="mt-1 flex flex-col gap-1 sm:flex-row sm:gap-6">
              <label className="inline-flex min-h-11 items-center gap-2">
                <input type="radio" name={`${id}-visibility`} value="MEMBERS" checked={visibility === 'MEMBERS'} onChange={() => setVisibility('MEMBERS')} className="size-4" />
                Its members only
              </label>
              <label className="inline-flex min-h-11 items-center gap-2">
                <input type="radio" name={`${id}-visibility`} value="PUBLIC" checked={visibility === 'PUBLIC'} onChange={() => setVisibility('PUBLIC')} className="size-4" />
                Anyone with the link
              </label>
            </div>
          </fieldset>
          <div className="sm:col-span-2">
            <label className="inline-flex min-h-11 items-center gap-2 font-medium">
              <input
                type="checkbox"
                checked={hideNames}
                onChange={(event) => setHideNames(event.target.checked)}
                aria-describedby={`${id}-hide-names-hint`}
                className="size-4"
              />
              Hide fellows’ names on leaderboards
            </label>
            <p id={`${id}-hide-names-hint`} className="text-[0.9rem] text-muted">
              Fellows then see the others as “Fellow 1”, “Fellow 2”… Facilitators and admins still see names.
            </p>
          </div>
        </div>

        <fieldset aria-describedby={`${id}-rules-hint`}>
          <legend className="text-xl font-semibold">At risk and completion</legend>
          <p id={`${id}-rules-hint`} className="mt-1 mb-3 max-w-[65ch] text-muted">
            Facilitators and admins see fellows at risk first. Late counts as attended; excused absences never count against anyone.
          </p>
          <div className="grid grid-cols-1 gap-5 rounded-xl border border-line bg-surface p-5 sm:grid-cols-2 sm:p-6">
            {RULE_FIELDS.map((field) => (
              <TextField
                key={field.key}
                id={`${id}-${field.key}`}
                label={field.label}
                type="number"
                inputMode="numeric"
                value={rules[field.key]}
                onChange={setRule(field.key)}
                errors={errors[field.key]}
                hint={field.hint}
              />
            ))}
          </div>
        </fieldset>

        <fieldset aria-describedby={`${id}-email-hint`}>
          <legend className="text-xl font-semibold">Emails</legend>
          <p id={`${id}-email-hint`} className="mt-1 mb-3 max-w-[65ch] text-muted">
            Times are in the cohort’s time zone ({settings.timeZone}). People can turn each kind off on their account page.
          </p>
          <div className="grid grid-cols-1 gap-5 rounded-xl border border-line bg-surface p-5 sm:grid-cols-2 sm:p-6">
            <TextField
              id={`${id}-digestHour`}
              label="Weekly digest at (hour, 0–23)"
              type="number"
              inputMode="numeric"
              value={digestHour}
              onChange={setDigestHour}
              errors={errors.digestHour}
              hint="On the first day of each week. Facilitators’ prep notes go at this hour the day before each meeting."
            />
            <TextField
              id={`${id}-reminderHoursBefore`}
              label="Meeting reminders, hours before"
              type="number"
              inputMode="numeric"
              value={reminderHours}
              onChange={setReminderHours}
              errors={errors.reminderHoursBefore}
              hint="0 sends none. Moved, cancelled and added meetings are always announced."
            />
            <div className="sm:col-span-2">
              <label className="inline-flex min-h-11 items-center gap-2 font-medium">
                <input
                  type="checkbox"
                  checked={nudges}
                  onChange={(event) => setNudges(event.target.checked)}
                  aria-describedby={`${id}-nudges-hint`}
                  className="size-4"
                />
                Send fellows who fall behind a kind nudge
              </label>
              <p id={`${id}-nudges-hint`} className="text-[0.9rem] text-muted">
                Their facilitator is told either way, once each time a fellow becomes at risk.
              </p>
            </div>
            <div className="sm:col-span-2">
              <label className="inline-flex min-h-11 items-center gap-2 font-medium">
                <input type="checkbox" checked={autoSwitch} onChange={(event) => setAutoSwitch(event.target.checked)} aria-describedby={`${id}-switch-hint`} className="size-4" />
                Approve group switches at once when the group has room
              </label>
              <p id={`${id}-switch-hint`} className="text-[0.9rem] text-muted">
                Otherwise the receiving group’s facilitator or an admin decides each request.
              </p>
            </div>
            <div className="sm:col-span-2">
              <label className="inline-flex min-h-11 items-center gap-2 font-medium">
                <input type="checkbox" checked={promptsRequired} onChange={(event) => setPromptsRequired(event.target.checked)} aria-describedby={`${id}-prompts-hint`} className="size-4" />
                Completion needs an answer to every discussion prompt
              </label>
              <p id={`${id}-prompts-hint`} className="text-[0.9rem] text-muted">
                On top of the readings and attendance above. Answers always count as activity.
              </p>
            </div>
            <div className="sm:col-span-2">
              <label className="inline-flex min-h-11 items-center gap-2 font-medium">
                <input type="checkbox" checked={shareResponses} onChange={(event) => setShareResponses(event.target.checked)} aria-describedby={`${id}-share-hint`} className="size-4" />
                Show fellows their group’s answers once they have answered
              </label>
              <p id={`${id}-share-hint`} className="text-[0.9rem] text-muted">
                Otherwise only the fellow and their group’s facilitators read an answer.
              </p>
            </div>
            <div className="sm:col-span-2">
              <label className="inline-flex min-h-11 items-center gap-2 font-medium">
                <input type="checkbox" checked={needSurvey} onChange={(event) => setNeedSurvey(event.target.checked)} aria-describedby={`${id}-survey-hint`} className="size-4" />
                Certificates only for fellows who filled in the end-of-course survey
              </label>
              <p id={`${id}-survey-hint`} className="text-[0.9rem] text-muted">
                The survey’s questions are on the Feedback page; fellows see it in the last week.
              </p>
            </div>
          </div>
        </fieldset>

        <fieldset aria-describedby={`${id}-weeks-hint`}>
          <legend className="text-xl font-semibold">Weeks off</legend>
          <p id={`${id}-weeks-hint`} className="mt-1 mb-3 max-w-[65ch] text-muted">
            Tick a holiday week: it has no readings or meetings, and every week after it moves one week later.
            {calendar?.endDate
              ? ` With these weeks, the cohort runs ${pluralize(calendar.totalTeachingWeeks, 'week')} and ends on ${formatCalendarDate(calendar.endDate)}.`
              : null}
          </p>
          <SkippedWeeksPicker
            id={`${id}-skip`}
            startDate={startDate}
            skippedWeeks={skippedWeeks}
            units={settings.curriculum.weeks}
            onChange={setSkippedWeeks}
          />
          {errors.skippedWeeks ? <p className="mt-1 text-[0.9rem] font-medium text-danger">{errors.skippedWeeks.join(' ')}</p> : null}
        </fieldset>

        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className={buttonClasses('primary')} disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save settings'}
          </button>
        </div>
      </form>

      <div aria-live="polite" className="mt-4">
        {update.error ? (
          <Alert tone="error" role="alert">
            {hasFieldErrors ? 'Some fields need attention: see the messages beside them.' : errorMessage(update.error)}
          </Alert>
        ) : null}
        {saved ? (
          <Alert tone="success" role="status">
            {saved}
          </Alert>
        ) : null}
      </div>

      <section aria-labelledby={`${id}-archive`} className="mt-12 max-w-3xl rounded-xl border border-line bg-surface p-5 sm:p-6">
        <h2 id={`${id}-archive`} className="text-xl font-semibold">
          Archive
        </h2>
        <p className="mt-1 mb-3 text-muted">
          When the quarter is over: the cohort becomes read-only. Its members still see it and its syllabus; you can restore it
          later.
        </p>
        <ConfirmButton
          question={`Archive ${settings.name}?`}
          confirmLabel="Archive the cohort"
          onConfirm={() => archive.mutate({ cohort: settings.slug })}
          pending={archive.isPending}
        >
          Archive cohort
        </ConfirmButton>
        {archive.error ? (
          <Alert tone="error" role="alert" className="mt-3">
            {errorMessage(archive.error)}
          </Alert>
        ) : null}
      </section>
    </div>
  );
}
