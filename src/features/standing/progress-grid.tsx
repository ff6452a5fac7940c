'use client';

// A client component for its payload, not for interactivity: a server component's table goes
// to the browser twice, as HTML and as the RSC tree of every cell with its classes (224 KB of a
// 50-fellow grid's 333 KB). As a client component only its data travels beside the HTML, and
// the browser builds the same table from it (ADR 0033).
import { StandingBadge } from './standing-badge';
import { describeAttendance, describeLastActivity, formatDay, formatScore } from './format-progress';
import type { ProgressGridData } from './progress-grid-data';

/**
 * Fellows × readings. Done cells carry a check mark and the day, not-done ones a dash and
 * the words "not done" for screen readers: colour only echoes the text. On small screens the
 * grid scrolls sideways with the fellows' names kept in view. The scroller is `relative` so the
 * screen-reader-only texts (absolutely positioned) of cells scrolled out of view stay inside
 * it instead of widening the whole page.
 */
export function ProgressGrid({ progress, now }: { progress: ProgressGridData; now: Date }) {
  const { items, fellows, cohort } = progress;
  return (
    <div className="relative overflow-x-auto rounded-xl border border-line bg-surface" tabIndex={0} role="region" aria-label="Readings done by each fellow">
      <table className="w-full border-collapse text-[0.92rem]">
        <caption className="sr-only">
          Readings done by each fellow of {progress.group.name}, with attendance and standing. At-risk fellows come first.
        </caption>
        <thead>
          <tr className="border-b border-line align-bottom">
            <th scope="col" className="sticky left-0 z-10 min-w-44 bg-surface px-3 py-2 text-left font-semibold">
              Fellow
            </th>
            <th scope="col" className="min-w-32 px-3 py-2 text-left font-semibold">Standing</th>
            <th scope="col" className="min-w-36 px-3 py-2 text-left font-semibold">Attendance</th>
            <th scope="col" className="min-w-28 px-3 py-2 text-left font-semibold">Core readings</th>
            <th scope="col" className="min-w-32 px-3 py-2 text-left font-semibold">Exercises</th>
            <th scope="col" className="min-w-28 px-3 py-2 text-left font-semibold">Last activity</th>
            {items.map((item) => (
              <th key={item.id} scope="col" className="w-28 min-w-28 px-2 py-2 text-left align-bottom text-[0.82rem] font-medium">
                <span className="block text-muted">
                  {item.unitLabel}
                  {item.core ? '' : ' · optional'}
                </span>
                <span className="line-clamp-3" title={item.title}>
                  {item.title}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {fellows.map((fellow) => (
            <tr key={fellow.membershipId} className="border-b border-line last:border-b-0">
              <th scope="row" className="sticky left-0 z-10 bg-surface px-3 py-2 text-left font-medium">
                {fellow.name}
              </th>
              <td className="px-3 py-2">
                <StandingBadge standing={fellow.standing} />
              </td>
              <td className="px-3 py-2">{describeAttendance(fellow.standing.attendance)}</td>
              <td className="px-3 py-2">
                {fellow.coreDone} of {progress.coreTotal}
                {progress.coreDue ? <span className="block text-[0.8rem] text-muted">{fellow.coreDoneOfDue} of {progress.coreDue} due</span> : null}
              </td>
              <td className="px-3 py-2">
                {fellow.exercises.length === 0 ? (
                  <span className="text-muted">None in this syllabus</span>
                ) : (
                  <ul>
                    {fellow.exercises.map((exercise) => (
                      <li key={exercise.slug}>
                        <span className="font-medium">{exercise.slug}</span>:{' '}
                        {exercise.runs === 0 ? (
                          <span className="text-warning">no runs yet</span>
                        ) : (
                          <>
                            {exercise.runs} {exercise.runs === 1 ? 'run' : 'runs'}
                            {exercise.best !== null ? <span className="block text-[0.8rem] text-muted">best {formatScore(exercise.best)}</span> : null}
                          </>
                        )}
                        {exercise.ranWithoutReading ? <span className="block text-[0.8rem] text-warning">ran it without the reading</span> : null}
                        {exercise.readButNotRun ? <span className="block text-[0.8rem] text-muted">read, not run yet</span> : null}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="px-3 py-2">{describeLastActivity(fellow.lastActivityAt, now, cohort.timeZone)}</td>
              {fellow.done.map((doneAt, index) => (
                <td key={items[index]!.id} className={`px-2 py-2 ${doneAt ? 'bg-success-soft text-success' : 'text-muted'}`}>
                  {doneAt ? (
                    <>
                      <span aria-hidden="true">✓ </span>
                      <span className="sr-only">Done </span>
                      <span className="text-[0.82rem]">{formatDay(new Date(doneAt), cohort.timeZone)}</span>
                    </>
                  ) : (
                    <>
                      <span aria-hidden="true">–</span>
                      <span className="sr-only">Not done</span>
                    </>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
