// The syllabus pages' data and rules on a real database: who may read a cohort's syllabus,
// which curricula /syllabus/<slug> serves, stored notes rendered without any way to run
// script, and the admins' markdown import (preview, conflicts, replace) and export.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SyllabusDocument } from '@/features/syllabus/syllabus-document';
import { db } from '@/server/db/client';
import { AppError } from '@/server/errors';
import { exportCurriculumMarkdown } from '@/server/services/curricula/export-curriculum';
import { importCurriculumMarkdown, previewCurriculumImport } from '@/server/services/curricula/import-curriculum';
import { listCurriculumTemplates } from '@/server/services/curricula/list-templates';
import { canReadCohortSyllabus } from '@/server/services/curricula/syllabus-access';
import { loadCohortSyllabusPage, loadTemplateSyllabusPage } from '@/server/services/curricula/syllabus-page';
import { parseSyllabusMarkdown } from '@/server/services/syllabus/parse-syllabus';
import { createCohort, createCurriculum, createMembership, createUser } from '../factories';
import { projectRoot } from '../unit/syllabus-helpers';

const diffusionText = readFileSync(path.join(projectRoot, 'prisma/seed/diffusion-track.md'), 'utf8');
const asUser = (user: { id: string; email: string; name: string | null; isAdmin: boolean }) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  isAdmin: user.isAdmin,
});

function renderDocument(curriculum: Parameters<typeof SyllabusDocument>[0]['curriculum'], isAdmin: boolean): string {
  return renderToStaticMarkup(createElement(SyllabusDocument, { curriculum, viewer: { mayEdit: isAdmin } }));
}

/** Every start tag of the HTML, attributes included. */
function startTags(html: string): string[] {
  return [...html.matchAll(/<([a-z][a-z0-9]*)\b[^>]*>/gi)].map((match) => match[0]);
}

describe('who may read a cohort syllabus', () => {
  it('members and admins read a members-only syllabus; anyone else gets nothing', async () => {
    const cohort = await createCohort({ syllabusVisibility: 'MEMBERS' });
    const other = await createCohort({ syllabusVisibility: 'MEMBERS' });
    const member = await createUser();
    await createMembership(cohort.id, 'FELLOW', { userId: member.id });
    const outsider = await createUser();
    await createMembership(other.id, 'FACILITATOR', { userId: outsider.id });
    const admin = await createUser({ isAdmin: true });

    const page = await loadCohortSyllabusPage({ db, user: null }, { cohort: cohort.slug });
    expect(page?.cohort.visibility).toBe('MEMBERS');
    expect(await canReadCohortSyllabus({ db, user: null }, page!.cohort)).toBe(false);
    expect(await canReadCohortSyllabus({ db, user: asUser(outsider) }, page!.cohort)).toBe(false);
    expect(await canReadCohortSyllabus({ db, user: asUser(member) }, page!.cohort)).toBe(true);
    expect(await canReadCohortSyllabus({ db, user: asUser(admin) }, page!.cohort)).toBe(true);
  });

  it('anyone reads a public syllabus, signed in or not', async () => {
    const cohort = await createCohort({ syllabusVisibility: 'PUBLIC' });
    const page = await loadCohortSyllabusPage({ db, user: null }, { cohort: cohort.slug });
    expect(await canReadCohortSyllabus({ db, user: null }, page!.cohort)).toBe(true);
    expect(await canReadCohortSyllabus({ db, user: asUser(await createUser()) }, page!.cohort)).toBe(true);
  });

  it('has no page for a cohort that does not exist', async () => {
    expect(await loadCohortSyllabusPage({ db, user: null }, { cohort: 'no-such-cohort' })).toBeNull();
  });

  it('gives the cohort’s calendar with its copy of the curriculum', async () => {
    const template = await createCurriculum();
    const copy = await createCurriculum({ title: 'Cohort copy', source: { connect: { id: template.id } } });
    const cohort = await createCohort({ curriculumId: copy.id, startDate: new Date('2027-03-01T00:00:00Z'), skippedWeeks: [2] });
    const page = await loadCohortSyllabusPage({ db, user: null }, { cohort: cohort.slug });
    expect(page?.cohort).toMatchObject({ startDate: '2027-03-01', timeZone: 'Europe/London', skippedWeeks: [2] });
    expect(page?.curriculum).toMatchObject({ title: 'Cohort copy', isTemplate: false });
    // Plain JSON, as the data cache keeps it.
    expect(JSON.parse(JSON.stringify(page))).toEqual(page);
  });
});

