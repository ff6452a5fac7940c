// The stdlib-only Python client's own tests (clients/python/tests), run with the machine's
// python3. Tests against the real server arrive with the ingestion API.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasPython, runPython } from '../support/python';

const clientDir = fileURLToPath(new URL('../../clients/python', import.meta.url));

describe.skipIf(!hasPython)('Python client (offline behaviour)', () => {
  it('passes its unittest suite', () => {
    const result = runPython(['-m', 'unittest', 'discover', '-s', 'tests'], { cwd: clientDir });
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stderr).toMatch(/Ran \d+ tests/);
  });
});
