import { methodNotAllowed } from '@/server/api/rest';
import { defineTokenRoute } from '@/server/api/v1/token-route';
import { db } from '@/server/db/client';
import { describeToken } from '@/server/services/runs/runs';

/** GET /api/v1/me: the token's user and cohort, and the cohort's exercises. */
export const GET = defineTokenRoute({
  handler: ({ auth }) => describeToken(db, auth),
});

const otherMethod = methodNotAllowed(['GET']);
export { otherMethod as POST, otherMethod as PUT, otherMethod as PATCH, otherMethod as DELETE };
