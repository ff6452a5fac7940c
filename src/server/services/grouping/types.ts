// The optimiser's input and output: plain data, no database. Slots are UTC week slots
// (src/lib/week-slots.ts); a meeting starts at a slot and lasts `meetingSlots` of them.

export interface GroupingPerson {
  id: string;
  /** UTC week slots the person is free in. */
  slots: readonly number[];
  /** Application answers by question id, for "mix" or "match" wishes. */
  answers?: Readonly<Record<string, string>>;
}

/** A group already published: kept as it is; late joiners may fill its free places. */
export interface PublishedGroup {
  id: string;
  startSlot: number;
  facilitatorIds: readonly string[];
  memberIds: readonly string[];
}

export interface GroupingSettings {
  minSize: number;
  maxSize: number;
  /** Meeting length in 30-minute slots (3 = 90 minutes). */
  meetingSlots: number;
  /** How many groups one facilitator may lead (their meetings never overlap). */
  groupsPerFacilitator: number;
  /** Pairs of fellows to keep in one group. */
  together?: readonly (readonly [string, string])[];
  /** Pairs of fellows to keep in different groups. */
  apart?: readonly (readonly [string, string])[];
  /** Spread the answers to one question across groups (mix), or group like answers (match). */
  balance?: { questionId: string; mode: 'mix' | 'match' } | null;
  /** Seconds the solver may take; it then returns its best solution and the bound. */
  timeLimitSeconds?: number;
}

export interface GroupingInput {
  fellows: readonly GroupingPerson[];
  facilitators: readonly GroupingPerson[];
  published?: readonly PublishedGroup[];
  settings: GroupingSettings;
}

/**
 * Why a fellow is left out, in the words the admin sees:
 * - `no-availability`: they marked no stretch as long as a meeting;
 * - `no-facilitator`: no facilitator with a free place is free at any of their times;
 * - `no-overlap`: a facilitator is, but too few other fellows share those times to make a group;
 * - `no-room`: the groups at their times are full and no facilitator is left to open another.
 */
export type UnplacedReason = 'no-availability' | 'no-facilitator' | 'no-overlap' | 'no-room';

export interface ProposedGroup {
  /** The published group this is, or null for a new one. */
  publishedId: string | null;
  startSlot: number;
  facilitatorIds: string[];
  memberIds: string[];
}

export interface WishCount {
  met: number;
  total: number;
}

export interface GroupingStats {
  fellows: number;
  /** Fellows with at least one time a facilitator is free (an upper bound nobody beats). */
  placeable: number;
  placed: number;
  groups: number;
  /** The solver's proven upper bound on fellows placed. */
  bound: number;
  /** bound − placed: how many more fellows any solution could possibly place. */
  gap: number;
  status: 'optimal' | 'time-limit' | 'trivial';
  seconds: number;
  together: WishCount;
  apart: WishCount;
  /** Groups whose answers to the balance question are mixed (mix) or alike (match). */
  balanced: WishCount;
}

export interface GroupingProposal {
  groups: ProposedGroup[];
  unplaced: { id: string; reason: UnplacedReason }[];
  /** Facilitators who lead no group in the proposal. */
  idleFacilitatorIds: string[];
  stats: GroupingStats;
}
