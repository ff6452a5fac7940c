// Images a training job uploads for its run (sample grids at a step): PNG or JPEG up to 5 MB,
// the type checked from the bytes. The same (run, name, step) again replaces the image, so a
// retried or re-synced upload never makes a copy. Quotas per run and per person bound what
// a job can store (src/server/quotas.ts).
import { AppError } from '@/server/errors';
import { quotas, type ArtifactQuotas } from '@/server/quotas';
import { nowOf, type TokenContext } from '@/server/services/context';
import { readImageHeader } from './image-header';
import type { ArtifactResponse } from './run-responses';
import { runNotFound } from './runs';

export type ArtifactUpload = {
  runId: string;
  name: string;
  step: number;
  contentType: string | null;
  bytes: Uint8Array;
  /** The configured quotas unless given (tests give small ones). */
  quotas?: ArtifactQuotas;
};

type Usage = { runCount: number; runBytes: bigint; userCount: number; userBytes: bigint; replacedBytes: bigint | null };

function megabytes(bytes: number | bigint): string {
  return `${Math.round(Number(bytes) / 1024 / 1024)} MB`;
}

/**
 * Refuses an upload that would take the run or its owner past a quota. An image that replaces
 * one of the same name and step counts only for the difference in size.
 */
function checkQuotas(usage: Usage, size: number, quotas: ArtifactQuotas): void {
  const replacing = usage.replacedBytes !== null;
  const added = BigInt(size) - (usage.replacedBytes ?? 0n);
  const newCount = replacing ? 0 : 1;
  if (usage.runCount + newCount > quotas.perRun.count) {
    throw new AppError(
      'TOO_MANY_REQUESTS',
      `This run already has ${usage.runCount} images, its quota (${quotas.perRun.count} per run). Upload fewer sample images, or replace earlier ones by sending the same name and step.`,
    );
  }
  if (usage.runBytes + added > BigInt(quotas.perRun.bytes)) {
    throw new AppError('PAYLOAD_TOO_LARGE', `This run's images would pass its quota of ${megabytes(quotas.perRun.bytes)} (it holds ${megabytes(usage.runBytes)}). Send smaller images or fewer of them.`);
  }
  if (usage.userCount + newCount > quotas.perUser.count) {
    throw new AppError(
      'TOO_MANY_REQUESTS',
      `Your runs already hold ${usage.userCount} images, your quota (${quotas.perUser.count} per person). Ask an admin to raise FELLOWSHIP_ARTIFACTS_PER_USER if you need more.`,
    );
  }
  if (usage.userBytes + added > BigInt(quotas.perUser.bytes)) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `Your runs' images would pass your quota of ${megabytes(quotas.perUser.bytes)} (they hold ${megabytes(usage.userBytes)}). Ask an admin to raise FELLOWSHIP_ARTIFACT_MB_PER_USER if you need more.`,
    );
  }
}

const ACCEPTED = ['image/png', 'image/jpeg'];

export async function uploadArtifact(ctx: TokenContext, upload: ArtifactUpload): Promise<ArtifactResponse> {
  const { db, token: principal } = ctx;
  const { runId } = upload;
  const run = await db.run.findFirst({
    where: { id: runId, userId: principal.userId, cohortId: principal.cohortId },
    select: { id: true },
  });
  if (!run) throw runNotFound(runId);

  const declared = (upload.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!ACCEPTED.includes(declared)) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Send a PNG or JPEG image with "Content-Type: image/png" or "image/jpeg"${declared ? `, not "${declared.slice(0, 60)}"` : ''}.`,
    );
  }
  if (upload.bytes.byteLength === 0) throw new AppError('BAD_REQUEST', 'The body is empty; send the image bytes.');
  const header = readImageHeader(upload.bytes);
  if (!header) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The body is not a PNG or JPEG image (its first bytes say so); send one of those.');
  if (header.type !== declared) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `The body is a ${header.type === 'image/png' ? 'PNG' : 'JPEG'} image, but Content-Type says ${declared}: send "Content-Type: ${header.type}".`,
    );
  }

  const data = { contentType: header.type, size: upload.bytes.byteLength, width: header.width, height: header.height, data: Buffer.from(upload.bytes) };
  const artifact = await db.$transaction(async (tx) => {
    // One upload at a time per person, so two at once cannot both pass the quota.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`artifacts:${principal.userId}`}))`;
    const [usage] = await tx.$queryRaw<Usage[]>`
      SELECT count(*) FILTER (WHERE a."runId" = ${run.id})::int AS "runCount",
             coalesce(sum(a.size) FILTER (WHERE a."runId" = ${run.id}), 0)::bigint AS "runBytes",
             count(*)::int AS "userCount",
             coalesce(sum(a.size), 0)::bigint AS "userBytes",
             max(a.size) FILTER (WHERE a."runId" = ${run.id} AND a.name = ${upload.name} AND a.step = ${upload.step})::bigint AS "replacedBytes"
      FROM "RunArtifact" a JOIN "Run" r ON r.id = a."runId"
      WHERE r."userId" = ${principal.userId}`;
    checkQuotas(usage!, data.size, upload.quotas ?? quotas().artifacts);
    return tx.runArtifact.upsert({
      where: { runId_name_step: { runId: run.id, name: upload.name, step: upload.step } },
      create: { runId: run.id, name: upload.name, step: upload.step, ...data },
      update: { ...data, createdAt: nowOf(ctx) },
      select: { id: true, name: true, step: true, contentType: true, size: true, width: true, height: true },
    });
  });
  return {
    artifact_id: artifact.id,
    name: artifact.name,
    step: artifact.step,
    content_type: artifact.contentType as ArtifactResponse['content_type'],
    size: artifact.size,
    width: artifact.width,
    height: artifact.height,
  };
}
