// Sibling order. Weeks, sections, readings and goals each have a `position` that is unique
// within their parent (@@unique([parentId, position])) and dense (1, 2, 3…). PostgreSQL checks
// such a constraint row by row during an UPDATE, so renumbering in place could collide
// halfway; instead the rows that move are first parked at negative positions, then written
// to their new ones, in two statements whatever the number of rows.
import { Prisma } from '@/generated/prisma/client';
import type { Tx } from './edit-transaction';

export type OrderedTable = 'CurriculumWeek' | 'CurriculumSection' | 'CurriculumItem' | 'LearningGoal' | 'CurriculumPrompt';

export type Positioned = { id: string; position: number };

/**
 * Gives `ids` the positions 1…n in the order given (with `skip`, the position left free for
 * a row about to be inserted). Only rows whose position changes are written.
 */
export async function writeOrder(tx: Tx, table: OrderedTable, current: Positioned[], ids: string[], skip?: number) {
  const now = new Map(current.map((row) => [row.id, row.position]));
  const moves: Positioned[] = [];
  ids.forEach((id, index) => {
    const position = skip !== undefined && index + 1 >= skip ? index + 2 : index + 1;
    if (now.get(id) !== position) moves.push({ id, position });
  });
  if (moves.length === 0) return;
  const tableName = Prisma.raw(`"${table}"`);
  const movingIds = moves.map((move) => move.id);
  await tx.$executeRaw`UPDATE ${tableName} SET "position" = -"position" - 1 WHERE "id" = ANY(${movingIds}::text[])`;
  await tx.$executeRaw`
    UPDATE ${tableName} AS t SET "position" = v.position
    FROM unnest(${movingIds}::text[], ${moves.map((move) => move.position)}::int[]) AS v(id, position)
    WHERE t."id" = v.id`;
}

/** Where `toPosition` lands in a list of `length` rows: 1…length (or length + 1 for a new row). */
export function clampPosition(toPosition: number | undefined, length: number): number {
  if (toPosition === undefined) return length + 1;
  return Math.min(Math.max(1, toPosition), length + 1);
}

/** `ids` with `id` moved to `toPosition` (1-based, clamped). */
export function moveInList(ids: string[], id: string, toPosition: number): string[] {
  const rest = ids.filter((other) => other !== id);
  const at = Math.min(Math.max(1, toPosition), rest.length + 1) - 1;
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}
