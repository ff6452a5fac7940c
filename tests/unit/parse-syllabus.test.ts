import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffusionTrack } from '../../prisma/seed/diffusion-track';
import { AppError } from '@/server/errors';
import { parseDuration } from '@/lib/syllabus/durations';
import {
  decodeSyllabusFile,
  parseSyllabusMarkdown,
  SYLLABUS_MAX_BYTES,
} from '@/server/services/syllabus/parse-syllabus';
import type { ParsedSyllabus, SyllabusItem } from '@/lib/syllabus/types';
import {
  countItemLinks,
  countWeekHeadings,
  expectNothingDropped,
  fixturesDir,
  hasSharedSyllabi,
  projectRoot,
  readSyllabus,
  sharedSyllabiDir,
} from './syllabus-helpers';

function items(parsed: ParsedSyllabus): SyllabusItem[] {
  return parsed.curriculum.weeks.flatMap((week) => week.sections.flatMap((section) => section.items));
}

function item(parsed: ParsedSyllabus, title: string): SyllabusItem {
  const found = items(parsed).filter((candidate) => candidate.title === title);
  expect(found, `one item titled ${title}`).toHaveLength(1);
  return found[0]!;
}

function goals(parsed: ParsedSyllabus) {
  return parsed.curriculum.weeks.flatMap((week) => week.goals);
}

function expectAppError(run: () => unknown, code: AppError['code'], message: RegExp) {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe(code);
  expect((caught as AppError).message).toMatch(message);
}

