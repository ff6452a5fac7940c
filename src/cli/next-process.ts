// Runs Next's own CLI (build, start, dev) as a child process of the current one.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBuildStamp } from './build-stamp';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const nextBin = fileURLToPath(new URL('../../node_modules/next/dist/bin/next', import.meta.url));

export function spawnNext(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [nextBin, ...args], {
    cwd: projectRoot,
    env: { NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: 'inherit',
  });
}

export function waitForExit(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

/** `next build`, then the stamp that tells `npm start` this build matches the sources. */
export async function buildApp(
  env: NodeJS.ProcessEnv = process.env,
  onSpawn: (child: ChildProcess) => void = () => {},
): Promise<number> {
  const child = spawnNext(['build'], { ...env, NODE_ENV: 'production' });
  onSpawn(child);
  const code = await waitForExit(child);
  if (code === 0) writeBuildStamp(projectRoot);
  return code;
}

/**
 * Empties what `next start` cached at run time (rendered pages, `unstable_cache` data). They
 * were made from the database of an earlier run, which may since have been reset, restored or
 * changed while the app was down (a CLI import): a fresh start renders each page once again.
 */
export function clearRuntimeCaches(env: NodeJS.ProcessEnv = process.env): void {
  const distDir = path.resolve(projectRoot, env.NEXT_DIST_DIR || '.next');
  rmSync(path.join(distDir, 'cache', 'fetch-cache'), { recursive: true, force: true });
  rmSync(path.join(distDir, 'server', 'route-cache'), { recursive: true, force: true });
}
