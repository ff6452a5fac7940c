'use client';

import { useEffect } from 'react';

/** Shown when a page fails to render; the server logs hold the details. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  // Production errors from the server carry only a digest, which matches the server's log line.
  const digest = error instanceof Error && 'digest' in error ? String(error.digest) : null;

  return (
    <div className="mx-auto w-full max-w-6xl px-5 py-16 sm:px-8">
      <div className="max-w-[65ch]">
        <h1 className="text-3xl font-bold tracking-tight">Something went wrong</h1>
        <p className="mt-3 text-lg text-muted">
          We couldn’t load this page. This is usually brief: try again in a moment. If it keeps happening, tell an
          admin{digest ? ' and quote the reference below' : ''}.
        </p>
        <button
          type="button"
          onClick={() => retry()}
          className="mt-6 rounded-lg bg-accent px-4 py-2 font-semibold text-on-accent hover:bg-accent-strong"
        >
          Try again
        </button>
        {digest ? <p className="mt-6 text-sm text-muted">Reference: {digest}</p> : null}
      </div>
    </div>
  );
}
