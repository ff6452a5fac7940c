// Runs last (tests/setup/last-files-sequencer.ts): everything the e2e app logged while every
// other browser test used it, searched for what must never be logged. Session ids are read
// from the database, magic-link and unsubscribe secrets from the emails the app sent, API
// tokens by their shape, and the email bodies by their text.
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { listMail, sql } from './support';

const log = () => readFileSync(inject('appLogFile'), 'utf8');

function secretsInLinks(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/https?:\/\/[^\s"'<>]+/g)) {
    let url: URL;
    try {
      url = new URL(match[0]);
    } catch {
      continue;
    }
    for (const key of ['token', 't', 'code', 'secret']) {
      const value = url.searchParams.get(key);
      if (value && value.length >= 16) found.push(value);
    }
  }
  return found;
}

describe('the logs of the whole e2e run', () => {
  it('hold one JSON line per request, and no session id, token, sign-in secret or email body', async () => {
    const text = log();
    const requestLines = text.split('\n').filter((line) => line.includes('"msg":"request"'));
    // Something to search: every other e2e file made requests.
    expect(requestLines.length).toBeGreaterThan(100);
    for (const line of requestLines.slice(0, 50)) expect(JSON.parse(line)).toHaveProperty('requestId');

    const sessions = (await sql<{ sessionToken: string }>('SELECT "sessionToken" FROM "Session"')).map((row) => row.sessionToken);
    expect(sessions.length).toBeGreaterThan(0);
    const mail = listMail();
    const linkSecrets = mail.flatMap((message) => secretsInLinks(message.text));
    expect(linkSecrets.length).toBeGreaterThan(0);
    // A long, distinctive line of each email's text (the greeting lines are the same in all).
    const bodies = mail.flatMap((message) => message.text.split('\n').filter((line) => line.trim().length > 60).slice(0, 1));

    const leaks = [
      ...sessions.filter((secret) => text.includes(secret)).map(() => 'a session id'),
      ...linkSecrets.filter((secret) => text.includes(secret)).map(() => 'a secret from an emailed link'),
      ...(text.match(/fsk_[a-z2-7]{20,}/gi) ?? []).map(() => 'an API token'),
      ...bodies.filter((line) => text.includes(line.trim())).map((line) => `an email's text: ${line.slice(0, 40)}…`),
      ...(/(next-auth\.session-token|authorization|cookie)"?\s*[:=]/i.test(text) ? ['a header with credentials'] : []),
    ];
    expect(leaks).toEqual([]);
  });
});
