// The drift check: schema.prisma and prisma/migrations must describe the same database.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSchemaDrift, PRISMA_DIR } from '@/server/db/migrations';

const url = () => process.env.DATABASE_URL!;

describe('schema drift check', () => {
  it('finds no difference between schema.prisma and the migrations', async () => {
    const drift = await checkSchemaDrift(url());
    // On failure this prints the message with the command to run.
    expect(drift, drift ?? '').toBeNull();
  });

  it('names the command to run when the schema changed without a migration', async () => {
    const schema = readFileSync(`${PRISMA_DIR}/schema.prisma`, 'utf8').replace(
      'model Curriculum {\n',
      'model Curriculum {\n  colour String?\n',
    );
    const drift = await checkSchemaDrift(url(), schema);
    expect(drift).toContain('npm run db:migration:create -- <name>');
    expect(drift).toMatch(/ADD COLUMN\s+"colour" TEXT/);
  });
});
