// Vitest's order, except that the files named here run last: the check of the e2e app's logs
// must see what every other browser test made the app write.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const LAST = ['tests/e2e/log-secrets.test.ts'];

export class LastFilesSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isLast = (file: TestSpecification) => LAST.some((name) => file.moduleId.endsWith(name));
    return [...sorted.filter((file) => !isLast(file)), ...sorted.filter(isLast)];
  }
}
