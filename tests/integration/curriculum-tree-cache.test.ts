// The curriculum tree kept per version (curriculum-tree-cache.ts, ADR 0033): one read per
// version, an edit through the editor shows at the next read, concurrent first readers share one
// query, and the kept tree cannot be changed by a reader.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '@/server/api/root';
import { createTRPCContext } from '@/server/api/trpc';
import { db } from '@/server/db/client';
import { createSession } from '@/server/services/auth/sessions';
import { getCurriculumTree } from '@/server/services/curricula/curriculum-tree-cache';
import { importSyllabus } from '@/server/services/syllabus/import-syllabus';
import { parseSyllabusMarkdown } from '@/server/services/syllabus/parse-syllabus';
import { createUser } from '../factories';

const diffusionText = readFileSync(path.join(process.cwd(), 'prisma/seed/diffusion-track.md'), 'utf8');

let admin: ReturnType<typeof createCaller>;

beforeAll(async () => {
  const user = await createUser({ isAdmin: true });
  const { sessionToken } = await createSession(db, user.id, { maxAgeMs: 86_400_000, idleMs: 86_400_000 });
  admin = createCaller(await createTRPCContext({ headers: new Headers({ cookie: `next-auth.session-token=${sessionToken}` }) }));
});

async function imported(slug: string) {
  await importSyllabus({ db, user: null }, { syllabus: parseSyllabusMarkdown(diffusionText, { slug }) });
  return db.curriculum.findUniqueOrThrow({ where: { slug }, select: { id: true, version: true } });
}

describe('the curriculum tree kept per version', () => {
  it('reads a version once, and shows an edit at the next read', async () => {
    const ref = await imported('tree-cache-edit');
    const first = await getCurriculumTree(db, ref);
    expect(first?.weeks.length).toBeGreaterThan(0);
    // The same version: the same object, no second read.
    expect(await getCurriculumTree(db, ref)).toBe(first);

    const item = first!.weeks[0]!.sections[0]!.items[0]!;
    await admin.curriculumEditor.updateItem({ curriculum: 'tree-cache-edit', itemId: item.id, title: 'Renamed in the editor' });
    const after = await db.curriculum.findUniqueOrThrow({ where: { id: ref.id }, select: { id: true, version: true } });
    expect(after.version).toBeGreaterThan(ref.version);
    const edited = await getCurriculumTree(db, after);
    expect(edited).not.toBe(first);
    expect(edited!.weeks[0]!.sections[0]!.items[0]!.title).toBe('Renamed in the editor');
  });

  it('shares one read among concurrent first readers, and keeps a tree no reader can change', async () => {
    const ref = await imported('tree-cache-shared');
    const trees = await Promise.all(Array.from({ length: 5 }, () => getCurriculumTree(db, ref)));
    expect(new Set(trees).size).toBe(1);
    const tree = trees[0]!;
    expect(() => {
      (tree.weeks[0] as { title: string }).title = 'changed by a reader';
    }).toThrow(TypeError);
    expect(() => tree.weeks.push(tree.weeks[0]!)).toThrow(TypeError);
  });

  it('keeps what it read under the version it read when the curriculum moved on in between', async () => {
    const ref = await imported('tree-cache-moved');
    await db.curriculum.update({ where: { id: ref.id }, data: { version: { increment: 1 } } });
    // A reader that still had the old version gets the current tree, kept under the new one.
    const tree = await getCurriculumTree(db, ref);
    expect(tree?.version).toBe(ref.version + 1);
    expect(await getCurriculumTree(db, { id: ref.id, version: ref.version + 1 })).toBe(tree);
  });

  it('answers null for a curriculum that does not exist', async () => {
    expect(await getCurriculumTree(db, { id: 'no-such-curriculum', version: 1 })).toBeNull();
  });
});