describe('/syllabus/<slug> serves templates only', () => {
  it('finds a template and not a cohort’s copy', async () => {
    const template = await createCurriculum();
    const copy = await createCurriculum({ source: { connect: { id: template.id } } });
    expect((await loadTemplateSyllabusPage({ db, user: null }, { slug: template.slug }))?.isTemplate).toBe(true);
    expect(await loadTemplateSyllabusPage({ db, user: null }, { slug: copy.slug })).toBeNull();
    expect(await loadTemplateSyllabusPage({ db, user: null }, { slug: 'no-such-curriculum' })).toBeNull();
  });
});

describe('notes on the syllabus page', () => {
  const hostileNote = [
    'Before the meeting <script>alert(1)</script> read this.',
    '',
    '<img src=x onerror="window.__xss = 1">',
    '',
    '[x](javascript:alert(1)) and [y](JavaScript:alert(2)) and [ok](https://example.com/ok)',
    '',
    '<a href="javascript:alert(3)" onclick="alert(4)">click</a>',
  ].join('\n');

  it('renders a stored note with no script, no handler and no javascript: URL', async () => {
    const curriculum = await createCurriculum({ notes: hostileNote });
    const week = await db.curriculumWeek.findFirstOrThrow({ where: { curriculumId: curriculum.id } });
    await db.curriculumWeek.update({ where: { id: week.id }, data: { notes: hostileNote, partNotes: hostileNote, part: 'Part 1: Start' } });
    const section = await db.curriculumSection.findFirstOrThrow({ where: { weekId: week.id } });
    await db.curriculumItem.create({ data: { sectionId: section.id, position: 9, title: 'Bad link', url: 'javascript:alert(5)' } });

    const page = (await loadTemplateSyllabusPage({ db, user: null }, { slug: curriculum.slug }))!;
    for (const html of [page.notesHtml, page.weeks[0]!.notesHtml, page.weeks[0]!.partNotesHtml]) {
      expect(html).not.toBe('');
      const tags = startTags(html);
      expect(tags.filter((tag) => /^<(script|img|iframe|object|embed|style)\b/i.test(tag))).toEqual([]);
      expect(tags.filter((tag) => /\son[a-z]+=/i.test(tag))).toEqual([]);
      // "javascript:" may be seen as text (the raw HTML, kept), never inside a tag.
      expect(tags.join('\n')).not.toMatch(/javascript:/i);
      expect(tags.filter((tag) => tag.startsWith('<a'))).toEqual(['<a href="https://example.com/ok" rel="noopener noreferrer" target="_blank">']);
      // The raw HTML is kept, as text a reader can see.
      expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>');
    }

    // The whole page, as the server renders it.
    const markup = renderDocument(page, true);
    const tags = startTags(markup);
    expect(tags.filter((tag) => /^<script\b/i.test(tag))).toEqual([]);
    expect(tags.filter((tag) => /\son[a-z]+=/i.test(tag))).toEqual([]);
    expect(tags.join('\n')).not.toMatch(/javascript:/i);
    expect(markup).toContain('Bad link');
    expect(markup).toContain('(link unavailable)');
  });

  it('shows admins where a stated total disagrees with the readings, and nobody else', async () => {
    const curriculum = await createCurriculum();
    await db.curriculumSection.updateMany({ where: { week: { curriculumId: curriculum.id } }, data: { statedMinutes: 70, statedText: '70 mins' } });
    const page = (await loadTemplateSyllabusPage({ db, user: null }, { slug: curriculum.slug }))!;
    const asAdmin = renderDocument(page, true);
    const asReader = renderDocument(page, false);
    expect(asAdmin).toContain('The syllabus states 70 mins, but the readings add up to 30 min.');
    expect(asReader).not.toContain('The syllabus states');
    expect(asReader).toContain('stated: 70 mins');
  });
});

