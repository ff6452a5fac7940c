// What the two fixture apps of `npm run bench:floor` render: a week-like list of readings, about
// the size of the app's signed-in pages (≈ 25 KB of HTML, and its RSC payload again beside it).
import type { ReactNode } from 'react';

export function FloorLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}

export function ReadingList({ count = 100 }: { count?: number }) {
  return (
    <ul>
      {Array.from({ length: count }, (_, i) => (
        <li key={i} className="flex items-center gap-2 rounded border p-2">
          <a href={`/readings/${i}`}>Reading number {i}: a title of some length</a>
          <span className="text-sm text-gray-500">{i % 40} min</span>
        </li>
      ))}
    </ul>
  );
}
