// Group formation as a mixed-integer programme solved by HiGHS (WebAssembly; ADR 0025).
//
// The model counts groups per time instead of naming them, which keeps it small and tight:
//   k[t]   integer  how many new groups meet at start slot t
//   z[f,t] ∈ [0,1]  facilitator f leads one of them
//   x[i,t] ∈ [0,1]  fellow i joins one of them;  u[i,b] ∈ [0,1]  fellow i joins published group b
//   Σ_t x[i,t] + Σ_b u[i,b] ≤ 1            (each fellow once)
//   minSize·k[t] ≤ Σ_i x[i,t] ≤ maxSize·k[t]  (the fellows at t fill k[t] groups)
//   Σ_f z[f,t] = k[t];  Σ_t z[f,t] ≤ groups per facilitator;  a facilitator's meetings never overlap
//   Σ_i u[i,b] ≤ free places of b
// maximising the fellows placed, then (with weights too small to cost a placement) the wishes.
// With k fixed what is left is two network flows, whose optimal vertices are whole numbers, so
// only the few hundred k[t] need branching. The fellows at each time are then split into k[t]
// groups (split.ts). The greedy baseline is the solver's starting solution.
import type { Highs } from 'highs';
import { greedyAssignment, type Assignment } from './greedy';
import { prepare, type Prepared } from './prepare';
import { finishProposal, splitTimes } from './split';
import type { GroupingInput, GroupingProposal } from './types';

let highsPromise: Promise<Highs> | null = null;
/** HiGHS's WebAssembly, loaded on the first solve only (the web server, which never solves, never loads it). */
function loadHighs(): Promise<Highs> {
  highsPromise ??= import('highs').then((module) => module.default());
  return highsPromise;
}

type Column = { cost: number; lower: number; upper: number; integer: boolean };

class ModelBuilder {
  readonly columns: Column[] = [];
  readonly rows: { lower: number; upper: number; entries: [number, number][] }[] = [];
  column(cost: number, lower: number, upper: number, integer = false): number {
    this.columns.push({ cost, lower, upper, integer });
    return this.columns.length - 1;
  }
  row(entries: [number, number][], lower: number, upper: number): void {
    if (entries.length > 0) this.rows.push({ lower, upper, entries });
  }
}

interface Variables {
  k: number[];
  z: { facilitator: number; time: number; column: number }[];
  x: { fellow: number; time: number; column: number }[];
  u: { fellow: number; published: number; column: number }[];
}

