// Inputs of one's own account.
import { z } from 'zod';
import { singleLine } from '@/lib/schemas/text';

export const updateNameInput = z.object({
  name: singleLine().min(1, 'Enter your name.').max(100, 'Use at most 100 characters.'),
});
