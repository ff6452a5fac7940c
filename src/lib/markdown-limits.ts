// What markdown is too costly to parse. The markdown parser (micromark) recurses once per level
// of nesting (3,000 levels of ">" overflowed the stack) and resolves emphasis and link openers
// in time that grows with the square of their number within one paragraph (180 KB of "[a]("
// took 10 s). Real syllabi stay far below these limits; a file past them is refused at import
// with the line named, and stored text past them is shown as plain text instead of parsed.
// One linear pass, no regular expressions on the text: it cannot be made slow itself.

export const MARKDOWN_LIMITS = {
  /** Quotes and list levels inside one another. */
  maxNesting: 16,
  /** Emphasis and code delimiters (* _ ~ `) in one paragraph. */
  maxDelimitersPerBlock: 1_000,
  /** Link and image openers ([) in one paragraph. */
  maxBracketsPerBlock: 1_000,
  /** Table cell separators (|) in one table. */
  maxPipesPerBlock: 2_000,
  /**
   * Headings and list items in one text. Parsing time grows faster than their number (micromark
   * took 2.7 s for 8,000); real syllabi have under 100.
   */
  maxBlockStarts: 2_000,
  /** Characters in one stored note (a week's, a part's, a curriculum's introduction). */
  maxNoteChars: 20_000,
} as const;

export type MarkdownHazard = { line: number; message: string };

const isListMarkerAt = (line: string, index: number): number => {
  // "-", "*", "+" or "1." / "1)" followed by a space: the marker's length, else 0.
  const char = line[index];
  if ((char === '-' || char === '*' || char === '+') && (line[index + 1] === ' ' || line[index + 1] === '\t')) return 2;
  let end = index;
  while (end < line.length && end - index < 9 && line.charCodeAt(end) >= 48 && line.charCodeAt(end) <= 57) end++;
  if (end > index && (line[end] === '.' || line[end] === ')') && (line[end + 1] === ' ' || line[end + 1] === '\t')) return end - index + 2;
  return 0;
};

/** How deeply a line's content sits in quotes and lists: ">", list markers, and list indentation. */
function nestingOf(line: string): { depth: number; contentStart: number } {
  let depth = 0;
  let index = 0;
  let indent = 0;
  for (;;) {
    while (line[index] === ' ' || line[index] === '\t') {
      indent += line[index] === '\t' ? 4 : 1;
      index++;
    }
    if (line[index] === '>') {
      depth++;
      index++;
      indent = 0;
      continue;
    }
    const marker = isListMarkerAt(line, index);
    if (marker > 0) {
      // A list item indented under another counts for each level it is indented.
      depth += 1 + Math.floor(indent / 2);
      index += marker;
      indent = 0;
      continue;
    }
    return { depth, contentStart: index };
  }
}

/** A code fence's opening marks (``` or ~~~ or longer), or null. Backtick fences may not have a backtick after them (CommonMark): that is inline code. */
function opensFence(content: string): string | null {
  const mark = content[0];
  if (mark !== '`' && mark !== '~') return null;
  let length = 0;
  while (content[length] === mark) length++;
  if (length < 3) return null;
  if (mark === '`' && content.indexOf('`', length) !== -1) return null;
  return mark.repeat(length);
}

/** Whether the line closes the fence: the same mark, at least as many, nothing else but spaces. */
function closesFence(content: string, fence: string): boolean {
  const trimmed = content.trimEnd();
  if (trimmed.length < fence.length) return false;
  for (let index = 0; index < trimmed.length; index++) if (trimmed[index] !== fence[0]) return false;
  return true;
}

const plural = (count: number, one: string, many: string) => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/**
 * The first place where this markdown is too costly to parse, with its 1-based line number
 * (`firstLine` is added, for text that starts inside a larger file), or null.
 */
export function findMarkdownHazard(markdown: string, firstLine = 1, limits = MARKDOWN_LIMITS): MarkdownHazard | null {
  /** The open code fence (its marks, e.g. "````"), inside which nothing is parsed. */
  let fence: string | null = null;
  let blockStart = firstLine;
  let delimiters = 0;
  let brackets = 0;
  let pipes = 0;
  let blockStarts = 0;
  let lineNumber = firstLine - 1;
  let start = 0;
  while (start <= markdown.length) {
    let end = markdown.indexOf('\n', start);
    if (end === -1) end = markdown.length;
    const line = markdown.slice(start, end);
    start = end + 1;
    lineNumber++;

    const { depth, contentStart } = nestingOf(line);
    const content = line.slice(contentStart);
    if (fence !== null) {
      if (closesFence(content, fence)) fence = null;
      continue;
    }
    const opened = opensFence(content);
    if (opened !== null) {
      fence = opened;
      continue;
    }
    if (depth > limits.maxNesting) {
      return { line: lineNumber, message: `Line ${lineNumber} nests quotes or lists ${depth} levels deep; at most ${limits.maxNesting} are allowed.` };
    }
    if (content.trim() === '') {
      blockStart = lineNumber + 1;
      delimiters = brackets = pipes = 0;
      continue;
    }
    // A heading or a list item starts new inline content: the marks before it are another paragraph's.
    if (contentStart > 0 && depth > 0 && line.trimStart()[0] !== '>') {
      blockStart = lineNumber;
      delimiters = brackets = pipes = 0;
    }
    if (content[0] === '#' || (depth > 0 && line.trimStart()[0] !== '>')) {
      if (content[0] === '#') {
        blockStart = lineNumber;
        delimiters = brackets = pipes = 0;
      }
      blockStarts++;
      if (blockStarts > limits.maxBlockStarts) {
        return {
          line: lineNumber,
          message: `At line ${lineNumber} the text passes ${limits.maxBlockStarts.toLocaleString('en-US')} headings and list items, the most allowed. Split it into smaller files.`,
        };
      }
    }
    for (let index = 0; index < content.length; index++) {
      const char = content[index];
      if (char === '*' || char === '_' || char === '~' || char === '`') delimiters++;
      else if (char === '[') brackets++;
      else if (char === '|') pipes++;
    }
    if (delimiters > limits.maxDelimitersPerBlock) {
      return { line: blockStart, message: `The paragraph at line ${blockStart} has ${plural(delimiters, 'emphasis mark', 'emphasis marks')} (* _ ~ \`); at most ${limits.maxDelimitersPerBlock.toLocaleString('en-US')} are allowed in one paragraph.` };
    }
    if (brackets > limits.maxBracketsPerBlock) {
      return { line: blockStart, message: `The paragraph at line ${blockStart} opens ${plural(brackets, 'bracket', 'brackets')} ([); at most ${limits.maxBracketsPerBlock.toLocaleString('en-US')} are allowed in one paragraph.` };
    }
    if (pipes > limits.maxPipesPerBlock) {
      return { line: blockStart, message: `The table at line ${blockStart} has ${plural(pipes, 'cell border', 'cell borders')} (|); at most ${limits.maxPipesPerBlock.toLocaleString('en-US')} are allowed in one table.` };
    }
  }
  return null;
}
