// "Download your data": everything Fellowship keeps about the signed-in person, as one JSON
// document, and their training runs' metric points as CSV. Both are written piece by piece
// (async generators the route streams), reading the database a page at a time: a person's runs
// can hold millions of points, and neither the server nor a slow download may hold them all.
//
// Only rows of this person are read (every query is by their user id or their memberships);
// other people appear at most as a group's or cohort's name. Secrets never appear: no session
// or sign-in tokens, no API token hashes or prefixes, no OAuth tokens.
import { stringify } from 'csv-stringify/sync';
import { AppError } from '@/server/errors';
import { nowOf, type Db, type UserContext } from '@/server/services/context';

/** Rows per query: small enough that a page is a few hundred KB, large enough to be quick. */
const PAGE = 2000;
const RUN_PAGE = 50;

export const PERSONAL_DATA_FORMAT = 'fellowship-personal-data';

/**
 * JSON for one value. Metric values may be NaN or infinite (PostgreSQL keeps them), which JSON
 * cannot write: they become the strings "NaN", "Infinity" and "-Infinity".
 */
function json(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'number' && !Number.isFinite(item) ? String(item) : item));
}

/** Pages of a keyset-ordered query until one comes back short. */
async function* pages<T>(fetch: (after: T | null) => Promise<T[]>, size: number): AsyncGenerator<T[]> {
  let after: T | null = null;
  for (;;) {
    const page = await fetch(after);
    if (page.length) yield page;
    if (page.length < size) return;
    after = page.at(-1)!;
  }
}

/** A JSON array written element by element from pages of rows. */
async function* jsonArray<T>(rows: AsyncIterable<T[]>, render: (row: T) => unknown | Promise<unknown>, indent = '  '): AsyncGenerator<string> {
  let first = true;
  yield '[';
  for await (const page of rows) {
    for (const row of page) {
      yield `${first ? '' : ','}\n${indent}  ${json(await render(row))}`;
      first = false;
    }
  }
  yield first ? ']' : `\n${indent}]`;
}

/** A page that is the whole answer, for small collections. */
async function* once<T>(rows: Promise<T[]>): AsyncGenerator<T[]> {
  yield await rows;
}

async function loadProfile(db: Db, userId: string) {
  const profile = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      emailVerified: true,
      image: true,
      certificateName: true,
      timeZone: true,
      isAdmin: true,
      disabledAt: true,
      createdAt: true,
      updatedAt: true,
    },
  });
  if (!profile) throw new AppError('NOT_FOUND', 'Your account no longer exists. Please sign in again.');
  return profile;
}

/**
 * The whole document, in pieces. Sections are read one after another, so a change made while
 * the download runs may show in one section and not in an earlier one.
 */
