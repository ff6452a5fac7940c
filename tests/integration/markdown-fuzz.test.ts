// 1,000 generated hostile markdown documents (deep quotes and lists, long runs of link openers,
// pathological emphasis, huge tables, long lines, raw HTML) through the importer's parser and
// the notes renderer: every one is either read or refused with an AppError, and every note
// renders to a string. A sample is stored straight in the database (past the import limits)
// and its syllabus page is built. Seeded, so a failure repeats; times are printed, not asserted.
import { describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { renderMarkdown } from '@/lib/render-markdown';
import { AppError } from '@/server/errors';
import { loadTemplateSyllabusPage } from '@/server/services/curricula/syllabus-page';
import { parseSyllabusMarkdown } from '@/server/services/syllabus/parse-syllabus';
import { asSystem, createCurriculum } from '../factories';

/** mulberry32: a small seeded generator, so every run builds the same documents. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** Mostly small, sometimes up to `max`: sizes spread over orders of magnitude. */
  const size = (max: number) => Math.max(1, Math.floor(Math.exp(next() * Math.log(max))));
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return { next, size, pick };
}

const random = seeded(20261203);

const BLOCKS: ((n: (max: number) => number) => string)[] = [
  (n) => `${'>'.repeat(n(5000))} deep quote`,
  (n) => `${'> '.repeat(n(400))}spaced quote`,
  (n) => Array.from({ length: n(600) }, (_, depth) => `${'  '.repeat(depth)}- level ${depth}`).join('\n'),
  (n) => Array.from({ length: n(300) }, (_, depth) => `${'   '.repeat(depth)}1. numbered ${depth}`).join('\n'),
  (n) => '[a]('.repeat(n(25_000)),
  (n) => '['.repeat(n(20_000)),
  (n) => '![x]('.repeat(n(10_000)),
  (n) => random.pick(['*', '_', '**', '*a', '_a_', '~~', '*_', '**a*']).repeat(n(20_000)),
  (n) => '`'.repeat(n(10_000)) + 'code' + '``'.repeat(n(5_000)),
  (n) => {
    const columns = n(300);
    const rows = Math.min(n(200), Math.floor(60_000 / (columns * 2 + 2)) + 1);
    return [`|${'h|'.repeat(columns)}`, `|${'-|'.repeat(columns)}`, ...Array.from({ length: rows }, () => `|${'c|'.repeat(columns)}`)].join('\n');
  },
  (n) => 'x'.repeat(n(100_000)),
  (n) => 'word '.repeat(n(20_000)),
  (n) => '<div>'.repeat(n(10_000)) + '<script>alert(1)</script>',
  (n) => '&#x'.repeat(n(10_000)) + '&amp;'.repeat(n(1000)),
  (n) => '('.repeat(n(20_000)) + ')'.repeat(n(20_000)),
  (n) => 'www.example.com/'.repeat(n(5000)),
  (n) => `${'-'.repeat(n(50_000))}x`,
  (n) => Array.from({ length: n(3000) }, (_, i) => `## Week ${i + 1}: W\n\nCore Readings:\n\n- [r](https://e.org/${i}) (5 min)`).join('\n\n'),
  (n) => `\`\`\`\n${'>'.repeat(n(3000))}\n\`\`\``,
  (n) => '\\'.repeat(n(20_000)),
  () => 'Ordinary notes: read **this** first, then [the paper](https://example.com/p).',
];

function hostileDocument(): string {
  const parts = Array.from({ length: 1 + Math.floor(random.next() * 4) }, () => random.pick(BLOCKS)(random.size));
  const body = parts.join(random.pick(['\n\n', '\n', ' ']));
  // Half inside a syllabus's skeleton (the notes of a week), half as a bare document.
  return random.next() < 0.5 ? `# Fuzz track\n\n## Week 1: Notes\n\n${body}\n\nCore Readings:\n\n1. [A](https://example.com/a) (10 min)\n` : body;
}

describe('hostile markdown', () => {
  it('1,000 documents: each is read or refused with a clear error, and every note renders', () => {
    let read = 0;
    let refused = 0;
    let slowestParse = 0;
    let slowestRender = 0;
    for (let index = 0; index < 1000; index++) {
      const doc = hostileDocument();
      let started = performance.now();
      try {
        parseSyllabusMarkdown(doc);
        read++;
      } catch (error) {
        expect(error, `document ${index} (${doc.length} characters, starting ${JSON.stringify(doc.slice(0, 60))})`).toBeInstanceOf(AppError);
        expect((error as AppError).message.length).toBeGreaterThan(10);
        refused++;
      }
      slowestParse = Math.max(slowestParse, performance.now() - started);
      started = performance.now();
      const html = renderMarkdown(doc);
      expect(typeof html).toBe('string');
      expect(html).not.toMatch(/<script/i);
      slowestRender = Math.max(slowestRender, performance.now() - started);
    }
    console.log(`1,000 documents: ${read} read, ${refused} refused; slowest parse ${slowestParse.toFixed(0)} ms, slowest render ${slowestRender.toFixed(0)} ms`);
    expect(read + refused).toBe(1000);
    expect(read).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  }, 180_000);

  it('builds the syllabus page of notes stored past the limits (written straight to the database)', async () => {
    const notes = [`${'>'.repeat(3000)} deep`, '[a]('.repeat(45_000), '*_'.repeat(30_000), Array.from({ length: 500 }, (_, d) => `${'  '.repeat(d)}- x`).join('\n')];
    const curriculum = await createCurriculum({ notes: notes[0] });
    const week = await db.curriculumWeek.findFirstOrThrow({ where: { curriculumId: curriculum.id } });
    await db.curriculumWeek.update({ where: { id: week.id }, data: { notes: notes.slice(1).join('\n\n'), partNotes: notes[2], part: 'Part one' } });
    const started = performance.now();
    const page = await loadTemplateSyllabusPage(asSystem(), { slug: curriculum.slug });
    console.log(`syllabus page with hostile notes: ${(performance.now() - started).toFixed(0)} ms`);
    expect(page).not.toBeNull();
    expect(JSON.stringify(page)).toContain('whitespace-pre-wrap');
  });
});
