'use client';

// Which meeting's sheet to show. The choice lives in the address (?group=…&meeting=…), so a
// reload, a bookmark or the back button keeps it.
import { useRouter } from 'next/navigation';
import { inputClasses } from '@/components/ui/button-styles';

export function MeetingPicker({
  groupId,
  meetings,
  value,
}: {
  groupId: string;
  meetings: { id: string; label: string }[];
  value: string;
}) {
  const router = useRouter();
  return (
    <div>
      <label htmlFor="meeting-picker" className="block font-medium">
        Meeting
      </label>
      <select
        id="meeting-picker"
        className={`${inputClasses} mt-1`}
        value={value}
        onChange={(event) =>
          router.push(`?group=${encodeURIComponent(groupId)}&meeting=${encodeURIComponent(event.target.value)}`, { scroll: false })
        }
      >
        {meetings.map((meeting) => (
          <option key={meeting.id} value={meeting.id}>
            {meeting.label}
          </option>
        ))}
      </select>
    </div>
  );
}
