// The harness points DATABASE_URL at a fresh, migrated, empty database for this file.
import { describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import {
  DEMO_EMAILS,
  demoCohortStartDate,
  isDatabaseEmpty,
  seedDemoData,
} from '@/server/services/demo/seed-demo';
import { systemContext } from '@/server/services/context';

// Counted by hand from prisma/seed/diffusion-track.md, not from the importer, so a slip in
// reading it shows up here. The template and the demo cohort's own copy each have them all.
const LINKED_ITEMS = 19; // weeks 1-6: 2 + 7 + 2 + 2 + 3 + 3
const UNLINKED_ITEMS = 3; // week 3 VAE notebook, week 4 VAE task, week 5 VAE exercise
const GOALS = 20; // 2 + 8 + 2 + 3 + 3 + 2
const SECTIONS = 11; // 1 + 2 + 2 + 2 + 2 + 2

const DAY_MS = 24 * 60 * 60 * 1000;

async function counts() {
  const [users, curricula, weeks, sections, items, goals, cohorts, groups, memberships, groupFacilitators] =
    await Promise.all([
      db.user.count(),
      db.curriculum.count(),
      db.curriculumWeek.count(),
      db.curriculumSection.count(),
      db.curriculumItem.count(),
      db.learningGoal.count(),
      db.cohort.count(),
      db.discussionGroup.count(),
      db.membership.count(),
      db.groupFacilitator.count(),
    ]);
  return { users, curricula, weeks, sections, items, goals, cohorts, groups, memberships, groupFacilitators };
}

async function itemByTitle(title: string) {
  return db.curriculumItem.findFirstOrThrow({ where: { title } });
}

describe('seedDemoData', () => {
  it('starts from an empty database', async () => {
    expect(await isDatabaseEmpty(systemContext(db))).toBe(true);
  });

  it('imports the Diffusion Track markdown in full as a template', async () => {
    const summary = await seedDemoData(systemContext(db));
    expect(summary.curriculumCreated).toBe(true);
    expect(summary.cohortCreated).toBe(true);
    expect(summary.usersCreated).toBe(15);
    expect(await isDatabaseEmpty(systemContext(db))).toBe(false);

    const curriculum = await db.curriculum.findUniqueOrThrow({
      where: { slug: 'diffusion-track' },
      include: { weeks: { orderBy: { position: 'asc' } } },
    });
    expect(curriculum.title).toBe('AI Safety at UCLA Intro Fellowship: Diffusion Track');
    expect(curriculum.sourceId).toBeNull();
    expect(curriculum.weeks.map((week) => week.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(curriculum.weeks[0]?.title).toBe('Preventing an AI-related catastrophe + Scaling Hypothesis');

    const inTemplate = { week: { curriculumId: curriculum.id } };
    expect(await db.curriculumSection.count({ where: inTemplate })).toBe(SECTIONS);
    expect(await db.curriculumItem.count({ where: { section: inTemplate } })).toBe(LINKED_ITEMS + UNLINKED_ITEMS);
    expect(await db.curriculumItem.count({ where: { section: inTemplate, url: { not: null } } })).toBe(LINKED_ITEMS);
    expect(await db.learningGoal.count({ where: inTemplate })).toBe(GOALS);

    // The template and the demo cohort's copy, nothing else.
    const c = await counts();
    expect(c.curricula).toBe(2);
    expect(c.weeks).toBe(12);
    expect(c.sections).toBe(2 * SECTIONS);
    expect(c.items).toBe(2 * (LINKED_ITEMS + UNLINKED_ITEMS));
    expect(c.goals).toBe(2 * GOALS);
  });

  it('runs the demo cohort on its own copy of the template', async () => {
    const template = await db.curriculum.findUniqueOrThrow({ where: { slug: 'diffusion-track' } });
    const cohort = await db.cohort.findUniqueOrThrow({ where: { slug: 'demo' }, include: { curriculum: true } });
    expect(cohort.curriculum.id).not.toBe(template.id);
    expect(cohort.curriculum).toMatchObject({ sourceId: template.id, sourceVersion: template.version, title: template.title });
    expect(await db.curriculumWeek.count({ where: { curriculumId: cohort.curriculumId } })).toBe(6);
  });

  it('keeps the minutes, qualifiers and kinds the syllabus states', async () => {
    expect((await itemByTitle('Intelligence Explosion')).minutes).toBe(20);
    expect((await itemByTitle('Circuits, Distilled')).minutes).toBe(50);
    expect((await itemByTitle('Clarifying What Failure Looks Like')).minutes).toBe(25);
    expect((await itemByTitle('Open Problems in AI X-Risk')).minutes).toBe(60);
    expect((await itemByTitle('AI and Compute')).minutes).toBe(5);
    expect((await itemByTitle('A Bird\'s Eye View of the ML Field')).minutes).toBe(45);

    const x = await itemByTitle('X-Risk Analysis for AI Research');
    expect(x).toMatchObject({ minutes: 10, url: 'https://arxiv.org/pdf/2206.05862' });
    expect(x.note).toContain('Appendix A pg 13-14');

    const threeBlue = await itemByTitle('3 Blue 1 Brown Neural Networks');
    expect(threeBlue.minutes).toBe(30);
    expect(threeBlue.note).toContain('if unfamiliar');
    expect(threeBlue.note).toContain('Chapters 1 and 2');

    const vaeIntuition = await itemByTitle('Variational Autoencoder (VAE) Intuition');
    expect(vaeIntuition).toMatchObject({ minutes: 30, optional: true, url: null, kind: 'NOTEBOOK' });

    expect((await itemByTitle('Intuitively Understanding KL Divergence')).kind).toBe('VIDEO');
    expect((await itemByTitle('Policy Gradient Explanation')).kind).toBe('NOTEBOOK');
    expect(await itemByTitle('Full VAE derivation and implementation')).toMatchObject({
      kind: 'EXERCISE',
      url: null,
      minutes: null,
    });
    expect((await itemByTitle('RL Connect4')).note).toContain('Stage 4');

    const week1Core = await db.curriculumSection.findFirstOrThrow({
      where: { week: { number: 1 }, title: 'Core Readings' },
    });
    expect(week1Core).toMatchObject({ kind: 'CORE', statedMinutes: 70 });
    const week2 = await db.curriculumWeek.findFirstOrThrow({
      where: { number: 2, curriculum: { slug: 'diffusion-track' } },
      include: { sections: { orderBy: { position: 'asc' } }, goals: true },
    });
    // "Core Content: (125 min)" wraps the two sections: the importer keeps it as their group.
    expect(week2.sections.map((s) => [s.title, s.statedMinutes, s.group])).toEqual([
      ['Theoretical Readings', 75, 'Core Content: (125 min)'],
      ['Practical Readings', 50, 'Core Content: (125 min)'],
    ]);
    expect(week2.goals.filter((g) => g.category === 'THEORETICAL')).toHaveLength(6);
    expect(week2.goals.filter((g) => g.category === 'PRACTICAL')).toHaveLength(2);
  });

  it('creates the demo people, cohort and groups', async () => {
    const c = await counts();
    expect(c.users).toBe(15);
    expect(c.cohorts).toBe(1);
    expect(c.groups).toBe(2);

    const admin = await db.user.findUniqueOrThrow({ where: { email: DEMO_EMAILS.admin } });
    expect(admin).toMatchObject({ name: 'Ada Admin', isAdmin: true });
    expect(await db.user.count({ where: { isAdmin: true } })).toBe(1);

    const cohort = await db.cohort.findUniqueOrThrow({
      where: { slug: 'demo' },
      include: {
        groups: {
          orderBy: { name: 'asc' },
          include: {
            members: { include: { user: true } },
            facilitators: { include: { membership: { include: { user: true } } } },
          },
        },
      },
    });
    expect(cohort).toMatchObject({ name: 'Demo', status: 'ACTIVE', timeZone: 'America/Los_Angeles' });

    const [groupA, groupB] = cohort.groups;
    expect(groupA).toMatchObject({
      name: 'Group A',
      meetingDay: 2,
      meetingTime: '18:00',
      location: 'Room 2.14, Boelter Hall',
    });
    expect(groupB).toMatchObject({
      name: 'Group B',
      meetingDay: 4,
      meetingTime: '17:30',
      videoUrl: 'https://meet.example.com/demo-b',
    });

    const fellowEmails = (group: typeof groupA) =>
      group!.members.filter((m) => m.role === 'FELLOW').map((m) => m.user.email).sort();
    expect(fellowEmails(groupA)).toEqual(DEMO_EMAILS.fellows.slice(0, 6).sort());
    expect(fellowEmails(groupB)).toEqual(DEMO_EMAILS.fellows.slice(6, 12).sort());
    expect(await db.membership.count({ where: { role: 'FELLOW' } })).toBe(12);

    expect(groupA!.facilitators.map((f) => f.membership.user.email)).toEqual(['facilitator1@example.com']);
    expect(groupB!.facilitators.map((f) => f.membership.user.email)).toEqual(['facilitator2@example.com']);
    expect(await db.membership.count({ where: { role: 'FACILITATOR', groupId: null } })).toBe(2);
    expect(c.groupFacilitators).toBe(2);
  });

  it('starts the cohort on a Monday on or before 14 days ago', async () => {
    const cohort = await db.cohort.findUniqueOrThrow({ where: { slug: 'demo' } });
    const start = cohort.startDate;
    const twoWeeksAgo = Date.now() - 14 * DAY_MS;
    expect(start.getUTCDay()).toBe(1);
    expect(start.getTime()).toBeLessThanOrEqual(twoWeeksAgo);
    // The nearest such Monday, not an older one (one extra day for the time-zone shift).
    expect(start.getTime()).toBeGreaterThan(twoWeeksAgo - 8 * DAY_MS);
  });

  it('changes nothing when run a second time', async () => {
    const before = await counts();
    const cohortBefore = await db.cohort.findUniqueOrThrow({ where: { slug: 'demo' } });

    const summary = await seedDemoData(systemContext(db, new Date('2030-01-01T12:00:00Z')));
    expect(summary).toMatchObject({
      curriculumCreated: false,
      cohortCreated: false,
      usersCreated: 0,
      groupsCreated: 0,
      membershipsCreated: 0,
      users: 15,
    });
    expect(await counts()).toEqual(before);
    expect(await db.cohort.findUniqueOrThrow({ where: { slug: 'demo' } })).toEqual(cohortBefore);
  });
});

describe('demoCohortStartDate', () => {
  it('is the Monday on or before two weeks ago, in the cohort time zone', () => {
    // Wed 2026-03-18 → Wed 2026-03-04 → Mon 2026-03-02.
    expect(demoCohortStartDate(new Date('2026-03-18T20:00:00Z')).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    // Mon 2026-03-16 → Mon 2026-03-02, itself.
    expect(demoCohortStartDate(new Date('2026-03-16T20:00:00Z')).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    // 03:00 UTC on Mon 2026-03-16 is still Sunday evening in Los Angeles, so a week earlier.
    expect(demoCohortStartDate(new Date('2026-03-16T03:00:00Z')).toISOString()).toBe('2026-02-23T00:00:00.000Z');
    expect(demoCohortStartDate(new Date('2026-03-16T03:00:00Z'), 'UTC').toISOString()).toBe(
      '2026-03-02T00:00:00.000Z',
    );
  });
});
