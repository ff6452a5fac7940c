// Input of one's weekly availability: the zone it is painted in and the half-hours chosen.
import { z } from 'zod';
import { isValidTimeZone } from '@/lib/cohort-calendar';
import { SLOTS_PER_WEEK } from '@/lib/week-slots';

export const saveAvailabilityInput = z.object({
  timeZone: z.string().trim().min(1).max(64).refine(isValidTimeZone, 'Choose a time zone from the list, such as Europe/London.'),
  /** Half-hour slots in the person's own zone: 0 = Monday 00:00–00:30 … 335. */
  localSlots: z.array(z.number().int().min(0).max(SLOTS_PER_WEEK - 1)).max(SLOTS_PER_WEEK),
});
