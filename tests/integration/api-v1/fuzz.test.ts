// Fuzzing every /api/v1 route with fast-check: at least 1,000 malformed or hostile requests per
// route (wrong types, huge numbers, deep nesting, 2 MB bodies, bad gzip, unicode keys, hostile
// headers and ids). Every answer must be a 4xx JSON error, never a 5xx, and nothing may be
// written: the rows are counted before and after each route's run.
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema } from '@/server/api/v1/schemas';
import { buildApiWorld, callApi, countRows, type ApiWorld, type CallOptions } from './api-world';

// The fuzzer sends thousands of requests with one token: lift the per-minute limit for it.
const previousLimit = process.env.FELLOWSHIP_API_REQUESTS_PER_MINUTE;
process.env.FELLOWSHIP_API_REQUESTS_PER_MINUTE = '10000000';
afterAll(() => {
  process.env.FELLOWSHIP_API_REQUESTS_PER_MINUTE = previousLimit;
});

const RUNS = 1000;
let world: ApiWorld;
let runId: string;
const seen: Record<string, number> = {};

beforeAll(async () => {
  world = await buildApiWorld();
  const created = await callApi('POST', '/api/v1/runs', { token: world.tokenA, body: { exercise: 'vae', client_run_id: 'fuzz-target' } });
  runId = (created.body as { run_id: string }).run_id;
  const stored = await callApi('POST', `/api/v1/runs/${runId}/metrics`, {
    token: world.tokenA,
    body: { seq: 1, points: [{ key: 'stored-only', step: 0, value: 1 }] },
  });
  expect(stored.status).toBe(200);
});

afterAll(() => {
  // Shown in the test output: how many hostile inputs each route answered.
  console.log(`fuzzed requests per route: ${JSON.stringify(seen)}`);
});

// ---------------------------------------------------------------------------
// Hostile pieces
// ---------------------------------------------------------------------------

function nested(depth: number, leaf: unknown = 1): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

const hugeNumbers = fc.constantFrom(1e308, -1e308, 2 ** 53 + 2, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 4294967296, 1e21, -0.5, 0.5);
const unicodeStrings = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('λ', 'ключ', '損失', '🔥loss', 'a\u0000b', 'e\u0301', '\uFEFFkey', '\u202Eevil', 'x'.repeat(300)));
const scalars = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), hugeNumbers, unicodeStrings);
const anyJson = fc.oneof(
  { weight: 4, arbitrary: scalars },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.integer({ min: 33, max: 3000 }).map((depth) => nested(depth)) },
  { weight: 1, arbitrary: fc.array(scalars, { maxLength: 5 }) },
);
/** Anything but a JSON object (for fields that must be objects). */
const nonObject = fc.oneof(scalars, fc.array(scalars, { maxLength: 3 }));
const notAString = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), hugeNumbers, fc.array(fc.string(), { maxLength: 2 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }));
const notAnInteger = fc.oneof(fc.constant(null), fc.boolean(), fc.string({ maxLength: 5 }), fc.constantFrom(-1, 0.5, 1.5, 2 ** 31, 1e308, -1e308, -(2 ** 31) - 1), fc.double({ min: 0.01, max: 1e6, noNaN: true }).filter((x) => !Number.isInteger(x)), fc.array(fc.integer(), { maxLength: 2 }));

