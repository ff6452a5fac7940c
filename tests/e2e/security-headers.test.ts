// The security headers of each kind of response: a page, a static asset, tRPC, the REST API,
// an uploaded image (which keeps its own stricter policy) and a CSV export. HSTS only on an
// https site (a second `next start` of the same build with an https NEXTAUTH_URL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGreyPng } from '@/server/services/demo/demo-png';
import { baseUrl, demoApiToken, demoSessionCookie, startSecondApp } from './support';

const SITE_POLICY = /default-src 'self'/;

function expectCommonHeaders(response: Response, what: string) {
  expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(response.headers.get('referrer-policy'), what).toBe('strict-origin-when-cross-origin');
  expect(response.headers.get('x-frame-options'), what).toBe('DENY');
  expect(response.headers.get('permissions-policy'), what).toContain('camera=()');
  expect(response.headers.get('strict-transport-security'), `${what}: no HSTS on an http site`).toBeNull();
}

describe('security headers on an http site', () => {
  let cookie: string;
  beforeAll(async () => {
    cookie = await demoSessionCookie('fellow');
  });

  it('a page and a static asset: the site policy', async () => {
    const page = await fetch(`${baseUrl}/signin`);
    expect(page.status).toBe(200);
    expectCommonHeaders(page, 'page');
    expect(page.headers.get('content-security-policy')).toMatch(SITE_POLICY);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const asset = /\/_next\/static\/[^"']+\.js/.exec(await page.text())?.[0];
    expect(asset).toBeDefined();
    const script = await fetch(`${baseUrl}${asset}`);
    expect(script.status).toBe(200);
    expectCommonHeaders(script, 'static asset');
  });

  it('tRPC and the REST API', async () => {
    const trpc = await fetch(`${baseUrl}/api/trpc/cohorts.mine`, { headers: { cookie } });
    expect(trpc.status).toBe(200);
    expectCommonHeaders(trpc, 'tRPC');
    const rest = await fetch(`${baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${await demoApiToken('fellow', 'headers')}` } });
    expect(rest.status).toBe(200);
    expectCommonHeaders(rest, 'REST');
  });

  it('an uploaded image keeps its own policy: default-src none', async () => {
    const token = await demoApiToken('fellow', 'headers-image');
    const auth = { authorization: `Bearer ${token}` };
    const run = await fetch(`${baseUrl}/api/v1/runs`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ exercise: 'vae', client_run_id: `headers-${Date.now()}` }),
    });
    const { run_id: runId } = (await run.json()) as { run_id: string };
    const png = encodeGreyPng(4, 4, new Uint8Array(16).fill(50));
    const uploaded = await fetch(`${baseUrl}/api/v1/runs/${runId}/artifacts?name=sample`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'image/png' },
      body: new Uint8Array(png),
    });
    const { artifact_id: artifactId } = (await uploaded.json()) as { artifact_id: string };
    const image = await fetch(`${baseUrl}/api/runs/${runId}/artifacts/${artifactId}`, { headers: { cookie } });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('content-security-policy')).toBe("default-src 'none'");
    expectCommonHeaders(image, 'artifact');
  });

  it('a CSV export', async () => {
    const admin = await demoSessionCookie('admin');
    const csv = await fetch(`${baseUrl}/cohorts/demo/export/attendance.csv`, { headers: { cookie: admin } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expectCommonHeaders(csv, 'export');
    expect(csv.headers.get('content-security-policy')).toMatch(SITE_POLICY);
  });
});

describe('on an https site', () => {
  let site: string;
  let stop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ site, stop } = await startSecondApp(() => ({ NEXTAUTH_URL: 'https://fellowship.test' })));
  });
  afterAll(() => stop?.());

  it('sends HSTS with pages that came over https (through the TLS proxy in front)', async () => {
    const page = await fetch(`${site}/signin`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(page.headers.get('content-security-policy')).toMatch(SITE_POLICY);
    // Over plain http the header means nothing to a browser, and is not sent.
    const plain = await fetch(`${site}/signin`);
    expect(plain.headers.get('strict-transport-security')).toBeNull();
  });
});
