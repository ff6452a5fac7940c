import {
  createApiToken,
  listApiTokens,
  parseExpiry,
  revokeApiToken,
  type ApiTokenSummary,
  type CreatedApiToken,
} from '@/server/services/api-tokens/api-tokens';
import { findUserByEmail } from '@/server/services/users/find-user-by-email';
import { defineCommand, UsageError, withSystem } from '../command';

export const tokenCreate = defineCommand<CreatedApiToken>({
  name: 'token create',
  synopsis: ['token create --email E --cohort C [--name N] [--expires 90d|never]'],
  summary: ["Make an API token for a member's training jobs", '(printed once; default: no expiry)'],
  options: { email: { type: 'string' }, cohort: { type: 'string' }, name: { type: 'string' }, expires: { type: 'string' } },
  run: ({ values }) => {
    if (typeof values.email !== 'string' || typeof values.cohort !== 'string') {
      throw new UsageError('token create needs --email and --cohort');
    }
    const email = values.email.trim().toLowerCase();
    const cohort = values.cohort;
    const expiresInDays = typeof values.expires === 'string' ? parseExpiry(values.expires) : null;
    const name = typeof values.name === 'string' ? values.name : `CLI ${new Date().toISOString().slice(0, 10)}`;
    return withSystem(async (ctx) => {
      const user = await findUserByEmail(ctx, { email });
      return createApiToken(ctx, { userId: user.id, cohort, name, expiresInDays });
    });
  },
  print: (token) =>
    [
      `Made API token "${token.name}" (${token.id}) for ${token.cohort.name}${token.expiresAt ? `, expires ${token.expiresAt.toISOString()}` : ', no expiry'}.`,
      'It is shown only this once:',
      '',
      `  ${token.token}`,
      '',
      'In the job: FELLOWSHIP_URL=<this server> FELLOWSHIP_TOKEN=<the token> python train.py',
    ].join('\n'),
});

export const tokenList = defineCommand<ApiTokenSummary[]>({
  name: 'token list',
  synopsis: ['token list --email E'],
  summary: ["A person's API tokens (never the secret)"],
  options: { email: { type: 'string' } },
  run: ({ values }) => {
    if (typeof values.email !== 'string') throw new UsageError('token list needs --email');
    const email = values.email.trim().toLowerCase();
    return withSystem(async (ctx) => listApiTokens(ctx, { userId: (await findUserByEmail(ctx, { email })).id }));
  },
  print: (tokens) =>
    tokens.length === 0
      ? 'No API tokens.'
      : tokens
          .map(
            (token) =>
              `${token.id}  ${token.prefix}…  ${token.status.padEnd(7)}  ${token.cohort.slug}  "${token.name}"  last used ${token.lastUsedAt?.toISOString() ?? 'never'}`,
          )
          .join('\n'),
});

export const tokenRevoke = defineCommand<ApiTokenSummary>({
  name: 'token revoke',
  synopsis: ['token revoke <id>'],
  summary: ['Revoke an API token at once'],
  positionals: ['id'],
  run: ({ positionals }) => withSystem((ctx) => revokeApiToken(ctx, { tokenId: positionals[0]! })),
  print: (token) => `Revoked API token "${token.name}" (${token.prefix}…); jobs using it are refused from now on.`,
});
