// Decides whether `npm start` must (re)build: the production build is stamped with a hash of
// the files that shape it, so a `git pull` or an edit rebuilds instead of serving stale code.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const INPUTS = ['src', 'public', 'prisma/schema.prisma', 'package-lock.json', 'next.config.ts', 'postcss.config.mjs', 'tsconfig.json'];
// NEXT_DIST_DIR lets parallel builds (tests, the standalone smoke test) use their own folder.
const distDir = () => process.env.NEXT_DIST_DIR || '.next';
const stampFile = () => `${distDir()}/fellowship-build-stamp`;

function* walk(target: string): Generator<string> {
  if (!existsSync(target)) return;
  if (statSync(target).isFile()) {
    yield target;
    return;
  }
  for (const entry of readdirSync(target, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    // src/generated is derived from prisma/schema.prisma, which is already an input.
    if (entry.name === 'generated' || entry.name.startsWith('.')) continue;
    yield* walk(path.join(target, entry.name));
  }
}

export function computeBuildHash(root: string): string {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of walk(path.join(root, input))) {
      hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  return hash.digest('hex');
}

export function isBuildCurrent(root: string): boolean {
  const stamp = path.join(root, stampFile());
  if (!existsSync(path.join(root, distDir(), 'BUILD_ID')) || !existsSync(stamp)) return false;
  return readFileSync(stamp, 'utf8').trim() === computeBuildHash(root);
}

export function writeBuildStamp(root: string): void {
  writeFileSync(path.join(root, stampFile()), `${computeBuildHash(root)}\n`);
}
