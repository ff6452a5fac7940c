import Link from 'next/link';
import { Container } from '@/components/ui/container';
import { buttonClasses } from '@/components/ui/button-styles';
import { SignOutButton } from '@/features/auth/sign-out-button';
import { getRequestSession } from '@/server/auth/request-session';
import { listCohorts } from '@/server/services/cohorts/list-cohorts';

type NavLink = { href: string; label: string };

/** Navigation by role: signed out, a member of one cohort or several, and admins. */
async function buildNav(): Promise<{ links: NavLink[]; signedIn: boolean; name: string | null }> {
  const session = await getRequestSession();
  if (!session) return { links: [{ href: '/#curricula', label: 'Syllabi' }], signedIn: false, name: null };

  const cohorts = (await listCohorts(session.user)).filter((cohort) => cohort.myRole !== null);
  const links: NavLink[] = [];
  const only = cohorts.length === 1 ? cohorts[0]! : null;
  if (only?.myRole === 'FACILITATOR') {
    const base = `/cohorts/${only.slug}`;
    links.push({ href: `${base}/progress`, label: 'My groups' }, { href: `${base}/attendance`, label: 'Attendance' });
    links.push({ href: `${base}/syllabus`, label: 'Syllabus' }, { href: `${base}/exercises`, label: 'Exercises' });
  } else if (only) {
    const base = `/cohorts/${only.slug}`;
    links.push({ href: base, label: 'This week' }, { href: `${base}/syllabus`, label: 'Syllabus' }, { href: `${base}/runs`, label: 'My runs' });
  } else {
    // Several cohorts: each by name; the cohort's own pages link on from its home.
    links.push(...cohorts.map((cohort) => ({ href: `/cohorts/${cohort.slug}`, label: cohort.name })));
  }
  if (session.user.isAdmin) {
    links.push({ href: '/admin/cohorts', label: 'Cohorts' }, { href: '/admin/curricula', label: 'Curricula' }, { href: '/admin/users', label: 'People' });
  }
  if (!only) links.push({ href: '/#curricula', label: 'Syllabi' });
  links.push({ href: '/account', label: 'Account' });
  return { links, signedIn: true, name: session.user.name ?? session.user.email };
}

export async function SiteHeader() {
  const { links, signedIn, name } = await buildNav();
  return (
    <header className="border-b border-line bg-surface">
      <Container className="flex flex-wrap items-center justify-between gap-x-6 gap-y-3 py-3">
        <Link href="/" className="flex items-center gap-2.5 text-lg font-semibold text-text no-underline hover:text-text">
          <LogoMark />
          Fellowship
        </Link>
        <nav aria-label="Main" className="flex flex-wrap items-center gap-x-4 gap-y-2 sm:gap-x-5">
          <ul className="flex flex-wrap items-center gap-x-4 gap-y-1 sm:gap-x-5">
            {links.map((link) => (
              <li key={link.href}>
                <Link href={link.href} className="text-text no-underline hover:text-accent hover:underline">
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
          {signedIn ? (
            <div className="flex items-center gap-3">
              <span className="hidden max-w-[16ch] truncate text-[0.9rem] text-muted md:inline" title={name ?? undefined}>
                {name}
              </span>
              <SignOutButton />
            </div>
          ) : (
            <Link href="/signin" className={buttonClasses('primary', 'sm')}>
              Sign in
            </Link>
          )}
        </nav>
      </Container>
    </header>
  );
}

function LogoMark() {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className="size-7 shrink-0">
      <rect width="32" height="32" rx="7" className="fill-accent" />
      <path d="M9 8.5h14v3.2H12.6v3.6h9.2v3.2h-9.2v5H9z" className="fill-bg" />
    </svg>
  );
}
