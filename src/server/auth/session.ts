// The signed-in user as the rest of the server sees it. Sign-in arrives with a later issue;
// until then every request is anonymous, and the procedures that need a user refuse it.

export type SessionUser = { id: string; email: string; isAdmin: boolean };

export type Session = { user: SessionUser };

export async function getSession(_headers: Headers): Promise<Session | null> {
  return null;
}
