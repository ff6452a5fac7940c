import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Container } from '@/components/ui/container';
import { Table } from '@/components/ui/table';
import { FailedEmails } from '@/features/notifications/failed-emails';
import { KIND_LABELS } from '@/lib/notification-kinds';
import { canOnSite } from '@/lib/permissions';
import { getRequestSession } from '@/server/auth/request-session';
import { api } from '@/trpc/server';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Emails sent' };

/** "Did they get it?": the last week's emails by kind, the queue, failed sends and bouncing addresses. */
export default async function NotificationsPage() {
  const session = await getRequestSession();
  if (!session || !canOnSite(session.user, 'notifications.manage')) notFound();
  const overview = await api.notifications.overview({ days: 7 });
  const kinds = overview.kinds.filter((row) => row.queued + row.sent + row.failed + row.skipped > 0);

  return (
    <Container className="py-10 sm:py-14">
      <h1 className="text-3xl font-bold tracking-tight">Emails</h1>
      <p className="mt-2 max-w-[65ch] text-muted">
        What Fellowship emailed in the last 7 days, and what it could not. Skipped emails went to nobody on purpose: the person
        turned that kind off, left the cohort or was disabled. <Link href="/admin/emails">See every template</Link>.
      </p>
      <p className="mt-4 text-[0.95rem]" role="status">
        Queue: {overview.jobs.waiting} waiting, {overview.jobs.running} being sent, {overview.jobs.retrying} waiting to retry,{' '}
        {overview.jobs.dead} given up.
      </p>

      <section aria-labelledby="kinds-heading" className="mt-8">
        <h2 id="kinds-heading" className="mb-3 text-xl font-semibold">
          By kind
        </h2>
        {kinds.length === 0 ? (
          <p className="text-muted">No emails in the last 7 days.</p>
        ) : (
          <Table caption="Emails of the last 7 days by kind" minWidth="40rem" columns={['Kind', 'Sent', 'Queued', 'Failed', 'Bouncing', 'Skipped']}>
            {kinds.map((row) => (
              <tr key={row.kind}>
                <th scope="row" className="text-left font-medium">
                  {KIND_LABELS[row.kind]}
                </th>
                <td className="tabular-nums">{row.sent}</td>
                <td className="tabular-nums">{row.queued}</td>
                <td className={`tabular-nums ${row.failed ? 'font-semibold text-danger' : ''}`}>{row.failed}</td>
                <td className="tabular-nums">{row.bouncing}</td>
                <td className="tabular-nums text-muted">{row.skipped}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
      <div className="mt-10">
        <FailedEmails failed={overview.failed} bouncing={overview.bouncing} />
      </div>
    </Container>
  );
}
