// The site header's links by role (signed out, a member of one cohort or several, admins), read
// once per request for the root layout and handed to the header as props.
import 'server-only';
import type { NavLink, SiteNav } from '@/components/layout/site-header';
import { can, canOnSite } from '@/lib/permissions';
import { displayName } from '@/lib/format';
import { getRequestSession } from '@/server/auth/request-session';
import { requestContext } from '@/server/services/context';
import { listCohorts } from '@/server/services/cohorts/list-cohorts';

export async function buildSiteNav(): Promise<SiteNav> {
  const session = await getRequestSession();
  if (!session) return { links: [{ href: '/#curricula', label: 'Syllabi' }], signedIn: false, name: null };

  // Read with the session (one statement for both); listed newest first.
  const cohorts = (session.cohorts ?? (await listCohorts(requestContext(session.user))).flatMap((cohort) => (cohort.myRole ? [{ ...cohort, role: cohort.myRole }] : []))).map(
    (cohort) => ({ slug: cohort.slug, name: cohort.name, myRole: cohort.role }),
  );
  const links: NavLink[] = [];
  const only = cohorts.length === 1 ? cohorts[0]! : null;
  if (only?.myRole && can({ role: only.myRole }, 'attendance.mark')) {
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
  if (canOnSite(session.user, 'cohorts.manage')) {
    links.push({ href: '/admin/cohorts', label: 'Cohorts' }, { href: '/admin/curricula', label: 'Curricula' }, { href: '/admin/users', label: 'People' });
  }
  if (!only) links.push({ href: '/#curricula', label: 'Syllabi' });
  links.push({ href: '/account', label: 'Account' });
  return { links, signedIn: true, name: displayName(session.user) };
}
