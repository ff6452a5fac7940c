import Link from 'next/link';
import { Container } from '@/components/ui/container';

const NAV_LINKS = [
  { href: '/#curricula', label: 'Curricula' },
  { href: '/#cohorts', label: 'Cohorts' },
];

export function SiteHeader() {
  return (
    <header className="border-b border-line bg-surface">
      <Container className="flex flex-wrap items-center justify-between gap-x-6 gap-y-2 py-4">
        <Link href="/" className="flex items-center gap-2.5 text-lg font-semibold text-text no-underline hover:text-text">
          <LogoMark />
          Fellowship
        </Link>
        <nav aria-label="Main">
          <ul className="flex flex-wrap gap-x-5 gap-y-1">
            {NAV_LINKS.map((link) => (
              <li key={link.href}>
                <Link href={link.href} className="text-text no-underline hover:text-accent hover:underline">
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
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
