// For admins: what was emailed, what failed and why, retries, and clearing a bouncing address.
import { z } from 'zod';
import { createTRPCRouter, siteProcedure } from '@/server/api/trpc';
import { clearBouncingAddress, getNotificationOverview, retryNotification } from '@/server/services/notifications/notification-overview';

export const notificationsRouter = createTRPCRouter({
  overview: siteProcedure('notifications.manage')
    .input(z.object({ days: z.number().int().min(1).max(90).default(7) }))
    .query(({ ctx, input }) => getNotificationOverview(ctx, input)),

  retry: siteProcedure('notifications.manage')
    .input(z.object({ id: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) => retryNotification(ctx, input)),

  clearBouncing: siteProcedure('notifications.manage')
    .input(z.object({ email: z.string().min(3).max(320) }))
    .mutation(({ ctx, input }) => clearBouncingAddress(ctx, input)),
});
