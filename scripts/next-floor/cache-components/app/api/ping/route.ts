import { connection } from 'next/server';

// The baseline: a route handler that answers per request, with no database.
export async function GET() {
  await connection();
  return Response.json({ status: 'ok' });
}
