// The signed-in person as the server sees them: the one home of the session types, imported by
// the tRPC context, services, pages and next-auth's adapter alike.
export type SessionUser = { id: string; email: string; name: string | null; isAdmin: boolean };

/** A cohort the signed-in person belongs to: what the site header links to. */
export type MemberCohort = { slug: string; name: string; role: 'FELLOW' | 'FACILITATOR' };

/** `cohorts`: read with the session for a page (newest cohort first); absent elsewhere. */
export type Session = { user: SessionUser; cohorts?: MemberCohort[] };
