// The help text, written from the command table so that the two cannot drift apart.
import type { Command } from './command';

/** Where each command's summary starts: a synopsis longer than this gets lines of its own. */
const SUMMARY_COLUMN = 36;

function commandLines(command: Command): string[] {
  const indent = ' '.repeat(SUMMARY_COLUMN);
  const [first, ...more] = command.synopsis.map((line) => `  ${line}`);
  const [summary, ...rest] = command.summary;
  if (more.length === 0 && first!.length + 2 <= SUMMARY_COLUMN) {
    return [first!.padEnd(SUMMARY_COLUMN) + summary, ...rest.map((line) => indent + line)];
  }
  return [first!, ...more, ...command.summary.map((line) => indent + line)];
}

export function usageText(commands: readonly Command[]): string {
  return `Usage: fellowship <command> [options]

Commands:
${commands.flatMap(commandLines).join('\n')}

Options:
  --json      Print the result as JSON (for scripts)
  -h, --help  Show this help

Without DATABASE_URL the embedded PostgreSQL in FELLOWSHIP_DATA_DIR is used (reused when
\`npm start\` is running, otherwise started for the command and stopped after it).`;
}
