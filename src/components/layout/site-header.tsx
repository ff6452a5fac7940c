import Link from 'next/link';
import { Container } from '@/components/ui/container';
import { buttonClasses } from '@/components/ui/button-styles';
import { SignOutButton } from './sign-out-button';

export type NavLink = { href: string; label: string };

/** What the header shows: the links for the person's role, and who is signed in (null: nobody). */
export type SiteNav = { links: NavLink[]; signedIn: boolean; name: string | null };

export function SiteHeader({ nav: { links, signedIn, name } }: { nav: SiteNav }) {
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
