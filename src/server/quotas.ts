// How much one person or one run may store, from the validated environment (README "Quotas").
// Limits on volume, where the per-token request limit bounds speed: one token once uploaded
// twelve 5 MB images in 1.5 s, and a person may hold several tokens.
import 'server-only';
import { parseEnv } from '@/server/env';

export type ArtifactQuotas = { perRun: { count: number; bytes: number }; perUser: { count: number; bytes: number } };
export type Quotas = { artifacts: ArtifactQuotas; apiTokensPerUser: number };

const MB = 1024 * 1024;
let cached: Quotas | undefined;

export function quotas(): Quotas {
  if (cached) return cached;
  const env = parseEnv();
  cached = {
    artifacts: {
      perRun: { count: env.FELLOWSHIP_ARTIFACTS_PER_RUN, bytes: env.FELLOWSHIP_ARTIFACT_MB_PER_RUN * MB },
      perUser: { count: env.FELLOWSHIP_ARTIFACTS_PER_USER, bytes: env.FELLOWSHIP_ARTIFACT_MB_PER_USER * MB },
    },
    apiTokensPerUser: env.FELLOWSHIP_API_TOKENS_PER_USER,
  };
  return cached;
}
