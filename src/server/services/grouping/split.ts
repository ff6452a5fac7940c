// From "these fellows and these facilitators meet at this time" to named groups, and from
// groups to the proposal the admin sees: who is left out and why, and how the wishes fared.
import type { Assignment, NewGroup } from './greedy';
import type { Prepared } from './prepare';
import type { GroupingProposal, GroupingStats, ProposedGroup, UnplacedReason, WishCount } from './types';

/**
 * Split the fellows meeting at each time into as many groups as it has facilitators, sizes as
 * even as possible: pairs to keep together stay together, pairs to keep apart go to different
 * groups where the sizes allow, and a balance question is spread round-robin (mix) or kept in
 * runs (match).
 */
export function splitTimes(prepared: Prepared, facilitatorsAt: number[][], fellowsAt: number[][]): NewGroup[] {
  const { settings, fellows } = prepared;
  const groups: NewGroup[] = [];
  const answerOf = (index: number) => (settings.balance ? (fellows[index]!.person.answers?.[settings.balance.questionId] ?? '') : '');
  const idIndex = new Map(fellows.map((fellow) => [fellow.person.id, fellow.index]));
  const apartOf = new Map<number, Set<number>>();
  for (const [a, b] of settings.apart) {
    const ia = idIndex.get(a);
    const ib = idIndex.get(b);
    if (ia === undefined || ib === undefined) continue;
    if (!apartOf.has(ia)) apartOf.set(ia, new Set());
    if (!apartOf.has(ib)) apartOf.set(ib, new Set());
    apartOf.get(ia)!.add(ib);
    apartOf.get(ib)!.add(ia);
  }

  prepared.times.forEach((startSlot, t) => {
    const leaders = facilitatorsAt[t]!;
    const members = fellowsAt[t]!;
    if (leaders.length === 0) return;
    const k = leaders.length;
    const base = Math.floor(members.length / k);
    const capacity = leaders.map((_, g) => base + (g < members.length % k ? 1 : 0));

    // Units: fellows joined by "together" wishes (union-find within this time).
    const parent = new Map(members.map((m) => [m, m]));
    const find = (m: number): number => (parent.get(m) === m ? m : find(parent.get(m)!));
    for (const [a, b] of settings.together) {
      const ia = idIndex.get(a);
      const ib = idIndex.get(b);
      if (ia !== undefined && ib !== undefined && parent.has(ia) && parent.has(ib)) parent.set(find(ia), find(ib));
    }
    const unitsByRoot = new Map<number, number[]>();
    for (const m of members) unitsByRoot.set(find(m), [...(unitsByRoot.get(find(m)) ?? []), m]);
    let units = [...unitsByRoot.values()].flatMap((unit) => {
      // A chain of wishes larger than a group cannot stay whole.
      const pieces: number[][] = [];
      for (let i = 0; i < unit.length; i += Math.max(1, base)) pieces.push(unit.slice(i, i + Math.max(1, base)));
      return pieces;
    });
    // Larger units first so they find room; then by answer, so dealing spreads (mix) or runs (match).
    units = units.sort((a, b) => b.length - a.length || answerOf(a[0]!).localeCompare(answerOf(b[0]!)) || a[0]! - b[0]!);

    const placedIn: number[][] = leaders.map(() => []);
    let cursor = 0;
    const match = settings.balance?.mode === 'match';
    for (const unit of units) {
      const fits = (g: number) => placedIn[g]!.length + unit.length <= capacity[g]!;
      const clashes = (g: number) => unit.some((m) => placedIn[g]!.some((other) => apartOf.get(m)?.has(other)));
      const order = Array.from({ length: k }, (_, i) => (match ? i : (cursor + i) % k));
      let chosen = order.find((g) => fits(g) && !clashes(g));
      chosen ??= order.find((g) => fits(g));
      // Sizes were computed for single fellows; a pair can overflow by one, which stays within maxSize.
      chosen ??= order.reduce((best, g) => (placedIn[g]!.length < placedIn[best]!.length ? g : best), order[0]!);
      placedIn[chosen]!.push(...unit);
      if (!match) cursor = (chosen + 1) % k;
    }
    leaders.forEach((leader, g) => groups.push({ startSlot, facilitatorIndex: leader, fellowIndexes: placedIn[g]! }));
  });
  return groups;
}

