import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeBuildHash, isBuildCurrent, writeBuildStamp } from '@/cli/build-stamp';

function makeProject() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'stamp-'));
  mkdirSync(path.join(root, 'src/app'), { recursive: true });
  mkdirSync(path.join(root, '.next'), { recursive: true });
  writeFileSync(path.join(root, 'src/app/page.tsx'), 'export default 1');
  return root;
}

describe('build stamp', () => {
  it('is stale without a build, current after stamping, stale again after an edit', () => {
    const root = makeProject();
    expect(isBuildCurrent(root)).toBe(false);
    writeFileSync(path.join(root, '.next/BUILD_ID'), 'x');
    writeBuildStamp(root);
    expect(isBuildCurrent(root)).toBe(true);
    writeFileSync(path.join(root, 'src/app/page.tsx'), 'export default 2');
    expect(isBuildCurrent(root)).toBe(false);
  });

  it('ignores generated code, which follows from the schema', () => {
    const root = makeProject();
    const before = computeBuildHash(root);
    mkdirSync(path.join(root, 'src/generated'), { recursive: true });
    writeFileSync(path.join(root, 'src/generated/client.ts'), 'generated');
    expect(computeBuildHash(root)).toBe(before);
  });
});