/** Raw bodies no JSON.stringify makes: bad syntax, 1e400, bad UTF-8, a BOM, random bytes. */
const rawHostileBodies = fc.oneof(
  fc.constantFrom('', ' ', '{', '{"seq":', 'null', '[]', '1e400', '{"seq":1e400,"points":[]}', '{"a":1,"a":2}', '\uFEFF{}', '{"__proto__":{"x":1}}', '{"points":[{"key":"a","step":0,"value":1e400}],"seq":1}', 'NaN', '{"seq": NaN}', "{'single': 1}"),
  fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  fc.constant(Buffer.from([0xff, 0xfe, 0x7b, 0x7d])),
  fc.integer({ min: 33, max: 100_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
);

type Transport = 'json' | 'gzip' | 'badGzip' | 'truncatedGzip' | 'formType' | 'noType' | 'brotli' | 'twoMegabytes';
const transports = fc.oneof(
  { weight: 12, arbitrary: fc.constant<Transport>('json') },
  { weight: 3, arbitrary: fc.constant<Transport>('gzip') },
  { weight: 1, arbitrary: fc.constantFrom<Transport>('badGzip', 'truncatedGzip', 'formType', 'noType', 'brotli', 'twoMegabytes') },
);

const TWO_MB = ' '.repeat(2 * 1024 * 1024);

function encode(body: unknown, transport: Transport, raw?: string | Uint8Array): CallOptions {
  const text = raw ?? JSON.stringify(body) ?? 'null';
  const json = { 'content-type': 'application/json' };
  switch (transport) {
    case 'json':
      return { rawBody: text, headers: json };
    case 'gzip':
      return { rawBody: gzipSync(Buffer.from(text)), headers: { ...json, 'content-encoding': 'gzip' } };
    case 'badGzip':
      return { rawBody: Buffer.from(text), headers: { ...json, 'content-encoding': 'gzip' } };
    case 'truncatedGzip': {
      const packed = gzipSync(Buffer.from(text));
      return { rawBody: packed.subarray(0, Math.max(1, packed.length - 6)), headers: { ...json, 'content-encoding': 'gzip' } };
    }
    case 'formType':
      return { rawBody: text, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    case 'noType':
      return { rawBody: text, headers: {} };
    case 'brotli':
      return { rawBody: text, headers: { ...json, 'content-encoding': 'br' } };
    case 'twoMegabytes':
      return { rawBody: `${text}${TWO_MB}`, headers: json };
  }
}

/** Authorization headers that must all be refused. */
const hostileAuthorization = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('', 'Bearer', 'Bearer ', 'Basic YWxhZGRpbjpvcGVuc2VzYW1l', `bearer fsk_${'a'.repeat(32)}`, `Bearer fsk_${'A'.repeat(32)}`, `Bearer fsk_${'a'.repeat(33)}`, 'Bearer fsk_\u00e9', `Bearer ${'x'.repeat(10_000)}`, "Bearer ' OR 1=1 --"),
  fc.string({ maxLength: 60 }).map((value) => `Bearer ${value}`),
  fc.stringMatching(/^[a-z2-7]{32}$/).map((value) => `Bearer fsk_${value}`),
);

/** A token that is valid but may not see the run (another cohort or user). */
const strangerToken = () => fc.constantFrom(world.tokenB, world.bobToken);

function authHeader(value: string | undefined): Record<string, string> {
  if (value === undefined) return {};
  // Header values cannot hold every character; such a client could not send them anyway.
  return /^[\t\x20-\x7e\x80-\xff]*$/.test(value) ? { authorization: value } : { authorization: encodeURIComponent(value) };
}

const hostileRunIds = fc.oneof(
  fc.string({ maxLength: 30 }).filter((value) => value.length > 0),
  fc.constantFrom('../../etc/passwd', "1' OR '1'='1", '%00', 'x'.repeat(5000), '🔥', 'cm' + 'a'.repeat(23), 'null', 'undefined', '-1'),
  fc.stringMatching(/^[a-z0-9]{25}$/),
);

// ---------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------

async function expectRefused(route: string, method: string, path: string, options: CallOptions) {
  const answer = await callApi(method, path, options);
  seen[route] = (seen[route] ?? 0) + 1;
  const context = `${method} ${path.slice(0, 200)} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
  expect(answer.status, context).toBeGreaterThanOrEqual(400);
  expect(answer.status, context).toBeLessThan(500);
  const parsed = errorResponseSchema.safeParse(answer.body);
  expect(parsed.success, context).toBe(true);
  expect(parsed.data!.error.message.length, context).toBeGreaterThan(0);
  if (answer.status === 429) expect(answer.headers.get('retry-after'), context).toMatch(/^\d+$/);
}

async function fuzzRoute<Ts extends unknown[]>(route: string, property: fc.IAsyncProperty<Ts>) {
  const before = await countRows();
  await fc.assert(property, { numRuns: RUNS });
  expect(seen[route]).toBeGreaterThanOrEqual(RUNS);
  expect(await countRows(), `${route} wrote something`).toEqual(before);
}

const FUZZ_TIMEOUT = 240_000;

describe('fuzzing /api/v1: no 5xx, always a JSON error, nothing written', () => {
  it('GET /api/v1/me with hostile Authorization headers', { timeout: FUZZ_TIMEOUT }, async () => {
    await fuzzRoute(
      'GET /me',
      fc.asyncProperty(hostileAuthorization, fc.string({ maxLength: 30 }), async (authorization, query) => {
        await expectRefused('GET /me', 'GET', `/api/v1/me?${encodeURIComponent(query)}`, { headers: authHeader(authorization) });
      }),
    );
  });

  it('POST /api/v1/runs with malformed bodies', { timeout: FUZZ_TIMEOUT }, async () => {
    const valid = { exercise: 'vae', client_run_id: 'fuzz-new', name: 'n', params: { lr: 1 }, tags: ['t'], git_sha: 'abc', host: 'h' };
    const mutations = fc.oneof(
      fc.record({ field: fc.constantFrom('exercise', 'client_run_id'), value: notAString }),
      // name, git_sha and host may be null: anything else that is not a string.
      fc.record({ field: fc.constantFrom('name', 'git_sha', 'host'), value: notAString.filter((value) => value !== null) }),
      fc.record({ field: fc.constantFrom('name', 'git_sha'), value: fc.constant('x'.repeat(256)) }),
      fc.record({ field: fc.constant('exercise'), value: fc.oneof(unicodeStrings.filter((s) => !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(s) || s.length > 120), fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/).filter((s) => s !== 'vae')) }),
      fc.record({ field: fc.constant('client_run_id'), value: fc.oneof(fc.constant(''), fc.constant('has space'), fc.constant('x'.repeat(201)), unicodeStrings.filter((s) => !/^[\x21-\x7e]{1,200}$/.test(s))) }),
      fc.record({ field: fc.constant('params'), value: fc.oneof(nonObject, fc.integer({ min: 33, max: 500 }).map((d) => ({ deep: nested(d) })), fc.constant({ big: 'x'.repeat(70_000) })) }),
      fc.record({ field: fc.constant('tags'), value: fc.oneof(nonObject.filter((v) => !Array.isArray(v) || v.some((t) => typeof t !== 'string' || t.trim() === '' || t.length > 100)), fc.constant(Array(51).fill('t')), fc.constant([''])) }),
      fc.record({ field: fc.constantFrom('exercise', 'client_run_id'), value: fc.constant(undefined) }),
    );
    await fuzzRoute(
      'POST /runs',
      fc.asyncProperty(
        fc.oneof(
          { weight: 6, arbitrary: mutations.map((m) => ({ kind: 'mutation' as const, m })) },
          { weight: 2, arbitrary: anyJson.map((body) => ({ kind: 'any' as const, body })) },
          { weight: 1, arbitrary: rawHostileBodies.map((raw) => ({ kind: 'raw' as const, raw })) },
          { weight: 1, arbitrary: hostileAuthorization.map((authorization) => ({ kind: 'auth' as const, authorization })) },
        ),
        transports,
        async (input, transport) => {
          let options: CallOptions;
          if (input.kind === 'mutation') options = encode({ ...valid, [input.m.field]: input.m.value }, transport);
          else if (input.kind === 'any') options = encode(input.body, transport);
          else if (input.kind === 'raw') options = encode(null, transport, input.raw);
          else options = { ...encode(valid, transport), headers: { ...encode(valid, transport).headers, ...authHeader(input.authorization) } };
          const token = input.kind === 'auth' ? null : world.tokenA;
          await expectRefused('POST /runs', 'POST', '/api/v1/runs', { ...options, token });
        },
      ),
    );
  });

  it('POST /api/v1/runs/{run_id}/metrics with malformed batches', { timeout: FUZZ_TIMEOUT }, async () => {
    const validPoint = { key: 'loss', step: 1, value: 0.5, time: 1795693720 };
    const pointMutations = fc.oneof(
      fc.record({ field: fc.constant('key'), value: fc.oneof(notAString, fc.constantFrom('', ' loss', 'loss ', 'x'.repeat(251), 'a\nb', 'λ', '損失', '🔥', 'a+b', 'a:b'), unicodeStrings.filter((s) => !/^[A-Za-z0-9_\-./](?:[A-Za-z0-9_\-./ ]*[A-Za-z0-9_\-./])?$/.test(s) || s.length > 250)) }),
      fc.record({ field: fc.constant('step'), value: notAnInteger }),
      fc.record({ field: fc.constant('value'), value: fc.oneof(fc.constant(null), fc.boolean(), fc.constantFrom('nan', 'inf', '-inf', 'Inf', '1.5', '', 'NaN '), fc.array(fc.double(), { maxLength: 2 }), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 })) }),
      fc.record({ field: fc.constant('time'), value: fc.oneof(fc.constantFrom(-1, 1e12, 'yesterday', '2026-13-01T00:00:00Z', true), fc.array(fc.integer(), { maxLength: 1 })) }),
      fc.record({ field: fc.constantFrom('key', 'step', 'value'), value: fc.constant(undefined) }),
    );
    const batchMutations = fc.oneof(
      { weight: 3, arbitrary: fc.record({ index: fc.nat(50), m: pointMutations }).map(({ index, m }) => {
        const list = Array.from({ length: 51 }, (_, i) => ({ ...validPoint, step: i }));
        list[index] = { ...list[index]!, [m.field]: m.value };
        return { seq: 2, points: list };
      }) },
      { weight: 1, arbitrary: notAnInteger.map((seq) => ({ seq, points: [validPoint] })) },
      { weight: 1, arbitrary: nonObject.map((points) => ({ seq: 2, points })) },
      { weight: 1, arbitrary: fc.constantFrom({ seq: 2, points: [] }, { seq: 2 }, { points: [validPoint] }, { seq: 0, points: [validPoint] }) },
      // 5,001 points, and 1,001 distinct keys.
      { weight: 1, arbitrary: fc.constantFrom(5001, 6000).map((n) => ({ seq: 2, points: Array.from({ length: n }, (_, i) => ({ ...validPoint, step: i })) })) },
      { weight: 1, arbitrary: fc.constant(null).map(() => ({ seq: 2, points: Array.from({ length: 1001 }, (_, i) => ({ ...validPoint, key: `k${i}` })) })) },
      // A used seq with other points: 409.
      { weight: 1, arbitrary: fc.array(fc.record({ key: fc.constantFrom('a', 'b'), step: fc.nat(1000), value: fc.double({ noNaN: true, noDefaultInfinity: true }) }), { minLength: 1, maxLength: 5 }).map((points) => ({ seq: 1, points })) },
      { weight: 1, arbitrary: fc.integer({ min: 33, max: 2000 }).map((depth) => ({ seq: 2, points: [{ ...validPoint, extra: nested(depth) }] })) },
    );
    await fuzzRoute(
      'POST /runs/{id}/metrics',
      fc.asyncProperty(
        fc.oneof(
          { weight: 6, arbitrary: batchMutations.map((body) => ({ kind: 'body' as const, body })) },
          { weight: 1, arbitrary: anyJson.map((body) => ({ kind: 'body' as const, body })) },
          { weight: 1, arbitrary: rawHostileBodies.map((raw) => ({ kind: 'raw' as const, raw })) },
          { weight: 1, arbitrary: hostileRunIds.map((id) => ({ kind: 'id' as const, id })) },
          { weight: 1, arbitrary: strangerToken().map((token) => ({ kind: 'stranger' as const, token })) },
        ),
        transports,
        async (input, transport) => {
          const valid = { seq: 2, points: [validPoint] };
          let id = runId;
          let token: string = world.tokenA;
          let options: CallOptions;
          if (input.kind === 'body') options = encode(input.body, transport);
          else if (input.kind === 'raw') options = encode(null, transport, input.raw);
          else if (input.kind === 'id') {
            id = encodeURIComponent(input.id);
            options = encode(valid, transport);
          } else {
            token = input.token;
            options = encode(valid, transport);
          }
          await expectRefused('POST /runs/{id}/metrics', 'POST', `/api/v1/runs/${id}/metrics`, { ...options, token });
        },
      ),
    );
  });

  it('PATCH /api/v1/runs/{run_id} with malformed updates', { timeout: FUZZ_TIMEOUT }, async () => {
    const mutations = fc.oneof(
      fc.record({ status: fc.oneof(notAString, fc.constantFrom('done', 'FINISHED', 'Finished', 'stale', '', 'running ')) }),
      fc.record({ status: fc.constant('finished'), summary: fc.oneof(nonObject.filter((v) => v !== null), fc.integer({ min: 33, max: 300 }).map((d) => ({ deep: nested(d) })), fc.constant({ big: 'x'.repeat(70_000) })) }),
      fc.record({ exit_code: fc.oneof(fc.boolean(), fc.string({ maxLength: 5 }), fc.constantFrom(0.5, 2 ** 31, -(2 ** 31) - 1, 1e308), fc.array(fc.integer(), { maxLength: 2 })) }),
      fc.record({ params: fc.oneof(nonObject) }),
      fc.dictionary(fc.string({ maxLength: 10 }).filter((k) => !['status', 'summary', 'exit_code', 'params', '__proto__'].includes(k)), scalars, { maxKeys: 3 }),
    );
    await fuzzRoute(
      'PATCH /runs/{id}',
      fc.asyncProperty(
        fc.oneof(
          { weight: 6, arbitrary: mutations.map((body) => ({ kind: 'body' as const, body })) },
          { weight: 1, arbitrary: rawHostileBodies.map((raw) => ({ kind: 'raw' as const, raw })) },
          { weight: 1, arbitrary: hostileRunIds.map((id) => ({ kind: 'id' as const, id })) },
          { weight: 1, arbitrary: strangerToken().map((token) => ({ kind: 'stranger' as const, token })) },
          { weight: 1, arbitrary: hostileAuthorization.map((authorization) => ({ kind: 'auth' as const, authorization })) },
        ),
        transports,
        async (input, transport) => {
          const valid = { status: 'killed' };
          let id = runId;
          let token: string | null = world.tokenA;
          let options: CallOptions;
          if (input.kind === 'body') options = encode(input.body, transport);
          else if (input.kind === 'raw') options = encode(null, transport, input.raw);
          else if (input.kind === 'id') {
            id = encodeURIComponent(input.id);
            options = encode(valid, transport);
          } else if (input.kind === 'stranger') {
            token = input.token;
            options = encode(valid, transport);
          } else {
            token = null;
            const encoded = encode(valid, transport);
            options = { ...encoded, headers: { ...encoded.headers, ...authHeader(input.authorization) } };
          }
          await expectRefused('PATCH /runs/{id}', 'PATCH', `/api/v1/runs/${id}`, { ...options, token });
        },
      ),
    );
  });

  it('GET /api/v1/runs/{run_id} with hostile ids and tokens', { timeout: FUZZ_TIMEOUT }, async () => {
    await fuzzRoute(
      'GET /runs/{id}',
      fc.asyncProperty(
        fc.oneof(
          { weight: 3, arbitrary: hostileRunIds.map((id) => ({ id: encodeURIComponent(id), token: world.tokenA as string | null, auth: undefined as string | undefined })) },
          { weight: 1, arbitrary: strangerToken().map((token) => ({ id: runId, token: token as string | null, auth: undefined as string | undefined })) },
          { weight: 1, arbitrary: hostileAuthorization.map((auth) => ({ id: runId, token: null as string | null, auth })) },
        ),
        async ({ id, token, auth }) => {
          await expectRefused('GET /runs/{id}', 'GET', `/api/v1/runs/${id}`, { token, headers: authHeader(auth) });
        },
      ),
    );
  });

  it('POST /api/v1/runs/{run_id}/artifacts with hostile images, names and types', { timeout: FUZZ_TIMEOUT }, async () => {
    const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
    const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
    // Bodies that are no PNG or JPEG: random bytes, near misses of the signatures, other formats.
    const notImages = fc.oneof(
      fc.uint8Array({ minLength: 0, maxLength: 300 }).filter((bytes) => !(bytes[0] === 0x89 && bytes[1] === 0x50) && !(bytes[0] === 0xff && bytes[1] === 0xd8)).map((bytes) => Buffer.from(bytes)),
      fc.constantFrom(Buffer.from('GIF89a\x01\x00\x01\x00'), Buffer.from('RIFF....WEBPVP8 '), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), PNG.subarray(0, 7), JPEG.subarray(0, 2), Buffer.from('{"image": 1}')),
    );
    const badNames = fc.oneof(unicodeStrings.filter((s) => !/^[A-Za-z0-9_\-./ ]{1,100}$/.test(s)), fc.constantFrom('', 'x'.repeat(101), '<script>', 'a\nb', 'a%00b', 'a:b'));
    const badSteps = fc.oneof(fc.constantFrom('-1', '1.5', '1e3', '0x10', 'NaN', '', '2147483648', '٣', ' 1'), fc.string({ maxLength: 6 }).filter((s) => !/^[0-9]{1,10}$/.test(s)));
    const badTypes = fc.oneof(fc.constantFrom('image/gif', 'image/webp', 'image/svg+xml', 'text/html', 'application/json', 'application/octet-stream', ''), fc.string({ maxLength: 30 }).filter((s) => !/^\s*image\/(png|jpeg)/i.test(s)));
    const input = fc.oneof(
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('notImage' as const), body: notImages, type: fc.constantFrom('image/png', 'image/jpeg') }) },
      // A real PNG or JPEG under the other type.
      { weight: 2, arbitrary: fc.constantFrom({ kind: 'mismatch' as const, body: PNG, type: 'image/jpeg' }, { kind: 'mismatch' as const, body: JPEG, type: 'image/png' }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('type' as const), body: fc.constantFrom(PNG, JPEG), type: badTypes }) },
      { weight: 2, arbitrary: badNames.map((name) => ({ kind: 'name' as const, name })) },
      { weight: 1, arbitrary: badSteps.map((step) => ({ kind: 'step' as const, step })) },
      { weight: 1, arbitrary: fc.constant({ kind: 'missingName' as const }) },
      { weight: 1, arbitrary: fc.constantFrom(5 * 1024 * 1024 + 1, 6 * 1024 * 1024).map((size) => ({ kind: 'huge' as const, size })) },
      { weight: 1, arbitrary: fc.constantFrom('gzip', 'br', 'deflate').map((encoding) => ({ kind: 'encoding' as const, encoding })) },
      { weight: 1, arbitrary: hostileRunIds.map((id) => ({ kind: 'id' as const, id })) },
      { weight: 1, arbitrary: strangerToken().map((token) => ({ kind: 'stranger' as const, token })) },
      { weight: 1, arbitrary: hostileAuthorization.map((authorization) => ({ kind: 'auth' as const, authorization })) },
    );
    await fuzzRoute(
      'POST /runs/{id}/artifacts',
      fc.asyncProperty(input, async (item) => {
        let id = runId;
        let token: string | null = world.tokenA;
        let query = 'name=samples&step=1';
        let body: Uint8Array = PNG;
        const headers: Record<string, string> = { 'content-type': 'image/png' };
        if (item.kind === 'notImage' || item.kind === 'mismatch' || item.kind === 'type') {
          body = item.body;
          headers['content-type'] = item.type;
        } else if (item.kind === 'name') query = `name=${encodeURIComponent(item.name)}&step=1`;
        else if (item.kind === 'step') query = `name=samples&step=${encodeURIComponent(item.step)}`;
        else if (item.kind === 'missingName') query = 'step=1';
        else if (item.kind === 'huge') {
          body = new Uint8Array(item.size);
          body.set(PNG);
        } else if (item.kind === 'encoding') headers['content-encoding'] = item.encoding;
        else if (item.kind === 'id') id = encodeURIComponent(item.id);
        else if (item.kind === 'stranger') token = item.token;
        else {
          token = null;
          Object.assign(headers, authHeader(item.authorization));
        }
        await expectRefused('POST /runs/{id}/artifacts', 'POST', `/api/v1/runs/${id}/artifacts?${query}`, { token, rawBody: body, headers });
      }),
    );
  });

  it('GET /api/v1/runs/{run_id}/metrics with hostile queries', { timeout: FUZZ_TIMEOUT }, async () => {
    const queries = fc.oneof(
      fc.record({ key: fc.oneof(unicodeStrings, fc.constantFrom('', 'missing', ' x', 'x'.repeat(251))), max_points: fc.constant(undefined) }),
      fc.record({ key: fc.constant('stored-only'), max_points: fc.oneof(fc.constantFrom('0', '-1', '9', '1e9', '20001', 'abc', '1.5', '', 'NaN', 'Infinity', '0x10', '٣٠'), fc.string({ maxLength: 6 }).filter((s) => !/^\s*\d+\s*$/.test(s) || Number(s) < 10 || Number(s) > 20000)) }),
      // Step ranges: not whole numbers, negative, past 2^31 - 1, or reversed.
      fc.record({
        key: fc.constant('stored-only'),
        max_points: fc.constant(undefined),
        range: fc.oneof(
          fc.constantFrom('-1', '1.5', '1e3', '2147483648', 'abc', '', '0x1').map((bad) => ({ min_step: bad })),
          fc.constantFrom('-5', 'NaN', '99999999999', ' 3').map((bad) => ({ max_step: bad })),
          fc.tuple(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 999 })).filter(([a, b]) => a > b).map(([a, b]) => ({ min_step: String(a), max_step: String(b) })),
        ),
      }),
    );
    await fuzzRoute(
      'GET /runs/{id}/metrics',
      fc.asyncProperty(
        fc.oneof(
          { weight: 4, arbitrary: queries.map((query) => ({ kind: 'query' as const, query })) },
          { weight: 1, arbitrary: fc.constant({ kind: 'repeat' as const }) },
          { weight: 1, arbitrary: hostileRunIds.map((id) => ({ kind: 'id' as const, id })) },
          { weight: 1, arbitrary: strangerToken().map((token) => ({ kind: 'stranger' as const, token })) },
        ),
        async (input) => {
          let path = `/api/v1/runs/${runId}/metrics?key=stored-only`;
          let token = world.tokenA;
          if (input.kind === 'query') {
            const params = new URLSearchParams();
            if (typeof input.query.key === 'string') params.set('key', input.query.key);
            if (input.query.max_points !== undefined) params.set('max_points', input.query.max_points);
            if ('range' in input.query) for (const [name, value] of Object.entries(input.query.range)) params.set(name, value);
            path = `/api/v1/runs/${runId}/metrics?${params}`;
          } else if (input.kind === 'repeat') path = `/api/v1/runs/${runId}/metrics?key=stored-only&key=stored-only`;
          else if (input.kind === 'id') path = `/api/v1/runs/${encodeURIComponent(input.id)}/metrics?key=stored-only`;
          else token = input.token;
          await expectRefused('GET /runs/{id}/metrics', 'GET', path, { token });
        },
      ),
    );
  });
});
