/** Shown on every page while demo mode is on, so nobody mistakes the site for a private one. */
export function DemoBanner() {
  return (
    <div role="note" aria-label="Demo mode" className="border-b border-warning/40 bg-warning-soft text-text">
      <p className="mx-auto w-full max-w-6xl px-5 py-2 text-[0.95rem] sm:px-8">
        <strong className="font-semibold">Demo mode:</strong> anyone can enter as a demo person. Don’t store real data.
      </p>
    </div>
  );
}
