// A new cohort each quarter: from a template curriculum, or cloned from last quarter's cohort.
// Either way the cohort gets its own copy of the syllabus, and everything (the copy, the
// cohort, its groups and facilitators) is written in one transaction or not at all.
import type { Prisma, PrismaClient } from '@/generated/prisma/client';
import { parseIsoDate } from '@/lib/cohort-calendar';
import {
  cloneCohortInput,
  createCohortInput,
  slugifyName,
  type CloneCohortInput,
  type CreateCohortInput,
} from '@/lib/schemas/cohort';
import { AppError } from '@/server/errors';
import { ensureCohortMeetings } from '@/server/services/meetings/ensure-group-meetings';
import { invalidateCohortSyllabus } from '@/server/services/curricula/invalidate-curriculum';
import { cohortScheduleSelect } from './cohort-selects';
import { copyCurriculum } from './copy-curriculum';
import { uniqueCohortSlug, uniqueCurriculumSlug } from './unique-slug';
import type { ServiceContext } from '@/server/services/context';
import { recordAudit } from '@/server/services/audit/record-audit';

const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 60_000 } as const;

export const createdCohortSelect = {
  ...cohortScheduleSelect,
  syllabusVisibility: true,
  curriculum: { select: { slug: true, title: true, sourceVersion: true, source: { select: { slug: true } } } },
  clonedFromId: true,
  _count: { select: { groups: true, memberships: true } },
} as const satisfies Prisma.CohortSelect;

async function resolveSlug(tx: Prisma.TransactionClient, requested: string | undefined, name: string): Promise<string> {
  if (!requested) return uniqueCohortSlug(tx, slugifyName(name));
  const taken = await tx.cohort.findUnique({ where: { slug: requested }, select: { id: true } });
  if (taken) {
    throw new AppError('CONFLICT', `A cohort with the address "${requested}" already exists: choose another.`, [
      { path: 'slug', message: 'This address is taken: choose another.' },
    ]);
  }
  return requested;
}

/** Runs `work` in a transaction; a unique-index race (two creates of one slug) is a CONFLICT. */
async function inTransaction<T>(db: PrismaClient, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  try {
    return await db.$transaction(work, TRANSACTION_OPTIONS);
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') {
      throw new AppError('CONFLICT', 'Another cohort was just created with the same address. Try again.');
    }
    throw error;
  }
}

type NewCohortFields = Pick<CreateCohortInput, 'name' | 'slug' | 'term' | 'startDate' | 'timeZone' | 'meetingCadenceWeeks' | 'skippedWeeks'>;

/**
 * The cohort's row and its own copy of the syllabus `syllabus.copyOf`, recorded as descending
 * from `syllabus.sourceId` at `sourceVersion`. What the admin left out comes from `defaults`.
 */
async function insertCohort(
  tx: Prisma.TransactionClient,
  input: NewCohortFields,
  syllabus: { copyOf: string; sourceId: string; sourceVersion: number },
  defaults: Pick<Prisma.CohortUncheckedCreateInput, 'timeZone' | 'meetingCadenceWeeks' | 'syllabusVisibility' | 'clonedFromId'>,
) {
  const slug = await resolveSlug(tx, input.slug, input.name);
  const curriculumId = await copyCurriculum(tx, syllabus.copyOf, {
    slug: await uniqueCurriculumSlug(tx, `${slug}-syllabus`),
    sourceId: syllabus.sourceId,
    sourceVersion: syllabus.sourceVersion,
  });
  return tx.cohort.create({
    data: {
      ...defaults,
      slug,
      name: input.name,
      term: input.term ?? null,
      curriculumId,
      startDate: parseIsoDate(input.startDate)!,
      timeZone: input.timeZone ?? defaults.timeZone,
      meetingCadenceWeeks: input.meetingCadenceWeeks ?? defaults.meetingCadenceWeeks,
      skippedWeeks: input.skippedWeeks ?? [],
      status: 'DRAFT',
    },
    select: createdCohortSelect,
  });
}

/** A cohort running its own copy of the template curriculum `input.curriculum`. */
export async function createCohort(ctx: ServiceContext, rawInput: CreateCohortInput) {
  const { db } = ctx;
  const input = createCohortInput.parse(rawInput);
  const created = await inTransaction(db, async (tx) => {
    const template = await tx.curriculum.findUnique({
      where: { slug: input.curriculum },
      select: { id: true, version: true, sourceId: true },
    });
    if (!template) {
      throw new AppError('NOT_FOUND', `No curriculum has the slug "${input.curriculum}".`, [
        { path: 'curriculum', message: 'No such curriculum.' },
      ]);
    }
    if (template.sourceId) {
      throw new AppError(
        'BAD_REQUEST',
        `"${input.curriculum}" is a cohort's own copy of a syllabus: start from its template, or clone that cohort.`,
        [{ path: 'curriculum', message: 'Pick a template, not a cohort’s copy.' }],
      );
    }
    const cohort = await insertCohort(
      tx,
      input,
      { copyOf: template.id, sourceId: template.id, sourceVersion: template.version },
      { timeZone: 'UTC', meetingCadenceWeeks: 1, syllabusVisibility: input.syllabusVisibility ?? 'MEMBERS' },
    );
    await recordAudit(tx, ctx, {
      action: 'cohort.created',
      cohortId: cohort.id,
      summary: `Created ${cohort.name} from the curriculum ${input.curriculum}`,
      subjectType: 'cohort',
      subjectId: cohort.id,
      after: { slug: cohort.slug, curriculum: input.curriculum, startDate: input.startDate },
    });
    return cohort;
  });
  // The address may have been asked for before (and cached as "no such cohort").
  await invalidateCohortSyllabus(db, created.slug);
  return created;
}

