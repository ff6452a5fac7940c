import { z } from 'zod';
import { createTRPCRouter, publicProcedure } from '@/server/api/trpc';
import { slugSchema } from '@/lib/schemas/slug';
import { listCurricula } from '@/server/services/curricula/list-curricula';
import { getCurriculumBySlug } from '@/server/services/curricula/get-curriculum';

// Syllabi are public for now; the issue that adds cohorts' private material revisits this.
export const curriculumRouter = createTRPCRouter({
  list: publicProcedure.input(z.void()).query(() => listCurricula()),

  bySlug: publicProcedure
    .input(z.object({ slug: slugSchema }))
    .query(({ input }) => getCurriculumBySlug(input.slug)),
});
