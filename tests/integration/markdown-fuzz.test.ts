// 1,000 generated hostile markdown documents (tests/support/hostile-markdown.ts) through the
// importer's parser and the notes renderer: every one is either read or refused with an
// AppError, and every note renders to a string. A sample is stored straight in the database
// (past the import limits) and its syllabus page is built. Times are printed, not asserted.
// tests/e2e/hostile-markdown.test.ts sends the same documents to the running app.
import { describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { renderMarkdown } from '@/lib/render-markdown';
import { AppError } from '@/server/errors';
import { loadTemplateSyllabusPage } from '@/server/services/curricula/syllabus-page';
import { parseSyllabusMarkdown } from '@/server/services/syllabus/parse-syllabus';
import { asSystem, createCurriculum } from '../factories';
import { hostileDocuments } from '../support/hostile-markdown';

describe('hostile markdown', () => {
  it('1,000 documents: each is read or refused with a clear error, and every note renders', () => {
    let read = 0;
    let refused = 0;
    let slowestParse = 0;
    let slowestRender = 0;
    for (const [index, doc] of hostileDocuments(1000).entries()) {
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
