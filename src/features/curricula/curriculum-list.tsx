import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { formatMinutes, pluralize } from '@/lib/format';
import type { CurriculumSummary } from '@/server/services/curricula/list-curricula';

export function CurriculumList({ curricula }: { curricula: CurriculumSummary[] }) {
  if (curricula.length === 0) {
    return (
      <EmptyState title="No curricula yet">
        Once an admin imports a syllabus, its weeks and readings appear here for everyone to read.
      </EmptyState>
    );
  }
  return (
    <ul className="grid gap-4 md:grid-cols-2">
      {curricula.map((curriculum) => (
        <li key={curriculum.slug} className="flex flex-col rounded-xl border border-line bg-surface p-5">
          <h3 className="text-lg font-semibold">
            <Link href={`/syllabus/${curriculum.slug}`}>{curriculum.title}</Link>
          </h3>
          {curriculum.description ? (
            <p className="mt-2 line-clamp-3 text-muted">{curriculum.description}</p>
          ) : null}
          <p className="mt-auto pt-3 text-sm text-muted">
            <CurriculumFacts curriculum={curriculum} />
          </p>
        </li>
      ))}
    </ul>
  );
}

function CurriculumFacts({ curriculum }: { curriculum: CurriculumSummary }) {
  const facts = [pluralize(curriculum.weekCount, 'week'), `${formatMinutes(curriculum.requiredMinutes)} of core readings`];
  if (curriculum.optionalMinutes > 0) facts.push(`${formatMinutes(curriculum.optionalMinutes)} optional`);
  return <>{facts.join(' · ')}</>;
}
