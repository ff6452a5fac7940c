'use client';

// The admin's application form: open or closed, the deadline (in the cohort's zone), an
// introduction, whether facilitators may apply, the questions in order (each kind, required or
// not, for whom), the decision emails, and the availability deadline. Saved in one go.
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';
import { FieldError } from '@/components/ui/field-error';
import { calendarDateInZone, parseIsoDate, toIsoDate, wallClockTime, zonedDateTimeToInstant } from '@/lib/cohort-calendar';
import { DECISION_PLACEHOLDERS, type DecisionTemplate } from '@/lib/decision-templates';
import { QUESTION_KIND_LABELS, QUESTION_KINDS, type Decision, type QuestionKindName } from '@/lib/schemas/applications';
import { errorMessage, formFieldErrors } from '@/trpc/errors';
import { useTRPC } from '@/trpc/react';

type QuestionDraft = {
  key: string;
  id?: string;
  kind: QuestionKindName;
  label: string;
  help: string;
  required: boolean;
  optionsText: string;
  forRole: 'FELLOW' | 'FACILITATOR' | null;
};

export type FormSettingsView = {
  isOpen: boolean;
  deadline: Date | null;
  intro: string;
  acceptFacilitators: boolean;
  availabilityDeadline: Date | null;
  questions: { id: string; kind: QuestionKindName; label: string; help: string; required: boolean; options: string[]; forRole: 'FELLOW' | 'FACILITATOR' | null }[];
  decisionTemplates: Record<Decision, DecisionTemplate>;
};

const DECISION_TITLES: Record<Decision, string> = { ACCEPTED: 'Accepted', WAITLISTED: 'Waitlisted', REJECTED: 'Not accepted' };

function splitInstant(instant: Date | null, timeZone: string): { date: string; time: string } {
  if (!instant) return { date: '', time: '' };
  return { date: toIsoDate(calendarDateInZone(instant, timeZone)), time: wallClockTime(instant, timeZone) };
}

function joinInstant(date: string, time: string, timeZone: string): string | null | 'invalid' {
  if (!date) return null;
  const day = parseIsoDate(date);
  const instant = day ? zonedDateTimeToInstant(day, time || '23:59', timeZone) : null;
  return instant ? instant.toISOString() : 'invalid';
}

let keys = 0;
const newKey = () => `q${++keys}`;

