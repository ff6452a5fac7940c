// Certificates at the end of a cohort: who qualifies, issuing in bulk (all or nothing, one per
// person, an email each through the queue), by hand to someone who does not qualify, revoking
// with a reason, and the public page and PDF, which need no session and tell a revoked
// certificate from a valid one.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { findPublicCertificate, issueCertificates, listCohortCertificates, listMyCertificates, queueCertificateEmails, revokeCertificate } from '@/server/services/certificates/certificates';
import { GET as getCertificatePdf } from '@/app/certificates/[id]/pdf/route';
import { asCohortAdmin, asSystem, createCohort, createCurriculum, createGroup, createPerson, inCohort } from '../factories';
import { caughtAppOrTRPCError } from '../support/app-errors';

const START = new Date('2027-01-04T00:00:00Z');
/** After the cohort's two weeks. */
const AFTER = new Date('2027-02-01T12:00:00Z');

let world: Awaited<ReturnType<typeof buildWorld>>;

async function buildWorld() {
  const curriculum = await createCurriculum({
    slug: 'certificates-track',
    weeks: {
      create: [1, 2].map((position) => ({
        position,
        number: position,
        title: `Week ${position}`,
        sections: {
          create: [
            {
              position: 1,
              title: 'Core Readings',
              kind: 'CORE' as const,
              items: { create: [{ position: 1, title: `Reading ${position}`, url: `https://example.org/${position}`, minutes: 45 }] },
            },
          ],
        },
      })),
    },
  });
  const cohort = await createCohort({ slug: 'certified', name: 'Winter 2027', status: 'ACTIVE', curriculumId: curriculum.id, startDate: START });
  const group = await createGroup(cohort.id, { name: 'Group A' });
  const meetings = await Promise.all(
    [1, 2].map((weekPosition) =>
      db.meeting.create({ data: { groupId: group.id, weekPosition, startsAt: new Date(START.getTime() + ((weekPosition - 1) * 7 + 2) * 86_400_000) }, select: { id: true } }),
    ),
  );
  const ada = await createPerson(cohort.id, 'FELLOW', { name: 'Ada', groupId: group.id });
  const ben = await createPerson(cohort.id, 'FELLOW', { name: 'Ben', groupId: group.id });
  const fay = await createPerson(cohort.id, 'FACILITATOR', { name: 'Fay', groupId: group.id });
  await db.user.update({ where: { id: ada.user.id }, data: { certificateName: 'Ada Łovelace-Żółć' } });
  // Ada read both readings and came to both meetings; Ben read one and missed both.
  const items = await db.curriculumItem.findMany({ where: { section: { week: { curriculumId: curriculum.id } } }, select: { id: true } });
  await db.readingProgress.createMany({ data: items.map((item) => ({ membershipId: ada.membership.id, itemId: item.id })) });
  await db.readingProgress.create({ data: { membershipId: ben.membership.id, itemId: items[0]!.id } });
  for (const meeting of meetings) {
    await db.attendance.create({ data: { meetingId: meeting.id, membershipId: ada.membership.id, status: 'PRESENT' } });
    await db.attendance.create({ data: { meetingId: meeting.id, membershipId: ben.membership.id, status: 'ABSENT' } });
  }
  return { cohort, ada, ben, fay, admin: asCohortAdmin(cohort, AFTER) };
}

beforeAll(async () => {
  world = await buildWorld();
});

