// The machine's python3, for the tests of the stdlib-only Python client (clients/python): one
// check whether it is there (tests skip cleanly without it) and one way to run it.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';

export const hasPython = spawnSync('python3', ['--version']).status === 0;

/** Runs `python3 <args>` to the end, with its output as text. */
export function runPython(args: string[], options: Omit<SpawnSyncOptions, 'encoding'> = {}) {
  return spawnSync('python3', args, { ...options, encoding: 'utf8' });
}
