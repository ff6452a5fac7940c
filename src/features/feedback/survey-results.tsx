// The end-of-course survey's results: each rating question's average and spread, each choice's
// counts, and the written answers.
import type { RouterOutputs } from '@/trpc/react';

type Results = RouterOutputs['feedback']['surveyResults'];

export function SurveyResults({ results }: { results: Results }) {
  if (results.questions.length === 0) return null;
  return (
    <div className="grid gap-4">
      <p className="text-muted">
        {results.responses} of {results.fellows} fellows answered.
      </p>
      {results.questions.map((question, index) => (
        <section key={question.id} aria-labelledby={`survey-q-${question.id}`} className="rounded-lg border border-line bg-surface p-4">
          <h3 id={`survey-q-${question.id}`} className="font-semibold">
            {index + 1}. {question.label}
          </h3>
          <p className="text-[0.9rem] text-muted">{question.answered} answered</p>
          {question.kind === 'RATING' ? (
            <p className="mt-1">
              Average <strong className="tabular-nums">{question.average === null ? '–' : question.average.toFixed(1)}</strong> of 5 ·{' '}
              {question.distribution.map((count, rating) => `${count}× ${rating + 1}`).join(', ')}
            </p>
          ) : question.kind === 'CHOICE' ? (
            <ul className="mt-2 grid gap-1">
              {question.counts.map((entry) => (
                <li key={entry.option} className="flex items-center gap-3">
                  <span className="min-w-40">{entry.option}</span>
                  <span className="h-3 rounded-full bg-accent" style={{ width: `${question.answered ? (entry.count / question.answered) * 12 : 0}rem` }} aria-hidden="true" />
                  <span className="tabular-nums text-muted">{entry.count}</span>
                </li>
              ))}
            </ul>
          ) : (
            <ul className="mt-2 grid gap-2">
              {question.texts.map((entry, position) => (
                <li key={position}>
                  <span className="text-[0.9rem] text-muted">{entry.name}:</span> <span className="whitespace-pre-wrap break-words">{entry.text}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
