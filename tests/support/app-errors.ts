// One way to assert that a service refused: the error it threw, checked to be an AppError (or,
// through tRPC, a TRPCError), with its code and message.
import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { AppError } from '@/server/errors';

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

/** The AppError a call failed with (the test fails if it succeeded or threw something else). */
export async function caughtAppError(promise: Promise<unknown>): Promise<AppError> {
  const error = await caught(promise);
  expect(error, 'expected the call to fail with an AppError').toBeInstanceOf(AppError);
  return error as AppError;
}

/** The code and message of an AppError, or of a TRPCError when the call went through tRPC. */
export async function caughtAppOrTRPCError(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await caught(promise);
  if (error instanceof AppError || error instanceof TRPCError) return { code: error.code, message: error.message };
  throw new Error(`Expected an AppError or TRPCError, got ${String(error)}`);
}

/** The call fails with an AppError of this code (and a message matching `message`). */
export async function expectAppError(promise: Promise<unknown>, code: AppError['code'], message?: RegExp): Promise<void> {
  const error = await caughtAppError(promise);
  expect(error.code).toBe(code);
  if (message) expect(error.message).toMatch(message);
}
