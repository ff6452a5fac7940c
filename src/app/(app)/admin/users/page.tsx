import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Container } from '@/components/ui/container';
import { UsersTable } from '@/features/users/users-table';
import { getRequestSession } from '@/server/auth/request-session';
import { api } from '@/trpc/server';
import { canOnSite } from '@/lib/permissions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'People' };

export default async function AdminUsersPage() {
  const session = await getRequestSession();
  // Not a hint that the page exists: everyone but admins sees the 404 page.
  if (!session || !canOnSite(session.user, 'users.manage')) notFound();
  const users = await api.users.list();

  return (
    <Container className="py-10 sm:py-14">
      <h1 className="text-3xl font-bold tracking-tight">People</h1>
      <p className="mt-2 max-w-[65ch] text-muted">
        Everyone with an account. Admins manage every cohort, curriculum and person. Disabling someone signs them out
        at once and stops them signing in until you enable them again. There is always at least one admin. Erasing
        someone, when they ask, removes their personal data for good and keeps the cohorts’ figures.
      </p>
      <p className="mt-2">
        <Link href="/admin/audit">Audit log</Link>: who changed roles, accounts, cohorts and more, and when.{' '}
        <Link href="/admin/notifications">Emails</Link>: what was sent, what failed, and the addresses that bounce.
      </p>
      <div className="mt-8">
        <UsersTable initialUsers={users} currentUserId={session.user.id} />
      </div>
    </Container>
  );
}
