import { describe, expect, it } from 'vitest';
import { canonicalSyllabus, exportSyllabusMarkdown } from '@/server/services/syllabus/export-syllabus';
import { parseSyllabusMarkdown } from '@/server/services/syllabus/parse-syllabus';
import type { SyllabusCurriculum, SyllabusItem, SyllabusSection, SyllabusWeek } from '@/lib/syllabus/types';
import { fixturesDir, hasSharedSyllabi, markdownFiles, readSyllabus, sharedSyllabiDir } from './syllabus-helpers';

function expectRoundTrip(text: string) {
  const first = parseSyllabusMarkdown(text);
  const markdown = exportSyllabusMarkdown(first.curriculum);
  const second = parseSyllabusMarkdown(markdown);
  expect(second.curriculum).toEqual(first.curriculum);
  // Exporting what was read back writes the same markdown again.
  expect(exportSyllabusMarkdown(second.curriculum)).toBe(markdown);
  return { first, markdown, second };
}

describe.skipIf(!hasSharedSyllabi)('import → export → import on the real syllabi', () => {
  it.each(markdownFiles(sharedSyllabiDir))('%s reads back the same', (name) => {
    const { second } = expectRoundTrip(readSyllabus(sharedSyllabiDir, name));
    // The exporter writes a table of contents that matches the weeks, so no warning about it.
    expect(second.warnings.filter((warning) => warning.message.includes('table of contents'))).toEqual([]);
  });

  it('writes the diffusion track in its own style', () => {
    const text = readSyllabus(sharedSyllabiDir, 'diffusion-track-seed.md');
    const { markdown } = expectRoundTrip(text);
    expect(markdown).toMatch(/^---\ntitle: Diffusion Fellowship\n---\n\n# AI Safety at UCLA Intro Fellowship: Diffusion Track\n/);
    for (const line of [
      '## Week 1: Preventing an AI-related catastrophe + Scaling Hypothesis',
      'Core Readings (70 mins):',
      '1. [Intelligence Explosion](https://intelligence.org/files/IE-EI.pdf) (20 min)',
      'Core Content: (125 min)',
      'Theoretical Readings (75 min):',
      '1. (if unfamiliar) [3 Blue 1 Brown Neural Networks](https://www.3blue1brown.com/topics/neural-networks), Chapters 1 and 2 (30 min)',
      '1. (Optional) Variational Autoencoder (VAE) Intuition (30+ mins): covers material a little bit ahead; read on if you’d like to dive into the mathematics!',
      '1. [X-Risk Analysis for AI Research](https://arxiv.org/pdf/2206.05862) (Appendix A pg 13-14) (10 min)',
      'Learning Goals:',
      'Theoretical',
    ]) {
      expect(markdown.split('\n')).toContain(line);
    }
    // The table of contents links to the same anchors as the original's.
    const anchors = (source: string) => [...source.matchAll(/\]\((#[^)]+)\)/g)].map((match) => match[1]);
    expect(anchors(markdown)).toEqual(anchors(text));
  });
});

describe('import → export → import on the fixtures', () => {
  it.each(markdownFiles(fixturesDir))('%s reads back the same', (name) => {
    expectRoundTrip(readSyllabus(fixturesDir, name));
  });

  it('writes parts as ## headings over ### weeks', () => {
    const { markdown } = expectRoundTrip(readSyllabus(fixturesDir, 'parts-and-subheadings.md'));
    expect(markdown).toContain('## Part 1: Foundations\n\nThe first part builds the shared vocabulary of the group.\n\n### Week 1: Why alignment?');
    expect(markdown).toContain('### Week 2 and 3: Reward and its problems');
    expect(markdown).toContain('## Final Presentations\n\n### Notes\n\nEach group presents one paper of its choice in ten minutes.');
  });

  it('writes a page without weeks back as a page without weeks', () => {
    const text = readSyllabus(fixturesDir, 'no-weeks.md');
    const { markdown } = expectRoundTrip(text);
    expect(markdown).toBe(text);
  });

  it('escapes text so that a javascript: link stays text', () => {
    const { markdown, second } = expectRoundTrip(readSyllabus(fixturesDir, 'unsafe.md'));
    expect(markdown).toContain('1. \\[Click me]\\(javascript:alert(1)) (10 min)');
    expect(second.curriculum.weeks[0]!.sections[0]!.items[0]!.url).toBeNull();
  });
});

const reading = (title: string, overrides: Partial<SyllabusItem> = {}): SyllabusItem => ({
  kind: 'READING',
  title,
  url: `https://example.org/${encodeURIComponent(title)}`,
  minutes: 10,
  minutesText: null,
  optional: false,
  note: null,
  ...overrides,
});

const section = (title: string, kind: SyllabusSection['kind'], items: SyllabusItem[], overrides: Partial<SyllabusSection> = {}): SyllabusSection => ({
  title,
  kind,
  statedMinutes: null,
  statedText: null,
  group: null,
  items,
  ...overrides,
});

const week = (overrides: Partial<SyllabusWeek>): SyllabusWeek => ({
  index: 1,
  number: 1,
  span: 1,
  label: null,
  title: 'One',
  part: null,
  partNotes: null,
  notes: null,
  sections: [],
  goals: [],
  promptsTitle: null,
  prompts: [],
  ...overrides,
});

describe('curricula edited after import', () => {
  it('writes sections with headings when a paragraph line would not read back as one', () => {
    const curriculum: SyllabusCurriculum = {
      slug: 'edited-syllabus',
      title: 'Edited syllabus',
      description: null,
      notes: null,
      closing: null,
      weeks: [
        week({
          label: 'Week 1',
          sections: [
            // "Discussion" is not a word the importer takes for a section in a paragraph.
            section('Discussion', 'OTHER', [reading('Bring one question')]),
            // An empty section right before another would read back as a group.
            section('Core Readings', 'CORE', []),
            section('Practical', 'PRACTICAL', [reading('Notebook one', { kind: 'NOTEBOOK', url: 'https://example.org/one.ipynb' })]),
          ],
          goals: [{ category: 'GENERAL', text: 'Talk.' }],
        }),
        week({ index: 2, number: 2, label: 'Week 2', title: 'Two', sections: [section('Core Readings', 'CORE', [reading('Plain')])] }),
      ],
    };
    const markdown = exportSyllabusMarkdown(curriculum);
    expect(markdown).toContain('### Discussion\n');
    expect(markdown).toContain('Core Readings:\n\n1. [Plain]'); // week 2 keeps the paragraph style
    expect(parseSyllabusMarkdown(markdown).curriculum).toEqual(canonicalSyllabus(curriculum));
  });

  it('writes minutes from the number when the kept text no longer matches it', () => {
    const curriculum: SyllabusCurriculum = {
      slug: 'minutes',
      title: 'Minutes',
      description: null,
      notes: null,
      closing: null,
      weeks: [
        week({
          label: 'Week 1',
          sections: [
            section('Core Readings', 'CORE', [
              reading('Kept', { minutes: 90, minutesText: '1hr 30 min' }),
              reading('Edited', { minutes: 45, minutesText: '20 min' }),
              reading('Long', { minutes: 135, minutesText: null }),
            ], { statedMinutes: 270, statedText: '< 200 mins' }),
          ],
        }),
      ],
    };
    const markdown = exportSyllabusMarkdown(curriculum);
    expect(markdown).toContain('Core Readings (4h 30 min):');
    expect(markdown).toContain('[Kept](https://example.org/Kept) (1hr 30 min)');
    expect(markdown).toContain('[Edited](https://example.org/Edited) (45 min)');
    expect(markdown).toContain('[Long](https://example.org/Long) (2h 15 min)');
    const reread = parseSyllabusMarkdown(markdown).curriculum.weeks[0]!.sections[0]!;
    expect(reread.items.map((item) => item.minutes)).toEqual([90, 45, 135]);
    expect(reread.statedMinutes).toBe(270);
  });

  it('writes multi-week units and unnumbered units', () => {
    const curriculum: SyllabusCurriculum = {
      slug: 'units',
      title: 'Units',
      description: 'A description',
      notes: 'An introduction.',
      closing: null,
      weeks: [
        week({ number: 2, span: 2, label: null, title: 'Two weeks', sections: [section('Core Readings', 'CORE', [reading('A')])] }),
        week({ index: 2, number: 4, span: 3, label: null, title: 'Three weeks' }),
        week({ index: 3, number: null, label: null, title: 'Wrap-up party', notes: 'Bring snacks.' }),
      ],
    };
    const markdown = exportSyllabusMarkdown(curriculum);
    expect(markdown).toContain('## Week 2 and 3: Two weeks');
    expect(markdown).toContain('## Weeks 4-6: Three weeks');
    expect(markdown).toContain('## Wrap-up party\n\n### Notes\n\nBring snacks.');
    const reread = parseSyllabusMarkdown(markdown).curriculum;
    expect(reread.weeks.map((unit) => [unit.number, unit.span, unit.title, unit.notes])).toEqual([
      [2, 2, 'Two weeks', null],
      [4, 3, 'Three weeks', null],
      [null, 1, 'Wrap-up party', 'Bring snacks.'],
    ]);
    expect(reread.description).toBe('A description');
    expect(reread.notes).toBe('An introduction.');
  });
});
