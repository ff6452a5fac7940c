// Delivers a magic link: through SMTP when SMTP_URL is set; otherwise (local mode only) into
// the dev mailbox page and the server log, so a newcomer without a mail server can sign in.
import { createTransport } from 'nodemailer';
import { systemContext } from '@/server/services/context';
import { saveDevMailboxMessage } from '@/server/services/dev-mailbox/dev-mailbox';
import type { AuthSettings } from './settings';

/** Whether the link returns to an application form: then it confirms an application. */
function confirmsApplication(url: string): boolean {
  try {
    const callback = new URL(url).searchParams.get('callbackUrl');
    return callback !== null && new URL(callback, url).pathname.startsWith('/apply/');
  } catch {
    return false;
  }
}

export async function sendSignInEmail(settings: AuthSettings, to: string, url: string, minutes: number): Promise<void> {
  const applying = confirmsApplication(url);
  const subject = applying ? 'Confirm your application on Fellowship' : 'Your sign-in link for Fellowship';
  const action = applying ? 'confirm your email address and send your application' : 'sign in to Fellowship';
  const text = `Hello,\n\nUse this link to ${action}. It works once, within ${minutes} minutes:\n\n${url}\n\nIf you did not ask for it, you can ignore this email.\n`;
  if (settings.smtpUrl) {
    const transport = createTransport(settings.smtpUrl);
    await transport.sendMail({
      to,
      from: settings.emailFrom,
      subject,
      text,
      html: `<p>Hello,</p><p>Use this link to ${action}. It works once, within ${minutes} minutes:</p><p><a href="${escapeHtml(url)}">${applying ? 'Confirm my application' : 'Sign in to Fellowship'}</a></p><p>If you did not ask for it, you can ignore this email.</p>`,
    });
    return;
  }
  if (!settings.devMailbox) throw new Error('No way to send email: set SMTP_URL.');
  await saveDevMailboxMessage(systemContext(), { to, subject, text, url });
  console.log(`[fellowship] Sign-in link for ${to} (dev mailbox, no SMTP_URL set): ${url}`);
}

function escapeHtml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
