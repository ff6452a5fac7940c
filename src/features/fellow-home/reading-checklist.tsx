'use client';

// A week's readings with a box to tick each one: core readings under their sections, the
// optional ones apart below them. The box sits in a 44 px label, a tap target for phones; its
// name is the reading's title, whose link opens the reading.
import { toSafeLinkUrl } from '@/lib/safe-url';
import { describeItemTime } from '@/lib/syllabus-totals';
import type { FellowReading, FellowWeek } from '@/server/services/progress/build-fellow-home';
import type { TickTarget } from './use-reading-ticks';

const KIND_LABELS: Record<FellowReading['kind'], string | null> = { READING: null, VIDEO: 'Video', NOTEBOOK: 'Notebook', EXERCISE: 'Exercise' };

export type TickProps = {
  isDone: (itemId: string) => boolean;
  onTick: (reading: TickTarget, done: boolean) => void;
  /** Archived cohorts: the boxes show what was done and cannot change. */
  readOnly: boolean;
};

function ReadingTitle({ reading }: { reading: FellowReading }) {
  const href = toSafeLinkUrl(reading.url);
  if (!href) return <span className="font-medium">{reading.title}</span>;
  return (
    <a href={href} className={`font-medium ${href.startsWith('mailto:') ? '' : 'syl-ext'}`}>
      {reading.title}
    </a>
  );
}

function ReadingRow({ reading, isDone, onTick, readOnly }: { reading: FellowReading } & TickProps) {
  const done = isDone(reading.id);
  const kind = KIND_LABELS[reading.kind];
  return (
    <li className="flex items-start gap-2 border-t border-line py-2 first:border-t-0">
      <label className="-ml-2 flex size-11 shrink-0 cursor-pointer items-center justify-center rounded-lg hover:bg-surface-muted has-disabled:cursor-not-allowed">
        <input
          type="checkbox"
          className="size-6 cursor-pointer accent-accent disabled:cursor-not-allowed sm:size-5"
          checked={done}
          disabled={readOnly}
          onChange={(event) => onTick({ id: reading.id, title: reading.title }, event.target.checked)}
        />
        <span className="sr-only">{reading.title}</span>
      </label>
      <div className="min-w-0 pt-2.5">
        <ReadingTitle reading={reading} />
        {kind ? <span className="ml-2 inline-flex rounded-full border border-line bg-surface-muted px-2 text-[0.8rem] leading-5 font-medium whitespace-nowrap text-muted">{kind}</span> : null}
        <span className="mt-0.5 block text-[0.9rem] text-muted">
          {done ? <span className="font-medium text-success">Done · </span> : null}
          {describeItemTime(reading)}
          {reading.note ? ` · ${reading.note}` : ''}
        </span>
      </div>
    </li>
  );
}

export function ReadingChecklist({ week, headingLevel = 3, ...tick }: { week: FellowWeek; headingLevel?: 3 | 4 } & TickProps) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const coreSections = week.sections
    .map((section) => ({ ...section, readings: section.readings.filter((reading) => reading.core) }))
    .filter((section) => section.readings.length > 0);
  const optional = week.sections.flatMap((section) => section.readings.filter((reading) => !reading.core));
  if (coreSections.length === 0 && optional.length === 0) return <p className="mt-4 text-muted">No readings for this week yet.</p>;

  return (
    <div>
      {coreSections.map((section) => (
        <div key={section.id} className="mt-6">
          <Heading className="border-b border-line pb-2 text-lg font-semibold">{section.title}</Heading>
          <ul className="mt-1">
            {section.readings.map((reading) => (
              <ReadingRow key={reading.id} reading={reading} {...tick} />
            ))}
          </ul>
        </div>
      ))}
      {optional.length > 0 ? (
        <div className="mt-6 rounded-xl bg-surface-muted px-4 py-3">
          <Heading className="text-lg font-semibold">Optional readings</Heading>
          <p className="text-[0.95rem] text-muted">For when you have time; they do not count towards your progress.</p>
          <ul className="mt-1">
            {optional.map((reading) => (
              <ReadingRow key={reading.id} reading={reading} {...tick} />
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