export function ApplicationFormEditor({ cohort, timeZone, initial }: { cohort: string; timeZone: string; initial: FormSettingsView }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [isOpen, setIsOpen] = useState(initial.isOpen);
  const [deadline, setDeadline] = useState(splitInstant(initial.deadline, timeZone));
  const [availability, setAvailability] = useState(splitInstant(initial.availabilityDeadline, timeZone));
  const [intro, setIntro] = useState(initial.intro);
  const [acceptFacilitators, setAcceptFacilitators] = useState(initial.acceptFacilitators);
  const [questions, setQuestions] = useState<QuestionDraft[]>(() =>
    initial.questions.map((q) => ({ key: newKey(), id: q.id, kind: q.kind, label: q.label, help: q.help, required: q.required, optionsText: q.options.join('\n'), forRole: q.forRole })),
  );
  const [templates, setTemplates] = useState(initial.decisionTemplates);
  const [localError, setLocalError] = useState<string | null>(null);
  const save = useMutation(trpc.applications.saveForm.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = save.error ? formFieldErrors(save.error) : {};

  function update(key: string, change: Partial<QuestionDraft>) {
    setQuestions((current) => current.map((q) => (q.key === key ? { ...q, ...change } : q)));
  }
  function move(index: number, by: number) {
    setQuestions((current) => {
      const next = [...current];
      const [moved] = next.splice(index, 1);
      next.splice(index + by, 0, moved!);
      return next;
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const closing = joinInstant(deadline.date, deadline.time, timeZone);
    const painting = joinInstant(availability.date, availability.time, timeZone);
    if (closing === 'invalid' || painting === 'invalid') {
      setLocalError('A date is not valid: use the date picker.');
      return;
    }
    setLocalError(null);
    save.mutate({
      cohort,
      isOpen,
      deadline: closing,
      availabilityDeadline: painting,
      intro,
      acceptFacilitators,
      decisionTemplates: templates,
      questions: questions.map((q) => ({
        ...(q.id ? { id: q.id } : {}),
        kind: q.kind,
        label: q.label,
        help: q.help,
        required: q.required,
        forRole: q.forRole,
        options: q.optionsText
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      })),
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-8">
      <section aria-labelledby={`${id}-settings`} className="grid gap-4 rounded-xl border border-line bg-surface p-5 sm:p-6">
        <h2 id={`${id}-settings`} className="text-xl font-semibold">
          Settings
        </h2>
        <label className="inline-flex min-h-11 items-center gap-2">
          <input type="checkbox" className="size-4" checked={isOpen} onChange={(e) => setIsOpen(e.target.checked)} />
          <span>
            <strong>Open</strong>: anyone with the link can apply
          </span>
        </label>
        <div className="grid gap-4 sm:grid-cols-2">
          <fieldset>
            <legend className="font-medium">Deadline ({timeZone})</legend>
            <div className="mt-1 flex gap-2">
              <input type="date" aria-label="Deadline date" value={deadline.date} onChange={(e) => setDeadline({ ...deadline, date: e.target.value })} className={inputClasses} />
              <input type="time" aria-label="Deadline time" value={deadline.time} onChange={(e) => setDeadline({ ...deadline, time: e.target.value })} className={inputClasses} />
            </div>
            <p className="mt-1 text-[0.9rem] text-muted">Empty: open until you close it.</p>
          </fieldset>
          <fieldset>
            <legend className="font-medium">Availability due ({timeZone})</legend>
            <div className="mt-1 flex gap-2">
              <input type="date" aria-label="Availability due date" value={availability.date} onChange={(e) => setAvailability({ ...availability, date: e.target.value })} className={inputClasses} />
              <input type="time" aria-label="Availability due time" value={availability.time} onChange={(e) => setAvailability({ ...availability, time: e.target.value })} className={inputClasses} />
            </div>
            <p className="mt-1 text-[0.9rem] text-muted">Accepted people who have not marked their free times get a reminder the day before.</p>
          </fieldset>
        </div>
        <label className="inline-flex min-h-11 items-center gap-2">
          <input type="checkbox" className="size-4" checked={acceptFacilitators} onChange={(e) => setAcceptFacilitators(e.target.checked)} />
          People may apply to facilitate
        </label>
        <div>
          <label htmlFor={`${id}-intro`} className="block font-medium">
            Introduction
          </label>
          <textarea id={`${id}-intro`} rows={4} value={intro} onChange={(e) => setIntro(e.target.value)} className={`mt-1 ${inputClasses}`} />
          <FieldError id={`${id}-intro-error`} messages={errors.intro ?? null} />
        </div>
      </section>

      <section aria-labelledby={`${id}-questions`} className="grid gap-4">
        <h2 id={`${id}-questions`} className="text-xl font-semibold">
          Questions
        </h2>
        {questions.length === 0 ? <p className="text-muted">No questions yet: applicants give their name and email only. Add a question below.</p> : null}
        <ol className="grid gap-4">
          {questions.map((question, index) => {
            const prefix = `questions.${index}`;
            const choices = question.kind === 'SINGLE_CHOICE' || question.kind === 'MULTIPLE_CHOICE';
            return (
              <li key={question.key} className="grid gap-3 rounded-xl border border-line bg-surface p-4">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-semibold">Question {index + 1}</span>
                  <div className="flex gap-1">
                    <button type="button" className={buttonClasses('quiet', 'sm')} disabled={index === 0} onClick={() => move(index, -1)} aria-label={`Move question ${index + 1} up`}>
                      ↑
                    </button>
                    <button type="button" className={buttonClasses('quiet', 'sm')} disabled={index === questions.length - 1} onClick={() => move(index, 1)} aria-label={`Move question ${index + 1} down`}>
                      ↓
                    </button>
                    <button type="button" className={buttonClasses('quiet', 'sm')} onClick={() => setQuestions(questions.filter((q) => q.key !== question.key))}>
                      Remove
                    </button>
                  </div>
                </div>
                <div className="grid gap-3 sm:grid-cols-[1fr_12rem]">
                  <div>
                    <label htmlFor={`${id}-${question.key}-label`} className="block font-medium">
                      Question
                    </label>
                    <input id={`${id}-${question.key}-label`} value={question.label} onChange={(e) => update(question.key, { label: e.target.value })} className={`mt-1 ${inputClasses}`} />
                    <FieldError id={`${id}-${question.key}-label-error`} messages={errors[`${prefix}.label`] ?? null} />
                  </div>
                  <div>
                    <label htmlFor={`${id}-${question.key}-kind`} className="block font-medium">
                      Answer
                    </label>
                    <select id={`${id}-${question.key}-kind`} value={question.kind} onChange={(e) => update(question.key, { kind: e.target.value as QuestionKindName })} className={`mt-1 ${inputClasses}`}>
                      {QUESTION_KINDS.map((kind) => (
                        <option key={kind} value={kind}>
                          {QUESTION_KIND_LABELS[kind]}
                        </option>
                      ))}
                    </select>
                  </div>
                </div>
                {choices ? (
                  <div>
                    <label htmlFor={`${id}-${question.key}-options`} className="block font-medium">
                      Choices, one per line
                    </label>
                    <textarea id={`${id}-${question.key}-options`} rows={4} value={question.optionsText} onChange={(e) => update(question.key, { optionsText: e.target.value })} className={`mt-1 ${inputClasses}`} />
                    <FieldError id={`${id}-${question.key}-options-error`} messages={errors[`${prefix}.options`] ?? null} />
                  </div>
                ) : null}
                <div>
                  <label htmlFor={`${id}-${question.key}-help`} className="block font-medium">
                    Help text <span className="font-normal text-muted">(optional)</span>
                  </label>
                  <input id={`${id}-${question.key}-help`} value={question.help} onChange={(e) => update(question.key, { help: e.target.value })} className={`mt-1 ${inputClasses}`} />
                </div>
                <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
                  <label className="inline-flex min-h-11 items-center gap-2">
                    <input type="checkbox" className="size-4" checked={question.required} onChange={(e) => update(question.key, { required: e.target.checked })} />
                    Required
                  </label>
                  <label className="inline-flex items-center gap-2">
                    Asked of
                    <select value={question.forRole ?? ''} onChange={(e) => update(question.key, { forRole: (e.target.value || null) as QuestionDraft['forRole'] })} className={`${inputClasses} w-auto`}>
                      <option value="">everyone</option>
                      <option value="FELLOW">fellows only</option>
                      <option value="FACILITATOR">facilitators only</option>
                    </select>
                  </label>
                </div>
              </li>
            );
          })}
        </ol>
        <div>
          <button type="button" className={buttonClasses('secondary')} onClick={() => setQuestions([...questions, { key: newKey(), kind: 'SHORT_TEXT', label: '', help: '', required: false, optionsText: '', forRole: null }])}>
            Add a question
          </button>
        </div>
      </section>

      <section aria-labelledby={`${id}-emails`} className="grid gap-4">
        <h2 id={`${id}-emails`} className="text-xl font-semibold">
          Decision emails
        </h2>
        <p className="max-w-[65ch] text-muted">What each applicant gets when you decide. {DECISION_PLACEHOLDERS.join(', ')} are filled in.</p>
        {(['ACCEPTED', 'WAITLISTED', 'REJECTED'] as const).map((decision) => (
          <fieldset key={decision} className="grid gap-2 rounded-xl border border-line bg-surface p-4">
            <legend className="px-1 font-semibold">{DECISION_TITLES[decision]}</legend>
            <label className="block">
              <span className="font-medium">Subject</span>
              <input value={templates[decision].subject} onChange={(e) => setTemplates({ ...templates, [decision]: { ...templates[decision], subject: e.target.value } })} className={`mt-1 ${inputClasses}`} />
            </label>
            <label className="block">
              <span className="font-medium">Message</span>
              <textarea rows={5} value={templates[decision].body} onChange={(e) => setTemplates({ ...templates, [decision]: { ...templates[decision], body: e.target.value } })} className={`mt-1 ${inputClasses}`} />
            </label>
            <FieldError id={`${id}-${decision}-error`} messages={[...(errors[`decisionTemplates.${decision}.subject`] ?? []), ...(errors[`decisionTemplates.${decision}.body`] ?? [])]} />
          </fieldset>
        ))}
      </section>

      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClasses('primary')} disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save the form'}
        </button>
      </div>
      <div aria-live="polite">
        {localError || save.error ? (
          <Alert tone="error" role="alert">
            {localError ?? (Object.keys(errors).length ? 'Some fields need attention: see the messages beside them.' : errorMessage(save.error))}
          </Alert>
        ) : save.isSuccess ? (
          <Alert tone="success" role="status">
            Saved.{isOpen ? ' The form is open.' : ' The form is closed: nobody can apply.'}
          </Alert>
        ) : null}
      </div>
    </form>
  );
}
