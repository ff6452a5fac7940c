import { z } from 'zod';
import { defineRoute } from '@/server/api/rest';
import { slugSchema } from '@/lib/schemas/slug';
import { getCurriculumBySlug } from '@/server/services/curricula/get-curriculum';

/** GET /api/v1/curricula/<slug>: the whole syllabus, weeks in order. Public for now. */
export const GET = defineRoute({
  params: z.object({ slug: slugSchema }),
  handler: ({ params }) => getCurriculumBySlug(params.slug),
});
