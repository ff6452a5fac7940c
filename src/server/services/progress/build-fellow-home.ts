// The fellow's part of the cohort home, built from what getCohortHome already loaded (the
// syllabus, the calendar, the fellow's ticks and notes): the week shown with each reading
// done or not, the weeks that are over with what is still open, and the counts behind the
// progress bars. Pure, so it adds no queries.
import { isUnitOver, type CohortCalendar } from '@/lib/cohort-calendar';
import { isOptionalReading } from '@/lib/reading-time';
import { countReadings, type ProgressReading, type ReadingCounts } from '@/lib/reading-progress';
import { renderMarkdown } from '@/lib/render-markdown';
import type { GroupAnswer } from '@/server/services/prompts/group-answers';

type LoadedPrompt = { id: string; kind: 'DISCUSSION' | 'REFLECTION'; text: string };

export type FellowPrompt = LoadedPrompt & {
  /** The prompt as sanitised HTML. */
  html: string;
  /** The fellow's answer (markdown), '' when none. */
  answer: string;
  answeredAt: Date | null;
  /** The group's answers, shown once the fellow has answered (cohorts that share them); null otherwise. */
  groupAnswers: GroupAnswer[] | null;
};

type LoadedItem = {
  id: string;
  kind: 'READING' | 'VIDEO' | 'NOTEBOOK' | 'EXERCISE';
  title: string;
  url: string | null;
  minutes: number | null;
  minutesText: string | null;
  optional: boolean;
  note: string | null;
};

type LoadedWeek = {
  id: string;
  position: number;
  number: number | null;
  span: number;
  title: string;
  prompts: LoadedPrompt[];
  sections: { id: string; title: string; kind: string; items: LoadedItem[] }[];
};

export type FellowReading = LoadedItem & {
  /** Not optional: counts towards the bars and the minutes left. */
  core: boolean;
  done: boolean;
};

export type FellowWeek = {
  id: string;
  position: number;
  number: number | null;
  span: number;
  title: string;
  startsOn: Date;
  endsOn: Date;
  sections: { id: string; title: string; kind: string; readings: FellowReading[] }[];
  counts: ReadingCounts;
  /** The fellow's private note on this week; null when none. */
  reflection: { text: string; updatedAt: Date } | null;
  /** The week's discussion prompts and reflection tasks with the fellow's answers. */
  prompts: FellowPrompt[];
  /** The fellow's check-in on the week (how useful, 1–5); null when none yet. */
  checkIn: { rating: number; comment: string } | null;
};

export type FellowHome = {
  /** The week the home page shows (the one running, or the next or last one). */
  thisWeek: FellowWeek | null;
  /** Weeks that are over, oldest first, without the one shown as this week. */
  pastWeeks: FellowWeek[];
  /** When the answers to this week's prompts close (the group's meeting starts); null: open. */
  answersCloseAt: Date | null;
  /** The group's meeting on this week has begun: its answers are closed. */
  answersClosed: boolean;
  /** The cohort shows a fellow their group's answers once they have answered. */
  sharesAnswers: boolean;
  /** The closing prompts, in the last week. */
  closing: { title: string; prompts: FellowPrompt[] } | null;
  /** The whole cohort's readings, for the cohort bar. */
  cohort: ReadingCounts;
  /** Every reading of the cohort, so the browser can recount after a tick. */
  readings: ProgressReading[];
  doneItemIds: string[];
};

// A prompt's HTML, rendered once per prompt object: the prompts come from the shared
// curriculum tree (curriculum-tree-cache.ts), one object per curriculum version, and the
// markdown pipeline costs more than the rest of the fellow's part of the page.
const renderedPrompts = new WeakMap<LoadedPrompt, string>();

function promptHtml(prompt: LoadedPrompt): string {
  let html = renderedPrompts.get(prompt);
  if (html === undefined) {
    html = renderMarkdown(prompt.text);
    renderedPrompts.set(prompt, html);
  }
  return html;
}

