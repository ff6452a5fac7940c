import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button-styles';
import { EmptyState } from '@/components/ui/empty-state';
import { Table } from '@/components/ui/table';
import { pluralize } from '@/lib/format';
import type { RouterOutputs } from '@/trpc/react';

type Template = RouterOutputs['curricula']['list'][number];

/** The admin's templates: what each holds, which cohorts run it, and what can be done with it. */
export function CurriculumTemplates({ templates }: { templates: Template[] }) {
  if (templates.length === 0) {
    return (
      <EmptyState title="No curricula yet">Import a syllabus from markdown below; cohorts are then created from it.</EmptyState>
    );
  }
  return (
    <Table
      caption="Curriculum templates, with the cohorts that run them"
      minWidth="44rem"
      density="roomy"
      columns={['Curriculum', 'Weeks', 'Cohorts using it', 'Actions']}
    >
      {templates.map((template) => (
        <tr key={template.slug}>
          <th scope="row" className="text-left font-normal">
            <Link href={`/syllabus/${template.slug}`} className="font-semibold">
              {template.title}
            </Link>
            <span className="block text-sm text-muted">
              {template.slug} · version {template.version}
            </span>
          </th>
          <td className="whitespace-nowrap">
            {pluralize(template.weekCount, 'week')}
            <span className="block text-sm text-muted">{pluralize(template.readingCount, 'reading')}</span>
          </td>
          <td>
            {template.cohorts.length === 0 ? (
              <span className="text-muted">None yet</span>
            ) : (
              <ul className="flex flex-wrap gap-x-3 gap-y-1">
                {template.cohorts.map((cohort) => (
                  <li key={cohort.slug} className="flex items-center gap-1.5">
                    <Link href={`/cohorts/${cohort.slug}`}>{cohort.name}</Link>
                    {cohort.status === 'ARCHIVED' ? <Badge>Archived</Badge> : cohort.status === 'DRAFT' ? <Badge tone="warning">Draft</Badge> : null}
                  </li>
                ))}
              </ul>
            )}
          </td>
          <td>
            <div className="flex flex-wrap gap-2">
              <Link href={`/admin/curricula/${template.slug}/edit`} className={buttonClasses('secondary', 'sm')}>
                Edit<span className="sr-only"> {template.title}</span>
              </Link>
              <a href={`/admin/curricula/${template.slug}/export`} download className={buttonClasses('secondary', 'sm')}>
                Download markdown<span className="sr-only"> of {template.title}</span>
              </a>
            </div>
          </td>
        </tr>
      ))}
    </Table>
  );
}
