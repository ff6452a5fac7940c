'use client';

// Every change the editor makes: shown at once in the page's copy of the curriculum, sent to
// the server, and put back if the server refuses. After the last save in flight settles, the
// curriculum is read again so that what the page shows is what is stored.
import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { errorMessage, fieldErrors, formFieldErrors } from '@/trpc/errors';
import { useTRPC, useTRPCClient } from '@/trpc/react';
import type { EditorData } from './editor-tree';

/** The message for one field: its own from the server, else the server's general one. */
export function messageFor(error: unknown, field?: string): string {
  if (field) {
    const own = fieldErrors(error)[field];
    if (own?.length) return own.join(' ');
    // With no schema message for the field, the first of an AppError's details for it.
    const details = formFieldErrors(error)[field];
    if (details?.length) return details[0] ?? '';
  }
  return errorMessage(error);
}

export function useEditorActions(slug: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const queryKey = trpc.curriculumEditor.get.queryKey({ curriculum: slug });
  const inFlight = useRef(0);

  function current(): EditorData | undefined {
    return queryClient.getQueryData<EditorData>(queryKey);
  }

  /**
   * Applies `optimistic` to the page's copy, runs `call`, and on failure undoes the change
   * with `rollback` (given the copy as it is then) or by putting the old copy back. Throws an
   * Error with a message for people; `field` picks that field's own message.
   */
  async function run<T>(options: {
    optimistic?: (data: EditorData) => EditorData;
    rollback?: (data: EditorData) => EditorData;
    field?: string;
    call: () => Promise<T>;
    /** Puts the server's answer into the page's copy (an added row with its new id). */
    apply?: (data: EditorData, result: T) => EditorData;
  }): Promise<T> {
    await queryClient.cancelQueries({ queryKey });
    const previous = current();
    if (options.optimistic && previous) queryClient.setQueryData<EditorData>(queryKey, options.optimistic(previous));
    inFlight.current += 1;
    try {
      const result = await options.call();
      if (options.apply) queryClient.setQueryData<EditorData>(queryKey, (data) => (data ? options.apply!(data, result) : data));
      return result;
    } catch (error) {
      if (options.rollback) queryClient.setQueryData<EditorData>(queryKey, (data) => (data ? options.rollback!(data) : data));
      else if (previous) queryClient.setQueryData<EditorData>(queryKey, previous);
      throw new Error(messageFor(error, options.field));
    } finally {
      inFlight.current -= 1;
      if (inFlight.current === 0) void queryClient.invalidateQueries({ queryKey });
    }
  }

  /** Replaces the page's copy with a function of it, without a server call (after an add). */
  function update(change: (data: EditorData) => EditorData) {
    queryClient.setQueryData<EditorData>(queryKey, (data) => (data ? change(data) : data));
  }

  return { api: client.curriculumEditor, run, current, update };
}

export type EditorActions = ReturnType<typeof useEditorActions>;