export async function* exportPersonalData(ctx: UserContext): AsyncGenerator<string> {
  const { db } = ctx;
  const userId = ctx.user.id;
  const profile = await loadProfile(db, userId);

  yield `{\n  "format": ${json(PERSONAL_DATA_FORMAT)},\n  "version": 1,\n  "exportedAt": ${json(nowOf(ctx))},\n`;
  yield `  "about": ${json(
    'Everything Fellowship keeps about you: your profile, sign-ins, email settings, API tokens (names and dates), cohorts with your readings, answers, check-ins, survey, attendance and certificates, applications, availability, the emails sent to you, and your training runs with every metric point. Points are [step, value, time]; availability slots are UTC half hours counted from Monday 00:00 of the cohort’s first week.',
  )},\n`;
  yield `  "profile": ${json(profile)},\n`;

  yield '  "signInMethods": ';
  yield* jsonArray(once(db.account.findMany({ where: { userId }, orderBy: { provider: 'asc' }, select: { provider: true, type: true } })), (row) => row);
  yield ',\n  "sessions": ';
  yield* jsonArray(once(db.session.findMany({ where: { userId }, orderBy: { createdAt: 'asc' }, select: { createdAt: true, expires: true } })), (row) => row);
  yield ',\n  "emailPreferences": ';
  yield* jsonArray(once(db.emailPreference.findMany({ where: { userId }, orderBy: { topic: 'asc' }, select: { topic: true, enabled: true, updatedAt: true } })), (row) => row);
  yield ',\n  "apiTokens": ';
  yield* jsonArray(
    once(
      db.apiToken.findMany({
        where: { userId },
        orderBy: { createdAt: 'asc' },
        select: { name: true, createdAt: true, expiresAt: true, revokedAt: true, lastUsedAt: true, cohort: { select: { slug: true, name: true } } },
      }),
    ),
    (row) => row,
  );

  yield ',\n  "memberships": ';
  const memberships = await db.membership.findMany({
    where: { userId },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      role: true,
      createdAt: true,
      leftAt: true,
      lastActivityAt: true,
      atRiskSince: true,
      deferredToCohortId: true,
      cohort: { select: { id: true, slug: true, name: true, term: true, startDate: true, timeZone: true, status: true } },
      group: { select: { name: true } },
      leadsGroups: { select: { group: { select: { name: true } } } },
    },
  });
  yield* jsonArray(once(Promise.resolve(memberships)), (membership) => loadMembershipRecord(db, membership));

  yield ',\n  "applications": ';
  yield* jsonArray(once(loadApplications(db, userId, profile.email)), (row) => row);
  yield ',\n  "applicationReviewsWritten": ';
  yield* jsonArray(
    once(
      db.applicationReview.findMany({
        where: { reviewerId: userId },
        orderBy: { createdAt: 'asc' },
        // The applicant is someone else: their application is named by id only.
        select: { applicationId: true, score: true, comment: true, createdAt: true, updatedAt: true, application: { select: { cohort: { select: { slug: true } } } } },
      }),
    ),
    ({ application, ...review }) => ({ cohort: application.cohort.slug, ...review }),
  );
  yield ',\n  "availability": ';
  yield* jsonArray(
    once(db.availability.findMany({ where: { userId }, select: { timeZone: true, slots: true, updatedAt: true, cohort: { select: { slug: true } } } })),
    ({ cohort, ...row }) => ({ cohort: cohort.slug, ...row }),
  );
  yield ',\n  "invitations": ';
  yield* jsonArray(
    once(
      db.invitation.findMany({
        where: { OR: [{ email: { equals: profile.email, mode: 'insensitive' } }, { acceptedById: userId }] },
        orderBy: { createdAt: 'asc' },
        select: { email: true, role: true, createdAt: true, expiresAt: true, acceptedAt: true, revokedAt: true, cohort: { select: { slug: true } } },
      }),
    ),
    ({ cohort, ...row }) => ({ cohort: cohort.slug, ...row }),
  );
  // What was sent and when; not the payloads, which hold other people's names (a prep note).
  yield ',\n  "emails": ';
  yield* jsonArray(
    pages(
      (after: { id: string } | null) =>
        db.notification.findMany({
          where: { OR: [{ userId }, { toEmail: { equals: profile.email, mode: 'insensitive' } }], ...(after ? { id: { gt: after.id } } : {}) },
          orderBy: { id: 'asc' },
          take: PAGE,
          select: { id: true, kind: true, status: true, toEmail: true, createdAt: true, sentAt: true, skippedReason: true },
        }),
      PAGE,
    ),
    ({ id: _id, ...row }) => row,
  );

  yield ',\n  "runs": ';
  yield* exportRuns(db, userId);
  yield '\n}\n';
}

type MembershipRow = {
  id: string;
  role: string;
  createdAt: Date;
  leftAt: Date | null;
  lastActivityAt: Date | null;
  atRiskSince: Date | null;
  deferredToCohortId: string | null;
  cohort: { id: string; slug: string; name: string; term: string | null; startDate: Date; timeZone: string; status: string };
  group: { name: string } | null;
  leadsGroups: { group: { name: string } }[];
};

const weekOf = (week: { position: number; title: string } | null | undefined) => (week ? { position: week.position, title: week.title } : null);

