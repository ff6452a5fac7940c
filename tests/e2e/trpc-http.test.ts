// tRPC over real HTTP: a mutation needs a JSON body (or the x-trpc-source header), so a form
// on another site cannot fire one with a visitor's cookie; and the cookie decides who calls.
import { describe, expect, it } from 'vitest';
import { baseUrl, demoSessionCookie, sql, trpcMutation, uniqueEmail } from './support';

async function openInvitations(email: string) {
  return sql(`SELECT 1 FROM "Invitation" WHERE email = $1 AND "revokedAt" IS NULL`, [email]);
}

describe('tRPC mutations over HTTP', () => {
  it('refuses a form-encoded mutation (cross-site form) with 403 and changes nothing', async () => {
    const cookie = await demoSessionCookie('admin');
    const email = uniqueEmail('csrf');
    const response = await fetch(`${baseUrl}/api/trpc/members.invite`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ json: JSON.stringify({ cohort: 'demo', emails: email }) }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await openInvitations(email)).toEqual([]);
  });

  it('accepts the same mutation as JSON from the admin', async () => {
    const cookie = await demoSessionCookie('admin');
    const email = uniqueEmail('json');
    const result = (await trpcMutation('members.invite', { cohort: 'demo', emails: email, role: 'FELLOW' }, cookie)) as {
      invited: number;
    };
    expect(result.invited).toBe(1);
    expect(await openInvitations(email)).toHaveLength(1);
  });

  it('answers a fellow with 403 and a signed-out caller with 401', async () => {
    const email = uniqueEmail('nope');
    const call = (cookie?: string) =>
      fetch(`${baseUrl}/api/trpc/members.invite`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify({ json: { cohort: 'demo', emails: email } }),
      });
    expect((await call(await demoSessionCookie('fellow'))).status).toBe(403);
    expect((await call()).status).toBe(401);
    expect(await openInvitations(email)).toEqual([]);
  });
});
