import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Container } from '@/components/ui/container';
import { KIND_LABELS, KIND_TOPIC, NOTIFICATION_KINDS, TOPICS } from '@/lib/notification-kinds';
import { canOnSite } from '@/lib/permissions';
import { getRequestSession } from '@/server/auth/request-session';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Email templates' };

/** Every email Fellowship sends, filled with the demo cohort's data (each rendered by /admin/emails/<kind>). */
export default async function EmailTemplatesPage() {
  const session = await getRequestSession();
  if (!session || !canOnSite(session.user, 'notifications.manage')) notFound();
  return (
    <Container className="py-10 sm:py-14">
      <h1 className="text-3xl font-bold tracking-tight">Email templates</h1>
      <p className="mt-2 max-w-[65ch] text-muted">
        Every kind of email, as a recipient would see it, filled with the first active cohort’s people and readings. Nothing is
        sent from here. <Link href="/admin/notifications">What was sent</Link>.
      </p>
      <nav aria-label="Kinds of email" className="mt-6">
        <ul className="flex flex-wrap gap-2">
          {NOTIFICATION_KINDS.map((kind) => (
            <li key={kind}>
              <a href={`#${kind.toLowerCase()}`} className="inline-flex min-h-10 items-center rounded-lg px-3 hover:bg-surface-muted">
                {KIND_LABELS[kind]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="mt-8 grid gap-12">
        {NOTIFICATION_KINDS.map((kind) => {
          const topic = KIND_TOPIC[kind];
          return (
            <section key={kind} id={kind.toLowerCase()} aria-labelledby={`${kind}-heading`} className="scroll-mt-20">
              <h2 id={`${kind}-heading`} className="text-xl font-semibold">
                {KIND_LABELS[kind]}
              </h2>
              <p className="mb-3 text-[0.95rem] text-muted">
                {topic ? `People can turn it off (${TOPICS[topic].label.toLowerCase()}).` : 'Always sent: nobody can turn it off.'}{' '}
                <a href={`/admin/emails/${kind.toLowerCase()}`} target="_blank" rel="noreferrer">
                  Open on its own
                </a>
              </p>
              <iframe
                title={`${KIND_LABELS[kind]} email`}
                src={`/admin/emails/${kind.toLowerCase()}`}
                sandbox=""
                loading="lazy"
                className="h-[36rem] w-full max-w-3xl rounded-xl border border-line bg-white"
              />
            </section>
          );
        })}
      </div>
    </Container>
  );
}
