// Shared by the run page (server) and its live watcher (browser).

/** What makes the page worth rendering again: status, metric keys, images. */
export function runSignature(run: { status: string; metrics: { key: string }[]; artifacts: { id: string; createdAt: Date }[] }): string {
  return [run.status, run.metrics.map((metric) => metric.key).join(','), run.artifacts.map((image) => `${image.id}@${new Date(image.createdAt).getTime()}`).join(',')].join('|');
}
