// Images a training job uploads for its run (sample grids at a step): PNG or JPEG up to 5 MB,
// the type checked from the bytes. The same (run, name, step) again replaces the image, so a
// retried or re-synced upload never makes a copy.
import { AppError } from '@/server/errors';
import { nowOf, type TokenContext } from '@/server/services/context';
import { readImageHeader } from './image-header';
import type { ArtifactResponse } from './run-responses';
import { runNotFound } from './runs';

export type ArtifactUpload = { runId: string; name: string; step: number; contentType: string | null; bytes: Uint8Array };

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
  const artifact = await db.runArtifact.upsert({
    where: { runId_name_step: { runId: run.id, name: upload.name, step: upload.step } },
    create: { runId: run.id, name: upload.name, step: upload.step, ...data },
    update: { ...data, createdAt: nowOf(ctx) },
    select: { id: true, name: true, step: true, contentType: true, size: true, width: true, height: true },
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
