import type { Prisma } from '@/generated/prisma/client';

/** A meeting as its pages and its reconciliation read it: when, where, and whether it moved or was cancelled. */
export const meetingSelect = {
  id: true,
  groupId: true,
  weekPosition: true,
  regular: true,
  startsAt: true,
  minutes: true,
  location: true,
  videoUrl: true,
  movedAt: true,
  cancelledAt: true,
} as const satisfies Prisma.MeetingSelect;
