import { methodNotAllowed } from '@/server/api/rest';
import { defineTokenRoute } from '@/server/api/v1/token-route';
import { describeToken } from '@/server/services/runs/runs';

/** GET /api/v1/me: the token's user and cohort, and the cohort's exercises. */
export const GET = defineTokenRoute({
  handler: ({ ctx }) => describeToken(ctx),
});

const otherMethod = methodNotAllowed(['GET']);
export { otherMethod as POST, otherMethod as PUT, otherMethod as PATCH, otherMethod as DELETE };
