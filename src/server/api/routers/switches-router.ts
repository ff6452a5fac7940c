// After the start: switching group, leaving, deferring, and handing a meeting over.
import { cancelSwitchInput, decideSwitchInput, deferInput, handOverMeetingInput, requestSwitchInput } from '@/lib/schemas/switches';
import { cohortProcedure, createTRPCRouter } from '@/server/api/trpc';
import {
  cancelSwitch,
  decideSwitch,
  deferToCohort,
  handOverMeeting,
  leaveCohort,
  listDeferralTargets,
  listSwitchOptions,
  listSwitchRequests,
  requestSwitch,
} from '@/server/services/switches/switches';

export const switchesRouter = createTRPCRouter({
  options: cohortProcedure('membership.self').query(({ ctx }) => listSwitchOptions(ctx)),
  request: cohortProcedure('membership.self').input(requestSwitchInput).mutation(({ ctx, input }) => requestSwitch(ctx, input)),
  cancel: cohortProcedure('membership.self').input(cancelSwitchInput).mutation(({ ctx, input }) => cancelSwitch(ctx, input)),
  pending: cohortProcedure('switches.decide').query(({ ctx }) => listSwitchRequests(ctx)),
  decide: cohortProcedure('switches.decide').input(decideSwitchInput).mutation(({ ctx, input }) => decideSwitch(ctx, input)),
  leave: cohortProcedure('membership.self').mutation(({ ctx }) => leaveCohort(ctx)),
  deferralTargets: cohortProcedure('membership.self').query(({ ctx }) => listDeferralTargets(ctx)),
  defer: cohortProcedure('membership.self').input(deferInput).mutation(({ ctx, input }) => deferToCohort(ctx, input)),
  handOver: cohortProcedure('meetings.manage').input(handOverMeetingInput).mutation(({ ctx, input }) => handOverMeeting(ctx, input)),
});
