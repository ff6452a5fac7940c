// What each sign-in error code means to the person who hit it, and what to do next. Codes come
// from next-auth (?error= on /signin and /auth/error), from our sign-in policy and from the
// sign-in rate limit. Server-only: pages pass the texts they need to client components.
import { SIGN_IN_REFUSAL_MESSAGES } from '@/lib/sign-in-refusals';

export type SignInProblem = {
  title: string;
  message: string;
  /** Show the email form so they can ask for a new link right there. */
  offerEmailForm: boolean;
};

const PROBLEMS: Record<string, SignInProblem> = {
  Verification: {
    title: 'That sign-in link no longer works',
    message:
      'Each link works once, for 15 minutes. This one has been used already, has expired, or was changed on the way (some email apps rewrite links). Ask for a new link below.',
    offerEmailForm: true,
  },
  EmailSignin: {
    title: 'We could not send the sign-in email',
    message: 'Check the address and try again in a minute. If it keeps failing, tell the admin of your fellowship: the mail server may be down.',
    offerEmailForm: true,
  },
  AccessDenied: {
    title: 'This account may not sign in',
    message: 'If you were invited, sign in with the email address the invitation went to, or ask the admin of your fellowship.',
    offerEmailForm: true,
  },
  OAuthAccountNotLinked: {
    title: 'This email address already has an account',
    message:
      'Sign in the way you did before (for example with an email link) so nobody can take over your account through another service.',
    offerEmailForm: true,
  },
  EmailRequired: {
    title: 'We need your email address',
    message:
      'The service you signed in with did not share an email address with us. Make your email address visible to it, or sign in with an email link instead.',
    offerEmailForm: true,
  },
  Configuration: {
    title: 'Sign-in is not set up correctly',
    message: 'This is a problem on our side, not yours. Tell the admin of your fellowship; the server log says what is missing.',
    offerEmailForm: false,
  },
  AccountDisabled: {
    title: 'This account is disabled',
    message: SIGN_IN_REFUSAL_MESSAGES.AccountDisabled,
    offerEmailForm: false,
  },
  InvitationExpired: {
    title: 'Your invitation has expired',
    message: SIGN_IN_REFUSAL_MESSAGES.InvitationExpired,
    offerEmailForm: false,
  },
  CohortArchived: {
    title: 'That cohort has ended',
    message: SIGN_IN_REFUSAL_MESSAGES.CohortArchived,
    offerEmailForm: false,
  },
  NotInvited: {
    title: 'We do not know this email address',
    message: SIGN_IN_REFUSAL_MESSAGES.NotInvited,
    offerEmailForm: true,
  },
  RateLimited: {
    title: 'Too many sign-in emails',
    message: 'Too many sign-in emails were requested for this address or network. Please wait a while and try again, or use a link already sent to you.',
    offerEmailForm: false,
  },
  SessionRequired: {
    title: 'Please sign in',
    message: 'That page is only for people who are signed in.',
    offerEmailForm: true,
  },
};

const FALLBACK: SignInProblem = {
  title: 'Sign-in did not work',
  message: 'Please try again. If it keeps happening, tell the admin of your fellowship.',
  offerEmailForm: true,
};

export function describeSignInError(code: string | string[] | undefined): SignInProblem | null {
  const value = Array.isArray(code) ? code[0] : code;
  if (!value) return null;
  return PROBLEMS[value] ?? FALLBACK;
}

/** Messages the email form shows inline when the server refuses a request (by error code). */
export function emailFormMessages(): Record<string, string> {
  return Object.fromEntries(Object.entries(PROBLEMS).map(([code, problem]) => [code, problem.message]));
}
