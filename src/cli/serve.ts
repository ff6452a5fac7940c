// The serving process `npm start` runs in place of `next start` (src/server/http/app-server.ts
// says what it adds). Arguments: --port P [--hostname H]; the rest comes from the environment
// the launcher passes on.
import { parseArgs } from 'node:util';
import { parseEnv } from '@/server/env';
import { logger } from '@/server/observability/logger';
import { projectRoot } from './next-process';
import { serveUntilStopped } from './serve-app';

const { values } = parseArgs({ options: { port: { type: 'string' }, hostname: { type: 'string' } } });

async function main() {
  const env = parseEnv();
  await serveUntilStopped(env, { dir: projectRoot, distDir: process.env.NEXT_DIST_DIR || '.next', port: Number(values.port ?? env.PORT), hostname: values.hostname });
  process.exit(0);
}

main().catch((error: unknown) => {
  logger().fatal({ err: error }, 'the server could not start');
  process.exit(1);
});
