// The Diffusion Track syllabus (prisma/seed/diffusion-track.md) as structured seed data.
//
// Transcribed by hand rather than parsed so that the demo never depends on the markdown
// importer: every link, stated minute count, qualifier and learning goal of the markdown is
// here, and what the schema has no field for is kept in the week's `notes`.
// Text is copied as written, typographic apostrophes and the syllabus' own spellings included.
import type { GoalCategory, ItemKind, SectionKind } from '@/generated/prisma/enums';

export type CurriculumItemSeed = {
  kind: ItemKind;
  title: string;
  url: string | null;
  /** Null where the syllabus states no time; "30+ mins" is stored as 30. */
  minutes: number | null;
  optional: boolean;
  /** Qualifiers such as "(if unfamiliar)" or "Chapters 1 and 2", and trailing descriptions. */
  note: string | null;
};

export type CurriculumSectionSeed = {
  title: string;
  kind: SectionKind;
  /** The total the syllabus states for the section, if it states one. */
  statedMinutes: number | null;
  items: CurriculumItemSeed[];
};

export type LearningGoalSeed = {
  category: GoalCategory;
  text: string;
};

export type CurriculumWeekSeed = {
  number: number | null;
  span: number;
  title: string;
  /** Markdown for what the schema does not model (e.g. a total spanning several sections). */
  notes: string | null;
  sections: CurriculumSectionSeed[];
  goals: LearningGoalSeed[];
};

export type CurriculumSeed = {
  slug: string;
  title: string;
  description: string | null;
  weeks: CurriculumWeekSeed[];
};

