// Runs Next's own CLI (build, start, dev) as a child process of the current one.
import { spawn, type ChildProcess } from 'node:child_process';
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
