import Link from 'next/link';
import { SafeExternalLink } from '@/components/ui/safe-external-link';
import { formatCalendarDate, formatTimeZone } from '@/lib/format';
import { buttonClasses } from '@/components/ui/button-styles';
import { formatMeetingTime, formatTimeRange } from '@/lib/meeting-time';
import type { CohortHome } from '@/server/services/cohorts/get-cohort-home';

/**
 * The caller's group(s): when and where they meet, in the cohort's time zone, zone named, and
 * a calendar file of all their meetings (/cohorts/<slug>/meetings.ics).
 */
export function MyGroups({ home }: { home: CohortHome }) {
  const zone = formatTimeZone(home.timeZone);
  if (home.groups.length === 0) {
    return (
      <p className="text-muted">
        {home.membershipRole === 'FACILITATOR'
          ? 'You do not lead a group yet. An admin assigns facilitators to groups on the members page.'
          : home.membershipRole === 'FELLOW'
            ? 'You are not in a discussion group yet. An admin will place you in one; your meeting time appears here then.'
            : 'You are not in a group of this cohort: you see it as an admin.'}
      </p>
    );
  }
  const hasMeetings = home.groups.some((group) => group.meetingDay !== null);
  return (
    <>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-1">
        {home.groups.map((group) => {
          const when = formatMeetingTime(group);
          return (
            <li key={group.id} className="rounded-xl border border-line bg-surface p-5">
              <h3 className="text-lg font-semibold">{group.name}</h3>
              <dl className="mt-2 space-y-1">
                <div>
                  <dt className="sr-only">Meets</dt>
                  <dd>
                    {when ? <span className="font-medium">{when}</span> : <span className="text-muted">No meeting time yet</span>}
                    {when ? (
                      <span className="block text-[0.9rem] text-muted">
                        Times in <span className="whitespace-nowrap">{zone}</span>
                      </span>
                    ) : null}
                  </dd>
                </div>
                {group.nextMeeting ? (
                  <div className="flex flex-wrap gap-x-1">
                    <dt className="text-muted">Next meeting:</dt>
                    <dd>
                      <time dateTime={group.nextMeeting.date.toISOString().slice(0, 10)}>
                        {formatCalendarDate(group.nextMeeting.date)}
                        {group.nextMeeting.time ? `, ${formatTimeRange(group.nextMeeting.time, group.nextMeeting.minutes)}` : ''}
                      </time>
                      {group.nextMeeting.moved ? <span className="text-muted"> (moved from the usual time)</span> : null}
                    </dd>
                  </div>
                ) : null}
                {(group.nextMeeting?.location ?? group.location) ? (
                  <div className="flex gap-1">
                    <dt className="text-muted">Where:</dt>
                    <dd>{group.nextMeeting?.location ?? group.location}</dd>
                  </div>
                ) : null}
                {(group.nextMeeting?.videoUrl ?? group.videoUrl) ? (
                  <div className="flex gap-1">
                    <dt className="text-muted">Video call:</dt>
                    <dd>
                      <SafeExternalLink href={(group.nextMeeting?.videoUrl ?? group.videoUrl)!}>Join the call</SafeExternalLink>
                    </dd>
                  </div>
                ) : null}
              </dl>
            </li>
          );
        })}
      </ul>
      {hasMeetings ? (
        <p className="mt-4">
          <a href={`/cohorts/${home.slug}/meetings.ics`} download className={buttonClasses('secondary')}>
            Add to calendar
          </a>
          <span className="mt-1 block text-[0.9rem] text-muted">Every meeting of {home.groups.length > 1 ? 'your groups' : 'your group'}, as an .ics file.</span>
        </p>
      ) : null}
      <p className="mt-4">
        {home.membershipRole === 'FELLOW' ? (
          <Link href={`/cohorts/${home.slug}/attendance`}>Your attendance so far</Link>
        ) : home.membershipRole === 'FACILITATOR' ? (
          <>
            <Link href={`/cohorts/${home.slug}/attendance`}>Take attendance</Link>
            {' · '}
            <Link href={`/cohorts/${home.slug}/progress`}>Your group’s progress</Link>
          </>
        ) : null}
      </p>
    </>
  );
}
