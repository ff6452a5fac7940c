// "Week 3" for a meeting, from the syllabus unit it discusses (its weekPosition).
import { formatWeekLabel } from '@/lib/format';

type Unit = { position: number; number: number | null; span: number; title: string };

export function labelWeeks(units: Unit[]): (weekPosition: number | null) => string | null {
  const labels = new Map(units.map((unit) => [unit.position, formatWeekLabel(unit) ?? unit.title]));
  return (weekPosition) => (weekPosition === null ? null : (labels.get(weekPosition) ?? null));
}

export const unitSelect = { position: true, number: true, span: true, title: true } as const;
