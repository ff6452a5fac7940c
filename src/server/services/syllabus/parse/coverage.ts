// Stage 4, coverage: every non-blank source line is marked with what it became (structured
// data, kept notes, or deliberately ignored) and why, so that nothing is ever dropped silently.
import type { CoverageSpan, SyllabusCoverage } from '@/lib/syllabus/types';
import { endLine, startLine } from './nodes';

export type CoverageAs = CoverageSpan['as'];

export class CoverageTracker {
  private readonly status: ({ as: CoverageAs; reason: string } | null)[];

  constructor(private readonly lines: string[]) {
    this.status = new Array<null>(lines.length + 1).fill(null);
  }

  mark(node: { position?: { start: { line: number }; end: { line: number } } }, as: CoverageAs, reason: string): void {
    this.markRange(startLine(node), endLine(node), as, reason);
  }

  markRange(from: number, to: number, as: CoverageAs, reason: string): void {
    for (let line = from; line <= to; line++) {
      if ((this.lines[line - 1] ?? '').trim() !== '') this.status[line] = { as, reason };
    }
  }

  setReason(line: number, reason: string, as?: CoverageAs): void {
    const status = this.status[line];
    if (status) this.status[line] = { as: as ?? status.as, reason };
  }

  /** Changes the reason of a line only where it is `from` now. */
  setReasonIf(line: number, from: string, reason: string, as?: CoverageAs): void {
    const status = this.status[line];
    if (status && status.reason === from) this.status[line] = { as: as ?? status.as, reason };
  }

  /** What every line became, as spans of equal lines and counts. */
  summary(): SyllabusCoverage {
    const spans: CoverageSpan[] = [];
    const counts = { blank: 0, structured: 0, kept: 0, ignored: 0 };
    for (let line = 1; line <= this.lines.length; line++) {
      const status = this.status[line];
      if ((this.lines[line - 1] ?? '').trim() === '') {
        counts.blank += 1;
        continue;
      }
      if (!status) continue;
      counts[status.as] += 1;
      const last = spans.at(-1);
      if (last && last.to === line - 1 && last.as === status.as && last.reason === status.reason) last.to = line;
      else spans.push({ from: line, to: line, as: status.as, reason: status.reason });
    }
    return {
      totalLines: this.lines.length,
      blankLines: counts.blank,
      structuredLines: counts.structured,
      keptLines: counts.kept,
      ignoredLines: counts.ignored,
      spans,
    };
  }
}

/**
 * Line numbers (from 1) of non-blank source lines that the parse did not account for as
 * structured data, kept notes, or deliberately ignored lines. Empty means nothing was dropped.
 */
export function findDroppedLines(text: string, coverage: SyllabusCoverage): number[] {
  const lines = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n').split('\n');
  const covered = new Set<number>();
  for (const span of coverage.spans) for (let line = span.from; line <= span.to; line++) covered.add(line);
  const dropped: number[] = [];
  lines.forEach((line, index) => {
    if (line.trim() !== '' && !covered.has(index + 1)) dropped.push(index + 1);
  });
  return dropped;
}
