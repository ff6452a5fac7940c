// A download written while it is read: the body pulls the next pieces from an async generator
// only when the client has taken the last ones, so a slow connection slows the database reads
// instead of piling the whole file up in memory.
import { AppError } from '@/server/errors';

/** Pieces are sent in chunks of about this many bytes, not one network write per JSON element. */
const CHUNK_BYTES = 64 * 1024;

function plain(status: number, text: string): Response {
  return new Response(`${text}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/**
 * Streams `pieces` as the body. The first piece is awaited before the response starts, so an
 * AppError thrown before any output (an account that is gone) still gets its own status.
 */
export async function streamResponse(pieces: AsyncGenerator<string>, headers: Record<string, string>): Promise<Response> {
  let first: IteratorResult<string>;
  try {
    first = await pieces.next();
  } catch (error) {
    if (error instanceof AppError) return plain(error.code === 'NOT_FOUND' ? 404 : 400, error.message);
    throw error;
  }
  const encoder = new TextEncoder();
  let pending = first.done ? '' : first.value;
  let finished = Boolean(first.done);
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        while (!finished && pending.length < CHUNK_BYTES) {
          const next = await pieces.next();
          if (next.done) finished = true;
          else pending += next.value;
        }
        if (pending) controller.enqueue(encoder.encode(pending));
        pending = '';
        if (finished) controller.close();
      } catch (error) {
        // Past the headers there is no status to change: the client sees a cut-off file.
        console.error('[fellowship] download failed mid-stream:', error);
        controller.error(error);
      }
    },
    async cancel() {
      // The client went away: stop reading the database.
      await pieces.return(undefined);
    },
  });
  return new Response(body, { headers: { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers } });
}
