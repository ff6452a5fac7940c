#!/usr/bin/env node
// The `fellowship` command: runs the TypeScript CLI through tsx, from any working directory.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.node.json', import.meta.url)) });
await import('../src/cli/main.ts');
