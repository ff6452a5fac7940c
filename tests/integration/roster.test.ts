// Roster CSV import: each row's fate in the preview, all-or-nothing import, headers matched
// case-insensitively, a full cohort of 30 fellows in 3 groups, and the limits.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';

import { importRoster, previewRoster } from '@/server/services/roster/import-roster';
import { ROSTER_MAX_ROWS } from '@/server/services/roster/parse-roster';
import { createCohort, createGroup, createMembership, createUser, asCohortAdmin } from '../factories';
import { caughtAppError } from '../support/app-errors';

async function snapshot(cohortId: string) {
  const [users, memberships, groups, leads] = await Promise.all([
    db.user.count(),
    db.membership.findMany({ where: { cohortId }, orderBy: { id: 'asc' }, select: { id: true, userId: true, role: true, groupId: true } }),
    db.discussionGroup.count({ where: { cohortId } }),
    db.groupFacilitator.count({ where: { group: { cohortId } } }),
  ]);
  return { users, memberships, groups, leads };
}

describe('roster preview', () => {
  let cohortId: string;
  let groupAId: string;
  let groupBId: string;

  beforeAll(async () => {
    const cohort = await createCohort({ slug: 'preview-cohort' });
    cohortId = cohort.id;
    groupAId = (await createGroup(cohortId, { name: 'Group A' })).id;
    groupBId = (await createGroup(cohortId, { name: 'Group B' })).id;
    await createGroup((await createCohort()).id, { name: 'Elsewhere' });
    await createUser({ email: 'has.account@example.org', name: 'Has Account' });
    const member = await createUser({ email: 'member@example.org', name: 'Already Here' });
    await createMembership(cohortId, 'FELLOW', { userId: member.id, groupId: groupAId });
    const mover = await createUser({ email: 'mover@example.org', name: 'Mover' });
    await createMembership(cohortId, 'FELLOW', { userId: mover.id, groupId: groupAId });
    const noName = await createUser({ email: 'noname@example.org', name: null });
    await createMembership(cohortId, 'FELLOW', { userId: noName.id, groupId: groupBId });
  });

  const csv = [
    ' NAME ,Email,ROLE, Group ,Notes', // line 1: headers in any case, an extra column
    'Ada Lovelace,Ada@Example.org,Fellow,group a,likes maths', // 2: new, group matched case-insensitively
    'Has Account,has.account@example.org,facilitator,Group B,', // 3: existing account, joins as facilitator
    'Already Here,member@example.org,fellow,Group A,', // 4: existing member, unchanged
    'Mover,mover@example.org,,Group B,', // 5: existing member, moves (role defaults to fellow)
    ',noname@example.org,,,', // 6: existing member, nothing to change
    'Bad Email,not-an-email,fellow,Group A,', // 7: invalid
    'Ada Again,ADA@example.org,fellow,Group A,', // 8: duplicate of line 2
    'Wrong Role,wrong.role@example.org,mentor,Group A,', // 9: unknown role
    'Lost,lost@example.org,fellow,Elsewhere,', // 10: another cohort's group is unknown here
    ',nameless@example.org,fellow,Group A,', // 11: new account needs a name
    'No Email,,fellow,Group A,', // 12: missing email
    '"Quoted, Name",quoted@example.org,fellow,"Group B"', // 13: quoted cells
  ].join('\r\n');

  it('gives each row its fate, with reasons and line numbers', async () => {
    const preview = await previewRoster(asCohortAdmin(cohortId), { csv });
    expect(preview.ignoredColumns).toEqual(['Notes']);
    expect(preview.rows.map((row) => [row.line, row.fate, row.action])).toEqual([
      [2, 'new', 'create-account'],
      [3, 'existing', 'join'],
      [4, 'existing', 'unchanged'],
      [5, 'existing', 'update'],
      [6, 'existing', 'unchanged'],
      [7, 'invalid', null],
      [8, 'invalid', null],
      [9, 'invalid', null],
      [10, 'invalid', null],
      [11, 'invalid', null],
      [12, 'invalid', null],
      [13, 'new', 'create-account'],
    ]);
    const byLine = new Map(preview.rows.map((row) => [row.line, row]));
    expect(byLine.get(2)).toMatchObject({ email: 'ada@example.org', name: 'Ada Lovelace', role: 'FELLOW', group: 'Group A' });
    expect(byLine.get(2)!.message).toBe('New account: joins as a fellow in Group A.');
    expect(byLine.get(3)!.message).toBe('Has an account: joins as a facilitator, leading Group B.');
    expect(byLine.get(4)!.message).toBe('Already a fellow in Group A: no change.');
    expect(byLine.get(5)!.message).toBe('Already a member: moves from Group A to Group B.');
    expect(byLine.get(7)!.message).toMatch(/Not an email address: "not-an-email"/);
    expect(byLine.get(8)!.message).toMatch(/Listed twice: this email is also on line 2/);
    expect(byLine.get(9)!.message).toMatch(/Unknown role "mentor": use fellow or facilitator/);
    expect(byLine.get(10)!.message).toMatch(/No group called "Elsewhere" in this cohort/);
    expect(byLine.get(11)!.message).toMatch(/Name is missing/);
    expect(byLine.get(12)!.message).toMatch(/Email is missing/);
    expect(byLine.get(13)).toMatchObject({ name: 'Quoted, Name', group: 'Group B' });
    expect(preview.counts).toEqual({ total: 12, new: 2, existing: 4, invalid: 6, unchanged: 2 });
  });

  it('reads the same file separated by semicolons (a European spreadsheet) or tabs, and says so', async () => {
    const comma = await previewRoster(asCohortAdmin(cohortId), { csv });
    expect(comma.delimiter).toBe(',');
    // The same rows, as Excel in a comma-decimal locale writes them: semicolons, and commas left inside cells.
    const semicolons = csv.replaceAll(',', ';').replace('"Quoted; Name"', '"Quoted, Name"');
    const bySemicolon = await previewRoster(asCohortAdmin(cohortId), { csv: semicolons });
    expect(bySemicolon.delimiter).toBe(';');
    expect(bySemicolon.rows.map((row) => [row.line, row.name, row.email, row.fate, row.action])).toEqual(comma.rows.map((row) => [row.line, row.name, row.email, row.fate, row.action]));
    expect(bySemicolon.rows.at(-1)!.name).toBe('Quoted, Name');
    const tabs = await previewRoster(asCohortAdmin(cohortId), { csv: '\uFEFFName\tEmail\tRole\nTab Person\ttab.person@example.org\tfellow\n' });
    expect(tabs.delimiter).toBe('\t');
    expect(tabs.rows.map((row) => [row.name, row.email, row.fate])).toEqual([['Tab Person', 'tab.person@example.org', 'new']]);
    // A name with a semicolon in a comma file stays one cell.
    const mixed = await previewRoster(asCohortAdmin(cohortId), { csv: 'name,email\n"Smith; Jo",jo.smith@example.org\n' });
    expect(mixed.delimiter).toBe(',');
    expect(mixed.rows[0]!.name).toBe('Smith; Jo');
  });

  it('writes nothing, and an import with an invalid row writes nothing either', async () => {
    const before = await snapshot(cohortId);
    await previewRoster(asCohortAdmin(cohortId), { csv });
    const error = await caughtAppError(importRoster(asCohortAdmin(cohortId), { csv }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/^Nothing was imported: 6 rows need fixing\. line 7: Not an email address/);
    expect(await snapshot(cohortId)).toEqual(before);
    expect(await db.user.count({ where: { email: 'ada@example.org' } })).toBe(0);
  });

  it('imports the valid rows once the file is fixed', async () => {
    const fixed = csv
      .split('\r\n')
      .filter((_line, index) => index < 6 || index === 12)
      .join('\n');
    const result = await importRoster(asCohortAdmin(cohortId), { csv: fixed });
    expect(result).toMatchObject({ accountsCreated: 2, joined: 3, updated: 1, unchanged: 2, groupsCreated: [] });
    const ada = await db.user.findUniqueOrThrow({ where: { email: 'ada@example.org' }, include: { memberships: true } });
    expect(ada.name).toBe('Ada Lovelace');
    expect(ada.memberships).toEqual([expect.objectContaining({ cohortId, role: 'FELLOW', groupId: groupAId })]);
    const facilitator = await db.membership.findFirstOrThrow({
      where: { cohortId, user: { email: 'has.account@example.org' } },
      include: { leadsGroups: true },
    });
    expect(facilitator).toMatchObject({ role: 'FACILITATOR', groupId: null });
    expect(facilitator.leadsGroups.map((lead) => lead.groupId)).toEqual([groupBId]);
    expect(await db.membership.findFirstOrThrow({ where: { cohortId, user: { email: 'mover@example.org' } } })).toMatchObject({ groupId: groupBId });

    // Importing the same file again changes nothing.
    const before = await snapshot(cohortId);
    const again = await importRoster(asCohortAdmin(cohortId), { csv: fixed });
    expect(again).toMatchObject({ accountsCreated: 0, joined: 0, updated: 0, unchanged: 6 });
    expect(await snapshot(cohortId)).toEqual(before);
  });

  it('creates missing groups when asked', async () => {
    const text = 'email,name,group\nnewgroup@example.org,New Group Person,Group C\nsecond@example.org,Second,group c\n';
    const preview = await previewRoster(asCohortAdmin(cohortId), { csv: text, createMissingGroups: true });
    expect(preview.counts.invalid).toBe(0);
    expect(preview.groupsToCreate).toEqual(['Group C']);
    const result = await importRoster(asCohortAdmin(cohortId), { csv: text, createMissingGroups: true });
    expect(result.groupsCreated).toEqual(['Group C']);
    const groupC = await db.discussionGroup.findFirstOrThrow({ where: { cohortId, name: 'Group C' }, include: { members: true } });
    expect(groupC.members).toHaveLength(2);
  });
});

describe('a whole roster: 30 fellows in 3 groups and their facilitators', () => {
  it('imports them all at once, in their groups', async () => {
    const cohort = await createCohort({ slug: 'spring-roster' });
    for (const name of ['Group A', 'Group B', 'Group C']) await createGroup(cohort.id, { name });
    const lines = ['Email,Name,Role,Group'];
    for (let index = 1; index <= 30; index++) {
      lines.push(`fellow${index}@spring.example,Fellow ${index},fellow,Group ${'ABC'[(index - 1) % 3]}`);
    }
    for (const [index, group] of ['A', 'B', 'C'].entries()) lines.push(`lead${index + 1}@spring.example,Lead ${index + 1},Facilitator,Group ${group}`);

    const preview = await previewRoster(asCohortAdmin(cohort.id), { csv: lines.join('\n') });
    expect(preview.counts).toEqual({ total: 33, new: 33, existing: 0, invalid: 0, unchanged: 0 });
    const result = await importRoster(asCohortAdmin(cohort.id), { csv: lines.join('\n') });
    expect(result).toMatchObject({ accountsCreated: 33, joined: 33 });

    const groups = await db.discussionGroup.findMany({
      where: { cohortId: cohort.id },
      orderBy: { name: 'asc' },
      select: { name: true, _count: { select: { members: true, facilitators: true } } },
    });
    expect(groups).toEqual([
      { name: 'Group A', _count: { members: 10, facilitators: 1 } },
      { name: 'Group B', _count: { members: 10, facilitators: 1 } },
      { name: 'Group C', _count: { members: 10, facilitators: 1 } },
    ]);
    expect(await db.membership.count({ where: { cohortId: cohort.id, role: 'FELLOW' } })).toBe(30);
  });
});

describe('roster files that cannot be imported', () => {
  let cohortId: string;
  beforeAll(async () => {
    cohortId = (await createCohort()).id;
  });

  it('needs an email column', async () => {
    const error = await caughtAppError(previewRoster(asCohortAdmin(cohortId), { csv: 'Name,Address\nAda,ada@example.org\n' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/email column/);
    expect(error.message).toContain('"Name", "Address"');
  });

  it('refuses an empty file, a header alone on import, and broken quoting', async () => {
    expect((await caughtAppError(previewRoster(asCohortAdmin(cohortId), { csv: '\n\n' }))).message).toMatch(/empty/);
    expect((await previewRoster(asCohortAdmin(cohortId), { csv: 'email\n' })).counts.total).toBe(0);
    expect((await caughtAppError(importRoster(asCohortAdmin(cohortId), { csv: 'email\n' }))).message).toMatch(/nobody under it/);
    expect((await caughtAppError(previewRoster(asCohortAdmin(cohortId), { csv: 'email,name\n"ada@example.org,Ada\n' }))).message).toMatch(/not a CSV file we can read/);
  });

  it('refuses more than 1 MB or more than 5000 people with a clear message', async () => {
    const big = `email,name,notes\n${`a@example.org,A,${'x'.repeat(1000)}\n`.repeat(1100)}`;
    const tooBig = await caughtAppError(previewRoster(asCohortAdmin(cohortId), { csv: big }));
    expect(tooBig.code).toBe('PAYLOAD_TOO_LARGE');
    expect(tooBig.message).toMatch(/at most 1 MB/);

    const many = `email\n${Array.from({ length: ROSTER_MAX_ROWS + 1 }, (_, index) => `p${index}@x.io`).join('\n')}`;
    const tooMany = await caughtAppError(previewRoster(asCohortAdmin(cohortId), { csv: many }));
    expect(tooMany.code).toBe('PAYLOAD_TOO_LARGE');
    expect(tooMany.message).toMatch(/lists 5001 people; import at most 5000/);
  });
});
