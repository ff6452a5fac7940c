// Bodies past a route's limit are refused before anything reads them: a 300 MB upload to a
// tRPC mutation, an auth route and an export gets its 413 as soon as the headers arrive (by
// Content-Length), a streamed one once it passes the limit, and the server's memory stays
// flat. Times and memory are printed for the record; memory is asserted, time is not.
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { residentBytes, serverPid } from '../support/sockets';
import { baseUrl, demoSessionCookie } from './support';

const MB = 1024 * 1024;
const HUGE = 300 * MB;
const chunk = Buffer.alloc(MB, 0x20);

type Outcome = { status: number; body: string; msToResponse: number; sentBytes: number };

/** Sends up to 300 MB (declared, or chunked when `declare` is false) until the server answers. */
function flood(method: string, path: string, headers: Record<string, string>, declare: boolean): Promise<Outcome> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const req = http.request({
      host: url.hostname,
      port: url.port,
      method,
      path: url.pathname + url.search,
      headers: { ...headers, ...(declare ? { 'content-length': String(HUGE) } : { 'transfer-encoding': 'chunked' }) },
    });
    req.flushHeaders();
    const started = performance.now();
    req.on('response', (res) => {
      answered = true;
      const msToResponse = performance.now() - started;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (text: string) => (body += text));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body, msToResponse, sentBytes });
      });
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sentBytes < HUGE) {
        sentBytes += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe('request bodies past the limit', () => {
  it('are refused with 413 at once for tRPC, auth and an export, and the server keeps its memory', async () => {
    const cookie = await demoSessionCookie('admin');
    const port = Number(new URL(baseUrl).port);
    const pid = serverPid(port);
    const json = { 'content-type': 'application/json', cookie };
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    // Each route answers once first, so loading its code does not count as growth.
    await fetch(`${baseUrl}/api/trpc/members.invite`, { method: 'POST', headers: json, body: '{}' }).then((r) => r.arrayBuffer());
    await fetch(`${baseUrl}/api/auth/signin/email`, { method: 'POST', headers: form, body: 'email=' }).then((r) => r.arrayBuffer());
    await fetch(`${baseUrl}/cohorts/demo/export/attendance.csv`, { headers: { cookie } }).then((r) => r.arrayBuffer());
    const before = pid ? residentBytes(pid) : null;
    const cases = [
      { name: 'tRPC mutation', method: 'POST', path: '/api/trpc/members.invite', headers: json, limit: /2 MB/ },
      { name: 'auth (sign-in email)', method: 'POST', path: '/api/auth/signin/email', headers: form, limit: /64 KB/ },
      { name: 'export (attendance.csv)', method: 'GET', path: '/cohorts/demo/export/attendance.csv', headers: { cookie }, limit: /takes no request body/ },
    ];
    for (const { name, method, path, headers, limit } of cases) {
      const outcome = await flood(method, path, headers, true);
      console.log(`${name}: ${outcome.status} after ${outcome.msToResponse.toFixed(0)} ms, ${(outcome.sentBytes / MB).toFixed(0)} MB sent by then`);
      expect(outcome.status, `${name}: ${outcome.body}`).toBe(413);
      expect(JSON.parse(outcome.body)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(limit) } });
      expect(outcome.sentBytes).toBeLessThan(HUGE);
    }
    for (const { name, path, headers } of cases.slice(0, 2)) {
      const outcome = await flood('POST', path, headers, false);
      console.log(`${name}, streamed: ${outcome.status} after ${outcome.msToResponse.toFixed(0)} ms, ${(outcome.sentBytes / MB).toFixed(0)} MB sent by then`);
      expect(outcome.status, `${name}: ${outcome.body}`).toBe(413);
      expect(outcome.sentBytes).toBeLessThan(HUGE);
    }
    if (pid && before !== null) {
      const grown = residentBytes(pid) - before;
      console.log(`server memory (pid ${pid}): ${(before / MB).toFixed(0)} MB before, grew by ${(grown / MB).toFixed(1)} MB`);
      expect(grown).toBeLessThan(20 * MB);
    }
  });
});
