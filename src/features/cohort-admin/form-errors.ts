// Field messages for a form from a failed mutation: zod's per-field messages (the
// errorFormatter's fieldErrors) and an AppError's details, such as "this address is taken".
import { TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@/server/api/root';
import { fieldErrors } from '@/trpc/errors';

export function formFieldErrors(error: unknown): Record<string, string[]> {
  const errors: Record<string, string[]> = { ...fieldErrors(error) };
  if (error instanceof TRPCClientError) {
    const details = (error as TRPCClientError<AppRouter>).data?.details ?? [];
    for (const detail of details) (errors[detail.path] ??= []).push(detail.message);
  }
  return errors;
}
