// Hostile markdown against the running app: the 1,000 generated documents of the integration
// fuzz test and a handful of worst cases go through the import preview (tRPC), every 10th one
// that is read is imported and its syllabus page rendered; none answers 5xx, refusals say what
// and where; the page of notes written straight to the database past the limits renders; and
// /api/health, asked every 100 ms meanwhile, always answers (its slowest answer is printed,
// not asserted).
import { describe, expect, it } from 'vitest';
import { hostileDocuments } from '../support/hostile-markdown';
import { baseUrl, demoSessionCookie, sql } from './support';

const HOSTILE = [
  `${'>'.repeat(3000)} deep`,
  '[a]('.repeat(45_000),
  Array.from({ length: 500 }, (_, depth) => `${'  '.repeat(depth)}- level ${depth}`).join('\n'),
  '*_'.repeat(20_000),
  `|${'h|'.repeat(300)}\n|${'-|'.repeat(300)}\n${`|${'c|'.repeat(300)}\n`.repeat(60)}`,
  `${'`'.repeat(3000)}code${'``'.repeat(3000)}`,
  `${'-'.repeat(100_000)}x`,
  Array.from({ length: 3000 }, (_, i) => `## Week ${i + 1}: W\n\n- [r](https://e.org/${i}) (5 min)`).join('\n\n'),
  'Plain notes with **bold** and [a link](https://example.com).',
];

const asSyllabus = (notes: string, index: number) => `# Hostile ${index}\n\n## Week 1: Notes\n\n${notes}\n\nCore Readings:\n\n1. [A](https://example.com/a) (10 min)\n`;

async function call(procedure: string, input: unknown, cookie: string) {
  const response = await fetch(`${baseUrl}/api/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ json: input }),
  });
  return { status: response.status, body: (await response.json()) as { error?: { json?: { message?: string } } } };
}

/** Asks /api/health every 100 ms until stopped; the statuses and the slowest answer. */
function watchHealth() {
  const statuses: number[] = [];
  let slowest = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(`${baseUrl}/api/health`).catch(() => null);
      statuses.push(response?.status ?? 0);
      await response?.arrayBuffer();
      slowest = Math.max(slowest, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { statuses, slowest };
    },
  };
}

describe('hostile markdown against the running app', () => {
  it('imports answer without a 5xx, the pages render, and the server keeps answering', async () => {
    const cookie = await demoSessionCookie('admin');
    const health = watchHealth();
    const outcomes: string[] = [];
    const documents = [
      ...[...HOSTILE, ...HOSTILE.map((notes) => notes.slice(0, 20_000))].map(asSyllabus),
      ...hostileDocuments(1000),
    ];
    let read = 0;
    for (const [index, markdown] of documents.entries()) {
      const preview = await call('curricula.preview', { markdown, slug: `hostile-${index}-${Date.now()}` }, cookie);
      expect(preview.status, `preview ${index}`).toBeLessThan(500);
      if (preview.status !== 200) {
        expect(preview.body.error?.json?.message, `preview ${index}`).toMatch(/line \d+|characters|at most|not markdown|empty|syllabus/i);
        outcomes.push('refused');
        continue;
      }
      // Every 10th document read: imported, and its page rendered.
      if (read++ % 10 !== 0) {
        outcomes.push('read');
        continue;
      }
      const slug = `hostile-${index}-${Date.now()}`;
      const imported = await call('curricula.import', { markdown, slug, replace: false }, cookie);
      expect(imported.status, `import ${index}`).toBe(200);
      const page = await fetch(`${baseUrl}/syllabus/${slug}`);
      expect(page.status, `page ${index}`).toBe(200);
      await page.arrayBuffer();
      outcomes.push('imported');
    }

    // Notes past the limits, written straight to the database before the page was ever rendered:
    // the page shows them as text.
    const storedSlug = `hostile-stored-${Date.now()}`;
    expect((await call('curricula.import', { markdown: asSyllabus('Plain notes.', 99), slug: storedSlug, replace: false }, cookie)).status).toBe(200);
    await sql(`UPDATE "Curriculum" SET notes = $1 WHERE slug = $2`, [HOSTILE[0], storedSlug]);
    await sql(`UPDATE "CurriculumWeek" SET notes = $1 WHERE "curriculumId" = (SELECT id FROM "Curriculum" WHERE slug = $2)`, [HOSTILE[1], storedSlug]);
    const stored = await fetch(`${baseUrl}/syllabus/${storedSlug}`);
    expect(stored.status).toBe(200);
    const html = await stored.text();
    expect(html).toContain('whitespace-pre-wrap');
    expect(html).toContain('[a]([a]([a](');

    const { statuses, slowest } = await health.stop();
    const count = (outcome: string) => outcomes.filter((entry) => entry === outcome).length;
    console.log(`${documents.length} documents: ${count('refused')} refused, ${count('read')} read, ${count('imported')} imported with their pages; /api/health: ${statuses.length} answers, slowest ${slowest.toFixed(0)} ms`);
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set([200]));
  }, 900_000);
});
