// GET /api/health over real HTTP: 200 while the database answers, 503 with a JSON body when
// it does not (a second `next start` of the same build, pointed at a port nobody listens on).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { findFreePort } from '@/server/db/embedded';

const root = fileURLToPath(new URL('../..', import.meta.url));
let downApp: ChildProcess | undefined;

afterAll(() => {
  downApp?.kill('SIGTERM');
});

describe('GET /api/health', () => {
  it('answers 200 with the database up', async () => {
    const response = await fetch(`${inject('baseUrl')}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', db: 'up', version: expect.any(String) });
  });

  it('answers 503 with a JSON body when the database is down', async () => {
    const [appPort, deadDbPort] = [await findFreePort(), await findFreePort()];
    downApp = spawn(process.execPath, [`${root}/node_modules/next/dist/bin/next`, 'start', '--port', String(appPort)], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: `postgresql://nobody:nothing@127.0.0.1:${deadDbPort}/none` },
      stdio: 'ignore',
    });
    let response: Response | undefined;
    for (let attempt = 0; attempt < 200 && !response; attempt++) {
      response = await fetch(`http://127.0.0.1:${appPort}/api/health`).catch(() => undefined);
      if (!response) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(response?.status).toBe(503);
    expect(response?.headers.get('content-type')).toContain('application/json');
    expect(await response?.json()).toMatchObject({ status: 'unavailable', db: 'down' });
  });
});
