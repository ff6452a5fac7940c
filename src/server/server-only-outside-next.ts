// What `import 'server-only'` resolves to outside Next.js (the CLI through tsx, Vitest, the
// bundled CLI): nothing. Inside Next the real package makes a client bundle that reaches a
// server module fail to build. Wired in tsconfig.node.json, vitest.config.ts and build:cli.
export {};
