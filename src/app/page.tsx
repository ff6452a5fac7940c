import { Container } from '@/components/ui/container';
import { CohortList } from '@/features/cohorts/cohort-list';
import { CurriculumList } from '@/features/curricula/curriculum-list';
import { api } from '@/trpc/server';

// Rendered per request from the database, so `next build` needs none.
export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const [curricula, cohorts] = await Promise.all([api.curriculum.list(), api.cohort.list()]);

  return (
    <Container className="py-10 sm:py-14">
      <div className="max-w-[65ch]">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">AI-safety reading groups</h1>
        <p className="mt-3 text-lg text-muted">
          Each cohort works through a syllabus of weekly readings and meets in small discussion groups. Pick a
          curriculum to see its weeks, readings and learning goals.
        </p>
      </div>

      <section id="curricula" aria-labelledby="curricula-heading" className="mt-12">
        <h2 id="curricula-heading" className="mb-4 text-2xl font-semibold">
          Curricula
        </h2>
        <CurriculumList curricula={curricula} />
      </section>

      <section id="cohorts" aria-labelledby="cohorts-heading" className="mt-12">
        <h2 id="cohorts-heading" className="mb-4 text-2xl font-semibold">
          Cohorts
        </h2>
        <CohortList cohorts={cohorts} />
      </section>
    </Container>
  );
}
