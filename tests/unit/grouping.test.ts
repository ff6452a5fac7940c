// The group optimiser on generated cohorts: known optima are reached, people who cannot be
// placed are reported with the right reason, wishes are kept, published groups stay put, and
// every proposal is valid (sizes, everyone free at their group's time, no facilitator twice at once).
import { describe, expect, it } from 'vitest';
import { generatePeople, knownOptimumCohort } from '@/server/services/grouping/generated-cohorts';
import { proposeGroups, proposeGroupsGreedily } from '@/server/services/grouping/optimiser';
import { overlaps } from '@/server/services/grouping/prepare';
import type { GroupingInput, GroupingProposal, GroupingSettings, PublishedGroup } from '@/server/services/grouping/types';
import { localToUtcSlots, meetingStarts, referenceMonday, utcToLocalSlots, zoneOffsetSlots } from '@/lib/week-slots';

const MONDAY = new Date(Date.UTC(2027, 0, 4));
const window = (start: number, length = 3) => Array.from({ length }, (_, i) => start + i);

function expectValid(input: GroupingInput, proposal: GroupingProposal): void {
  const { settings } = input;
  const people = new Map([...input.fellows, ...input.facilitators].map((p) => [p.id, p]));
  const seen = new Set<string>();
  const meetingsOf = new Map<string, number[]>();
  for (const group of proposal.groups) {
    if (group.publishedId === null) {
      expect(group.memberIds.length).toBeGreaterThanOrEqual(settings.minSize);
    }
    expect(group.memberIds.length).toBeLessThanOrEqual(settings.maxSize);
    for (const id of [...group.memberIds, ...group.facilitatorIds]) {
      const person = people.get(id);
      if (!person) continue;
      expect(meetingStarts(person.slots, settings.meetingSlots), `${id} is free at ${group.startSlot}`).toContain(group.startSlot);
    }
    for (const id of group.memberIds) {
      expect(seen.has(id), `${id} is in one group`).toBe(false);
      seen.add(id);
    }
    for (const id of group.facilitatorIds) meetingsOf.set(id, [...(meetingsOf.get(id) ?? []), group.startSlot]);
  }
  for (const [id, starts] of meetingsOf) {
    expect(starts.length, `${id} leads at most ${settings.groupsPerFacilitator}`).toBeLessThanOrEqual(settings.groupsPerFacilitator);
    for (let i = 0; i < starts.length; i++) for (let j = i + 1; j < starts.length; j++) expect(overlaps(starts[i]!, starts[j]!, settings.meetingSlots)).toBe(false);
  }
  expect(proposal.stats.placed).toBe(seen.size);
  expect(proposal.unplaced.length + seen.size).toBe(proposal.stats.fellows);
  expect(proposal.stats.bound).toBeGreaterThanOrEqual(proposal.stats.placed);
}

describe('week slots', () => {
  it('moves a grid painted in Los Angeles, Kolkata and Auckland to UTC and back', () => {
    // Tuesday 18:00 in Los Angeles in January (UTC−8) is Wednesday 02:00 UTC.
    expect(localToUtcSlots([48 + 36], 'America/Los_Angeles', MONDAY)).toEqual([2 * 48 + 4]);
    // Kolkata is UTC+5:30: Monday 05:00 local is Sunday 23:30 UTC, across the week's end.
    expect(localToUtcSlots([10], 'Asia/Kolkata', MONDAY)).toEqual([335]);
    expect(zoneOffsetSlots('Pacific/Auckland', MONDAY)).toBe(26); // UTC+13 in their summer
    const painted = [0, 1, 2, 100, 200, 335];
    for (const zone of ['America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Auckland', 'UTC']) {
      expect(utcToLocalSlots(localToUtcSlots(painted, zone, MONDAY), zone, MONDAY)).toEqual(painted);
    }
  });

  it('finds the meetings that fit, across Sunday night into Monday', () => {
    expect(meetingStarts([10, 11, 12, 13], 3)).toEqual([10, 11]);
    expect(meetingStarts([334, 335, 0], 3)).toEqual([334]);
    expect(meetingStarts([5, 7], 2)).toEqual([]);
    expect(referenceMonday(new Date(Date.UTC(2027, 2, 10)))).toEqual(new Date(Date.UTC(2027, 2, 8)));
  });
});

