import Link from 'next/link';

export type CohortAdminPage = 'home' | 'applications' | 'grouping' | 'switches' | 'overview' | 'progress' | 'members' | 'groups' | 'roster' | 'announcements' | 'feedback' | 'certificates' | 'settings';

const PAGES: { page: CohortAdminPage; label: string; path: string }[] = [
  { page: 'home', label: 'This week', path: '' },
  { page: 'applications', label: 'Applications', path: '/applications' },
  { page: 'grouping', label: 'Form groups', path: '/grouping' },
  { page: 'overview', label: 'Overview', path: '/overview' },
  { page: 'progress', label: 'Group progress', path: '/progress' },
  { page: 'members', label: 'Members', path: '/members' },
  { page: 'groups', label: 'Groups', path: '/groups' },
  { page: 'switches', label: 'Switch requests', path: '/switches' },
  { page: 'roster', label: 'Roster import', path: '/roster' },
  { page: 'announcements', label: 'Announcements', path: '/announcements' },
  { page: 'feedback', label: 'Feedback', path: '/feedback' },
  { page: 'certificates', label: 'Certificates', path: '/certificates' },
  { page: 'settings', label: 'Settings', path: '/settings' },
];

/** The admin pages of one cohort, with the current one marked for screen readers and the eye. */
export function CohortAdminNav({ slug, current }: { slug: string; current: CohortAdminPage }) {
  return (
    <nav aria-label="Cohort administration" className="mt-4 -mx-1">
      <ul className="flex flex-wrap gap-1">
        {PAGES.map((entry) => {
          const isCurrent = entry.page === current;
          return (
            <li key={entry.page}>
              <Link
                href={`/cohorts/${slug}${entry.path}`}
                aria-current={isCurrent ? 'page' : undefined}
                className={`inline-flex min-h-10 items-center rounded-lg px-3 whitespace-nowrap no-underline ${
                  isCurrent ? 'bg-accent-soft font-semibold text-accent-strong' : 'text-text hover:bg-surface-muted hover:text-text'
                }`}
              >
                {entry.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
