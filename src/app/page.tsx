import Link from 'next/link';
import { redirect } from 'next/navigation';
import { buttonClasses } from '@/components/ui/button-styles';
import { Container } from '@/components/ui/container';
import { CohortList } from '@/features/cohorts/cohort-list';
import { CurriculumList } from '@/features/curricula/curriculum-list';
import { api } from '@/trpc/server';
import { canOnSite } from '@/lib/permissions';

// Rendered per request from the database, so `next build` needs none.
export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const [curricula, cohorts, signedIn, toReview] = await Promise.all([
    api.curricula.published(),
    api.cohorts.mine(),
    api.account.me().then(
      (me) => me,
      () => null,
    ),
    api.applications.toReview().catch(() => []),
  ]);
  const memberOf = cohorts.filter((cohort) => cohort.myRole !== null);
  // A fellow or facilitator of one cohort goes straight to it; admins keep the overview.
  if (signedIn && !canOnSite(signedIn, 'cohorts.manage') && memberOf.length === 1 && toReview.length === 0) redirect(`/cohorts/${memberOf[0]!.slug}`);

  return (
    <Container className="py-10 sm:py-14">
      <div className="max-w-[65ch]">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">AI-safety reading groups</h1>
        <p className="mt-3 text-lg text-muted">
          Each cohort works through a syllabus of weekly readings and meets in small discussion groups. Pick a
          curriculum to see its weeks, readings and learning goals.
        </p>
        {signedIn ? null : (
          <p className="mt-6">
            <Link href="/signin" className={buttonClasses('primary')}>
              Sign in to your cohort
            </Link>
          </p>
        )}
      </div>

      {toReview.length ? (
        <section aria-labelledby="review-heading" className="mt-12">
          <h2 id="review-heading" className="mb-4 text-2xl font-semibold">
            Applications to review
          </h2>
          <ul className="grid gap-2">
            {toReview.map((cohort) => (
              <li key={cohort.slug}>
                <Link href={`/cohorts/${cohort.slug}/applications`}>{cohort.name}</Link> <span className="text-muted">· {cohort.toDecide} to decide</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {signedIn ? (
        <section id="cohorts" aria-labelledby="cohorts-heading" className="mt-12">
          <h2 id="cohorts-heading" className="mb-4 text-2xl font-semibold">
            {canOnSite(signedIn, 'cohorts.manage') ? 'Cohorts' : 'Your cohorts'}
          </h2>
          <CohortList cohorts={cohorts} />
        </section>
      ) : null}

      <section id="curricula" aria-labelledby="curricula-heading" className="mt-12">
        <h2 id="curricula-heading" className="mb-4 text-2xl font-semibold">
          Curricula
        </h2>
        <CurriculumList curricula={curricula} />
      </section>
    </Container>
  );
}
