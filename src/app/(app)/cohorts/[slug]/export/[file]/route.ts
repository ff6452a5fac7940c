// GET /cohorts/<cohort>/export/attendance.csv and …/progress.csv[?group=<id>]: the CSV
// exports, for the cohort's admins (whole cohort or one group) and for facilitators (the
// groups they lead; their first one when no group is named). Anyone else gets a plain 404.
import { can } from '@/lib/permissions';
import { slugSchema } from '@/lib/schemas/slug';
import { getSession } from '@/server/auth/session';
import { AppError } from '@/server/errors';
import { memberContext } from '@/server/services/context';
import { exportAttendanceCsv, exportProgressCsv } from '@/server/services/standing/export-csv';
import { BODY_LIMITS, guardRoute } from '@/server/http/request-guard';

export const dynamic = 'force-dynamic';

const EXPORTS = { 'attendance.csv': exportAttendanceCsv, 'progress.csv': exportProgressCsv } as const;

const notFound = () => new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

export const GET = guardRoute({ maxBodyBytes: BODY_LIMITS.none, checkHost: false }, async (request: Request, { params }: { params: Promise<{ slug: string; file: string }> }) => {
  const { slug: rawSlug, file } = await params;
  const session = await getSession(request.headers);
  const slug = slugSchema.safeParse(rawSlug);
  if (!session || !slug.success || !(file in EXPORTS)) return notFound();
  const ctx = await memberContext(session.user, slug.data);
  if (!ctx || !can(ctx.access, 'standing.viewGroup')) return notFound();
  const { access } = ctx;

  const requestedGroup = new URL(request.url).searchParams.get('group') || undefined;
  const groupId = requestedGroup ?? (can(access, 'standing.viewCohort') ? undefined : access.groupIds[0]);
  try {
    // The service refuses a group out of reach, and the whole cohort to all but its admins.
    const csv = await EXPORTS[file as keyof typeof EXPORTS](ctx, { groupId });
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
});
