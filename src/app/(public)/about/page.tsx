// What Fellowship is, for visitors. A fully static page: rendered at build time and served
// from Next's cache (also the baseline of `npm run bench:syllabus`).
import type { Metadata } from 'next';
import Link from 'next/link';
import { Container } from '@/components/ui/container';

// headers() reads as empty here, so the site header renders signed out and needs no database.
export const dynamic = 'force-static';

export const metadata: Metadata = {
  title: 'About',
  description: 'Fellowship runs reading-group fellowships: a syllabus of weekly readings, discussion groups and progress.',
};

export default function AboutPage() {
  return (
    <Container className="py-10 sm:py-14">
      <div className="max-w-[65ch]">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">About Fellowship</h1>
        <p className="mt-4 text-lg">
          Fellowship runs AI-safety reading groups. Each cohort works through a syllabus of weekly readings and meets in
          small discussion groups led by facilitators.
        </p>
        <p className="mt-4">
          Admins import a syllabus from markdown, give it dates, and invite fellows and facilitators. Fellows see this
          week’s readings with their minutes, tick them off as they go, and find their group’s meeting time in one place.
        </p>
        <p className="mt-6">
          <Link href="/#curricula">Browse the syllabi</Link>
        </p>
      </div>
    </Container>
  );
}
