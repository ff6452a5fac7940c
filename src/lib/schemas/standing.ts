// Inputs of the standing views: a facilitator's group grid.
import { z } from 'zod';

export const groupProgressInput = z.object({
  groupId: z.string().min(1).max(100).optional(),
  /** A week's position in the syllabus; null for the whole cohort; omitted for the current week. */
  week: z.number().int().min(1).max(1000).nullable().optional(),
});

export type GroupProgressInput = z.input<typeof groupProgressInput>;
