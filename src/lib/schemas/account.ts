// Inputs of one's own account.
import { z } from 'zod';

export const updateNameInput = z.object({
  name: z.string().trim().min(1, 'Enter your name.').max(100, 'Use at most 100 characters.'),
});
