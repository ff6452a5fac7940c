// What the notification code needs from the environment: the site's address for links, the
// secret that signs unsubscribe links, and the domain of Message-IDs.
export type NotificationSettings = { siteUrl: string; secret: string; messageIdDomain: string };

/** The site's address (NEXTAUTH_URL), for links in emails and on certificates. */
export function siteUrlOf(source: Record<string, string | undefined> = process.env): string {
  return (source.NEXTAUTH_URL ?? `http://localhost:${source.PORT ?? 3000}`).replace(/\/+$/, '');
}

export function notificationSettings(source: Record<string, string | undefined> = process.env): NotificationSettings {
  const siteUrl = siteUrlOf(source);
  const secret = source.NEXTAUTH_SECRET;
  if (!secret) throw new Error('NEXTAUTH_SECRET is not set: it signs the unsubscribe links in emails.');
  return { siteUrl, secret, messageIdDomain: new URL(siteUrl).hostname };
}

export function unsubscribeUrl(settings: NotificationSettings, token: string): string {
  return `${settings.siteUrl}/unsubscribe?token=${encodeURIComponent(token)}`;
}

/** The one-click endpoint (RFC 8058): a POST with no cookie turns the topic off. */
export function oneClickUnsubscribeUrl(settings: NotificationSettings, token: string): string {
  return `${settings.siteUrl}/api/unsubscribe?token=${encodeURIComponent(token)}`;
}
