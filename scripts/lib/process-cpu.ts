// A process's CPU time, for the benchmarks' CPU per request: on 2 shared cores requests/s also
// carry PostgreSQL's and autocannon's share, and this figure does not.
import { readFileSync } from 'node:fs';

/** The process's CPU time so far (user + system, in ms) from /proc, or null where there is none. */
export function processCpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}
