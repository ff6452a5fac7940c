import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Container } from '@/components/ui/container';
import { CohortAdminNav } from '@/features/cohort-admin/cohort-admin-nav';
import { InvitationsTable } from '@/features/members/invitations-table';
import { InviteForm } from '@/features/members/invite-form';
import { MembersTable } from '@/features/members/members-table';
import { getAuthSettings } from '@/server/auth/settings';
import { api } from '@/trpc/server';
import { loadCohort } from '../load-cohort';
import { can } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

type MembersPageProps = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: MembersPageProps): Promise<Metadata> {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/members`);
  return { title: `Members · ${home.name}` };
}

export default async function MembersPage({ params }: MembersPageProps) {
  const { slug } = await params;
  const home = await loadCohort(slug, `/cohorts/${slug}/members`);
  // Fellows have no members page: the same 404 as for a cohort they cannot see.
  if (!can(home, 'members.view')) notFound();
  const isAdmin = can(home, 'members.manage');
  const [members, groups, invitations] = await Promise.all([
    api.members.list({ cohort: slug }),
    api.members.groups({ cohort: slug }),
    isAdmin ? api.members.invitations({ cohort: slug }) : Promise.resolve(null),
  ]);

  return (
    <Container className="py-8 sm:py-12">
      <p className="text-[0.95rem]">
        <Link href={`/cohorts/${home.slug}`}>← {home.name}</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold tracking-tight">{isAdmin ? 'Members and invitations' : 'Your group’s members'}</h1>
      <p className="mt-2 max-w-[65ch] text-muted">
        {isAdmin
          ? 'Everyone in this cohort. Change roles and groups here; removing someone keeps their account.'
          : 'The fellows of the groups you lead, and the cohort’s facilitators. Only admins can change groups.'}
      </p>
      {isAdmin ? <CohortAdminNav slug={home.slug} current="members" /> : null}

      <section aria-labelledby="members-heading" className="mt-8">
        <h2 id="members-heading" className="mb-3 text-xl font-semibold">
          Members
        </h2>
        <MembersTable cohort={slug} initialMembers={members} groups={groups} canManage={isAdmin} />
      </section>

      {invitations ? (
        <>
          <section aria-labelledby="invite-heading" className="mt-12 max-w-3xl">
            <h2 id="invite-heading" className="mb-3 text-xl font-semibold">
              Invite people
            </h2>
            <InviteForm cohort={slug} groups={groups} invitationDays={getAuthSettings().invitationDays} />
          </section>
          <section aria-labelledby="invitations-heading" className="mt-12">
            <h2 id="invitations-heading" className="mb-3 text-xl font-semibold">
              Invitations
            </h2>
            <InvitationsTable cohort={slug} initialInvitations={invitations} />
          </section>
        </>
      ) : null}
    </Container>
  );
}
