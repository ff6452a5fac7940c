// "Check links" against a real HTTP server on this machine: each kind of answer a reading's
// address can give, and only the curriculum's own web links are asked. The server is private
// (127.0.0.1), which the checker refuses by default: these tests name it in the explicit
// allowance (`allow`, FELLOWSHIP_LINK_CHECK_ALLOW). link-check-addresses.test.ts covers the
// refusals.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { checkReadingLinks } from '@/server/services/curricula/check-links';
import { createCurriculum } from '../factories';
import { runCli } from './run-command';
import { closedPort as findClosedPort } from '../support/sockets';

let server: http.Server;
let base: string;
let closedPort: number;
const seen: string[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    const reply = (status: number, headers: Record<string, string> = {}) => response.writeHead(status, headers).end('<p>body</p>');
    switch (request.url) {
      case '/ok':
        return reply(200);
      case '/gone':
        return reply(404);
      case '/moved':
        return reply(301, { location: '/ok' });
      case '/no-head':
        return request.method === 'HEAD' ? reply(405) : reply(200);
      case '/down':
        return reply(503);
      case '/slow':
        return; // never answers
      default:
        return reply(404);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closedPort = await findClosedPort();
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('checkReadingLinks', () => {
  it('tells working, moved, gone, refused and silent links apart', async () => {
    const curriculum = await createCurriculum();
    const section = await db.curriculumSection.findFirstOrThrow({ where: { week: { curriculumId: curriculum.id } } });
    const urls = [
      `${base}/ok`,
      `${base}/ok#the-part-to-read`,
      `${base}/gone`,
      `${base}/moved`,
      `${base}/no-head`,
      `${base}/down`,
      `${base}/slow`,
      `http://127.0.0.1:${closedPort}/`,
      'mailto:organisers@example.org',
    ];
    const items = [];
    for (const [index, url] of urls.entries()) {
      items.push(await db.curriculumItem.create({ data: { sectionId: section.id, position: 10 + index, title: `Reading ${index}`, url } }));
    }
    // A reading of another curriculum is not checked, even when asked for.
    const otherCurriculum = await createCurriculum();
    const other = await db.curriculumItem.findFirstOrThrow({ where: { section: { week: { curriculumId: otherCurriculum.id } } } });

    const allow = [base.replace('http://', ''), `127.0.0.1:${closedPort}`];
    const results = await checkReadingLinks({ db, user: null }, { curriculum: curriculum.slug, itemIds: [...items.map((item) => item.id), other.id] }, { timeoutMs: 1_000, allow });
    const byUrl = new Map(results.map((result) => [result.url, result]));
    expect(results.map((result) => result.itemId)).toEqual(items.slice(0, 8).map((item) => item.id));
    expect(byUrl.get(`${base}/ok`)).toMatchObject({ outcome: 'ok', status: 200 });
    // The fragment is not part of the request: still the same page, not "moved".
    expect(byUrl.get(`${base}/ok#the-part-to-read`)).toMatchObject({ outcome: 'ok', status: 200 });
    expect(byUrl.get(`${base}/gone`)).toMatchObject({ outcome: 'broken', status: 404, detail: 'The page is gone (404).' });
    expect(byUrl.get(`${base}/moved`)).toMatchObject({ outcome: 'moved', status: 200, finalUrl: `${base}/ok` });
    expect(byUrl.get(`${base}/no-head`)).toMatchObject({ outcome: 'ok', status: 200 });
    expect(byUrl.get(`${base}/down`)).toMatchObject({ outcome: 'broken', status: 503 });
    expect(byUrl.get(`${base}/slow`)).toMatchObject({ outcome: 'unreachable', status: null, detail: 'No answer within 1 s.' });
    expect(byUrl.get(`http://127.0.0.1:${closedPort}/`)).toMatchObject({ outcome: 'unreachable', detail: 'The site did not answer.' });
    // HEAD first; GET only where HEAD was refused.
    expect(seen.filter((line) => line.endsWith('/no-head'))).toEqual(['HEAD /no-head', 'GET /no-head']);
    expect(seen.filter((line) => line.endsWith('/ok'))).toEqual(['HEAD /ok', 'HEAD /ok', 'HEAD /ok']);
  });

  it('is a CLI command too: the links that need a look, in syllabus order, and a summary', async () => {
    const curriculum = await createCurriculum();
    const section = await db.curriculumSection.findFirstOrThrow({ where: { week: { curriculumId: curriculum.id } } });
    // The factory's two readings point at example.com; give them this server's pages instead.
    await db.curriculumItem.updateMany({ where: { sectionId: section.id, position: 1 }, data: { url: `${base}/ok` } });
    await db.curriculumItem.updateMany({ where: { sectionId: section.id, position: 2 }, data: { url: `${base}/gone` } });
    await db.curriculumItem.create({ data: { sectionId: section.id, position: 3, title: 'Third reading', url: `${base}/moved` } });

    const allow = { FELLOWSHIP_LINK_CHECK_ALLOW: base.replace('http://', '') };
    const result = await runCli(['syllabus', 'check-links', curriculum.slug], allow);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      'broken      Week 1: Week one · Core Readings · Second reading',
      `            ${base}/gone`,
      '            The page is gone (404).',
      'moved       Week 1: Week one · Core Readings · Third reading',
      `            ${base}/moved`,
      `            Works, but now lives at ${base}/ok.`,
      '3 link(s) checked: 1 need fixing, 1 moved.',
    ]);
    const json = await runCli(['syllabus', 'check-links', curriculum.slug, '--json'], allow);
    expect(JSON.parse(json.stdout).map((entry: { outcome: string }) => entry.outcome)).toEqual(['ok', 'broken', 'moved']);
    const missing = await runCli(['syllabus', 'check-links', 'no-such-curriculum']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toContain('No curriculum has the slug "no-such-curriculum".');
  });

  it('says so for a curriculum that does not exist', async () => {
    await expect(checkReadingLinks({ db, user: null }, { curriculum: 'no-such-curriculum', itemIds: ['x'] })).rejects.toThrow('No curriculum has the slug "no-such-curriculum".');
  });
});
