import { Badge } from '@/components/ui/badge';
import type { Standing } from '@/lib/standing';
import { STANDING_LABELS } from '@/lib/standing';

/** A fellow's standing in words (the colour only echoes it), with the reasons when at risk. */
export function StandingBadge({ standing }: { standing: Standing }) {
  const tone = standing.status === 'at-risk' || standing.status === 'not-completed' ? 'warning' : standing.status === 'completed' ? 'accent' : 'neutral';
  return (
    <span className="inline-flex flex-col items-start gap-0.5">
      <Badge tone={tone}>
        {standing.atRisk ? <span aria-hidden="true">⚠&nbsp;</span> : null}
        {STANDING_LABELS[standing.status]}
      </Badge>
      {standing.riskReasons.length ? <span className="text-[0.8rem] text-muted">{standing.riskReasons.join('; ')}</span> : null}
    </span>
  );
}
