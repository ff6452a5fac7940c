import { connection } from 'next/server';
import { ReadingList } from '../../../shared';

// A page-sized list rendered per request, as the app's signed-in pages are.
export default async function ListPage() {
  await connection();
  return (
    <main>
      <h1>This week</h1>
      <ReadingList />
    </main>
  );
}
