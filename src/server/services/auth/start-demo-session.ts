// Demo mode's one-click sign-in: a database session for a seeded demo person.
import type { StartDemoSessionInput } from '@/lib/schemas/auth';
import { nowOf, type ServiceContext } from '@/server/services/context';
import { DEMO_EMAILS } from '@/server/services/demo/demo-people';
import { createSession } from './sessions';

const DEMO_EMAIL_BY_ROLE = {
  admin: DEMO_EMAILS.admin,
  facilitator: DEMO_EMAILS.facilitators[0],
  fellow: DEMO_EMAILS.fellows[0],
} as const;

/** A new session for the demo person playing `role`, or null when the demo data is missing (or they are disabled). */
export async function startDemoSession(ctx: ServiceContext, input: StartDemoSessionInput) {
  const user = await ctx.db.user.findUnique({
    where: { email: DEMO_EMAIL_BY_ROLE[input.role] },
    select: { id: true, disabledAt: true },
  });
  if (!user || user.disabledAt) return null;
  return createSession(ctx.db, user.id, input.policy, nowOf(ctx));
}
