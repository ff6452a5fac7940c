// The syllabus importer against a real database, and the `fellowship syllabus` commands as a
// user runs them. The harness gives this file a fresh, migrated, empty database.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '@/generated/prisma/client';
import { db } from '@/server/db/client';
import { AppError } from '@/server/errors';
import { exportSyllabusMarkdown } from '@/server/services/syllabus/export-syllabus';
import { importSyllabus, loadCurriculumForExport } from '@/server/services/syllabus/import-syllabus';
import { parseSyllabusMarkdown } from '@/server/services/syllabus/parse-syllabus';
import { createCohort } from '../factories';
import { fixturesDir, hasSharedSyllabi, markdownFiles, projectRoot, readSyllabus, sharedSyllabiDir } from '../unit/syllabus-helpers';
import { runCli } from './run-command';

const diffusionFile = path.join(projectRoot, 'prisma/seed/diffusion-track.md');
const diffusionText = readFileSync(diffusionFile, 'utf8');
const scratch = mkdtempSync(path.join(tmpdir(), 'fellowship-syllabus-'));

async function rowCounts() {
  const [curricula, weeks, sections, items, goals] = await Promise.all([
    db.curriculum.count(),
    db.curriculumWeek.count(),
    db.curriculumSection.count(),
    db.curriculumItem.count(),
    db.learningGoal.count(),
  ]);
  return { curricula, weeks, sections, items, goals };
}

async function expectRejection(promise: Promise<unknown>, code: AppError['code'], message: RegExp) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).message).toMatch(message);
}

/** `db`, except that the transaction's n-th `curriculumWeek.create` fails, as a crash would. */
function failingOnWeek(failAt: number): PrismaClient {
  let calls = 0;
  const wrapTx = (tx: object) =>
    new Proxy(tx, {
      get(target, property) {
        const value = Reflect.get(target, property) as object;
        if (property !== 'curriculumWeek') return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
        return new Proxy(value, {
          get(delegate, method) {
            const original = Reflect.get(delegate, method) as (...args: unknown[]) => unknown;
            if (method !== 'create') return typeof original === 'function' ? original.bind(delegate) : original;
            return (...args: unknown[]) => {
              calls += 1;
              if (calls >= failAt) throw new Error('Simulated failure in the middle of an import');
              return original.apply(delegate, args);
            };
          },
        });
      },
    });
  return new Proxy(db, {
    get(target, property) {
      if (property !== '$transaction') return Reflect.get(target, property);
      return (work: (tx: object) => Promise<unknown>, options: unknown) =>
        (target.$transaction as (run: (tx: object) => Promise<unknown>, options: unknown) => Promise<unknown>)(
          (tx) => work(wrapTx(tx)),
          options,
        );
    },
  });
}

afterAll(() => {
  // The database goes with the harness; the scratch files are ours.
  rmSync(scratch, { recursive: true, force: true });
});

