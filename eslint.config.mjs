import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

// A query outside services: `db.user…`, `prisma.$transaction`, `tx.$queryRaw`, `ctx.db.run…`.
// (The import rules cannot see a client that arrives as a value; this catches its use.)
const queryMethod = '/^([a-z]|\\$(transaction|queryRaw|executeRaw))/';
const queriesInServicesOnly = {
  'no-restricted-syntax': [
    'error',
    {
      selector: `MemberExpression[object.type='Identifier'][object.name=/^(db|prisma|tx)$/][property.name=${queryMethod}]`,
      message: 'Query the database in a service (src/server/services), and call it with a context.',
    },
    {
      selector: `MemberExpression[object.type='MemberExpression'][object.property.name='db'][property.name=${queryMethod}]`,
      message: 'Query the database in a service (src/server/services), and call it with a context.',
    },
  ],
};

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      // A leading underscore marks a parameter that a signature requires but the body ignores.
      '@typescript-eslint/no-unused-vars': [
        'warn',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The layering (page → handler → service → Prisma), checked rather than described; see
    // docs/decisions/0014-service-convention.md. Paths are resolved, so `@/…` counts as `src/…`.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'import/no-cycle': ['error', { ignoreExternal: true }],
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/lib',
              from: ['./src/server', './src/features', './src/app', './src/components', './src/trpc', './src/cli'],
              message: 'src/lib is pure code shared by server and client: it imports nothing from the app, the server or the UI.',
            },
            {
              target: './src/components',
              from: ['./src/features', './src/app'],
              message: 'Shared components take their data as props: they import nothing from a feature or a route.',
            },
            {
              target: './src/server/services',
              from: ['./src/server/api', './src/app', './src/features', './src/components', './src/trpc', './src/cli'],
              message: 'Services know nothing of their transports (tRPC, REST, pages, the CLI): move what both need to src/lib/schemas or the service.',
            },
            {
              // The Prisma client and the database: only services (and src/server/db itself).
              // The generated enums are plain constants and types, so any layer may use them.
              target: ['./src/!(server)/**', './src/server/!(services|db)/**', './src/server/*.ts'],
              from: './src/generated/prisma',
              except: ['./enums.ts'],
              message: 'Only services and src/server/db use the Prisma client: call a service (and import its types) instead.',
            },
            {
              target: ['./src/!(server)/**', './src/server/!(services|db)/**', './src/server/*.ts'],
              from: './src/server/db/client.ts',
              message: 'Only services use the Prisma client: build a service context (requestContext, systemContext) and call a service.',
            },
          ],
        },
      ],
    },
  },
  {
    // Client and shared UI code reaches the server only for types; a value import would pull
    // server code (and the database) towards a browser bundle.
    files: ['src/features/**/*.{ts,tsx}', 'src/components/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/server/*', '@/server/**', '@/generated/**'],
              allowTypeImports: true,
              message: 'UI code imports only types from the server; move shared values to src/lib.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/server/services/**', 'src/server/db/**'],
    rules: queriesInServicesOnly,
  },
  globalIgnores([
    // Generated or local state, never hand-written.
    'src/generated/**',
    '.next/**',
    '.next-standalone/**',
    // Other build folders (NEXT_DIST_DIR), e.g. .next-syllabus.
    '.next-*/**',
    // bench:floor's fixture apps build next to their sources.
    'scripts/next-floor/*/.next/**',
    'scripts/next-floor/*/next-env.d.ts',
    'out/**',
    'build/**',
    // The bundled CLI (npm run build:cli), generated.
    'dist/**',
    'next-env.d.ts',
    '.fellowship/**',
    'tmp/**',
    'tmp-*',
    'clients/**',
    'node_modules/**',
    'coverage/**',
    'test-results/**',
  ]),
]);