/** One cohort of the person's: their place in it and what they did there (bounded by the syllabus). */
async function loadMembershipRecord(db: Db, membership: MembershipRow) {
  const membershipId = membership.id;
  const [readings, weekNotes, answers, checkIns, survey, surveyQuestions, attendance, switches, certificates] = await Promise.all([
    db.readingProgress.findMany({
      where: { membershipId },
      orderBy: { completedAt: 'asc' },
      select: { completedAt: true, item: { select: { title: true, url: true, kind: true, section: { select: { week: { select: { position: true, title: true } } } } } } },
    }),
    db.weekReflection.findMany({ where: { membershipId }, select: { text: true, updatedAt: true, week: { select: { position: true, title: true } } } }),
    db.promptResponse.findMany({
      where: { membershipId },
      orderBy: { createdAt: 'asc' },
      select: { text: true, createdAt: true, updatedAt: true, prompt: { select: { text: true, kind: true, week: { select: { position: true, title: true } } } } },
    }),
    db.weekCheckIn.findMany({ where: { membershipId }, orderBy: { createdAt: 'asc' }, select: { rating: true, comment: true, createdAt: true, updatedAt: true, week: { select: { position: true, title: true } } } }),
    db.surveyResponse.findUnique({ where: { membershipId }, select: { answers: true, submittedAt: true, updatedAt: true } }),
    db.surveyQuestion.findMany({ where: { cohortId: membership.cohort.id }, select: { id: true, label: true, kind: true } }),
    db.attendance.findMany({
      where: { membershipId },
      orderBy: { meeting: { startsAt: 'asc' } },
      // Not the facilitator's note: those are for facilitators and admins only (README, ADR 0028).
      select: { status: true, updatedAt: true, meeting: { select: { startsAt: true, weekPosition: true, group: { select: { name: true } } } } },
    }),
    db.groupSwitchRequest.findMany({
      where: { membershipId },
      orderBy: { createdAt: 'asc' },
      select: { scope: true, reason: true, status: true, createdAt: true, decidedAt: true, toGroup: { select: { name: true } } },
    }),
    db.certificate.findMany({
      where: { membershipId },
      orderBy: { issuedAt: 'asc' },
      select: { id: true, kind: true, holderName: true, programme: true, cohortName: true, readingMinutes: true, meetings: true, issuedAt: true, revokedAt: true, revokedReason: true },
    }),
  ]);
  const questionOf = new Map(surveyQuestions.map((question) => [question.id, question]));
  return {
    cohort: { slug: membership.cohort.slug, name: membership.cohort.name, term: membership.cohort.term, startDate: membership.cohort.startDate.toISOString().slice(0, 10), timeZone: membership.cohort.timeZone, status: membership.cohort.status },
    role: membership.role,
    group: membership.group?.name ?? null,
    leadsGroups: membership.leadsGroups.map((lead) => lead.group.name),
    joinedAt: membership.createdAt,
    leftAt: membership.leftAt,
    deferredToCohortId: membership.deferredToCohortId,
    lastActivityAt: membership.lastActivityAt,
    atRiskSince: membership.atRiskSince,
    readingsDone: readings.map((row) => ({ title: row.item.title, url: row.item.url, kind: row.item.kind, week: weekOf(row.item.section.week), completedAt: row.completedAt })),
    weekNotes: weekNotes.map((row) => ({ week: weekOf(row.week), text: row.text, updatedAt: row.updatedAt })),
    promptAnswers: answers.map((row) => ({ prompt: row.prompt.text, kind: row.prompt.kind, week: weekOf(row.prompt.week), answer: row.text, createdAt: row.createdAt, updatedAt: row.updatedAt })),
    checkIns: checkIns.map((row) => ({ week: weekOf(row.week), rating: row.rating, comment: row.comment, createdAt: row.createdAt, updatedAt: row.updatedAt })),
    survey: survey
      ? {
          submittedAt: survey.submittedAt,
          updatedAt: survey.updatedAt,
          answers: Object.entries((survey.answers ?? {}) as Record<string, unknown>).map(([questionId, answer]) => ({
            question: questionOf.get(questionId)?.label ?? null,
            kind: questionOf.get(questionId)?.kind ?? null,
            answer,
          })),
        }
      : null,
    attendance: attendance.map((row) => ({ meetingStartsAt: row.meeting.startsAt, week: row.meeting.weekPosition, group: row.meeting.group.name, status: row.status, updatedAt: row.updatedAt })),
    groupSwitchRequests: switches.map((row) => ({ toGroup: row.toGroup.name, scope: row.scope, reason: row.reason, status: row.status, createdAt: row.createdAt, decidedAt: row.decidedAt })),
    certificates: certificates.map((row) => ({ ...row, page: `/certificates/${row.id}` })),
  };
}

/** Applications under the person's account or their address, with each answer beside its question. */
async function loadApplications(db: Db, userId: string, email: string) {
  const applications = await db.application.findMany({
    where: { OR: [{ userId }, { email: { equals: email, mode: 'insensitive' } }] },
    orderBy: { submittedAt: 'asc' },
    select: {
      name: true,
      email: true,
      role: true,
      status: true,
      answers: true,
      submittedAt: true,
      confirmedAt: true,
      decidedAt: true,
      cohortId: true,
      cohort: { select: { slug: true, name: true } },
    },
  });
  const questions = await db.applicationQuestion.findMany({
    where: { cohortId: { in: [...new Set(applications.map((application) => application.cohortId))] } },
    select: { id: true, label: true },
  });
  const labelOf = new Map(questions.map((question) => [question.id, question.label]));
  return applications.map(({ cohortId: _cohortId, cohort, answers, ...application }) => ({
    cohort: cohort.slug,
    cohortName: cohort.name,
    ...application,
    answers: Object.entries((answers ?? {}) as Record<string, unknown>).map(([questionId, answer]) => ({ question: labelOf.get(questionId) ?? null, answer })),
  }));
}

