// Raw request bodies for /api/v1 routes that take bytes rather than JSON (image uploads):
// refused past a size limit before they are read in full.
import { AppError } from '@/server/errors';

function tooLarge(limit: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `The body is larger than ${limit / 1024 / 1024} MB; send a smaller image.`);
}

/** The body's bytes, stopping as soon as they pass `limit`; sent as is (no Content-Encoding). */
export async function readBinaryBody(request: Request, limit: number): Promise<Uint8Array> {
  const encoding = (request.headers.get('content-encoding') ?? '').trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity') {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the image as is, without a Content-Encoding (PNG and JPEG are compressed already).');
  }
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
