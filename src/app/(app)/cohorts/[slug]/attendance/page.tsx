import type { Metadata } from 'next';
import Link from 'next/link';
import { Container } from '@/components/ui/container';
import { EmptyState } from '@/components/ui/empty-state';
import { AttendanceSheet } from '@/features/attendance/attendance-sheet';
import { GroupPicker } from '@/features/attendance/group-picker';
import { MeetingList, type MeetingListItem } from '@/features/attendance/meeting-list';
import { MeetingPicker } from '@/features/attendance/meeting-picker';
import { MyAttendanceView } from '@/features/attendance/my-attendance';
import { formatTimeZone } from '@/lib/format';
import { formatChangeTime, formatMeetingWhen } from '@/lib/meeting-format';
import { api } from '@/trpc/server';
import { loadCohort } from '../load-cohort';
import { can, reachOf } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

type AttendancePageProps = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ group?: string | string[]; meeting?: string | string[] }>;
};

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export async function generateMetadata({ params }: AttendancePageProps): Promise<Metadata> {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/attendance`);
  return { title: `${can(home, 'meetings.manage') ? 'Attendance' : 'Your attendance'} · ${home.name}` };
}

export default async function AttendancePage({ params, searchParams }: AttendancePageProps) {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/attendance`);
  const back = (
    <p className="text-[0.95rem]">
      <Link href={`/cohorts/${home.slug}`}>← {home.name}</Link>
    </p>
  );

  if (!can(home, 'meetings.manage')) {
    const record = await api.attendance.mine({ cohort: slug });
    return (
      <Container className="py-8 sm:py-12">
        <div className="max-w-3xl">
          {back}
          <h1 className="mt-3 text-3xl font-bold tracking-tight">Your attendance</h1>
          <p className="mt-2 max-w-[65ch] text-muted">Every meeting of your group and how your facilitator marked you.</p>
          <div className="mt-8">
            {record ? <MyAttendanceView record={record} /> : <EmptyState title="You are not a fellow of this cohort" />}
          </div>
        </div>
      </Container>
    );
  }

  const query = await searchParams;
  const groups = await api.attendance.groups({ cohort: slug });
  const zoneLabel = formatTimeZone(home.timeZone);
  const header = (
    <>
      {back}
      <h1 className="mt-3 text-3xl font-bold tracking-tight">Attendance</h1>
      <p className="mt-2 max-w-[65ch] text-muted">
        Mark each fellow in one tap; changes save at once and show up for the other facilitators within seconds. Times in{' '}
        <span className="whitespace-nowrap">{zoneLabel}</span>.
      </p>
    </>
  );
  if (groups.length === 0) {
    return (
      <Container className="py-8 sm:py-12">
        {header}
        <div className="mt-8">
          <EmptyState title={reachOf(home, 'meetings.manage') === 'cohort' ? 'This cohort has no groups yet' : 'You do not lead a group yet'}>
            {reachOf(home, 'meetings.manage') === 'cohort'
              ? 'Create groups with a meeting day and time on the groups page; their meetings appear here.'
              : 'An admin assigns facilitators to groups on the members page.'}
          </EmptyState>
        </div>
      </Container>
    );
  }

  const group = groups.find((candidate) => candidate.id === one(query.group)) ?? groups[0]!;
  const listed = await api.attendance.meetings({ cohort: slug, groupId: group.id });
  const meetingId = listed.meetings.find((meeting) => meeting.id === one(query.meeting))?.id ?? listed.defaultMeetingId;
  const meeting = listed.meetings.find((candidate) => candidate.id === meetingId) ?? null;
  const { sheet, changes } = meeting ? await api.attendance.sheetWithChanges({ cohort: slug, meetingId: meeting.id }) : { sheet: null, changes: null };

  const items: (MeetingListItem & { short: string })[] = listed.meetings.map((row) => ({
    id: row.id,
    short: formatChangeTime(row.startsAt, listed.timeZone),
    weekLabel: row.weekLabel,
    regular: row.regular,
    when: formatMeetingWhen(row.startsAt, row.minutes, listed.timeZone),
    local: row.local,
    minutes: row.minutes,
    location: row.location,
    videoUrl: row.videoUrl,
    moved: Boolean(row.movedAt),
    cancelled: Boolean(row.cancelledAt),
    markedCount: row.markedCount,
    handedToId: row.handedToId,
  }));
  const current = items.find((item) => item.id === meeting?.id) ?? null;
  const readOnlyReason = listed.archived
    ? 'This cohort is archived: its attendance stays here to read, and nothing changes any more.'
    : current?.cancelled
      ? 'This meeting is cancelled, so it takes no attendance. Restore it in the list of meetings if it happened after all.'
      : null;

  return (
    <Container className="py-8 sm:py-12">
      {header}
      <GroupPicker groups={groups} current={group.id} />

      <div className="mt-8 lg:grid lg:grid-cols-[minmax(0,1fr)_22rem] lg:gap-10">
        <section aria-labelledby="sheet-heading" className="min-w-0">
          <h2 id="sheet-heading" className="text-xl font-semibold">
            {group.name}
            {current ? `: ${current.weekLabel ?? 'extra meeting'}` : ''}
          </h2>
          {current && meeting ? (
            <>
              <div className="mt-3 max-w-xl">
                <MeetingPicker
                  groupId={group.id}
                  value={meeting.id}
                  meetings={items.map((item) => ({
                    id: item.id,
                    label: `${item.weekLabel ?? 'Extra meeting'} · ${item.short}${item.cancelled ? ' (cancelled)' : ''}`,
                  }))}
                />
                <p className="mt-2 text-[0.95rem] text-muted">
                  {current.when}
                  {current.location ? ` · ${current.location}` : ''}
                  {' · '}
                  <Link href={`/cohorts/${slug}/meetings/${meeting.id}/prep`}>Prep sheet</Link>
                </p>
              </div>
              <div className="mt-6">
                <AttendanceSheet
                  key={meeting.id}
                  cohort={slug}
                  meetingId={meeting.id}
                  timeZone={listed.timeZone}
                  initialSheet={sheet!}
                  initialChanges={changes!}
                  readOnlyReason={readOnlyReason}
                />
              </div>
            </>
          ) : (
            <div className="mt-3">
              <EmptyState title="No meeting to take attendance at">
                {listed.group.hasSchedule
                  ? 'This group has no meetings yet. Add one with “Add an extra meeting”.'
                  : `${group.name} has no meeting day and time yet. An admin sets them on the groups page; you can add a meeting by hand meanwhile.`}
              </EmptyState>
            </div>
          )}
        </section>

        <section aria-labelledby="meetings-heading" className="mt-12 border-t border-line pt-10 lg:mt-0 lg:border-t-0 lg:pt-0">
          <h2 id="meetings-heading" className="text-xl font-semibold">
            Meetings of {group.name}
          </h2>
          <p className="mt-1 mb-3 text-[0.95rem] text-muted">
            One a week from the group’s schedule, in <span className="whitespace-nowrap">{zoneLabel}</span>. A moved meeting keeps its new
            time when the schedule changes.
          </p>
          <MeetingList
            cohort={slug}
            groupId={group.id}
            groupName={group.name}
            hasSchedule={listed.group.hasSchedule}
            meetings={items}
            currentMeetingId={meeting?.id ?? null}
            fellowCount={listed.fellowCount}
            zoneLabel={zoneLabel}
            units={listed.units}
            archived={listed.archived}
            facilitators={listed.facilitators}
          />
        </section>
      </div>
    </Container>
  );
}
