import type { ReactNode } from 'react';
import { toSafeHttpUrl } from '@/lib/safe-url';

/** The id of the one "Opens in a new tab" note the root layout renders for all such links. */
export const NEW_TAB_NOTE_ID = 'new-tab-note';

/**
 * A link to another site that cannot run script: only http(s) URLs become links, anything
 * else shows as plain text. Opens in a new tab without giving that tab a handle on ours; the
 * new-tab hint is a description, so the link's accessible name stays its title.
 */
export function SafeExternalLink({ href, children }: { href: string | null | undefined; children: ReactNode }) {
  const safeHref = toSafeHttpUrl(href);
  if (!safeHref) {
    return (
      <span>
        {children}
        {href ? <span className="text-muted"> (link unavailable)</span> : null}
      </span>
    );
  }
  return (
    <a href={safeHref} target="_blank" rel="noopener noreferrer" aria-describedby={NEW_TAB_NOTE_ID} className="font-medium">
      {children}
      <span aria-hidden="true" className="ml-1 inline-block text-[0.8em]">
        ↗
      </span>
    </a>
  );
}
