import type { SyllabusGoal } from './types';

const CATEGORY_ORDER: { category: SyllabusGoal['category']; label: string }[] = [
  { category: 'THEORETICAL', label: 'Theoretical' },
  { category: 'PRACTICAL', label: 'Practical' },
  { category: 'GENERAL', label: 'General' },
];

export function LearningGoals({ goals, weekAnchor }: { goals: SyllabusGoal[]; weekAnchor: string }) {
  if (goals.length === 0) return null;
  const groups = CATEGORY_ORDER.map((group) => ({
    ...group,
    goals: goals.filter((goal) => goal.category === group.category),
  })).filter((group) => group.goals.length > 0);
  // Sub-headings only help when there is more than one kind of goal.
  const showCategoryHeadings = groups.length > 1 || groups[0]?.category !== 'GENERAL';
  const headingId = `${weekAnchor}-goals`;

  return (
    <section aria-labelledby={headingId} className="mt-6 rounded-xl bg-surface-muted px-5 py-4">
      <h3 id={headingId} className="text-lg font-semibold">
        Learning goals
      </h3>
      {groups.map((group) => (
        <div key={group.category} className="mt-3">
          {showCategoryHeadings ? <h4 className="font-semibold text-muted">{group.label}</h4> : null}
          <ul className="mt-1 list-disc space-y-1 pl-5 marker:text-muted">
            {group.goals.map((goal) => (
              <li key={goal.id}>{goal.text}</li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
