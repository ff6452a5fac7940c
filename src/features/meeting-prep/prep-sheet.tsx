// The facilitator's prep sheet: the week at a glance (readings, prompts with how many answered),
// then one card per fellow with what they read, what they wrote, how they attend, what they
// ran and how they stand. Server-rendered and printable: cards do not split across pages.
import { Badge } from '@/components/ui/badge';
import { formatMeetingWhen } from '@/lib/meeting-format';
import { formatDayOfMonth } from '@/features/standing/format-progress';
import { STANDING_LABELS } from '@/lib/standing';
import type { MeetingPrep } from '@/server/services/meetings/meeting-prep';

type Fellow = MeetingPrep['fellows'][number];

const formatScore = (value: number) => (Math.abs(value) >= 1000 || Math.abs(value) < 0.01 ? value.toPrecision(3) : value.toFixed(3).replace(/\.?0+$/, ''));

export function PrepSheet({ prep }: { prep: MeetingPrep }) {
  const core = prep.readings.filter((reading) => reading.core);
  return (
    <div className="mt-6 space-y-8 print:mt-2 print:space-y-4">
      <section aria-labelledby="week-glance" className="rounded-xl border border-line bg-surface p-5 print:border-0 print:p-0">
        <h2 id="week-glance" className="text-xl font-semibold">
          {prep.week ? `${prep.week.label}: ${prep.week.title}` : 'A meeting without a syllabus week'}
        </h2>
        <p className="mt-1 text-muted">
          {prep.fellows.length} {prep.fellows.length === 1 ? 'fellow' : 'fellows'} · {prep.meetingsHeld}{' '}
          {prep.meetingsHeld === 1 ? 'meeting' : 'meetings'} held before this one
        </p>
        {core.length ? (
          <>
            <h3 className="mt-4 font-semibold">Core readings</h3>
            <ul className="mt-1 space-y-1">
              {core.map((reading) => {
                const done = prep.fellows.filter((fellow) => fellow.readingsDone.includes(reading.id)).length;
                return (
                  <li key={reading.id} className="flex flex-wrap justify-between gap-x-4">
                    <span>{reading.title}</span>
                    <span className="tabular-nums text-muted">
                      {done} of {prep.fellows.length} read
                    </span>
                  </li>
                );
              })}
            </ul>
          </>
        ) : null}
        {prep.prompts.length ? (
          <>
            <h3 className="mt-4 font-semibold">Prompts</h3>
            <ol className="mt-1 list-decimal space-y-1 pl-6">
              {prep.prompts.map((prompt) => (
                <li key={prompt.id}>
                  <span className="whitespace-pre-wrap">{prompt.text}</span>{' '}
                  <span className="whitespace-nowrap tabular-nums text-muted">
                    ({prompt.answered} of {prep.fellows.length} answered)
                  </span>
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </section>

      {prep.fellows.length === 0 ? (
        <p className="text-muted">No fellows in this group yet.</p>
      ) : (
        <ul aria-label="Fellows" className="space-y-4">
          {prep.fellows.map((fellow) => (
            <li key={fellow.membershipId}>
              <FellowCard fellow={fellow} prep={prep} coreCount={core.length} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function FellowCard({ fellow, prep, coreCount }: { fellow: Fellow; prep: MeetingPrep; coreCount: number }) {
  const coreDone = prep.readings.filter((reading) => reading.core && fellow.readingsDone.includes(reading.id)).length;
  const notRead = prep.readings.filter((reading) => reading.core && !fellow.readingsDone.includes(reading.id));
  const { attendance } = fellow;
  const tone = fellow.standing.atRisk ? 'warning' : fellow.standing.status === 'completed' ? 'accent' : 'neutral';
  return (
    <article
      aria-label={fellow.name}
      className={`break-inside-avoid rounded-xl border bg-surface p-5 print:rounded-none print:border-x-0 print:border-b-0 print:px-0 print:py-3 ${fellow.standing.atRisk ? 'border-warning/60' : 'border-line'}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-lg font-semibold">{fellow.name}</h3>
        <Badge tone={tone}>
          {fellow.standing.atRisk ? <span aria-hidden="true">⚠&nbsp;</span> : null}
          {STANDING_LABELS[fellow.standing.status]}
        </Badge>
      </div>
      {fellow.standing.reasons.length ? <p className="text-[0.9rem] text-warning">{fellow.standing.reasons.join('; ')}</p> : null}

      <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-[0.95rem] sm:grid-cols-3 print:grid-cols-3">
        <div>
          <dt className="font-medium text-muted">This week’s readings</dt>
          <dd>
            {coreCount ? `${coreDone} of ${coreCount} core done` : 'No core readings'}
            {notRead.length && notRead.length < coreCount ? <span className="block text-muted">Not yet: {notRead.map((reading) => reading.title).join(', ')}</span> : null}
          </dd>
        </div>
        <div>
          <dt className="font-medium text-muted">Attendance so far</dt>
          <dd>
            {attendance.held === 0
              ? 'No meetings yet'
              : `${attendance.present + attendance.late} of ${attendance.held} attended${attendance.absent ? `, ${attendance.absent} missed` : ''}${attendance.excused ? `, ${attendance.excused} excused` : ''}`}
            {fellow.missedLast ? <span className="block text-warning">Missed the last meeting</span> : null}
          </dd>
        </div>
        <div>
          <dt className="font-medium text-muted">Exercise runs</dt>
          <dd>
            {fellow.exercises.length === 0 ? (
              'No exercises'
            ) : (
              <ul>
                {fellow.exercises.map((exercise) => (
                  <li key={exercise.slug}>
                    {exercise.title}:{' '}
                    {exercise.runs === 0
                      ? 'none yet'
                      : `${exercise.best !== null ? `best ${formatScore(exercise.best)}, ` : 'no result, '}${exercise.runs} ${exercise.runs === 1 ? 'run' : 'runs'}${exercise.failed ? `, ${exercise.failed} failed` : ''}${exercise.noResult ? `, ${exercise.noResult} without a result (NaN)` : ''}`}
                    {exercise.ranWithoutReading.length ? (
                      <span className="block text-warning">Ran it before reading {exercise.ranWithoutReading.map((title) => `“${title}”`).join(', ')}</span>
                    ) : null}
                    {exercise.readButNotRun ? <span className="block text-muted">Has done the readings it builds on; no run yet</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>

      {fellow.notes.length ? (
        <div className="mt-3">
          <h4 className="text-[0.95rem] font-medium text-muted">Notes from earlier meetings (facilitators only)</h4>
          <ul className="mt-1 space-y-1 text-[0.95rem]">
            {fellow.notes.map((note, index) => (
              <li key={index}>
                <span className="text-muted">{formatDayOfMonth(note.at, prep.cohort.timeZone)}:</span>{' '}
                {note.text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {prep.prompts.length ? (
        <div className="mt-3">
          <h4 className="text-[0.95rem] font-medium text-muted">Answers</h4>
          <ol className="mt-1 list-decimal space-y-2 pl-6">
            {prep.prompts.map((prompt, index) => {
              const answer = fellow.answers[index];
              return (
                <li key={prompt.id}>
                  {answer && answer.text.trim() !== '' ? (
                    <p className="whitespace-pre-wrap break-words">{answer.text}</p>
                  ) : (
                    <p className="text-muted italic">No answer yet.</p>
                  )}
                </li>
              );
            })}
          </ol>
        </div>
      ) : null}
    </article>
  );
}

export function describePrepMeeting(prep: MeetingPrep): string {
  return formatMeetingWhen(prep.meeting.startsAt, prep.meeting.minutes, prep.cohort.timeZone);
}
