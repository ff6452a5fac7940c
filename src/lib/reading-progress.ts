// A fellow's progress through a set of readings, counted the same way on the server (the
// first render, the tests) and in the browser (after each optimistic tick). Core readings are
// those that are not optional (isOptionalReading); optional ones are counted apart, and the
// minutes left are the core readings not done that have a time estimate.

export type ProgressReading = { id: string; core: boolean; minutes: number | null };

export type ReadingCounts = {
  coreDone: number;
  coreTotal: number;
  optionalDone: number;
  optionalTotal: number;
  /** Minutes of the core readings not done yet. */
  minutesLeft: number;
  /** Core readings not done that have no time estimate (not guessed into minutesLeft). */
  unestimatedLeft: number;
};

export function countReadings(readings: readonly ProgressReading[], isDone: (id: string) => boolean): ReadingCounts {
  const counts: ReadingCounts = { coreDone: 0, coreTotal: 0, optionalDone: 0, optionalTotal: 0, minutesLeft: 0, unestimatedLeft: 0 };
  for (const reading of readings) {
    const done = isDone(reading.id);
    if (!reading.core) {
      counts.optionalTotal += 1;
      if (done) counts.optionalDone += 1;
      continue;
    }
    counts.coreTotal += 1;
    if (done) counts.coreDone += 1;
    else if (reading.minutes === null) counts.unestimatedLeft += 1;
    else counts.minutesLeft += reading.minutes;
  }
  return counts;
}

/** 3 of 4 -> 75; 0 of 0 -> 0 (nothing to do is not "done"). Rounded down, so 100 means all. */
export function percentDone(done: number, total: number): number {
  return total > 0 ? Math.floor((done / total) * 100) : 0;
}
