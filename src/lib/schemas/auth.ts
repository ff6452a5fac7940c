// Input schemas for sign-in and sessions: the demo sign-in form, and the use cases that
// next-auth's adapter and the sign-in email call.
import { z } from 'zod';

/** How long a session lives: at most maxAgeMs after sign-in, and idleMs after the last visit. */
export const sessionPolicySchema = z.object({ maxAgeMs: z.number().int().positive(), idleMs: z.number().int().positive() });

export const demoRoleSchema = z.enum(['admin', 'facilitator', 'fellow']);
export type DemoRole = z.infer<typeof demoRoleSchema>;

export const startDemoSessionInput = z.object({ role: demoRoleSchema, policy: sessionPolicySchema });
export type StartDemoSessionInput = z.input<typeof startDemoSessionInput>;

/** next-auth asks to move a session's expiry (`expires` absent: nothing to change). */
export const renewSessionInput = z.object({
  sessionToken: z.string().min(1),
  expires: z.date().optional(),
  maxAgeMs: z.number().int().positive(),
});
export type RenewSessionInput = z.input<typeof renewSessionInput>;

export const saveDevMailboxMessageInput = z.object({
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  url: z.string(),
});
export type SaveDevMailboxMessageInput = z.input<typeof saveDevMailboxMessageInput>;
