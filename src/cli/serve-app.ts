// Serving a built app until SIGTERM or Ctrl-C: what `npm start` runs as its child (serve.ts) and
// what the Docker image runs (`fellowship serve`, on Next's standalone output).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Env } from '@/server/env';
import { startAppServer } from '@/server/http/app-server';
import { logger } from '@/server/observability/logger';

export async function serveUntilStopped(env: Env, options: { dir: string; distDir?: string; port: number; hostname?: string }): Promise<void> {
  const distDir = options.distDir ?? '.next';
  // Next's standalone output has no next.config.ts: its config comes with the build, and Next
  // reads it from this variable (as the standalone server.js sets it).
  let conf: Record<string, unknown> | undefined;
  if (!['next.config.ts', 'next.config.js', 'next.config.mjs'].some((name) => existsSync(path.join(options.dir, name)))) {
    conf = (JSON.parse(readFileSync(path.join(options.dir, distDir, 'required-server-files.json'), 'utf8')) as { config: Record<string, unknown> }).config;
    process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(conf);
  }
  const server = await startAppServer({
    dir: options.dir,
    distDir,
    conf,
    port: options.port,
    hostname: options.hostname,
    directUrl: env.DIRECT_DATABASE_URL ?? env.DATABASE_URL,
    drainSeconds: env.FELLOWSHIP_DRAIN_SECONDS,
    shutdownTimeoutSeconds: env.FELLOWSHIP_SHUTDOWN_TIMEOUT_SECONDS,
    metricsToken: env.METRICS_TOKEN,
    metricsPort: env.METRICS_PORT,
  });
  logger().info({ port: options.port, hostname: options.hostname ?? null }, 'serving');
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    for (const name of ['SIGTERM', 'SIGINT'] as const) process.once(name, () => resolve(name));
  });
  await server.close(signal);
}
