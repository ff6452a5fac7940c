// Slugs made unique by a numeric suffix: "spring-2027", then "spring-2027-2", "spring-2027-3".
import type { Prisma } from '@/generated/prisma/client';

const MAX_BASE = 100;

function trimBase(base: string): string {
  return base.slice(0, MAX_BASE).replace(/-+$/, '') || 'x';
}

function pickFree(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export async function uniqueCohortSlug(tx: Prisma.TransactionClient, base: string): Promise<string> {
  const trimmed = trimBase(base);
  const rows = await tx.cohort.findMany({ where: { slug: { startsWith: trimmed } }, select: { slug: true } });
  return pickFree(trimmed, new Set(rows.map((row) => row.slug)));
}

export async function uniqueCurriculumSlug(tx: Prisma.TransactionClient, base: string): Promise<string> {
  const trimmed = trimBase(base);
  const rows = await tx.curriculum.findMany({ where: { slug: { startsWith: trimmed } }, select: { slug: true } });
  return pickFree(trimmed, new Set(rows.map((row) => row.slug)));
}
