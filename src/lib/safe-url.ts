// Syllabus links come from imported markdown and admins' edits. Only http(s) URLs become
// links, so a "javascript:" or "data:" URL can never run script from a syllabus page.

const SAFE_PROTOCOLS = new Set(['http:', 'https:']);

/** The normalised URL when it is an absolute http(s) URL, otherwise null. */
export function toSafeHttpUrl(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (trimmed === '' || !URL.canParse(trimmed)) return null;
  const url = new URL(trimmed);
  if (!SAFE_PROTOCOLS.has(url.protocol) || url.hostname === '') return null;
  // Render the parser's own serialisation, not the input, so what we check is what we link.
  return url.href;
}

export function isSafeHttpUrl(value: string | null | undefined): boolean {
  return toSafeHttpUrl(value) !== null;
}

/**
 * The normalised URL when it may be a link in a syllabus (a reading, a week's notes): an
 * absolute http(s) URL with a host, or a mailto: address. Anything else is shown as text.
 */
export function toSafeLinkUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  // Control characters and white space inside would let "java\tscript:" past a reader's eye.
  if (trimmed === '' || /[\u0000-\u001f\u007f\s]/.test(trimmed)) return null;
  if (/^mailto:/i.test(trimmed)) {
    if (!URL.canParse(trimmed)) return null;
    const url = new URL(trimmed);
    return url.pathname.length > 0 ? url.href : null;
  }
  return toSafeHttpUrl(trimmed);
}
