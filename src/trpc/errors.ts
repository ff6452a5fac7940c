// What a form shows when a procedure fails: the server's message (already written for people)
// and the per-field messages from the errorFormatter in src/server/api/trpc.ts.
import { TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@/server/api/root';

const NETWORK_MESSAGE = 'We could not reach the server. Check your connection and try again.';

export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    // No shape means the request never got a tRPC answer (offline, proxy error page…).
    return error.shape ? error.message : NETWORK_MESSAGE;
  }
  return NETWORK_MESSAGE;
}

export function fieldErrors(error: unknown): Record<string, string[]> {
  if (error instanceof TRPCClientError) {
    const data = (error as TRPCClientError<AppRouter>).data;
    return data?.fieldErrors ?? {};
  }
  return {};
}

/** fieldErrors plus an AppError's details (such as "this address is taken") under their paths. */
export function formFieldErrors(error: unknown): Record<string, string[]> {
  const errors: Record<string, string[]> = { ...fieldErrors(error) };
  if (error instanceof TRPCClientError) {
    const details = (error as TRPCClientError<AppRouter>).data?.details ?? [];
    for (const detail of details) (errors[detail.path] ??= []).push(detail.message);
  }
  return errors;
}
