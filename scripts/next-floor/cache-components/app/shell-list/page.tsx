import { Suspense } from 'react';
import { cookies } from 'next/headers';
import { ReadingList } from '../../../shared';

async function SignedInAs() {
  const jar = await cookies();
  return <p>Signed in as {jar.get('who')?.value ?? 'nobody'}</p>;
}

// Partial prerendering at its best: the list is in the prerendered shell, and only one line
// (who is signed in) is rendered per request.
export default function ShellListPage() {
  return (
    <main>
      <Suspense fallback={<p>…</p>}>
        <SignedInAs />
      </Suspense>
      <h1>This week</h1>
      <ReadingList />
    </main>
  );
}