function reasonFor(prepared: Prepared, fellowIndex: number, usedStarts: Set<number>): UnplacedReason {
  const fellow = prepared.fellows[fellowIndex]!;
  if (fellow.starts.length === 0) return 'no-availability';
  if (!fellow.starts.some((start) => prepared.facilitatorStarts.has(start))) return 'no-facilitator';
  if (fellow.starts.some((start) => usedStarts.has(start))) return 'no-room';
  return 'no-overlap';
}

export function finishProposal(
  prepared: Prepared,
  assignment: Assignment,
  solver: { status: GroupingStats['status']; boundNew: number; seconds: number },
): GroupingProposal {
  const idOf = (index: number) => prepared.fellows[index]!.person.id;
  const groups: ProposedGroup[] = [];
  const joins = new Map(prepared.openPublished.map((entry, b) => [entry.group.id, assignment.publishedJoins[b] ?? []]));
  for (const group of prepared.published) {
    groups.push({
      publishedId: group.id,
      startSlot: group.startSlot,
      facilitatorIds: [...group.facilitatorIds],
      memberIds: [...group.memberIds, ...(joins.get(group.id) ?? []).map(idOf)],
    });
  }
  for (const group of assignment.newGroups) {
    groups.push({
      publishedId: null,
      startSlot: group.startSlot,
      facilitatorIds: [prepared.facilitators[group.facilitatorIndex]!.person.id],
      memberIds: group.fellowIndexes.map(idOf),
    });
  }
  groups.sort((a, b) => a.startSlot - b.startSlot);

  const placedNew = new Set([...assignment.newGroups.flatMap((g) => g.fellowIndexes), ...assignment.publishedJoins.flat()]);
  const usedStarts = new Set(groups.map((group) => group.startSlot));
  const unplaced = prepared.fellows.filter((fellow) => !placedNew.has(fellow.index)).map((fellow) => ({ id: fellow.person.id, reason: reasonFor(prepared, fellow.index, usedStarts) }));

  const leading = new Set(groups.flatMap((group) => group.facilitatorIds));
  const idleFacilitatorIds = prepared.facilitators.filter((f) => !leading.has(f.person.id)).map((f) => f.person.id);

  const publishedMembers = prepared.published.reduce((sum, group) => sum + group.memberIds.length, 0);
  const placeableNew = prepared.fellows.filter((fellow) => fellow.timeIndexes.length > 0 || fellow.publishedIndexes.length > 0).length;
  const placed = publishedMembers + placedNew.size;
  const bound = publishedMembers + Math.max(placedNew.size, Math.min(solver.boundNew, placeableNew));
  return {
    groups,
    unplaced,
    idleFacilitatorIds,
    stats: {
      fellows: publishedMembers + prepared.fellows.length,
      placeable: publishedMembers + placeableNew,
      placed,
      groups: groups.length,
      bound,
      gap: bound - placed,
      status: solver.status,
      seconds: Math.round(solver.seconds * 100) / 100,
      ...countWishes(prepared, groups),
    },
  };
}

/** How many wishes the groups keep. */
export function countWishes(prepared: Prepared, groups: readonly ProposedGroup[]): { together: WishCount; apart: WishCount; balanced: WishCount } {
  const groupOf = new Map<string, number>();
  groups.forEach((group, g) => group.memberIds.forEach((id) => groupOf.set(id, g)));
  const { together, apart, balance } = prepared.settings;
  const sameGroup = (a: string, b: string) => groupOf.has(a) && groupOf.get(a) === groupOf.get(b);
  const answers = new Map(prepared.fellows.map((fellow) => [fellow.person.id, fellow.person.answers ?? {}]));
  let balancedMet = 0;
  let balancedTotal = 0;
  if (balance) {
    for (const group of groups) {
      const values = group.memberIds.map((id) => answers.get(id)?.[balance.questionId]).filter((v): v is string => Boolean(v));
      if (values.length < 2) continue;
      balancedTotal++;
      const distinct = new Set(values).size;
      if (balance.mode === 'mix' ? distinct > 1 : distinct === 1) balancedMet++;
    }
  }
  return {
    together: { met: together.filter(([a, b]) => sameGroup(a, b)).length, total: together.length },
    apart: { met: apart.filter(([a, b]) => !sameGroup(a, b)).length, total: apart.length },
    balanced: { met: balancedMet, total: balancedTotal },
  };
}
