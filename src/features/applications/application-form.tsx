'use client';

// The public application form: name, email, the role (where the cohort takes facilitators) and
// the cohort's questions, each kind with its own control. Signed out, sending it stores the
// application and emails a link that confirms it; signed in with the same address, it is saved
// at once. Every problem shows beside its question, and a summary at the top links to them.
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { buttonClasses, inputClasses } from '@/components/ui/button-styles';
import { FieldError } from '@/components/ui/field-error';
import { requestSignInLink } from '@/features/auth/request-sign-in-link';
import { LONG_ANSWER_MAX, SHORT_ANSWER_MAX } from '@/lib/schemas/applications';
import { errorMessage, formFieldErrors } from '@/trpc/errors';
import { useTRPC } from '@/trpc/react';

export type FormQuestionView = {
  id: string;
  kind: 'SHORT_TEXT' | 'LONG_TEXT' | 'SINGLE_CHOICE' | 'MULTIPLE_CHOICE' | 'LINK' | 'YES_NO';
  label: string;
  help: string;
  required: boolean;
  options: string[];
  forRole: 'FELLOW' | 'FACILITATOR' | null;
};

type Answer = string | string[] | boolean;

export function ApplicationForm({
  cohort,
  questions,
  acceptFacilitators,
  signedInEmail,
  initial,
}: {
  cohort: string;
  questions: FormQuestionView[];
  acceptFacilitators: boolean;
  /** The signed-in person's address: the application is theirs, no link needed. */
  signedInEmail: string | null;
  initial: { name: string; role: 'FELLOW' | 'FACILITATOR'; answers: Record<string, Answer> } | null;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const summaryRef = useRef<HTMLDivElement>(null);
  const [email, setEmail] = useState(signedInEmail ?? '');
  const [name, setName] = useState(initial?.name ?? '');
  const [role, setRole] = useState<'FELLOW' | 'FACILITATOR'>(initial?.role ?? 'FELLOW');
  const [answers, setAnswers] = useState<Record<string, Answer>>(initial?.answers ?? {});
  const [outcome, setOutcome] = useState<{ kind: 'check-email'; email: string } | { kind: 'saved' } | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);

  const submit = useMutation(
    trpc.applications.submit.mutationOptions({
      onSuccess: async (result) => {
        if (result.needsConfirmation) {
          const sent = await requestSignInLink(result.email, `/apply/${cohort}?confirmed=1`);
          if (!sent.ok) setLinkError(sent.message);
          else setOutcome({ kind: 'check-email', email: result.email });
        } else {
          setOutcome({ kind: 'saved' });
          router.refresh();
        }
      },
    }),
  );
  // A refused send moves focus to the summary of what to fix.
  useEffect(() => {
    if (submit.error) summaryRef.current?.focus();
  }, [submit.error]);
  const errors = submit.error ? formFieldErrors(submit.error) : {};
  const issues = Object.entries(errors);
  const asked = questions.filter((question) => !question.forRole || question.forRole === role);

  function setAnswer(questionId: string, value: Answer) {
    setAnswers((current) => ({ ...current, [questionId]: value }));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setOutcome(null);
    setLinkError(null);
    const shown = Object.fromEntries(asked.flatMap((question) => (answers[question.id] === undefined ? [] : [[question.id, answers[question.id]!]])));
    submit.mutate({ cohort, email, name, role, answers: shown });
  }

  if (outcome?.kind === 'check-email') {
    return (
      <Alert tone="success" role="status">
        <strong>Check your inbox.</strong> We sent a link to {outcome.email}. Follow it within a day to confirm your address: your application reaches the
        organisers then.
      </Alert>
    );
  }

  const fieldId = (key: string) => `${id}-${key.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-6">
      <div ref={summaryRef} tabIndex={-1} aria-live="assertive" className="outline-none">
        {submit.error ? (
          <Alert tone="error" role="alert">
            <p>{issues.length > 1 ? `${issues.length} answers need attention:` : errorMessage(submit.error)}</p>
            {issues.length > 1 ? (
              <ul className="mt-2 list-disc pl-5">
                {issues.map(([path, messages]) => (
                  <li key={path}>
                    <a href={`#${fieldId(path)}`}>{messages[0]}</a>
                  </li>
                ))}
              </ul>
            ) : null}
          </Alert>
        ) : null}
        {linkError ? (
          <Alert tone="error" role="alert">
            Your application is saved, but we could not send the link that confirms it: {linkError}
          </Alert>
        ) : null}
        {outcome?.kind === 'saved' ? (
          <Alert tone="success" role="status">
            Saved. You can change your answers until the deadline.
          </Alert>
        ) : null}
      </div>

      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor={fieldId('name')} className="block font-medium">
            Your name
          </label>
          <input id={fieldId('name')} value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" maxLength={200} aria-invalid={errors.name ? true : undefined} aria-describedby={errors.name ? `${fieldId('name')}-error` : undefined} className={`mt-1 ${inputClasses}`} />
          <FieldError id={`${fieldId('name')}-error`} messages={errors.name ?? null} />
        </div>
        <div>
          <label htmlFor={fieldId('email')} className="block font-medium">
            Email address
          </label>
          <input
            id={fieldId('email')}
            type="email"
            inputMode="email"
            autoComplete="email"
            value={email}
            readOnly={signedInEmail !== null}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={`${fieldId('email')}-hint${errors.email ? ` ${fieldId('email')}-error` : ''}`}
            className={`mt-1 ${inputClasses} read-only:bg-surface-muted`}
          />
          <p id={`${fieldId('email')}-hint`} className="mt-1 text-[0.9rem] text-muted">
            {signedInEmail ? 'You are signed in with this address.' : 'We email you a link to confirm it.'}
          </p>
          <FieldError id={`${fieldId('email')}-error`} messages={errors.email ?? null} />
        </div>
      </div>

      {acceptFacilitators ? (
        <fieldset>
          <legend className="font-medium">You apply as</legend>
          <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
            {(['FELLOW', 'FACILITATOR'] as const).map((value) => (
              <label key={value} className="inline-flex min-h-11 items-center gap-2">
                <input type="radio" name={`${id}-role`} className="size-4" checked={role === value} onChange={() => setRole(value)} />
                {value === 'FELLOW' ? 'A fellow (a participant)' : 'A facilitator (you lead a group)'}
              </label>
            ))}
          </div>
          <FieldError id={`${fieldId('role')}-error`} messages={errors.role ?? null} />
        </fieldset>
      ) : null}

      {asked.map((question) => (
        <QuestionField key={question.id} question={question} fieldId={fieldId(`answers.${question.id}`)} value={answers[question.id]} onChange={(value) => setAnswer(question.id, value)} errors={errors[`answers.${question.id}`] ?? null} />
      ))}

      <div>
        <button type="submit" className={buttonClasses('primary')} disabled={submit.isPending}>
          {submit.isPending ? 'Sending…' : initial ? 'Save my answers' : 'Send my application'}
        </button>
      </div>
    </form>
  );
}

