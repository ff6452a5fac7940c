// The app's server as the benchmarks run it: the production build (built first when the sources
// changed), served as `npm start` serves it (src/cli/serve.ts: Next's handler with request logs,
// metrics and the cache listener, with SERVER_NODE_FLAGS) or, with BENCH_SERVER=next, by plain
// `next start` for comparison; on a free port of 127.0.0.1, returned once it answers
// /api/health; and stopped afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { isBuildCurrent } from '@/cli/build-stamp';
import { buildApp, clearRuntimeCaches, projectRoot, SERVER_NODE_FLAGS } from '@/cli/next-process';
import { findFreePort } from '@/server/db/embedded';

export type BenchNext = { child: ChildProcess; url: string };

export async function startBenchNext(
  env: NodeJS.ProcessEnv,
  options: {
    log: (message: string) => void;
    /** A port chosen beforehand (when env names it, e.g. in NEXTAUTH_URL); a free one otherwise. */
    port?: number;
    /** More Node flags for the server (a CPU profile). */
    nodeFlags?: string[];
    /** Empty what an earlier run cached at run time: it belongs to another database. */
    clearCaches?: boolean;
  },
): Promise<BenchNext> {
  // No drain on SIGTERM: nothing balances a benchmark's server, and stopBenchNext kills it after 5 s.
  const serverEnv: NodeJS.ProcessEnv = { FELLOWSHIP_DRAIN_SECONDS: '0', ...env, NODE_ENV: 'production' };
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (!isBuildCurrent(projectRoot)) {
    options.log(`building the app into ${distDir} (the sources changed since the last build)…`);
    const code = await buildApp(serverEnv);
    if (code !== 0) throw new Error(`next build failed (${code})`);
  } else {
    options.log(`using the current build in ${distDir}`);
  }
  if (options.clearCaches) clearRuntimeCaches(serverEnv);

  const port = options.port ?? (await findFreePort());
  const url = `http://127.0.0.1:${port}`;
  const plainNext = process.env.BENCH_SERVER === 'next';
  const entry = plainNext
    ? [path.join(projectRoot, 'node_modules/next/dist/bin/next'), 'start']
    : ['--import', path.join(projectRoot, 'bin/register-tsx.mjs'), path.join(projectRoot, 'src/cli/serve.ts')];
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...(options.nodeFlags ?? []), ...entry, '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: projectRoot,
    env: serverEnv,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    if (await fetch(`${url}/api/health`).then((response) => response.ok, () => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('the server did not answer /api/health in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  options.log(`${plainNext ? 'next start' : 'serve.ts'} on ${url} (pid ${child.pid})`);
  return { child, url };
}

/** SIGTERM, and SIGKILL when it has not exited within 5 s. */
export async function stopBenchNext(next: BenchNext | undefined): Promise<void> {
  const child = next?.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
