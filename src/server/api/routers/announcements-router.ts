// Announcements: count the recipients, send, and list what one was written.
import { z } from 'zod';
import { announcementAudienceInput, sendAnnouncementInput } from '@/lib/schemas/announcements';
import { cohortProcedure, createTRPCRouter } from '@/server/api/trpc';
import { countAnnouncementRecipients, listAnnouncements, sendAnnouncement } from '@/server/services/announcements/announcements';

export const announcementsRouter = createTRPCRouter({
  count: cohortProcedure('announcements.send').input(announcementAudienceInput).query(({ ctx, input }) => countAnnouncementRecipients(ctx, input)),

  send: cohortProcedure('announcements.send').input(sendAnnouncementInput).mutation(({ ctx, input }) => sendAnnouncement(ctx, input)),

  list: cohortProcedure('cohort.view').input(z.object({ limit: z.number().int().min(1).max(50).optional() })).query(({ ctx, input }) => listAnnouncements(ctx, input)),
});
