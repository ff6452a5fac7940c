// The link checker cannot be turned on the server's own network: loopback in every spelling,
// private and metadata addresses, redirects into them and DNS answers that change are all
// refused with one outcome, and an open private port reads exactly like a closed one. A real
// server on 127.0.0.1 shows that nothing reaches it unless a test names it in `allow`.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { checkReadingLinks, type LinkCheckOptions, type Resolver } from '@/server/services/curricula/check-links';
import { createCurriculum } from '../factories';
import { closedPort as findClosedPort } from '../support/sockets';

let server: http.Server;
let port: number;
let closedPort: number;
const seen: string[] = [];
const NOT_CHECKED = { outcome: 'unreachable', status: null, finalUrl: null, detail: 'Not checked: private address.' };

beforeAll(async () => {
  server = http.createServer((request, response) => {
    seen.push(`${request.headers.host} ${request.method} ${request.url}`);
    const redirect = (location: string) => response.writeHead(302, { location }).end();
    switch (request.url) {
      case '/ok':
        return response.writeHead(200).end('ok');
      case '/to-localhost':
        return redirect(`http://localhost:${port}/ok`);
      case '/to-metadata':
        return redirect('http://169.254.169.254/latest/meta-data/');
      case '/to-ipv6-loopback':
        return redirect(`http://[::1]:${port}/ok`);
      case '/to-file':
        return redirect('file:///etc/passwd');
      case '/loop':
        return redirect('/loop');
      default:
        return response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  closedPort = await findClosedPort();
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Checks these addresses as readings of a fresh curriculum; results by address. */
async function check(urls: string[], options: LinkCheckOptions = {}) {
  const curriculum = await createCurriculum();
  const section = await db.curriculumSection.findFirstOrThrow({ where: { week: { curriculumId: curriculum.id } } });
  const items = [];
  for (const [index, url] of urls.entries()) {
    items.push(await db.curriculumItem.create({ data: { sectionId: section.id, position: 10 + index, title: `Reading ${index}`, url } }));
  }
  const results = await checkReadingLinks({ db, user: null }, { curriculum: curriculum.slug, itemIds: items.map((item) => item.id) }, { timeoutMs: 2_000, ...options });
  return new Map(results.map(({ url, itemId: _itemId, ...rest }) => [url, rest]));
}

describe('the link checker by default', () => {
  it('refuses loopback in every spelling, without sending a request', async () => {
    const spellings = [
      `http://127.0.0.1:${port}/ok`,
      `http://localhost:${port}/ok`,
      `http://[::1]:${port}/ok`,
      `http://0x7f000001:${port}/ok`,
      `http://2130706433:${port}/ok`,
      `http://0177.0.0.1:${port}/ok`,
      `http://127.1:${port}/ok`,
      `http://[::ffff:127.0.0.1]:${port}/ok`,
      `https://127.0.0.1/`,
    ];
    const before = seen.length;
    const results = await check(spellings);
    for (const url of spellings) expect(results.get(url), url).toEqual(NOT_CHECKED);
    expect(seen.length).toBe(before);
  });

  it('refuses private, link-local and metadata addresses', async () => {
    const targets = [
      'http://10.0.0.1/',
      'http://172.16.5.4/',
      'http://192.168.0.1/admin',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.100.100.200/latest/meta-data/',
      'http://[fd00:ec2::254]/',
      'http://[fe80::1]/',
      'http://0.0.0.0/',
      'http://224.0.0.1/',
    ];
    const results = await check(targets);
    for (const url of targets) expect(results.get(url), url).toEqual(NOT_CHECKED);
  });

  it('answers the same for an open and a closed private port', async () => {
    const open = `http://127.0.0.1:${port}/ok`;
    const closed = `http://127.0.0.1:${closedPort}/`;
    const nonHttp = 'http://127.0.0.1:22/';
    const results = await check([open, closed, nonHttp]);
    expect(results.get(open)).toEqual(NOT_CHECKED);
    expect(results.get(closed)).toEqual(results.get(open));
    expect(results.get(nonHttp)).toEqual(results.get(open));
  });

  it('refuses a name any of whose addresses is private', async () => {
    const resolve: Resolver = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    const results = await check(['http://mixed.test/'], { resolve });
    expect(results.get('http://mixed.test/')).toEqual(NOT_CHECKED);
  });
});

describe('redirects and DNS, with the test server allowed', () => {
  const allow = () => [`127.0.0.1:${port}`];

  it('follows redirects itself and refuses one into loopback, IPv6 loopback or metadata', async () => {
    const base = `http://127.0.0.1:${port}`;
    const before = seen.length;
    const results = await check([`${base}/to-localhost`, `${base}/to-ipv6-loopback`, `${base}/to-metadata`], { allow: allow() });
    expect(results.get(`${base}/to-localhost`)).toEqual(NOT_CHECKED);
    expect(results.get(`${base}/to-ipv6-loopback`)).toEqual(NOT_CHECKED);
    expect(results.get(`${base}/to-metadata`)).toEqual(NOT_CHECKED);
    // Only the allowed first hops reached the server; no redirect target did.
    expect(seen.slice(before).every((line) => !line.endsWith(' /ok'))).toBe(true);
  });

  it('refuses redirects to other schemes, and more than five', async () => {
    const base = `http://127.0.0.1:${port}`;
    const results = await check([`${base}/to-file`, `${base}/loop`], { allow: allow() });
    expect(results.get(`${base}/to-file`)).toMatchObject({ outcome: 'unreachable', detail: 'Not checked: only http and https links are.' });
    expect(results.get(`${base}/loop`)).toMatchObject({ outcome: 'unreachable', detail: expect.stringMatching(/More than 5 redirects/) });
  });

  it('looks a name up once and connects to that answer, whatever a second lookup would say', async () => {
    const answers = [
      [{ address: '127.0.0.1', family: 4 }],
      [{ address: '10.255.255.1', family: 4 }],
    ];
    let lookups = 0;
    const resolve: Resolver = async () => answers[Math.min(lookups++, 1)]!;
    const url = `http://rebind.test:${port}/ok`;
    const before = seen.length;
    const results = await check([url], { allow: [`rebind.test:${port}`], resolve, timeoutMs: 1_000 });
    expect(results.get(url)).toMatchObject({ outcome: 'ok', status: 200 });
    expect(lookups).toBe(1);
    // It reached this server, under the name it asked for.
    expect(seen.slice(before)).toEqual([`rebind.test:${port} HEAD /ok`]);
  });

  it('refuses a name whose one answer is private, after one lookup', async () => {
    const answers = [[{ address: '10.0.0.7', family: 4 }], [{ address: '127.0.0.1', family: 4 }]];
    let lookups = 0;
    const resolve: Resolver = async () => answers[Math.min(lookups++, 1)]!;
    const results = await check(['http://flip.test/'], { resolve });
    expect(results.get('http://flip.test/')).toEqual(NOT_CHECKED);
    expect(lookups).toBe(1);
  });
});
