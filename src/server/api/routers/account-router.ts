// One's own account: name, sessions, signing out everywhere.
import { z } from 'zod';
import { setEmailPreferencesInput, updateNameInput } from '@/lib/schemas/account';
import { getEmailPreferences, setEmailPreferences } from '@/server/services/notifications/preferences';
import { createTRPCRouter, protectedProcedure } from '@/server/api/trpc';
import { readSessionToken } from '@/server/auth/session';
import { listAccountSessions, signOutEverywhere } from '@/server/services/account/account-sessions';
import { getAccount, updateCertificateName, updateName } from '@/server/services/account/get-account';
import { certificateNameInput } from '@/lib/schemas/certificates';

export const accountRouter = createTRPCRouter({
  me: protectedProcedure.input(z.void()).query(({ ctx }) => getAccount(ctx)),

  updateName: protectedProcedure.input(updateNameInput).mutation(({ ctx, input }) => updateName(ctx, input)),

  updateCertificateName: protectedProcedure.input(certificateNameInput).mutation(({ ctx, input }) => updateCertificateName(ctx, input)),

  sessions: protectedProcedure.input(z.void()).query(({ ctx }) => listAccountSessions(ctx, { currentToken: readSessionToken(ctx.headers) })),

  signOutEverywhere: protectedProcedure.input(z.void()).mutation(({ ctx }) => signOutEverywhere(ctx)),

  emailPreferences: protectedProcedure.input(z.void()).query(({ ctx }) => getEmailPreferences(ctx)),

  setEmailPreferences: protectedProcedure.input(setEmailPreferencesInput).mutation(({ ctx, input }) => setEmailPreferences(ctx, input)),
});
