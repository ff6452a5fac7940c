// Stage 3, items: one list item or link line → a reading (title, URL, time estimate, whether
// optional, and the rest as a note).
import { parseDuration } from '@/lib/syllabus/durations';
import { collapse, trimEndOf, trimStartOf } from '@/lib/syllabus/syllabus-text';
import type { SyllabusItem } from '@/lib/syllabus/types';
import { textOf, type Token } from './tokens';

const OPTIONAL_MARK = /\(\s*optional\s*\)|\[\s*optional\s*\]/i;
const OPTIONAL_MARKS = new RegExp(OPTIONAL_MARK.source, 'gi');
const LEADING_OPTIONAL = /^\s*optional\s*[:\-–—]\s*/i;

export function parseItem(tokens: Token[]): SyllabusItem {
  const primary = tokens.find((token) => token.type === 'link' && token.importable);
  let optional = false;
  const dropOptional = (text: string) => {
    let result = text;
    if (OPTIONAL_MARK.test(result) || LEADING_OPTIONAL.test(result)) optional = true;
    result = result.replace(OPTIONAL_MARKS, ' ').replace(LEADING_OPTIONAL, '');
    return collapse(result);
  };

  if (primary && primary.type === 'link') {
    const index = tokens.indexOf(primary);
    let prefix = dropOptional(textOf(tokens.slice(0, index)));
    let title = primary.text || primary.importable!;
    // "[Title](https://… (20 min)": the parenthesis never closes, so only the bare URL became
    // a link (GFM autolink). Take the bracketed text as the title.
    const unclosed = /\[([^[\]]+)\]\(\s*$/.exec(prefix);
    if (unclosed && !primary.raw.startsWith('[')) {
      title = collapse(unclosed[1]!);
      prefix = prefix.slice(0, unclosed.index);
    }
    prefix = collapse(prefix);
    let suffix = dropOptional(textOf(tokens.slice(index + 1)));
    // The estimate usually follows the link; "(20 min) [Title](…)" puts it first.
    let duration = takeDuration(suffix, 'last');
    if (duration.minutes !== null) suffix = duration.rest;
    else {
      duration = takeDuration(prefix, 'last');
      if (duration.minutes !== null) prefix = duration.rest;
    }
    prefix = trimEndOf(prefix, ':;,–—-');
    suffix = trimEndOf(trimStartOf(suffix, ',;:–—-'), ',;:');
    const note = [prefix, suffix].filter((part) => part !== '').join(' ');
    return {
      kind: 'READING',
      title,
      url: primary.importable,
      minutes: duration.minutes,
      minutesText: duration.text,
      optional,
      note: note === '' ? null : note,
    };
  }

  // A reading without a link: "Title (30+ mins): what it covers", "Title (a note)".
  const text = dropOptional(textOf(tokens));
  const duration = takeDuration(text, 'first');
  let title = text;
  let note: string | null = null;
  if (duration.minutes !== null) {
    title = trimEndOf(duration.before, ',;:–—-');
    note = trimStartOf(duration.after, ',;:–—-') || null;
  } else {
    const trailing = splitTrailingParenthetical(text);
    if (trailing) {
      title = trailing.title;
      note = trailing.note;
    }
  }
  if (title === '') {
    title = text;
    note = null;
  }
  return { kind: 'READING', title, url: null, minutes: duration.minutes, minutesText: duration.text, optional, note };
}

type TakenDuration = { minutes: number | null; text: string | null; rest: string; before: string; after: string };

/** Finds a time estimate in parentheses (or a bare one at the end) and takes it out. */
function takeDuration(text: string, which: 'first' | 'last'): TakenDuration {
  const groups = [...text.matchAll(/\(([^()]*)\)/g)].filter((match) => parseDuration(match[1]!));
  const match = which === 'first' ? groups[0] : groups.at(-1);
  if (match && match.index !== undefined) {
    const before = text.slice(0, match.index);
    const after = text.slice(match.index + match[0].length);
    return {
      minutes: parseDuration(match[1]!)!.minutes,
      text: collapse(match[1]!),
      rest: collapse(`${before} ${after}`),
      before: collapse(before),
      after: collapse(after),
    };
  }
  const bare = /(^|[\s,;:–—-])((?:~|about\s+)?\d+(?:\.\d+)?\s*\+?\s*(?:h|hrs?|hours?)(?:\s*\d+\s*(?:m|mins?|minutes?))?|(?:~|about\s+)?\d+\s*\+?\s*(?:mins?|minutes?))\.?$/i.exec(
    text,
  );
  if (bare && parseDuration(bare[2]!)) {
    const before = text.slice(0, bare.index + bare[1]!.length);
    return {
      minutes: parseDuration(bare[2]!)!.minutes,
      text: collapse(bare[2]!),
      rest: collapse(before),
      before: collapse(before),
      after: '',
    };
  }
  return { minutes: null, text: null, rest: text, before: text, after: '' };
}

/** A link line outside a list is an item when nothing but qualifiers precede the link. */
export function isStandaloneItem(tokens: Token[]): boolean {
  const index = tokens.findIndex((token) => token.type === 'link' && token.importable);
  if (index < 0) return false;
  const before = tokens
    .slice(0, index)
    .map((token) => (token.type === 'link' ? token.raw : token.type === 'text' ? token.text : ' '))
    .join('');
  const rest = before.replace(/\([^()]*\)|\[[^\]]*\]/g, ' ').replace(/\boptional\b/gi, ' ');
  return /^[\s*_:;,.\-–—]*$/.test(rest);
}

export function unestimated(items: SyllabusItem[]): string {
  const count = items.filter((item) => item.minutes === null).length;
  if (count === 0) return '';
  return count === 1 ? ' (1 item has no time)' : ` (${count} items have no time)`;
}

/**
 * "Title (a note)" → the title and "(a note)": a closing parenthesis at the end (a full stop
 * after it allowed), its opening one (one level of nesting inside), and a space before it.
 * A backwards scan: the regex it replaces was quadratic on many "(" in a row.
 */
export function splitTrailingParenthetical(text: string): { title: string; note: string } | null {
  const end = text.endsWith('.') ? text.length - 1 : text.length;
  if (text[end - 1] !== ')') return null;
  let depth = 0;
  for (let index = end - 1; index >= 0; index--) {
    const char = text[index];
    if (char === ')') depth++;
    else if (char === '(') depth--;
    if (depth > 2) return null;
    if (depth === 0) {
      const before = text.slice(0, index);
      const title = before.trimEnd();
      if (title === '' || title.length === before.length) return null;
      return { title, note: text.slice(index, end) };
    }
  }
  return null;
}
