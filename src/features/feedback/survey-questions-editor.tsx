'use client';

// The admin's editor of the end-of-course survey: questions with their kind (a 1–5 rating, a
// text, or a choice of options, one per line), required or not; saved all at once.
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';
import { errorMessage } from '@/trpc/errors';
import { useTRPC, type RouterOutputs } from '@/trpc/react';

type Question = RouterOutputs['feedback']['saveSurveyQuestions'][number];
type Draft = { key: string; id?: string; kind: 'RATING' | 'TEXT' | 'CHOICE'; label: string; options: string; required: boolean };

const KIND_LABELS = { RATING: 'Rating, 1 to 5', TEXT: 'Text', CHOICE: 'One of several options' } as const;

const toDraft = (question: Question): Draft => ({ key: question.id, id: question.id, kind: question.kind, label: question.label, options: question.options.join('\n'), required: question.required });

export function SurveyQuestionsEditor({ cohort, initial }: { cohort: string; initial: Question[] }) {
  const trpc = useTRPC();
  const id = useId();
  const [drafts, setDrafts] = useState<Draft[]>(initial.map(toDraft));
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const save = useMutation(
    trpc.feedback.saveSurveyQuestions.mutationOptions({
      onSuccess: (questions) => {
        setDrafts(questions.map(toDraft));
        setMessage({ tone: 'success', text: `Saved ${questions.length} ${questions.length === 1 ? 'question' : 'questions'}.` });
      },
      onError: (error) => setMessage({ tone: 'error', text: errorMessage(error) }),
    }),
  );
  const change = (key: string, patch: Partial<Draft>) => setDrafts((current) => current.map((draft) => (draft.key === key ? { ...draft, ...patch } : draft)));

  return (
    <form
      className="grid gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        setMessage(null);
        save.mutate({
          cohort,
          questions: drafts.map((draft) => ({
            id: draft.id,
            kind: draft.kind,
            label: draft.label,
            options: draft.kind === 'CHOICE' ? draft.options.split('\n').map((option) => option.trim()).filter(Boolean) : [],
            required: draft.required,
          })),
        });
      }}
    >
      {drafts.length === 0 ? <p className="text-muted">No questions yet. Add the ones you would ask at the end of the course.</p> : null}
      <ol className="grid gap-3">
        {drafts.map((draft, index) => (
          <li key={draft.key} className="grid gap-2 rounded-lg border border-line bg-surface p-3 sm:grid-cols-[1fr_14rem]">
            <div>
              <label htmlFor={`${id}-${draft.key}-label`} className="block text-[0.9rem] font-medium">
                Question {index + 1}
              </label>
              <input id={`${id}-${draft.key}-label`} value={draft.label} maxLength={500} required onChange={(event) => change(draft.key, { label: event.target.value })} className={`mt-1 ${inputClasses}`} />
            </div>
            <div>
              <label htmlFor={`${id}-${draft.key}-kind`} className="block text-[0.9rem] font-medium">
                Kind
              </label>
              <select id={`${id}-${draft.key}-kind`} value={draft.kind} onChange={(event) => change(draft.key, { kind: event.target.value as Draft['kind'] })} className={`mt-1 ${inputClasses}`}>
                {Object.entries(KIND_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            {draft.kind === 'CHOICE' ? (
              <div className="sm:col-span-2">
                <label htmlFor={`${id}-${draft.key}-options`} className="block text-[0.9rem] font-medium">
                  Options, one per line
                </label>
                <textarea id={`${id}-${draft.key}-options`} rows={3} value={draft.options} onChange={(event) => change(draft.key, { options: event.target.value })} className={`mt-1 ${inputClasses}`} />
              </div>
            ) : null}
            <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
              <label className="inline-flex min-h-11 items-center gap-2">
                <input type="checkbox" className="size-4" checked={draft.required} onChange={(event) => change(draft.key, { required: event.target.checked })} />
                Required
              </label>
              <button type="button" className={buttonClasses('quiet', 'sm')} onClick={() => setDrafts((current) => current.filter((entry) => entry.key !== draft.key))}>
                Remove<span className="sr-only"> question {index + 1}</span>
              </button>
            </div>
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={buttonClasses('secondary')}
          onClick={() => setDrafts((current) => [...current, { key: `new-${Date.now()}-${current.length}`, kind: 'RATING', label: '', options: '', required: true }])}
        >
          Add a question
        </button>
        <button type="submit" className={buttonClasses('primary')} disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save the survey'}
        </button>
      </div>
      <div aria-live="polite">
        {message ? (
          <Alert tone={message.tone} role={message.tone === 'error' ? 'alert' : 'status'}>
            {message.text}
          </Alert>
        ) : null}
      </div>
    </form>
  );
}