describe('parseDuration', () => {
  it.each([
    ['20 min', 20],
    ['25 mins', 25],
    ['1hr 30 min', 90],
    ['2h 15min', 135],
    ['2h', 120],
    ['1.5 hours', 90],
    ['1 hour and 30 minutes', 90],
    ['30+ mins', 30],
    ['< 200 mins', 200],
    ['~15 min', 15],
    ['20-30 min', 20],
    ['20m', 20],
  ])('reads %j as %i minutes', (text, minutes) => {
    expect(parseDuration(text)?.minutes).toBe(minutes);
  });

  it.each(['Stage 4', 'Appendix A pg 13-14', '2021', 'if unfamiliar', '', 'Chapters 1 and 2'])('does not read %j as a time', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it('knows which totals are bounds', () => {
    expect(parseDuration('< 200 mins')?.bound).toBe('<');
    expect(parseDuration('30+ mins')?.bound).toBe('>');
    expect(parseDuration('70 mins')?.bound).toBe('=');
  });
});

// Counted by hand from each file; the item-link count is also recounted with a regex below.
const SHARED = {
  'diffusion-track-seed.md': {
    weeks: 6,
    linked: 19,
    unlinked: 3,
    goals: 20,
    minutes: {
      'Intelligence Explosion': 20,
      'Circuits, Distilled': 50,
      'AI and Compute': 5,
      '"This can’t go on"': 25,
      '3 Blue 1 Brown Neural Networks': 30,
      'Variational Autoencoder (VAE) Intuition': 30,
      'Clarifying What Failure Looks Like': 25,
      'Open Problems in AI X-Risk': 60,
      'RL Connect4': null,
    },
  },
  'rl-track.md': {
    weeks: 6,
    linked: 21,
    unlinked: 0,
    goals: 20,
    minutes: {
      'AlphaGo - The Movie': 90,
      'Intelligence Explosion': 20,
      'Neural Networks': 30,
      'Policy Gradient Discrete Exercise': 60,
      'X-Risk Analysis for AI Research (Appendix A pg 13-14)': 10,
      'Clarifying What Failure Looks Like': 25,
      'PPO Notebook': null,
    },
  },
  'technical-track.md': {
    weeks: 6,
    linked: 33,
    unlinked: 0,
    goals: 28,
    minutes: {
      'Preventing an AI-related catastrophe': 120,
      'Implementing Micrograd (Andrej Karpathy’s NN-Zero-to-Hero):': 120,
      'You may need to watch part 1 to understand the MLP task': 75,
      'CS M146 - Generative AI by Prof. Aditya Grover': 50,
      'The Annotated Transformer read through the rest': 100,
      'Implementing GPT-2 through Andrej Karpathy’s NN-Zero-to-Hero': 120,
      'The Transformer by Mohammed Terry-Jack': null,
      'PyTorch Tutorial (PyTorch)': null,
    },
  },
  'transformers-track.md': {
    weeks: 6,
    linked: 33,
    unlinked: 0,
    goals: 28,
    minutes: {
      'Preventing an AI-related catastrophe': 120,
      'The Bigram Model (Andrej Karpathy’s Zero-to-Hero)': 120,
      'Unsolved Problems in ML Safety': 60,
      'Language Modeling with Transformers, read from the Attention until the end': 45,
      'The BERT Paper skim through to understand the architecture of real-world models': 30,
      'Implementing GPT-2 through Andrej Karpathy’s NN-Zero-to-Hero': 120,
      'Review the neural network architecture, forward & backward propagation, and weights & biases (Neural Networks Chapters 1-5, 3Blue1Brown)': null,
    },
  },
} as const;

describe.skipIf(!hasSharedSyllabi)('the real syllabi in ../shared/syllabi', () => {
  describe.each(Object.entries(SHARED))('%s', (name, expected) => {
    const text = hasSharedSyllabi ? readSyllabus(sharedSyllabiDir, name) : '';
    const parsed = () => parseSyllabusMarkdown(text);

    it('finds every week and every linked item the file has', () => {
      const result = parsed();
      expect(result.curriculum.weeks).toHaveLength(expected.weeks);
      expect(countWeekHeadings(text)).toBe(expected.weeks);
      const linked = items(result).filter((candidate) => candidate.url !== null);
      expect(linked).toHaveLength(countItemLinks(text));
      expect(linked).toHaveLength(expected.linked);
      expect(items(result).filter((candidate) => candidate.url === null)).toHaveLength(expected.unlinked);
      expect(goals(result)).toHaveLength(expected.goals);
      expect(result.curriculum.weeks.map((week) => week.number)).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it('reads the minutes of items as written', () => {
      const result = parsed();
      const entries = Object.entries(expected.minutes);
      expect(entries.length).toBeGreaterThanOrEqual(5);
      for (const [title, minutes] of entries) expect(item(result, title).minutes, title).toBe(minutes);
    });

    it('drops no line', () => {
      expectNothingDropped(text, parsed());
    });

    it('takes the title from the H1 and the description from the front matter', () => {
      const result = parsed();
      expect(result.curriculum.title).toMatch(/^AI Safety (at|@) UCLA/);
      expect(result.curriculum.description).toMatch(/Fellowship|Reading Group/);
    });
  });

  it('checks the table of contents against the weeks', () => {
    const rl = parseSyllabusMarkdown(readSyllabus(sharedSyllabiDir, 'rl-track.md'));
    expect(rl.warnings).toContainEqual({
      line: 12,
      message: 'The table of contents calls week 3 "Why AI Safety?", but its heading says "Pytorch Intro + Unsolved Problems in ML Safety".',
    });
  });

  it('compares stated section totals with the sum of the items', () => {
    const technical = parseSyllabusMarkdown(readSyllabus(sharedSyllabiDir, 'technical-track.md'));
    expect(technical.warnings).toContainEqual({
      line: 51,
      message: 'Week 2, "Practical" states < 150 mins, but its items add up to 195 min.',
    });
    const week1 = technical.curriculum.weeks[0]!;
    expect(week1.sections.map((section) => [section.title, section.kind, section.statedMinutes, section.statedText])).toEqual([
      ['Core Content', 'CORE', 200, '< 200 mins'],
      ['Optional Additional Practice', 'OPTIONAL', 180, '< 180 mins'],
    ]);
  });

  it('reads "answer these questions" and the list after it as the week\'s prompts', () => {
    const rl = parseSyllabusMarkdown(readSyllabus(sharedSyllabiDir, 'rl-track.md'));
    const week6 = rl.curriculum.weeks[5]!;
    expect(week6.promptsTitle).toBe('Before next meeting, think (or write down) your answers to these questions:');
    expect(week6.prompts).toEqual([
      { kind: 'DISCUSSION', text: 'If you were to pursue a research question/topic in AI safety, what would it be?' },
      { kind: 'DISCUSSION', text: 'What area of AI safety do you find most interesting? What area of AI safety do you find most promising?' },
    ]);
    expect(week6.notes).toBeNull();
    expect(rl.curriculum.weeks.slice(0, 5).every((week) => week.prompts.length === 0)).toBe(true);
  });

  it('keeps prose that is not a reading or a goal as notes, in order', () => {
    const technical = parseSyllabusMarkdown(readSyllabus(sharedSyllabiDir, 'technical-track.md'));
    expect(technical.curriculum.notes).toContain('Sign up [here](https://docs.google.com/forms/');
    expect(technical.curriculum.weeks[1]!.notes).toMatch(/^The progress of AI has been quite fast/);
  });
});

describe('the diffusion track, against its hand-made seed', () => {
  // prisma/seed/diffusion-track.md ships with the app, so this runs everywhere.
  const text = readFileSync(path.join(projectRoot, 'prisma/seed/diffusion-track.md'), 'utf8');
  const parsed = parseSyllabusMarkdown(text, { slug: 'diffusion-track' });

  it('reads the same weeks, goals and items as the person who transcribed it', () => {
    const { curriculum } = parsed;
    expect(curriculum.slug).toBe('diffusion-track');
    expect(curriculum.title).toBe(diffusionTrack.title);
    expect(curriculum.description).toBe(diffusionTrack.description);
    expect(curriculum.weeks).toHaveLength(diffusionTrack.weeks.length);
    diffusionTrack.weeks.forEach((seedWeek, index) => {
      const week = curriculum.weeks[index]!;
      expect([week.number, week.span, week.title]).toEqual([seedWeek.number, seedWeek.span, seedWeek.title]);
      expect(week.goals).toEqual(seedWeek.goals);
      const weekItems = week.sections.flatMap((section) => section.items);
      const seedItems = seedWeek.sections.flatMap((section) => section.items);
      expect(weekItems).toHaveLength(seedItems.length);
      seedItems.forEach((seedItem, itemIndex) => {
        const parsedItem = weekItems[itemIndex]!;
        expect(
          { kind: parsedItem.kind, title: parsedItem.title, url: parsedItem.url, minutes: parsedItem.minutes, optional: parsedItem.optional },
          `week ${index + 1}, item ${itemIndex + 1}`,
        ).toEqual({ kind: seedItem.kind, title: seedItem.title, url: seedItem.url, minutes: seedItem.minutes, optional: seedItem.optional });
      });
    });
  });

  it('models a wrapper such as "Core Content: (125 min)" as the group of the sections under it', () => {
    const week2 = parsed.curriculum.weeks[1]!;
    expect(week2.sections.map((section) => [section.title, section.kind, section.statedMinutes, section.group])).toEqual([
      ['Theoretical Readings', 'CORE', 75, 'Core Content: (125 min)'],
      ['Practical Readings', 'PRACTICAL', 50, 'Core Content: (125 min)'],
    ]);
    const week4 = parsed.curriculum.weeks[3]!;
    expect(week4.sections.map((section) => [section.title, section.kind, section.group])).toEqual([
      ['Theoretical', 'CORE', 'Core Readings: (105 min)'],
      ['Practical', 'PRACTICAL', 'Core Readings: (105 min)'],
    ]);
  });

  it('keeps qualifiers as notes and "30+ mins" as written', () => {
    expect(item(parsed, '3 Blue 1 Brown Neural Networks')).toMatchObject({ note: '(if unfamiliar) Chapters 1 and 2', optional: false });
    expect(item(parsed, 'X-Risk Analysis for AI Research').note).toBe('(Appendix A pg 13-14)');
    expect(item(parsed, 'Variational Autoencoder (VAE) Intuition')).toMatchObject({
      minutes: 30,
      minutesText: '30+ mins',
      optional: true,
      note: 'covers material a little bit ahead; read on if you’d like to dive into the mathematics!',
    });
    expect(item(parsed, 'RL Connect4').note).toBe('(Stage 4)');
  });

  it('drops no line', () => {
    expectNothingDropped(text, parsed);
  });
});

describe('variations of the format (tests/fixtures/syllabi)', () => {
  const fixture = (name: string) => {
    const text = readSyllabus(fixturesDir, name);
    const parsed = parseSyllabusMarkdown(text);
    expectNothingDropped(text, parsed);
    return parsed;
  };

  it('reads parts, #### section headings, ##### sub-groups and multi-week units', () => {
    const parsed = fixture('parts-and-subheadings.md');
    const { weeks } = parsed.curriculum;
    expect(weeks.map((week) => [week.number, week.span, week.label, week.title, week.part])).toEqual([
      [1, 1, 'Week 1', 'Why alignment?', 'Part 1: Foundations'],
      [2, 2, 'Week 2 and 3', 'Reward and its problems', 'Part 1: Foundations'],
      [4, 1, 'Week 4', 'Interpretability', 'Part 2: Frontiers'],
      [null, 1, null, 'Final Presentations', null],
    ]);
    expect(weeks[0]!.partNotes).toBe('The first part builds the shared vocabulary of the group.');
    expect(weeks[0]!.goals).toEqual([
      { category: 'THEORETICAL', text: 'Explain why a capable system may pursue unintended goals.' },
      { category: 'PRACTICAL', text: 'Find one specification-gaming example in a system you use.' },
    ]);
    expect(weeks[1]!.sections.map((section) => [section.title, section.kind, section.statedMinutes])).toEqual([
      ['Core Readings', 'CORE', 135],
      ['Notebook Exercises', 'PRACTICAL', 45],
    ]);
    expect(item(parsed, 'Reward modelling notebook').kind).toBe('NOTEBOOK');
    expect(weeks[2]!.sections.map((section) => [section.title, section.kind, section.group])).toEqual([
      ['Theoretical', 'CORE', 'Core Content (1h 30 min)'],
      ['Practical', 'PRACTICAL', 'Core Content (1h 30 min)'],
      ['Optional Additional Content', 'OPTIONAL', null],
    ]);
    expect(weeks[3]!.notes).toBe('Each group presents one paper of its choice in ten minutes.');
    expect(parsed.curriculum.notes).toBe('Welcome! This reading group runs for two terms. Bring questions to every meeting.');
  });

  it('reads every way of writing minutes, prefixes and notes', () => {
    const parsed = fixture('multi-week-and-durations.md');
    expect(item(parsed, 'The case for taking AI seriously').minutes).toBe(20);
    expect(item(parsed, 'Neural networks, visually')).toMatchObject({ minutes: 25, note: '(if unfamiliar) Chapters 1 and 2', optional: false });
    expect(item(parsed, 'AI Governance: A Research Agenda')).toMatchObject({ minutes: 25, optional: true, note: '(Appendix A pg 13-14)' });
    expect(item(parsed, 'Compute trends explorer')).toMatchObject({ minutes: 90, minutesText: '1hr 30 min' });
    expect(item(parsed, 'Compute governance')).toMatchObject({ minutes: 120, minutesText: '2h' });
    expect(item(parsed, 'Standards for frontier AI').minutes).toBeNull();
    const [week1, week2, week4] = parsed.curriculum.weeks;
    expect(week1!.sections.map((section) => section.title)).toEqual(['Core Readings', 'Practical']);
    expect(week1!.notes).toBe('![A chart of training compute over time](https://example.org/compute.png)');
    expect([week2!.number, week2!.span, week2!.label]).toEqual([2, 2, 'Week 2 and 3']);
    expect(week2!.sections[0]!.statedMinutes).toBe(135);
    expect(week2!.notes).toContain('<div class="callout">Bring a printed copy of one reading.</div>');
    expect(week2!.notes).toContain('| Facilitator | Ada |');
    expect([week4!.number, week4!.span, week4!.label]).toEqual([4, 2, 'Weeks 4-5']);
    expect(week4!.sections.map((section) => [section.title, section.kind, section.group])).toEqual([
      ['Conceptual Readings', 'CORE', 'Core Content: (90 min)'],
      ['Technical Readings', 'PRACTICAL', 'Core Content: (90 min)'],
      ['Optional Additional Content', 'OPTIONAL', null],
    ]);
    expect(week4!.promptsTitle).toBe('Discussion questions:');
    expect(week4!.prompts.map((prompt) => prompt.text)).toEqual([
      'Who should decide when a model is too dangerous to release?',
      'What would change your mind?',
    ]);
    expect(week4!.notes).toContain('```text\nMeeting room: B-214\n```');
  });

  it('reads weeks written as bold lines, readings named in text, an assignments list and a closing reflection', () => {
    const parsed = fixture('bold-weeks-book.md');
    const { weeks, closing } = parsed.curriculum;
    expect(weeks.map((week) => [week.number, week.title])).toEqual([
      [1, 'Representation'],
      [2, ''],
      [3, 'Reinforcement'],
      [4, 'Curiosity'],
      [5, 'Imitation'],
      [6, 'Uncertainty'],
    ]);
    const readings = (week: number) =>
      weeks[week - 1]!.sections.find((section) => section.title === 'Readings')!.items.map((item) => [item.title, item.url, item.minutes]);
    expect(readings(1)).toEqual([
      ['Prologue', null, 15],
      ['Ch 1 Representation', null, 45],
    ]);
    expect(readings(2)).toEqual([
      ['Ch 2 Fairness', null, 40],
      ['Ch 3 Transparency', null, 40],
    ]);
    // "; " parts readings too, and the full stop that ends the line is not a reading's.
    expect(readings(3)).toEqual([
      ['Ch 4 Reinforcement', null, 45],
      ['Ch 5 Shaping', null, 40],
    ]);
    // The readings on the line after "**Week 4:** Curiosity".
    expect(readings(4)).toEqual([['Ch 6 Curiosity', null, 40]]);

    // Each assignment in the week it names; one that names none in the first week, with a warning.
    const exercises = (week: number) =>
      weeks[week - 1]!.sections.filter((section) => section.title === 'Exercises').flatMap((section) => section.items.map((item) => [item.kind, item.title, item.minutes]));
    expect(exercises(3)).toEqual([['EXERCISE', 'Reward modelling notebook', 60]]);
    expect(exercises(5)).toEqual([['EXERCISE', 'Imitation learning repository', null]]);
    expect(exercises(1)).toEqual([['EXERCISE', 'Interpretability warm-up', null]]);
    expect(parsed.warnings).toContainEqual({ line: 9, message: '"Interpretability warm-up" names no week, so it was put in the exercises of Week 1.' });

    expect(weeks[5]!.promptsTitle).toBe('Discussion questions:');
    expect(weeks[5]!.prompts).toEqual([
      { kind: 'DISCUSSION', text: 'Which chapter changed your mind about something, and why?' },
      { kind: 'DISCUSSION', text: "Where does the book's picture of [reward hacking](https://example.org/reward-hacking) fall short?" },
    ]);
    // The closing section is no week: the calendar keeps six, and its one paragraph is its prompt.
    expect(closing).toEqual({
      title: 'Final Reflection',
      notes: null,
      promptsTitle: null,
      prompts: [
        {
          kind: 'REFLECTION',
          text: 'Write a one-page reflection: what would you tell a friend who asks whether AI alignment is a real problem?',
        },
      ],
    });
  });

  it('reads weeks written as list items, question headings, "answer these questions" lists and a wrap-up', () => {
    const parsed = fixture('list-weeks-questions.md');
    const { weeks, closing } = parsed.curriculum;
    expect(weeks.map((week) => [week.number, week.title, week.sections.flatMap((section) => section.items.map((item) => item.title))])).toEqual([
      [1, 'Circuits', ['Zoom In', 'An Overview of Early Vision']],
      [2, 'Superposition', ['Toy Models of Superposition', 'Notebook: superposition']],
      // A comma inside an estimated reading does not split it.
      [3, 'Dictionary learning', ['Towards Monosemanticity, sections 1-3']],
    ]);
    expect(weeks[2]!.prompts).toEqual([
      { kind: 'DISCUSSION', text: 'Why would a network store more features than it has neurons?' },
      { kind: 'DISCUSSION', text: 'What would count as evidence that a feature is real?' },
      { kind: 'REFLECTION', text: 'What is one claim from these weeks you are least sure of?' },
      { kind: 'REFLECTION', text: 'How would you test it?' },
    ]);
    expect(closing).toEqual({
      title: 'Wrap-up',
      notes: 'We close with a short discussion over dinner.',
      promptsTitle: 'Answer these questions before the dinner:',
      prompts: [
        { kind: 'DISCUSSION', text: 'Which technique would you try first on a model you care about?' },
        { kind: 'DISCUSSION', text: 'What is one open question you would like to work on?' },
      ],
    });
    expect(parsed.warnings).toEqual([]);
  });

  it('keeps a closing heading between weeks as a unit, and one with readings too', () => {
    const parsed = parseSyllabusMarkdown(
      ['# Course', '', '## Week 1: One', '', '- [A](https://example.org/a) (10 min)', '', '## Capstone', '', '- [Project brief](https://example.org/brief)', ''].join('\n'),
    );
    expect(parsed.curriculum.weeks.map((week) => week.title)).toEqual(['One', 'Capstone']);
    expect(parsed.curriculum.closing).toBeNull();
  });

  it('reads readings without links', () => {
    const parsed = fixture('no-links.md');
    expect(items(parsed).every((candidate) => candidate.url === null)).toBe(true);
    expect(item(parsed, 'Superintelligence, Chapter 2').minutes).toBe(30);
    expect(item(parsed, 'Superintelligence, Chapter 3').minutes).toBe(30);
    expect(item(parsed, 'Paths to superintelligence worksheet')).toMatchObject({
      kind: 'NOTEBOOK',
      minutes: 45,
      optional: true,
      note: 'fill in the table before the meeting',
    });
    expect(item(parsed, 'Human Compatible, Chapters 7 and 8').minutes).toBe(60);
    expect(item(parsed, 'Reread your notes from week 1').note).toBe('(handwritten is fine)');
  });

  it('imports a page without weeks as the notes of one unit, with a warning', () => {
    const text = readSyllabus(fixturesDir, 'no-weeks.md');
    const parsed = fixture('no-weeks.md');
    expect(parsed.curriculum.weeks).toHaveLength(1);
    const [unit] = parsed.curriculum.weeks;
    expect(unit).toMatchObject({ number: null, title: 'Further Resources', sections: [], goals: [] });
    expect(unit!.notes).toBe(text.slice(text.indexOf('A list of things')).trimEnd());
    expect(parsed.warnings).toEqual([{ line: 1, message: expect.stringContaining('No weeks found') }]);
  });

  it('reads loose formatting: unlabelled readings, reference links, nested lists, "Learning Objectives"', () => {
    const parsed = fixture('loose-formatting.md');
    const [week1, week2] = parsed.curriculum.weeks;
    expect(week1!.title).toBe('Getting started');
    expect(week1!.sections[0]!.title).toBe('Readings');
    expect(item(parsed, 'Another one')).toMatchObject({ url: 'https://example.org/two', minutes: 15 });
    expect(week1!.goals).toEqual([{ category: 'GENERAL', text: 'Say what the group is for.' }]);
    expect([week2!.number, week2!.title]).toEqual([2, '']);
    expect(week2!.sections[0]!.items.map((candidate) => candidate.title)).toEqual([
      'Parent reading',
      'Nested reading',
      'A reading with a second paragraph',
    ]);
    expect(item(parsed, 'A reading with a second paragraph').note).toBe('Skim only the introduction.');
    expect(parsed.warnings.map((warning) => warning.line)).toEqual([5, 12, 17]);
  });

  it('reads the same file with Windows line endings and a byte-order mark', () => {
    const text = readSyllabus(fixturesDir, 'multi-week-and-durations.md');
    const windows = `\ufeff${text.replace(/\n/g, '\r\n')}`;
    const parsed = parseSyllabusMarkdown(windows);
    expect(parsed.curriculum).toEqual(parseSyllabusMarkdown(text).curriculum);
    expectNothingDropped(windows, parsed);
  });

  it('takes the slug it is given, or makes one from the title', () => {
    const text = readSyllabus(fixturesDir, 'no-links.md');
    expect(parseSyllabusMarkdown(text).curriculum.slug).toBe('book-club-syllabus');
    expect(parseSyllabusMarkdown(text, { slug: 'books' }).curriculum.slug).toBe('books');
    expectAppError(() => parseSyllabusMarkdown(text, { slug: 'no spaces!' }), 'BAD_REQUEST', /slug/);
  });
});

describe('links and scripts from a syllabus are stored as text', () => {
  const text = readSyllabus(fixturesDir, 'unsafe.md');
  const parsed = parseSyllabusMarkdown(text);

  it('turns only http(s) and mailto URLs into links, and warns about the rest', () => {
    const [clickMe, dataUrl, relative, real, email] = parsed.curriculum.weeks[0]!.sections[0]!.items;
    expect(clickMe).toMatchObject({ url: null, title: '[Click me](javascript:alert(1))', minutes: 10 });
    expect(dataUrl).toMatchObject({ url: null, title: '[Data URL](data:text/html,<script>alert(1)</script>)' });
    expect(relative).toMatchObject({ url: null, title: '[Relative page](/syllabus/other)' });
    expect(real).toMatchObject({ url: 'https://example.org/paper.pdf', note: "<script>alert('note')</script>" });
    expect(email).toMatchObject({ url: 'mailto:organisers@example.org', title: 'Email the organisers' });
    expect(parsed.warnings.map((warning) => [warning.line, warning.message.slice(0, 30)])).toEqual([
      [7, 'The link "javascript:alert(1)"'],
      [8, 'The link "data:text/html,<scri'],
      [9, 'The link "/syllabus/other" is '],
    ]);
  });

  it('keeps <script> as text in notes and goals', () => {
    const week = parsed.curriculum.weeks[0]!;
    expect(week.notes).toBe("<script>alert('block')</script>");
    expect(week.goals[0]!.text).toBe("Never run <script>alert('goal')</script> from a syllabus.");
    expectNothingDropped(text, parsed);
  });

  it('never stores a URL other than http(s) or mailto, in any fixture', () => {
    for (const name of ['unsafe.md', 'broken-links.md', 'multi-week-and-durations.md', 'parts-and-subheadings.md']) {
      for (const candidate of items(parseSyllabusMarkdown(readSyllabus(fixturesDir, name)))) {
        if (candidate.url !== null) expect(candidate.url).toMatch(/^(https?:\/\/|mailto:)/);
      }
    }
  });
});

describe('bad input gets a clear message, never a crash', () => {
  it('refuses a file over 1 MB', () => {
    const huge = `# Big\n\n## Week 1: Big\n\n${'x'.repeat(10 * 1024 * 1024)}`;
    expectAppError(() => parseSyllabusMarkdown(huge), 'PAYLOAD_TOO_LARGE', /10\.0 MB; a syllabus may be at most 1\.0 MB/);
    expectAppError(() => decodeSyllabusFile(new Uint8Array(SYLLABUS_MAX_BYTES + 1)), 'PAYLOAD_TOO_LARGE', /at most/);
  });

  it('refuses binary and non-UTF-8 files', () => {
    expectAppError(() => decodeSyllabusFile(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0x01])), 'UNSUPPORTED_MEDIA_TYPE', /not a text file/);
    expectAppError(() => decodeSyllabusFile(new Uint8Array([0x23, 0x20, 0xff, 0xfe, 0x41])), 'UNSUPPORTED_MEDIA_TYPE', /not UTF-8/);
    expectAppError(() => parseSyllabusMarkdown('# Title\u0000\u0001\u0002'), 'UNSUPPORTED_MEDIA_TYPE', /not a text file/);
    expect(decodeSyllabusFile(new TextEncoder().encode('\ufeff# Title'))).toBe('# Title');
  });

  it.each([
    ['an empty file', '', /empty/],
    ['white space', ' \n\n\t\n', /empty/],
    ['an HTML page', '<!DOCTYPE html><html><body><h1>Week 1</h1></body></html>', /HTML page, not markdown/],
    ['JSON', '{"weeks": [{"title": "Week 1"}]}', /JSON, not markdown/],
    ['plain text', 'Just a sentence.\nAnd another one.', /does not look like a markdown syllabus/],
    ['a title alone', '# Title only\n', /no weeks and no content/],
  ])('refuses %s', (_what, text, message) => {
    expectAppError(() => parseSyllabusMarkdown(text), 'BAD_REQUEST', message);
  });

  it('warns about broken link syntax with the line number, and keeps the text', () => {
    const text = readSyllabus(fixturesDir, 'broken-links.md');
    const parsed = parseSyllabusMarkdown(text);
    expect(parsed.warnings).toEqual([{ line: 7, message: expect.stringContaining('Broken link syntax') }]);
    expect(item(parsed, 'Missing parenthesis')).toMatchObject({ url: 'https://example.org/a', minutes: 20 });
    expect(item(parsed, 'Fine reading').minutes).toBe(10);
    expectNothingDropped(text, parsed);
  });

  it('warns about front matter that is not YAML, and goes on', () => {
    const text = '---\ntitle: [unclosed\n---\n\n# Title\n\n## Week 1: One\n\n- [A](https://example.org/a)\n';
    const parsed = parseSyllabusMarkdown(text);
    expect(parsed.warnings[0]).toMatchObject({ line: 1, message: expect.stringContaining('not valid YAML') });
    expect(parsed.curriculum.weeks).toHaveLength(1);
    expectNothingDropped(text, parsed);
  });

  it('survives random markdown without crashing or dropping lines', () => {
    const pieces = [
      '# Title', '## Week 1: One', '### Week 2 and 3', '## Part 1: A', '#### Core Readings (20 min)', 'Core Content: (< 90 mins)',
      'Theoretical', 'Practical', 'Learning Goals:', '### Notes', '1. [A](https://example.org/a) (20 min)', '- [B](javascript:x) (1h)',
      '2. **(if unfamiliar)** [C](https://example.org/c), Chapters 1 and 2 (25 mins)', '- plain reading (30+ mins): about it', 'Prose line.',
      'Answer these:', '> quote', '<div>html</div>', '```\ncode\n```', '![img](https://example.org/i.png)', '| a |\n| - |\n| 1 |',
      '[Broken](https://example.org (5 min)', '---', '   - nested [D](https://example.org/d)', '## Final Project', '[ref]: https://example.org/r',
      '[Ref][ref] (10 min)', '* * *', '', '## Table of Contents', '1. [Week 1: One](#week-1-one)',
    ];
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let run = 0; run < 300; run++) {
      const lines = Array.from({ length: 3 + Math.floor(random() * 25) }, () => pieces[Math.floor(random() * pieces.length)]!);
      const text = lines.join(random() < 0.5 ? '\n' : '\n\n');
      let parsed: ParsedSyllabus;
      try {
        parsed = parseSyllabusMarkdown(text);
      } catch (error) {
        expect(error, text).toBeInstanceOf(AppError);
        continue;
      }
      expect(() => expectNothingDropped(text, parsed), text).not.toThrow();
    }
  });
});