describe('markdown import for admins', () => {
  it('previews weeks, readings, warnings with line numbers and kept text, writing nothing', async () => {
    const before = await db.curriculum.count();
    const preview = await previewCurriculumImport({ db, user: null }, { markdown: diffusionText, slug: 'diffusion-preview' });
    expect(preview.slug).toBe('diffusion-preview');
    expect(preview.counts.weeks).toBe(6);
    expect(preview.counts.items).toBeGreaterThan(20);
    expect(preview.conflict).toBeNull();
    for (const warning of preview.warnings) expect(warning.line).toBeGreaterThan(0);
    for (const kept of preview.kept) expect(kept.text.trim()).not.toBe('');
    expect(preview.coverage.totalLines).toBe(diffusionText.replace(/\r\n?/g, '\n').split('\n').length);
    expect(await db.curriculum.count()).toBe(before);
  });

  it('explains a slug that is taken, refuses it without "replace", and replaces with it', async () => {
    const markdown = '# Replacement\n\n## Week 1: New\n\nCore Readings (10 min):\n\n1. [New](https://example.com/new) (10 min)\n';
    const template = await createCurriculum({ title: 'Old title' });
    const cohort = await createCohort({ curriculumId: template.id, name: 'Spring 2027' });

    const preview = await previewCurriculumImport({ db, user: null }, { markdown, slug: template.slug });
    expect(preview.conflict).toMatchObject({ slug: template.slug, title: 'Old title', replaceable: true, cohorts: ['Spring 2027'] });
    expect(preview.conflict?.message).toMatch(/already has the slug/);

    await expect(importCurriculumMarkdown({ db, user: null }, { markdown, slug: template.slug, replace: false })).rejects.toMatchObject({ code: 'CONFLICT' });
    const result = await importCurriculumMarkdown({ db, user: null }, { markdown, slug: template.slug, replace: true });
    expect(result).toMatchObject({ outcome: 'replaced', weeks: 1, items: 1 });
    const stored = await db.curriculum.findUniqueOrThrow({ where: { slug: template.slug }, select: { title: true, version: true, cohorts: { select: { id: true } } } });
    expect(stored).toEqual({ title: 'Replacement', version: 2, cohorts: [{ id: cohort.id }] });
  });

  it('never replaces a cohort’s own copy', async () => {
    const template = await createCurriculum();
    const copy = await createCurriculum({ source: { connect: { id: template.id } } });
    await createCohort({ curriculumId: copy.id, name: 'Fall 2027' });
    const markdown = '# X\n\n## Week 1: Y\n\n1. [Z](https://example.com/z) (5 min)\n';
    const preview = await previewCurriculumImport({ db, user: null }, { markdown, slug: copy.slug });
    expect(preview.conflict).toMatchObject({ replaceable: false });
    const error = await importCurriculumMarkdown({ db, user: null }, { markdown, slug: copy.slug, replace: true }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CONFLICT');
  });

  it('refuses what is not a syllabus with a clear message', async () => {
    await expect(previewCurriculumImport({ db, user: null }, { markdown: '<!doctype html><html></html>' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(previewCurriculumImport({ db, user: null }, { markdown: '{"a": 1}' })).rejects.toMatchObject({ message: /JSON, not markdown/ });
  });

  it('lists templates with their weeks and the cohorts that run them, copies included', async () => {
    const template = await createCurriculum({ title: 'Listed track' });
    const copy = await createCurriculum({ source: { connect: { id: template.id } } });
    await createCohort({ curriculumId: copy.id, name: 'Copy cohort' });
    await createCohort({ curriculumId: template.id, name: 'Direct cohort' });
    const rows = await listCurriculumTemplates({ db, user: null });
    const row = rows.find((candidate) => candidate.slug === template.slug);
    expect(row).toMatchObject({ title: 'Listed track', weekCount: 1, readingCount: 2 });
    expect(row?.cohorts.map((cohort) => cohort.name).sort()).toEqual(['Copy cohort', 'Direct cohort']);
    expect(rows.some((candidate) => candidate.slug === copy.slug)).toBe(false);
  });

  it('exports what it imported: import → export → import gives the same curriculum', async () => {
    await importCurriculumMarkdown({ db, user: null }, { markdown: diffusionText, slug: 'diffusion-round-trip', replace: false });
    const exported = await exportCurriculumMarkdown({ db, user: null }, { slug: 'diffusion-round-trip' });
    const again = parseSyllabusMarkdown(exported, { slug: 'diffusion-round-trip' }).curriculum;
    const first = parseSyllabusMarkdown(diffusionText, { slug: 'diffusion-round-trip' }).curriculum;
    expect(again.weeks.map((week) => week.sections.flatMap((section) => section.items.map((item) => [item.title, item.url, item.minutes])))).toEqual(
      first.weeks.map((week) => week.sections.flatMap((section) => section.items.map((item) => [item.title, item.url, item.minutes]))),
    );
  });
});
