// The real data in ../shared (syllabi, GPU training logs) is on the developers' machines and in
// CI, not on a user's machine. Tests that read it skip without it, and say so loudly, once per
// folder, so that a green run on a machine without it is not mistaken for a full one.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A path inside ../shared (beside the project folder). */
export function sharedPath(relative: string): string {
  return path.resolve(projectRoot, '../shared', relative);
}

const warned = new Set<string>();

/** Whether ../shared/<relative> exists; when it does not, one warning names what is skipped. */
export function hasSharedData(relative: string, what: string): boolean {
  const location = sharedPath(relative);
  if (existsSync(location)) return true;
  if (!warned.has(location)) {
    warned.add(location);
    console.warn(`\n⚠ SKIPPED: ${what} (${location} is not there; it exists on developer machines and in CI).\n`);
  }
  return false;
}
