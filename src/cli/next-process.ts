// Runs Next's own CLI (build, start, dev) as a child process of the current one.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBuildStamp } from './build-stamp';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const nextBin = fileURLToPath(new URL('../../node_modules/next/dist/bin/next', import.meta.url));

/**
 * Node flags for the serving process. A larger young generation (V8's default semi-space is
 * 16 MB) keeps the short-lived objects of a 1,000-point ingest batch out of the old generation:
 * it lifted bench:ingest from ~0.45 to ~0.57 of raw pg. See docs/decisions/0008.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];

export function spawnNext(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const nodeFlags = args[0] === 'start' ? SERVER_NODE_FLAGS : [];
  return spawn(process.execPath, [...nodeFlags, nextBin, ...args], {
    cwd: projectRoot,
    env: { NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: 'inherit',
  });
}

/**
 * The production server (serve.ts: Next's handler with request ids, logs, metrics, readiness
 * and a graceful shutdown) as a child process, run from TypeScript through tsx.
 */
export function spawnServer(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const register = path.join(projectRoot, 'bin', 'register-tsx.mjs');
  return spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', register, path.join(projectRoot, 'src', 'cli', 'serve.ts'), ...args], {
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
