// Applications and group formation for scripts: export a cohort's applications, propose groups
// (solved here, printed with who is left out and why), publish the latest proposal.
import { formatSlot } from '@/lib/week-slots';
import { exportApplicationsCsv } from '@/server/services/applications/review';
import { latestReadyProposalId, proposeGroupsNow, publishProposal, type PublishResult, type StoredProposal } from '@/server/services/grouping/group-formation';
import { defineCommand, UsageError, withCohort } from '../command';

export const applicationsExport = defineCommand<{ csv: string }>({
  name: 'applications export',
  synopsis: ['applications export <cohort>'],
  summary: ['Print every application of a cohort as CSV: answers, status, scores and comments'],
  positionals: ['cohort'],
  run: ({ positionals }) => withCohort(positionals[0]!, async (ctx) => ({ csv: await exportApplicationsCsv(ctx) })),
  print: ({ csv }) => csv.replace(/\n$/, ''),
});

function numberOption(values: Record<string, unknown>, key: string, fallback: number): number {
  const raw = values[key];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== 'string' || !Number.isFinite(value)) throw new UsageError(`--${key} needs a number.`);
  return value;
}

type ProposeResult = { proposalId: string; proposal: StoredProposal | null; error: string | null };

export const groupsPropose = defineCommand<ProposeResult>({
  name: 'groups propose',
  synopsis: ['groups propose <cohort> [--min N] [--max N] [--minutes M] [--per-facilitator N]', '                       [--time-limit S] [--regroup]'],
  summary: ['Propose discussion groups from everyone’s availability (groups of 4–8, 90 minutes, one each by default);', 'prints the groups in UTC and who is left out and why; --regroup ignores published groups'],
  positionals: ['cohort'],
  options: { min: { type: 'string' }, max: { type: 'string' }, minutes: { type: 'string' }, 'per-facilitator': { type: 'string' }, 'time-limit': { type: 'string' }, regroup: { type: 'boolean' } },
  run: ({ positionals, values }) =>
    withCohort(positionals[0]!, (ctx) =>
      proposeGroupsNow(ctx, {
        minSize: numberOption(values, 'min', 4),
        maxSize: numberOption(values, 'max', 8),
        meetingMinutes: numberOption(values, 'minutes', 90),
        groupsPerFacilitator: numberOption(values, 'per-facilitator', 1),
        timeLimitSeconds: numberOption(values, 'time-limit', 30),
        keepPublished: values.regroup !== true,
      }),
    ),
  print: ({ proposalId, proposal, error }) => {
    if (!proposal) return `Proposal ${proposalId} failed: ${error ?? 'unknown error'}`;
    const name = (id: string) => proposal.people[id]?.name ?? id;
    const { stats } = proposal;
    const lines = [
      `Proposal ${proposalId}: ${stats.placed} of ${stats.fellows} fellows placed in ${stats.groups} groups (${stats.placeable} placeable; bound ${stats.bound}, gap ${stats.gap}; ${stats.status}, ${stats.seconds} s).`,
      '',
      ...proposal.groups.map((group, index) => `${group.publishedId ? 'Published' : 'New'} group ${index + 1}, ${formatSlot(group.startSlot)} UTC, led by ${group.facilitatorIds.map(name).join(', ') || 'nobody'}: ${group.memberIds.map(name).join(', ')}`),
    ];
    if (proposal.unplaced.length) lines.push('', 'Not placed:', ...proposal.unplaced.map((entry) => `  ${name(entry.id)}: ${entry.reason}`));
    lines.push('', 'Publish it with: fellowship groups publish <cohort>');
    return lines.join('\n');
  },
});

export const groupsPublish = defineCommand<PublishResult>({
  name: 'groups publish',
  synopsis: ['groups publish <cohort>'],
  summary: ['Publish the latest proposal: groups, facilitators, meeting times and meetings, and an email to everyone placed'],
  positionals: ['cohort'],
  run: ({ positionals }) => withCohort(positionals[0]!, async (ctx) => publishProposal(ctx, { proposalId: await latestReadyProposalId(ctx) })),
  print: (result) => `Published: ${result.groupsCreated} new groups, ${result.groupsUpdated} changed, ${result.fellowsPlaced} fellows placed, ${result.emailed} emails queued.`,
});