const runSelect = {
  id: true,
  clientRunId: true,
  name: true,
  params: true,
  tags: true,
  gitSha: true,
  host: true,
  status: true,
  summary: true,
  exitCode: true,
  createdAt: true,
  lastDataAt: true,
  finishedAt: true,
  cohort: { select: { slug: true } },
  exercise: { select: { exerciseSlug: true, title: true } },
} as const;

function pagesOfRuns(db: Db, userId: string) {
  return pages(
    (after: { id: string } | null) =>
      db.run.findMany({ where: { userId, ...(after ? { id: { gt: after.id } } : {}) }, orderBy: { id: 'asc' }, take: RUN_PAGE, select: runSelect }),
    RUN_PAGE,
  );
}

function pagesOfPoints(db: Db, seriesId: number) {
  return pages(
    (after: { step: number } | null) =>
      db.metricPoint.findMany({
        where: { seriesId, ...(after ? { step: { gt: after.step } } : {}) },
        orderBy: { step: 'asc' },
        take: PAGE,
        select: { step: true, value: true, time: true },
      }),
    PAGE,
  );
}

/** The runs array: each run's fields, its images' descriptions, then each metric with its points. */
async function* exportRuns(db: Db, userId: string): AsyncGenerator<string> {
  let firstRun = true;
  yield '[';
  for await (const runs of pagesOfRuns(db, userId)) {
    for (const { cohort, exercise, ...run } of runs) {
      const [series, artifacts] = await Promise.all([
        db.metricSeries.findMany({ where: { runId: run.id }, orderBy: { key: 'asc' }, select: { id: true, key: true, count: true, min: true, max: true, last: true, lastStep: true } }),
        db.runArtifact.findMany({
          where: { runId: run.id },
          orderBy: [{ step: 'asc' }, { name: 'asc' }],
          select: { name: true, step: true, contentType: true, size: true, width: true, height: true, createdAt: true },
        }),
      ]);
      const head = json({ ...run, cohort: cohort.slug, exercise: { slug: exercise.exerciseSlug, title: exercise.title }, images: artifacts });
      // The run's fields, then "metrics" added before its closing brace.
      yield `${firstRun ? '' : ','}\n    ${head.slice(0, -1)},"metrics":[`;
      firstRun = false;
      let firstSeries = true;
      for (const { id, ...summary } of series) {
        yield `${firstSeries ? '' : ','}\n      ${json(summary).slice(0, -1)},"points":[`;
        firstSeries = false;
        let firstPoint = true;
        for await (const points of pagesOfPoints(db, id)) {
          yield `${firstPoint ? '' : ','}${points.map((point) => json([point.step, point.value, point.time])).join(',')}`;
          firstPoint = false;
        }
        yield ']}';
      }
      yield `${firstSeries ? '' : '\n    '}]}`;
    }
  }
  yield firstRun ? ']' : '\n  ]';
}

/** Text a spreadsheet would run as a formula gets a leading apostrophe (as the other CSV exports). */
function cell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const POINT_COLUMNS = ['run_id', 'run_name', 'cohort', 'exercise', 'metric', 'step', 'value', 'time'];

/** Every metric point of the person's runs, one CSV line each, in run, metric and step order. */
export async function* exportMetricPointsCsv(ctx: UserContext): AsyncGenerator<string> {
  const { db } = ctx;
  yield stringify([POINT_COLUMNS]);
  for await (const runs of pagesOfRuns(db, ctx.user.id)) {
    for (const run of runs) {
      const series = await db.metricSeries.findMany({ where: { runId: run.id }, orderBy: { key: 'asc' }, select: { id: true, key: true } });
      for (const { id, key } of series) {
        for await (const points of pagesOfPoints(db, id)) {
          yield stringify(
            points.map((point) => [
              run.id,
              cell(run.name ?? ''),
              run.cohort.slug,
              run.exercise.exerciseSlug ?? '',
              cell(key),
              point.step,
              // NaN and infinities as words, which spreadsheets and pandas read back.
              Number.isFinite(point.value) ? point.value : String(point.value),
              point.time?.toISOString() ?? '',
            ]),
          );
        }
      }
    }
  }
}

/** The file names the downloads are saved under, with the day. */
export function personalDataFileName(ctx: UserContext, kind: 'json' | 'points'): string {
  const day = nowOf(ctx).toISOString().slice(0, 10);
  return kind === 'json' ? `fellowship-data-${day}.json` : `fellowship-metric-points-${day}.csv`;
}
