// The one spelling of a sign-in address: what next-auth stores and sends the link to, and what
// the per-address rate limit counts. next-auth's own normaliser (NFKC, trim, lower case, and
// everything after a comma in the domain dropped) let `fellow5@example.com,0` … `,6` each count
// as a new address while all went to one inbox; this one refuses what no mailbox can have.
import { domainToASCII } from 'node:url';

const MAX_ADDRESS = 254;
const MAX_LOCAL_PART = 64;
/** RFC 5322's dot-atom characters, lower case: no quotes, spaces, commas, brackets or controls. */
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const LABEL = /^[a-z0-9-]+$/;

/** The normalised address (NFKC, trimmed, lower-cased, the domain in its ASCII form), or null when no mailbox can have it. */
export function normaliseEmailAddress(raw: string): string | null {
  const address = raw.normalize('NFKC').trim().toLowerCase();
  if (address.length === 0 || address.length > MAX_ADDRESS) return null;
  const at = address.indexOf('@');
  if (at <= 0 || at !== address.lastIndexOf('@')) return null;
  const local = address.slice(0, at);
  if (local.length > MAX_LOCAL_PART || !LOCAL_PART.test(local)) return null;
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return null;
  // Internationalised domains are kept in their ASCII (punycode) form, the one mail servers route.
  const domain = domainToASCII(address.slice(at + 1));
  const labels = domain.split('.');
  if (labels.length < 2 || domain.length > 253) return null;
  for (const label of labels) {
    if (label.length === 0 || label.length > 63 || !LABEL.test(label) || label.startsWith('-') || label.endsWith('-')) return null;
  }
  return `${local}@${domain}`;
}