function buildModel(prepared: Prepared, infinity: number) {
  const { settings, fellows, facilitators, times, openPublished } = prepared;
  const model = new ModelBuilder();
  const inWish = new Set([...settings.together, ...settings.apart].flat());
  const wishCount = settings.together.length + settings.apart.length;
  // Every wish together is worth less than one fellow placed.
  const epsilon = 0.5 / (wishCount + 1);

  const freeFacilitators = times.map((time) => facilitators.filter((f) => f.capacity > 0 && f.starts.includes(time)));
  const fellowsAt = times.map(() => [] as number[]);
  for (const fellow of fellows) for (const t of fellow.timeIndexes) fellowsAt[t]!.push(fellow.index);

  const vars: Variables = { k: [], z: [], x: [], u: [] };
  times.forEach((_, t) => {
    const most = Math.min(freeFacilitators[t]!.length, Math.floor(fellowsAt[t]!.length / settings.minSize));
    vars.k.push(model.column(0, 0, most, true));
  });
  times.forEach((_, t) => {
    for (const facilitator of freeFacilitators[t]!) vars.z.push({ facilitator: facilitator.index, time: t, column: model.column(0, 0, 1) });
  });
  const xOf = new Map<string, number>();
  for (const fellow of fellows) {
    const wished = inWish.has(fellow.person.id);
    for (const t of fellow.timeIndexes) {
      const column = model.column(1, 0, 1, wished);
      vars.x.push({ fellow: fellow.index, time: t, column });
      xOf.set(`${fellow.index}:${t}`, column);
    }
    for (const b of fellow.publishedIndexes) vars.u.push({ fellow: fellow.index, published: b, column: model.column(1, 0, 1, wished) });
  }

  // Each fellow at most once.
  const perFellow = fellows.map(() => [] as [number, number][]);
  for (const v of vars.x) perFellow[v.fellow]!.push([v.column, 1]);
  for (const v of vars.u) perFellow[v.fellow]!.push([v.column, 1]);
  for (const entries of perFellow) model.row(entries, -infinity, 1);

  // The fellows at a time fill its groups; its facilitators lead them.
  const xAt = times.map(() => [] as [number, number][]);
  for (const v of vars.x) xAt[v.time]!.push([v.column, 1]);
  const zAt = times.map(() => [] as [number, number][]);
  for (const v of vars.z) zAt[v.time]!.push([v.column, 1]);
  times.forEach((_, t) => {
    const k = vars.k[t]!;
    model.row([...xAt[t]!, [k, -settings.maxSize]], -infinity, 0);
    model.row([...xAt[t]!, [k, -settings.minSize]], 0, infinity);
    model.row([...zAt[t]!, [k, -1]], 0, 0);
  });

  // Facilitators: their number of groups, and meetings that never overlap.
  const zOf = facilitators.map(() => [] as { time: number; column: number }[]);
  for (const v of vars.z) zOf[v.facilitator]!.push({ time: v.time, column: v.column });
  facilitators.forEach((facilitator, f) => {
    const own = zOf[f]!;
    model.row(
      own.map((v) => [v.column, 1]),
      -infinity,
      facilitator.capacity,
    );
    if (facilitator.capacity > 1) {
      // Overlapping intervals share the latest start among them, so one row per start covers every clash.
      for (const at of own) {
        const clash = own.filter((v) => {
          const d = (((times[at.time]! - times[v.time]!) % 336) + 336) % 336;
          return d < settings.meetingSlots;
        });
        if (clash.length > 1) model.row(clash.map((v) => [v.column, 1]), -infinity, 1);
      }
    }
  });

  // Published groups' free places.
  const uOf = openPublished.map(() => [] as [number, number][]);
  for (const v of vars.u) uOf[v.published]!.push([v.column, 1]);
  openPublished.forEach((entry, b) => model.row(uOf[b]!, -infinity, entry.room));

  // Wishes: a together pair earns ε at a time both meet at; an apart pair loses ε at one.
  const byId = new Map(fellows.map((fellow) => [fellow.person.id, fellow]));
  /** The columns of both fellows of a pair at each time both can meet at. */
  const sharedTimes = ([a, b]: readonly [string, string]): [number, number][] => {
    const fa = byId.get(a);
    const fb = byId.get(b);
    if (!fa || !fb) return [];
    return fa.timeIndexes.flatMap((t) => {
      const xa = xOf.get(`${fa.index}:${t}`);
      const xb = xOf.get(`${fb.index}:${t}`);
      return xa === undefined || xb === undefined ? [] : [[xa, xb] as [number, number]];
    });
  };
  for (const pair of settings.together) {
    for (const [xa, xb] of sharedTimes(pair)) {
      const s = model.column(epsilon, 0, 1);
      model.row([[s, 1], [xa, -1]], -infinity, 0);
      model.row([[s, 1], [xb, -1]], -infinity, 0);
    }
  }
  for (const pair of settings.apart) {
    for (const [xa, xb] of sharedTimes(pair)) {
      const w = model.column(-epsilon, 0, 1);
      model.row([[w, 1], [xa, -1], [xb, -1]], -1, infinity);
    }
  }
  return { model, vars, epsilon };
}

function startingValues(prepared: Prepared, vars: Variables, start: Assignment, columns: number): Float64Array {
  const values = new Float64Array(columns);
  const timeIndex = new Map(prepared.times.map((time, t) => [time, t]));
  const groupsAt = new Map<number, number>();
  const ledBy = new Set<string>();
  const fellowAt = new Map<number, number>();
  for (const group of start.newGroups) {
    const t = timeIndex.get(group.startSlot)!;
    groupsAt.set(t, (groupsAt.get(t) ?? 0) + 1);
    ledBy.add(`${group.facilitatorIndex}:${t}`);
    for (const fellow of group.fellowIndexes) fellowAt.set(fellow, t);
  }
  const joined = new Map<number, number>();
  start.publishedJoins.forEach((fellows, b) => fellows.forEach((fellow) => joined.set(fellow, b)));
  vars.k.forEach((column, t) => (values[column] = groupsAt.get(t) ?? 0));
  for (const v of vars.z) values[v.column] = ledBy.has(`${v.facilitator}:${v.time}`) ? 1 : 0;
  for (const v of vars.x) values[v.column] = fellowAt.get(v.fellow) === v.time ? 1 : 0;
  for (const v of vars.u) values[v.column] = joined.get(v.fellow) === v.published ? 1 : 0;
  // Wish columns stay 0: feasible (s ≤ x, w ≥ x_a + x_b − 1 only binds at 1), and the solver improves them.
  return values;
}

function isWhole(value: number): boolean {
  return Math.abs(value - Math.round(value)) < 1e-6;
}

