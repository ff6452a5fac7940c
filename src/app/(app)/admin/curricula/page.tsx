import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Container } from '@/components/ui/container';
import { CurriculumImport } from '@/features/curricula/curriculum-import';
import { CurriculumTemplates } from '@/features/curricula/curriculum-templates';
import { getRequestSession } from '@/server/auth/request-session';
import { api } from '@/trpc/server';
import { canOnSite } from '@/lib/permissions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Curricula' };

export default async function AdminCurriculaPage() {
  const session = await getRequestSession();
  // Not a hint that the page exists: everyone but admins sees the 404 page.
  if (!canOnSite(session?.user, 'curricula.manage')) notFound();
  const templates = await api.curricula.list();

  return (
    <Container className="py-10 sm:py-14">
      <h1 className="text-3xl font-bold tracking-tight">Curricula</h1>
      <p className="mt-2 max-w-[65ch] text-muted">
        Templates that cohorts are created from. Each cohort runs its own copy, so editing or replacing a template never
        changes a running cohort by surprise.
      </p>

      <section aria-labelledby="templates-heading" className="mt-10">
        <h2 id="templates-heading" className="text-2xl font-semibold">
          Templates
        </h2>
        <div className="mt-4">
          <CurriculumTemplates templates={templates} />
        </div>
      </section>

      <section aria-labelledby="import-heading" className="mt-12">
        <h2 id="import-heading" className="text-2xl font-semibold">
          Import markdown
        </h2>
        <p className="mt-2 max-w-[65ch] text-muted">
          A syllabus page in markdown, as reading groups publish them: weeks, readings with minutes, learning goals. You see
          what would be imported first; nothing is stored until you confirm.
        </p>
        <div className="mt-4">
          <CurriculumImport />
        </div>
      </section>
    </Container>
  );
}
