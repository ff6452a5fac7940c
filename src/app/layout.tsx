import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { DemoBanner } from '@/components/layout/demo-banner';
import { SiteFooter } from '@/components/layout/site-footer';
import { SiteHeader } from '@/components/layout/site-header';
import { NEW_TAB_NOTE_ID } from '@/components/ui/safe-external-link';
import { getAuthSettings } from '@/server/auth/settings';
import { buildSiteNav } from './site-nav';
import { TRPCProvider } from '@/trpc/react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Fellowship', template: '%s · Fellowship' },
  description: 'Weekly readings, discussion groups and progress for AI-safety reading-group fellowships.',
  icons: { icon: { url: '/favicon.svg', type: 'image/svg+xml' } },
};

export const viewport: Viewport = {
  colorScheme: 'light dark',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#fbfaf7' },
    { media: '(prefers-color-scheme: dark)', color: '#121517' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const nav = await buildSiteNav();
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only rounded-md bg-accent px-4 py-2 font-semibold text-on-accent focus:not-sr-only focus:absolute focus:top-3 focus:left-3 focus:z-50 focus-visible:outline-text"
        >
          Skip to content
        </a>
        {getAuthSettings().demoMode ? <DemoBanner /> : null}
        <SiteHeader nav={nav} />
        <TRPCProvider>
          {/* tabIndex lets the skip link move focus here; the focus ring would only be noise. */}
          <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
            {children}
          </main>
        </TRPCProvider>
        <SiteFooter />
        <p id={NEW_TAB_NOTE_ID} hidden>
          Opens in a new tab.
        </p>
      </body>
    </html>
  );
}
