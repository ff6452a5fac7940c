// Reads a roster CSV (name, email, role, group) into rows, each with its line number and the
// problems that can be seen without the database. Header names are matched case-insensitively
// and trimmed; columns it does not know are reported and left alone.
import { parse } from 'csv-parse/sync';
import { isEmailAddress, normalizeEmail } from '@/lib/email-list';
import { AppError } from '@/server/errors';

import { ROSTER_MAX_BYTES } from '@/lib/schemas/roster';
import { toSingleLine } from '@/lib/schemas/text';

export { ROSTER_MAX_BYTES };
export const ROSTER_MAX_ROWS = 5000;

export type RosterColumn = 'name' | 'email' | 'role' | 'group';

const HEADER_ALIASES: Record<string, RosterColumn> = {
  name: 'name',
  'full name': 'name',
  fullname: 'name',
  email: 'email',
  'e-mail': 'email',
  'email address': 'email',
  'e-mail address': 'email',
  role: 'role',
  group: 'group',
  'group name': 'group',
  'discussion group': 'group',
};

export type RosterRole = 'FELLOW' | 'FACILITATOR';

export type ParsedRosterRow = {
  /** The line of the file the row starts on (the header is line 1 in most files). */
  line: number;
  name: string;
  /** Lower-cased and trimmed. */
  email: string;
  role: RosterRole | null;
  /** The group cell as written, trimmed; "" for none. */
  group: string;
  /** Problems found without the database, in the order a person would fix them. */
  problems: string[];
};

export type RosterDelimiter = ',' | ';' | '\t';

export type ParsedRoster = {
  rows: ParsedRosterRow[];
  /** The separator the file uses: commas, or semicolons and tabs as spreadsheets in many locales export. */
  delimiter: RosterDelimiter;
  /** Header cells that are none of name, email, role, group. */
  ignoredColumns: string[];
};

function normalizeHeader(cell: string): string {
  return cell.trim().toLowerCase().replace(/\s+/g, ' ').replace(/:$/, '');
}

/** Refuses a file too large to be a roster before anything parses it. */
export function assertRosterSize(bytes: number): void {
  if (bytes > ROSTER_MAX_BYTES) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `That file is ${(bytes / 1024 / 1024).toFixed(1)} MB; a roster may be at most 1 MB (${ROSTER_MAX_ROWS} people). Split it into smaller files.`,
    );
  }
}

function parseRole(value: string): RosterRole | null | 'unknown' {
  const role = value.trim().toLowerCase();
  if (role === '' || role === 'fellow') return 'FELLOW';
  if (role === 'facilitator') return 'FACILITATOR';
  return 'unknown';
}

/**
 * The separator of the header line (the first line with any text): whichever of comma,
 * semicolon and tab it holds most of outside quotes; a comma when it holds none (one column).
 */
export function detectDelimiter(text: string): RosterDelimiter {
  const counts: Record<RosterDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  let sawText = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) {
      if (sawText) break;
    } else if (!quoted && (char === ',' || char === ';' || char === '\t')) counts[char]++;
    else if (char.trim() !== '') sawText = true;
  }
  const best = (Object.keys(counts) as RosterDelimiter[]).reduce((a, b) => (counts[b] > counts[a] ? b : a), ',');
  return counts[best] > 0 ? best : ',';
}

export function parseRosterCsv(text: string): ParsedRoster {
  assertRosterSize(Buffer.byteLength(text, 'utf8'));
  const delimiter = detectDelimiter(text);
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      info: true,
      raw: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError('BAD_REQUEST', `This is not a CSV file we can read: ${message}. Export the sheet as CSV and try again.`);
  }
  // Lines with only commas are empty rows of a spreadsheet export, not people.
  const nonEmpty = records.filter((entry) => entry.record.some((cell) => cell !== ''));
  const header = nonEmpty[0];
  if (!header) throw new AppError('BAD_REQUEST', 'The file is empty: it needs a header line (name, email, role, group) and one line per person.');
  if (nonEmpty.length - 1 > ROSTER_MAX_ROWS) {
    throw new AppError('PAYLOAD_TOO_LARGE', `The file lists ${nonEmpty.length - 1} people; import at most ${ROSTER_MAX_ROWS} at a time.`);
  }

  const columns: Partial<Record<RosterColumn, number>> = {};
  const ignoredColumns: string[] = [];
  header.record.forEach((cell, index) => {
    const column = HEADER_ALIASES[normalizeHeader(cell)];
    if (column && columns[column] === undefined) columns[column] = index;
    else if (cell.trim() !== '') ignoredColumns.push(cell.trim());
  });
  if (columns.email === undefined) {
    const found = header.record.filter((cell) => cell.trim() !== '').map((cell) => `"${cell.trim()}"`);
    throw new AppError(
      'BAD_REQUEST',
      `The first line must name the columns, with at least an email column: name, email, role, group. It reads ${found.join(', ') || 'nothing'}.`,
    );
  }

  const cell = (record: string[], column: RosterColumn) => {
    const index = columns[column];
    return index === undefined ? '' : (record[index] ?? '').trim();
  };
  const firstLine = new Map<string, number>();
  const rows = nonEmpty.slice(1).map(({ record, info, raw }): ParsedRosterRow => {
    // csv-parse counts lines to the end of a record; a quoted cell may span several.
    const line = info.lines - (raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0);
    const problems: string[] = [];
    const rawEmail = cell(record, 'email');
    const email = normalizeEmail(rawEmail);
    const name = oneLine(cell(record, 'name'));
    const role = parseRole(cell(record, 'role'));
    if (email === '') problems.push('Email is missing.');
    else if (!isEmailAddress(email)) problems.push(`Not an email address: "${rawEmail}".`);
    else if (firstLine.has(email)) problems.push(`Listed twice: this email is also on line ${firstLine.get(email)}.`);
    else firstLine.set(email, line);
    if (name.length > 200) problems.push('The name is longer than 200 characters.');
    if (role === 'unknown') problems.push(`Unknown role "${cell(record, 'role')}": use fellow or facilitator.`);
    return {
      line,
      name,
      email,
      role: role === 'unknown' ? null : role,
      group: oneLine(cell(record, 'group')),
      problems,
    };
  });
  return { rows, delimiter, ignoredColumns };
}

/** A cell as one line: control characters and runs of spaces become one space (see lib/schemas/text). */
function oneLine(value: string): string {
  return toSingleLine(value).replace(/\s+/g, ' ').trim();
}
