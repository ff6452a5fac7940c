// A week's discussion prompts (or the closing section's) on the syllabus page: what to think
// about before the meeting. Fellows answer them on their cohort home.
import type { SyllabusPagePrompt } from '@/server/services/curricula/syllabus-page';
import { Heading } from './heading';

export function SyllabusPrompts({
  title,
  prompts,
  headingLevel,
}: {
  title: string | null;
  prompts: SyllabusPagePrompt[];
  headingLevel: number;
}) {
  if (prompts.length === 0) return null;
  const allReflection = prompts.every((prompt) => prompt.kind === 'REFLECTION');
  return (
    <div className="mt-8 break-inside-avoid rounded-xl border border-line bg-surface-muted px-5 py-4">
      <Heading level={headingLevel} className="text-lg font-semibold">
        {title ? title.replace(/[:：]\s*$/, '') : allReflection ? 'Reflection' : 'Discussion prompts'}
      </Heading>
      <ol className="mt-2 list-decimal space-y-2 pl-6">
        {prompts.map((prompt) => (
          <li key={prompt.id}>
            {prompt.kind === 'REFLECTION' && !allReflection ? <span className="text-sm font-medium text-muted">Reflection: </span> : null}
            {/* Sanitised by renderMarkdown on the server. */}
            <span className="[&_a]:underline [&_p]:inline" dangerouslySetInnerHTML={{ __html: prompt.html }} />
          </li>
        ))}
      </ol>
    </div>
  );
}
