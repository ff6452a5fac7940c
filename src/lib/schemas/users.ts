// Inputs of the site's people administration (admins only).
import { z } from 'zod';

export const setAdminInput = z.object({ userId: z.string().min(1).max(64), isAdmin: z.boolean() });
export const setDisabledInput = z.object({ userId: z.string().min(1).max(64), disabled: z.boolean() });

/**
 * Erasing a person: the admin types the person's email as they see it, so a slip of the mouse
 * on the wrong row cannot erase anyone (the server compares it again).
 */
export const eraseUserInput = z.object({
  userId: z.string().min(1).max(64),
  confirmEmail: z.string().trim().min(1, 'Type their email address to confirm.').max(320),
});

/** What an erased person is called everywhere their name was. */
export const ERASED_NAME = 'Erased person';

/** The placeholder address an erased person keeps: unique, and never deliverable (RFC 2606's .invalid). */
export function erasedEmailFor(userId: string): string {
  return `erased-${userId}@invalid`;
}