/**
 * A new cohort like `input.source`: a fresh copy of the source cohort's own syllabus (so the
 * edits made for it carry over), its groups with their meeting settings, and its
 * facilitators when asked. Never its fellows, invitations or progress; skipped weeks belong
 * to the old dates and are not carried over.
 */
export async function cloneCohort(ctx: ServiceContext, rawInput: CloneCohortInput) {
  const { db } = ctx;
  const input = cloneCohortInput.parse(rawInput);
  const created = await inTransaction(db, async (tx) => {
    const source = await tx.cohort.findUnique({
      where: { slug: input.source },
      select: {
        id: true,
        timeZone: true,
        meetingCadenceWeeks: true,
        syllabusVisibility: true,
        curriculum: { select: { id: true, slug: true, version: true, sourceId: true, sourceVersion: true, source: { select: { slug: true } } } },
        groups: {
          orderBy: { name: 'asc' },
          select: { name: true, meetingDay: true, meetingTime: true, meetingMinutes: true, capacity: true, location: true, videoUrl: true },
        },
        memberships: {
          where: { role: 'FACILITATOR' },
          select: { userId: true, leadsGroups: { select: { group: { select: { name: true } } } } },
        },
      },
    });
    if (!source) {
      throw new AppError('NOT_FOUND', `No cohort has the address "${input.source}".`, [{ path: 'source', message: 'No such cohort.' }]);
    }
    const templateSlug = source.curriculum.source?.slug ?? source.curriculum.slug;
    if (input.curriculum && input.curriculum !== templateSlug) {
      throw new AppError('BAD_REQUEST', `Cohort "${input.source}" runs "${templateSlug}", not "${input.curriculum}": leave out the curriculum to clone it.`, [
        { path: 'curriculum', message: `The cohort runs ${templateSlug}.` },
      ]);
    }
    // A copy descends from the template its source came from; a cohort created before copies
    // existed runs the template itself, which then is the source.
    const { curriculum } = source;
    const cohort = await insertCohort(
      tx,
      input,
      {
        copyOf: curriculum.id,
        sourceId: curriculum.sourceId ?? curriculum.id,
        sourceVersion: curriculum.sourceId ? (curriculum.sourceVersion ?? curriculum.version) : curriculum.version,
      },
      {
        timeZone: source.timeZone,
        meetingCadenceWeeks: source.meetingCadenceWeeks,
        syllabusVisibility: source.syllabusVisibility,
        clonedFromId: source.id,
      },
    );

    if (source.groups.length) {
      await tx.discussionGroup.createMany({ data: source.groups.map((group) => ({ ...group, cohortId: cohort.id })) });
    }
    if (input.includeFacilitators && source.memberships.length) {
      const groups = await tx.discussionGroup.findMany({ where: { cohortId: cohort.id }, select: { id: true, name: true } });
      const groupIdByName = new Map(groups.map((group) => [group.name, group.id]));
      await tx.membership.createMany({
        data: source.memberships.map((membership) => ({ cohortId: cohort.id, userId: membership.userId, role: 'FACILITATOR' as const })),
      });
      const created = await tx.membership.findMany({ where: { cohortId: cohort.id }, select: { id: true, userId: true } });
      const membershipIdByUser = new Map(created.map((membership) => [membership.userId, membership.id]));
      await tx.groupFacilitator.createMany({
        data: source.memberships.flatMap((membership) =>
          membership.leadsGroups.map((lead) => ({
            groupId: groupIdByName.get(lead.group.name)!,
            membershipId: membershipIdByUser.get(membership.userId)!,
          })),
        ),
      });
    }
    await recordAudit(tx, ctx, {
      action: 'cohort.cloned',
      cohortId: cohort.id,
      summary: `Created ${cohort.name} as a copy of ${input.source}${input.includeFacilitators ? ', with its facilitators' : ''}`,
      subjectType: 'cohort',
      subjectId: cohort.id,
      after: { slug: cohort.slug, source: input.source, includeFacilitators: input.includeFacilitators, groups: source.groups.length },
    });
    return tx.cohort.findUniqueOrThrow({ where: { id: cohort.id }, select: createdCohortSelect });
  });
  await invalidateCohortSyllabus(db, created.slug);
  // The copied groups keep their meeting times: their meetings on the new dates.
  await ensureCohortMeetings(db, created.id);
  return created;
}

export type CreatedCohort = Awaited<ReturnType<typeof createCohort>>;
