import { curriculumSlugInput } from '@/lib/schemas/curricula';
import { defineRoute } from '@/server/api/rest';
import { requestContext } from '@/server/services/context';
import { getCurriculumBySlug } from '@/server/services/curricula/get-curriculum';

/** GET /api/v1/curricula/<slug>: the whole syllabus, weeks in order. Public for now. */
export const GET = defineRoute({
  params: curriculumSlugInput,
  handler: ({ params }) => getCurriculumBySlug(requestContext(null), params),
});
