// Generated availability for the benchmark, the tests and the demo: people spread over the
// Americas, Europe and Asia, free mostly on weekday evenings and weekend afternoons in their
// own zone, painted in 30-minute slots and stored in UTC like real answers. Seeded, so every
// run builds the same cohort.
import { seededRandom } from '@/server/services/demo/demo-png';
import { localToUtcSlots, SLOTS_PER_DAY, SLOTS_PER_WEEK } from '@/lib/week-slots';
import type { GroupingPerson } from './types';

/** The reference week of generated cohorts (a Monday in winter: no zone is mid-switch). */
export const GENERATED_MONDAY = new Date(Date.UTC(2027, 0, 4));

const ZONES: { zone: string; weight: number }[] = [
  { zone: 'America/Los_Angeles', weight: 12 },
  { zone: 'America/Denver', weight: 4 },
  { zone: 'America/Chicago', weight: 7 },
  { zone: 'America/New_York', weight: 14 },
  { zone: 'America/Sao_Paulo', weight: 3 },
  { zone: 'Europe/London', weight: 12 },
  { zone: 'Europe/Berlin', weight: 12 },
  { zone: 'Europe/Stockholm', weight: 5 },
  { zone: 'Africa/Lagos', weight: 3 },
  { zone: 'Asia/Kolkata', weight: 8 },
  { zone: 'Asia/Singapore', weight: 8 },
  { zone: 'Asia/Tokyo', weight: 6 },
  { zone: 'Australia/Sydney', weight: 4 },
  { zone: 'Pacific/Auckland', weight: 2 },
];
const TOTAL_WEIGHT = ZONES.reduce((sum, z) => sum + z.weight, 0);

export interface GeneratedPerson extends GroupingPerson {
  timeZone: string;
  answers: Record<string, string>;
}

function pickZone(random: () => number): string {
  let r = random() * TOTAL_WEIGHT;
  for (const { zone, weight } of ZONES) {
    r -= weight;
    if (r < 0) return zone;
  }
  return ZONES[0]!.zone;
}

/** Local slots of one person: evenings, weekend afternoons, now and then a lunch hour. */
function paintWeek(random: () => number, generosity: number): number[] {
  const slots: number[] = [];
  const block = (day: number, fromHour: number, hours: number) => {
    const first = day * SLOTS_PER_DAY + Math.round(fromHour * 2);
    for (let s = 0; s < Math.round(hours * 2); s++) slots.push(first + s);
  };
  for (let day = 0; day < 5; day++) {
    if (random() < 0.35 * generosity) block(day, 17 + Math.floor(random() * 6) / 2, 2 + Math.floor(random() * 5) / 2);
    if (random() < 0.08 * generosity) block(day, 12, 1.5);
  }
  for (let day = 5; day < 7; day++) {
    if (random() < 0.4 * generosity) block(day, 10 + Math.floor(random() * 12) / 2, 2 + Math.floor(random() * 7) / 2);
  }
  return slots.filter((slot) => slot < SLOTS_PER_WEEK);
}

const BACKGROUNDS = ['ML research', 'software', 'policy', 'student', 'other'];

/**
 * `count` people with ids `${prefix}1…`. About 2% are hard to place on purpose: free only for
 * an hour in the small hours, or only on one late-night slot.
 */
export function generatePeople(prefix: string, count: number, seed: number, generosity = 1): GeneratedPerson[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const timeZone = pickZone(random);
    const hard = random();
    let local: number[];
    if (hard < 0.01) local = [2 * SLOTS_PER_DAY + 6, 2 * SLOTS_PER_DAY + 7]; // Wednesday 03:00–04:00: too short for a meeting
    else if (hard < 0.02) local = [3 * SLOTS_PER_DAY + 2, 3 * SLOTS_PER_DAY + 3, 3 * SLOTS_PER_DAY + 4, 3 * SLOTS_PER_DAY + 5]; // Thursday 01:00–03:00
    else {
      local = paintWeek(random, generosity);
      if (local.length === 0) local = paintWeek(random, generosity * 2);
    }
    return {
      id: `${prefix}${i + 1}`,
      timeZone,
      slots: localToUtcSlots(local, timeZone, GENERATED_MONDAY),
      answers: { background: BACKGROUNDS[Math.floor(random() * BACKGROUNDS.length)]! },
    };
  });
}

export interface KnownOptimumCohort {
  fellows: GroupingPerson[];
  facilitators: GroupingPerson[];
  /** Fellows in each planted group, by the group's start slot. */
  planted: Map<number, string[]>;
}

/**
 * A cohort built so that every fellow fits exactly: `groups` facilitators, each free only at
 * their own 90-minute time, each time with exactly `size` fellows who belong there, and every
 * fellow also free at one or two other groups' times as decoys, listed in shuffled order so
 * that taking the first free people at the earliest time goes wrong.
 */
export function knownOptimumCohort(groups: number, size: number, seed: number): KnownOptimumCohort {
  const random = seededRandom(seed);
  // Times 3 hours apart across the week, so no two meetings overlap.
  const starts = Array.from({ length: groups }, (_, g) => (g * 6 + 1) % SLOTS_PER_WEEK);
  const window = (start: number) => [start, start + 1, start + 2];
  const facilitators = starts.map((start, g) => ({ id: `facilitator${g + 1}`, slots: window(start) }));
  const fellows: GroupingPerson[] = [];
  const planted = new Map<number, string[]>();
  starts.forEach((start, g) => {
    const ids: string[] = [];
    for (let m = 0; m < size; m++) {
      const id = `fellow${g + 1}-${m + 1}`;
      const decoys = new Set<number>();
      const extra = 1 + Math.floor(random() * 2);
      for (let d = 0; d < extra; d++) decoys.add(starts[Math.floor(random() * groups)]!);
      decoys.add(starts[0]!); // everyone is also free at the week's first meeting
      decoys.delete(start);
      const slots = [...window(start), ...[...decoys].flatMap(window)].sort((a, b) => a - b);
      fellows.push({ id, slots });
      ids.push(id);
    }
    planted.set(start, ids);
  });
  for (let i = fellows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [fellows[i], fellows[j]] = [fellows[j]!, fellows[i]!];
  }
  return { fellows, facilitators, planted };
}
