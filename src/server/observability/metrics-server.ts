// A port of its own that serves this process's /metrics without a token (METRICS_PORT for a
// web server, FELLOWSHIP_WORKER_METRICS_PORT for a worker): keep it off the public network.
import http from 'node:http';
import { renderMetrics } from './metrics';

/** Answers /metrics (and 404 for anything else) on `port`; resolves once it listens. */
export async function listenForMetrics(port: number, hostname?: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if ((req.url ?? '').split('?', 1)[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    void renderMetrics().then(({ contentType, body }) => res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' }).end(body));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => resolve());
  });
  return server;
}
