// POST /api/v1/runs/{run_id}/artifacts through the route handler (real Request, real
// PostgreSQL): PNG and JPEG accepted with their size read from the header, the type checked
// from the bytes, 5 MB the limit, and a second upload of a (name, step) replacing the first.
import { beforeAll, describe, expect, it } from 'vitest';
import { artifactResponseSchema, errorResponseSchema } from '@/server/api/v1/schemas';
import { db } from '@/server/db/client';
import { encodeGreyPng } from '@/server/services/demo/demo-png';
import { readImageHeader } from '@/server/services/runs/image-header';
import { buildApiWorld, callApi, countRows, type ApiWorld } from './api-world';

let world: ApiWorld;
let runId: string;

beforeAll(async () => {
  world = await buildApiWorld();
  const created = await callApi('POST', '/api/v1/runs', { token: world.tokenA, body: { exercise: 'vae', client_run_id: 'images' } });
  runId = (created.body as { run_id: string }).run_id;
});

const png = (width: number, height: number, shade = 128) => encodeGreyPng(width, height, new Uint8Array(width * height).fill(shade));

/** A minimal baseline JPEG header: SOI, an APP0 segment, then SOF0 with the size. */
function jpeg(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  const sof0 = [0xff, 0xc0, 0x00, 0x0b, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x01, 0x01, 0x11, 0x00];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof0, 0xff, 0xd9]);
}

const upload = (bytes: Uint8Array, contentType: string, query = 'name=samples&step=100', token: string = world.tokenA, id = runId) =>
  callApi('POST', `/api/v1/runs/${id}/artifacts?${query}`, { token, rawBody: bytes, headers: { 'content-type': contentType } });

function expectError(answer: { status: number; body: unknown }, status: number, code: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  const parsed = errorResponseSchema.parse(answer.body);
  expect(parsed.error.code).toBe(code);
  return parsed.error;
}

describe('the image header reader', () => {
  it('reads PNG and JPEG sizes and refuses anything else', () => {
    expect(readImageHeader(png(30, 20))).toEqual({ type: 'image/png', width: 30, height: 20 });
    expect(readImageHeader(jpeg(640, 480))).toEqual({ type: 'image/jpeg', width: 640, height: 480 });
    expect(readImageHeader(new TextEncoder().encode('GIF89a......'))).toBeNull();
    expect(readImageHeader(new Uint8Array([0x89, 0x50]))).toBeNull();
  });
});

describe('POST /api/v1/runs/{run_id}/artifacts', () => {
  it('stores a PNG (201) with its size from the header', async () => {
    const bytes = png(64, 48);
    const answer = await upload(bytes, 'image/png');
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const artifact = artifactResponseSchema.parse(answer.body);
    expect(artifact).toMatchObject({ name: 'samples', step: 100, content_type: 'image/png', size: bytes.length, width: 64, height: 48 });
    const stored = await db.runArtifact.findUniqueOrThrow({ where: { id: artifact.artifact_id } });
    expect(Buffer.from(stored.data).equals(Buffer.from(bytes))).toBe(true);
  });

  it('stores a JPEG, with step 0 when none is given', async () => {
    const answer = await upload(jpeg(320, 200), 'image/jpeg', 'name=reconstructions');
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(artifactResponseSchema.parse(answer.body)).toMatchObject({ name: 'reconstructions', step: 0, content_type: 'image/jpeg', width: 320, height: 200 });
  });

  it('replaces the image of the same name and step on a second upload (a retry never makes a copy)', async () => {
    const first = artifactResponseSchema.parse((await upload(png(10, 10, 0), 'image/png', 'name=grid&step=7')).body);
    const second = artifactResponseSchema.parse((await upload(png(12, 12, 255), 'image/png', 'name=grid&step=7')).body);
    expect(second.artifact_id).toBe(first.artifact_id);
    expect(second).toMatchObject({ width: 12, height: 12 });
    expect(await db.runArtifact.count({ where: { runId, name: 'grid', step: 7 } })).toBe(1);
    // Another step is another image.
    await upload(png(12, 12), 'image/png', 'name=grid&step=8');
    expect(await db.runArtifact.count({ where: { runId, name: 'grid' } })).toBe(2);
  });

  it('answers 415 for a GIF, for a PNG sent as image/jpeg and for a non-image type, writing nothing', async () => {
    const before = await countRows();
    const gif = new TextEncoder().encode('GIF89a\x01\x00\x01\x00\x00\x00\x00;');
    expect(expectError(await upload(gif, 'image/png'), 415, 'UNSUPPORTED_MEDIA_TYPE').message).toMatch(/not a PNG or JPEG/);
    expect(expectError(await upload(png(4, 4), 'image/jpeg'), 415, 'UNSUPPORTED_MEDIA_TYPE').message).toMatch(/PNG image, but Content-Type says image\/jpeg/);
    expectError(await upload(gif, 'image/gif'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectError(await upload(png(4, 4), 'application/json'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(await countRows()).toEqual(before);
  });

  it('answers 413 for 5 MB and one byte, and takes exactly 5 MB', async () => {
    const before = await countRows();
    const header = png(8, 8);
    const tooBig = new Uint8Array(5 * 1024 * 1024 + 1);
    tooBig.set(header);
    expectError(await upload(tooBig, 'image/png', 'name=big'), 413, 'PAYLOAD_TOO_LARGE');
    expect(await countRows()).toEqual(before);
    const justRight = tooBig.subarray(0, 5 * 1024 * 1024);
    expect((await upload(justRight, 'image/png', 'name=big')).status).toBe(201);
  });

  it('answers 400 for a bad name or step, 404 for another user\'s run, 401 without a token', async () => {
    const before = await countRows();
    expectError(await upload(png(4, 4), 'image/png', 'name='), 400, 'BAD_REQUEST');
    expectError(await upload(png(4, 4), 'image/png', `name=${'x'.repeat(101)}`), 400, 'BAD_REQUEST');
    expectError(await upload(png(4, 4), 'image/png', 'name=a%3Cscript%3E'), 400, 'BAD_REQUEST');
    expectError(await upload(png(4, 4), 'image/png', 'name=samples&step=-1'), 400, 'BAD_REQUEST');
    expectError(await upload(png(4, 4), 'image/png', 'name=samples&step=1.5'), 400, 'BAD_REQUEST');
    expectError(await upload(png(4, 4), 'image/png', 'name=samples', world.bobToken), 404, 'NOT_FOUND');
    expectError(await upload(png(4, 4), 'image/png', 'name=samples', world.tokenB), 404, 'NOT_FOUND');
    const anonymous = await callApi('POST', `/api/v1/runs/${runId}/artifacts?name=x`, { rawBody: png(4, 4), headers: { 'content-type': 'image/png' } });
    expectError(anonymous, 401, 'UNAUTHORIZED');
    expect(await countRows()).toEqual(before);
  });

  it('takes names with letters, digits, _ - . / and spaces', async () => {
    const answer = await upload(png(4, 4), 'image/png', `name=${encodeURIComponent('val/samples epoch_3.v-2')}&step=3`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  });
});
