// Announcements as their recipients read them: subject, who wrote it and when, the text.
import type { AnnouncementRow } from '@/server/services/announcements/announcements';

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export function AnnouncementList({ announcements, showCounts = false }: { announcements: AnnouncementRow[]; showCounts?: boolean }) {
  return (
    <ul className="grid gap-3">
      {announcements.map((announcement) => (
        <li key={announcement.id} className="rounded-xl border border-line bg-surface p-4">
          <h3 className="font-semibold">{announcement.subject}</h3>
          <p className="text-[0.9rem] text-muted">
            {announcement.authorName} · <time dateTime={announcement.createdAt.toISOString()}>{DATE.format(announcement.createdAt)}</time>
            {showCounts ? ` · to ${announcement.recipientCount}${announcement.atRiskOnly ? ' at risk' : ''}` : ''}
          </p>
          <div className="mt-2 grid max-w-[70ch] gap-2">
            {announcement.body
              .split(/\n{2,}/)
              .filter((paragraph) => paragraph.trim())
              .map((paragraph, index) => (
                <p key={index} className="whitespace-pre-line">
                  {paragraph}
                </p>
              ))}
          </div>
        </li>
      ))}
    </ul>
  );
}
