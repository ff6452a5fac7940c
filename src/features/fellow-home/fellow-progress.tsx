'use client';

// The fellow's week on the cohort home: what is left, the progress bars, the week's readings
// to tick, a private note, and the weeks that are over with what is still open. One client
// tree, so a tick anywhere moves every count on the page at once.
import { countReadings } from '@/lib/reading-progress';
import type { FellowHome } from '@/server/services/progress/build-fellow-home';
import { weekName, weekReadings } from './fellow-week';
import { PastWeeks } from './past-weeks';
import { ProgressSummary } from './progress-summary';
import { ReadingChecklist } from './reading-checklist';
import { TickNotice } from './tick-notice';
import { useReadingTicks } from './use-reading-ticks';
import { WeekCheckIn } from './week-check-in';
import { WeekPrompts } from './week-prompts';
import { WeekReflection } from './week-reflection';

export function FellowProgress({
  cohortSlug,
  fellow,
  timeZone,
  running,
  readOnly,
}: {
  cohortSlug: string;
  fellow: FellowHome;
  timeZone: string;
  /** The week shown is the one running now (not the first before the start, or the next after a break). */
  running: boolean;
  readOnly: boolean;
}) {
  const ticks = useReadingTicks(cohortSlug, fellow.doneItemIds);
  const tick = { isDone: ticks.isDone, onTick: ticks.setReadingDone, readOnly };
  const week = fellow.thisWeek;
  const cohort = countReadings(fellow.readings, ticks.isDone);

  return (
    <>
      {week ? (
        <>
          <ProgressSummary
            week={countReadings(weekReadings(week), ticks.isDone)}
            cohort={cohort}
            when={running ? 'this week' : `in ${weekName(week)}`}
            weekBarLabel={running ? 'This week' : weekName(week)}
          />
          <ReadingChecklist week={week} {...tick} />
          <WeekPrompts
            cohortSlug={cohortSlug}
            title="Before your meeting"
            prompts={week.prompts}
            closesAt={fellow.answersCloseAt}
            closed={fellow.answersClosed}
            timeZone={timeZone}
            readOnly={readOnly}
          />
          {fellow.closing ? (
            <WeekPrompts
              cohortSlug={cohortSlug}
              title={fellow.closing.title}
              prompts={fellow.closing.prompts}
              closesAt={null}
              closed={false}
              timeZone={timeZone}
              readOnly={readOnly}
            />
          ) : null}
          <WeekReflection
            cohortSlug={cohortSlug}
            weekId={week.id}
            weekName={running ? 'this week' : weekName(week)}
            initialText={week.reflection?.text ?? ''}
            readOnly={readOnly}
          />
          <WeekCheckIn
            key={week.id}
            cohortSlug={cohortSlug}
            weekId={week.id}
            weekName={running ? 'this week' : weekName(week)}
            initial={week.checkIn}
            readOnly={readOnly}
          />
        </>
      ) : null}
      <PastWeeks cohortSlug={cohortSlug} weeks={fellow.pastWeeks} {...tick} />
      <TickNotice notice={ticks.notice} onDismiss={ticks.dismissNotice} />
    </>
  );
}
