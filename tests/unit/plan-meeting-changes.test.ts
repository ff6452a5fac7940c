// The rules that bring a group's regular meetings in line with its schedule, without a database.
import { describe, expect, it } from 'vitest';
import { planMeetingChanges, type ExistingRegularMeeting, type MeetingSlot } from '@/server/services/meetings/plan-meeting-changes';

const now = new Date('2027-03-10T00:00:00Z');
const slot = (weekPosition: number, iso: string, extra: Partial<MeetingSlot> = {}): MeetingSlot => ({
  weekPosition,
  startsAt: new Date(iso),
  minutes: 90,
  location: 'Room 1',
  videoUrl: null,
  ...extra,
});
const meeting = (id: string, base: MeetingSlot, extra: Partial<ExistingRegularMeeting> = {}): ExistingRegularMeeting => ({
  id,
  ...base,
  movedAt: null,
  cancelledAt: null,
  hasAttendance: false,
  ...extra,
});

describe('planMeetingChanges', () => {
  it('creates every slot for a group without meetings, and nothing once they match', () => {
    const slots = [slot(1, '2027-03-02T18:00:00Z'), slot(2, '2027-03-16T18:00:00Z')];
    expect(planMeetingChanges([], slots, now)).toEqual({ create: slots, update: [], remove: [] });
    const existing = slots.map((s, index) => meeting(`m${index}`, s));
    expect(planMeetingChanges(existing, slots, now)).toEqual({ create: [], update: [], remove: [] });
  });

  it('pairs a two-week unit’s meetings by order and moves only the future, unmoved ones', () => {
    const old = [slot(2, '2027-03-09T18:00:00Z'), slot(2, '2027-03-16T18:00:00Z'), slot(3, '2027-03-23T18:00:00Z')];
    const existing = [meeting('past', old[0]!), meeting('next', old[1]!), meeting('moved', old[2]!, { movedAt: now })];
    const slots = [slot(2, '2027-03-09T19:00:00Z'), slot(2, '2027-03-16T19:00:00Z'), slot(3, '2027-03-23T19:00:00Z')];
    expect(planMeetingChanges(existing, slots, now)).toEqual({ create: [], update: [{ id: 'next', slot: slots[1] }], remove: [] });
  });

  it('leaves a unit’s second meeting in place when its first was moved past it', () => {
    // Weeks 2 and 3 are one unit with two Tuesday meetings; the first was moved to the
    // Thursday of week 3, after the second. Nothing is to do: no meeting jumps to 9 March.
    const slots = [slot(2, '2027-03-16T18:00:00Z'), slot(2, '2027-03-23T18:00:00Z')];
    const existing = [meeting('second', slots[1]!), meeting('first', slot(2, '2027-03-25T18:00:00Z'), { movedAt: now })];
    expect(planMeetingChanges(existing, slots, now)).toEqual({ create: [], update: [], remove: [] });
    // The schedule changes to 19:00: the second meeting follows its own slot; the moved one stays.
    const later = [slot(2, '2027-03-16T19:00:00Z'), slot(2, '2027-03-23T19:00:00Z')];
    expect(planMeetingChanges(existing, later, now)).toEqual({ create: [], update: [{ id: 'second', slot: later[1] }], remove: [] });
  });

  it('removes future meetings whose slot is gone unless moved, cancelled or marked', () => {
    const base = (iso: string) => slot(4, iso);
    const existing = [
      meeting('plain', base('2027-03-30T18:00:00Z')),
      meeting('moved', base('2027-03-31T18:00:00Z'), { movedAt: now }),
      meeting('cancelled', base('2027-04-01T18:00:00Z'), { cancelledAt: now }),
      meeting('marked', base('2027-04-02T18:00:00Z'), { hasAttendance: true }),
      meeting('past', base('2027-03-01T18:00:00Z')),
    ];
    expect(planMeetingChanges(existing, [], now).remove).toEqual(['plain']);
  });
});
