// Inputs of what a fellow does after the start: asking to switch group (for one meeting or for
// good), leaving, deferring to a later cohort; and of deciding a switch, handing a meeting over.
import { z } from 'zod';

const id = z.string().min(1).max(64);

export const requestSwitchInput = z
  .object({
    toGroupId: id,
    scope: z.enum(['ONE_WEEK', 'PERMANENT']),
    /** For ONE_WEEK: the receiving group's meeting the fellow joins. */
    meetingId: id.nullish(),
    reason: z.string().trim().max(1000, 'Keep the reason under 1,000 characters.').default(''),
  })
  .refine((input) => input.scope === 'PERMANENT' || Boolean(input.meetingId), { path: ['meetingId'], message: 'Choose the meeting you would join.' });

export const decideSwitchInput = z.object({ requestId: id, approve: z.boolean() });
export const cancelSwitchInput = z.object({ requestId: id });
export const deferInput = z.object({ toCohort: z.string().min(1).max(64) });
export const handOverMeetingInput = z.object({ meetingId: id, toMembershipId: id.nullable() });