export const diffusionTrack: CurriculumSeed = {
  slug: 'diffusion-track',
  title: 'AI Safety at UCLA Intro Fellowship: Diffusion Track',
  description: 'Diffusion Fellowship',
  weeks: [
    {
      number: 1,
      span: 1,
      title: 'Preventing an AI-related catastrophe + Scaling Hypothesis',
      notes: null,
      sections: [
        {
          title: 'Core Readings',
          kind: 'CORE',
          statedMinutes: 70,
          items: [
            {
              kind: 'READING',
              title: 'Intelligence Explosion',
              url: 'https://intelligence.org/files/IE-EI.pdf',
              minutes: 20,
              optional: false,
              note: null,
            },
            {
              kind: 'READING',
              title: 'Circuits, Distilled',
              url: 'https://distill.pub/2020/circuits/zoom-in/',
              minutes: 50,
              optional: false,
              note: null,
            },
          ],
        },
      ],
      goals: [
        {
          category: 'GENERAL',
          text: 'Familiarize yourself with the arguments for AI being an existential risk',
        },
        {
          category: 'GENERAL',
          text: 'Understand the rapid scaling of modern AI models and its implications for our interpretability methods.',
        },
      ],
    },
    {
      number: 2,
      span: 1,
      title: 'The future is going to be wild + Image Generation mathematical framework',
      // The schema has no parent section, so the wrapper's total lives here.
      notes: 'Core Content: (125 min), made up of the Theoretical Readings (75 min) and Practical Readings (50 min) below.',
      sections: [
        {
          title: 'Theoretical Readings',
          kind: 'CORE',
          statedMinutes: 75,
          items: [
            {
              kind: 'READING',
              title: 'AI and Compute',
              url: 'https://openai.com/blog/ai-and-compute/',
              minutes: 5,
              optional: false,
              note: null,
            },
            {
              kind: 'READING',
              title: 'The Bitter Lesson',
              url: 'http://www.incompleteideas.net/IncIdeas/BitterLesson.html',
              minutes: 10,
              optional: false,
              note: null,
            },
            {
              kind: 'READING',
              title: 'All Possible Views About Humanity’s Future are Wild',
              url: 'https://www.cold-takes.com/all-possible-views-about-humanitys-future-are-wild/',
              minutes: 15,
              optional: false,
              note: null,
            },
            {
              kind: 'READING',
              // The quotation marks are part of the essay's title.
              title: '"This can’t go on"',
              url: 'https://www.cold-takes.com/this-cant-go-on/',
              minutes: 25,
              optional: false,
              note: null,
            },
            {
              kind: 'READING',
              title: 'Intelligence Explosion: Evidence and Import',
              url: 'https://drive.google.com/file/d/1QxMuScnYvyq-XmxYeqBRHKz7cZoOosHr/view',
              minutes: 20,
              optional: false,
              note: null,
            },
          ],
        },
        {
          title: 'Practical Readings',
          kind: 'PRACTICAL',
          statedMinutes: 50,
          items: [
            {
              // Chapters 1 and 2 are videos, hosted on 3Blue1Brown's own site.
              kind: 'VIDEO',
              title: '3 Blue 1 Brown Neural Networks',
              url: 'https://www.3blue1brown.com/topics/neural-networks',
              minutes: 30,
              // "(if unfamiliar)" is a condition, not "(Optional)": it stays required.
              optional: false,
              note: '(if unfamiliar) Chapters 1 and 2',
            },
            {
              kind: 'NOTEBOOK',
              title: 'Policy Gradient Explanation',
              url: 'https://github.com/pimpale/mdt/blob/main/PolicyGradient/policygradient.ipynb',
              minutes: 20,
              optional: false,
              note: null,
            },
          ],
        },
      ],
      goals: [
        {
          category: 'THEORETICAL',
          text: 'Understand the relationship between compute and general capabilities.',
        },
        {
          category: 'THEORETICAL',
          text: 'Gain experience with the types of datasets used in modern AI systems.',
        },
        {
          category: 'THEORETICAL',
          text: 'See how AI could impact a wide range of industries.',
        },
        {
          category: 'THEORETICAL',
          text: 'Reflect on the radical impact AI can have on the future of humanity',
        },
        {
          category: 'THEORETICAL',
          text: 'Reflect on the strange possibilities of our economic future.',
        },
        {
          category: 'THEORETICAL',
          text: 'Reflect on the speed with which AI will transition from powerful to superintelligence.',
        },
        {
          category: 'PRACTICAL',
          text: 'Understand Markov Decision Processes (MDPs)',
        },
        {
          category: 'PRACTICAL',
          text: 'Understand the intuition behind the policy gradient.',
        },
      ],
    },
    {
      number: 3,
      span: 1,
      title: 'Unsolved Problems in ML Safety, autoencoders, and KL divergence',
      notes: null,
      sections: [
        {
          title: 'Core Readings',
          kind: 'CORE',
          statedMinutes: 30,
          items: [
            {
              kind: 'READING',
              title: 'Why AI alignment could be hard with modern deep learning',
              url: 'https://www.cold-takes.com/why-ai-alignment-could-be-hard-with-modern-deep-learning/',
              minutes: 20,
              optional: false,
              note: null,
            },
            {
              kind: 'VIDEO',
              title: 'Intuitively Understanding KL Divergence',
              url: 'https://www.youtube.com/watch?v=SxGYPqCgJWM',
              minutes: 10,
              optional: false,
              note: null,
            },
          ],
        },
        {
          title: 'Notebook',
          kind: 'PRACTICAL',
          statedMinutes: null,
          items: [
            {
              // The syllabus names this notebook without linking it.
              kind: 'NOTEBOOK',
              title: 'Variational Autoencoder (VAE) Intuition',
              url: null,
              // "30+ mins": the lower bound is the best estimate we have.
              minutes: 30,
              optional: true,
              note: '30+ mins: covers material a little bit ahead; read on if you’d like to dive into the mathematics!',
            },
          ],
        },
      ],
      goals: [
        {
          category: 'THEORETICAL',
          text: 'Understand issues with only using performance to evaluate classifiers.',
        },
        {
          category: 'PRACTICAL',
          text: 'Establish an intuition of Kullback-Liebler (KL) divergence and what it means as a distance metric between random variables.',
        },
      ],
    },
    {
      number: 4,
      span: 1,
      title: 'AI Safety Field Background + Deep dive into VAEs',
      // Core Readings holds two groups; each is a section, so the shared total lives here.
      notes: 'Core Readings: (105 min), made up of the Theoretical and Practical groups below.',
      sections: [
        {
          title: 'Core Readings: Theoretical',
          kind: 'CORE',
          statedMinutes: null,
          items: [
            {
              kind: 'READING',
              title: 'A Bird\'s Eye View of the ML Field',
              url: 'https://www.alignmentforum.org/s/FaEBwhhe3otzYKGQt/p/AtfQFj8umeyBBkkxa',
              minutes: 45,
              optional: false,
              note: null,
            },
            {
              kind: 'READING',
              title: 'Paul Christiano: Current work in AI alignment',
              url: 'https://forum.effectivealtruism.org/posts/63stBTw3WAW6k45dY/paul-christiano-current-work-in-ai-alignment',
              minutes: 30,
              optional: false,
              note: null,
            },
          ],
        },
        {
          title: 'Core Readings: Practical',
          kind: 'PRACTICAL',
          statedMinutes: null,
          items: [
            {
              // A study task with no link; the Week 5 exercise is where the VAE gets written.
              kind: 'READING',
              title: 'Understand the mechanics of Variational Autoencoder models before writing your own.',
              url: null,
              minutes: null,
              optional: false,
              note: null,
            },
          ],
        },
      ],
      goals: [
        {
          category: 'GENERAL',
          text: 'Understand how ML research is conducted and how it affects AI safety research.',
        },
        {
          category: 'GENERAL',
          text: 'Be able to evaluate if a research agenda advances general capabilities.',
        },
        {
          category: 'GENERAL',
          text: 'Learn about the variety of different research approaches tackling alignment.',
        },
      ],
    },
    {
      number: 5,
      span: 1,
      title: 'Failure Modes in AI, understanding VAEs mathematically',
      notes: 'Core Readings: (55 min), made up of the Theoretical and Practical groups below.',
      sections: [
        {
          title: 'Core Readings: Theoretical',
          kind: 'CORE',
          statedMinutes: null,
          items: [
            {
              kind: 'READING',
              title: 'X-Risk Analysis for AI Research',
              url: 'https://arxiv.org/pdf/2206.05862',
              minutes: 10,
              optional: false,
              note: 'Appendix A pg 13-14',
            },
            {
              kind: 'READING',
              title: 'What Failure Looks Like',
              url: 'https://www.alignmentforum.org/posts/HBxe6wdjxK239zajf/what-failure-looks-like',
              minutes: 10,
              optional: false,
              note: null,
            },
            {
              kind: 'READING',
              title: 'Clarifying What Failure Looks Like',
              url: 'https://www.alignmentforum.org/posts/v6Q7T335KCMxujhZu/clarifying-what-failure-looks-like',
              minutes: 25,
              optional: false,
              note: null,
            },
          ],
        },
        {
          title: 'Core Readings: Practical',
          kind: 'PRACTICAL',
          statedMinutes: null,
          items: [
            {
              // The VAE exercise: fellows write and train their own model.
              kind: 'EXERCISE',
              title: 'Full VAE derivation and implementation',
              url: null,
              minutes: null,
              optional: false,
              note: 'try optimizing the model!',
            },
          ],
        },
      ],
      goals: [
        {
          category: 'GENERAL',
          text: 'Be able to determine how an AI safety project may reduce X-risk.',
        },
        {
          category: 'GENERAL',
          text: 'Evaluate the failure modes of misaligned AI.',
        },
        {
          category: 'GENERAL',
          text: 'Understand the factors that lead to value lock-in.',
        },
      ],
    },
    {
      number: 6,
      span: 1,
      title: 'Open Problems in AI X-Risk + Diffusion Intro',
      notes: 'Core Readings (no total stated), made up of the Theoretical and Practical groups below.',
      sections: [
        {
          title: 'Core Readings: Theoretical',
          kind: 'CORE',
          statedMinutes: null,
          items: [
            {
              kind: 'READING',
              title: 'Open Problems in AI X-Risk',
              url: 'https://www.alignmentforum.org/s/FaEBwhhe3otzYKGQt/p/5HtDzRAk7ePWsiL2L',
              minutes: 60,
              optional: false,
              note: null,
            },
            {
              kind: 'READING',
              title: 'AI Governance: Opportunity and Theory of Impact',
              url: 'https://forum.effectivealtruism.org/posts/42reWndoTEhFqu6T8/ai-governance-opportunity-and-theory-of-impact',
              minutes: 15,
              optional: false,
              note: null,
            },
          ],
        },
        {
          title: 'Core Readings: Practical',
          kind: 'PRACTICAL',
          statedMinutes: null,
          items: [
            {
              // A coding project repository; fellows work through stage 4 of it.
              kind: 'EXERCISE',
              title: 'RL Connect4',
              url: 'https://github.com/pimpale/connect4',
              minutes: null,
              optional: false,
              note: 'Stage 4',
            },
          ],
        },
      ],
      goals: [
        {
          category: 'GENERAL',
          text: 'Pick a research agenda you find particularly interesting (perhaps to pursue later).',
        },
        {
          category: 'GENERAL',
          text: 'Understand the role AI governance plays in the broader field of AI safety.',
        },
      ],
    },
  ],
};