function QuestionField({ question, fieldId, value, onChange, errors }: { question: FormQuestionView; fieldId: string; value: Answer | undefined; onChange: (value: Answer) => void; errors: string[] | null }) {
  const invalid = errors ? true : undefined;
  const describedBy = [question.help ? `${fieldId}-help` : null, errors ? `${fieldId}-error` : null].filter(Boolean).join(' ') || undefined;
  const label = (
    <>
      {question.label}
      {question.required ? <span className="text-muted"> (required)</span> : <span className="text-muted"> (optional)</span>}
    </>
  );
  const help = question.help ? (
    <p id={`${fieldId}-help`} className="mt-1 text-[0.9rem] text-muted whitespace-pre-line">
      {question.help}
    </p>
  ) : null;
  const error = <FieldError id={`${fieldId}-error`} messages={errors} />;

  if (question.kind === 'SINGLE_CHOICE' || question.kind === 'MULTIPLE_CHOICE' || question.kind === 'YES_NO') {
    const options = question.kind === 'YES_NO' ? ['Yes', 'No'] : question.options;
    const multiple = question.kind === 'MULTIPLE_CHOICE';
    const chosen = (option: string) =>
      question.kind === 'YES_NO' ? value === (option === 'Yes') : multiple ? Array.isArray(value) && value.includes(option) : value === option;
    const toggle = (option: string, checked: boolean) => {
      if (question.kind === 'YES_NO') onChange(option === 'Yes');
      else if (multiple) {
        const current = Array.isArray(value) ? value : [];
        onChange(checked ? [...current, option] : current.filter((entry) => entry !== option));
      } else onChange(option);
    };
    return (
      <fieldset id={fieldId} tabIndex={-1} aria-describedby={describedBy} aria-invalid={invalid} className="outline-none">
        <legend className="font-medium">{label}</legend>
        {help}
        <div className="mt-2 grid gap-1">
          {options.map((option) => (
            <label key={option} className="inline-flex min-h-11 items-center gap-2">
              <input type={multiple ? 'checkbox' : 'radio'} name={fieldId} className="size-4 shrink-0" checked={chosen(option)} onChange={(event) => toggle(option, event.target.checked)} />
              {option}
            </label>
          ))}
        </div>
        {error}
      </fieldset>
    );
  }

  const text = typeof value === 'string' ? value : '';
  const max = question.kind === 'LONG_TEXT' ? LONG_ANSWER_MAX : SHORT_ANSWER_MAX;
  return (
    <div>
      <label htmlFor={fieldId} className="block font-medium">
        {label}
      </label>
      {help}
      {question.kind === 'LONG_TEXT' ? (
        <>
          <textarea id={fieldId} rows={6} value={text} onChange={(e) => onChange(e.target.value)} aria-invalid={invalid} aria-describedby={describedBy} className={`mt-1 ${inputClasses}`} />
          <p className={`mt-1 text-right text-[0.85rem] ${text.length > max ? 'font-semibold text-danger' : 'text-muted'}`}>
            {text.length.toLocaleString('en')} / {max.toLocaleString('en')}
          </p>
        </>
      ) : (
        <input
          id={fieldId}
          type={question.kind === 'LINK' ? 'url' : 'text'}
          inputMode={question.kind === 'LINK' ? 'url' : undefined}
          placeholder={question.kind === 'LINK' ? 'https://' : undefined}
          value={text}
          maxLength={max + 50}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          className={`mt-1 ${inputClasses}`}
        />
      )}
      {error}
    </div>
  );
}
