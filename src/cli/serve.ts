// The serving process `npm start` runs in place of `next start` (src/server/http/app-server.ts
// says what it adds). Arguments: --port P [--hostname H]; the rest comes from the environment
// the launcher passes on.
import { parseArgs } from 'node:util';
import { parseEnv } from '@/server/env';
import { startAppServer } from '@/server/http/app-server';
import { logger } from '@/server/observability/logger';
import { projectRoot } from './next-process';

const { values } = parseArgs({ options: { port: { type: 'string' }, hostname: { type: 'string' } } });

async function main() {
  const env = parseEnv();
  const port = Number(values.port ?? env.PORT);
  const server = await startAppServer({
    dir: projectRoot,
    distDir: process.env.NEXT_DIST_DIR || '.next',
    port,
    hostname: values.hostname,
    directUrl: env.DIRECT_DATABASE_URL ?? env.DATABASE_URL,
    drainSeconds: env.FELLOWSHIP_DRAIN_SECONDS,
    shutdownTimeoutSeconds: env.FELLOWSHIP_SHUTDOWN_TIMEOUT_SECONDS,
    metricsToken: env.METRICS_TOKEN,
    metricsPort: env.METRICS_PORT,
  });
  logger().info({ port, hostname: values.hostname ?? null }, 'serving');
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void server.close(signal).finally(() => process.exit(0));
    });
  }
}

main().catch((error: unknown) => {
  logger().fatal({ err: error }, 'the server could not start');
  process.exit(1);
});
