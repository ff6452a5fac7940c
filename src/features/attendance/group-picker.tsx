import Link from 'next/link';

/** The groups the caller runs, as tabs; the current one is marked for screen readers too. */
export function GroupPicker({ groups, current }: { groups: { id: string; name: string }[]; current: string }) {
  if (groups.length < 2) return null;
  return (
    <nav aria-label="Groups" className="mt-6">
      <ul className="flex flex-wrap gap-2">
        {groups.map((group) => {
          const active = group.id === current;
          return (
            <li key={group.id}>
              <Link
                href={`?group=${encodeURIComponent(group.id)}`}
                aria-current={active ? 'page' : undefined}
                className={`inline-flex min-h-11 items-center rounded-lg border px-4 font-semibold no-underline ${
                  active ? 'border-accent bg-accent text-on-accent hover:text-on-accent' : 'border-line bg-surface text-text hover:bg-surface-muted'
                }`}
              >
                {group.name}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
