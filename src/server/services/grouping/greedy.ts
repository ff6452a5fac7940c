// The greedy baseline, as a person with a spreadsheet would do it: take each facilitator in
// turn, find the earliest time in the week they are free and enough unplaced fellows are too,
// and fill a group there. Late joiners first go into published groups with room. It is the
// benchmark's baseline and the optimiser's starting solution, so the optimiser never does worse.
import { overlaps, type Prepared } from './prepare';

export interface NewGroup {
  startSlot: number;
  facilitatorIndex: number;
  fellowIndexes: number[];
}

export interface Assignment {
  newGroups: NewGroup[];
  /** Fellows (indexes) joining each open published group (index into prepared.openPublished). */
  publishedJoins: number[][];
}

export function greedyAssignment(prepared: Prepared): Assignment {
  const { settings } = prepared;
  const placed = new Uint8Array(prepared.fellows.length);
  const publishedJoins = prepared.openPublished.map(() => [] as number[]);

  prepared.openPublished.forEach((entry, k) => {
    for (const fellow of prepared.fellows) {
      if (publishedJoins[k]!.length >= entry.room) break;
      if (!placed[fellow.index] && fellow.publishedIndexes.includes(k)) {
        placed[fellow.index] = 1;
        publishedJoins[k]!.push(fellow.index);
      }
    }
  });

  // Fellows free at each start, in input order.
  const freeAt = new Map<number, number[]>();
  for (const fellow of prepared.fellows) {
    for (const start of fellow.starts) {
      const list = freeAt.get(start);
      if (list) list.push(fellow.index);
      else freeAt.set(start, [fellow.index]);
    }
  }

  const newGroups: NewGroup[] = [];
  for (const facilitator of prepared.facilitators) {
    const chosen: number[] = [];
    for (let round = 0; round < facilitator.capacity; round++) {
      let made = false;
      for (const start of facilitator.starts) {
        if (chosen.some((other) => overlaps(start, other, settings.meetingSlots))) continue;
        const free = (freeAt.get(start) ?? []).filter((index) => !placed[index]);
        if (free.length < settings.minSize) continue;
        const members = free.slice(0, settings.maxSize);
        for (const index of members) placed[index] = 1;
        newGroups.push({ startSlot: start, facilitatorIndex: facilitator.index, fellowIndexes: members });
        chosen.push(start);
        made = true;
        break;
      }
      if (!made) break;
    }
  }
  return { newGroups, publishedJoins };
}
