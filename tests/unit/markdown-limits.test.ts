// Markdown that could hang or crash the server: refused at import with the line named, shown
// as plain text when stored anyway, and no regular expression in the parser that is quadratic
// on its input (each proved here on 100,000-character inputs: the results are asserted, the
// times only printed).
import { describe, expect, it } from 'vitest';
import { findMarkdownHazard, MARKDOWN_LIMITS } from '@/lib/markdown-limits';
import { plainTextHtml, renderMarkdown } from '@/lib/render-markdown';
import { parseSectionHeading, trimEndOf, trimStartOf } from '@/lib/syllabus/syllabus-text';
import { AppError } from '@/server/errors';
import { splitTrailingParenthetical } from '@/server/services/syllabus/parse/items';
import { parseSyllabusMarkdown } from '@/server/services/syllabus/parse-syllabus';

const PLAIN = '<p class="whitespace-pre-wrap">';

function timed<T>(what: string, work: () => T): T {
  const started = performance.now();
  const result = work();
  console.log(`${what}: ${(performance.now() - started).toFixed(1)} ms`);
  return result;
}

function importError(markdown: string): AppError {
  try {
    parseSyllabusMarkdown(markdown);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the import to be refused');
}

const syllabus = (notes: string) => `# Hostile track\n\n## Week 1: Start\n\n${notes}\n\nCore Readings:\n\n1. [A](https://example.com/a) (10 min)\n`;

describe('rendering stored notes that are too costly to parse', () => {
  it('shows 3,000 nested quotes as plain text instead of overflowing the stack', () => {
    const html = timed('3,000 nested >', () => renderMarkdown(`${'>'.repeat(3000)} deep`));
    expect(html.startsWith(PLAIN)).toBe(true);
    expect(html).toContain('&gt;&gt;&gt;');
  });

  it('shows 100,000 characters of "[a](" and 500-deep lists as plain text, quickly', () => {
    expect(timed('100k of [a](', () => renderMarkdown('[a]('.repeat(25_000))).startsWith(PLAIN)).toBe(true);
    const lists = Array.from({ length: 500 }, (_, depth) => `${'  '.repeat(depth)}- level ${depth}`).join('\n');
    expect(timed('500-deep list', () => renderMarkdown(lists)).startsWith(PLAIN)).toBe(true);
    expect(timed('100k of emphasis', () => renderMarkdown('*_'.repeat(50_000))).startsWith(PLAIN)).toBe(true);
  });

  it('still renders ordinary notes as markdown', () => {
    const html = renderMarkdown('Read **this** first, then [the paper](https://example.com).\n\n> A quote\n\n- one\n  - two');
    expect(html).toContain('<strong>this</strong>');
    expect(html).toContain('<blockquote>');
    expect(html).not.toContain(PLAIN);
  });

  it('escapes the plain-text form', () => {
    expect(plainTextHtml('<script>alert(1)</script>\n\n"a" & \'b\'')).toBe(
      `${PLAIN}&lt;script&gt;alert(1)&lt;/script&gt;</p>\n${PLAIN}&quot;a&quot; &amp; &#39;b&#39;</p>`,
    );
  });
});

describe('findMarkdownHazard', () => {
  it('names the line of deep nesting, in quotes and in lists', () => {
    expect(findMarkdownHazard(`ok\n\n${'> '.repeat(17)}x`)).toMatchObject({ line: 3, message: expect.stringMatching(/17 levels deep; at most 16/) });
    const list = Array.from({ length: 20 }, (_, depth) => `${'  '.repeat(depth)}- item`).join('\n');
    expect(findMarkdownHazard(list)?.line).toBe(17);
    expect(findMarkdownHazard(`${'> '.repeat(16)}x`)).toBeNull();
  });

  it('names the paragraph with too many marks, and counts each list item on its own', () => {
    expect(findMarkdownHazard(`intro\n\n${'*a'.repeat(1100)}\nmore`)).toMatchObject({ line: 3, message: expect.stringMatching(/emphasis marks/) });
    expect(findMarkdownHazard(`${'[a]('.repeat(1001)}`)).toMatchObject({ line: 1, message: expect.stringMatching(/1,001 brackets/) });
    // 1,500 list items with a link each: many brackets in all, few in each item.
    expect(findMarkdownHazard(Array.from({ length: 1500 }, (_, i) => `- [R${i}](https://e.org/${i})`).join('\n'))).toBeNull();
  });

  it('ignores code blocks, and refuses a text with too many headings and list items', () => {
    expect(findMarkdownHazard(`\`\`\`\n${'> '.repeat(40)}code\n${'*'.repeat(5000)}\n\`\`\`\nafter`)).toBeNull();
    const items = Array.from({ length: MARKDOWN_LIMITS.maxBlockStarts + 1 }, (_, i) => `- item ${i}`).join('\n');
    expect(findMarkdownHazard(items)).toMatchObject({ line: MARKDOWN_LIMITS.maxBlockStarts + 1 });
  });
});

describe('the importer refuses hostile notes, naming the line', () => {
  it('deep quotes', () => {
    const error = importError(syllabus(`${'>'.repeat(3000)} deep`));
    expect(error.message).toMatch(/^Line 5 nests quotes or lists 3000 levels deep; at most 16 are allowed\. Simplify the text there/);
    expect(error.details).toEqual([{ path: 'markdown', message: expect.stringMatching(/^Line 5/) }]);
  });

  it('180 KB of "[a]("', () => {
    const error = timed('import of 180 KB of [a](', () => importError(syllabus('[a]('.repeat(45_000))));
    expect(error.message).toMatch(/^The paragraph at line 5 opens 45,000 brackets/);
  });

  it('notes longer than a note may be', () => {
    const words = Array.from({ length: 2_500 }, () => 'word word word word word word word word.').join('\n\n');
    const error = importError(syllabus(words));
    expect(error.message).toMatch(/The notes of "Start" \(line 3\) are [\d,]+ characters long; a week's notes may be at most 20,000/);
  });
});

describe('linear text helpers (100,000-character inputs)', () => {
  const dashes = `${'-'.repeat(100_000)}x`;
  const spacedColons = `x${' :'.repeat(50_000)}`;

  it('trims the ends without a quadratic regex', () => {
    expect(timed('trimEndOf, a run that does not reach the end', () => trimEndOf(dashes, ':;,–—-'))).toBe(dashes);
    expect(timed('trimEndOf, a run that does', () => trimEndOf(spacedColons, ':'))).toBe('x');
    expect(timed('trimStartOf', () => trimStartOf(`${',;'.repeat(50_000)}y`, ',;'))).toBe('y');
  });

  it('reads section headings and trailing notes in linear time', () => {
    expect(timed('parseSectionHeading', () => parseSectionHeading(`Core${'-'.repeat(100_000)}x`)).title).toBe(`Core${'-'.repeat(100_000)}x`);
    expect(timed('parseSectionHeading, trailing marks', () => parseSectionHeading(`Core Readings${' -'.repeat(50_000)}:`)).title).toBe('Core Readings');
    expect(timed('splitTrailingParenthetical, many (', () => splitTrailingParenthetical(`a ${'('.repeat(100_000)})`))).toBeNull();
    expect(timed('splitTrailingParenthetical, many ( a', () => splitTrailingParenthetical(` (a`.repeat(33_000)))).toBeNull();
    expect(splitTrailingParenthetical('Title (a note (nested)).')).toEqual({ title: 'Title', note: '(a note (nested))' });
    expect(splitTrailingParenthetical('Title(no space)')).toBeNull();
  });

  it('imports an item line of 100,000 punctuation marks', () => {
    const line = `1. Reading ${',-'.repeat(50_000)} (10 min)`;
    const parsed = timed('import of a 100k-character item', () => parseSyllabusMarkdown(`# T\n\n## Week 1: A\n\nCore Readings:\n\n${line}\n`));
    expect(parsed.curriculum.weeks[0]!.sections[0]!.items[0]!.minutes).toBe(10);
  });
});
