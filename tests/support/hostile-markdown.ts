// Generated hostile markdown for the fuzz tests (integration: the parser and the renderer;
// e2e: the running app): deep quotes and lists, long runs of link openers, pathological
// emphasis, huge tables, long lines, raw HTML, many weeks. Seeded, so a failure repeats.

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

type Random = ReturnType<typeof seeded>;


const BLOCKS: ((n: (max: number) => number, random: Random) => string)[] = [
  (n) => `${'>'.repeat(n(5000))} deep quote`,
  (n) => `${'> '.repeat(n(400))}spaced quote`,
  (n) => Array.from({ length: n(600) }, (_, depth) => `${'  '.repeat(depth)}- level ${depth}`).join('\n'),
  (n) => Array.from({ length: n(300) }, (_, depth) => `${'   '.repeat(depth)}1. numbered ${depth}`).join('\n'),
  (n) => '[a]('.repeat(n(25_000)),
  (n) => '['.repeat(n(20_000)),
  (n) => '![x]('.repeat(n(10_000)),
  (n, random) => random.pick(['*', '_', '**', '*a', '_a_', '~~', '*_', '**a*']).repeat(n(20_000)),
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

function hostileDocument(random: Random): string {
  const parts = Array.from({ length: 1 + Math.floor(random.next() * 4) }, () => random.pick(BLOCKS)(random.size, random));
  const body = parts.join(random.pick(['\n\n', '\n', ' ']));
  // Half inside a syllabus's skeleton (the notes of a week), half as a bare document.
  return random.next() < 0.5 ? `# Fuzz track\n\n## Week 1: Notes\n\n${body}\n\nCore Readings:\n\n1. [A](https://example.com/a) (10 min)\n` : body;
}

/** `count` documents from `seed`: the same ones on every run. */
export function hostileDocuments(count: number, seed = 20261203): string[] {
  const random = seeded(seed);
  return Array.from({ length: count }, () => hostileDocument(random));
}