describe('importSyllabus', () => {
  it('writes every week, section, item and goal of a syllabus', async () => {
    const parsed = parseSyllabusMarkdown(diffusionText, { slug: 'diffusion-import' });
    const result = await importSyllabus({ db, user: null }, { syllabus: parsed });
    expect(result).toMatchObject({ slug: 'diffusion-import', outcome: 'created', weeks: 6, sections: 11, items: 22, goals: 20 });
    expect(await rowCounts()).toEqual({ curricula: 1, weeks: 6, sections: 11, items: 22, goals: 20 });

    const stored = await loadCurriculumForExport({ db, user: null }, { slug: 'diffusion-import' });
    expect(stored).toEqual(parsed.curriculum);
    const week2 = await db.curriculumWeek.findFirstOrThrow({
      where: { curriculum: { slug: 'diffusion-import' }, position: 2 },
      include: { sections: { orderBy: { position: 'asc' } } },
    });
    expect(week2.sections.map((section) => [section.title, section.statedMinutes, section.group])).toEqual([
      ['Theoretical Readings', 75, 'Core Content: (125 min)'],
      ['Practical Readings', 50, 'Core Content: (125 min)'],
    ]);
  });

  it('exports what it stored so that it reads back the same', async () => {
    const stored = await loadCurriculumForExport({ db, user: null }, { slug: 'diffusion-import' });
    expect(parseSyllabusMarkdown(exportSyllabusMarkdown(stored)).curriculum).toEqual({ ...stored, slug: expect.any(String) });
  });

  it('refuses a slug that exists, and writes nothing', async () => {
    const before = await rowCounts();
    const parsed = parseSyllabusMarkdown(readSyllabus(fixturesDir, 'no-links.md'));
    await expectRejection(importSyllabus({ db, user: null }, { syllabus: parsed, slug: 'diffusion-import' }), 'CONFLICT', /slug "diffusion-import" already exists/);
    expect(await rowCounts()).toEqual(before);
  });

  it('replaces an existing curriculum in place, keeping the cohorts that run it', async () => {
    const existing = await db.curriculum.findUniqueOrThrow({ where: { slug: 'diffusion-import' } });
    const cohort = await createCohort({ curriculumId: existing.id });
    const parsed = parseSyllabusMarkdown(readSyllabus(fixturesDir, 'no-links.md'));
    const result = await importSyllabus({ db, user: null }, { syllabus: parsed, slug: 'diffusion-import', replace: true });
    expect(result).toMatchObject({ id: existing.id, outcome: 'replaced', weeks: 2, items: 6, goals: 1 });
    expect(await rowCounts()).toEqual({ curricula: 1, weeks: 2, sections: 3, items: 6, goals: 1 });
    expect((await db.cohort.findUniqueOrThrow({ where: { id: cohort.id } })).curriculumId).toBe(existing.id);
    expect(await loadCurriculumForExport({ db, user: null }, { slug: 'diffusion-import' })).toEqual({ ...parsed.curriculum, slug: 'diffusion-import' });
  });

  it('writes nothing when it fails part-way', async () => {
    const before = await rowCounts();
    const parsed = parseSyllabusMarkdown(diffusionText, { slug: 'half-written' });
    await expect(importSyllabus({ db: failingOnWeek(3), user: null }, { syllabus: parsed })).rejects.toThrow('Simulated failure');
    expect(await rowCounts()).toEqual(before);
    expect(await db.curriculum.findUnique({ where: { slug: 'half-written' } })).toBeNull();
  });

  it('leaves the old content alone when a replacement fails part-way', async () => {
    const before = await loadCurriculumForExport({ db, user: null }, { slug: 'diffusion-import' });
    const parsed = parseSyllabusMarkdown(diffusionText);
    await expect(importSyllabus({ db: failingOnWeek(4), user: null }, { syllabus: parsed, slug: 'diffusion-import', replace: true })).rejects.toThrow('Simulated failure');
    expect(await loadCurriculumForExport({ db, user: null }, { slug: 'diffusion-import' })).toEqual(before);
  });

  it('refuses data that did not come from the parser, such as a javascript: URL', async () => {
    const before = await rowCounts();
    const parsed = parseSyllabusMarkdown(readSyllabus(fixturesDir, 'broken-links.md'), { slug: 'tampered' });
    parsed.curriculum.weeks[0]!.sections[0]!.items[0]!.url = 'javascript:alert(1)';
    await expectRejection(importSyllabus({ db, user: null }, { syllabus: parsed }), 'BAD_REQUEST', /weeks\.0\.sections\.0\.items\.0\.url must be an http\(s\) or mailto URL/);
    expect(await rowCounts()).toEqual(before);
  });

  it('stores script and javascript: text from a syllabus as text', async () => {
    await importSyllabus({ db, user: null }, { syllabus: parseSyllabusMarkdown(readSyllabus(fixturesDir, 'unsafe.md'), { slug: 'unsafe' }) });
    const items = await db.curriculumItem.findMany({
      where: { section: { week: { curriculum: { slug: 'unsafe' } } } },
      orderBy: { position: 'asc' },
    });
    expect(items.map((item) => item.url)).toEqual([null, null, null, 'https://example.org/paper.pdf', 'mailto:organisers@example.org']);
    expect(items[0]!.title).toBe('[Click me](javascript:alert(1))');
    const week = await db.curriculumWeek.findFirstOrThrow({ where: { curriculum: { slug: 'unsafe' } } });
    expect(week.notes).toBe("<script>alert('block')</script>");
  });
});

describe.skipIf(!hasSharedSyllabi)('every real syllabus', () => {
  it.each(markdownFiles(sharedSyllabiDir))('%s is stored and read back whole', async (name) => {
    const parsed = parseSyllabusMarkdown(readSyllabus(sharedSyllabiDir, name), { slug: `shared-${name.replace(/\.md$/, '')}` });
    await importSyllabus({ db, user: null }, { syllabus: parsed });
    const stored = await loadCurriculumForExport({ db, user: null }, { slug: parsed.curriculum.slug });
    expect(stored).toEqual(parsed.curriculum);
  });
});

