import { connection } from 'next/server';

// The least a page rendered per request can be.
export default async function EmptyPage() {
  await connection();
  return <p>An empty dynamic page.</p>;
}
