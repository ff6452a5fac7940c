// Time estimates as syllabi write them: "20 min", "25 mins", "1hr 30 min", "2h 15min", "2h",
// "1.5 hours", "30+ mins", "< 200 mins", "~20 min", "20-30 min".

export type Duration = {
  minutes: number;
  /** How the estimate bounds the real time: "<" (at most), ">" (at least) or "=" (about). */
  bound: '<' | '>' | '=';
};

const HOURS = String.raw`(?:h|hr|hrs|hour|hours)\.?`;
const MINUTES = String.raw`(?:m|min|mins|minute|minutes)\.?`;
const NUMBER = String.raw`\d+(?:\.\d+)?`;
const AMOUNT = String.raw`(${NUMBER})\s*(\+)?\s*(?:(${HOURS})\s*(?:(?:and\s+)?(\d+)\s*(?:${MINUTES})?)?|(${MINUTES}))\s*(\+)?`;
const AMOUNT_RE = new RegExp(String.raw`^${AMOUNT}$`, 'i');
const RANGE_RE = new RegExp(String.raw`^(${NUMBER})\s*(?:-|–|—|to)\s*(${NUMBER})\s*(?:(${HOURS})|(${MINUTES}))$`, 'i');
const AT_MOST_RE = /^(?:<=?|≤|under|up to|at most|max\.?|maximum|less than)\s*/i;
const AT_LEAST_RE = /^(?:>=?|≥|over|at least|min\.?|more than)\s*/i;
const ABOUT_RE = /^(?:~|≈|about|approx\.?|approximately|around|roughly|ca\.?)\s*/i;

/** The minutes a time estimate stands for, or null when the text is not one. */
export function parseDuration(raw: string): Duration | null {
  let text = raw.trim().replace(/\s+/g, ' ');
  let bound: Duration['bound'] = '=';
  if (AT_MOST_RE.test(text)) {
    bound = '<';
    text = text.replace(AT_MOST_RE, '');
  } else if (AT_LEAST_RE.test(text)) {
    bound = '>';
    text = text.replace(AT_LEAST_RE, '');
  } else if (ABOUT_RE.test(text)) {
    text = text.replace(ABOUT_RE, '');
  }

  const range = RANGE_RE.exec(text);
  if (range) {
    // A range counts as its lower end, like "30+": the smallest time the syllabus promises.
    const factor = range[3] ? 60 : 1;
    const minutes = Math.round(Number(range[1]) * factor);
    return minutes > 0 ? { minutes, bound } : null;
  }

  const match = AMOUNT_RE.exec(text);
  if (!match) return null;
  const [, amount, plusBefore, hoursUnit, extraMinutes, minutesUnit, plusAfter] = match;
  let minutes: number;
  if (hoursUnit) minutes = Number(amount) * 60 + Number(extraMinutes ?? 0);
  else if (minutesUnit) minutes = Number(amount);
  else return null;
  minutes = Math.round(minutes);
  if (minutes <= 0 || minutes > 100_000) return null;
  if (plusBefore || plusAfter) bound = '>';
  return { minutes, bound };
}

/** 20 → "20 min", 90 → "1h 30 min", 120 → "2h": the exporter's form when none was written. */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours}h` : `${hours}h ${rest} min`;
}

/** The text to write for an estimate: as the syllabus wrote it when that still says the same. */
export function durationText(minutes: number, written: string | null): string {
  if (written && parseDuration(written)?.minutes === minutes) return written;
  return formatDuration(minutes);
}

/** Whether a sum of item minutes agrees with a stated total, given how the total bounds it. */
export function agreesWithStated(sum: number, stated: Duration): boolean {
  if (stated.bound === '<') return sum <= stated.minutes;
  if (stated.bound === '>') return sum >= stated.minutes;
  return sum === stated.minutes;
}
