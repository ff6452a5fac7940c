'use client';

// The weekly check-in on the fellow's home: how useful was this week, from 1 to 5, and an
// optional comment. A tap on a number saves it; the comment saves with the "Send" button or when
// the field loses focus. The organisers read these (their feedback page).
import { useId, useState } from 'react';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';
import { CHECK_IN_COMMENT_MAX } from '@/lib/schemas/progress';
import { errorMessage } from '@/trpc/errors';
import { useTRPCClient } from '@/trpc/react';

const LABELS = ['Not useful', 'A little', 'Somewhat', 'Useful', 'Very useful'];

export function WeekCheckIn({
  cohortSlug,
  weekId,
  weekName,
  initial,
  readOnly,
}: {
  cohortSlug: string;
  weekId: string;
  weekName: string;
  initial: { rating: number; comment: string } | null;
  readOnly: boolean;
}) {
  const client = useTRPCClient();
  const id = useId();
  const [rating, setRating] = useState<number | null>(initial?.rating ?? null);
  const [comment, setComment] = useState(initial?.comment ?? '');
  const [saved, setSaved] = useState(initial);
  const [status, setStatus] = useState<{ tone: 'muted' | 'success' | 'danger'; text: string } | null>(null);

  async function save(next: { rating: number; comment: string }) {
    if (saved && saved.rating === next.rating && saved.comment === next.comment.trim()) return;
    setStatus({ tone: 'muted', text: 'Saving…' });
    try {
      const result = await client.progress.saveCheckIn.mutate({ cohort: cohortSlug, weekId, rating: next.rating, comment: next.comment });
      setSaved({ rating: result.rating, comment: result.comment });
      setStatus({ tone: 'success', text: 'Thank you: saved.' });
    } catch (error) {
      setStatus({ tone: 'danger', text: `Not saved: ${errorMessage(error)}` });
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="mt-10 rounded-xl border border-line bg-surface p-5">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        How useful was {weekName}?
      </h2>
      <p className="text-[0.95rem] text-muted">The organisers read these to improve the readings and meetings.</p>
      <fieldset className="mt-3" disabled={readOnly}>
        <legend className="sr-only">How useful was {weekName}, from 1 (not useful) to 5 (very useful)</legend>
        <div className="flex flex-wrap gap-2">
          {LABELS.map((label, index) => {
            const value = index + 1;
            const checked = rating === value;
            return (
              <label
                key={value}
                className={`inline-flex min-h-11 min-w-11 cursor-pointer flex-col items-center justify-center rounded-lg border px-3 py-1 text-center has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-accent ${checked ? 'border-accent bg-accent-soft font-semibold text-accent-strong' : 'border-line hover:bg-surface-muted'}`}
              >
                <input
                  type="radio"
                  name={`${id}-rating`}
                  value={value}
                  checked={checked}
                  onChange={() => {
                    setRating(value);
                    void save({ rating: value, comment });
                  }}
                  className="sr-only"
                />
                <span className="text-lg tabular-nums">{value}</span>
                <span className="text-[0.75rem] text-muted">{label}</span>
              </label>
            );
          })}
        </div>
      </fieldset>
      <label htmlFor={`${id}-comment`} className="mt-4 block font-medium">
        Anything to add? <span className="font-normal text-muted">(optional)</span>
      </label>
      <textarea
        id={`${id}-comment`}
        rows={2}
        maxLength={CHECK_IN_COMMENT_MAX}
        value={comment}
        readOnly={readOnly}
        onChange={(event) => setComment(event.target.value)}
        onBlur={() => {
          if (rating !== null) void save({ rating, comment });
        }}
        placeholder="What worked, what did not?"
        className={`mt-1 ${inputClasses}`}
      />
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <button
          type="button"
          className={buttonClasses('secondary', 'sm')}
          disabled={readOnly || rating === null}
          onClick={() => rating !== null && void save({ rating, comment })}
        >
          Send
        </button>
        <p role="status" className={`min-h-6 text-[0.9rem] ${status?.tone === 'danger' ? 'text-danger' : status?.tone === 'success' ? 'text-success' : 'text-muted'}`}>
          {rating === null && !status ? 'Choose a number first.' : status?.text}
        </p>
      </div>
    </section>
  );
}
