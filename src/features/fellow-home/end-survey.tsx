'use client';

// The end-of-course survey on the fellow's home, from the cohort's last week on: a few
// questions the organisers wrote (ratings from 1 to 5, texts, choices); sent as one, changeable.
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';
import { errorMessage, fieldErrors } from '@/trpc/errors';
import { useTRPC, type RouterOutputs } from '@/trpc/react';

type Survey = RouterOutputs['feedback']['mySurvey'];

export function EndSurvey({ cohort, survey, readOnly }: { cohort: string; survey: Survey; readOnly: boolean }) {
  const trpc = useTRPC();
  const id = useId();
  const [answers, setAnswers] = useState<Record<string, number | string>>(survey.answers);
  const [sent, setSent] = useState(survey.submittedAt !== null);
  const submit = useMutation(trpc.feedback.submitSurvey.mutationOptions({ onSuccess: () => setSent(true) }));
  const errors = submit.error ? fieldErrors(submit.error) : {};
  if (!survey.open) return null;
  return (
    <section aria-labelledby={`${id}-heading`} className="mt-8 max-w-3xl rounded-xl border border-line bg-surface p-5">
      <h2 id={`${id}-heading`} className="text-xl font-semibold">
        End-of-course survey
      </h2>
      <p className="mt-1 text-muted">{sent ? 'Thank you: your answers are in. You can change them until the cohort closes.' : 'A few questions from the organisers, to make the next round better.'}</p>
      <form
        className="mt-4 grid gap-5"
        onSubmit={(event) => {
          event.preventDefault();
          submit.mutate({ cohort, answers });
        }}
      >
        {survey.questions.map((question, index) => {
          const fieldId = `${id}-${question.id}`;
          const error = errors[`answers.${question.id}`];
          const label = `${index + 1}. ${question.label}${question.required ? '' : ' (optional)'}`;
          if (question.kind === 'RATING' || question.kind === 'CHOICE') {
            const options = question.kind === 'RATING' ? ['1', '2', '3', '4', '5'] : question.options;
            return (
              <fieldset key={question.id} aria-describedby={error ? `${fieldId}-error` : undefined} disabled={readOnly}>
                <legend className="font-medium">{label}</legend>
                {question.kind === 'RATING' ? <p className="text-[0.9rem] text-muted">1 not at all, 5 very much</p> : null}
                <div className="mt-2 flex flex-wrap gap-2">
                  {options.map((option) => {
                    const value = question.kind === 'RATING' ? Number(option) : option;
                    const checked = answers[question.id] === value;
                    return (
                      <label
                        key={option}
                        className={`inline-flex min-h-11 min-w-11 cursor-pointer items-center justify-center rounded-lg border px-3 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-accent ${checked ? 'border-accent bg-accent-soft font-semibold text-accent-strong' : 'border-line hover:bg-surface-muted'}`}
                      >
                        <input type="radio" name={fieldId} className="sr-only" checked={checked} onChange={() => setAnswers((current) => ({ ...current, [question.id]: value }))} />
                        {option}
                      </label>
                    );
                  })}
                </div>
                {error ? (
                  <p id={`${fieldId}-error`} className="mt-1 text-[0.9rem] text-danger">
                    {error[0]}
                  </p>
                ) : null}
              </fieldset>
            );
          }
          return (
            <div key={question.id}>
              <label htmlFor={fieldId} className="font-medium">
                {label}
              </label>
              <textarea
                id={fieldId}
                rows={3}
                maxLength={4000}
                readOnly={readOnly}
                value={String(answers[question.id] ?? '')}
                onChange={(event) => setAnswers((current) => ({ ...current, [question.id]: event.target.value }))}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${fieldId}-error` : undefined}
                className={`mt-1 ${inputClasses}`}
              />
              {error ? (
                <p id={`${fieldId}-error`} className="mt-1 text-[0.9rem] text-danger">
                  {error[0]}
                </p>
              ) : null}
            </div>
          );
        })}
        <div>
          <button type="submit" className={buttonClasses('primary')} disabled={readOnly || submit.isPending}>
            {submit.isPending ? 'Sending…' : sent ? 'Update my answers' : 'Send my answers'}
          </button>
        </div>
        <div aria-live="polite">
          {submit.isError ? (
            <Alert tone="error" role="alert">
              {errorMessage(submit.error)}
            </Alert>
          ) : submit.isSuccess ? (
            <Alert tone="success" role="status">
              Thank you: your answers are saved.
            </Alert>
          ) : null}
        </div>
      </form>
    </section>
  );
}
