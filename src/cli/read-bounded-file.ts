import { readFile, stat } from 'node:fs/promises';
import { AppError } from '@/server/errors';

/**
 * Reads a file named on the command line, refusing what is not a file, and a file too large
 * (`assertSize` throws) before reading it, so a huge file is refused without loading it.
 */
export async function readBoundedFile(file: string, assertSize: (bytes: number) => void): Promise<Uint8Array> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new AppError('BAD_REQUEST', `${file} is not a file.`);
    size = info.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    throw new AppError('NOT_FOUND', code === 'ENOENT' ? `${file}: no such file.` : `${file} cannot be read (${code ?? 'error'}).`);
  }
  assertSize(size);
  return readFile(file);
}
