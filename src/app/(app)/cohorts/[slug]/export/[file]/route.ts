// GET /cohorts/<cohort>/export/attendance.csv and …/progress.csv[?group=<id>]: the CSV
// exports, for the cohort's admins (whole cohort or one group) and for facilitators (the
// groups they lead; their first one when no group is named). Anyone else gets a plain 404.
import { can } from '@/lib/permissions';
import { slugSchema } from '@/lib/schemas/slug';
import { getSession } from '@/server/auth/session';
import { db } from '@/server/db/client';
import { AppError } from '@/server/errors';
import { resolveCohortAccess } from '@/server/services/cohorts/cohort-access';
import { exportAttendanceCsv, exportProgressCsv } from '@/server/services/standing/export-csv';
import { assertMayWatchGroup } from '@/server/services/standing/group-progress';

export const dynamic = 'force-dynamic';

const EXPORTS = { 'attendance.csv': exportAttendanceCsv, 'progress.csv': exportProgressCsv } as const;

const notFound = () => new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

export async function GET(request: Request, { params }: { params: Promise<{ slug: string; file: string }> }) {
  const { slug: rawSlug, file } = await params;
  const session = await getSession(request.headers);
  const slug = slugSchema.safeParse(rawSlug);
  if (!session || !slug.success || !(file in EXPORTS)) return notFound();
  const access = await resolveCohortAccess(db, slug.data, session.user);
  if (!access || !can(access, 'standing.viewGroup')) return notFound();

  const requestedGroup = new URL(request.url).searchParams.get('group') || undefined;
  const groupId = requestedGroup ?? (can(access, 'standing.viewCohort') ? undefined : access.groupIds[0]);
  try {
    if (groupId) assertMayWatchGroup(access, groupId);
    else if (!can(access, 'standing.viewCohort')) return notFound();
    const csv = await EXPORTS[file as keyof typeof EXPORTS](db, access.cohortId, { groupId });
    const name = `${access.cohortSlug}-${file.replace('.csv', '')}${groupId ? '-group' : ''}.csv`;
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${name}"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return notFound();
    throw error;
  }
}
