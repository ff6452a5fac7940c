import Link from 'next/link';
import { Container } from '@/components/ui/container';

export default function NotFound() {
  return (
    <Container className="py-16">
      <div className="max-w-[65ch]">
        <h1 className="text-3xl font-bold tracking-tight">We couldn’t find that page</h1>
        <p className="mt-3 text-lg text-muted">
          The address may be mistyped, or the page may have moved. The home page lists every curriculum and cohort.
        </p>
        <p className="mt-6">
          <Link href="/">Go to the home page</Link>
        </p>
      </div>
    </Container>
  );
}
