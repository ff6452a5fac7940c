// Why the sign-in policy (src/server/services/invitations/sign-in-policy.ts) refuses someone, in
// words the sign-in pages show too.
export type SignInRefusal = 'AccountDisabled' | 'InvitationExpired' | 'CohortArchived' | 'NotInvited';

export const SIGN_IN_REFUSAL_MESSAGES: Record<SignInRefusal, string> = {
  AccountDisabled: 'This account has been disabled. Ask an admin of your fellowship if you think this is a mistake.',
  InvitationExpired:
    'Your invitation has expired. Ask the admin of your fellowship to invite you again; the new invitation will work at once.',
  CohortArchived:
    'The cohort you were invited to has ended and is archived, so the invitation no longer opens it. Ask the admin of your fellowship for an invitation to a current cohort.',
  NotInvited:
    'There is no account or invitation for this email address. Check the address, or ask the admin of your fellowship to invite you.',
};
