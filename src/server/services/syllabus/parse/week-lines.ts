// Weeks written as lines rather than headings: "**Week 1:** Ch 1 (30 min), Ch 2 (25 min)" or
// "- Week 2: Foundations — Ch 3, Ch 4". The line's tokens after the week label give the title
// and the readings, named in text (chapters of a book) or linked.
import { collapse, trimEndOf, trimStartOf, type WeekHeading } from '@/lib/syllabus/syllabus-text';
import { textOf, type Token } from './tokens';

export type WeekLine = { heading: WeekHeading; rest: Token[] };

/** The tokens after the first `count` characters of their text (as `textOf` spells it). */
export function tokensAfter(tokens: Token[], count: number): Token[] {
  const out: Token[] = [];
  let left = count;
  for (const token of tokens) {
    if (left <= 0) {
      out.push(token);
      continue;
    }
    const length = token.type === 'text' ? token.text.length : token.type === 'newline' ? 1 : token.raw.length;
    if (token.type === 'text' && length > left) out.push({ ...token, text: token.text.slice(left) });
    left -= length;
  }
  return out;
}

/** The tokens without separators (":", dashes, "|") and spaces at their start. */
function trimLeading(tokens: Token[]): Token[] {
  const out = [...tokens];
  while (out[0]?.type === 'text') {
    const text = trimStartOf(out[0].text, ':：.-–—|');
    if (text !== '') {
      out[0] = { ...out[0], text };
      break;
    }
    out.shift();
  }
  return out;
}

/**
 * The week's title and the tokens that list its readings. "**Week 1: Foundations** — Ch 1, Ch 2"
 * has both; "**Week 1:** Foundations — Ch 1, Ch 2" parts them at the dash; "**Week 1:** Ch 1
 * (30 min), Ch 2" is readings only (a list, a link or a time estimate), and "**Week 1:**
 * Foundations" a title only.
 */
export function splitWeekLine(line: WeekLine): { title: string; readings: Token[] } {
  const rest = trimLeading(line.rest);
  if (line.heading.title !== '') return { title: line.heading.title, readings: rest };
  for (const [index, token] of rest.entries()) {
    if (token.type === 'link') break;
    if (token.type !== 'text') continue;
    const separator = /\s[—–-]\s|:\s/.exec(token.text);
    if (!separator) continue;
    const before = [...rest.slice(0, index), { ...token, text: token.text.slice(0, separator.index) }];
    const after = [{ ...token, text: token.text.slice(separator.index + separator[0].length) }, ...rest.slice(index + 1)];
    return { title: collapse(textOf(before)), readings: after };
  }
  return looksLikeReadings(rest) ? { title: '', readings: rest } : { title: collapse(textOf(rest)), readings: [] };
}

/** A run of readings rather than a title: links, a list (commas) or a time estimate. */
export function looksLikeReadings(tokens: Token[]): boolean {
  const text = collapse(textOf(tokens));
  if (text === '') return false;
  return tokens.some((token) => token.type === 'link') || /[,;]/.test(text) || /\(\s*[\d~<]/.test(text);
}

/** The tokens without the week they name ("Week 3, " in "(Week 3, 60 min)"), and "()" left empty. */
export function withoutWeekMention(tokens: Token[]): Token[] {
  return tokens.map((token) =>
    token.type === 'text'
      ? { ...token, text: token.text.replace(/\b(?:due\s+)?(?:in\s+)?weeks?\s+\d{1,3}\b\s*[,;:]?\s*/i, '').replace(/\(\s*\)/g, '') }
      : token,
  );
}

const hasEstimate = (piece: Token[]) => /\(\s*[~<]?\s*\d[^()]*\)/.test(textOf(piece));

/**
 * "Towards Monosemanticity, sections 1-3 (50 min)": where the readings carry estimates, a
 * piece without one before an estimated piece is part of it, not a reading of its own.
 */
function mergeUnestimated(pieces: Token[][]): Token[][] {
  if (!pieces.some(hasEstimate)) return pieces;
  const out: Token[][] = [];
  let pending: Token[] = [];
  for (const piece of pieces) {
    if (!hasEstimate(piece)) {
      pending = pending.length > 0 ? [...pending, comma(piece[0]), ...piece] : [...piece];
      continue;
    }
    out.push(pending.length > 0 ? [...pending, comma(piece[0]), ...piece] : piece);
    pending = [];
  }
  if (pending.length > 0) out.push(pending);
  return out;
}

function comma(near: Token | undefined): Token {
  return { type: 'text', text: ',', line: near?.line ?? 0 };
}

/** Readings written in a row: split at commas and semicolons outside parentheses. */
export function splitAtCommas(tokens: Token[]): Token[][] {
  const pieces: Token[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (token.type !== 'text') {
      pieces.at(-1)!.push(token);
      continue;
    }
    let start = 0;
    for (let index = 0; index < token.text.length; index++) {
      const char = token.text[index];
      if (char === '(') depth++;
      else if (char === ')') depth = Math.max(0, depth - 1);
      else if ((char === ',' || char === ';') && depth === 0) {
        if (index > start) pieces.at(-1)!.push({ ...token, text: token.text.slice(start, index) });
        pieces.push([]);
        start = index + 1;
      }
    }
    if (start < token.text.length) pieces.at(-1)!.push({ ...token, text: token.text.slice(start) });
  }
  return mergeUnestimated(pieces)
    .map((piece) => {
      const last = piece.at(-1);
      // "…, Ch 2 (25 min)." ends a sentence; the full stop is not part of the reading.
      if (last?.type === 'text') return [...piece.slice(0, -1), { ...last, text: trimEndOf(last.text, '.') }];
      return piece;
    })
    .filter((piece) => collapse(textOf(piece)) !== '');
}
