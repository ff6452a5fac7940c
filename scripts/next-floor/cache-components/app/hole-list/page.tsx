import { Suspense } from 'react';
import { connection } from 'next/server';
import { ReadingList } from '../../../shared';

async function Week() {
  await connection();
  return <ReadingList />;
}

// What a signed-in page becomes under partial prerendering when its content may only be shown
// after an access check: an empty shell, and the whole list rendered per request.
export default function HoleListPage() {
  return (
    <main>
      <h1>This week</h1>
      <Suspense fallback={<p>…</p>}>
        <Week />
      </Suspense>
    </main>
  );
}
