import { Heading } from './heading';
import type { SyllabusPageGoal } from './types';

const CATEGORY_ORDER: { category: SyllabusPageGoal['category']; label: string }[] = [
  { category: 'THEORETICAL', label: 'Theoretical' },
  { category: 'PRACTICAL', label: 'Practical' },
  { category: 'GENERAL', label: 'General' },
];

export function LearningGoals({ goals, headingLevel = 3 }: { goals: SyllabusPageGoal[]; headingLevel?: number }) {
  if (goals.length === 0) return null;
  const groups = CATEGORY_ORDER.map((group) => ({
    ...group,
    goals: goals.filter((goal) => goal.category === group.category),
  })).filter((group) => group.goals.length > 0);
  // Sub-headings only help when there is more than one kind of goal.
  const showCategoryHeadings = groups.length > 1 || groups[0]?.category !== 'GENERAL';
  return (
    <div className="syl-goals">
      <Heading level={headingLevel} className="text-lg font-semibold">
        Learning goals
      </Heading>
      {groups.map((group) => (
        <div key={group.category}>
          {showCategoryHeadings ? (
            <Heading level={headingLevel + 1} className="mt-3 font-semibold text-muted">
              {group.label}
            </Heading>
          ) : null}
          <ul>
            {group.goals.map((goal, index) => (
              <li key={index}>{goal.text}</li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
