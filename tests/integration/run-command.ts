// Runs one of the project's commands as a user would (a real child process).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));
/** Outside Next.js: `server-only` resolves to an empty module (tsconfig.node.json). */
const TSCONFIG = fileURLToPath(new URL('../../tsconfig.node.json', import.meta.url));

export type CommandResult = { code: number | null; stdout: string; stderr: string };

export function runScript(script: string, args: string[], env: Record<string, string | undefined>, timeoutMs = 60_000): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, '--tsconfig', TSCONFIG, script, ...args], {
      cwd: projectRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export const runCli = (args: string[], env: Record<string, string | undefined> = {}) =>
  runScript('src/cli/main.ts', args, { DATABASE_URL: process.env.DATABASE_URL, ...env });
