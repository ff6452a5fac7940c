// What the optimiser and the greedy baseline share: each person's possible meeting starts,
// what is left of each facilitator and published group, and the times worth considering.
import { meetingStarts, SLOTS_PER_WEEK } from '@/lib/week-slots';
import type { GroupingInput, GroupingPerson, GroupingSettings, PublishedGroup } from './types';

export interface PreparedFellow {
  index: number;
  person: GroupingPerson;
  starts: number[];
  /** Candidate times (indexes into `times`) the fellow can meet at. */
  timeIndexes: number[];
  /** Published groups with a free place the fellow can join (indexes into `openPublished`). */
  publishedIndexes: number[];
}

export interface PreparedFacilitator {
  index: number;
  person: GroupingPerson;
  /** Starts still possible: free, and not overlapping their published groups. */
  starts: number[];
  /** Groups they may still open. */
  capacity: number;
}

export interface OpenPublished {
  group: PublishedGroup;
  room: number;
}

export interface Prepared {
  settings: Required<Omit<GroupingSettings, 'balance'>> & Pick<GroupingSettings, 'balance'>;
  /** Fellows not yet in a published group, in input order. */
  fellows: PreparedFellow[];
  facilitators: PreparedFacilitator[];
  published: readonly PublishedGroup[];
  openPublished: OpenPublished[];
  /** Start slots where a new group could meet: a facilitator with capacity is free and at least minSize fellows are. */
  times: number[];
  /** Every start a facilitator with capacity is free at, or a published group meets at. */
  facilitatorStarts: Set<number>;
}

/** Whether meetings starting at `a` and `b`, each `length` slots long, overlap (across the week's end too). */
export function overlaps(a: number, b: number, length: number): boolean {
  const d = (((a - b) % SLOTS_PER_WEEK) + SLOTS_PER_WEEK) % SLOTS_PER_WEEK;
  return d < length || SLOTS_PER_WEEK - d < length;
}

export function checkSettings(settings: GroupingSettings): void {
  const { minSize, maxSize, meetingSlots, groupsPerFacilitator } = settings;
  if (!Number.isInteger(minSize) || minSize < 1) throw new Error('The smallest group size must be a whole number of at least 1.');
  if (!Number.isInteger(maxSize) || maxSize < minSize) throw new Error('The largest group size must be at least the smallest.');
  if (!Number.isInteger(meetingSlots) || meetingSlots < 1 || meetingSlots > 16) throw new Error('A meeting lasts from 30 minutes to 8 hours.');
  if (!Number.isInteger(groupsPerFacilitator) || groupsPerFacilitator < 1) throw new Error('Each facilitator leads at least one group.');
}

export function prepare(input: GroupingInput): Prepared {
  checkSettings(input.settings);
  const settings = {
    minSize: input.settings.minSize,
    maxSize: input.settings.maxSize,
    meetingSlots: input.settings.meetingSlots,
    groupsPerFacilitator: input.settings.groupsPerFacilitator,
    together: input.settings.together ?? [],
    apart: input.settings.apart ?? [],
    balance: input.settings.balance ?? null,
    timeLimitSeconds: input.settings.timeLimitSeconds ?? 30,
  };
  const published = input.published ?? [];
  const length = settings.meetingSlots;
  const inPublished = new Set(published.flatMap((group) => group.memberIds));

  const openPublished: OpenPublished[] = published
    .map((group) => ({ group, room: settings.maxSize - group.memberIds.length }))
    .filter((entry) => entry.room > 0);

  const facilitators: PreparedFacilitator[] = input.facilitators.map((person, index) => {
    const leading = published.filter((group) => group.facilitatorIds.includes(person.id));
    const starts = meetingStarts(person.slots, length).filter((start) => !leading.some((group) => overlaps(start, group.startSlot, length)));
    return { index, person, starts, capacity: Math.max(0, settings.groupsPerFacilitator - leading.length) };
  });

  const facilitatorStarts = new Set<number>(published.map((group) => group.startSlot));
  for (const facilitator of facilitators) if (facilitator.capacity > 0) for (const start of facilitator.starts) facilitatorStarts.add(start);

  const fellowStarts = input.fellows.filter((person) => !inPublished.has(person.id)).map((person) => ({ person, starts: meetingStarts(person.slots, length) }));
  const freeCount = new Map<number, number>();
  for (const { starts } of fellowStarts) for (const start of starts) freeCount.set(start, (freeCount.get(start) ?? 0) + 1);

  const times = [...facilitatorStarts].filter((start) => (freeCount.get(start) ?? 0) >= settings.minSize && facilitators.some((f) => f.capacity > 0 && f.starts.includes(start))).sort((a, b) => a - b);
  const timeIndex = new Map(times.map((time, index) => [time, index]));

  const fellows: PreparedFellow[] = fellowStarts.map(({ person, starts }, index) => ({
    index,
    person,
    starts,
    timeIndexes: starts.flatMap((start) => (timeIndex.has(start) ? [timeIndex.get(start)!] : [])),
    publishedIndexes: openPublished.flatMap((entry, k) => (starts.includes(entry.group.startSlot) ? [k] : [])),
  }));

  return { settings, fellows, facilitators, published, openPublished, times, facilitatorStarts };
}
