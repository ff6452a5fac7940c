// Raw request bodies for /api/v1 routes that take bytes rather than JSON (image uploads):
// refused past a size limit before they are read in full.
import { AppError } from '@/server/errors';
import { readBodyWithin } from '@/server/http/read-bounded-body';

function tooLarge(limit: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `The body is larger than ${limit / 1024 / 1024} MB; send a smaller image.`);
}

/** The body's bytes, stopping as soon as they pass `limit`; sent as is (no Content-Encoding). */
export async function readBinaryBody(request: Request, limit: number): Promise<Uint8Array> {
  const encoding = (request.headers.get('content-encoding') ?? '').trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity') {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the image as is, without a Content-Encoding (PNG and JPEG are compressed already).');
  }
  return readBodyWithin(request, limit, () => tooLarge(limit));
}
