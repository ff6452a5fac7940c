// The container: one gzip stream holding a magic line, then frames of [type byte][uint32 big
// endian length][payload]: H (header JSON), then per table T (its name, JSON) and any number of
// D (COPY text bytes as the server sent them), then M (trailer JSON), then the end of the file.
// Length-prefixed frames let both sides stream (a million rows never sit in memory) without
// scanning the COPY text for a terminator. `zcat file | head -c 4000` shows the header.
import type { Readable, Writable } from 'node:stream';
import { AppError } from '@/server/errors';

export const MAGIC = Buffer.from('FELLOWSHIP-BACKUP 1\n');

export const FrameType = { header: 0x48, table: 0x54, data: 0x44, trailer: 0x4d } as const;
export type FrameType = (typeof FrameType)[keyof typeof FrameType];
export type Frame = { type: number; payload: Buffer };

/** Rows in a chunk of COPY text: each row ends with a newline, and newlines inside values are escaped. */
export function countLines(chunk: Buffer): number {
  let lines = 0;
  for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
  return lines;
}

/** Larger than any chunk a COPY hands over or a manifest needs; a bigger length means a damaged file. */
const MAX_FRAME_BYTES = 256 * 1024 * 1024;

export class BackupWriter {
  constructor(private readonly out: Writable) {}

  async writeRaw(bytes: Buffer): Promise<void> {
    // A stream destroyed by a failed write (a full disk) would never drain: say why instead.
    if (this.out.destroyed) throw this.out.errored ?? new Error('The backup file was closed while writing.');
    if (!this.out.write(bytes)) await waitForDrain(this.out);
  }

  async writeFrame(type: FrameType, payload: Buffer): Promise<void> {
    const head = Buffer.alloc(5);
    head[0] = type;
    head.writeUInt32BE(payload.length, 1);
    this.out.write(head);
    await this.writeRaw(payload);
  }

  writeJson(type: FrameType, value: unknown): Promise<void> {
    return this.writeFrame(type, Buffer.from(JSON.stringify(value)));
  }
}

function waitForDrain(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      out.off('drain', done);
      out.off('error', done);
      out.off('close', closed);
      if (error) reject(error);
      else resolve();
    };
    const closed = () => done(new Error('The backup file was closed while writing.'));
    out.once('drain', done);
    out.once('error', done);
    out.once('close', closed);
  });
}

/** A damaged or foreign file, told the same way wherever it shows. */
export function damagedFile(file: string, why: string): AppError {
  return new AppError('BAD_REQUEST', `${file} is not a complete Fellowship backup (${why}); nothing was restored.`);
}

/** Reads frames from the decompressed stream; one frame can be put back (`unread`). */
export class BackupReader {
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  private readonly source: AsyncIterator<Buffer>;
  private pending: Frame | null = null;

  constructor(
    stream: Readable,
    private readonly file: string,
  ) {
    this.source = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  /** Fills the buffer to `bytes`; false at the end of the stream. zlib's errors mean a damaged file. */
  private async fill(bytes: number): Promise<boolean> {
    while (this.buffered < bytes) {
      let step: IteratorResult<Buffer>;
      try {
        step = await this.source.next();
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if (code.startsWith('Z_') || code === 'ERR_INVALID_ARG_VALUE') throw damagedFile(this.file, `gzip: ${(error as Error).message}`);
        throw error;
      }
      if (step.done) return false;
      this.chunks.push(step.value);
      this.buffered += step.value.length;
    }
    return true;
  }

  private take(bytes: number): Buffer {
    const first = this.chunks[0]!;
    let taken: Buffer;
    if (first.length >= bytes) {
      taken = first.subarray(0, bytes);
      if (first.length === bytes) this.chunks.shift();
      else this.chunks[0] = first.subarray(bytes);
    } else {
      const whole = Buffer.concat(this.chunks);
      taken = whole.subarray(0, bytes);
      this.chunks.length = 0;
      if (whole.length > bytes) this.chunks.push(whole.subarray(bytes));
    }
    this.buffered -= bytes;
    return taken;
  }

  async readMagic(): Promise<void> {
    if (!(await this.fill(MAGIC.length)) || !this.take(MAGIC.length).equals(MAGIC)) {
      throw damagedFile(this.file, 'it does not start like one');
    }
  }

  /** The next frame, or null at a clean end of the stream. */
  async next(): Promise<Frame | null> {
    if (this.pending) {
      const frame = this.pending;
      this.pending = null;
      return frame;
    }
    if (!(await this.fill(5))) {
      if (this.buffered === 0) return null;
      throw damagedFile(this.file, 'it ends inside a frame');
    }
    const head = this.take(5);
    const length = head.readUInt32BE(1);
    if (!Object.values(FrameType).includes(head[0] as FrameType) || length > MAX_FRAME_BYTES) {
      throw damagedFile(this.file, 'a frame header is garbled');
    }
    if (!(await this.fill(length))) throw damagedFile(this.file, 'it ends inside a frame');
    return { type: head[0]!, payload: length ? this.take(length) : Buffer.alloc(0) };
  }

  unread(frame: Frame): void {
    this.pending = frame;
  }

  /** The next frame, which must be of `type`, parsed as JSON. */
  async nextJson(type: FrameType, what: string): Promise<unknown> {
    const frame = await this.next();
    if (!frame || frame.type !== type) throw damagedFile(this.file, `the ${what} is missing`);
    try {
      return JSON.parse(frame.payload.toString('utf8'));
    } catch {
      throw damagedFile(this.file, `the ${what} is not JSON`);
    }
  }
}
