// next-auth's redirect callback: only ever back to this site.
import { describe, expect, it } from 'vitest';
import { safeRedirect } from '@/server/auth/options';

const baseUrl = 'http://127.0.0.1:3000';

describe('safeRedirect', () => {
  it('keeps relative paths on this site', () => {
    expect(safeRedirect('/cohorts/demo', baseUrl)).toBe(`${baseUrl}/cohorts/demo`);
    expect(safeRedirect('/account?tab=sessions#x', baseUrl)).toBe(`${baseUrl}/account?tab=sessions#x`);
  });

  it('keeps URLs on the same origin', () => {
    expect(safeRedirect(`${baseUrl}/cohorts/demo`, baseUrl)).toBe(`${baseUrl}/cohorts/demo`);
  });

  it.each([
    'https://evil.com/',
    'http://127.0.0.1:3001/',
    'https://127.0.0.1:3000/',
    'http://127.0.0.1:3000@evil.com/',
    '//evil.com',
    '//evil.com/cohorts',
    '/\\evil.com',
    '/\\/evil.com',
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'evil.com',
    '',
  ])('sends %j to the home page', (url) => {
    expect(safeRedirect(url, baseUrl)).toBe(baseUrl);
  });
});