describe('fellowship syllabus', () => {
  it('import --dry-run --json prints what it read and writes nothing', async () => {
    const before = await rowCounts();
    const result = await runCli(['syllabus', 'import', diffusionFile, '--dry-run', '--json', '--slug', 'dry-run']);
    expect(result.code, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.dryRun).toBe(true);
    expect(output.curriculum.slug).toBe('dry-run');
    expect(output.curriculum.weeks).toHaveLength(6);
    expect(output.curriculum.weeks[0]).toMatchObject({
      index: 1,
      title: 'Preventing an AI-related catastrophe + Scaling Hypothesis',
      sections: [
        {
          title: 'Core Readings',
          kind: 'CORE',
          items: [
            { title: 'Intelligence Explosion', url: 'https://intelligence.org/files/IE-EI.pdf', minutes: 20, optional: false, note: null },
            { title: 'Circuits, Distilled', url: 'https://distill.pub/2020/circuits/zoom-in/', minutes: 50, optional: false, note: null },
          ],
        },
      ],
      goals: [{ category: 'GENERAL' }, { category: 'GENERAL' }],
    });
    expect(output.warnings).toEqual([
      { line: 91, message: expect.stringContaining('Week 4') },
      { line: 115, message: expect.stringContaining('Week 5') },
    ]);
    expect(output.coverage.totalLines).toBe(diffusionText.split('\n').length);
    expect(await rowCounts()).toEqual(before);
    expect(await db.curriculum.findUnique({ where: { slug: 'dry-run' } })).toBeNull();
  });

  it('imports, refuses a second import of the slug, replaces with --replace, and exports', async () => {
    const imported = await runCli(['syllabus', 'import', diffusionFile, '--slug', 'cli-diffusion']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('Imported "AI Safety at UCLA Intro Fellowship: Diffusion Track" as cli-diffusion: 6 week(s)');
    expect(imported.stdout).toContain('line 91: Week 4');

    const again = await runCli(['syllabus', 'import', diffusionFile, '--slug', 'cli-diffusion']);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe(
      'fellowship: A curriculum with the slug "cli-diffusion" already exists: choose another slug, or replace it.',
    );

    const replaced = await runCli(['syllabus', 'import', diffusionFile, '--slug', 'cli-diffusion', '--replace', '--json']);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(JSON.parse(replaced.stdout).imported).toMatchObject({ slug: 'cli-diffusion', outcome: 'replaced', items: 22 });

    const exported = await runCli(['syllabus', 'export', 'cli-diffusion']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain('## Week 1: Preventing an AI-related catastrophe + Scaling Hypothesis');
    expect(parseSyllabusMarkdown(exported.stdout, { slug: 'cli-diffusion' }).curriculum).toEqual(
      parseSyllabusMarkdown(diffusionText, { slug: 'cli-diffusion' }).curriculum,
    );

    const out = path.join(scratch, 'exported.md');
    const toFile = await runCli(['syllabus', 'export', 'cli-diffusion', '--out', out]);
    expect(toFile.code, toFile.stderr).toBe(0);
    expect(toFile.stdout.trim()).toBe(`Wrote ${out}.`);
    expect(readFileSync(out, 'utf8')).toBe(`${exported.stdout.replace(/\n$/, '')}\n`);
  });

  it('exits 1 with one line for files that are not syllabi, and writes nothing', async () => {
    const before = await rowCounts();
    const binary = path.join(scratch, 'binary.md');
    writeFileSync(binary, Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x00, 0x8f, 0x00, 0xff]));
    const huge = path.join(scratch, 'huge.md');
    writeFileSync(huge, `# Huge\n\n## Week 1: Big\n\n${'word '.repeat(2_200_000)}`);
    const html = path.join(scratch, 'page.md');
    writeFileSync(html, '<!DOCTYPE html>\n<html><body>Week 1</body></html>\n');

    const cases: [string, RegExp][] = [
      [binary, /not a text file/],
      [huge, /a syllabus may be at most 1\.0 MB/],
      [html, /HTML page, not markdown/],
      [path.join(scratch, 'missing.md'), /missing\.md: no such file/],
    ];
    for (const [file, message] of cases) {
      const result = await runCli(['syllabus', 'import', file]);
      expect(result.code, file).toBe(1);
      expect(result.stderr.trim().split('\n'), file).toHaveLength(1);
      expect(result.stderr, file).toMatch(message);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('exits 1 for an unknown slug on export', async () => {
    const result = await runCli(['syllabus', 'export', 'no-such-curriculum']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('fellowship: No curriculum has the slug "no-such-curriculum".');
  });
});
