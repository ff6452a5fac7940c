// Environment variables, validated once at start-up. A missing or malformed variable stops
// start-up with one line that names it (see .env.example for what each one does).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

const postgresUrl = optionalString.refine(
  (value) => value === undefined || /^postgres(ql)?:\/\/[^\s]+$/.test(value) && URL.canParse(value),
  { message: 'must be a PostgreSQL URL such as postgres://user:password@localhost:5432/fellowship' },
);

const port = (fallback?: number) =>
  optionalString
    .transform((value) => (value === undefined ? fallback : Number(value)))
    .refine((value) => value === undefined || (Number.isInteger(value) && value > 0 && value < 65536), {
      message: 'must be a port number between 1 and 65535',
    });

const flag = optionalString.refine((value) => value === undefined || /^(0|1|true|false)$/.test(value), {
  message: 'must be 1 or 0',
});

export const envSchema = z.object({
  DATABASE_URL: postgresUrl,
  FELLOWSHIP_DATA_DIR: optionalString.transform((value) => value ?? '.fellowship'),
  FELLOWSHIP_PG_PORT: port(),
  PORT: port(3000).transform((value) => value ?? 3000),
  // Not HOSTNAME: shells and Docker set that to the machine's name.
  FELLOWSHIP_HOST: optionalString,
  FELLOWSHIP_DEMO_DATA: flag.transform((value) => value === undefined || value === '1' || value === 'true'),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

/**
 * Loads `.env` from the project folder into process.env (variables already set win), so the
 * start script, the CLI and Next all see the same configuration.
 */
export function loadDotEnv(projectRoot: string): void {
  const file = path.join(projectRoot, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

/** Parses the environment; throws an EnvError whose message is one line per bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    const value = source[name];
    const shown = value === undefined ? '' : ` (got ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
    return `${name} ${issue.message}${shown}`;
  });
  throw new EnvError(lines.join('\n'));
}