describe('the group optimiser', () => {
  const exact: GroupingSettings = { minSize: 4, maxSize: 6, meetingSlots: 3, groupsPerFacilitator: 1 };

  it.each([
    [10, 5, 1],
    [25, 6, 2],
    [40, 6, 3],
  ])('places everyone in a cohort of %i planted groups of %i (seed %i), where greedy does not', async (groups, size, seed) => {
    const cohort = knownOptimumCohort(groups, size, seed);
    const input = { fellows: cohort.fellows, facilitators: cohort.facilitators, settings: { ...exact, maxSize: size } };
    const proposal = await proposeGroups(input);
    expectValid(input, proposal);
    expect(proposal.stats.placed).toBe(groups * size);
    expect(proposal.stats.status).toBe('optimal');
    expect(proposal.stats.gap).toBe(0);
    expect(proposal.unplaced).toEqual([]);
    expect(proposeGroupsGreedily(input).stats.placed).toBeLessThan(groups * size);
  });

  it('reports each fellow it cannot place with the reason', async () => {
    const facilitators = [
      { id: 'anna', slots: window(10) },
      { id: 'ben', slots: window(100) },
    ];
    const regulars = Array.from({ length: 4 }, (_, i) => ({ id: `regular${i + 1}`, slots: window(10) }));
    const fellows = [
      ...regulars,
      { id: 'late-for-monday', slots: window(10) }, // the group at 10 is full (size 4)
      { id: 'nobody-painted', slots: [] },
      { id: 'short-slot', slots: [50, 51] }, // an hour: shorter than a meeting
      { id: 'night-owl', slots: window(200) }, // no facilitator then
      { id: 'alone-with-ben', slots: window(100) }, // Ben is free, but a group needs 4
    ];
    const input = { fellows, facilitators, settings: { minSize: 4, maxSize: 4, meetingSlots: 3, groupsPerFacilitator: 1 } };
    const proposal = await proposeGroups(input);
    expectValid(input, proposal);
    const reasons = Object.fromEntries(proposal.unplaced.map((u) => [u.id, u.reason]));
    expect(reasons).toEqual({
      'nobody-painted': 'no-availability',
      'short-slot': 'no-availability',
      'night-owl': 'no-facilitator',
      'alone-with-ben': 'no-overlap',
      // One of the five free at 10 is left out of the full group; which one does not matter.
      [proposal.unplaced.find((u) => u.reason === 'no-room')!.id]: 'no-room',
    });
    expect(proposal.idleFacilitatorIds).toEqual(['ben']);
    expect(proposal.stats.placed).toBe(4);
  });

  it('keeps two people together, two apart, and mixes backgrounds, without placing fewer', async () => {
    // 16 fellows free at both 10 and 100; four facilitators, two at each time.
    const fellows = Array.from({ length: 16 }, (_, i) => ({ id: `f${i + 1}`, slots: [...window(10), ...window(100)], answers: { background: i % 2 ? 'policy' : 'ML' } }));
    const facilitators = ['a', 'b'].map((id) => ({ id, slots: window(10) })).concat(['c', 'd'].map((id) => ({ id, slots: window(100) })));
    const settings: GroupingSettings = {
      minSize: 4,
      maxSize: 4,
      meetingSlots: 3,
      groupsPerFacilitator: 1,
      together: [
        ['f1', 'f3'],
        ['f5', 'f7'],
      ],
      apart: [
        ['f1', 'f5'],
        ['f2', 'f4'],
      ],
      balance: { questionId: 'background', mode: 'mix' },
    };
    const input = { fellows, facilitators, settings };
    const proposal = await proposeGroups(input);
    expectValid(input, proposal);
    expect(proposal.stats.placed).toBe(16);
    expect(proposal.stats.together).toEqual({ met: 2, total: 2 });
    expect(proposal.stats.apart).toEqual({ met: 2, total: 2 });
    expect(proposal.stats.balanced.met).toBe(proposal.stats.balanced.total);
    const matched = await proposeGroups({ ...input, settings: { ...settings, together: [], apart: [], balance: { questionId: 'background', mode: 'match' } } });
    expect(matched.stats.balanced).toEqual({ met: 4, total: 4 });
  });

  it('never lets a facilitator lead two meetings at once', async () => {
    const facilitators = [{ id: 'solo', slots: [...window(10, 6), ...window(60)] }];
    const fellows = Array.from({ length: 12 }, (_, i) => ({ id: `f${i + 1}`, slots: i < 8 ? window(10, 6) : window(60) }));
    const input = { fellows, facilitators, settings: { minSize: 4, maxSize: 4, meetingSlots: 3, groupsPerFacilitator: 3 } };
    const proposal = await proposeGroups(input);
    expectValid(input, proposal);
    // 10 and 13 do not overlap (a meeting is 3 slots), so all three groups fit.
    expect(proposal.groups.map((g) => g.startSlot).sort((a, b) => a - b)).toEqual([10, 13, 60]);
  });

  it('keeps published groups as they are and adds late joiners, moving nobody on an unchanged re-run', async () => {
    const fellows = generatePeople('fellow', 120, 11);
    const facilitators = generatePeople('facilitator', 24, 12, 1.3);
    const settings: GroupingSettings = { minSize: 4, maxSize: 7, meetingSlots: 3, groupsPerFacilitator: 1 };
    const first = await proposeGroups({ fellows, facilitators, settings });
    expectValid({ fellows, facilitators, settings }, first);
    const published: PublishedGroup[] = first.groups.map((group, i) => ({ id: `g${i + 1}`, startSlot: group.startSlot, facilitatorIds: group.facilitatorIds, memberIds: group.memberIds }));

    const again = await proposeGroups({ fellows, facilitators, settings, published });
    expect(again.groups.map(({ publishedId, startSlot, facilitatorIds, memberIds }) => ({ publishedId, startSlot, facilitatorIds, memberIds: [...memberIds].sort() }))).toEqual(
      published.map((group) => ({ publishedId: group.id, startSlot: group.startSlot, facilitatorIds: group.facilitatorIds, memberIds: [...group.memberIds].sort() })),
    );

    // Two late joiners free exactly when a published group with room meets.
    const withRoom = published.find((group) => group.memberIds.length < settings.maxSize)!;
    const late = [
      { id: 'late1', slots: window(withRoom.startSlot) },
      { id: 'late2', slots: window(withRoom.startSlot) },
    ];
    const withLate = await proposeGroups({ fellows: [...fellows, ...late], facilitators, settings, published });
    expectValid({ fellows: [...fellows, ...late], facilitators, settings }, withLate);
    const kept = withLate.groups.filter((group) => group.publishedId !== null);
    for (const group of published) {
      const now = kept.find((k) => k.publishedId === group.id)!;
      expect(now.memberIds.slice(0, group.memberIds.length)).toEqual(group.memberIds);
      expect(now.startSlot).toBe(group.startSlot);
    }
    const placedLate = kept.flatMap((group) => group.memberIds).filter((id) => id.startsWith('late'));
    expect(placedLate.length).toBe(Math.min(2, settings.maxSize - withRoom.memberIds.length));
  });

  it('does at least as well as greedy on a realistic spread of time zones, and says how far from the bound it is', async () => {
    const input = { fellows: generatePeople('fellow', 200, 5), facilitators: generatePeople('facilitator', 40, 6, 1.3), settings: { minSize: 4, maxSize: 7, meetingSlots: 3, groupsPerFacilitator: 1 } };
    const proposal = await proposeGroups(input);
    expectValid(input, proposal);
    const greedy = proposeGroupsGreedily(input);
    expectValid(input, greedy);
    expect(proposal.stats.placed).toBeGreaterThanOrEqual(greedy.stats.placed);
    expect(proposal.stats.gap).toBe(proposal.stats.bound - proposal.stats.placed);
    expect(proposal.stats.placed).toBeLessThanOrEqual(proposal.stats.placeable);
  });

  it('refuses settings that make no sense', async () => {
    await expect(proposeGroups({ fellows: [], facilitators: [], settings: { minSize: 5, maxSize: 4, meetingSlots: 3, groupsPerFacilitator: 1 } })).rejects.toThrow(/at least the smallest/);
  });
});
