'use client';

// The week's discussion prompts and reflection tasks on the fellow's home: each with an answer
// that saves a moment after typing stops (and when the field loses focus), until the group's
// meeting on the week starts. Where the cohort shares answers, the group's appear under a
// prompt once the fellow has answered it.
import { useEffect, useId, useRef, useState } from 'react';
import { inputClasses } from '@/components/ui/button-styles';
import { formatMoment } from '@/lib/format-time';
import { RESPONSE_MAX_LENGTH } from '@/lib/schemas/progress';
import type { FellowPrompt } from '@/server/services/progress/build-fellow-home';
import type { GroupAnswer } from '@/server/services/prompts/group-answers';
import { errorMessage } from '@/trpc/errors';
import { useTRPCClient } from '@/trpc/react';

const SAVE_AFTER_MS = 1200;

type SaveState = { kind: 'idle' | 'unsaved' | 'saving' | 'saved' } | { kind: 'error'; message: string };

export function WeekPrompts({
  cohortSlug,
  title,
  prompts,
  closesAt,
  closed,
  timeZone,
  readOnly,
}: {
  cohortSlug: string;
  /** "Discuss this week", or the closing section's title. */
  title: string;
  prompts: FellowPrompt[];
  closesAt: Date | null;
  /** The meeting has begun (decided on the server, with the page's clock). */
  closed: boolean;
  timeZone: string;
  readOnly: boolean;
}) {
  const headingId = useId();
  if (prompts.length === 0) return null;
  const answered = prompts.filter((prompt) => prompt.answer.trim() !== '').length;
  return (
    <section aria-labelledby={headingId} className="mt-10">
      <h2 id={headingId} className="text-xl font-semibold">
        {title}
      </h2>
      <p className="mt-1 text-[0.95rem] text-muted">
        {answered} of {prompts.length} answered.{' '}
        {closed
          ? 'Answers closed when your meeting began.'
          : closesAt
            ? `Your facilitator reads your answers before the meeting; you can change them until it starts (${formatMoment(closesAt, timeZone)}).`
            : 'Your facilitator reads your answers before the meeting. They save as you type.'}
      </p>
      <ol className="mt-4 space-y-6">
        {prompts.map((prompt, index) => (
          <li key={prompt.id}>
            <PromptAnswer cohortSlug={cohortSlug} prompt={prompt} number={index + 1} readOnly={readOnly || closed} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function PromptAnswer({ cohortSlug, prompt, number, readOnly }: { cohortSlug: string; prompt: FellowPrompt; number: number; readOnly: boolean }) {
  const client = useTRPCClient();
  const id = useId();
  const [text, setText] = useState(prompt.answer);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [groupAnswers, setGroupAnswers] = useState<GroupAnswer[] | null>(prompt.groupAnswers);
  const saved = useRef(prompt.answer.trim());
  const latest = useRef(prompt.answer);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const queue = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => () => clearTimeout(timer.current), []);

  function save() {
    clearTimeout(timer.current);
    const value = latest.current.trim();
    if (value.length > RESPONSE_MAX_LENGTH) return;
    if (value === saved.current) {
      setState((current) => (current.kind === 'unsaved' ? { kind: 'saved' } : current));
      return;
    }
    setState({ kind: 'saving' });
    // One save at a time, so an older text never lands after a newer one.
    queue.current = queue.current.then(() =>
      client.progress.saveResponse.mutate({ cohort: cohortSlug, promptId: prompt.id, text: value }).then(
        (result) => {
          saved.current = value;
          if (result.groupAnswers) setGroupAnswers(result.groupAnswers);
          setState(latest.current.trim() === value ? { kind: 'saved' } : { kind: 'unsaved' });
        },
        (error: unknown) => setState({ kind: 'error', message: errorMessage(error) }),
      ),
    );
  }

  const tooLong = text.trim().length > RESPONSE_MAX_LENGTH;
  const status = tooLong
    ? `Too long to save: keep it under ${RESPONSE_MAX_LENGTH.toLocaleString('en-US')} characters.`
    : state.kind === 'unsaved'
      ? 'Not saved yet'
      : state.kind === 'saving'
        ? 'Saving…'
        : state.kind === 'saved'
          ? 'Saved'
          : state.kind === 'error'
            ? `Not saved: ${state.message}`
            : null;

  return (
    <div>
      <div id={`${id}-prompt`} className="flex gap-2">
        <span className="font-semibold tabular-nums" aria-hidden="true">
          {number}.
        </span>
        <div className="min-w-0">
          {prompt.kind === 'REFLECTION' ? <span className="text-sm font-medium uppercase tracking-wide text-muted">Reflection · </span> : null}
          {/* Sanitised by renderMarkdown on the server. */}
          <span className="[&_a]:underline [&_p]:inline" dangerouslySetInnerHTML={{ __html: prompt.html }} />
        </div>
      </div>
      <label htmlFor={`${id}-answer`} className="sr-only">
        Your answer to prompt {number}
      </label>
      <textarea
        id={`${id}-answer`}
        rows={4}
        value={text}
        readOnly={readOnly}
        aria-describedby={`${id}-prompt ${id}-status`}
        aria-invalid={tooLong || state.kind === 'error' ? true : undefined}
        placeholder={readOnly ? 'No answer.' : 'Your answer (markdown works: **bold**, lists, links)'}
        onChange={(event) => {
          setText(event.target.value);
          latest.current = event.target.value;
          setState({ kind: 'unsaved' });
          clearTimeout(timer.current);
          timer.current = setTimeout(save, SAVE_AFTER_MS);
        }}
        onBlur={save}
        className={`mt-2 min-h-24 ${inputClasses}`}
      />
      <p
        id={`${id}-status`}
        role="status"
        className={`mt-1 min-h-6 text-[0.9rem] ${tooLong || state.kind === 'error' ? 'text-danger' : state.kind === 'saved' ? 'text-success' : 'text-muted'}`}
      >
        {state.kind === 'saved' && !tooLong ? <span aria-hidden="true">✓ </span> : null}
        {status}
      </p>
      {groupAnswers ? (
        <details className="mt-2 rounded-lg border border-line bg-surface-muted px-4 py-2">
          <summary className="cursor-pointer text-[0.95rem] font-medium">
            Your group’s answers ({groupAnswers.length})
          </summary>
          {groupAnswers.length === 0 ? (
            <p className="mt-2 text-[0.95rem] text-muted">Nobody else in your group has answered yet.</p>
          ) : (
            <ul className="mt-2 space-y-3">
              {groupAnswers.map((answer, index) => (
                <li key={index}>
                  <p className="text-sm font-semibold">{answer.name}</p>
                  <p className="whitespace-pre-wrap break-words text-[0.95rem]">{answer.text}</p>
                </li>
              ))}
            </ul>
          )}
        </details>
      ) : null}
    </div>
  );
}
