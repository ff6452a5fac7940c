// Pasted rosters come in every shape: one address a line, comma- or semicolon-separated,
// or "Ada Lovelace <ada@example.org>" copied from a mail client. One parser for the invite
// form (to preview) and the server (to check), so both count the same entries.
import { z } from 'zod';

const emailSchema = z.email();

/** The entries of a pasted list, trimmed, in order, blanks dropped; duplicates kept for the caller to report. */
export function splitEmailList(text: string): string[] {
  return text
    .split(/[\n\r,;]+/)
    .map((chunk) => {
      const angled = /<([^<>]*)>/.exec(chunk);
      return (angled ? angled[1]! : chunk).trim();
    })
    .filter((entry) => entry !== '');
}

/** Lower-cased and trimmed: how invitations and accounts store addresses. */
export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

export function isEmailAddress(value: string): boolean {
  return value.length <= 320 && emailSchema.safeParse(value).success;
}
