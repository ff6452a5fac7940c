// `fellowship cohort create|list` and `fellowship roster import` as child processes against
// this file's database: the quarter's setup from a terminal.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { parse } from 'csv-parse/sync';
import { runCli } from './run-command';

const dir = mkdtempSync(path.join(tmpdir(), 'fellowship-cli-cohorts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeRoster(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, lines.join('\n'));
  return file;
}

const spring = ['Name,Email,Role,Group'];
for (let index = 1; index <= 30; index++) spring.push(`Fellow ${index},cli.fellow${index}@example.org,fellow,Group ${'ABC'[(index - 1) % 3]}`);
spring.push('Lead One,cli.lead1@example.org,facilitator,Group A');

describe('fellowship cohort and roster commands', () => {
  it('creates a cohort from an imported template, as JSON', async () => {
    const imported = await runCli(['syllabus', 'import', 'prisma/seed/diffusion-track.md', '--slug', 'diffusion-cli']);
    expect(imported.code, imported.stderr).toBe(0);

    const created = await runCli([
      'cohort', 'create', '--curriculum', 'diffusion-cli', '--name', 'Spring 2027', '--term', 'Spring 2027',
      '--start', '2027-03-01', '--time-zone', 'America/Los_Angeles', '--json',
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      slug: 'spring-2027',
      name: 'Spring 2027',
      status: 'DRAFT',
      startDate: '2027-03-01T00:00:00.000Z',
      timeZone: 'America/Los_Angeles',
      curriculum: { slug: 'spring-2027-syllabus', source: { slug: 'diffusion-cli' }, sourceVersion: 1 },
    });
    const copy = await db.curriculum.findUniqueOrThrow({ where: { slug: 'spring-2027-syllabus' }, include: { weeks: true } });
    expect(copy.weeks).toHaveLength(6);
  });

  it('previews a roster with --dry-run and writes nothing', async () => {
    const cohort = await db.cohort.findUniqueOrThrow({ where: { slug: 'spring-2027' } });
    await db.discussionGroup.createMany({ data: ['Group A', 'Group B', 'Group C'].map((name) => ({ cohortId: cohort.id, name, meetingDay: 2, meetingTime: '18:00' })) });

    const file = writeRoster('spring.csv', spring);
    const dryRun = await runCli(['roster', 'import', 'spring-2027', file, '--dry-run']);
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(dryRun.stdout).toContain('line 2  new      cli.fellow1@example.org  New account: joins as a fellow in Group A.');
    expect(dryRun.stdout).toContain('31 row(s): 31 new, 0 existing (0 unchanged), 0 invalid.');
    expect(dryRun.stdout).toContain('Dry run: nothing was written.');
    expect(await db.membership.count({ where: { cohortId: cohort.id } })).toBe(0);
  });

  it('refuses a roster with an invalid row, naming the line, and writes nothing', async () => {
    const file = writeRoster('bad.csv', [...spring.slice(0, 5), 'Typo,not-an-email,fellow,Group A']);
    const result = await runCli(['roster', 'import', 'spring-2027', file]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('Nothing was imported: 1 row needs fixing. line 6: Not an email address');
    expect(await db.user.count({ where: { email: { startsWith: 'cli.' } } })).toBe(0);
  });

  it('imports the roster: 30 fellows in 3 groups and a facilitator', async () => {
    const file = writeRoster('spring.csv', spring);
    const result = await runCli(['roster', 'import', 'spring-2027', file, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ dryRun: false, accountsCreated: 31, joined: 31, updated: 0 });
    const cohort = await db.cohort.findUniqueOrThrow({ where: { slug: 'spring-2027' } });
    expect(await db.membership.count({ where: { cohortId: cohort.id, role: 'FELLOW', groupId: { not: null } } })).toBe(30);
  });

  it('clones the cohort with --clone: groups and facilitators, no fellows', async () => {
    const result = await runCli([
      'cohort', 'create', '--curriculum', 'diffusion-cli', '--clone', 'spring-2027', '--include-facilitators',
      '--name', 'Fall 2027', '--start', '2027-09-27', '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const fall = JSON.parse(result.stdout);
    expect(fall).toMatchObject({ slug: 'fall-2027', startDate: '2027-09-27T00:00:00.000Z', timeZone: 'America/Los_Angeles', _count: { groups: 3, memberships: 1 } });
    expect(await db.membership.count({ where: { cohort: { slug: 'fall-2027' }, role: 'FELLOW' } })).toBe(0);

    const human = await runCli(['cohort', 'create', '--clone', 'spring-2027', '--name', 'Winter 2028', '--start', '2028-01-10']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('Created cohort "Winter 2028" (winter-2028), a draft starting 2028-01-10 in America/Los_Angeles.');
    expect(human.stdout).toContain('Copied 3 group(s) and 0 facilitator(s); no fellows.');
  });

  it('lists the cohorts', async () => {
    const json = await runCli(['cohort', 'list', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const rows = JSON.parse(json.stdout) as { slug: string; counts: { fellows: number; groups: number } }[];
    expect(rows.map((row) => row.slug).sort()).toEqual(['fall-2027', 'spring-2027', 'winter-2028']);
    expect(rows.find((row) => row.slug === 'spring-2027')!.counts).toMatchObject({ fellows: 30, groups: 3, facilitators: 1 });

    const text = await runCli(['cohort', 'list']);
    expect(text.stdout).toMatch(/spring-2027 {2}Spring 2027 \(Spring 2027\) {2}draft {2}2027-03-01 to 2027-04-11 America\/Los_Angeles {2}30 fellow\(s\), 1 facilitator\(s\), 3 group\(s\)/);
  });

  it('prints attendance and reading progress as CSV, for a cohort or one group', async () => {
    const progress = await runCli(['export', 'progress', 'spring-2027']);
    expect(progress.code, progress.stderr).toBe(0);
    const rows = parse(progress.stdout) as string[][];
    expect(rows).toHaveLength(31);
    expect(rows[0]!.slice(0, 4)).toEqual(['Name', 'Email', 'Group', expect.stringMatching(/^Week 1: /)]);
    expect(rows[0]!.slice(-4)).toEqual(['Core readings done', 'Core readings', 'Due core readings done %', 'Standing']);
    expect(rows.find((row) => row[1] === 'cli.fellow1@example.org')!.slice(-4, -2)).toEqual(['0', expect.stringMatching(/^\d+$/)]);

    const attendance = await runCli(['export', 'attendance', 'spring-2027', '--group', 'Group B']);
    expect(attendance.code, attendance.stderr).toBe(0);
    const groupRows = parse(attendance.stdout) as string[][];
    expect(groupRows).toHaveLength(11);
    expect(groupRows.slice(1).every((row) => row[2] === 'Group B')).toBe(true);

    const unknown = await runCli(['export', 'attendance', 'spring-2027', '--group', 'Group Z']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('This cohort has no group "Group Z". Its groups: Group A, Group B, Group C.');
  });

  it('explains what is missing or wrong', async () => {
    const missing = await runCli(['cohort', 'create', '--name', 'X']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cohort create needs --name, --start and --curriculum (or --clone)');

    const badZone = await runCli(['cohort', 'create', '--curriculum', 'diffusion-cli', '--name', 'X', '--start', '2027-03-01', '--time-zone', 'Mars/Base']);
    expect(badZone.code).toBe(1);
    expect(badZone.stderr.trim().split('\n')).toHaveLength(1);
    expect(badZone.stderr).toContain('timeZone Enter a time zone such as Europe/London');

    const noCohort = await runCli(['roster', 'import', 'no-such-cohort', path.join(dir, 'spring.csv')]);
    expect(noCohort.code).toBe(1);
    expect(noCohort.stderr).toContain('No cohort has the address "no-such-cohort".');

    const noFile = await runCli(['roster', 'import', 'spring-2027', path.join(dir, 'missing.csv')]);
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toContain('missing.csv: no such file.');
  });
});
