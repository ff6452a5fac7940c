// /signin?callbackUrl=… sends a signed-in visitor on at once: only ever to a page of this site,
// however the URL is disguised (browsers drop tabs and newlines and read "\" as "/").
import { describe, expect, it } from 'vitest';
import { baseUrl, demoSessionCookie } from './support';

const DISGUISES = [
  'https://evil.example/',
  '//evil.example',
  '/\\evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '\t//evil.example',
  '/\\\t\\evil.example',
  'javascript:alert(1)',
];

describe('callbackUrl on the sign-in page', () => {
  it('sends a signed-in visitor to a path on this site', async () => {
    const cookie = await demoSessionCookie('fellow');
    const response = await fetch(`${baseUrl}/signin?callbackUrl=${encodeURIComponent('/account')}`, {
      redirect: 'manual',
      headers: { cookie },
    });
    expect(response.status).toBeGreaterThanOrEqual(300);
    expect(response.status).toBeLessThan(400);
    expect(new URL(response.headers.get('location')!, baseUrl).toString()).toBe(`${baseUrl}/account`);
  });

  it.each(DISGUISES)('never sends a signed-in visitor off the site for %j', async (callbackUrl) => {
    const cookie = await demoSessionCookie('fellow');
    const response = await fetch(`${baseUrl}/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`, {
      redirect: 'manual',
      headers: { cookie },
    });
    const location = response.headers.get('location');
    expect(location, `status ${response.status}`).not.toBeNull();
    // Resolved as a browser would resolve the Location header.
    expect(new URL(location!, `${baseUrl}/signin`).origin).toBe(baseUrl);
  });
});
