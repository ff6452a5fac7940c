import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

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
  globalIgnores([
    // Generated or local state, never hand-written.
    'src/generated/**',
    '.next/**',
    '.next-standalone/**',
    // Other build folders (NEXT_DIST_DIR), e.g. .next-syllabus.
    '.next-*/**',
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