export function buildFellowHome(input: {
  weeks: LoadedWeek[];
  calendar: CohortCalendar;
  /** Index of the unit shown as this week; null without units. */
  shownUnitIndex: number | null;
  timeZone: string;
  now: Date;
  ticks: { itemId: string; completedAt: Date }[];
  reflections: { weekId: string; text: string; updatedAt: Date }[];
  responses: { promptId: string; text: string; updatedAt: Date }[];
  checkIns: { weekId: string; rating: number; comment: string }[];
  answersCloseAt: Date | null;
  groupAnswers: Map<string, GroupAnswer[]>;
  sharesAnswers: boolean;
  closing: { title: string; prompts: LoadedPrompt[] } | null;
}): FellowHome {
  const done = new Set(input.ticks.map((tick) => tick.itemId));
  const reflections = new Map(input.reflections.map((reflection) => [reflection.weekId, reflection]));
  const responses = new Map(input.responses.map((response) => [response.promptId, response]));
  const checkIns = new Map(input.checkIns.map((checkIn) => [checkIn.weekId, { rating: checkIn.rating, comment: checkIn.comment }]));
  // Rendered only where shown (this week, the closing): markdown costs CPU per page.
  const withAnswers = (prompts: LoadedPrompt[], shown: boolean): FellowPrompt[] =>
    prompts.map((prompt) => {
      const response = responses.get(prompt.id);
      return {
        ...prompt,
        html: shown ? promptHtml(prompt) : '',
        answer: response?.text ?? '',
        answeredAt: response?.updatedAt ?? null,
        groupAnswers: input.sharesAnswers && response ? (input.groupAnswers.get(prompt.id) ?? []) : null,
      };
    });

  const fellowWeeks = input.weeks.map((week, index): FellowWeek => {
    const unit = input.calendar.units[index]!;
    const sections = week.sections.map((section) => ({
      id: section.id,
      title: section.title,
      kind: section.kind,
      // Field by field: the browser gets these, and the loaded item carries more (exercise settings).
      readings: section.items.map(({ id, kind, title, url, minutes, minutesText, optional, note }) => ({
        id,
        kind,
        title,
        url,
        minutes,
        minutesText,
        optional,
        note,
        core: !isOptionalReading({ minutes, optional }, section),
        done: done.has(id),
      })),
    }));
    const reflection = reflections.get(week.id);
    return {
      id: week.id,
      position: week.position,
      number: week.number,
      span: week.span,
      title: week.title,
      startsOn: unit.startDate,
      endsOn: unit.endDate,
      sections,
      counts: countReadings(
        sections.flatMap((section) => section.readings),
        (id) => done.has(id),
      ),
      reflection: reflection ? { text: reflection.text, updatedAt: reflection.updatedAt } : null,
      prompts: withAnswers(week.prompts, index === input.shownUnitIndex),
      checkIn: checkIns.get(week.id) ?? null,
    };
  });

  const readings = fellowWeeks.flatMap((week) =>
    week.sections.flatMap((section) => section.readings.map(({ id, core, minutes }) => ({ id, core, minutes }))),
  );
  return {
    thisWeek: input.shownUnitIndex === null ? null : (fellowWeeks[input.shownUnitIndex] ?? null),
    pastWeeks: fellowWeeks.filter(
      (_week, index) => index !== input.shownUnitIndex && isUnitOver(input.calendar.units[index]!, input.timeZone, input.now),
    ),
    answersCloseAt: input.answersCloseAt,
    answersClosed: input.answersCloseAt !== null && input.answersCloseAt.getTime() <= input.now.getTime(),
    sharesAnswers: input.sharesAnswers,
    closing: input.closing ? { title: input.closing.title, prompts: withAnswers(input.closing.prompts, true) } : null,
    cohort: countReadings(readings, (id) => done.has(id)),
    readings,
    // Only ticks of this cohort's readings (a reading deleted since is gone with its tick).
    doneItemIds: readings.filter((reading) => done.has(reading.id)).map((reading) => reading.id),
  };
}
