// What fellows said about each week, for admins: a bar per week (the average, with how many
// answered and how the ratings spread), a table of weeks × groups, each facilitator's groups'
// average, and the comments. Server-rendered: numbers are text, bars only echo them.
import { Badge } from '@/components/ui/badge';
import type { FeedbackResults } from '@/server/services/feedback/feedback-results';

const format = (average: number | null) => (average === null ? '–' : average.toFixed(1));

function Bar({ average, label }: { average: number | null; label: string }) {
  const width = average === null ? 0 : (average / 5) * 100;
  return (
    <div className="flex items-center gap-2" aria-hidden="true" title={label}>
      <div className="h-3 w-40 max-w-full overflow-hidden rounded-full bg-surface-muted">
        <div className="h-full rounded-full bg-accent" style={{ width: `${width}%` }} />
      </div>
    </div>
  );
}

function Spread({ distribution }: { distribution: number[] }) {
  const most = Math.max(1, ...distribution);
  return (
    <div className="flex h-6 items-end gap-0.5" aria-hidden="true">
      {distribution.map((count, index) => (
        <div key={index} className="w-2.5 rounded-sm bg-accent/70" style={{ height: `${Math.max(count ? 12 : 2, (count / most) * 100)}%` }} />
      ))}
    </div>
  );
}

/** A cell's background from the average: the colour echoes the number printed in it. */
function heat(average: number | null): string {
  if (average === null) return '';
  if (average >= 4) return 'bg-success-soft';
  if (average < 3) return 'bg-warning-soft';
  return '';
}

export function FeedbackReport({ results }: { results: FeedbackResults }) {
  if (results.overall.count === 0) {
    return <p className="text-muted">No check-ins yet. Fellows rate each week on their cohort home, under the week’s readings.</p>;
  }
  return (
    <div className="grid gap-10">
      <section aria-labelledby="weeks-heading">
        <h2 id="weeks-heading" className="text-xl font-semibold">
          By week
        </h2>
        <p className="mt-1 text-muted">
          {results.overall.count} {results.overall.count === 1 ? 'check-in' : 'check-ins'}, {format(results.overall.average)} on average (1 not useful, 5 very useful).
        </p>
        <div className="mt-3 overflow-x-auto rounded-xl border border-line bg-surface">
          <table className="w-full text-left text-[0.95rem]">
            <thead className="border-b border-line text-muted">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Week</th>
                <th scope="col" className="px-4 py-2 font-medium">Average</th>
                <th scope="col" className="px-4 py-2 font-medium"><span className="sr-only">Average as a bar</span></th>
                <th scope="col" className="px-4 py-2 font-medium">Answers</th>
                <th scope="col" className="px-4 py-2 font-medium">Spread (1–5)</th>
              </tr>
            </thead>
            <tbody>
              {results.weeks.map((week) => (
                <tr key={week.id} className="border-b border-line last:border-b-0">
                  <th scope="row" className="px-4 py-2 font-medium">
                    {week.label}
                    <span className="block text-[0.85rem] font-normal text-muted">{week.title}</span>
                  </th>
                  <td className="px-4 py-2 tabular-nums">{format(week.average)}</td>
                  <td className="px-4 py-2">
                    <Bar average={week.average} label={`${format(week.average)} of 5`} />
                  </td>
                  <td className="px-4 py-2 tabular-nums">{week.count}</td>
                  <td className="px-4 py-2">
                    <Spread distribution={week.distribution} />
                    <span className="sr-only">
                      {week.distribution.map((count, index) => `${count} rated ${index + 1}`).join(', ')}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {results.groups.length ? (
        <section aria-labelledby="groups-heading">
          <h2 id="groups-heading" className="text-xl font-semibold">
            By group
          </h2>
          <div className="mt-3 overflow-x-auto rounded-xl border border-line bg-surface">
            <table className="w-full text-left text-[0.95rem]">
              <thead className="border-b border-line text-muted">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">Group</th>
                  <th scope="col" className="px-4 py-2 font-medium">All weeks</th>
                  {results.weeks.map((week) => (
                    <th key={week.id} scope="col" className="px-3 py-2 text-center font-medium whitespace-nowrap">
                      {week.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {results.groups.map((group) => (
                  <tr key={group.id} className="border-b border-line last:border-b-0">
                    <th scope="row" className="px-4 py-2 font-medium">
                      {group.name}
                      <span className="block text-[0.85rem] font-normal text-muted">{group.facilitators.join(', ') || 'No facilitator'}</span>
                    </th>
                    <td className="px-4 py-2 tabular-nums">
                      {format(group.average)} <span className="text-muted">({group.count})</span>
                    </td>
                    {results.weeks.map((week) => {
                      const cell = week.byGroup.find((entry) => entry.groupId === group.id)!;
                      return (
                        <td key={week.id} className={`px-3 py-2 text-center tabular-nums ${heat(cell.average)}`}>
                          {format(cell.average)}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {results.facilitators.length ? (
        <section aria-labelledby="facilitators-heading">
          <h2 id="facilitators-heading" className="text-xl font-semibold">
            By facilitator
          </h2>
          <p className="mt-1 text-muted">The check-ins of the fellows in the groups each facilitator leads.</p>
          <ul className="mt-3 grid gap-2">
            {results.facilitators.map((facilitator) => (
              <li key={facilitator.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded-lg border border-line bg-surface px-4 py-2">
                <span className="min-w-40 font-medium">{facilitator.name}</span>
                <span className="tabular-nums">{format(facilitator.average)}</span>
                <Bar average={facilitator.average} label={`${format(facilitator.average)} of 5`} />
                <span className="text-[0.9rem] text-muted">
                  {facilitator.count} {facilitator.count === 1 ? 'check-in' : 'check-ins'}, {facilitator.groups} {facilitator.groups === 1 ? 'group' : 'groups'}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="comments-heading">
        <h2 id="comments-heading" className="text-xl font-semibold">
          Comments
        </h2>
        {results.weeks.every((week) => week.comments.length === 0) ? (
          <p className="mt-1 text-muted">No comments yet.</p>
        ) : (
          results.weeks
            .filter((week) => week.comments.length)
            .map((week) => (
              <div key={week.id} className="mt-4">
                <h3 className="font-semibold">
                  {week.label}: {week.title}
                </h3>
                <ul className="mt-2 grid gap-2">
                  {week.comments.map((comment, index) => (
                    <li key={index} className="rounded-lg border border-line bg-surface px-4 py-2">
                      <p className="text-[0.9rem] text-muted">
                        {comment.name} <Badge>{comment.rating} of 5</Badge>
                      </p>
                      <p className="mt-1 whitespace-pre-wrap break-words">{comment.comment}</p>
                    </li>
                  ))}
                </ul>
              </div>
            ))
        )}
      </section>
    </div>
  );
}
