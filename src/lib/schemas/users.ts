// Inputs of the site's people administration (admins only).
import { z } from 'zod';

export const setAdminInput = z.object({ userId: z.string().min(1).max(64), isAdmin: z.boolean() });
export const setDisabledInput = z.object({ userId: z.string().min(1).max(64), disabled: z.boolean() });
