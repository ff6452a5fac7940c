import path from 'node:path';
import { parseEnv } from '@/server/env';
import { defineCommand, stringOption } from '../command';
import { serveUntilStopped } from '../serve-app';

export const serve = defineCommand<{ stopped: true }>({
  name: 'serve',
  synopsis: ['serve [--port P] [--hostname H] [--dir D]'],
  summary: [
    'Serve a built app from folder D (default: here; the Docker image runs this) until SIGTERM:',
    'request logs, /metrics, readiness apart from liveness, a drain before stopping',
  ],
  options: { port: { type: 'string' }, hostname: { type: 'string' }, dir: { type: 'string' } },
  run: async ({ values }) => {
    const env = parseEnv();
    const port = Number(stringOption(values, 'port') ?? env.PORT);
    await serveUntilStopped(env, {
      dir: path.resolve(stringOption(values, 'dir') ?? process.cwd()),
      distDir: process.env.NEXT_DIST_DIR || '.next',
      port,
      hostname: stringOption(values, 'hostname'),
    });
    return { stopped: true as const };
  },
  print: () => 'Server stopped.',
});
