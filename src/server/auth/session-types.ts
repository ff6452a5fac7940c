// The signed-in person as the server sees them: the one home of the session types, imported by
// the tRPC context, services, pages and next-auth's adapter alike.
export type SessionUser = { id: string; email: string; name: string | null; isAdmin: boolean };

export type Session = { user: SessionUser };