describe('certificates', () => {
  it('lists who qualifies and why not', async () => {
    const list = await listCohortCertificates(world.admin);
    expect(list.cohort.ended).toBe(true);
    expect(list.people.map((person) => [person.holderName, person.role, person.qualifies, person.reason])).toEqual([
      ['Fay', 'FACILITATOR', true, null],
      ['Ada Łovelace-Żółć', 'FELLOW', true, null],
      ['Ben', 'FELLOW', false, 'Missed 2 meetings (at most 1)'],
    ]);
  });

  it('issues in bulk to everyone who qualifies, once, with an email each', async () => {
    const first = await issueCertificates(world.admin, { membershipIds: null, notify: true });
    expect(first).toMatchObject({ issued: 2, emailed: 2, alreadyHeld: 0 });
    const again = await issueCertificates(world.admin, { membershipIds: null, notify: true });
    expect(again).toMatchObject({ issued: 0, alreadyHeld: 2 });

    const rows = await db.certificate.findMany({ where: { cohortId: world.cohort.id }, orderBy: { holderName: 'asc' } });
    const { title } = await db.curriculum.findUniqueOrThrow({ where: { slug: 'certificates-track' }, select: { title: true } });
    expect(rows.map((row) => [row.holderName, row.kind, row.readingMinutes, row.meetings, row.programme, row.cohortName])).toEqual([
      ['Ada Łovelace-Żółć', 'COMPLETION', 90, 2, title, 'Winter 2027'],
      ['Fay', 'FACILITATION', 0, 2, title, 'Winter 2027'],
    ]);
    expect(rows.every((row) => /^[A-Za-z0-9_-]{22}$/.test(row.id))).toBe(true);
    expect(Buffer.from(rows[0]!.pdf).subarray(0, 5).toString()).toBe('%PDF-');
    // The emails come from one job, after the certificates committed; running it twice adds none twice.
    const jobs = await db.$queryRaw<{ payload: { cohortId: string; ids: string[] } }[]>`
      SELECT j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
       WHERE t.identifier = 'certificate-emails'`;
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.payload.ids).toHaveLength(2);
    expect(await queueCertificateEmails(asSystem(), jobs[0]!.payload)).toBe(2);
    expect(await queueCertificateEmails(asSystem(), jobs[0]!.payload)).toBe(0);
    const emails = await db.notification.findMany({ where: { kind: 'CERTIFICATE_ISSUED', cohortId: world.cohort.id }, select: { toEmail: true, payload: true } });
    expect(emails.map((email) => (email.payload as { holderName: string }).holderName).sort()).toEqual(['Ada Łovelace-Żółć', 'Fay']);
    expect(await db.auditEvent.count({ where: { action: 'certificates.issued', cohortId: world.cohort.id } })).toBe(1);
  });

  it('issues by hand to someone who does not qualify, and the holder finds theirs', async () => {
    const result = await issueCertificates(world.admin, { membershipIds: [world.ben.membership.id], notify: false });
    expect(result).toMatchObject({ issued: 1, emailed: 0, notQualified: 1 });
    const access = { cohortId: world.cohort.id, cohortSlug: 'certified', role: 'FELLOW' as const, membershipId: world.ben.membership.id, groupIds: [] };
    expect(await listMyCertificates(inCohort(access, world.ben.user))).toHaveLength(1);
    const unknown = await caughtAppOrTRPCError(issueCertificates(world.admin, { membershipIds: ['not-a-member'], notify: false }));
    expect(unknown.code).toBe('NOT_FOUND');
  });

  it('serves the PDF and the public record without a session; a revoked one says so and has no PDF', async () => {
    const ben = await db.certificate.findFirstOrThrow({ where: { membershipId: world.ben.membership.id }, select: { id: true } });
    const pdf = async (id: string) => getCertificatePdf(new Request(`http://localhost/certificates/${id}/pdf`), { params: Promise.resolve({ id }) });
    const valid = await pdf(ben.id);
    expect(valid.status).toBe(200);
    expect(valid.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await valid.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await pdf('AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await pdf('../../etc/passwd')).status).toBe(404);

    await revokeCertificate(world.admin, { certificateId: ben.id, reason: 'Issued by mistake' });
    const record = await findPublicCertificate(asSystem(), ben.id);
    expect(record).toMatchObject({ holderName: 'Ben', revokedReason: 'Issued by mistake' });
    expect(record!.revokedAt).toBeInstanceOf(Date);
    expect((await pdf(ben.id)).status).toBe(410);
    const twice = await caughtAppOrTRPCError(revokeCertificate(world.admin, { certificateId: ben.id, reason: 'Again' }));
    expect(twice.code).toBe('CONFLICT');
    // Another cohort's admin cannot reach it.
    const other = await createCohort({ slug: 'other-certified', name: 'Other' });
    const outside = await caughtAppOrTRPCError(revokeCertificate(asCohortAdmin(other, AFTER), { certificateId: ben.id, reason: 'No' }));
    expect(outside.code).toBe('NOT_FOUND');
    // Revoked, Ben may get a new one.
    expect(await issueCertificates(world.admin, { membershipIds: [world.ben.membership.id], notify: false })).toMatchObject({ issued: 1 });
  });
});
