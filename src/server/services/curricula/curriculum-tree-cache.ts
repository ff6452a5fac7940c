// A curriculum's tree (weeks → prompts, sections → items, and its closing prompts), read from
// the database once per version and kept in this process. Every member of a cohort sees the
// same syllabus, so the signed-in pages (the fellow's week, the facilitator's grid, the
// attendance sheet, the exercise lists) share one copy instead of reading and hydrating a
// hundred rows per request (ADR 0033).
//
// Keyed by the curriculum's id and version: every change to a curriculum bumps its version in
// the same transaction (the editor, imports, template changes), and a page reads the version
// with its cohort row, so no server can show an old tree after a change, with no invalidation
// message to lose. The trees are frozen: a reader that changed one would change every page.
import type { Prisma, PrismaClient } from '@/generated/prisma/client';
import { itemSelect } from '@/server/services/curriculum-editor/selects';
import { byPosition, promptFields, sectionFields, weekFields } from './curriculum-tree-select';

const treeSelect = {
  id: true,
  version: true,
  slug: true,
  title: true,
  closingTitle: true,
  prompts: { where: { weekId: null }, ...byPosition, select: { id: true, ...promptFields } },
  weeks: {
    ...byPosition,
    select: {
      id: true,
      position: true,
      ...weekFields,
      label: true,
      prompts: { ...byPosition, select: { id: true, ...promptFields } },
      sections: {
        ...byPosition,
        select: {
          id: true,
          position: true,
          ...sectionFields,
          statedMinutes: true,
          items: { ...byPosition, select: itemSelect },
        },
      },
    },
  },
} as const satisfies Prisma.CurriculumSelect;

// Frozen at run time (a write throws), not marked readonly: the tree's readers take plain arrays.
export type CurriculumTree = Prisma.CurriculumGetPayload<{ select: typeof treeSelect }>;
export type TreeWeek = CurriculumTree['weeks'][number];
export type TreeSection = TreeWeek['sections'][number];
export type TreeItem = TreeSection['items'][number];

/** A curriculum as a reader knows it: its id and the version it read with its cohort. */
export type CurriculumRef = { id: string; version: number };

// A few curricula are live at once (one per running cohort and its template): 64 is plenty.
const MAX_TREES = 64;
const trees = new Map<string, Promise<CurriculumTree | null>>();

function keyOf(ref: CurriculumRef): string {
  return `${ref.id}@${ref.version}`;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The tree of the curriculum at `ref.version`, from this process's copy when it has one. Null
 * when the curriculum does not exist. Concurrent first readers share one query.
 */
export function getCurriculumTree(db: PrismaClient, ref: CurriculumRef): Promise<CurriculumTree | null> {
  const key = keyOf(ref);
  const cached = trees.get(key);
  if (cached) {
    // Most recently used last, so the oldest is the first to go.
    trees.delete(key);
    trees.set(key, cached);
    return cached;
  }
  const loading = db.curriculum.findUnique({ where: { id: ref.id }, select: treeSelect }).then((tree) => {
    // Changed between the caller's read and this one: keep it under the version it has.
    if (tree && tree.version !== ref.version) {
      trees.delete(key);
      remember(keyOf(tree), Promise.resolve(deepFreeze(tree)));
    }
    return tree ? deepFreeze(tree) : null;
  });
  remember(key, loading);
  // A failed read is not remembered: the next request tries again.
  loading.catch(() => trees.delete(key));
  return loading;
}

function remember(key: string, tree: Promise<CurriculumTree | null>) {
  trees.set(key, tree);
  while (trees.size > MAX_TREES) trees.delete(trees.keys().next().value!);
}

/** Forgets every tree (tests that change curricula behind the services' back). */
export function forgetCurriculumTrees(): void {
  trees.clear();
}
