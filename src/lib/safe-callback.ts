/** A callbackUrl from a query string, kept only when it is a path on this site ("/account"). */
export function safeCallbackPath(value: string | string[] | undefined | null, fallback = '/'): string {
  const path = Array.isArray(value) ? value[0] : value;
  if (!path || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return fallback;
  // Browsers drop tabs and newlines from a URL and read "\" as "/", so "/\t/evil.example" is
  // "//evil.example": another site. No real path here needs either.
  if ([...path].some((char) => char === '\\' || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) return fallback;
  return path;
}
