// The stdlib-only Python client's own tests (clients/python/tests), run with the machine's
// python3. Tests against the real server arrive with the ingestion API.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const clientDir = fileURLToPath(new URL('../../clients/python', import.meta.url));
const python = spawnSync('python3', ['--version']).status === 0 ? 'python3' : null;

describe.skipIf(!python)('Python client (offline behaviour)', () => {
  it('passes its unittest suite', () => {
    const result = spawnSync(python!, ['-m', 'unittest', 'discover', '-s', 'tests'], { cwd: clientDir, encoding: 'utf8' });
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stderr).toMatch(/Ran \d+ tests/);
  });
});