/** Propose groups for the input. Deterministic for the same input and time limit, unless the time limit cuts the search. */
export async function proposeGroups(input: GroupingInput): Promise<GroupingProposal> {
  const began = performance.now();
  const prepared = prepare(input);
  const greedy = greedyAssignment(prepared);
  const highs = await loadHighs();
  const { model, vars, epsilon } = buildModel(prepared, highs.infinity);
  const numCols = model.columns.length;
  if (numCols === 0) {
    // Nobody left to place anywhere (or nowhere to place them): nothing to solve.
    return finishProposal(prepared, greedy, { status: 'trivial', boundNew: 0, seconds: (performance.now() - began) / 1000 });
  }
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of model.rows) {
    for (const [column, value] of row.entries) {
      indices.push(column);
      values.push(value);
    }
    starts.push(indices.length);
  }
  const { constants } = highs;
  const solver = highs.createModel({
    numCols,
    numRows: model.rows.length,
    sense: constants.objectiveSense.maximize,
    colCost: model.columns.map((c) => c.cost),
    colLower: model.columns.map((c) => c.lower),
    colUpper: model.columns.map((c) => c.upper),
    rowLower: model.rows.map((r) => r.lower),
    rowUpper: model.rows.map((r) => r.upper),
    matrix: { format: 'csr', numRows: model.rows.length, numCols, starts, indices, values },
    integrality: model.columns.map((c) => (c.integer ? constants.variableType.integer : constants.variableType.continuous)),
  });
  try {
    return solveAndFinish();
  } finally {
    solver.dispose();
  }

  function solveAndFinish(): GroupingProposal {
  const timeLimit = prepared.settings.timeLimitSeconds;
    // The objective is whole fellows plus wishes worth ε each: a gap under ε proves both optimal.
  solver.options.set({
    output_flag: false,
    time_limit: Math.max(0.1, timeLimit - (performance.now() - began) / 1000),
    mip_rel_gap: 0,
    mip_abs_gap: epsilon * 0.999,
    random_seed: 1,
  });
  solver.setSolution({ colValue: startingValues(prepared, vars, greedy, numCols) });
  const result = solver.run();
  const statusCode = result.modelStatus;
  if (statusCode !== constants.modelStatus.optimal && statusCode !== constants.modelStatus.timeLimit && statusCode !== constants.modelStatus.interrupted) {
    throw new Error(`The group solver stopped without a solution (HiGHS status ${statusCode}).`);
  }
  const solution = solver.getSolution().colValue;
  let dualBound = Number(solver.info.get('mip_dual_bound'));
  if (!Number.isFinite(dualBound)) dualBound = Number(solver.getObjectiveValue());
  const apartCount = prepared.settings.apart.length;
  // Σx ≤ objective bound + what the apart penalties could have taken off it.
  const boundNew = Math.floor(dualBound + epsilon * apartCount + 1e-6);

  let assignment = assignmentFromSolution(prepared, vars, solution);
  if (!assignment) {
    // A non-vertex answer (rare): fix the group counts and solve again with every column whole.
    const counts = vars.k.map((column) => Math.round(solution[column]!));
    vars.k.forEach((column, t) => solver.changeColBounds(column, counts[t]!, counts[t]!));
    solver.changeColsIntegrality({ kind: 'range', from: 0, to: numCols - 1 }, model.columns.map(() => constants.variableType.integer));
    solver.run();
    assignment = assignmentFromSolution(prepared, vars, solver.getSolution().colValue);
    if (!assignment) throw new Error('The group solver returned a fractional assignment.');
  }
  return finishProposal(prepared, assignment, {
    status: statusCode === constants.modelStatus.optimal ? 'optimal' : 'time-limit',
    boundNew,
    seconds: (performance.now() - began) / 1000,
  });
  }
}

/** Whole-number columns into groups (split per time), or null when a column is fractional. */
function assignmentFromSolution(prepared: Prepared, vars: Variables, solution: Float64Array): Assignment | null {
  const all = [...vars.k, ...vars.z.map((v) => v.column), ...vars.x.map((v) => v.column), ...vars.u.map((v) => v.column)];
  if (!all.every((column) => isWhole(solution[column]!))) return null;
  const facilitatorsAt = prepared.times.map(() => [] as number[]);
  for (const v of vars.z) if (solution[v.column]! > 0.5) facilitatorsAt[v.time]!.push(v.facilitator);
  const fellowsAt = prepared.times.map(() => [] as number[]);
  for (const v of vars.x) if (solution[v.column]! > 0.5) fellowsAt[v.time]!.push(v.fellow);
  const publishedJoins = prepared.openPublished.map(() => [] as number[]);
  for (const v of vars.u) if (solution[v.column]! > 0.5) publishedJoins[v.published]!.push(v.fellow);
  return { newGroups: splitTimes(prepared, facilitatorsAt, fellowsAt), publishedJoins };
}

/** The greedy baseline alone, as a proposal (the benchmark compares against it). */
export function proposeGroupsGreedily(input: GroupingInput): GroupingProposal {
  const began = performance.now();
  const prepared = prepare(input);
  return finishProposal(prepared, greedyAssignment(prepared), { status: 'trivial', boundNew: 0, seconds: (performance.now() - began) / 1000 });
}
