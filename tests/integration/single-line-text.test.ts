// Text typed on one line stays on one line: control characters are removed where inputs are
// parsed, so a meeting location with a bare CR cannot add an attendee to fellows' .ics files,
// and the calendar writer makes older stored rows one line too.
import { describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { createGroupInput } from '@/lib/schemas/cohort';
import { createApiTokenInput } from '@/lib/schemas/api-tokens';
import { updateNameInput } from '@/lib/schemas/account';
import type { CohortAccess } from '@/server/services/cohorts/cohort-access';
import { buildMeetingsCalendar } from '@/server/services/calendar/meetings-calendar';
import { ensureGroupMeetings } from '@/server/services/meetings/ensure-group-meetings';
import { parseRosterCsv } from '@/server/services/roster/parse-roster';
import { createCohort, createGroup, createMembership, inCohort } from '../factories';

const INJECTED = 'Room 1\rATTENDEE:mailto:mallory@example.org\n\u2028X-EVIL:1\u0000';

describe('single-line text', () => {
  it('removes control characters from locations, names and titles at the schema', () => {
    const group = createGroupInput.parse({ cohort: 'spring', name: 'Group\r\nA', location: INJECTED });
    expect(group.name).toBe('Group A');
    expect(group.location).toBe('Room 1 ATTENDEE:mailto:mallory@example.org X-EVIL:1');
    expect(createApiTokenInput.parse({ name: 'laptop\u0085\u001b[31m', expiresInDays: null }).name).toBe('laptop [31m');
    expect(updateNameInput.parse({ name: '\tAda\nLovelace\u007f' }).name).toBe('Ada Lovelace');
  });

  it('keeps roster names and groups on one line', () => {
    const { rows } = parseRosterCsv('name,email,group\n"Ada\rATTENDEE:x",ada@example.org,"Group\u0000 A"\n');
    expect(rows[0]).toMatchObject({ name: 'Ada ATTENDEE:x', group: 'Group A' });
  });

  it('writes no stored CR or LF into the calendar file', async () => {
    const cohort = await createCohort({ timeZone: 'Europe/London', startDate: new Date('2027-01-04T00:00:00Z'), status: 'ACTIVE' });
    // Stored before the rule: written straight to the database.
    // (PostgreSQL itself refuses NUL in text, so the stored row holds the rest.)
    const group = await createGroup(cohort.id, { meetingDay: 2, meetingTime: '18:00', meetingMinutes: 90, location: INJECTED.replace('\u0000', '') });
    const fellow = await createMembership(cohort.id, 'FELLOW', { groupId: group.id });
    await ensureGroupMeetings(db, group.id, new Date('2027-01-01T00:00:00Z'));
    const access: CohortAccess = { cohortId: cohort.id, cohortSlug: cohort.slug, role: 'FELLOW', membershipId: fellow.id, groupIds: [group.id] };
    const { ics } = await buildMeetingsCalendar(inCohort(access));
    const lines = ics.split('\r\n');
    expect(lines.some((line) => line.startsWith('ATTENDEE') || line.startsWith('X-EVIL'))).toBe(false);
    expect(ics).not.toMatch(/[\u0000\u2028]|\r(?!\n)|(?<!\r)\n/);
    expect(ics).toContain('Room 1 ATTENDEE:mailto:mallory@example.org X-EVIL:1');
  });
});
