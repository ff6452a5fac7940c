// `node --import ./bin/register-tsx.mjs <file.ts>`: TypeScript through tsx with the settings for
// code that runs outside Next.js (tsconfig.node.json: `server-only` resolves to an empty module).
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.node.json', import.meta.url)) });
