// The sign-in page's callbackUrl: a path on this site, or the fallback.
import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from '@/lib/safe-callback';

describe('safeCallbackPath', () => {
  it('keeps paths on this site', () => {
    expect(safeCallbackPath('/account')).toBe('/account');
    expect(safeCallbackPath('/cohorts/demo?week=2#readings')).toBe('/cohorts/demo?week=2#readings');
    expect(safeCallbackPath(['/account', '/other'])).toBe('/account');
  });

  it.each([
    undefined,
    null,
    '',
    'account',
    'https://evil.example/',
    '//evil.example',
    '/\\evil.example',
    // Browsers drop tabs and newlines, so each of these reads as "//evil.example".
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '/\\\t\\evil.example',
    '/a\\..\\..\\evil.example',
    'javascript:alert(1)',
  ])('falls back for %j', (value) => {
    expect(safeCallbackPath(value)).toBe('/');
    expect(safeCallbackPath(value, '/account')).toBe('/account');
  });

  it('never yields a URL that resolves to another origin', () => {
    const samples = ['/\t/x.example', '/\u000b/x.example', '/\u007f/x.example', '/%09/x.example', '/.//x.example'];
    for (const sample of samples) {
      expect(new URL(safeCallbackPath(sample), 'http://site.test/signin').origin).toBe('http://site.test');
    }
  });
});
