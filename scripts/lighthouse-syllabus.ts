// `npm run lighthouse:syllabus`: Lighthouse 12's performance and accessibility scores of the
// public template syllabus and the public cohort syllabus, as a visitor without a session
// gets them from `next start` (the same setup as `npm run bench:syllabus`). Targets: 95 for
// performance, 100 for accessibility. Lighthouse's default run: a phone on a throttled
// network and CPU (simulated); `--desktop` adds its desktop preset.
//
// Chromium: /usr/bin/chromium, or CHROMIUM_PATH. Reports: test-results/lighthouse/*.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig, type Flags } from 'lighthouse';
import { projectRoot } from '@/cli/next-process';
import { log, startSyllabusServer, warmUp, type SyllabusServer } from './lib/syllabus-server';

const TARGETS = { performance: 95, accessibility: 100 } as const;
const reportDir = path.join(projectRoot, 'test-results', 'lighthouse');

let server: SyllabusServer | undefined;
let chrome: chromeLauncher.LaunchedChrome | undefined;

type Row = { page: string; preset: string; performance: number; accessibility: number; notes: string[] };

async function main() {
  server = await startSyllabusServer();
  const targets = [
    { name: 'template syllabus', path: server.pages.template },
    { name: 'cohort syllabus', path: server.pages.cohort },
  ];
  await warmUp(server, targets.map((target) => ({ path: target.path })));

  chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  mkdirSync(reportDir, { recursive: true });
  const presets = process.argv.includes('--desktop') ? (['mobile', 'desktop'] as const) : (['mobile'] as const);

  const rows: Row[] = [];
  for (const target of targets) {
    for (const preset of presets) {
      log(`Lighthouse (${preset}): ${target.path}…`);
      const flags: Flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] };
      const result = await lighthouse(`${server.base}${target.path}`, flags, preset === 'desktop' ? desktopConfig : undefined);
      if (!result) throw new Error(`Lighthouse returned nothing for ${target.path}`);
      const { lhr } = result;
      writeFileSync(path.join(reportDir, `${target.name.replace(/\s+/g, '-')}-${preset}.json`), JSON.stringify(lhr, null, 2));
      const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      const notes: string[] = [];
      for (const id of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']) {
        const audit = lhr.audits[id];
        if (audit) notes.push(`${audit.title}: ${audit.displayValue ?? ''}`);
      }
      for (const ref of lhr.categories.accessibility?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (audit && ref.weight > 0 && audit.score !== null && audit.score < 1) notes.push(`accessibility: ${audit.title}`);
      }
      rows.push({ page: `${target.name} (${target.path})`, preset, performance: score('performance'), accessibility: score('accessibility'), notes });
    }
  }

  console.log('');
  console.log(`${'page'.padEnd(52)}${'preset'.padEnd(9)}${'perf'.padStart(6)}${'a11y'.padStart(6)}`);
  for (const row of rows) {
    console.log(`${row.page.padEnd(52)}${row.preset.padEnd(9)}${String(row.performance).padStart(6)}${String(row.accessibility).padStart(6)}`);
    for (const note of row.notes) console.log(`    ${note}`);
  }
  const missed = rows.filter((row) => row.performance < TARGETS.performance || row.accessibility < TARGETS.accessibility);
  console.log('');
  console.log(
    missed.length === 0
      ? `Targets met: performance ≥ ${TARGETS.performance}, accessibility ${TARGETS.accessibility}, on every page.`
      : `Targets NOT met (performance ≥ ${TARGETS.performance}, accessibility ${TARGETS.accessibility}): ${missed.map((row) => `${row.page} ${row.preset}`).join('; ')}`,
  );
  console.log(`Reports: ${path.relative(projectRoot, reportDir)}/`);
  process.exitCode = missed.length === 0 ? 0 : 1;
}

async function stopAll() {
  chrome?.kill();
  await server?.stop();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void stopAll().then(() => process.exit(130)));
}

main()
  .then(stopAll)
  .catch(async (error: unknown) => {
    console.error(`[syllabus] ${error instanceof Error ? error.message : String(error)}`);
    await stopAll();
    process.exit(1);
  });
