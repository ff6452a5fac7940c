// Stage 1, input checks: refuses what is not a markdown syllabus at all (too large, binary,
// not UTF-8, empty, HTML or JSON) or too costly to parse (lib/markdown-limits) before any
// parsing, and normalizes line endings.
import { findMarkdownHazard } from '@/lib/markdown-limits';
import { AppError } from '@/server/errors';

/** The largest syllabus accepted: real ones are a few kilobytes. */
export const SYLLABUS_MAX_BYTES = 1024 * 1024;

function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function tooLarge(bytes: number): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `The file is ${describeSize(bytes)}; a syllabus may be at most ${describeSize(SYLLABUS_MAX_BYTES)}.`,
  );
}

const NOT_TEXT = 'The file is not a text file (it looks binary): upload the syllabus as a markdown (.md) file.';

/** Refuses a file larger than a syllabus may be, before anyone reads it. */
export function assertSyllabusSize(bytes: number): void {
  if (bytes > SYLLABUS_MAX_BYTES) throw tooLarge(bytes);
}

/** Bytes of an uploaded or local file → its text, refusing large, binary and non-UTF-8 files. */
export function decodeSyllabusFile(bytes: Uint8Array): string {
  assertSyllabusSize(bytes.byteLength);
  if (bytes.includes(0)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', NOT_TEXT);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The file is not UTF-8 text: save the syllabus as UTF-8 markdown and try again.');
  }
}

/** The text to parse: checked, without a byte-order mark, with "\\n" line endings. */
export function checkText(text: string): string {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > SYLLABUS_MAX_BYTES) throw tooLarge(bytes);
  const controls = text.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0;
  if (text.includes('\u0000') || controls > Math.max(2, text.length / 100)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', NOT_TEXT);
  }
  const normalized = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  if (normalized.trim() === '') throw new AppError('BAD_REQUEST', 'The file is empty.');
  // Before the markdown parser sees it: nesting and runs of marks it would take seconds over.
  const hazard = findMarkdownHazard(normalized);
  if (hazard) {
    throw new AppError('BAD_REQUEST', `${hazard.message} Simplify the text there, then import again.`, [
      { path: 'markdown', message: hazard.message },
    ]);
  }
  const start = normalized.trimStart();
  if (/^<(?:!doctype\s+html|html)\b/i.test(start)) {
    throw new AppError('BAD_REQUEST', 'The file is an HTML page, not markdown: export the syllabus as markdown (.md).');
  }
  if (/^[[{]/.test(start)) {
    try {
      JSON.parse(normalized);
      throw new AppError('BAD_REQUEST', 'The file is JSON, not markdown: upload the syllabus as a markdown (.md) file.');
    } catch (error) {
      if (error instanceof AppError) throw error;
    }
  }
  return normalized;
}
